"""Reading another office's file for a merge (db.merge; checked by db.merge_checks):
through a read-only connection, in one snapshot, after its schema is shown to be exactly
ours (db/schema.py schema_difference) and its demo mark to fit ours; its reading may cost
no more than its size can hold (_Budget). A file that is not ours, or cannot be read to
the end, is refused with a code (BadFileError) and nothing is written.
"""
from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from .errors import BadFileError, Cancelled
from .schema import schema_difference
from .store import Ledger

CHILD_TABLES = ("citation", "victim")
LIST_TABLES = ("gazetteer", "breach_type", "actor", "truce", "source")
HISTORY_COLUMNS = ("id", "changed_at", "user", "office", "record_table", "record_id", "action",
                   "before", "after")


class _Progress:
    """progress(done, total) of the caller over the whole merge: reading their file (done 0,
    the total not known yet), checking their breaches (the first half), then writing them
    (the second). Raises LedgerError "cancelled" once it returns False; nothing is written
    then, or what was is rolled back."""

    def __init__(self, report: Callable[[int, int], bool] | None):
        self.report, self.total = report, 1

    def tell(self, done: int, every: int = 1000) -> None:
        if self.report is not None and done % every == 0 \
                and self.report(done, self.total) is False:
            raise Cancelled


@dataclass
class _Theirs:
    """Their file, in one snapshot of it: its records and lists read whole; its change log,
    the bulk of a file, read as it is needed (checked once, copied once), through `conn`,
    which holds the snapshot (a read transaction) until the merge ends."""

    name: str
    demo: bool
    conn: sqlite3.Connection
    budget: "_Budget"
    rows: dict[str, list[dict]] = field(default_factory=dict)  # table -> its rows
    children: dict[str, dict[str, list[dict]]] = field(default_factory=dict)  # by breach

    def history(self):
        """Their change-log entries, as tuples of HISTORY_COLUMNS; BadFileError when the
        file cannot be read to the end (not an error of writing ours)."""
        try:
            yield from self.conn.execute(
                f"SELECT {', '.join(HISTORY_COLUMNS)} FROM change_log")
        except sqlite3.Error as error:
            raise _unreadable(self.name, error) from None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("ROLLBACK")
        self.conn.close()



# Reading their file ---------------------------------------------------------------------

def _read_file(ledger: Ledger, other: Path, version: int, progress: _Progress) -> _Theirs:
    """Their file, read whole through a read-only connection after its schema is shown to be
    ours; BadFileError when it cannot be read to the end."""
    try:
        theirs = sqlite3.connect(f"file:{quote(str(other.resolve()))}?mode=ro", uri=True,
                                 isolation_level=None)
    except sqlite3.Error as error:
        raise _unreadable(other.name, error) from None
    try:
        difference = schema_difference(theirs, version)
        if difference:
            raise _foreign(other.name, difference)
        _no_demo_in_real(ledger.conn, ledger.is_demo, _is_demo(theirs), other.name)
        return _read_rows(theirs, other, progress)
    except sqlite3.Error as error:
        theirs.close()
        raise _unreadable(other.name, error) from None
    except BaseException:
        theirs.close()
        raise


def _unreadable(name: str, error: sqlite3.Error) -> BadFileError:
    return BadFileError("unreadable_to_end", name=name, reason=str(error))


def _foreign(name: str, reason: tuple[str, dict]) -> BadFileError:
    """Their file is not one this program makes: `reason` is a (code, params) of
    schema_difference, or of _Budget, that gui/messages.py words."""
    return BadFileError("foreign_schema", name=name, reason=reason)


def _is_demo(theirs: sqlite3.Connection) -> bool:
    row = theirs.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
    return bool(row and row[0] == "1")


class _Budget:
    """What reading a file may cost: no more than its bytes can hold. Every row of a table
    takes at least a byte of the file, and every value a byte, and a text at least a byte a
    character; so a file of ours never runs out of budget, and one that does is not a
    plain file of tables (ours has no views, but the bound holds whatever SQLite does)."""

    def __init__(self, path: Path):
        self.name = path.name
        self.left = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())

    def spend(self, row: tuple) -> None:
        self.left -= 1 + sum(max(1, len(v)) if isinstance(v, (str, bytes)) else 1 for v in row)
        if self.left < 0:
            raise _foreign(self.name, ("schema_too_many_rows", {}))


def _read_rows(theirs: sqlite3.Connection, path: Path, progress: _Progress) -> _Theirs:
    """Every row of their records and lists, in a read transaction that stays open (one
    snapshot of their file for the whole merge)."""
    budget = _Budget(path)
    result = _Theirs(name=path.name, demo=_is_demo(theirs), conn=theirs, budget=budget)
    theirs.execute("BEGIN")
    seen: dict[str, str] = {}
    for table in LIST_TABLES + ("breach",) + CHILD_TABLES:
        result.rows[table] = _read_table(theirs, f"SELECT * FROM {table}", budget, progress,
                                         seen)
    for table in CHILD_TABLES:
        grouped: dict[str, list[dict]] = {}
        for row in result.rows[table]:
            grouped.setdefault(row["breach_id"], []).append(row)
        result.children[table] = grouped
    return result


def _read_table(theirs: sqlite3.Connection, sql: str, budget: _Budget, progress: _Progress,
                seen: dict) -> list[dict]:
    cursor = theirs.execute(sql)
    names = [d[0] for d in cursor.description]
    rows = []
    for row in cursor:
        budget.spend(row)
        # A key of a list, a time, a breach's key in each of its victims: one text object
        # for each value repeated, not one per row (a file of 100,000 breaches holds
        # millions of values).
        rows.append({name: seen.setdefault(value, value) if isinstance(value, str)
                     and len(value) <= 40 else value for name, value in zip(names, row)})
        if len(rows) % 5000 == 0:
            progress.tell(0)
    return rows


def _no_demo_in_real(conn: sqlite3.Connection, ours_demo: bool, their_demo: bool,
                     name: str) -> None:
    """The demo never mixes with real breaches: a demo file merges only into a demo file
    or an empty one, and a real file not into a demo one."""
    ours_empty = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM breach)").fetchone()[0]
    if their_demo != ours_demo and not ours_empty:
        raise BadFileError("demo_mix", name=name,
                           which="demo_database" if their_demo else "real_database")
