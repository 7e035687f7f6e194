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

Their file is attached read-only to our connection and never read whole: its breaches are
checked one at a time as they are read (all but those it holds exactly as ours, with their
citations and victims, found in SQL first: those are ours already, and nothing of them is
written), and those new to us are copied from it by SQLite,
one statement a table (`INSERT … SELECT`), with their search forms and day sums added in
sets (db.bulk); row-by-row work is kept for the breaches both files hold. Reading and
checking happen outside any write transaction, so that other copies of the program go on
saving meanwhile. The writing is one transaction, in which "the newer version wins" is
decided again against what our file holds at that moment, and which copies their rows only
while their file is as it was checked. Records join ours by key: new ones are added,
changed ones are updated when theirs was changed later (our older version stays in the
change log), deletions are carried over; the lists (governorates, types, actors, sources,
truces) are joined by name. A merge never lowers a victim's confidentiality. Merging the
same file again changes nothing.
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .cipher import sqlite3
from .breach_read import CITATION_COLUMNS, VICTIM_COLUMNS, live_children
from .bulk import adding_in_sets
from .errors import BadFileError, LedgerError
from .merge_checks import (CHILD_TABLES, HISTORY_COLUMNS, THEIRS, MergeRefused, _attached,
                           _collisions, _no_demo_in_real, _Progress, _Reasons, _Theirs)
from .merge_plan import (_CHUNK, _add_problem, _join_all, _plan, _Plan, _refuse, _Step,
                         _steps)
from .records import new_id
from .store import Ledger, inspected

# SQLite's primary result code for "database or disk is full".
SQLITE_FULL = 13
# The page cache while their file is read and checked, and while ours is written, in KiB
# (see _cache).
READ_CACHE_KIB = 4096
WRITE_CACHE_KIB = 16384


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
               progress: Callable[[int, int], bool] | None = None,
               other_passphrase: str | None = None) -> MergeReport:
    """Merge the database at `other` into `ledger`. Raises BadFileError for a file that is
    not a whole Truce Ledger database as this program makes them (or that changed while it
    was merged), MergeRefused for one whose rows break a rule or collide with ours,
    LedgerError "disk_full" when our disk fills, LedgerError "cancelled" when
    `progress(done, total)` returns False; ours is then unchanged in every case. An
    encrypted `other` is read with `other_passphrase` (PassphraseError without it, or
    with one that does not open it)."""
    # The file itself, not a link to it: SQLite reads the log beside the file a link
    # points to, and every check here must look where SQLite will.
    other = Path(os.path.realpath(other))
    if other == Path(os.path.realpath(ledger.path)) or _same_file(other, ledger.path):
        raise BadFileError("merge_self")
    # Refuses, untouched, a file not ours, damaged or newer.
    version, encrypted = inspected(other, other_passphrase)
    steps = _Progress(progress)
    with _attached(ledger, other, version, other_passphrase if encrypted else None) as theirs:
        chosen: dict = {}  # the keys of list entries new to us, chosen once
        with _cache(ledger.conn, READ_CACHE_KIB), ledger.snapshot() as conn:
            theirs.read_lists(steps)
            steps.total = 2 * theirs.count() or 1
            steps.tell(0, every=1)  # their lists are read: the checks begin
            plan = _plan(ledger, conn, theirs, chosen, steps)
        return _written(ledger, theirs, steps, plan, chosen)


