"""Merging the database of another office into ours.

Another office's file is a stranger's until shown otherwise. It is checked as any file we
open (db.store.inspect_file); then its schema must be exactly the one this program makes,
so that reading it runs nothing of its own (no view, no trigger), and reading it may cost
no more than its size can hold. Everything read from it is checked before anything is
written: every time in the sane range (db.moments), every breach, citation and victim by
the editor's rules, every list entry by the rules of its own editor, every key pointing
into the file's own lists, and no key of theirs naming a victim or a citation that is,
here, another breach's. One failure refuses the whole merge, with the reasons (the first
twenty, and how many more), and ours is left as it was. The reading and checking are in
db.merge_checks; working out each breach's step (the plan) and joining the lists by name
in db.merge_plan; this module runs the merge and writes it.

Reading and checking happen outside any write transaction, so that other copies of the
program go on saving meanwhile. The writing is one transaction, in which "the newer
version wins" is decided again against what our file holds at that moment. Records join
ours by key: new ones are added, changed ones are updated when theirs was changed later
(our older version stays in the change log), deletions are carried over; the lists
(governorates, types, actors, sources, truces) are joined by name. A merge never lowers a
victim's confidentiality. Merging the same file again changes nothing.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import BadFileError, LedgerError
from .merge_checks import (CHILD_TABLES, HISTORY_COLUMNS, MAX_REASONS, MergeRefused, _collisions,
                           _no_demo_in_real, _Progress, _read_file, _refuse_if_wrong, _Theirs)
from .merge_plan import _join_all, _plan, _Plan, _refuse_problems, _Step, _step_from
from .store import Ledger, inspect_file

# SQLite's primary result code for "database or disk is full".
SQLITE_FULL = 13


@dataclass
class MergeReport:
    """What a merge did; gui/report_words.py says it."""

    added: int = 0  # breaches new to us
    updated: int = 0  # breaches changed later there than here
    deleted: int = 0  # breaches deleted there (or arriving already deleted)
    left: int = 0  # breaches as new here as there, or newer here
    sources: int = 0  # sources added or updated
    history: int = 0  # entries of their change log brought in


def merge_file(ledger: Ledger, other: str | Path,
               progress: Callable[[int, int], bool] | None = None) -> MergeReport:
    """Merge the database at `other` into `ledger`. Raises BadFileError for a file that is
    not a whole Truce Ledger database as this program makes them, MergeRefused for one whose
    rows break a rule or collide with ours, LedgerError "disk_full" when our disk fills,
    LedgerError "cancelled" when `progress(done, total)` returns False; ours is then
    unchanged in every case."""
    # The file itself, not a link to it: SQLite reads the log beside the file a link
    # points to, and every check here must look where SQLite will.
    other = Path(os.path.realpath(other))
    if other == Path(os.path.realpath(ledger.path)) or _same_file(other, ledger.path):
        raise BadFileError("merge_self")
    version = inspect_file(other)  # refuses, untouched, a file not ours, damaged or newer
    steps = _Progress(progress)
    theirs = _read_file(ledger, other, version, steps)
    try:
        steps.total = 2 * len(theirs.rows["breach"]) or 1
        chosen: dict = {}  # the keys of list entries new to us, chosen once
        with ledger.snapshot() as conn:
            _refuse_if_wrong(conn, theirs, steps)
            plan = _plan(ledger, conn, theirs, chosen)
        return _written(ledger, theirs, steps, plan, chosen)
    finally:
        theirs.close()


def _same_file(one: Path, other: Path) -> bool:
    """Whether two names are one file (a hard link, another spelling)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _written(ledger: Ledger, theirs: _Theirs, steps: _Progress, plan: _Plan,
             chosen: dict) -> MergeReport:
    """The write, in one transaction; an error of SQLite here is one of writing OUR file."""
    try:
        with _large_cache(ledger.conn), ledger.transaction() as conn:
            return _write(ledger, conn, theirs, steps, plan, chosen)
    except sqlite3.Error as error:
        if ledger.conn.in_transaction:  # a COMMIT that failed (a full disk) may leave it open
            ledger.conn.execute("ROLLBACK")
        raise _write_failure(ledger, error) from None


@contextlib.contextmanager
def _large_cache(conn: sqlite3.Connection):
    """A merge that writes many rows touches many pages of the indexes, all over them (keys
    are random): a page cache of up to 64 MiB while it writes (taken only as it is used)
    keeps them in memory instead of reading them again, and so shortens the time the
    write lock is held. The connection's own size is put back afterwards."""
    previous = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA cache_size = -65536")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(previous)}")


