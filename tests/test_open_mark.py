"""The mark of a clean close: an opening skips reading every page (SQLite's quick_check)
only for a file as its last clean close left it, and reads every page of any other.

What the mark can tell (db/files.py mark_clean_close): every write reaches the file
through the write-ahead log, which stays beside the file until the write is copied in,
and the copy gives the file a new time. So a crash, another copy of the program still
open when the first closed, plain sqlite3 (which leaves the file's size and its header's
change counter as they were: shown below), any tool that writes bytes into the file:
after each, the next opening reads every page. What it cannot tell: bytes changed with
the file's time put back, as a failing disk changes them. `check` reads every page, and
finds them.

An opening is observed through the statements its connections run, never its time.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.demo import create_demo
from db.files import record_failed_check
from gui.messages import error_text
from tests.conftest import ROOT

# A second copy of the program: opens the ledger, says so, then on each line it reads
# saves the office's name (a setting, kept in the file) and says so; "close" closes.
COPY = """
import sys
import db
ledger = db.open_ledger(sys.argv[1])
print("open", flush=True)
for line in sys.stdin:
    if line.strip() == "close":
        ledger.close()
        print("closed", flush=True)
        break
    ledger.set_meta("office", line.strip())
    print("saved", flush=True)
"""


@pytest.fixture
def statements(monkeypatch):
    """Every statement run by a connection opened from now on."""
    seen: list[str] = []
    connect = sqlite3.connect

    def spying(*args, **kwargs):
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(seen.append)
        return conn

    monkeypatch.setattr(sqlite3, "connect", spying)
    return seen


@pytest.fixture
def closed(tmp_path) -> Path:
    """A ledger of a few hundred breaches, closed cleanly."""
    path = tmp_path / "office.sqlite3"
    create_demo(path, size=300)
    return path


def read_every_page(statements: list[str], path: Path, **options) -> bool:
    """Whether opening `path` (then closing it) read every page of it."""
    statements.clear()
    db.open_ledger(path, **options).close()
    return any("quick_check" in statement for statement in statements)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def start_copy(path: Path) -> subprocess.Popen:
    copy = subprocess.Popen([sys.executable, "-c", COPY, str(path)], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert copy.stdout.readline() == "open\n"
    return copy


def tell(copy: subprocess.Popen, line: str) -> str:
    copy.stdin.write(line + "\n")
    copy.stdin.flush()
    return copy.stdout.readline().strip()


def test_after_a_clean_close_an_opening_reads_no_page_of_the_file(statements, tmp_path):
    path = tmp_path / "office.sqlite3"
    assert read_every_page(statements, path)  # made, and read through
    with db.open_ledger(path) as ledger:
        ledger.set_meta("office", "Gaziantep")
    assert not read_every_page(statements, path)
    assert not read_every_page(statements, path, read_only=True)
    with db.open_ledger(path) as ledger:
        assert ledger.meta("office") == "Gaziantep"


def test_an_opening_that_writes_nothing_leaves_the_file_as_it_was(statements, closed):
    before, time = digest(closed), closed.stat().st_mtime_ns
    for read_only in (False, True):
        with db.open_ledger(closed, read_only=read_only) as ledger:
            assert db.count_breaches(ledger).breaches > 300
    assert digest(closed) == before and closed.stat().st_mtime_ns == time
    assert sorted(p.name for p in closed.parent.iterdir()) == [closed.name]
    assert not read_every_page(statements, closed)


def test_a_session_whose_write_was_undone_leaves_the_file_as_it_was(statements, closed):
    """A transaction rolled back (an import cancelled) may have spilled its pages into the
    log: not a save, and the file stays as its last clean close left it."""
    before, time = digest(closed), closed.stat().st_mtime_ns
    with db.open_ledger(closed) as ledger:
        ledger.conn.execute("PRAGMA cache_size = 20")
        with pytest.raises(KeyboardInterrupt), ledger.transaction() as conn:
            conn.executemany("INSERT INTO meta VALUES (?, ?)",
                             ((f"row {number}", "x" * 4000) for number in range(200)))
            assert Path(f"{closed}-wal").stat().st_size > 0  # pages spilled into the log
            raise KeyboardInterrupt
    assert digest(closed) == before and closed.stat().st_mtime_ns == time
    assert not read_every_page(statements, closed)


def test_after_a_kill_the_opening_reads_every_page(statements, closed):
    copy = start_copy(closed)
    assert tell(copy, "Gaziantep") == "saved"
    os.kill(copy.pid, signal.SIGKILL)
    copy.wait()
    assert read_every_page(statements, closed)
    with db.open_ledger(closed) as ledger:
        assert ledger.meta("office") == "Gaziantep"  # the save was kept
    assert not read_every_page(statements, closed)  # closed cleanly again


def test_a_change_by_plain_sqlite3_is_read_through(statements, closed):
    header = closed.read_bytes()[:100]
    size = closed.stat().st_size
    plain = sqlite3.connect(closed)
    plain.execute("UPDATE breach SET place = 'Darayya' WHERE rowid = (SELECT max(rowid)"
                  " FROM breach)")
    plain.commit()
    plain.close()
    # What a mark of the size and the header's change counter would miss:
    assert closed.stat().st_size == size and closed.read_bytes()[24:28] == header[24:28]
    assert read_every_page(statements, closed)


@pytest.mark.parametrize("then", ["killed", "closed"])
def test_a_copy_that_closes_while_another_is_open_leaves_no_false_mark(
        statements, closed, then):
    copy = start_copy(closed)
    with db.open_ledger(closed) as ledger:
        ledger.set_meta("office", "Idlib")
    assert tell(copy, "Gaziantep") == "saved"  # written after the first copy's close
    if then == "killed":
        os.kill(copy.pid, signal.SIGKILL)
    else:
        assert tell(copy, "close") == "closed"
    copy.wait()
    assert read_every_page(statements, closed) == (then == "killed")
    with db.open_ledger(closed) as ledger:
        assert ledger.meta("office") == "Gaziantep"


def _scribble_over_breaches(path: Path) -> None:
    """Bytes written over the first page of the breaches, the file's size unchanged."""
    plain = sqlite3.connect(path)
    root = plain.execute("SELECT rootpage FROM sqlite_master WHERE name = 'breach'"
                         ).fetchone()[0]
    page_size = plain.execute("PRAGMA page_size").fetchone()[0]
    plain.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(bytes([0xA5]) * page_size)


