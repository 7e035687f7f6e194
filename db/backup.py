"""Integrity checks and backups into a `backups/` folder beside the database.

A check also recounts what the file keeps beside its breaches, the sums of each day and
of each month (db/day_sums.py) and the text index: a program that writes the file without
keeping them (the sqlite3 shell) leaves them wrong while the breaches stay whole. The
check says so, and recounts them when asked (`recount`), in one transaction."""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .cipher import connect, key_of, sqlite3
from .day_sums import DIMENSIONS, RECOUNT, SUM_COLUMNS, months_of
from .place_uses import differences as place_differences, fill_place_uses
# Copies and backups (db/copies.py), importable from here as before.
from .copies import (BEFORE_MIGRATION, KEEP_BACKUPS, _one_snapshot,  # noqa: F401
                     backup_database, backups_folder, list_backups, write_copy)
from .errors import BadFileError, LedgerError
from .store import (clear_failed_check, of_records, one_line, open_reader, real_path,
                    record_failed_check)

def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """What SQLite's full integrity check and foreign key check find; empty when all is well."""
    problems = [one_line(problem) for problem in of_records(
        [row[0] for row in conn.execute("PRAGMA integrity_check")]) if problem != "ok"]
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} points to a missing {parent}")
    return problems


@dataclass
class Recounted:
    """What `recount_kept` changed: rows of the kept sums that a recount of the breaches
    does not give (removed), rows it gives that were not kept (written; a day whose sums
    were wrong is one of each), whether the counts of places were written again, and
    whether the text index was rebuilt."""

    removed: int = 0
    written: int = 0
    places: bool = False
    search_index: bool = False


@dataclass
class CheckReport:
    """What `check_and_back_up` found and did."""

    breaches: int
    in_trash: int
    victims: int
    sources: int
    backup: Path
    recounted: Recounted | None = None  # when asked to recount what the file keeps


def check_and_back_up(conn: sqlite3.Connection, path: Path, recount: bool = False
                      ) -> CheckReport:
    """Check the whole file, then back it up. Raises BadFileError if it is damaged, and
    then records that the check failed: the file refuses writes until a check passes.
    A link is followed: the record and the backup are kept beside the file itself.

    The sums kept per day and the text index are compared with the breaches: where they
    differ, LedgerError "day_sums_differ" or "search_index_differs" (nothing recorded,
    nothing backed up: the breaches are whole, and only what is kept beside them is
    wrong), unless `recount`, which recounts them first (CheckReport.recounted)."""
    path = real_path(path)
    problems = integrity_problems(conn)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        # Recorded beside the file (never in it): writes refuse it until a check passes.
        record_failed_check(path, problems[0])
        raise BadFileError("damaged",
                           name=path.name, reason=f"{problems[0]}{more}")
    clear_failed_check(path)
    recounted = recount_kept(conn) if recount else None
    kept_problem = None if recount else kept_differences(conn, path.name)
    if kept_problem is not None:
        raise kept_problem
    count = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    report = CheckReport(
        breaches=count("SELECT count(*) FROM breach WHERE deleted_at IS NULL"),
        in_trash=count("SELECT count(*) FROM breach WHERE deleted_at IS NOT NULL"),
        victims=count("SELECT count(*) FROM victim v JOIN breach b ON b.id = v.breach_id"
                      " WHERE v.deleted_at IS NULL AND b.deleted_at IS NULL"),
        sources=count("SELECT count(*) FROM source WHERE deleted_at IS NULL"),
        backup=Path(),
        recounted=recounted,
    )
    report.backup = backup_database(conn, path)
    return report


def kept_differences(conn: sqlite3.Connection, name: str) -> LedgerError | None:
    """Why the sums kept per day, the counts of places or the text index differ from the
    breaches (the first day whose sums differ; the first place; SQLite's words on the
    index), or None when they agree. A file of an older schema keeps none of them (the
    migrations write them). Reads one snapshot."""
    if not _holds(conn, "day_sum"):
        return None
    with _one_snapshot(conn), _recounted(conn):
        days = [conn.execute(f"SELECT min(day) FROM (SELECT {_KEPT} FROM {one}"
                             f" EXCEPT SELECT {_KEPT} FROM {other})").fetchone()[0]
                for one, other in (("main.day_sum", "temp.recounted"),
                                   ("temp.recounted", "main.day_sum"))]
        if not any(days) and _holds(conn, "month_sum"):  # a month that differs: its first day
            days += [conn.execute(f"SELECT min(month) || '-01' FROM ({one} EXCEPT {other})"
                                  ).fetchone()[0]
                     for one, other in ((_MONTHS_KEPT, _MONTHS_RECOUNTED),
                                        (_MONTHS_RECOUNTED, _MONTHS_KEPT))]
        place = place_differences(conn) if _holds(conn, "place_use") else None
    if any(days):
        return LedgerError("day_sums_differ", name=name, day=min(d for d in days if d))
    if place is not None:
        return LedgerError("place_counts_differ", name=name, place=place)
    if _holds(conn, "breach_text"):
        try:
            conn.execute(_INDEX_CHECK)
        except sqlite3.DatabaseError as error:
            return LedgerError("search_index_differs", name=name, reason=one_line(str(error)))
    return None