def _write_failure(ledger: Ledger, error: sqlite3.Error) -> LedgerError:
    """What went wrong writing OUR file, said as it is: a full disk names the folder whose
    disk is full; the transaction was rolled back, so nothing was changed."""
    folder = str(ledger.path.parent)
    if getattr(error, "sqlite_errorcode", 0) & 0xFF == SQLITE_FULL or "full" in str(error):
        return LedgerError("disk_full", folder=folder, name=ledger.path.name, action="merge")
    return LedgerError("not_written", name=ledger.path.name, reason=str(error),
                       action="merge")


# Writing ---------------------------------------------------------------------------------

def _write(ledger: Ledger, conn: sqlite3.Connection, theirs: _Theirs, progress: _Progress,
           plan: _Plan, chosen: dict) -> MergeReport:
    """The merge itself, in the caller's transaction, over rows already checked. What our
    file holds is read again here: another copy may have saved since the checks, so
    "the newer wins" is decided here, and a breach saved meanwhile (its updated_at moved:
    every change of a breach, its citations or victims moves it) is worked out again."""
    _no_demo_in_real(conn, ledger.is_demo, theirs.demo, theirs.name)
    collisions = _collisions(conn, theirs)
    if collisions:
        raise MergeRefused(theirs.name, collisions[:MAX_REASONS],
                           max(0, len(collisions) - MAX_REASONS))
    if theirs.demo and not ledger.is_demo:  # ours is empty, or the line above refused
        ledger.set_meta("demo", "1")
    report = MergeReport()
    keys, report.sources = _join_all(ledger, conn, theirs, chosen, write=True)
    ours = dict(conn.execute("SELECT id, updated_at FROM breach"))
    half, steps, planned = len(theirs.rows["breach"]), [], keys == plan.keys
    for done, row in enumerate(theirs.rows["breach"], start=1):
        stamp = ours.get(row["id"])
        if stamp is not None and row["updated_at"] <= stamp:
            report.left += 1  # ours is as new or newer, as decided now, inside the write
        else:
            step = plan.steps.get(row["id"])
            if step is None or step.stamp != stamp or not planned:
                # Another copy saved this breach, or changed our lists, since the plan.
                step = _step_from(ledger, conn, theirs, row, keys)
            steps.append(step)
            _count(report, step.action)
        progress.tell(half + done)
    _refuse_problems(theirs.name, steps)  # of a breach worked out again here
    _write_steps(conn, sorted(steps, key=lambda step: step.key))  # each index page once
    before = conn.total_changes
    conn.executemany(
        f"INSERT OR IGNORE INTO change_log ({', '.join(HISTORY_COLUMNS)})"
        f" VALUES ({', '.join('?' * len(HISTORY_COLUMNS))})", theirs.history())
    report.history = conn.total_changes - before
    progress.tell(progress.total, every=1)  # the last chance to cancel, before the commit
    return report


def _count(report: MergeReport, action: str) -> None:
    """A breach merged, in the report: new to us, deleted (there, or arriving deleted), or
    updated (restored too)."""
    if action == "insert":
        report.added += 1
    elif action == "delete":
        report.deleted += 1
    else:
        report.updated += 1


def _write_steps(conn, steps: list[_Step]) -> None:
    """The steps, one batched statement a table: a plain insert for a breach new to us and
    its rows (none of them can be ours: foreign keys, and _collisions), an upsert by key
    for the others (their columns are ours, in our order: the schema is exactly ours)."""
    for new in (True, False):
        chosen = [s for s in steps if (s.stamp is None) == new]
        for table, rows in (("breach", [s.breach for s in chosen]),
                            *((t, [c for s in chosen for c in s.children[t]])
                              for t in CHILD_TABLES)):
            if rows:
                names = tuple(d[0] for d in conn.execute(f"SELECT * FROM {table} LIMIT 0")
                              .description)
                conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(names))})"
                                 if new else _upsert_sql(table, names), rows)
    conn.executemany(f"INSERT INTO change_log ({', '.join(HISTORY_COLUMNS)})"
                     f" VALUES ({', '.join('?' * len(HISTORY_COLUMNS))})",
                     [s.entry for s in steps])


def _upsert_sql(table: str, names: tuple[str, ...]) -> str:
    """Insert a row, or update ours of the same key. A row of another breach is never
    updated (the guard in WHERE; the checks refused such a file already), and a victim
    confidential here stays confidential, whatever their copy says."""
    assignments = [f"{c} = max({table}.{c}, excluded.{c})" if c == "confidential"
                   else f"{c} = excluded.{c}" for c in names if c != "id"]
    guard = f" WHERE {table}.breach_id = excluded.breach_id" if table in CHILD_TABLES else ""
    return (f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            f" ON CONFLICT (id) DO UPDATE SET {', '.join(assignments)}{guard}")
