"""Saving, reading, deleting and restoring breaches, each as one transaction.

A save writes the breach, its citations and its victims, and one change-log entry
holding the whole breach before and after; all of it reaches the file, or none.
"""
from __future__ import annotations

from dataclasses import asdict
from datetime import date

from .cipher import sqlite3
from .errors import (ConflictError, DuplicateBreachError, LedgerError, NotFoundError,
                     ValidationError)
from .fold import find_named, fold
from .history import log_change
from .records import Breach, BreachChanges, new_id, timestamp_after
from .rules import check_breach, clean_text, normalized, pointed_keys
from .schema import UNKNOWN_ACTOR_ID
# Reading a breach back (db/breach_read.py), importable from here as before.
from .breach_read import (_TIMES, _TRUCE_ON, BREACH_COLUMNS, CITATION_COLUMNS,  # noqa: F401
                          VICTIM_COLUMNS, _as_breach, _content, breach_document,
                          find_duplicate, get_breach, truce_for_date)
from .store import Ledger, fetch_dicts

_LIST_TABLES = {"governorate": "gazetteer", "actor": "actor", "breach_type": "breach_type",
                "source": "source", "truce": "truce"}


# A breach written whole; with no truce given, the one in force on its day, which the
# statement returns.
_UPSERT_BREACH = (
    f"INSERT INTO breach ({', '.join(BREACH_COLUMNS)}) VALUES ("
    + ", ".join(f"coalesce(:truce_id, ({_TRUCE_ON.format(day=':occurred_on')}))"
                if c == "truce_id" else f":{c}" for c in BREACH_COLUMNS)
    + ") ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in BREACH_COLUMNS if c != "id")
    + " RETURNING truce_id")


class _Unchanged(Exception):
    """Raised inside a save that changed nothing, so that nothing is written; carries
    what the save returns."""

    def __init__(self, changes: BreachChanges):
        super().__init__()
        self.changes = changes


def live_entries(conn: sqlite3.Connection, wanted: list[tuple[str, str]]
                 ) -> dict[tuple[str, str], str]:
    """The names of those of the (kind, key) pairs `wanted` that are a live list entry or
    record, read in one statement (none when nothing is wanted)."""
    by_kind: dict[str, list[str]] = {}
    for kind, key in wanted:
        if key:
            by_kind.setdefault(kind, []).append(key)
    parts, params = [], []
    for kind, keys in by_kind.items():
        parts.append(f"SELECT ?, id, name FROM {_LIST_TABLES[kind]} WHERE deleted_at IS NULL"
                     + (" AND kind = 'governorate'" if kind == "governorate" else "")
                     + f" AND id IN ({', '.join('?' * len(keys))})")
        params += [kind] + keys
    if not parts:
        return {}
    return {(kind, key): name for kind, key, name
            in conn.execute(" UNION ALL ".join(parts), params)}


def save_breach(ledger: Ledger, breach: Breach, *, allow_duplicate: bool = False,
                today: date | None = None, imported: bool = False) -> Breach:
    """save_breach_changes, for a caller that needs only the breach as stored."""
    return save_breach_changes(ledger, breach, allow_duplicate=allow_duplicate, today=today,
                               imported=imported).breach


def save_breach_changes(ledger: Ledger, breach: Breach, *, allow_duplicate: bool = False,
                        today: date | None = None, imported: bool = False) -> BreachChanges:
    """Save a new breach (no `id`, or an id not yet in the file) or the edits of one: the
    one call of a save from the window. The rules are checked once, everything is written
    in one transaction, and what changed is returned (the breach as stored, the change-log
    entry, a perpetrator or source made by name) without reading any of it back.

    Raises ValidationError naming each failed field; DuplicateBreachError when a new
    breach (or an edit that moves one) has the same date, governorate, place and type as
    a live breach, unless `allow_duplicate`; ConflictError when `breach.updated_at` is
    given and the stored breach has changed since. A disk or database failure raises
    LedgerError; in every case nothing is saved.

    `imported`: the breach comes from a file that says when it was made and last changed
    (`created_at`, `updated_at`, office, entered by): those are kept, and the caller has
    already decided that the file's version is the newer one.
    """
    found = validate_breach(ledger, breach, today)
    breach = normalized(breach)
    try:
        with ledger.transaction() as conn:
            return _write_breach(conn, ledger, breach, allow_duplicate, imported,
                                 {key: name for (kind, key), name in found.items()
                                  if kind == "source"})
    except _Unchanged as unchanged:
        return unchanged.changes
    except (sqlite3.Error, OSError) as error:
        raise LedgerError("not_saved", reason=str(error)) from None


