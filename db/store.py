"""Opening a ledger file: checks, creation, migrations, and the transaction boundary.

A file is opened only after it has been shown to be ours, whole and not newer than
this program; until then it is read through a read-only connection, so that a file
we refuse is left byte for byte as it was.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

from .errors import BadFileError, BusyError, LedgerError
from .records import utc_now
from .schema import APPLICATION_ID, LATEST_VERSION, MIGRATIONS

SQLITE_MAGIC = b"SQLite format 3\x00"
# How long a save waits for another copy of the program to finish its own.
BUSY_TIMEOUT_MS = 15_000


class Ledger:
    """An open ledger file, used from one thread, and who is writing to it."""

    def __init__(self, conn: sqlite3.Connection, path: Path, user: str, office: str):
        self.conn = conn
        self.path = path
        self.user = user
        self.office = office
        self._depth = 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: commits on leaving, rolls back on an exception.

        BEGIN IMMEDIATE takes the write lock up front, so two copies of the program
        wait for each other instead of failing with "database is locked" half way.
        Nested uses join the outer transaction.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            raise BusyError(f"Another copy of Truce Ledger is writing to {self.path.name} "
                            "(an import or a merge); nothing was written: try again in a "
                            "moment.", "busy", name=self.path.name) from None
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query inside sees the file as it was at the first,
        whatever other copies of the program save meanwhile (WAL lets them go on). A
        report that reads several times (an export's sheets, the totals and their sum)
        reads inside one, so that its figures agree. Inside a transaction, joins it."""
        if self._depth or self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN")
        self._depth = 1
        try:
            self.conn.execute("SELECT 1 FROM meta LIMIT 1").fetchall()  # the snapshot starts
            yield self.conn
        finally:
            self._depth = 0
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")  # nothing was written: let go of the snapshot

    def wait_for_writers(self, milliseconds: int) -> None:
        """How long a write waits for another copy's write to end before BusyError. The
        window waits little and tries again itself (saying what it waits for), so that it
        never freezes; the command line waits the default."""
        self.conn.execute("PRAGMA busy_timeout = %d" % int(milliseconds))

    def meta(self, key: str, default: str | None = None) -> str | None:
        """A value of the file's own settings (the `meta` table)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    @property
    def is_demo(self) -> bool:
        """Whether this file is a demo database (made by `main.py demo`)."""
        return self.meta("demo") == "1"

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def fetch_dicts(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    """The rows of a query as plain dicts keyed by column name."""
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def open_reader(path: str | os.PathLike) -> Ledger:
    """A read-only connection to a ledger already opened (and checked) elsewhere, for work
    on another thread: one connection per thread."""
    path = Path(path)
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True,
                               isolation_level=None)
        conn.execute("PRAGMA busy_timeout = %d" % BUSY_TIMEOUT_MS)
    except sqlite3.DatabaseError as error:
        raise BadFileError(f"{path.name} cannot be read ({error}).", "unreadable",
                           name=path.name, reason=str(error)) from None
    return Ledger(conn, path, "", "")


def open_ledger(path: str | os.PathLike, *, user: str = "", office: str = "",
                create: bool = True) -> Ledger:
    """Open the ledger at `path`, creating it when it does not exist and `create` is set.

    Raises BadFileError, with a one-line reason, for a file that is not SQLite, is
    truncated or damaged, belongs to another program or has a newer schema; such a
    file is not changed. An older schema is migrated, after a backup.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise BadFileError(f"There is no file {path}.", "missing", name=str(path))
        _create(path)
    elif path.is_dir():
        raise BadFileError(f"{path} is a folder, not a Truce Ledger database.", "folder",
                           name=str(path))
    version = inspect_file(path)
    conn = _connect(path)
    try:
        if version < LATEST_VERSION:
            from .backup import backup_database

            backup_database(conn, path, reason=f"before-migration-{version}")
            _migrate(conn, version)
    except BaseException:
        conn.close()
        raise
    return Ledger(conn, path, user, office)


