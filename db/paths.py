"""Where the program keeps its data when the user names no file."""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import sys
from pathlib import Path

APP_FOLDER = "TruceLedger"
DEFAULT_FILE = "ledger.sqlite3"
# The folders workbooks were exported to, newest first, in the user's data folder: every
# start removes there what a killed export left.
EXPORT_FOLDERS_FILE = "export-folders.json"
KEEP_EXPORT_FOLDERS = 10


def user_data_folder() -> Path:
    """The user's data folder for Truce Ledger, as each system places such folders."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_FOLDER


def default_database_path() -> Path:
    """The database used when no `--db` is given."""
    return user_data_folder() / DEFAULT_FILE


# A temporary file of this program: hidden, the computer and pid of the run that made
# it, then what it is: `.office.sqlite3.laptop-4242.creating`,
# `.office-2017-….sqlite3.laptop-4242.part`, with any -wal, -shm or -journal SQLite put
# beside it. A name without the computer (`.demo.sqlite3.4242.building`) is of this one.
_LEFTOVER = re.compile(r"\..+\.(?:(?P<host>[A-Za-z0-9_-]+)-)?(?P<pid>\d+)"
                       r"\.(?:part|creating|building|stage)(?:-wal|-shm|-journal)?")


def temporary_name(target: Path, kind: str = "part") -> Path:
    """Where a file is written before it is renamed to `target`: beside it (so the rename
    is one step on one disk), hidden, and named with this computer and this run's pid, so
    that remove_leftovers() can tell a dead run's file from a living one's, also in a
    folder that several computers share."""
    return target.with_name(f".{target.name}.{host()}-{os.getpid()}.{kind}")


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove from `folder` the temporary files (see temporary_name) of runs of this
    computer that are no longer alive: a killed check's half backup, a creation cut
    short. A living run's files, and those of other computers, are left alone. Returns
    what was removed; a folder that cannot be read or written is left as it is."""
    removed = []
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return removed
    for name in names:
        match = _LEFTOVER.fullmatch(name)
        if match is None or match["host"] not in (None, host()) or alive(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            (folder / name).unlink()
            removed.append(folder / name)
    return removed


def host() -> str:
    """This computer's name, as it may stand in a file name."""
    import socket  # only when a leftover file is met: a start need not wait for it
    return re.sub(r"[^A-Za-z0-9_]", "_", socket.gethostname())[:40] or "here"


def alive(pid: int) -> bool:
    """Whether a process `pid` runs on this computer (when unsure: yes, so that nothing
    of a running process is ever removed)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there
        import ctypes
        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.GetLastError() == 5  # access denied: it runs, as another user
        code = ctypes.c_ulong()
        try:
            kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, and belongs to another user
    return True


def private_file(path: Path) -> Path:
    """Make `path` an empty file that only its owner may read or write (0600; on Windows
    the user's own folder already keeps it from others). It must not exist yet. SQLite
    and openpyxl then write into it and keep its mode: the ledger, a backup, a copy, a
    full export hold confidential contacts and victims."""
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(descriptor)
    return path


def private_folder(path: Path) -> Path:
    """Make the folder `path` (and its parents) if needed, and let only its owner into
    it (0700), also when an older version made it open to all."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if sys.platform != "win32" and stat.S_IMODE(path.stat().st_mode) != 0o700:
        with contextlib.suppress(OSError):  # another user's folder stays as they made it
            os.chmod(path, 0o700)
    return path


# --- What a killed export leaves: its working folder of sheets, beside the workbook ------

# The working folder of one export: `.NAME.xlsx.<pid>@<host>.<random>.parts`.
_PARTS = re.compile(r"^\..+\.(?P<pid>[0-9]+)@(?P<host>[A-Za-z0-9_-]*)\.[a-z0-9_]+\.parts$")


def remove_dead_exports(folder: str | os.PathLike) -> list[Path]:
    """Remove the working folders that exports killed on this computer left in `folder`
    (those whose process is no longer running); returns what it removed. A folder of an
    export still running, here or on another computer sharing the folder, is kept."""
    removed = []
    with contextlib.suppress(OSError):
        with os.scandir(folder) as entries:
            for entry in entries:
                found = _PARTS.match(entry.name)
                if (found and found["host"] == host() and entry.is_dir(follow_symlinks=False)
                        and not alive(int(found["pid"]))):
                    shutil.rmtree(entry.path, ignore_errors=True)
                    removed.append(Path(entry.path))
    return removed


def export_folders() -> list[Path]:
    """The folders workbooks were last exported to from this account, newest first (none
    when the record is missing or unreadable: it only serves to tidy)."""
    try:
        folders = json.loads((user_data_folder() / EXPORT_FOLDERS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(folders, list):
        return []
    return [Path(f) for f in folders if isinstance(f, str)][:KEEP_EXPORT_FOLDERS]


def remember_export_folder(folder: str | os.PathLike) -> None:
    """Put `folder` first among the folders exported to (the newest ten are kept), so
    that the next start of the program or of any command removes there what this export
    leaves if it is killed (its sheets, confidential in a full export). The record is
    written whole under another name, then renamed, and is the owner's alone: it names
    where the office keeps its workbooks. Best effort: without it the next export into
    the same folder still tidies it."""
    folder = os.path.abspath(folder)
    folders = [folder] + [str(f) for f in export_folders() if str(f) != folder]
    record = user_data_folder() / EXPORT_FOLDERS_FILE
    with contextlib.suppress(OSError):
        private_folder(record.parent)
        temporary = temporary_name(record)
        try:
            private_file(temporary)
            with open(temporary, "w", encoding="utf-8") as handle:
                json.dump(folders[:KEEP_EXPORT_FOLDERS], handle, ensure_ascii=False)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, record)
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink()


def remove_dead_exports_everywhere() -> list[Path]:
    """What killed exports left in every folder exported to: removed at every start."""
    removed = []
    for folder in export_folders():
        removed += remove_dead_exports(folder)
    return removed