def recount_kept(conn: sqlite3.Connection) -> Recounted:
    """Write the sums kept per day (and per month) again from the breaches where they
    differ, and the text index again from the folded texts if it differs from them; in one
    transaction (nothing at all on failure). Returns what changed."""
    recounted = Recounted()
    if not _holds(conn, "day_sum"):
        return recounted
    conn.execute("BEGIN IMMEDIATE")
    try:
        with _recounted(conn):
            recounted.removed = conn.execute(
                f"DELETE FROM main.day_sum WHERE ({_KEPT}) NOT IN"
                f" (SELECT {_KEPT} FROM temp.recounted)").rowcount
            recounted.written = conn.execute(
                f"INSERT INTO main.day_sum ({_KEPT}) SELECT {_KEPT} FROM temp.recounted"
                f" EXCEPT SELECT {_KEPT} FROM main.day_sum").rowcount
            if _holds(conn, "month_sum"):
                # The months, from the days now right (the triggers of day_sum moved them
                # with each row above, from wherever they stood).
                recounted.removed += conn.execute(
                    f"DELETE FROM main.month_sum WHERE ({_MONTH_KEPT}) NOT IN"
                    f" ({_MONTHS_RECOUNTED})").rowcount
                recounted.written += conn.execute(
                    f"INSERT INTO main.month_sum ({_MONTH_KEPT}) {_MONTHS_RECOUNTED}"
                    f" EXCEPT {_MONTHS_KEPT}").rowcount
        if _holds(conn, "place_use") and place_differences(conn) is not None:
            fill_place_uses(conn)
            recounted.places = True
        if _holds(conn, "breach_text"):
            try:
                conn.execute(_INDEX_CHECK)
            except sqlite3.DatabaseError:
                conn.execute("INSERT INTO breach_text (breach_text) VALUES ('rebuild')")
                recounted.search_index = True
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return recounted


# The columns of the sums kept per day (db/day_sums.py), and FTS5's own check of the text
# index against the texts it indexes (rank 1: their content too).
_KEPT = ", ".join(("grouping", *DIMENSIONS.values(), "day", "confirmed", *SUM_COLUMNS))
_MONTH_KEPT = _KEPT.replace(" day,", " month,")
_MONTHS_KEPT = f"SELECT {_MONTH_KEPT} FROM main.month_sum"
_MONTHS_RECOUNTED = f"SELECT {_MONTH_KEPT} FROM temp.recounted_month"
_INDEX_CHECK = "INSERT INTO breach_text (breach_text, rank) VALUES ('integrity-check', 1)"


@contextlib.contextmanager
def _recounted(conn: sqlite3.Connection):
    """The sums of each day recounted from the breaches, once, in temp.recounted; and
    those of each month, from them, in temp.recounted_month."""
    conn.execute(f"CREATE TEMP TABLE recounted ({_KEPT})")
    try:
        conn.execute(f"INSERT INTO temp.recounted {RECOUNT}")
        conn.execute(f"CREATE TEMP TABLE recounted_month ({_MONTH_KEPT})")
        conn.execute(f"INSERT INTO temp.recounted_month {months_of('temp.recounted')}")
        yield
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.recounted")
        conn.execute("DROP TABLE IF EXISTS temp.recounted_month")


def _holds(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM main.sqlite_master WHERE name = ?",
                        (table,)).fetchone() is not None


def save_copy(source: Path, target: Path,
              progress: Callable[[int, int], bool] | None = None) -> None:
    """File → Save a copy: the database at `source`, whole, at `target` (replacing it).

    Reads through a connection of its own, so it may run on a thread of its own while the
    window goes on with the file. In a folder it can write, an ordinary connection (the
    last to close removes the -wal and -shm it made); in a read-only folder, a read-only
    one, so that a ledger there can still be copied out of it.
    """
    if target.resolve() == source.resolve():
        raise BadFileError("copy_onto_self")
    key = key_of(real_path(source))
    if not os.access(source.parent, os.W_OK):
        with open_reader(source) as reader:
            write_copy(reader.conn, target, progress, key)
        return
    conn = connect(source, key, isolation_level=None)
    try:
        write_copy(conn, target, progress, key)
    finally:
        conn.close()

