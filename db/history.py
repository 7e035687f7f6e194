"""The change log: one entry written inside each write's transaction, with the whole
record before and after; read back as a record's history, and what each change changed."""
from __future__ import annotations

import json

from .cipher import sqlite3
from .records import Change, new_id
from .store import Ledger

# Fields that change with every save and say nothing to the reader of a history.
_QUIET = {"updated_at", "created_at", "id", "position", "office", "entered_by"}


def log_change(conn: sqlite3.Connection, ledger: Ledger, table: str, key: str, action: str,
               before: dict | None, after: dict | None, now: str) -> Change:
    """Write one entry of the change log, inside the caller's transaction; returns it."""
    change = Change(new_id(), now, ledger.user, ledger.office, table, key, action, before,
                    after)
    conn.execute(
        "INSERT INTO change_log (id, changed_at, user, office, record_table, record_id, action,"
        " before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (change.id, now, ledger.user, ledger.office, table, key, action,
         json.dumps(before, ensure_ascii=False) if before is not None else None,
         json.dumps(after, ensure_ascii=False) if after is not None else None))
    return change


def record_history(ledger: Ledger, key: str) -> list[Change]:
    """Every change of a record, oldest first."""
    return [
        Change(id=row[0], changed_at=row[1], user=row[2], office=row[3], record_table=row[4],
               record_id=row[5], action=row[6],
               before=json.loads(row[7]) if row[7] else None,
               after=json.loads(row[8]) if row[8] else None)
        for row in ledger.conn.execute(
            "SELECT id, changed_at, user, office, record_table, record_id, action, before, after"
            " FROM change_log WHERE record_id = ? ORDER BY changed_at, rowid", (key,))]


def changed_fields(change: Change) -> list[tuple[str, object, object]]:
    """What a change changed, as (field, before, after), in the record's field order.

    Citations and victims are compared as lists; their entries are given as dicts.
    """
    before, after = change.before or {}, change.after or {}
    fields = list(after) + [k for k in before if k not in after]
    result = []
    for field in fields:
        if field in _QUIET:
            continue
        old, new = before.get(field), after.get(field)
        if isinstance(old, list) or isinstance(new, list):
            old = [_quiet(item) for item in old or []]
            new = [_quiet(item) for item in new or []]
        if old != new:
            result.append((field, old, new))
    return result


def _quiet(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in _QUIET and k != "deleted_at"}
