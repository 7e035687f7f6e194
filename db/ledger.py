"""An open ledger file and its transaction boundary: the Ledger class, a ledger that refuses
writes (opened read-only, or whose last check failed), and reading rows as dicts.

Opening a file, checking it, creating and migrating it are db/store.py's; these names are
importable from there as before.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

from .cipher import connect, key_of, sqlite3
from .errors import BusyError, LedgerError
from .close_mark import mark_clean_close
from .files import place_problem

# The key, in the file's `meta`, of the office's name the file was made with (`new --office`).
OFFICE = "office"


class Ledger:
    """An open ledger file, used from one thread, and who is writing to it."""

    def __init__(self, conn: sqlite3.Connection, path: Path, user: str, office: str):
        self.conn = conn
        self.path = path
        self.user = user
        self.office = office
        self._depth = 0
        # Why nothing may be written to this file (read-only, a failed check), or None.
        self.write_refusal: LedgerError | None = None

    @property
    def encrypted(self) -> bool:
        """Whether the file is encrypted (opened with its passphrase: db/cipher.py)."""
        return key_of(self.path) is not None

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
            raise BusyError("busy", name=self.path.name) from None
        self._depth = 1
        try:
            yield self.conn
        except BaseException as error:
            self._depth = 0
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            problem = place_problem(self.path, error) if isinstance(
                error, (sqlite3.Error, OSError)) else None
            if problem is not None:
                raise problem from None
            raise
        self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            # A COMMIT that fails (a full disk) leaves the transaction open: end it, so
            # that nothing of it is kept and the next action starts clean.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise place_problem(self.path, error) or error from None

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

    def name_office(self, name: str) -> str:
        """Keep `name` (without the spaces around it) in the file as the office's name, and
        make it this ledger's office. Returns the name kept."""
        name = name.strip()
        self.set_meta(OFFICE, name)
        self.office = name
        return name

    def with_office(self) -> "Ledger":
        """This ledger, its office the file's own (`new --office`) where none was given."""
        self.office = self.office or self.office_of_file
        return self

    @property
    def office_of_file(self) -> str:
        """The office's name the file was made with (`new --office`), or ''."""
        return self.meta(OFFICE, "")

    @property
    def is_demo(self) -> bool:
        """Whether this file is a demo database (made by `main.py demo`)."""
        return self.meta("demo") == "1"

    def close(self) -> None:
        """Close; a ledger that may be written marks its clean close in the file first,
        so that the next opening need not read every page (db/close_mark.py). A mark that
        cannot be written costs that opening a check, never a save."""
        if self.write_refusal is None:
            with contextlib.suppress(sqlite3.Error, OSError):
                mark_clean_close(self.conn, self.path)
        self.conn.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def key_taken(conn: sqlite3.Connection, table: str, key: str) -> bool:
    """Whether a row of `table` has the key `key`, live or a tombstone: a key brought in
    from elsewhere that is taken here must not be written over."""
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (key,)).fetchone() is not None


def fetch_dicts(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    """The rows of a query as plain dicts keyed by column name."""
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


class _RefusingLedger(Ledger):
    """A ledger that can be read but not written: opened read-only, or one whose last
    check failed. Every write goes through `transaction`, which here refuses before
    touching the file, with the reason in words (`write_refusal`)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, user: str, office: str,
                 refusal: LedgerError, tidy: bool = False):
        super().__init__(conn, path, user, office)
        self.write_refusal = refusal
        self._tidy = tidy

    def close(self) -> None:
        """Close; a read-only connection cannot remove the -wal and -shm that SQLite made
        for it, so when it made them, an ordinary connection that reads once and closes
        does (SQLite removes them only if it is the last connection to the file)."""
        super().close()
        if self._tidy and os.access(self.path.parent, os.W_OK):
            with contextlib.suppress(sqlite3.Error):
                tidy = connect(self.path, key_of(self.path), isolation_level=None)
                try:
                    tidy.execute("SELECT count(*) FROM sqlite_master").fetchone()
                finally:
                    tidy.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        refusal = self.write_refusal
        raise LedgerError(refusal.code, **refusal.params)
        yield self.conn  # never reached: the generator form keeps the `with` contract
