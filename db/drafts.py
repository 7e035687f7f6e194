"""The files that keep the breach being typed (gui/drafts.py says when and what): each a
small SQLite database of one row, beside the ledger, encrypted with the ledger's own
passphrase when the ledger is encrypted, so that a draft says no more than the ledger to
whoever copies the folder.

A draft's connection stays open while its editor writes to it: a keyed connection costs
the passphrase's key derivation (PBKDF2, about 0.1 s) once, not at every keystroke's
draft. Each write is one transaction: a power cut leaves the draft before or after it.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .cipher import connect, sqlite3

_OPEN: dict[Path, sqlite3.Connection] = {}


def keep(path: Path, document: str, key: str | None) -> None:
    """Write `document` (the form, as text) as the draft in `path`, encrypted with `key`
    when one is given. Raises sqlite3.Error or OSError when it cannot be written."""
    conn = _OPEN.get(path)
    if conn is None:
        if not path.exists():  # the owner's alone, as the ledger is
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        conn = connect(path, key, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("CREATE TABLE IF NOT EXISTS draft ("
                          " n INTEGER PRIMARY KEY CHECK (n = 1), document TEXT NOT NULL)")
        except BaseException:
            conn.close()
            raise
        _OPEN[path] = conn
    try:
        conn.execute("INSERT INTO draft (n, document) VALUES (1, ?) ON CONFLICT (n)"
                     " DO UPDATE SET document = excluded.document", (document,))
    except BaseException:
        _close(path)  # opened again at the next write
        raise


def read(path: Path, key: str | None) -> str | None:
    """The draft in `path`; None when there is none, or it cannot be read (another key,
    a damaged file)."""
    conn = _OPEN.get(path)
    try:
        if conn is not None:
            row = conn.execute("SELECT document FROM draft").fetchone()
        else:
            with contextlib.closing(connect(path, key, isolation_level=None)) as conn:
                row = conn.execute("SELECT document FROM draft").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def remove(path: Path) -> None:
    """Remove the draft in `path`, and what SQLite left beside it."""
    _close(path)
    for leftover in (path, Path(f"{path}-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _close(path: Path) -> None:
    conn = _OPEN.pop(path, None)
    if conn is not None:
        with contextlib.suppress(sqlite3.Error):
            conn.close()
