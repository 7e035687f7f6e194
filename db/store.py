"""Opening a ledger file: checks, creation and migrations.

A file is opened only after it has been shown to be a regular file, ours (our mark and
exactly our schema), whole and not newer than this program; until then it is read
through a read-only connection (without even a -wal or -shm while its schema is not yet
shown to be ours), so that a file we refuse is left byte for byte as it was, and nothing
appears beside it. A full disk or a read-only folder is said as such, not as damage. A
file whose last check failed opens to be read, and refuses writes until a check passes.

The open file itself and its transaction boundary (Ledger) are db/ledger.py's.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .cipher import PASSPHRASE_NEEDED_BYTES, connect, key_of, remember, sqlite3
from .errors import BadFileError, LedgerError, PassphraseError
from .copies import backup_database
from .day_sums import keep_day_sums, readable_day_sums
from .fold import keep_folded, readable_keys
from .place_uses import keep_place_uses, readable_place_uses
from .files import (BUSY_TIMEOUT_MS, CACHE_SIZE, FULL_DISK_BYTES, JOURNAL_MAGIC,
                    _failed_check_refusal, _immutable_connection, _log_holds_pages,
                    _not_beside, _owner_only, _read_only_connection,
                    _refuse_what_lies_beside, _remove_dead_runs_files, _remove_made,
                    _require_regular_file, _require_writable, clear_failed_check,
                    failed_check_marker, fsync_path, place_problem, real_path,
                    record_failed_check)
from .close_mark import clean_close_mark, closed_as_marked
from .ledger import Ledger, _RefusingLedger, fetch_dicts
from .paths import private_file, temporary_name
from .records import utc_now
from .schema import APPLICATION_ID, LATEST_VERSION, MIGRATIONS, schema_difference

# Where the file lives and what lies beside it (db/files.py), and the open file itself
# (db/ledger.py), importable from here as before.
__all__ = [
    "BUSY_TIMEOUT_MS", "FULL_DISK_BYTES", "JOURNAL_MAGIC", "SQLITE_MAGIC", "Ledger",
    "clear_failed_check", "failed_check_marker", "fetch_dicts", "fsync_path", "inspect_file",
    "inspected",
    "one_line", "open_ledger", "open_reader", "place_problem", "real_path",
    "record_failed_check",
]


SQLITE_MAGIC = b"SQLite format 3\x00"


def open_reader(path: str | os.PathLike) -> Ledger:
    """A read-only connection to a ledger already opened (and checked) elsewhere, for work
    on another thread: one connection per thread."""
    path = real_path(path)
    conn = _read_only_connection(path)
    try:
        _readable(conn)
    except BaseException:
        conn.close()
        raise
    return _RefusingLedger(conn, path, "", "", _opened_read_only(path))


def _readable(conn: sqlite3.Connection) -> None:
    """A file of an older schema, which a read-only connection may not migrate, is searched,
    totalled and completed all the same (slower: recounted as it is read)."""
    readable_keys(conn)
    readable_day_sums(conn)
    readable_place_uses(conn)


def open_ledger(path: str | os.PathLike, *, user: str = "", office: str = "",
                create: bool = True, read_only: bool = False,
                passphrase: str | None = None) -> Ledger:
    """Open the ledger at `path`, creating it when it does not exist and `create` is set:
    encrypted with `passphrase` when one is given (db/cipher.py), else plain.

    An encrypted file asks for its passphrase: PassphraseError "passphrase_needed" when
    none is given, "passphrase_wrong" when the one given does not open it (nothing
    changed either way). A plain file opens whatever `passphrase` says (its Ledger's
    `encrypted` is False).

    Raises BadFileError, with a one-line reason, for a file that is not SQLite, is
    truncated or damaged, belongs to another program or has a newer schema; such a
    file is not changed. An older schema is migrated, after a backup.

    With `read_only`, nothing is ever written to the file (a file that does not exist is
    not made): reports open so, and open even in a read-only folder. Every write then
    raises LedgerError "opened_read_only". A file whose last check failed opens too, to
    be read, but refuses every write (LedgerError "check_failed") until a check passes.
    Raises LedgerError "disk_full" or "read_only" when the place, not the file, is why
    it cannot be opened. Every opening first removes what dead runs left beside it, and
    what killed exports left in the folders exported to.

    A link is followed first: the Ledger's path is the file itself, where SQLite keeps
    its log, and where its drafts, backups and the record of a failed check are kept.
    """
    path = real_path(path)
    if passphrase is None:  # opened before in this run (another thread's copy, say)
        passphrase = key_of(path)
    _remove_dead_runs_files(path)
    if not os.path.lexists(path):
        if not create or read_only:
            raise BadFileError("missing", name=str(path))
        _create(path, passphrase)
    elif path.is_dir():
        raise BadFileError("folder",
                           name=str(path))
    made = _not_beside(path)
    version, encrypted = inspected(path, passphrase)
    key = passphrase if encrypted else None
    remember(path, key)  # for the connections of other threads (open_reader)
    if read_only:
        conn = _read_only_connection(path)
        _readable(conn)
        return _RefusingLedger(conn, path, user, office, _opened_read_only(path),
                               tidy=len(made) == 2).with_office()
    _require_writable(path)
    _owner_only(path)
    refusal = _failed_check_refusal(path)
    try:
        conn = _connect(path, key)
    except LedgerError:  # a full disk, say: what the connection made goes again
        _remove_made(made)
        raise
    try:
        if version < LATEST_VERSION:
            if refusal is not None:
                raise refusal
            backup_database(conn, path, reason=f"before-migration-{version}")
            _migrate(conn, version)
        keep_folded(conn)  # every breach written here gets its search form (db/fold.py)
        keep_day_sums(conn)  # and is counted in its day's sums (db/day_sums.py)
        keep_place_uses(conn)  # and its place's count (db/place_uses.py)
    except BaseException:
        conn.close()
        raise
    if refusal is not None:
        return _RefusingLedger(conn, path, user, office, refusal).with_office()
    return Ledger(conn, path, user, office).with_office()


def _opened_read_only(path: Path) -> LedgerError:
    return LedgerError("opened_read_only", name=path.name)


# --- Is it ours, whole, and not newer? ---------------------------------------------------

def inspect_file(path: Path, passphrase: str | None = None) -> int:
    """Check, without writing, that `path` is a whole Truce Ledger database we can open
    (encrypted: with `passphrase`).

    Returns its schema version. Raises BadFileError with the reason otherwise
    (PassphraseError when the file may be encrypted and is not opened by `passphrase`).

    Until its schema is shown to be ours, a file is read without locks, log or shared
    memory (nothing is created beside it, whatever its journal mode); only then does an
    ordinary read-only connection (which may make the -wal and -shm of a file in WAL
    mode) run quick_check, which reads every page. It is skipped for a file as its last
    clean close left it (db/close_mark.py mark_clean_close says what that can and cannot
    tell), unless its last check failed. A file refused is left as it was: a -wal or
    -shm that the inspection made is removed again.

    A link is followed first, so that the log read is the one SQLite will use.
    """
    return inspected(real_path(path), passphrase)[0]


def inspected(path: Path, passphrase: str | None) -> tuple[int, bool]:
    """inspect_file's checks of the file at `path` (a link followed): its schema version,
    and whether it is encrypted (opened by `passphrase`)."""
    _require_regular_file(path)
    _refuse_what_lies_beside(path)
    made = _not_beside(path)
    try:
        return _inspect(path, passphrase)
    except LedgerError:
        _remove_made(made)
        raise


def _inspect(path: Path, passphrase: str | None) -> tuple[int, bool]:
    """inspect_file, once the file is shown to be a file on its own."""
    name = path.name
    try:
        status = path.stat()
        size = status.st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise BadFileError("unreadable",
                           name=name, reason=error.strerror) from None
    if size == 0:
        raise BadFileError("empty",
                           name=name)
    if not header.startswith(SQLITE_MAGIC[: min(len(header), 16)]):
        # An encrypted file starts with random bytes (its salt): it can be told from
        # any other file only by its passphrase.
        if size < PASSPHRASE_NEEDED_BYTES or size % 512:
            raise BadFileError("not_sqlite", name=name)
        if passphrase is None:
            raise PassphraseError("passphrase_needed", name=name)
        return _inspect_encrypted(path, status, passphrase), True
    if len(header) < 100:
        raise BadFileError("truncated", name=name)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    # With a write-ahead log beside it the file can be shorter than its header says, for
    # a moment (another copy is checkpointing) or after a crash; quick_check decides then.
    settled = not _log_holds_pages(path)
    if page_size < 512 or (settled and (size % page_size or (
            counter_valid and size < page_size * page_count))):
        raise BadFileError("truncated", name=name)
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise BadFileError(
            "foreign",
            name=name)
    _check_version(name, int.from_bytes(header[60:64], "big"))
    # The header may be older than what is in the write-ahead log: ask SQLite too.
    conn = _immutable_connection(path) if settled else _read_only_connection(path)
    return _asked_of_sqlite(conn, path, status, None), False


def _inspect_encrypted(path: Path, status: os.stat_result, passphrase: str) -> int:
    """_inspect for a file that is not plain SQLite: what the file's header would have
    told is asked of SQLite, once the passphrase has opened the file."""
    name = path.name
    try:
        conn = (_immutable_connection(path, passphrase) if not _log_holds_pages(path)
                else _read_only_connection(path, passphrase))
    except BadFileError:
        # Not even its first page reads: not this passphrase, or not an encrypted ledger.
        raise PassphraseError("passphrase_wrong", name=name) from None
    return _asked_of_sqlite(conn, path, status, passphrase)


def _asked_of_sqlite(conn: sqlite3.Connection, path: Path, status: os.stat_result,
                     key: str | None) -> int:
    """The file's schema version, once SQLite on `conn` (closed here) has shown it to be
    ours; every page read too unless the file is as its last clean close left it."""
    try:
        version = _check_ours(conn, path.name)
        mark = clean_close_mark(conn)
    except sqlite3.DatabaseError as error:
        raise BadFileError("damaged_open", name=path.name, reason=str(error)) from None
    finally:
        conn.close()
    if not closed_as_marked(path, mark, status) or failed_check_marker(path).exists():
        _quick_check(path, key)
    return version


def _quick_check(path: Path, key: str | None) -> None:
    """Read every page of the file (SQLite's quick_check): BadFileError "damaged" when
    a record's page is not whole."""
    conn = _read_only_connection(path, key)
    try:
        problems = of_records([row[0] for row in conn.execute("PRAGMA quick_check")]) or ["ok"]
    except sqlite3.DatabaseError as error:
        raise place_problem(path, error) or BadFileError(
            "damaged_open", name=path.name, reason=str(error)) from None
    finally:
        conn.close()
    if problems != ["ok"]:
        raise BadFileError("damaged", name=path.name,
                           reason=one_line(problems[0]))


def _check_ours(conn: sqlite3.Connection, name: str) -> int:
    """The schema version of the file on `conn`, once its mark, version and schema are
    shown to be this program's; BadFileError otherwise. Reads only the header and
    sqlite_master: nothing a forged file holds is run."""
    conn.execute("PRAGMA busy_timeout = %d" % BUSY_TIMEOUT_MS)
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise BadFileError(
            "foreign",
            name=name)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    _check_version(name, version)
    difference = schema_difference(conn, version)
    if difference is not None:
        raise BadFileError(
            "foreign_schema", name=name,
            reason=difference)
    return version


def of_records(problems: list[str]) -> list[str]:
    """SQLite's `problems` less those of the search index: since SQLite 3.44 its integrity
    checks read FTS5 indexes too. The index holds no record, only what is made from them:
    a file whose index alone is wrong opens, and `check` says so and rebuilds it
    (db/backup.py kept_differences, recount_kept)."""
    return [problem for problem in problems
            if not (problem.startswith(("fts5:", "malformed inverted index for FTS5"))
                    and "breach_text" in problem)]


def one_line(problem: str) -> str:
    """SQLite's report of a problem, on one line."""
    return " ".join(problem.replace("*** in database main ***", "").split()).rstrip(".")


def _check_version(name: str, version: int) -> None:
    if version > LATEST_VERSION:
        raise BadFileError("newer", name=name, version=version, latest=LATEST_VERSION)
    if version < 1:
        raise BadFileError("foreign", name=name)


def _connect(path: Path, key: str | None) -> sqlite3.Connection:
    conn = None
    try:
        conn = connect(path, key, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute("PRAGMA busy_timeout = %d" % BUSY_TIMEOUT_MS)
        conn.execute("PRAGMA cache_size = %d" % CACHE_SIZE)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as error:
        if conn is not None:
            conn.close()
        raise place_problem(path, error) or BadFileError(
            "damaged_open", name=path.name, reason=str(error)) from None
    if mode.lower() != "wal":
        conn.close()
        raise BadFileError("no_wal", name=path.name, mode=mode)
    return conn


def _create(path: Path, passphrase: str | None) -> None:
    """Make a new ledger file, complete, or none at all, readable by its owner alone;
    encrypted with `passphrase` when one is given.

    It is built under a temporary name and moved into place only when whole, so
    that a power cut leaves no half-made database where the program looks. SQLite gives
    the -wal and -shm the file's own mode (0600).
    """
    try:
        # A folder made here (the data folder, the first time) is the owner's alone.
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise place_problem(path, error) or LedgerError(
            "folder_not_made", name=str(path.parent), reason=error.strerror) from None
    temporary = temporary_name(path, "creating")
    try:
        private_file(temporary)
        conn = connect(temporary, passphrase, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            _migrate(conn, 0)
        finally:
            conn.close()
        fsync_path(temporary)
        try:
            os.link(temporary, path)  # fails if another copy made it meanwhile
        except FileExistsError:
            pass
        except OSError:
            if not path.exists():
                os.replace(temporary, path)
        fsync_path(path.parent)
    except sqlite3.Error as error:
        raise place_problem(path, error) or LedgerError(
            "not_written", name=path.name, reason=str(error)) from None
    except OSError as error:
        raise place_problem(path, error) or LedgerError(
            "not_written", name=path.name, reason=error.strerror) from None
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()


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
