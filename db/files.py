"""Where a ledger file lives and what lies beside it.

The file itself, every link followed; the -wal, -shm and journal beside it, and what a
dead run left there; the record of a failed check, kept beside the file (never inside
it); the mark of a clean close, kept inside it; the place's own problems (a full disk, a
read-only folder) said as such, not as damage; connections that read without writing
(read-only, immutable), and removing what a refused opening made; a file closed to all
but its owner; only a regular file opened.
"""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from pathlib import Path
from urllib.parse import quote

from .cipher import connect, key_of, sqlite3
from .errors import BadFileError, LedgerError
from .paths import remove_dead_exports_everywhere, remove_leftovers

# The first bytes of a rollback journal that holds a save's pages to be put back ("hot"):
# a journal emptied (journal_mode=persist) or truncated does not start so.
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
# How long a save waits for another copy of the program to finish its own.
BUSY_TIMEOUT_MS = 15_000
# Below this much free space an I/O error while opening is the disk being full: SQLite
# needs 32 KiB for the shared memory of the write-ahead log, and a page or more for it.
FULL_DISK_BYTES = 64 * 1024
# The pages a connection keeps in memory (KiB when negative): 64 MB, so that the index
# pages a search and a page of the list read stay read (bench/bench_search.py: at a
# million breaches a first page of a search takes about 40% less).
CACHE_SIZE = -65536


# --- The file itself, its modes, and what dead runs left beside it ----------------------

def real_path(path: str | os.PathLike) -> Path:
    """The file `path` names, every link followed. SQLite opens that file and keeps its
    -wal and -shm beside it, named after it (not after the link): every check looks
    there, and whatever the program keeps beside a ledger is kept beside that file, so
    that a file is judged the same under any name. A path to nothing stays as given (a
    link to nothing is refused as unreadable, never made to point at a new file)."""
    if not os.path.exists(path):
        return Path(path)
    return Path(os.path.realpath(path))


def _owner_only(path: Path) -> None:
    """A ledger that others on this computer may read (made by an older version, or
    copied in from a stick) is closed to them when its owner opens it to work: the
    same as a ledger made now (0600). Another user's file, or a system without Unix
    modes, is left as it is."""
    if os.name != "posix":
        return
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):
            status = file.stat()
            if status.st_uid == os.getuid() and status.st_mode & 0o077:
                os.chmod(file, stat.S_IMODE(status.st_mode) & 0o700)


def _remove_dead_runs_files(path: Path) -> None:
    """A killed or failed run may have left a half-made file beside the ledger or a half
    backup in backups/; their names carry the run's pid, and only dead runs' go. A killed
    export's working folder (its sheets, in plain text) goes too, in every folder
    exported to from this computer's account."""
    remove_leftovers(path.parent)
    remove_leftovers(path.parent / "backups")
    remove_dead_exports_everywhere()


# --- A failed check, recorded beside the file (never inside the damaged file) ------------

def failed_check_marker(path: Path) -> Path:
    """The small file that says the last check of `path` failed, and why: beside the
    file itself (a link followed), so that it holds under whatever name the file is
    reached."""
    path = real_path(path)
    return path.with_name(f".{path.name}.check-failed")


def record_failed_check(path: Path, reason: str) -> None:
    """Remember that a check of `path` found it damaged, so that writes wait for a check
    that passes. Best effort: a folder that cannot be written keeps no record, and the
    check still says the file is damaged. The record names the damage (a table of
    confidential victims, say): it is the owner's alone (0600), as the ledger is."""
    with contextlib.suppress(OSError):
        marker = failed_check_marker(path)
        descriptor = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                             | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with open(descriptor, "w", encoding="utf-8") as handle:
            if os.name == "posix":
                os.fchmod(descriptor, 0o600)  # one an older version made open to all
            handle.write(reason + "\n")


def clear_failed_check(path: Path) -> None:
    """A check of `path` passed: writes are allowed again."""
    with contextlib.suppress(FileNotFoundError):
        failed_check_marker(path).unlink()