def _write_breach(conn: sqlite3.Connection, ledger: Ledger, breach: Breach,
                  allow_duplicate: bool, imported: bool, names: dict[str, str]
                  ) -> BreachChanges:
    """The writes of a save, inside its transaction (see save_breach_changes); `names`:
    the cited sources' names, by key."""
    before = breach_document(conn, breach.id) if breach.id else None
    if before and before["deleted_at"]:
        raise ValidationError.of("id", "in_trash")
    if (before and breach.updated_at and not imported
            and breach.updated_at != before["updated_at"]):
        raise ConflictError("conflict")
    if not allow_duplicate and _moved(before, breach):
        twin = find_duplicate(conn, breach)
        if twin:
            raise DuplicateBreachError(twin)
    key = breach.id or new_id()
    now = timestamp_after(before["updated_at"] if before else None)
    if imported and breach.updated_at:
        now = breach.updated_at
    changes = BreachChanges(added=[] if before else [key], changed=[key] if before else [])
    values = _breach_values(conn, breach, key, ledger, before, now, find_truce=False)
    if not breach.actor_id and breach.actor_name:
        values["actor_id"], _ = _entry_named(conn, ledger, "actor", breach.actor_name, now,
                                             changes, breach.actor_name_ar)
    for citation in breach.citations:
        if not citation.source_id:
            source, names_it = _entry_named(conn, ledger, "source", citation.source_name, now,
                                            changes)
            citation.source_id, names[source] = source, names_it
    values["truce_id"] = conn.execute(_UPSERT_BREACH, values).fetchall()[0][0]
    after = dict(values)
    for table, columns, part in (("citation", CITATION_COLUMNS, "citations"),
                                 ("victim", VICTIM_COLUMNS, "victims")):
        after[part] = _save_children(conn, table, columns, key,
                                     [asdict(c) for c in getattr(breach, part)],
                                     before[part] if before else [], now)
    if before is not None and _content(before) == _content(after):
        raise _Unchanged(BreachChanges(changed=[key], breach=_as_breach(before, names)))
    changes.change = log_change(conn, ledger, "breach", key, "update" if before else "insert",
                                before, after, now)
    changes.breach = _as_breach(after, names)
    return changes


def validate_breach(ledger: Ledger, breach: Breach, today: date | None = None
                    ) -> dict[tuple[str, str], str]:
    """Check `breach` against every rule without saving; raises ValidationError. The
    entries it points to are looked up in one statement; returns their names."""
    found = live_entries(ledger.conn, pointed_keys(breach))
    problems = check_breach(breach, lambda kind, key: (kind, key) in found, today)
    if problems:
        raise ValidationError(problems.codes)
    return found


def _moved(before: dict | None, breach: Breach) -> bool:
    """Whether a save makes a breach that may duplicate another: a new one, or an edit of
    its date, governorate, place or type. Other edits of a knowingly kept look-alike pass."""
    if before is None:
        return True
    return (before["occurred_on"], before["governorate_id"], before["breach_type_id"],
            fold(before["place"])) != (breach.occurred_on, breach.governorate_id,
                                       breach.breach_type_id, fold(breach.place))


def _breach_values(conn, breach: Breach, key: str, ledger: Ledger, before: dict | None,
                   now: str, find_truce: bool = True) -> dict:
    """The breach's row, by column in the table's order. With no truce given, the one in
    force on its day (`find_truce`), or None for the statement that writes it to find."""
    values = {name: getattr(breach, name) for name in BREACH_COLUMNS if name not in _TIMES}
    values["id"] = key
    values["actor_id"] = breach.actor_id or UNKNOWN_ACTOR_ID
    values["truce_id"] = breach.truce_id or (
        truce_for_date(conn, breach.occurred_on) if find_truce else None)
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
                 now: str, changes: BreachChanges, name_ar: str = "") -> tuple[str, str]:
    """The key and name of the live actor or source called `name` (any case, or spelt
    another way; for an actor, its Arabic name too: db.fold.find_named), made now if
    there is none (an actor with `name_ar`, its Arabic name; `changes` then says that
    its list gained an entry)."""
    found = find_named(conn, table, name)
    if found:
        return found, conn.execute(f"SELECT name FROM {table} WHERE id = ?",
                                   (found,)).fetchone()[0]
    key = new_id()
    conn.execute(f"INSERT INTO {table} (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                 (key, name, now, now))
    if table == "actor" and clean_text(name_ar):
        conn.execute("UPDATE actor SET name_ar = ? WHERE id = ?", (clean_text(name_ar), key))
    log_change(conn, ledger, table, key, "insert", None,
               fetch_dicts(conn, f"SELECT * FROM {table} WHERE id = ?", (key,))[0], now)
    changes.lists.add(table)
    return key, name


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
                   breach_id: str, wanted: list[dict], live: list[dict], now: str) -> list[dict]:
    """Make the live citations (or victims) of a breach, `live` before, those of `wanted`;
    returns them as breach_document will read them.

    Rows keep their keys; changed ones are updated, missing ones become tombstones, and
    only what changed is written.
    """
    live_rows = {row["id"]: row for row in live}
    kept, after = set(), []
    for position, child in enumerate(wanted):
        values = child_values(child, columns, position, kept)
        old = live_rows.get(values["id"]) if values["id"] else None
        if old is None:
            created = _insert_child(conn, table, columns, breach_id, values, now)
            old = dict(values, created_at=created, updated_at=now, deleted_at=None)
        elif any(old[c] != values[c] for c in columns):
            assignments = ", ".join(f"{c} = ?" for c in columns[1:])
            conn.execute(f"UPDATE {table} SET {assignments}, updated_at = ? WHERE id = ?",
                         [values[c] for c in columns[1:]] + [now, values["id"]])
            old = dict(values, created_at=old["created_at"], updated_at=now, deleted_at=None)
        kept.add(values["id"])
        after.append(old)
    for key, old in live_rows.items():
        if key not in kept:
            conn.execute(f"UPDATE {table} SET deleted_at = ?, updated_at = ? WHERE id = ?",
                         (now, now, key))
    return after


