"""A ledger's passphrase changed, a plain ledger encrypted, and a plain copy written on
purpose (for another tool). Each either happens whole or not at all: a kill at any
moment leaves the file opening with its old passphrase (or none) or its new one, every
record in it.

- Changing the passphrase is SQLCipher's PRAGMA rekey: every page written again with the
  new key in one transaction, through the write-ahead log.
- Encrypting copies the plain file into a new encrypted one beside it (SQLCipher's
  sqlcipher_export, which makes the same schema), compares every row of every table, and
  renames the new file over the old in one step. Only when no other copy of the program
  has the file open (the old one would go on writing into the file renamed away): SQLite
  lets a connection leave write-ahead logging only when it is the file's only one. Its
  backups are encrypted the same way. The old file's bytes may stay on the disk until
  written over: README says how to wipe them.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .cipher import connect, rekey, remember, sqlite3, valid_passphrase
from .copies import list_backups
from .errors import BadFileError, LedgerError, PassphraseError
from .files import fsync_path, place_problem, real_path
from .ledger import Ledger
from .paths import private_file, temporary_name
from .schema import APPLICATION_ID, schema_difference
from .store import inspected


def _usable(passphrase: str) -> str:
    if not valid_passphrase(passphrase):
        raise LedgerError("passphrase_unusable", where="")
    return passphrase


def change_passphrase(ledger: Ledger, new: str) -> None:
    """Encrypt the open, encrypted `ledger` with the passphrase `new` instead of its own,
    in one transaction. Backups made before keep the passphrase they were made with."""
    if not ledger.encrypted:
        raise LedgerError("not_encrypted", name=ledger.path.name)
    _usable(new)
    try:
        rekey(ledger.conn, new)
    except sqlite3.Error as error:
        raise place_problem(ledger.path, error) or LedgerError(
            "not_written", name=ledger.path.name, reason=str(error)) from None
    remember(ledger.path, new)


def encrypt_file(path: str | os.PathLike, passphrase: str) -> list[Path]:
    """Encrypt the plain ledger at `path` with `passphrase`, and its backups. Returns the
    backups encrypted. LedgerError "already_encrypted", "file_in_use" (another copy of
    the program has it open: nothing changed), or the errors of an opening."""
    path = real_path(path)
    _usable(passphrase)
    try:
        version, _plain = inspected(path, None)
    except PassphraseError:  # random bytes to a reader without its passphrase
        raise LedgerError("already_encrypted", name=path.name) from None
    done = []
    for backup in list_backups(path):
        # Not a ledger, or already encrypted (PassphraseError): left as it is.
        with contextlib.suppress(BadFileError):
            _encrypt_in_place(backup, passphrase, inspected(backup, None)[0])
            done.append(backup)
    _encrypt_in_place(path, passphrase, version)
    remember(path, passphrase)
    return done


def _encrypt_in_place(path: Path, passphrase: str, version: int) -> None:
    conn = connect(path, None, isolation_level=None, timeout=0.5)
    try:
        try:  # the only connection to the file: no other copy may go on writing to it
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlite3.OperationalError:
            mode = "wal"
        if mode.lower() != "delete":
            raise LedgerError("file_in_use", name=path.name)
        temporary = temporary_name(path, "encrypting")
        try:
            _export(conn, temporary, passphrase, version)
            conn.execute("BEGIN EXCLUSIVE")  # nobody opens the old file meanwhile
            os.replace(temporary, path)
            fsync_path(path.parent)
            conn.execute("ROLLBACK")
        finally:
            for leftover in (temporary, Path(f"{temporary}-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
    finally:
        conn.close()


def decrypted_copy(source: Ledger, target: str | os.PathLike) -> None:
    """A plain copy of the open, encrypted `source` at `target`, for another tool: every
    row compared. Refuses a target that exists."""
    target = Path(target)
    if target.exists() or target.is_symlink():
        raise LedgerError("copy_exists", name=str(target))
    if not target.parent.is_dir():
        raise LedgerError("not_written", name=str(target), reason="no such folder")
    if not source.encrypted:
        raise LedgerError("not_encrypted", name=source.path.name)
    version = source.conn.execute("PRAGMA user_version").fetchone()[0]
    temporary = temporary_name(target, "decrypting")
    try:
        _export(source.conn, temporary, "", version)
        os.link(temporary, target)  # refuses a file made meanwhile
        fsync_path(target.parent)
    except FileExistsError:
        raise LedgerError("copy_exists", name=str(target)) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _export(conn: sqlite3.Connection, target: Path, key: str, version: int) -> None:
    """Copy the database on `conn` into a new file `target`, encrypted with `key` ('' for
    none), and compare every row; synced to the disk. Raises LedgerError when the copy
    cannot be written, BadFileError when it differs."""
    try:
        private_file(target)
        conn.execute("ATTACH DATABASE ? AS copied KEY ?", (str(target), key))
        try:
            conn.execute("BEGIN")
            try:  # one snapshot of ours: copied and compared as of one moment
                conn.execute("SELECT sqlcipher_export('copied')").fetchone()
                conn.execute(f"PRAGMA copied.user_version = {int(version)}")
                conn.execute(f"PRAGMA copied.application_id = {APPLICATION_ID}")
                conn.execute("COMMIT")
                conn.execute("BEGIN")
                difference = _first_difference(conn)
            finally:
                conn.execute("ROLLBACK")
        finally:
            conn.execute("DETACH DATABASE copied")
    except sqlite3.Error as error:
        raise place_problem(target, error) or LedgerError(
            "not_written", name=target.name, reason=str(error)) from None
    if difference is not None:
        raise BadFileError("copy_differs", name=target.name, table=difference)
    copy = connect(target, key or None, isolation_level=None)
    try:
        if schema_difference(copy, version) is not None:
            raise BadFileError("copy_differs", name=target.name, table="sqlite_master")
        copy.execute("PRAGMA journal_mode = WAL")
    finally:
        copy.close()
    fsync_path(target)


def _first_difference(conn: sqlite3.Connection) -> str | None:
    """The first table whose rows differ between main and copied, or None."""
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table'"
        " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
    for table in tables:
        counts = [conn.execute(f'SELECT count(*) FROM {side}."{table}"').fetchone()[0]
                  for side in ("main", "copied")]
        if counts[0] != counts[1] or conn.execute(
                f'SELECT EXISTS (SELECT * FROM main."{table}"'
                f' EXCEPT SELECT * FROM copied."{table}")').fetchone()[0]:
            return table
    return None

