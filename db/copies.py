"""Copies of a ledger: whole and consistent, written under a temporary name and renamed
when complete, owner-only; the backups kept in a `backups/` folder beside it (the newest
ten, and the last made before a migration). Imports nothing of db/store.py, which makes a
backup before every migration."""
from __future__ import annotations

import contextlib
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Callable

from .cipher import connect, key_of, sqlite3
from .errors import BadFileError, Cancelled
from .files import fsync_path, place_problem
from .paths import private_file, private_folder, temporary_name

KEEP_BACKUPS = 10
# In the name of the backup made before a migration: kept until the next migration's.
BEFORE_MIGRATION = "-before-migration-"


def backups_folder(path: Path) -> Path:
    return path.parent / "backups"


def backup_database(conn: sqlite3.Connection, path: Path, reason: str = "") -> Path:
    """Copy the database, consistent as of now, into `backups/`; keep the newest ten, and
    the newest made before a migration until the next migration.

    The copy is written under a temporary name and renamed when whole. Returns its path.
    The folder and the copies are for the file's owner alone: they hold what it holds.
    """
    folder = backups_folder(path)
    try:
        private_folder(folder)
    except OSError as error:
        raise place_problem(folder / path.name, error) or BadFileError(
            "folder_not_made", name=str(folder), reason=error.strerror) from None
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    suffix = f"-{reason}" if reason else ""
    target = folder / f"{path.stem}-{stamp}{suffix}.sqlite3"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{path.stem}-{stamp}{suffix}-{counter}.sqlite3"
    write_copy(conn, target, key=key_of(path))
    _prune(folder, path.stem)
    return target


def write_copy(conn: sqlite3.Connection, target: Path,
               progress: Callable[[int, int], bool] | None = None,
               key: str | None = None) -> None:
    """A whole, consistent copy of the open database at `target`, standing alone (no
    write-ahead log beside it), readable by its owner alone; encrypted with `key`, the
    passphrase of the database copied (None for a plain one), as the original is. Written under a temporary
    name beside it (with this run's pid, so that a killed run's is removed at the next
    start) and renamed when complete, so that a failed or cancelled copy leaves whatever
    was at `target` before.

    The copy reads one snapshot of the file: other copies of the program may go on
    saving meanwhile (into the write-ahead log) without making it start again.

    `progress(pages done, pages in all)` is called as it goes; returning False cancels
    (LedgerError with code "cancelled"). Raises LedgerError "disk_full" or "read_only",
    or BadFileError, if the copy cannot be written.
    """
    temporary = temporary_name(target)

    def step(status: int, remaining: int, total: int) -> None:
        if progress is not None and progress(total - remaining, total) is False:
            raise Cancelled

    try:
        private_file(temporary)
        copy = connect(temporary, key)
        try:
            with _one_snapshot(conn):
                conn.backup(copy, pages=1024, progress=step)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        fsync_path(temporary)
        os.replace(temporary, target)
        fsync_path(target.parent)
    except (OSError, sqlite3.Error) as error:
        raise place_problem(target, error) or BadFileError(
            "not_written", name=target.name,
            reason=str(error)) from None
    finally:
        for leftover in (temporary, Path(f"{temporary}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


@contextlib.contextmanager
def _one_snapshot(conn: sqlite3.Connection):
    """Hold one read transaction on `conn` while the backup copies it, step by step. The
    backup then reads that snapshot throughout; without it, each step begins a read of
    its own, and a save by another process in between starts the copy over (with two
    copies saving, for ever)."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts
        yield
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")  # nothing was written: let go of the snapshot


def list_backups(path: Path) -> list[Path]:
    """The backups of the database at `path`, oldest first."""
    folder = backups_folder(path)
    if not folder.is_dir():
        return []
    # The stem followed by a time stamp, so that "ledger" does not take "ledger-old"'s.
    pattern = re.compile(re.escape(path.stem) + r"-\d{4}-\d\d-\d\d_\d{6}\b.*\.sqlite3")
    found = [p for p in folder.iterdir() if pattern.fullmatch(p.name)]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def _prune(folder: Path, stem: str) -> None:
    """Keep the newest ten backups, and besides them the newest made before a migration:
    the file as it was before its schema changed stays until the next migration."""
    backups = list_backups(folder.parent / f"{stem}.sqlite3")
    before_migration = [b for b in backups if BEFORE_MIGRATION in b.name][-1:]
    others = [b for b in backups if b not in before_migration]
    for old in others[:-KEEP_BACKUPS]:
        with contextlib.suppress(OSError):
            old.unlink()
