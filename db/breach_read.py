"""A breach as the file holds it, read back: its columns, the whole breach with its
citations and victims in one statement (breach_document, as the change log keeps it),
as a Breach (get_breach); the live breach it may duplicate; the truce in force on a day.
"""
from __future__ import annotations

import json
from dataclasses import fields
from typing import Iterable, TypeVar

from .cipher import sqlite3
from .errors import NotFoundError
from .fold import fold
from .ledger import Ledger, fetch_dicts
from .records import Breach, Citation, Victim

T = TypeVar("T")

BREACH_COLUMNS = (
    "id", "occurred_on", "occurred_at", "truce_id", "governorate_id", "district", "place",
    "latitude", "longitude", "actor_id", "breach_type_id", "description",
    "killed", "killed_max", "women", "women_max", "children", "children_max",
    "injured", "injured_max", "status", "office", "entered_by",
    "created_at", "updated_at", "deleted_at",
)
CITATION_COLUMNS = ("id", "source_id", "reference", "reported_on", "note", "position")
VICTIM_COLUMNS = ("id", "name", "name_latin", "sex", "age", "age_group", "outcome", "civilian",
                  "confidential", "notes", "position")
_TIMES = ("created_at", "updated_at", "deleted_at")
# The truce in force on a day (`{day}`: the day's parameter): the latest to start.
_TRUCE_ON = ("SELECT id FROM truce WHERE deleted_at IS NULL AND start_date <= {day}"
             " AND (end_date IS NULL OR end_date >= {day}) ORDER BY start_date DESC LIMIT 1")
def _content(document: dict) -> dict:
    """A breach document without its timestamps, to tell whether a save changed anything."""
    strip = lambda row: {k: v for k, v in row.items() if k not in _TIMES}  # noqa: E731
    content = strip(document)
    content["citations"] = [strip(c) for c in document["citations"]]
    content["victims"] = [strip(v) for v in document["victims"]]
    return content


def live_children(table: str, columns: tuple[str, ...]) -> str:
    """A breach's (`b`) live citations (or victims) as one JSON array, in their order: a
    subquery of breach_document, and of the change-log entries a merge writes (db.merge)."""
    pairs = ", ".join(f"'{c}', {c}" for c in columns + _TIMES)
    return (f"(SELECT json_group_array(json(child)) FROM (SELECT json_object({pairs}) AS child"
            f" FROM {table} WHERE breach_id = b.id AND deleted_at IS NULL"
            " ORDER BY position, created_at))")


_DOCUMENT = (f"SELECT b.*, {live_children('citation', CITATION_COLUMNS)} AS citations,"
             f" {live_children('victim', VICTIM_COLUMNS)} AS victims"
             " FROM breach b WHERE b.id = ?")


def breach_document(conn: sqlite3.Connection, key: str | None) -> dict | None:
    """The breach with its live citations and victims as plain dicts, or None: one
    statement."""
    if not key:
        return None
    rows = fetch_dicts(conn, _DOCUMENT, (key,))
    if not rows:
        return None
    document = rows[0]
    document["citations"] = json.loads(document["citations"])
    document["victims"] = json.loads(document["victims"])
    return document


def get_breach(ledger: Ledger, key: str) -> Breach:
    """The breach with this key, deleted or not, with its citations and victims."""
    document = breach_document(ledger.conn, key)
    if document is None:
        raise NotFoundError("no_breach", key=key)
    names = dict(ledger.conn.execute(
        "SELECT s.id, s.name FROM citation c JOIN source s ON s.id = c.source_id"
        " WHERE c.breach_id = ?", (key,)).fetchall())
    return _as_breach(document, names)


def _as_breach(document: dict, names: dict[str, str]) -> Breach:
    """A breach document (breach_document) as a Breach; `names`: the cited sources' names
    by key."""
    breach_fields = {f.name for f in fields(Breach)}
    breach = Breach(**{k: v for k, v in document.items()
                       if k in breach_fields and k not in ("citations", "victims")})
    breach.citations = [
        Citation(source_id=c["source_id"], reference=c["reference"], reported_on=c["reported_on"],
                 note=c["note"], id=c["id"], source_name=names.get(c["source_id"], ""))
        for c in document["citations"]]
    breach.victims = [Victim(**{k: c[k] for k in VICTIM_COLUMNS if k != "position"})
                      for c in document["victims"]]
    for victim in breach.victims:
        victim.confidential = bool(victim.confidential)
    return breach


def find_duplicate(conn: sqlite3.Connection, breach: Breach) -> str | None:
    """The key of a live breach other than this one with the same date, governorate, place
    and type (the places compared with spelling folded, db/fold.py: "مدرسه" is "مدرسة"),
    or None. The window says which breach it is, in its own language."""
    row = conn.execute(
        "SELECT b.id FROM breach_key k JOIN breach b ON b.id = k.breach_id"
        " WHERE k.place_key = ? AND b.deleted_at IS NULL AND b.occurred_on = ?"
        " AND b.governorate_id = ? AND b.breach_type_id = ? AND b.id IS NOT ?"
        " ORDER BY b.created_at LIMIT 1",
        (fold(breach.place), breach.occurred_on, breach.governorate_id, breach.breach_type_id,
         breach.id)).fetchone()
    return row[0] if row else None


def truce_in_force(truces: Iterable[tuple[object, object, T]], day: str) -> T | None:
    """Of `truces`, as (start, end, what) with the latest start first, the `what` of the one
    in force on `day` (ISO): the rule of truce_for_date, for truces held in memory (the
    editor's "by date", an import's plan)."""
    return next((what for start, end, what in truces
                 if str(start) <= day and (not end or day <= str(end))), None)


def truce_for_date(conn: sqlite3.Connection, day: str) -> str | None:
    """The truce in force on `day` (the latest to start, if several), or None."""
    row = conn.execute(_TRUCE_ON.format(day="?1"), (day,)).fetchone()
    return row[0] if row else None