@contextlib.contextmanager
def _cache(conn: sqlite3.Connection, kib: int):
    """The page cache of our connection for a part of a merge. SQLite gives each sort as
    much memory as the cache (a sort beyond it goes to a temporary file): while their
    breaches, citations and victims are read sorted by key, at once, a small cache keeps
    the merge's memory small whatever the size of the files. The write touches pages of
    our indexes all over them (keys are random): a larger cache keeps them in memory
    instead of reading them again, and so shortens the time the write lock is held. The
    connection's own size is put back afterwards."""
    previous = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(previous)}")


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
        with _cache(ledger.conn, WRITE_CACHE_KIB), ledger.transaction() as conn:
            return _write(ledger, conn, theirs, steps, plan, chosen)
    except sqlite3.Error as error:
        if ledger.conn.in_transaction:  # a COMMIT that failed (a full disk) may leave it open
            ledger.conn.execute("ROLLBACK")
        raise _write_failure(ledger, error) from None


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
    """The merge itself, in the caller's transaction, over rows already checked: taken
    from their file only while it is as it was checked (nothing committed to it since).
    What our file holds is read again here: another copy may have saved since the checks,
    so "the newer wins" is decided here. The breaches new to us are copied from their file
    in one statement a table; a breach of both files, newer there, takes its step, worked
    out again if it was saved here meanwhile (its updated_at moved: every change of a
    breach, its citations or victims moves it)."""
    if theirs.data_version() != theirs.version:
        raise BadFileError("merge_changed", name=theirs.name)
    _no_demo_in_real(conn, ledger.is_demo, theirs.demo, theirs.name)
    shown, more = _collisions(conn, theirs)
    if shown:
        raise MergeRefused(theirs.name, shown, more)
    if theirs.demo and not ledger.is_demo:  # ours is empty, or the line above refused
        ledger.set_meta("demo", "1")
    report = MergeReport()
    keys, report.sources = _join_all(ledger, conn, theirs, chosen, write=True)
    with adding_in_sets(conn):
        report.added, report.deleted = _copy_new(ledger, conn, keys)
        progress.tell(plan.total + report.added + report.deleted, every=1)
        _write_changed(ledger, conn, theirs, progress, plan, keys, report)
    report.left = plan.total - report.added - report.deleted - report.updated
    before = conn.total_changes
    columns = ", ".join(HISTORY_COLUMNS)
    conn.execute(f"INSERT OR IGNORE INTO main.change_log ({columns})"
                 f" SELECT {columns} FROM {THEIRS}.change_log NOT INDEXED")
    report.history = conn.total_changes - before
    progress.tell(progress.total, every=1)  # the last chance to cancel, before the commit
    return report


def _copy_new(ledger: Ledger, conn: sqlite3.Connection, keys: dict) -> tuple[int, int]:
    """Their breaches new to us, with their citations and victims, copied from their file
    in one statement a table (their keys of list entries made ours: `keys`), each with
    its entry in the change log; (added, arriving deleted). None of their citations and
    victims can be ours: foreign keys, and _collisions."""
    # Both made and dropped inside the transaction: gone too when it is rolled back.
    conn.execute("CREATE TEMP TABLE merge_new (id TEXT PRIMARY KEY)")
    conn.execute("CREATE TEMP TABLE merge_key (list TEXT, theirs TEXT, ours TEXT,"
                 " PRIMARY KEY (list, theirs))")
    conn.executemany("INSERT INTO temp.merge_key VALUES (?, ?, ?)",
                     [(table, key, ours) for table, mapping in keys.items()
                      for key, ours in mapping.items()])
    conn.execute(f"INSERT INTO temp.merge_new SELECT t.id FROM {THEIRS}.breach AS t NOT INDEXED"
                 " WHERE NOT EXISTS (SELECT 1 FROM main.breach AS o WHERE o.id = t.id)")
    for table in ("breach",) + CHILD_TABLES:
        names = [d[0] for d in conn.execute(f"SELECT * FROM main.{table} LIMIT 0").description]
        values = ", ".join(
            f"(SELECT ours FROM temp.merge_key WHERE list = '{_LISTED[name]}'"
            f" AND theirs = t.{name})" if name in _LISTED else f"t.{name}" for name in names)
        conn.execute(f"INSERT INTO main.{table} ({', '.join(names)}) SELECT {values}"
                     f" FROM {THEIRS}.{table} AS t NOT INDEXED"
                     f" WHERE t.{'id' if table == 'breach' else 'breach_id'} IN temp.merge_new")
    _log_new(ledger, conn)
    (added, deleted), = conn.execute(
        "SELECT count(*) - count(b.deleted_at), count(b.deleted_at)"
        " FROM temp.merge_new AS n JOIN main.breach AS b ON b.id = n.id")
    conn.execute("DROP TABLE temp.merge_new")
    conn.execute("DROP TABLE temp.merge_key")
    return added, deleted


# Their columns naming an entry of a list, and the list (as db.merge_plan joins them).
_LISTED = {"governorate_id": "gazetteer", "actor_id": "actor", "breach_type_id": "breach_type",
           "truce_id": "truce", "source_id": "source"}


