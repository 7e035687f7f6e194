"""The mark a clean close leaves inside a ledger file, which lets the next opening skip
reading every page (db/store.py), and what that mark can and cannot tell."""
from __future__ import annotations

import os
import time
from pathlib import Path

from .cipher import sqlite3
from .files import _log_holds_pages

# The key, in the file's `meta`, of the mark its last clean close left.
CLEAN_CLOSE = "closed cleanly"
# How far ahead of its last writes a clean close sets the file's time: a file's time is
# never set before its last write (a backup that goes by times would miss that write).
CLOSE_AHEAD_NS = 1_000_000_000


def mark_clean_close(conn: sqlite3.Connection, path: Path) -> None:
    """Leave in the file, as the last thing `conn` writes before it closes, the mark that
    lets the next opening skip reading every page (db/store.py): the file's size and a
    time, and give the file that time. A session that wrote nothing (and that nobody
    wrote beside) leaves the mark of the close before, and the file byte for byte as it
    was.

    What the mark can tell: any write reaches the file through the write-ahead log, which
    keeps it (so that an opening checks) until it is copied into the file, and the copy
    gives the file a new time. This holds for another copy of the program that is still
    open (its saves are in the log, or copied after the time was set), a crash (the log
    stays), another program (plain sqlite3, which bumps the file's change counter only
    when its first page changes: so the time, not that counter) and anything that writes
    bytes into the file. A file copied with its times (restored from a backup) is the
    file as it was closed. What it cannot tell: bytes changed with the time put back, as
    a failing disk changes them; `check` reads every page.

    Nothing is waited for: while another copy reads or writes, the time is not set, and
    the next opening checks. Raises sqlite3.Error or OSError (the caller closes anyway).
    """
    if conn.in_transaction:
        return
    conn.execute("PRAGMA busy_timeout = 0")
    # The saves in the log (a transaction rolled back leaves none) copied into the file
    # before the clock starts; with none, and the file as marked, the mark holds.
    _busy, saves, _copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    if not saves and _as_marked(path.stat(), clean_close_mark(conn)):
        return
    moment = time.time_ns() + CLOSE_AHEAD_NS
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Written twice, the same length: the second cannot change the size the first made.
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key)"
                     " DO UPDATE SET value = excluded.value", (CLEAN_CLOSE, _mark(0, moment)))
        # (int(): SQLCipher answers PRAGMA page_size of an encrypted file in text.)
        size = (int(conn.execute("PRAGMA page_count").fetchone()[0])
                * int(conn.execute("PRAGMA page_size").fetchone()[0]))
        conn.execute("UPDATE meta SET value = ? WHERE key = ?",
                     (_mark(size, moment), CLEAN_CLOSE))
        conn.execute("COMMIT")
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    busy, left, _copied = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    status = path.stat()
    if busy or left or status.st_size != size or time.time_ns() >= moment:
        return  # the log still holds something, or the time would go back: a check next
    os.utime(path, ns=(status.st_atime_ns, moment))


def clean_close_mark(conn: sqlite3.Connection) -> str | None:
    """The mark of the last clean close in the file on `conn` (a file of this program's
    schema), or None."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (CLEAN_CLOSE,)).fetchone()
    return row[0] if row else None


def closed_as_marked(path: Path, mark: str | None,
                     status: os.stat_result | None = None) -> bool:
    """Whether the file at `path` (its `status`, when already read) is as its last clean
    close left it, by its `mark`: its size and time as the mark says, and no write-ahead
    log beside it holding anything."""
    return _as_marked(status or path.stat(), mark) and not _log_holds_pages(path)


def _as_marked(status: os.stat_result, mark: str | None) -> bool:
    """Whether a file's size and time are those its `mark` says."""
    try:
        size, moment = (int(part) for part in (mark or "").split())
    except ValueError:
        return False
    return (status.st_size, status.st_mtime_ns) == (size, moment)


def _mark(size: int, moment: int) -> str:
    return f"{size:020d} {moment:020d}"