def _failed_check_refusal(path: Path) -> LedgerError | None:
    try:
        reason = failed_check_marker(path).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        reason = "the record of it cannot be read"
    folder = path.parent / "backups"
    return LedgerError(
        "check_failed", name=path.name, reason=reason,
        folder=str(folder))


def fsync_path(path: Path) -> None:
    """What was written to `path` (a file, or a folder's renames) reaches the disk, where
    the system lets it be synced."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --- Where the file lives: a full disk, a read-only folder -------------------------------

# SQLite's own words for the errors of the place (sqlite3_errstr), for the errors that
# come without their name: sqlcipher3 names none of its backup's.
_NAMES_OF_WORDS = {
    "database or disk is full": "SQLITE_FULL",
    "disk I/O error": "SQLITE_IOERR",
    "unable to open database file": "SQLITE_CANTOPEN",
    "attempt to write a readonly database": "SQLITE_READONLY",
}


def place_problem(path: Path, error: BaseException) -> LedgerError | None:
    """When `error` (from SQLite or the system, writing or opening `path`) comes from the
    place rather than the file: LedgerError "disk_full" naming the folder, or "read_only".
    None when the place is fine, and the file itself is to blame."""
    folder = path.parent
    sqlite_name = (getattr(error, "sqlite_errorname", "")
                   or _NAMES_OF_WORDS.get(str(error), ""))
    number = getattr(error, "errno", None)
    io_failed = sqlite_name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN"))
    if sqlite_name == "SQLITE_FULL" or number in (errno.ENOSPC, errno.EDQUOT):
        return _disk_full(path)
    # A folder that cannot be written (a read-only disk, a share, another user's folder)
    # is said as such, also when that disk has no free space (a CD, a full share).
    if number == errno.EROFS or ((io_failed or number == errno.EACCES
                                  or sqlite_name.startswith("SQLITE_READONLY"))
                                 and not os.access(folder, os.W_OK)):
        return _read_only_folder(path)
    if (io_failed or isinstance(error, OSError)) and _free_bytes(folder) < FULL_DISK_BYTES:
        return _disk_full(path)
    return None


def _disk_full(path: Path) -> LedgerError:
    return LedgerError(
        "disk_full", name=path.name, folder=str(path.parent))


def _read_only_folder(path: Path) -> LedgerError:
    return LedgerError("read_only", name=path.name,
                       folder=str(path.parent))


def _free_bytes(folder: Path) -> int:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return FULL_DISK_BYTES  # unknown: not taken for full


def _require_writable(path: Path) -> None:
    """Refuse, before any write, a file the program may read but not write."""
    if not os.access(path.parent, os.W_OK):
        raise _read_only_folder(path)
    if not os.access(path, os.W_OK):
        raise LedgerError("read_only_file", name=path.name)


def _log_holds_pages(path: Path) -> bool:
    """Whether a write-ahead log beside `path` holds anything (saves not yet copied into
    the file itself)."""
    try:
        return os.stat(f"{path}-wal").st_size > 0
    except FileNotFoundError:
        return False


def file_uri(path: Path, **options: str) -> str:
    """The URI SQLite opens `path` by, with `options` (mode=ro: never written)."""
    query = "&".join(f"{key}={value}" for key, value in options.items())
    return f"file:{quote(str(path.resolve()))}?{query}"


def _read_only_connection(path: Path, key: str | None = None) -> sqlite3.Connection:
    """A connection that never writes to the file, taking part in the locking of other
    copies of the program (so that it reads whole saves while they write).

    In a folder that cannot be written SQLite cannot make the shared memory of the
    write-ahead log: with no saves waiting in the log, the file is read as it stands
    (nobody can write there meanwhile); with saves in the log, the user is told.
    Raises LedgerError (disk_full, read_only, read_only_log) or BadFileError (damaged).
    """
    made = _not_beside(path)
    conn = None
    try:
        conn = connect(file_uri(path, mode="ro"), key or key_of(path), file=path, uri=True,
                       isolation_level=None)
        conn.execute("PRAGMA busy_timeout = %d" % BUSY_TIMEOUT_MS)
        conn.execute("PRAGMA cache_size = %d" % CACHE_SIZE)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.DatabaseError as error:
        if conn is not None:
            conn.close()
        problem = place_problem(path, error)
        if problem is None:
            raise BadFileError("damaged_open", name=path.name, reason=str(error)) from None
        if problem.code == "disk_full":
            _remove_made(made)
            raise problem from None
        if _log_holds_pages(path):
            raise LedgerError(
                "read_only_log",
                name=path.name, folder=str(path.parent)) from None
        return _immutable_connection(path, key)


def _immutable_connection(path: Path, key: str | None = None) -> sqlite3.Connection:
    """A connection that reads the file as it stands, without locks, a log or shared
    memory, and creates nothing beside it."""
    try:
        conn = connect(file_uri(path, mode="ro", immutable="1"), key or key_of(path),
                       file=path, uri=True, isolation_level=None)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        raise BadFileError("damaged_open", name=path.name, reason=str(error)) from None
    return conn


def _not_beside(path: Path) -> list[Path]:
    """The -wal and -shm that are not beside `path` (yet): what an opening would make."""
    return [Path(f"{path}{s}") for s in ("-wal", "-shm") if not os.path.lexists(f"{path}{s}")]


def _remove_made(files: list[Path]) -> None:
    """Remove the -wal and -shm that a failed or refused opening made: a -shm only holds
    an index of the log, rebuilt at the next opening, and goes unless another program
    has it open meanwhile; a -wal only if it is empty (one that holds anything holds
    saves). A link is never followed: only what the opening made is removed."""
    for file in files:
        with contextlib.suppress(OSError):
            if file.is_symlink():
                continue
            if (file.name.endswith("-shm") and _unused_shm(file)) or (
                    file.name.endswith("-wal") and file.stat().st_size == 0):
                file.unlink()


def _unused_shm(shm: Path) -> bool:
    """Whether no connection has the shared memory `shm` open: each holds a shared lock
    on its byte 128 (SQLite's "DMS" lock) for as long as it uses it, so an exclusive lock
    there is had only when nobody does. Elsewhere than Unix an open file cannot be
    removed anyway."""
    if os.name != "posix":
        return True
    import fcntl

    descriptor = os.open(shm, os.O_RDWR | os.O_NOFOLLOW)
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)
        return True
    except OSError:
        return False
    finally:
        os.close(descriptor)


# --- A file on its own: a regular file, and nothing beside it that stops its opening ---

_KINDS = {stat.S_ISFIFO: "a named pipe", stat.S_ISCHR: "a device", stat.S_ISBLK: "a device",
          stat.S_ISSOCK: "a socket", stat.S_ISDIR: "a folder"}


def _require_regular_file(path: Path) -> None:
    """Refuse a pipe, a device, a socket, a folder before opening it: reading a named
    pipe waits for a writer for ever, a device never ends."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        raise BadFileError("unreadable",
                           name=path.name, reason=error.strerror) from None
    if stat.S_ISREG(mode):
        return
    kind = next((words for test, words in _KINDS.items() if test(mode)), "not a file")
    raise BadFileError("not_a_file", name=str(path), kind=kind)


def _refuse_what_lies_beside(path: Path) -> None:
    """Refuse, in words that say what is true, a whole file that cannot be opened for
    what lies beside it: a -wal or -shm that is a link to another file (SQLite opens
    neither through a link: "unable to open database file"), or a rollback journal left by a save that another
    program did not finish (it must be put back before the file is read)."""
    name = path.name
    for suffix in ("-wal", "-shm"):
        if os.path.islink(f"{path}{suffix}"):
            raise BadFileError(
                "linked_log", name=name, file=f"{name}{suffix}")
    try:
        with open(f"{path}-journal", "rb") as handle:
            unfinished = handle.read(8) == JOURNAL_MAGIC
    except OSError:
        return
    if unfinished:
        raise BadFileError(
            "unfinished_journal", name=name, file=f"{name}-journal")