def inspect_file(path: Path) -> int:
    """Check, without writing, that `path` is a whole Truce Ledger database we can open.

    Returns its schema version. Raises BadFileError with the reason otherwise.
    """
    name = path.name
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise BadFileError(f"{name} cannot be read: {error.strerror}.", "unreadable",
                           name=name, reason=error.strerror) from None
    if size == 0:
        raise BadFileError(f"{name} is empty: it is not a Truce Ledger database.", "empty",
                           name=name)
    if not header.startswith(SQLITE_MAGIC[: min(len(header), 16)]):
        raise BadFileError(f"{name} is not a Truce Ledger database (it is not a SQLite file).",
                           "not_sqlite", name=name)
    if len(header) < 100:
        raise BadFileError(f"{name} is truncated: it is too short to be a database.",
                           "truncated", name=name)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    # With a write-ahead log beside it the file can be shorter than its header says, for
    # a moment (another copy is checkpointing) or after a crash; quick_check decides then.
    log = Path(f"{path}-wal")
    settled = not (log.exists() and log.stat().st_size > 0)
    if page_size < 512 or (settled and (size % page_size or (
            counter_valid and size < page_size * page_count))):
        raise BadFileError(f"{name} is truncated: part of the database is missing.",
                           "truncated", name=name)
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise BadFileError(
            f"{name} is a database of another program, not of Truce Ledger.", "foreign",
            name=name)
    _check_version(name, int.from_bytes(header[60:64], "big"))
    # The header may be older than what is in the write-ahead log: ask SQLite too.
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
        try:
            conn.execute("PRAGMA busy_timeout = %d" % BUSY_TIMEOUT_MS)
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise BadFileError(
                    f"{name} is a database of another program, not of Truce Ledger.",
                    "foreign", name=name)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            _check_version(name, version)
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise BadFileError(f"{name} is damaged and cannot be opened ({error}).", "damaged",
                           name=name, reason=str(error)) from None
    if problems != ["ok"]:
        raise BadFileError(f"{name} is damaged: {one_line(problems[0])}.", "damaged", name=name,
                           reason=one_line(problems[0]))
    return version


def one_line(problem: str) -> str:
    """SQLite's report of a problem, on one line."""
    return " ".join(problem.replace("*** in database main ***", "").split()).rstrip(".")


def _check_version(name: str, version: int) -> None:
    if version > LATEST_VERSION:
        raise BadFileError(
            f"{name} was written by a newer version of Truce Ledger (schema {version}; "
            f"this version knows up to {LATEST_VERSION}): update the program to open it.",
            "newer", name=name)
    if version < 1:
        raise BadFileError(f"{name} is not a Truce Ledger database (it has no schema).",
                           "foreign", name=name)


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute("PRAGMA busy_timeout = %d" % BUSY_TIMEOUT_MS)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as error:
        raise BadFileError(f"{path.name} cannot be opened ({error}).") from None
    if mode.lower() != "wal":
        conn.close()
        raise BadFileError(f"{path.name} cannot be opened for writing (journal mode {mode}).")
    return conn


def _create(path: Path) -> None:
    """Make a new ledger file, complete, or none at all.

    It is built under a temporary name and moved into place only when whole, so
    that a power cut leaves no half-made database where the program looks.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LedgerError(f"Cannot create the folder {path.parent}: {error.strerror}.") from None
    temporary = path.with_name(f".{path.name}.{os.getpid()}.creating")
    try:
        conn = sqlite3.connect(temporary, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            _migrate(conn, 0)
        finally:
            conn.close()
        _fsync(temporary)
        try:
            os.link(temporary, path)  # fails if another copy made it meanwhile
        except FileExistsError:
            pass
        except OSError:
            if not path.exists():
                os.replace(temporary, path)
        _fsync(path.parent)
    except sqlite3.Error as error:
        raise LedgerError(f"Cannot create {path.name}: {error}.") from None
    except OSError as error:
        raise LedgerError(f"Cannot create {path.name}: {error.strerror}.") from None
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _migrate(conn: sqlite3.Connection, from_version: int) -> None:
    """Apply each migration after `from_version`, each in its own transaction."""
    for version, name, apply in MIGRATIONS:
        if version <= from_version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            now = utc_now()
            apply(conn, now)
            conn.execute(
                "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, now),
            )
            if version == 1:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
