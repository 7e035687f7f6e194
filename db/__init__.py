"""The core of Truce Ledger: the database file, its records, rules and reports.

Imports no Qt: the command line, the window and the tests all call these functions.

The names below are imported from their modules when first asked for (`db.save_breach`,
`from db import open_ledger`), not when the package is: a start of the window reads
neither the sources' nor the truces' edits, the undo steps nor the totals, and does not
wait for their modules. A module of the package is reached the same way (`db.records`).
"""
from __future__ import annotations

import importlib
import sys
import types

# Each name of the package, by the module that holds it.
_HOMES = {
    "breach_read": ("truce_in_force",),
    "breaches": ("delete_breach", "delete_breaches", "find_duplicate", "get_breach",
                 "restore_breach", "restore_breaches", "save_breach", "save_breach_changes",
                 "validate_breach"),
    "cipher": ("SQLiteError",),
    "dates": ("DateError", "parse_day"),
    "errors": ("BadFileError", "BusyError", "ConflictError", "DuplicateBreachError",
               "LedgerError", "NotFoundError", "PassphraseError", "ValidationError"),
    "history": ("changed_fields", "record_history"),
    "listing": ("BreachCount", "BreachFilter", "breach_position", "count_breaches",
                "has_any_breach", "list_breaches"),
    # `sources` and `truces` are functions of db/lists.py, not the modules db/sources.py
    # and db/truces.py (see _Package).
    "lists": ("actors", "add_actor", "add_breach_type", "add_truce", "breach_types",
              "count_sources", "find_by_name", "get_source", "governorates", "places",
              "save_source", "source_choices", "sources", "truces"),
    "sources": ("SourceChanges", "delete_source", "merge_sources", "rename_source"),
    "records": ("Breach", "BreachChanges", "BreachRow", "Change", "Choice", "Citation",
                "Source", "Truce", "Victim"),
    "store": ("Ledger", "open_ledger"),
    "truces": ("TruceChanges", "TruceEffect", "delete_truce", "get_truce",
               "truce_breach_counts", "truce_edit_effect", "update_truce"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}
# Names that are both a function of the package and one of its modules.
_FUNCTIONS_NOT_MODULES = frozenset({"sources", "truces"})

__all__ = sorted(_HOME_OF)


def __getattr__(name: str):
    home = _HOME_OF.get(name)
    if home is None:  # a module of the package (db.records), imported when first named
        if name.startswith("_"):
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # asked once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME_OF))


class _Package(types.ModuleType):
    """The package, whose names `sources` and `truces` stay the functions of db/lists.py
    when the modules db/sources.py and db/truces.py are imported (Python would set the
    package's attribute of each to its module)."""

    def __setattr__(self, name: str, value) -> None:
        if name in _FUNCTIONS_NOT_MODULES and isinstance(value, types.ModuleType):
            return  # the module stays in sys.modules, where its importers find it
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
