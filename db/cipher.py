"""SQLite through SQLCipher: every connection the program makes to a ledger, its backups,
its copies and its scratch files is made here, and carries the file's key when it has one.

A ledger made with a passphrase is encrypted by SQLCipher 4 with its defaults: the key is
made from the passphrase by PBKDF2-HMAC-SHA512 (256,000 iterations, with a random salt
kept in the file's first 16 bytes); every page is encrypted with AES-256 and carries an
HMAC-SHA512 that is checked whenever the page is read, so a page changed on the disk is
found. Its write-ahead log holds encrypted pages too. A ledger made without a passphrase
is plain SQLite, as before, and SQLCipher reads it as SQLite would.

Every module of db/ takes `sqlite3` from here (the same DB-API as Python's sqlite3 module,
with SQLCipher's build of SQLite), so that no connection is made to a ledger that could
not read it, and so that the errors caught are the ones raised.

While a ledger is open its passphrase is kept in memory under the file's path (`remember`),
for the connections other threads make to it (counts, totals, backups); `forget` drops it.
"""
from __future__ import annotations

import hashlib
import hmac
import os

from sqlcipher3 import dbapi2 as sqlite3

__all__ = ["SQLiteError", "sqlite3", "connect", "forget", "key_of", "opens", "rekey",
           "remember", "valid_passphrase", "KDF_ITERATIONS", "MIN_PASSPHRASE",
           "PASSPHRASE_NEEDED_BYTES"]

# SQLCipher 4's defaults (said in README; a file made with others would not open).
KDF_ITERATIONS = 256_000
# A file no shorter than this, whose first bytes are not SQLite's, may be an encrypted
# ledger: its passphrase is asked for before it is judged.
PASSPHRASE_NEEDED_BYTES = 1024

# What SQLite raises (a file locked too long, damaged on the way), for the window and the
# command line to catch without naming the library.
SQLiteError = sqlite3.Error

_KEYS: dict[str, str] = {}


def _quiet() -> None:
    """SQLCipher writes each page it cannot decrypt (a wrong passphrase) to standard error;
    the program says it once, in its own words."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()


_quiet()


# The shortest passphrase a new ledger takes: a laptop taken at a checkpoint may be tried
# with every short one.
MIN_PASSPHRASE = 10


def valid_passphrase(passphrase: str) -> bool:
    """Whether `passphrase` can key a file: not empty, no control characters, and no space
    at either end (invisible where it is typed or kept: a passphrase file's line ending,
    a word processor's mark of a byte order are not part of it)."""
    return (bool(passphrase) and passphrase == passphrase.strip()
            and "\ufeff" not in passphrase
            and not any(ord(char) < 32 or ord(char) == 127 for char in passphrase))


def _literal(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def connect(target: str | os.PathLike, key: str | None = None, *,
            file: str | os.PathLike | None = None, **options) -> sqlite3.Connection:
    """A connection to `target` (a path, a URI with uri=True, or ":memory:"), keyed with
    the passphrase `key` when given: the first statement on it. Whether the key opens the
    file is known at the first read (DatabaseError "file is not a database"). `file`: the
    path of a `target` given as a URI."""
    conn = sqlite3.connect(target, **options)
    if key is not None:
        try:
            conn.execute(f"PRAGMA key = {_key_of_file(key, file or target)}")
            # Temporary tables, sorts and indexes in memory: SQLite's temporary files are
            # not encrypted.
            conn.execute("PRAGMA temp_store = MEMORY")
        except BaseException:
            conn.close()
            raise
    return conn


# The keys made from passphrases, by (passphrase, the file's salt): SQLCipher makes the
# same from the passphrase at every connection (PBKDF2, about 0.1 s); given made, a
# connection costs nothing more than a plain one (a background count opens one each time).
_MADE: dict[tuple[str, bytes], str] = {}


def _key_of_file(passphrase: str, target) -> str:
    """What PRAGMA key is given for `passphrase` on the file `target`: the key SQLCipher
    would make from it with the salt in the file's first 16 bytes, made once ("x'…'"),
    or the passphrase itself for a file not yet made."""
    try:
        with open(target, "rb") as handle:
            salt = handle.read(16)
    except (OSError, TypeError, ValueError):
        salt = b""
    if len(salt) < 16:
        return _literal(passphrase)
    made = _MADE.get((passphrase, salt))
    if made is None:
        key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt,
                                  KDF_ITERATIONS, 32)
        made = _MADE[passphrase, salt] = f"\"x'{key.hex()}'\""
    return made


def rekey(conn: sqlite3.Connection, passphrase: str) -> None:
    """Encrypt the file on the keyed `conn` with `passphrase` instead (PRAGMA rekey: every
    page written again, in one transaction)."""
    conn.execute(f"PRAGMA rekey = {_literal(passphrase)}")


def opens(path: str | os.PathLike, passphrase: str) -> bool:
    """Whether `passphrase` is the one the open file at `path` was opened with (compared
    in constant time: a window at hand must not tell how much of a guess was right)."""
    kept = _KEYS.get(os.fspath(path))
    return kept is not None and hmac.compare_digest(passphrase.encode("utf-8"),
                                                    kept.encode("utf-8"))


def remember(path: str | os.PathLike, passphrase: str | None) -> None:
    """Keep `passphrase` for the file at `path` while it is open (None: a plain file)."""
    if passphrase is None:
        _KEYS.pop(os.fspath(path), None)
    else:
        _KEYS[os.fspath(path)] = passphrase


def forget(path: str | os.PathLike) -> None:
    """Drop the passphrase kept for the file at `path`, and the keys made from it."""
    passphrase = _KEYS.pop(os.fspath(path), None)
    for made in [made for made in _MADE if made[0] == passphrase]:
        del _MADE[made]


def key_of(path: str | os.PathLike) -> str | None:
    """The passphrase kept for the file at `path`, or None for a plain file."""
    return _KEYS.get(os.fspath(path))