def _log_new(ledger: Ledger, conn: sqlite3.Connection) -> None:
    """The change-log entry of each breach copied new (temp.merge_new), as log_change writes
    one, written in one statement: the whole breach after, as breach_document reads it back
    (its citations and victims made into JSON as there; a number with a fraction with the
    17 digits that read back as the same number)."""
    columns = [(name, kind)
               for _, name, kind, *_ in conn.execute("PRAGMA main.table_info(breach)")]
    document = ", ".join(
        f"'{name}', iif(b.{name} IS NULL, NULL, json(printf('%!.17g', b.{name})))"
        if kind == "REAL" else f"'{name}', b.{name}" for name, kind in columns)
    conn.create_function("merge_new_id", 0, new_id)
    try:
        conn.execute(
            f"INSERT INTO change_log ({', '.join(HISTORY_COLUMNS)})"
            " SELECT merge_new_id(), b.updated_at, ?, ?, 'breach', b.id,"
            " iif(b.deleted_at IS NULL, 'insert', 'delete'), NULL,"
            f" json_object({document},"
            f" 'citations', json({live_children('citation', CITATION_COLUMNS)}),"
            f" 'victims', json({live_children('victim', VICTIM_COLUMNS)}))"
            " FROM temp.merge_new AS n JOIN main.breach AS b ON b.id = n.id",
            (ledger.user, ledger.office))
    finally:
        conn.create_function("merge_new_id", 0, None)


def _write_changed(ledger: Ledger, conn: sqlite3.Connection, theirs: _Theirs,
                   progress: _Progress, plan: _Plan, keys: dict, report: MergeReport) -> None:
    """Their breaches newer there than here, as our file holds them now, each by its step:
    the one planned, while our breach and lists are as it was planned against, else one
    worked out again; _CHUNK at a time, in key order (each index page once)."""
    changed = conn.execute(
        f"SELECT t.id, o.updated_at FROM {THEIRS}.breach AS t NOT INDEXED JOIN main.breach"
        " AS o ON o.id = t.id WHERE t.updated_at > o.updated_at ORDER BY t.id").fetchall()
    planned, reasons = keys == plan.keys, _Reasons()
    for start in range(0, len(changed), _CHUNK):
        chunk = changed[start:start + _CHUNK]
        steps = {key: plan.steps[key] for key, stamp in chunk if planned and key in plan.steps
                 and plan.steps[key].stamp == stamp}
        steps.update((step.key, step) for step in _steps(
            ledger, conn, theirs, [key for key, _ in chunk if key not in steps], keys))
        for step in steps.values():
            _add_problem(reasons, step)
            _count(report, step.action)
        _write_steps(conn, sorted(steps.values(), key=lambda step: step.key))
        progress.tell(plan.total + report.added + report.deleted + start + len(chunk),
                      every=1)
    _refuse(theirs.name, reasons)  # a breach worked out again here breaks a rule


def _count(report: MergeReport, action: str) -> None:
    """A breach of both files merged, in the report: deleted there, or updated (restored
    too)."""
    if action == "delete":
        report.deleted += 1
    else:
        report.updated += 1


def _write_steps(conn, steps: list[_Step]) -> None:
    """The steps: each breach's changed columns updated, one batched statement for the
    steps that change the same columns (so that the triggers of the columns a step leaves
    alone, the day sums' and the search index's, do not run for it); their citations and
    victims by an upsert by key, one batched statement a table (their columns are ours, in
    our order: the schema is exactly ours); and the change-log entries."""
    alike: dict[tuple, list[tuple]] = {}
    for step in steps:
        alike.setdefault(tuple(step.changed), []).append((*step.changed.values(), step.key))
    for columns, rows in alike.items():
        conn.executemany(f"UPDATE breach SET {', '.join(f'{c} = ?' for c in columns)}"
                         " WHERE id = ?", rows)
    for table in CHILD_TABLES:
        rows = [child for step in steps for child in step.children[table]]
        if rows:
            names = tuple(d[0] for d in conn.execute(f"SELECT * FROM {table} LIMIT 0")
                          .description)
            conn.executemany(_upsert_sql(table, names), rows)
    conn.executemany(f"INSERT INTO change_log ({', '.join(HISTORY_COLUMNS)})"
                     f" VALUES ({', '.join('?' * len(HISTORY_COLUMNS))})",
                     [s.entry for s in steps])


def _upsert_sql(table: str, names: tuple[str, ...]) -> str:
    """Insert a citation or victim, or update ours of the same key. A row of another breach
    is never updated (the guard in WHERE; the checks refused such a file already), and a
    victim confidential here stays confidential, whatever their copy says."""
    assignments = [f"{c} = max({table}.{c}, excluded.{c})" if c == "confidential"
                   else f"{c} = excluded.{c}" for c in names if c != "id"]
    return (f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            f" ON CONFLICT (id) DO UPDATE SET {', '.join(assignments)}"
            f" WHERE {table}.breach_id = excluded.breach_id")
