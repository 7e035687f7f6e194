"""Saving, reading, deleting and restoring breaches, each as one transaction.

A save writes the breach, its citations and its victims, and one change-log entry
holding the whole breach before and after; all of it reaches the file, or none.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, fields
from datetime import date

from .errors import (ConflictError, DuplicateBreachError, LedgerError, NotFoundError,
                     ValidationError)
from .fold import find_named, fold
from .listing import BreachCount, BreachFilter
from .records import Breach, Citation, Victim, new_id, timestamp_after
from .rules import MAX_COUNT, check_breach, clean_text, normalized
from .schema import UNKNOWN_ACTOR_ID
from .store import Ledger, fetch_dicts

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
_LIST_TABLES = {"governorate": "gazetteer", "actor": "actor", "breach_type": "breach_type",
                "source": "source", "truce": "truce"}


_UPSERT_BREACH = (
    f"INSERT INTO breach ({', '.join(BREACH_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(BREACH_COLUMNS))})"
    " ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in BREACH_COLUMNS if c != "id"))


class _Unchanged(Exception):
    """Raised inside a save that changed nothing, so that nothing is written."""


def record_exists(conn: sqlite3.Connection, kind: str, key: str) -> bool:
    """Whether a live list entry or record of `kind` (governorate, actor, …) has this key."""
    sql = f"SELECT 1 FROM {_LIST_TABLES[kind]} WHERE id = ? AND deleted_at IS NULL"
    if kind == "governorate":
        sql += " AND kind = 'governorate'"
    return conn.execute(sql, (key,)).fetchone() is not None


def save_breach(ledger: Ledger, breach: Breach, *, allow_duplicate: bool = False,
                today: date | None = None, imported: bool = False,
                validated: bool = False) -> Breach | None:
    """Save a new breach (no `id`, or an id not yet in the file) or the edits of one.

    Raises ValidationError naming each failed field; DuplicateBreachError when a new
    breach (or an edit that moves one) has the same date, governorate, place and type as
    a live breach, unless `allow_duplicate`; ConflictError when `breach.updated_at` is
    given and the stored breach has changed since. A disk or database failure raises
    LedgerError; in every case nothing is saved. Returns the breach as stored.

    `imported`: the breach comes from a file that says when it was made and last changed
    (`created_at`, `updated_at`, office, entered by): those are kept, and the caller has
    already decided that the file's version is the newer one. `validated`: the caller
    has just checked the breach with `validate_breach`, in the same transaction, and
    needs nothing back (an import of many rows): None is returned.
    """
    if not validated:
        validate_breach(ledger, breach, today)
    breach = normalized(breach)
    try:
        with ledger.transaction() as conn:
            before = breach_document(conn, breach.id) if breach.id else None
            if before and before["deleted_at"]:
                raise ValidationError.of("id", "in_trash")
            if (before and breach.updated_at and not imported
                    and breach.updated_at != before["updated_at"]):
                raise ConflictError(
                    "conflict")
            if not allow_duplicate and _moved(before, breach):
                twin = find_duplicate(conn, breach)
                if twin:
                    raise DuplicateBreachError(twin)
            key = breach.id or new_id()
            now = timestamp_after(before["updated_at"] if before else None)
            if imported and breach.updated_at:
                now = breach.updated_at
            values = _breach_values(conn, breach, key, ledger, before, now)
            conn.execute(_UPSERT_BREACH, [values[c] for c in BREACH_COLUMNS])
            if not breach.actor_id and breach.actor_name:
                values["actor_id"] = _entry_named(conn, ledger, "actor", breach.actor_name, now,
                                                  breach.actor_name_ar)
                conn.execute("UPDATE breach SET actor_id = ? WHERE id = ?",
                             (values["actor_id"], key))
            for citation in breach.citations:
                if not citation.source_id:
                    citation.source_id = _entry_named(conn, ledger, "source",
                                                          citation.source_name, now)
            _save_children(conn, "citation", CITATION_COLUMNS, key,
                           [asdict(c) for c in breach.citations], now)
            _save_children(conn, "victim", VICTIM_COLUMNS, key,
                           [asdict(v) for v in breach.victims], now)
            after = breach_document(conn, key)
            if before is not None and _content(before) == _content(after):
                raise _Unchanged
            log_change(conn, ledger, "breach", key, "update" if before else "insert",
                       before, after, now)
    except _Unchanged:
        key = breach.id
    except (sqlite3.Error, OSError) as error:
        raise LedgerError("not_saved",
                          reason=str(error)) from None
    return None if validated else get_breach(ledger, key)


def count_shown(ledger: Ledger, where: BreachFilter | None = None
                ) -> tuple[BreachCount, LedgerError | None]:
    """count_breaches for the window, which must neither fail nor show a wrong sum on a
    file holding a count out of range. Discounted breaches are counted among those shown
    and kept out of the killed sum, as they are out of every total.

    When a breach counted holds a killed count outside 0..MAX_COUNT (the editor and the
    import refuse one; an older version let it in), the killed sum is None, since it would
    be a wrong figure or overflow, and the error (not raised) says why."""
    condition, params = (where or BreachFilter()).where()
    summed = "b.status != 'discounted'"
    outside = f"{summed} AND (typeof(b.killed) != 'integer' OR b.killed NOT BETWEEN 0 AND ?)"
    breaches, killed, wrong, first_day, largest = ledger.conn.execute(
        f"SELECT count(*), coalesce(sum(CASE WHEN {summed} AND NOT ({outside}) THEN b.killed"
        f" END), 0), count(CASE WHEN {outside} THEN 1 END),"
        f" min(CASE WHEN {outside} THEN b.occurred_on END),"
        f" max(CASE WHEN {outside} THEN b.killed END) FROM breach b WHERE {condition}",
        [MAX_COUNT] * 4 + params).fetchone()
    if not wrong:
        return BreachCount(breaches, killed), None
    return BreachCount(breaches, None), LedgerError(
        "count_out_of_range", count=wrong, day=first_day, value=largest, limit=MAX_COUNT)


def validate_breach(ledger: Ledger, breach: Breach, today: date | None = None) -> None:
    """Check `breach` against every rule without saving; raises ValidationError."""
    problems = check_breach(breach, lambda kind, key: record_exists(ledger.conn, kind, key),
                            today)
    if problems:
        raise ValidationError(problems.codes)


def _moved(before: dict | None, breach: Breach) -> bool:
    """Whether a save makes a breach that may duplicate another: a new one, or an edit of
    its date, governorate, place or type. Other edits of a knowingly kept look-alike pass."""
    if before is None:
        return True
    return (before["occurred_on"], before["governorate_id"], before["breach_type_id"],
            fold(before["place"])) != (breach.occurred_on, breach.governorate_id,
                                       breach.breach_type_id, fold(breach.place))


def _breach_values(conn, breach: Breach, key: str, ledger: Ledger, before: dict | None,
                   now: str) -> dict:
    values = {name: getattr(breach, name) for name in BREACH_COLUMNS if name not in _TIMES}
    values["id"] = key
    values["actor_id"] = breach.actor_id or UNKNOWN_ACTOR_ID
    values["truce_id"] = breach.truce_id or truce_for_date(conn, breach.occurred_on)
    if before and not (breach.office or breach.entered_by):
        values["office"], values["entered_by"] = before["office"], before["entered_by"]
    else:
        values["office"] = breach.office or ledger.office
        values["entered_by"] = breach.entered_by or ledger.user
    values["created_at"] = before["created_at"] if before else (breach.created_at or now)
    values["updated_at"] = now
    values["deleted_at"] = None
    return values


def _entry_named(conn: sqlite3.Connection, ledger: Ledger, table: str, name: str,
                 now: str, name_ar: str = "") -> str:
    """The live actor or source called `name` (any case, or spelt another way; for an
    actor, its Arabic name too: db.fold.find_named), made now if there is none (an actor
    with `name_ar`, its Arabic name)."""
    found = find_named(conn, table, name)
    if found:
        return found
    key = new_id()
    conn.execute(f"INSERT INTO {table} (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                 (key, name, now, now))
    if table == "actor" and clean_text(name_ar):
        conn.execute("UPDATE actor SET name_ar = ? WHERE id = ?", (clean_text(name_ar), key))
    log_change(conn, ledger, table, key, "insert", None,
               fetch_dicts(conn, f"SELECT * FROM {table} WHERE id = ?", (key,))[0], now)
    return key


def child_values(child: dict, columns: tuple[str, ...], position: int, kept: set) -> dict:
    """A citation's or victim's values as they are stored: its place in the breach's list,
    a flag as 0 or 1, and no key when the same entry came already (both are kept, as two;
    `kept` holds the keys already taken)."""
    values = {c: child.get(c) for c in columns}
    values["position"] = position
    if values["id"] in kept:
        values["id"] = None
    if isinstance(values.get("confidential"), bool):
        values["confidential"] = int(values["confidential"])
    return values


def _save_children(conn: sqlite3.Connection, table: str, columns: tuple[str, ...],
                   breach_id: str, wanted: list[dict], now: str) -> None:
    """Make the live citations (or victims) of a breach those of `wanted`.

    Rows keep their keys; changed ones are updated, missing ones become tombstones.
    """
    existing = {row["id"]: row for row in fetch_dicts(conn, f"SELECT * FROM {table} WHERE breach_id = ?",
                                                (breach_id,))}
    kept = set()
    for position, child in enumerate(wanted):
        values = child_values(child, columns, position, kept)
        old = existing.get(values["id"]) if values["id"] else None
        if old is None:
            values["id"] = values["id"] if values["id"] and not _taken(conn, table, values["id"]) \
                else new_id()
            names = ("breach_id",) + columns + ("created_at", "updated_at")
            conn.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES"
                         f" ({', '.join('?' * len(names))})",
                         [breach_id] + [values[c] for c in columns] + [now, now])
        elif old["deleted_at"] or any(old[c] != values[c] for c in columns):
            assignments = ", ".join(f"{c} = ?" for c in columns[1:])
            conn.execute(f"UPDATE {table} SET {assignments}, updated_at = ?, deleted_at = NULL"
                         f" WHERE id = ?", [values[c] for c in columns[1:]] + [now, values["id"]])
        kept.add(values["id"])
    for key, old in existing.items():
        if key not in kept and old["deleted_at"] is None:
            conn.execute(f"UPDATE {table} SET deleted_at = ?, updated_at = ? WHERE id = ?",
                         (now, now, key))


def _taken(conn: sqlite3.Connection, table: str, key: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (key,)).fetchone() is not None


def _content(document: dict) -> dict:
    """A breach document without its timestamps, to tell whether a save changed anything."""
    strip = lambda row: {k: v for k, v in row.items() if k not in _TIMES}  # noqa: E731
    content = strip(document)
    content["citations"] = [strip(c) for c in document["citations"]]
    content["victims"] = [strip(v) for v in document["victims"]]
    return content


def breach_document(conn: sqlite3.Connection, key: str | None) -> dict | None:
    """The breach with its live citations and victims as plain dicts, or None."""
    if not key:
        return None
    rows = fetch_dicts(conn, "SELECT * FROM breach WHERE id = ?", (key,))
    if not rows:
        return None
    document = rows[0]
    document["citations"] = fetch_dicts(
        conn, "SELECT * FROM citation WHERE breach_id = ? AND deleted_at IS NULL"
              " ORDER BY position, created_at", (key,))
    document["victims"] = fetch_dicts(
        conn, "SELECT * FROM victim WHERE breach_id = ? AND deleted_at IS NULL"
              " ORDER BY position, created_at", (key,))
    for child in document["citations"] + document["victims"]:
        child.pop("breach_id", None)
    return document


def get_breach(ledger: Ledger, key: str) -> Breach:
    """The breach with this key, deleted or not, with its citations and victims."""
    document = breach_document(ledger.conn, key)
    if document is None:
        raise NotFoundError("no_breach", key=key)
    names = dict(ledger.conn.execute(
        "SELECT s.id, s.name FROM citation c JOIN source s ON s.id = c.source_id"
        " WHERE c.breach_id = ?", (key,)).fetchall())
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


def truce_for_date(conn: sqlite3.Connection, day: str) -> str | None:
    """The truce in force on `day` (the latest to start, if several), or None."""
    row = conn.execute(
        "SELECT id FROM truce WHERE deleted_at IS NULL AND start_date <= ?"
        " AND (end_date IS NULL OR end_date >= ?) ORDER BY start_date DESC LIMIT 1",
        (day, day)).fetchone()
    return row[0] if row else None


def delete_breach(ledger: Ledger, key: str) -> None:
    """Move a breach to the Trash: it stays in the file as a tombstone, out of every list."""
    _set_deleted(ledger, key, deleting=True)


def restore_breach(ledger: Ledger, key: str) -> None:
    """Bring a breach back from the Trash."""
    _set_deleted(ledger, key, deleting=False)


def delete_breaches(ledger: Ledger, keys: list[str]) -> list[str]:
    """Move breaches to the Trash, all or none (one delete of the window's selection).
    Returns the keys moved."""
    with ledger.transaction():
        for key in keys:
            _set_deleted(ledger, key, deleting=True)
    return list(keys)


def restore_breaches(ledger: Ledger, keys: list[str]) -> list[str]:
    """Bring breaches back from the Trash, all or none. Returns the keys restored."""
    with ledger.transaction():
        for key in keys:
            _set_deleted(ledger, key, deleting=False)
    return list(keys)


def _set_deleted(ledger: Ledger, key: str, deleting: bool) -> None:
    with ledger.transaction() as conn:
        before = breach_document(conn, key)
        if before is None or bool(before["deleted_at"]) == deleting:
            raise NotFoundError("no_breach", key=key)
        now = timestamp_after(before["updated_at"])
        conn.execute("UPDATE breach SET deleted_at = ?, updated_at = ? WHERE id = ?",
                     (now if deleting else None, now, key))
        if not deleting:
            _bring_back_sources(conn, ledger, key, now)
        log_change(conn, ledger, "breach", key, "delete" if deleting else "restore",
                   before, breach_document(conn, key), now)


def _bring_back_sources(conn: sqlite3.Connection, ledger: Ledger, key: str, now: str) -> None:
    """A restored breach may cite a source deleted while it was in the Trash (a source no
    live breach cited): that source comes back too, or, if a live source has taken its
    name meanwhile, the breach cites that one."""
    for source in fetch_dicts(
            conn, "SELECT s.* FROM source s JOIN citation c ON c.source_id = s.id"
            " WHERE c.breach_id = ? AND c.deleted_at IS NULL AND s.deleted_at IS NOT NULL",
            (key,)):
        namesake = find_named(conn, "source", source["name"])
        if namesake:
            conn.execute("UPDATE citation SET source_id = ?, updated_at = ? WHERE breach_id = ?"
                         " AND source_id = ? AND deleted_at IS NULL",
                         (namesake, now, key, source["id"]))
            continue
        conn.execute("UPDATE source SET deleted_at = NULL, updated_at = ? WHERE id = ?",
                     (now, source["id"]))
        log_change(conn, ledger, "source", source["id"], "restore", source,
                   fetch_dicts(conn, "SELECT * FROM source WHERE id = ?", (source["id"],))[0],
                   now)


def log_change(conn: sqlite3.Connection, ledger: Ledger, table: str, key: str, action: str,
               before: dict | None, after: dict | None, now: str) -> None:
    """Write one entry of the change log, inside the caller's transaction."""
    conn.execute(
        "INSERT INTO change_log (id, changed_at, user, office, record_table, record_id, action,"
        " before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (new_id(), now, ledger.user, ledger.office, table, key, action,
         json.dumps(before, ensure_ascii=False) if before is not None else None,
         json.dumps(after, ensure_ascii=False) if after is not None else None))
