"""Deciding the rows an import read (db/import_rows.py) against the ledger: each (new, an
update, unchanged) against the stored breaches the rows name, read a batch of keys at a
time, and checked by the editor's rules against the lists' keys held in memory; the rows
held packed, as plain tuples, from their reading to their writing (db/import_write.py). A
row that cannot be imported is told to the import's report with its reasons, as codes."""
from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import TYPE_CHECKING

from . import cell_values as cells
from .errors import Cancelled
from .import_write import _KEYS_AT_ONCE, breach_documents
from .records import Breach, Citation, Victim
from .rules import check_breach, normalized
from .schema import UNKNOWN_ACTOR_ID

if TYPE_CHECKING:
    from .import_rows import _Row
    from .import_sheets import VictimsSheet
    from .import_write import _Known
    from .importer import ImportReport


class _Planned:
    """A row as decided: `breach` as it will be stored (normalized), or as it is
    (unchanged), held packed (see _pack): a plan is held until it is written."""

    __slots__ = ("number", "key", "action", "before", "_values")

    def __init__(self, number: int, key: str, action: str, before: dict | None,
                 packed: tuple):
        self.number, self.key, self.action = number, key, action
        self.before = before  # the stored breach it was decided against (for an update)
        self._values = packed  # the breach, _pack'ed

    @property
    def breach(self) -> Breach:
        return _unpack(self._values)


# A breach's fields in their order (its __init__'s), read in one call; and the place of
# each of its lists of records, with the record's class and a reader of its fields.
_FIELDS = attrgetter(*(f.name for f in fields(Breach)))
_LISTED = [(index, name, kind, attrgetter(*(f.name for f in fields(kind))))
           for index, f in enumerate(fields(Breach))
           for name, kind in (("citations", Citation), ("victims", Victim)) if f.name == name]


def _pack(breach: Breach) -> tuple:
    """A breach as plain tuples, its fields in their order: a fifth of a breach's size,
    for the rows an import holds from the reading of the file to its writing."""
    values = list(_FIELDS(breach))
    for index, _name, _kind, read in _LISTED:
        values[index] = tuple(map(read, values[index]))
    return tuple(values)


def _unpack(values: tuple) -> Breach:
    breach = Breach(*values)
    for index, name, kind, _read in _LISTED:
        setattr(breach, name, [kind(*child) for child in values[index]])
    return breach


# A breach's fields that a file may leave out; an update keeps ours for those it does.
_OPTIONAL_FIELDS = ("occurred_at", "district", "place", "latitude", "longitude",
                    "description", "status", "killed", "killed_max", "women", "women_max",
                    "children", "children_max", "injured", "injured_max", "truce_id")


def _plan(known: _Known, rows: list[_Row], present: set[str], victims: VictimsSheet,
          report: ImportReport, progress) -> list[_Planned]:
    """What to do with each row, decided against the database as it is in the plan's
    read transaction: new, an update (the file's row changed later than ours) or
    unchanged; a row that cannot be imported is told to `report`."""
    rows = [row for row in rows if row.key is not None]
    stored = known.stored([row.key for row in rows])
    actions = [_action(stored.get(row.key), row.updated_at) for row in rows]
    updating = [row.key for row, action in zip(rows, actions) if action == "update"]
    documents = {}
    for start in range(0, len(updating), _KEYS_AT_ONCE):
        documents.update(breach_documents(known.conn, updating[start:start + _KEYS_AT_ONCE]))
    plan, total = [], len(rows)
    for done, (row, action) in enumerate(zip(rows, actions), start=1):  # rows let go of
        planned = _decide(known, row, action, stored.get(row.key),
                          documents.pop(row.key, None), present, victims, report)
        row.let_go()  # as read: what is kept is the breach as it will be stored
        if planned is not None:
            _count(report, planned.action)
            plan.append(planned)
        if done % 2000 == 0 and progress is not None and progress(done, 2 * total) is False:
            raise Cancelled
    return plan


def _decide(known: _Known, row: _Row, action: str, light: tuple | None, stored: dict | None,
            present: set[str], victims: VictimsSheet, report: ImportReport) -> _Planned | None:
    """The row as planned, its `action` (_action) decided against the stored breach
    (`light`: its updated_at and deleted_at; `stored`: its document, for an update); None
    (and a problem told to `report`) when the row cannot be imported."""
    if action == "update" and light[1]:
        report.refused += 1
        report.add_problem(row.number, "row_in_trash")
        return None
    if action == "unchanged":  # kept as read: nothing of it is written
        return _Planned(row.number, row.key, action, None, row.packed)
    breach = row.breach
    if stored is not None:
        for name in _OPTIONAL_FIELDS:
            if name.removesuffix("_id") not in present and name not in present:
                setattr(breach, name, stored[name])
        breach.citations = _kept_citations(stored, breach.citations)
    breach.victims = victims.for_breach(breach.id, stored)
    problems = check_breach(breach, known.exists, known.today)
    if problems:
        report.refused += 1
        report.add_problem(row.number, "rules", rules=list(problems.codes.values()))
        return None
    breach = normalized(breach)
    # What the write would pick, picked here, so that the plan is what is written.
    breach.truce_id = breach.truce_id or known.truce_on(breach.occurred_on)
    if not breach.actor_id:
        breach.actor_id = (known.names.make("actor", breach.actor_name) if breach.actor_name
                           else UNKNOWN_ACTOR_ID)
    for citation in breach.citations:
        citation.source_id = citation.source_id or known.names.make(
            "source", citation.source_name)
    report.victims += len(breach.victims)
    return _Planned(row.number, breach.id, action, stored, _pack(breach))


def _count(report: ImportReport, action: str) -> None:
    counter = {"new": "new", "update": "updated", "unchanged": "unchanged"}[action]
    setattr(report, counter, getattr(report, counter) + 1)


def _action(light: tuple | None, updated_at: str | None) -> str:
    if light is None:
        return "new"
    # A spreadsheet keeps times to the millisecond: compare both sides so rounded.
    if updated_at and cells.to_millisecond(updated_at) > cells.to_millisecond(light[0]):
        return "update"
    return "unchanged"  # the file's row is not newer than the database's


def _kept_citations(stored: dict, wanted: list[Citation]) -> list[Citation]:
    """The row's sources, keeping the citations (and their references) already stored."""
    by_source = {c["source_id"]: c for c in stored["citations"]}
    kept = []
    for citation in wanted:
        old = by_source.get(citation.source_id) if citation.source_id else None
        kept.append(Citation(source_id=old["source_id"], reference=old["reference"],
                             reported_on=old["reported_on"], note=old["note"], id=old["id"],
                             source_name=citation.source_name) if old else citation)
    return kept