def _insert_child(conn: sqlite3.Connection, table: str, columns: tuple[str, ...],
                  breach_id: str, values: dict, now: str) -> str:
    """Write a citation or victim not live in the breach; returns its created_at. A key
    given that is a tombstone of this breach's brings that row back; one of another
    breach's row is not taken (a new key is made, in `values`)."""
    names = ("breach_id",) + columns + ("created_at", "updated_at")
    insert = (f"INSERT INTO {table} ({', '.join(names)}) VALUES"
              f" ({', '.join('?' * len(names))})")
    row = [breach_id] + [values[c] for c in columns] + [now, now]
    if values["id"]:
        revived = conn.execute(
            insert + " ON CONFLICT (id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
            + ", updated_at = excluded.updated_at, deleted_at = NULL"
            f" WHERE {table}.breach_id = excluded.breach_id RETURNING created_at",
            row).fetchall()
        if revived:
            return revived[0][0]
    values["id"] = row[1] = new_id()
    conn.execute(insert, row)
    return now


def delete_breach(ledger: Ledger, key: str) -> BreachChanges:
    """Move a breach to the Trash: it stays in the file as a tombstone, out of every list."""
    return delete_breaches(ledger, [key])


def restore_breach(ledger: Ledger, key: str) -> BreachChanges:
    """Bring a breach back from the Trash."""
    return restore_breaches(ledger, [key])


def delete_breaches(ledger: Ledger, keys: list[str]) -> BreachChanges:
    """Move breaches to the Trash, all or none (one delete of the window's selection)."""
    changes = BreachChanges(removed=list(keys))
    with ledger.transaction():
        for key in keys:
            _set_deleted(ledger, key, True, changes)
    return changes


def restore_breaches(ledger: Ledger, keys: list[str]) -> BreachChanges:
    """Bring breaches back from the Trash, all or none (with any source deleted meanwhile
    that they cite: `lists`)."""
    changes = BreachChanges(added=list(keys))
    with ledger.transaction():
        for key in keys:
            _set_deleted(ledger, key, False, changes)
    return changes


def _set_deleted(ledger: Ledger, key: str, deleting: bool, changes: BreachChanges) -> None:
    conn = ledger.conn
    before = breach_document(conn, key)
    if before is None or bool(before["deleted_at"]) == deleting:
        raise NotFoundError("no_breach", key=key)
    now = timestamp_after(before["updated_at"])
    conn.execute("UPDATE breach SET deleted_at = ?, updated_at = ? WHERE id = ?",
                 (now if deleting else None, now, key))
    after = dict(before, deleted_at=now if deleting else None, updated_at=now)
    if not deleting and _bring_back_sources(conn, ledger, key, now, changes):
        after = breach_document(conn, key)  # its citations changed too
    log_change(conn, ledger, "breach", key, "delete" if deleting else "restore", before,
               after, now)


def _bring_back_sources(conn: sqlite3.Connection, ledger: Ledger, key: str, now: str,
                        changes: BreachChanges) -> bool:
    """A restored breach may cite a source deleted while it was in the Trash (a source no
    live breach cited): that source comes back too (`changes` then says so), or, if a live
    source has taken its name meanwhile, the breach cites that one. Returns whether any
    did."""
    brought = False
    for source in fetch_dicts(
            conn, "SELECT s.* FROM source s JOIN citation c ON c.source_id = s.id"
            " WHERE c.breach_id = ? AND c.deleted_at IS NULL AND s.deleted_at IS NOT NULL",
            (key,)):
        namesake = find_named(conn, "source", source["name"])
        if namesake:
            conn.execute("UPDATE citation SET source_id = ?, updated_at = ? WHERE breach_id = ?"
                         " AND source_id = ? AND deleted_at IS NULL",
                         (namesake, now, key, source["id"]))
            brought = True
            continue
        conn.execute("UPDATE source SET deleted_at = NULL, updated_at = ? WHERE id = ?",
                     (now, source["id"]))
        log_change(conn, ledger, "source", source["id"], "restore", source,
                   fetch_dicts(conn, "SELECT * FROM source WHERE id = ?", (source["id"],))[0],
                   now)
        changes.lists.add("source")
        brought = True
    return brought