def test_a_damaged_page_is_found_by_the_opening_and_with_its_time_put_back_by_check(
        statements, closed):
    size, times = closed.stat().st_size, (closed.stat().st_atime_ns, closed.stat().st_mtime_ns)
    _scribble_over_breaches(closed)
    assert closed.stat().st_size == size
    with pytest.raises(db.BadFileError) as refused:
        db.open_ledger(closed)
    assert "office.sqlite3 is damaged" in error_text(refused.value)
    # A failing disk changes bytes and not the time: the mark cannot see that.
    os.utime(closed, ns=times)
    assert not read_every_page(statements, closed, read_only=True)
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", "--db",
                             str(closed)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "damaged" in result.stderr or "disk image is malformed" in result.stderr


@pytest.mark.parametrize("times", ["kept", "new"])
def test_a_file_restored_from_a_copy(statements, closed, tmp_path, times):
    """A copy that keeps the file's times (cp -p, a backup restored) is the file as it
    was closed; one with a new time is read through."""
    restored = tmp_path / "restored" / "office.sqlite3"
    restored.parent.mkdir()
    (shutil.copy2 if times == "kept" else shutil.copy)(closed, restored)
    assert read_every_page(statements, restored) == (times == "new")


def test_a_file_whose_last_check_failed_is_read_through(statements, closed):
    record_failed_check(closed, "a page was damaged")
    assert read_every_page(statements, closed)
