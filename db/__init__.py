"""The core of Truce Ledger: the database file, its records, rules and reports.

Imports no Qt: the command line, the window and the tests all call these functions.
"""
from .breach_read import truce_in_force
from .breaches import (delete_breach, delete_breaches, find_duplicate, get_breach,
                       restore_breach, restore_breaches, save_breach, save_breach_changes,
                       validate_breach)
from .dates import DateError, parse_day
from .errors import (BadFileError, BusyError, ConflictError, DuplicateBreachError, LedgerError,
                     NotFoundError, ValidationError)
from .history import changed_fields, record_history
from .listing import (BreachCount, BreachFilter, breach_position, count_breaches, has_any_breach,
                      list_breaches)
from .lists import (actors, add_actor, add_breach_type, add_truce, breach_types,
                    count_sources, find_by_name, get_source, governorates, places, save_source,
                    source_choices)
from .sources import SourceChanges, delete_source, merge_sources, rename_source
from .records import (Breach, BreachChanges, BreachRow, Change, Choice, Citation, Source, Truce,
                      Victim)
from .store import Ledger, open_ledger
from .truces import (TruceChanges, TruceEffect, delete_truce, get_truce, truce_breach_counts,
                     truce_edit_effect, update_truce)
# Last: the functions `sources` and `truces`, not the modules db/sources.py and
# db/truces.py, whose import above set these names to themselves.
from .lists import sources, truces  # noqa: E402

__all__ = [
    "BadFileError", "BusyError", "DateError", "parse_day", "Breach", "ConflictError", "BreachCount", "BreachFilter", "BreachRow", "Change", "Choice",
    "Citation", "DuplicateBreachError", "Ledger", "LedgerError", "NotFoundError", "Source",
    "Truce", "ValidationError", "Victim", "actors", "add_actor", "add_breach_type", "add_truce",
    "breach_types", "changed_fields", "count_breaches", "count_sources", "has_any_breach", "delete_breach", "delete_breaches", "restore_breaches", "find_by_name", "find_duplicate",
    "breach_position", "get_breach", "get_source", "governorates", "list_breaches",
    "open_ledger", "places",
    "SourceChanges", "delete_source", "merge_sources", "rename_source",
    "BreachChanges", "save_breach_changes", "truce_in_force",
    "record_history", "restore_breach", "save_breach", "validate_breach", "save_source", "source_choices", "sources", "truces",
    "TruceChanges", "TruceEffect", "delete_truce", "get_truce", "truce_breach_counts",
    "truce_edit_effect", "update_truce",
]
