"""Hostile files and hostile places (issue 9): a forged file, a pipe, a damaged index, a
full disk, a read-only folder, a killed check, writers that never stop, other users.

Each test asserts what a user would notice: the command's one line and exit status, the
file's bytes, the folder's listing, the permissions another user meets."""
from __future__ import annotations

import hashlib
import shutil
import os
import signal
import stat
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

import cli
from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.day_sums import keep_day_sums
from gui.messages import error_text
from tests.words import raises_saying
from db import schema
from db.backup import check_and_back_up, list_backups, save_copy
from tests.conftest import ROOT, fill_disk, read_rows

MAIN = str(ROOT / "main.py")
LOOP = str(ROOT / "tests" / "save_loop.py")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """The command line run in this process: (exit status, stdout, stderr)."""
    status = cli.run([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def command(name: str, path: Path, elsewhere: Path) -> list[str]:
    """The arguments of command `name` on the ledger at `path`; any other file it needs
    (a workbook to write, a CSV to read) lives in `elsewhere`."""
    if name == "export":
        return ["export", "--db", str(path), "--out", str(elsewhere / "out.xlsx")]
    if name == "import":
        csv = elsewhere / "rows.csv"
        csv.write_text("Date,Governorate\n2017-01-02,Aleppo\n", encoding="utf-8")
        return ["import", "--db", str(path), str(csv)]
    return [name, "--db", str(path)]


def save_one(ledger: db.Ledger) -> db.Breach:
    """A valid breach saved into `ledger`."""
    source = db.find_by_name(ledger, "source", "Witness") or db.save_source(
        ledger, db.Source(name="Witness", kind="activist")).id
    return db.save_breach(ledger, db.Breach(
        occurred_on="2017-01-02", governorate_id=db.find_by_name(ledger, "governorate", "Idlib"),
        breach_type_id=db.find_by_name(ledger, "breach_type", "Shelling"),
        place=f"Saraqib {uuid.uuid4().hex[:8]}", killed=1, citations=[db.Citation(source_id=source)]))


def pad(path: Path, megabytes: int) -> None:
    """Make the ledger at `path` about `megabytes` bigger (rows of its own settings), so
    that a check and its backup take a while."""
    conn = sqlite3.connect(path)
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                     ((f"padding {n}", os.urandom(2000).hex()) for n in range(megabytes * 256)))
    conn.commit()
    conn.close()


# --- 11. A forged file: our application_id, not our schema -----------------------------

def _other_tables(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('x', '1')")
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def _ours_then(change: str):
    def make(path: Path) -> None:
        db.open_ledger(path).close()
        conn = sqlite3.connect(path)
        conn.execute(change)
        conn.commit()
        conn.close()
    return make


FORGERIES = {
    "other tables": _other_tables,
    "an extra trigger": _ours_then("CREATE TRIGGER spy AFTER INSERT ON breach BEGIN "
                                   "DELETE FROM source; END"),
    "a table missing": _ours_then("DROP TABLE change_log"),
    "a table changed": _ours_then("ALTER TABLE source ADD COLUMN leaked TEXT"),
    "an index missing": _ours_then("DROP INDEX victim_by_breach"),
}


def _forge(folder: Path, forgery: str, journal: str) -> Path:
    folder.mkdir()
    path = folder / "forged.sqlite3"
    FORGERIES[forgery](path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()
    for suffix in ("-wal", "-shm", "-journal"):
        assert not Path(f"{path}{suffix}").exists()
    return path


@pytest.mark.parametrize("journal", ["delete", "wal"])
@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_a_forged_file_is_refused_without_writing_anything(tmp_path, qapp, forgery, journal):
    from gui.messages import error_text
    path = _forge(tmp_path / "forged", forgery, journal)
    before, files = digest(path), listing(path.parent)
    with raises_saying(db.BadFileError, "not a Truce Ledger database") as refused:
        db.open_ledger(path)
    assert refused.value.code == "foreign_schema"
    assert error_text(refused.value) == error_text(refused.value)
    with raises_saying(db.BadFileError, "not a Truce Ledger database"):
        db.open_ledger(path, read_only=True)
    assert digest(path) == before
    assert listing(path.parent) == files  # no -wal, no -shm, no backups/


@pytest.mark.parametrize("name", ["check", "totals", "export", "import"])
@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_no_command_writes_to_a_forged_file(tmp_path, capsys, name, journal):
    path = _forge(tmp_path / "forged", "other tables", journal)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    before, files = digest(path), listing(path.parent)
    status, out, err = run_cli(capsys, *command(name, path, elsewhere))
    assert status == 1 and out == ""
    assert "forged.sqlite3 is not a Truce Ledger database" in err
    assert "no such table" not in err and len(err.strip().splitlines()) == 1
    assert digest(path) == before
    assert listing(path.parent) == files
    assert not (elsewhere / "out.xlsx").exists()


def test_a_forged_file_is_refused_by_merge_and_ours_stays(ledger, tmp_path):
    path = _forge(tmp_path / "forged", "an extra trigger", "wal")
    from db.merge import merge_file
    ours, before, files = ledger.path, digest(path), listing(path.parent)
    with raises_saying(db.BadFileError, "not a Truce Ledger database"):
        merge_file(ledger, path)
    assert digest(path) == before and listing(path.parent) == files
    assert ours.exists()


# --- 12. Not a regular file; a damaged index --------------------------------------------

def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _link_to_fifo(path: Path) -> Path:
    os.mkfifo(path.with_name("pipe"))
    path.symlink_to(path.with_name("pipe"))
    return path


def _device(path: Path) -> Path:
    return Path(os.devnull)


SPECIAL = {"a named pipe": _fifo, "a link to a named pipe": _link_to_fifo,
           "a device": _device}


@pytest.mark.parametrize("name", ["check", "totals", "import", "merge"])
@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_anything_but_a_regular_file_is_refused_at_once(tmp_path, kind, name):
    special = SPECIAL[kind](tmp_path / "office.sqlite3")
    if name == "merge":  # the other office's file is the special one
        ours = tmp_path / "ours.sqlite3"
        db.open_ledger(ours).close()
        argv = ["merge", "--db", str(ours), str(special)]
    else:
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        argv = command(name, special, elsewhere)
    try:
        done = subprocess.run([sys.executable, MAIN, *argv], capture_output=True, text=True,
                              cwd=ROOT, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name} on {kind} hung")
    assert done.returncode == 1
    assert "is not a file" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert stat.S_ISFIFO(os.stat(special).st_mode) or kind == "a device"


def test_a_special_file_has_words_in_the_window(tmp_path, qapp):
    from gui.messages import error_text
    with pytest.raises(db.BadFileError) as refused:
        db.open_ledger(_fifo(tmp_path / "office.sqlite3"))
    assert refused.value.code == "not_a_file"
    assert error_text(refused.value) == error_text(refused.value)


def _break_an_index(path: Path) -> None:
    """Make the index breach_by_governorate disagree with its table, with the schema and
    every b-tree page still well formed (quick_check passes; integrity_check does not):
    for a moment the schema says the index is on another column, and the column it
    really indexes changes underneath."""
    conn = sqlite3.connect(path, isolation_level=None)
    real = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'breach_by_governorate'"
                        ).fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'breach_by_governorate'",
                 (real.replace("governorate_id", "place"),))
    conn.close()
    conn = sqlite3.connect(path, isolation_level=None)
    keep_day_sums(conn)  # the index is what is broken here, not the day's totals
    idlib, aleppo = (conn.execute("SELECT id FROM gazetteer WHERE name = ?", (n,)).fetchone()[0]
                     for n in ("Idlib", "Aleppo"))
    conn.execute("UPDATE breach SET governorate_id = ? WHERE governorate_id = ?", (aleppo, idlib))
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'breach_by_governorate'", (real,))
    conn.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    conn.close()


WRITES = {
    "save": lambda ledger, tmp: save_one(ledger),
    "import": lambda ledger, tmp: __import__("db.importer", fromlist=["x"]).import_file(
        ledger, _rows_csv(tmp)),
    "merge": lambda ledger, tmp: __import__("db.merge", fromlist=["x"]).merge_file(
        ledger, _other_office(tmp)),
    "settings": lambda ledger, tmp: ledger.set_meta("office", "Gaziantep"),
}


def _rows_csv(folder: Path) -> Path:
    csv = folder / "rows.csv"
    csv.write_text("Date,Governorate,Type,Perpetrator,Place,Killed,Sources\n"
                   "2017-01-03,Idlib,Shelling,Unknown,Saraqib,2,Witness\n", encoding="utf-8")
    return csv


def _other_office(folder: Path) -> Path:
    other = folder / "other.sqlite3"
    if not other.exists():
        with db.open_ledger(other, user="Sami", office="Idlib") as ledger:
            save_one(ledger)
    return other


@pytest.mark.parametrize("write", sorted(WRITES))
def test_check_finds_a_damaged_index_and_writes_wait_for_a_check_that_passes(
        tmp_path, capsys, qapp, write):
    from gui.messages import error_text
    path = tmp_path / "office.sqlite3"
    with db.open_ledger(path, user="Rima") as ledger:
        for _ in range(3):
            save_one(ledger)
    _break_an_index(path)
    status, out, err = run_cli(capsys, "check", "--db", path)
    assert status == 1 and "office.sqlite3 is damaged" in err and "breach_by_governorate" in err
    assert "ok" not in out.split()
    before = digest(path)
    with db.open_ledger(path, user="Rima") as ledger:  # it still opens, to be read
        assert db.count_breaches(ledger).breaches == 3
        with raises_saying(db.LedgerError, "failed its last check") as refused:
            WRITES[write](ledger, tmp_path)
        assert refused.value.code == "check_failed"
        assert error_text(refused.value) == error_text(refused.value)
    assert digest(path) == before
    # Repaired (here by rebuilding the index), a check that passes lets writes in again.
    conn = sqlite3.connect(path)
    conn.execute("REINDEX")
    conn.close()
    status, out, err = run_cli(capsys, "check", "--db", path)
    assert status == 0 and out.split()[-1] == "ok", err
    with db.open_ledger(path, user="Rima") as ledger:
        WRITES[write](ledger, tmp_path)


# --- 14. A full disk, a read-only folder: say what is true ------------------------------

@pytest.mark.parametrize("name", ["check", "totals", "export"])
def test_a_full_disk_is_called_full_not_damaged(small_disk, tmp_path, capsys, name):
    path = small_disk / "office.sqlite3"
    with db.open_ledger(path) as ledger:
        save_one(ledger)
    filler = fill_disk(small_disk)
    before, files = digest(path), listing(small_disk)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    status, out, err = run_cli(capsys, *command(name, path, elsewhere))
    assert status == 1 and out == ""
    assert "damaged" not in err
    assert f"The disk holding {small_disk} is full" in err and len(err.strip().splitlines()) == 1
    assert digest(path) == before and listing(small_disk) == files
    filler.unlink()
    status, out, err = run_cli(capsys, *command(name, path, elsewhere))
    assert status == 0, err


def test_a_backup_on_a_full_disk_says_so(small_disk, qapp):
    from gui.messages import error_text
    path = small_disk / "office.sqlite3"
    with db.open_ledger(path) as ledger:
        save_one(ledger)
        filler = fill_disk(small_disk)
        with pytest.raises(db.LedgerError) as refused:
            check_and_back_up(ledger.conn, path)
        assert refused.value.code == "disk_full"
        assert f"The disk holding {small_disk / 'backups'} is full" in error_text(refused.value)
        assert error_text(refused.value) == error_text(refused.value)
        backups = small_disk / "backups"
        assert not backups.exists() or listing(backups) == []
        filler.unlink()


def _remount(folder: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True)


@pytest.fixture
def read_only_folder(small_disk):
    """small_disk, with a ledger of two breaches in it, then made read-only (as a
    write-protected USB stick or a share mounted read-only is)."""
    path = small_disk / "office.sqlite3"
    with db.open_ledger(path) as ledger:
        save_one(ledger)
        save_one(ledger)
    _remount(small_disk, "ro")
    yield path
    _remount(small_disk, "rw")


def test_a_ledger_in_a_read_only_folder_is_read_and_not_called_damaged(
        read_only_folder, qapp):
    from gui.messages import error_text
    path = read_only_folder
    before, files = digest(path), listing(path.parent)
    with db.open_ledger(path, read_only=True) as ledger:
        assert db.count_breaches(ledger).breaches == 2
        with raises_saying(db.LedgerError, "read-only") as refused:
            save_one(ledger)
        assert error_text(refused.value) == error_text(refused.value)
    with raises_saying(db.LedgerError, "read-only folder") as refused:
        db.open_ledger(path)
    assert refused.value.code == "read_only" and "damaged" not in error_text(refused.value)
    assert str(path.parent) in error_text(refused.value)
    assert error_text(refused.value) == error_text(refused.value)
    assert digest(path) == before and listing(path.parent) == files


def test_check_in_a_read_only_folder_says_read_only(read_only_folder, capsys):
    status, out, err = run_cli(capsys, "check", "--db", read_only_folder)
    assert status == 1 and "read-only" in err and "damaged" not in err


def test_a_log_that_needs_replaying_in_a_read_only_folder_is_said(small_disk, qapp):
    from gui.messages import error_text
    path = small_disk / "office.sqlite3"
    db.open_ledger(path).close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO meta VALUES ('only in the log', 'x')")
    copy = small_disk / "copy"
    copy.mkdir()
    for suffix in ("", "-wal"):  # as a pulled USB stick leaves them
        (copy / f"office.sqlite3{suffix}").write_bytes(Path(f"{path}{suffix}").read_bytes())
    writer.close()
    _remount(small_disk, "ro")
    try:
        with raises_saying(db.LedgerError, "read-only") as refused:
            db.open_ledger(copy / "office.sqlite3", read_only=True)
        assert "office.sqlite3-wal" in error_text(refused.value)
        assert "damaged" not in error_text(refused.value)
        assert error_text(refused.value) == error_text(refused.value)
    finally:
        _remount(small_disk, "rw")


def test_a_read_only_opening_writes_nothing(ledger_path, qapp):
    from gui.messages import error_text
    with db.open_ledger(ledger_path) as ledger:
        save_one(ledger)
    before = digest(ledger_path)
    with db.open_ledger(ledger_path, read_only=True) as ledger:
        assert db.count_breaches(ledger).breaches == 1
        for write in (save_one, lambda l: l.set_meta("office", "x")):
            with raises_saying(db.LedgerError, "opened read-only") as refused:
                write(ledger)
            assert refused.value.code == "opened_read_only"
            assert error_text(refused.value) == error_text(refused.value)
    assert digest(ledger_path) == before
    assert listing(ledger_path.parent) == [ledger_path.name]  # the folder as it was
    with raises_saying(db.BadFileError, "There is no file"):
        db.open_ledger(ledger_path.with_name("none.sqlite3"), read_only=True)
    assert not ledger_path.with_name("none.sqlite3").exists()


# --- 15. What a dead run left ------------------------------------------------------------

def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_killed_check_leaves_no_part_file_after_the_next_start(tmp_path, capsys):
    path = tmp_path / "office.sqlite3"
    db.open_ledger(path).close()
    pad(path, 60)
    backups = tmp_path / "backups"
    checker = subprocess.Popen([sys.executable, MAIN, "check", "--db", str(path)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    parts: list[Path] = []
    while not parts and checker.poll() is None:
        parts = [p for p in backups.iterdir() if p.name.endswith(".part")] \
            if backups.is_dir() else []
    assert parts, "the check ended before its backup could be caught"
    os.kill(checker.pid, signal.SIGKILL)
    checker.wait()
    assert [p for p in backups.iterdir() if p.name.endswith(".part")]
    status, out, err = run_cli(capsys, "totals", "--db", path)
    assert status == 0, err
    assert [p.name for p in backups.iterdir() if ".part" in p.name] == []
    assert [n for n in listing(tmp_path) if ".part" in n or ".creating" in n] == []


def test_only_what_dead_runs_of_this_computer_left_is_removed(tmp_path):
    from db.paths import host, remove_leftovers, temporary_name
    here, dead, alive = host(), _dead_pid(), os.getppid()
    backups = tmp_path / "backups"
    backups.mkdir()
    left = [backups / f".office-2017.sqlite3.{here}-{dead}.part",
            backups / f".office-2017.sqlite3.{here}-{dead}.part-journal",
            tmp_path / f".office.sqlite3.{here}-{dead}.creating",
            tmp_path / f".office.sqlite3.{here}-{dead}.creating-wal",
            tmp_path / f".demo.sqlite3.{dead}.building",
            tmp_path / f".demo.sqlite3.{dead}.building-shm"]
    kept = [backups / f".office-2018.sqlite3.{here}-{alive}.part",
            tmp_path / f".office.sqlite3.{here}-{alive}.creating",
            # another computer sharing the folder: its pids are not ours to judge
            backups / f".office-2019.sqlite3.other_laptop-{dead}.part",
            tmp_path / "notes.part", backups / "office-2017-01-01_000000.sqlite3",
            tmp_path / f".report.{dead}.txt"]
    for file in left + kept:
        file.write_bytes(b"x")
    with db.open_ledger(tmp_path / "office.sqlite3"):
        pass
    assert [f for f in left if f.exists()] == []
    assert all(f.exists() for f in kept)
    # The same cleaning, for any folder (an export's target folder).
    other = tmp_path / "exports"
    other.mkdir()
    mine = temporary_name(other / "week.xlsx")
    mine.write_bytes(b"x")
    (other / f".week.xlsx.{here}-{dead}.part").write_bytes(b"x")
    assert remove_leftovers(other) == [other / f".week.xlsx.{here}-{dead}.part"]
    assert listing(other) == [mine.name]


# --- 16. A check while other copies keep saving ------------------------------------------

def _drain(stream, into: list[str]) -> None:
    for line in stream:
        into.append(line.strip())


def test_check_finishes_while_two_copies_keep_saving(tmp_path):
    import threading
    path = tmp_path / "office.sqlite3"
    db.open_ledger(path).close()
    pad(path, 100)  # a pass of the old step-by-step backup outlasts the gap between saves
    writers = [subprocess.Popen([sys.executable, LOOP, str(path), "-1", tag], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
               for tag in ("a", "b")]
    saved: list[list[str]] = [[], []]
    readers = [threading.Thread(target=_drain, args=(w.stdout, lines), daemon=True)
               for w, lines in zip(writers, saved)]
    for reader in readers:
        reader.start()
    try:
        while not all(saved) and all(w.poll() is None for w in writers):
            time.sleep(0.05)  # both are saving before the check starts
        assert all(saved), "the writers did not start"
        before = [len(lines) for lines in saved]
        try:
            done = subprocess.run([sys.executable, MAIN, "check", "--db", str(path)],
                                  capture_output=True, text=True, cwd=ROOT, timeout=240)
        except subprocess.TimeoutExpired:
            pytest.fail("check never finished while two copies kept saving")
        # They saved all along.
        assert all(len(lines) > count for lines, count in zip(saved, before))
        assert all(w.poll() is None for w in writers)
    finally:
        for writer in writers:
            writer.kill()
            writer.wait()
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "ok"
    backup = Path(done.stdout.split("backup: ")[1].splitlines()[0])
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT count(*) FROM meta WHERE key LIKE 'padding %'").fetchone()[0] \
        == 100 * 256
    conn.close()
    assert not Path(f"{backup}-wal").exists()


def test_save_a_copy_reports_progress_and_can_be_cancelled(tmp_path):
    path = tmp_path / "office.sqlite3"
    with db.open_ledger(path) as ledger:
        save_one(ledger)
    pad(path, 8)
    seen: list[tuple[int, int]] = []
    target = tmp_path / "copy.sqlite3"
    with db.open_ledger(path):  # as from the window, which has the file open
        save_copy(path, target, lambda done, total: seen.append((done, total)) or True)
        assert seen and seen[-1][0] == seen[-1][1] > 0
        assert [done for done, _ in seen] == sorted(done for done, _ in seen)
        conn = sqlite3.connect(target)
        assert conn.execute("SELECT count(*) FROM breach").fetchone()[0] == 1
        conn.close()
        target.write_bytes(b"what was there before")
        with pytest.raises(db.LedgerError) as cancelled:
            save_copy(path, target, lambda done, total: done < total // 2)
        assert cancelled.value.code == "cancelled"
        assert target.read_bytes() == b"what was there before"
    assert listing(tmp_path) == ["copy.sqlite3", "office.sqlite3"]


def test_a_copy_is_saved_out_of_a_read_only_folder(read_only_folder, tmp_path):
    target = tmp_path / "copy.sqlite3"
    with db.open_ledger(read_only_folder, read_only=True):
        save_copy(read_only_folder, target)
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM breach").fetchone()[0] == 2
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


# --- 17. Only the owner reads what the program writes ------------------------------------

def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def usual_umask():
    old = os.umask(0o022)  # files readable by everyone, as most systems make them
    yield
    os.umask(old)


def test_the_ledger_its_log_and_its_backups_are_the_owners_alone(tmp_path, usual_umask):
    path = tmp_path / "office.sqlite3"
    with db.open_ledger(path) as ledger:
        save_one(ledger)
        assert _mode(path) == 0o600
        assert _mode(Path(f"{path}-wal")) == 0o600 and _mode(Path(f"{path}-shm")) == 0o600
        report = check_and_back_up(ledger.conn, path)
    assert _mode(tmp_path / "backups") == 0o700
    assert _mode(report.backup) == 0o600
    copy = tmp_path / "elsewhere" / "copy.sqlite3"
    copy.parent.mkdir()
    save_copy(path, copy)
    assert _mode(copy) == 0o600


def test_a_backups_folder_left_open_is_closed(tmp_path, usual_umask):
    path = tmp_path / "office.sqlite3"
    (tmp_path / "backups").mkdir(mode=0o755)
    with db.open_ledger(path) as ledger:
        check_and_back_up(ledger.conn, path)
    assert _mode(tmp_path / "backups") == 0o700


# --- The backup made before a migration --------------------------------------------------

def test_the_backup_before_a_migration_stays_until_the_next_migration(
        ledger_path, monkeypatch):
    db.open_ledger(ledger_path).close()

    def migration(number: int):
        def apply(conn, now):
            conn.execute(f"CREATE TABLE added_{number} (x)")
        return (number, f"add {number}", apply)

    def migrate_to(version: int) -> None:
        steps = schema.MIGRATIONS + [migration(n) for n in range(LATEST + 1, version + 1)]
        monkeypatch.setattr(db.store, "MIGRATIONS", steps)
        monkeypatch.setattr(db.store, "LATEST_VERSION", version)
        monkeypatch.setattr(db.store, "schema_difference",  # the test's own migrations
                            lambda conn, v: None, raising=False)
        db.open_ledger(ledger_path).close()

    LATEST = schema.LATEST_VERSION  # the test's migrations come after the program's
    migrate_to(LATEST + 1)
    first = [b for b in list_backups(ledger_path) if f"before-migration-{LATEST}" in b.name]
    assert len(first) == 1
    with db.open_ledger(ledger_path) as ledger:
        for _ in range(12):
            check_and_back_up(ledger.conn, ledger_path)
            time.sleep(0.01)
    names = [b.name for b in list_backups(ledger_path)]
    assert first[0].name in names and len(names) == 11
    migrate_to(LATEST + 2)
    with db.open_ledger(ledger_path) as ledger:
        check_and_back_up(ledger.conn, ledger_path)
    names = [b.name for b in list_backups(ledger_path)]
    assert first[0].name not in names
    assert [n for n in names if f"before-migration-{LATEST + 1}" in n]


def test_a_save_on_a_full_disk_says_so_keeps_every_earlier_save_and_the_next_one_works(
        small_disk):
    """The disk fills while breaches are being saved: the save that finds no room says the
    disk is full (not a SQLite error), the ones before it are all there, and once space is
    freed the next save goes through (the failed COMMIT left no transaction open)."""
    path = small_disk / "office.sqlite3"
    with db.open_ledger(path, user="Rima", office="Gaziantep") as ledger:
        aleppo = db.find_by_name(ledger, "governorate", "Aleppo")
        shelling = db.find_by_name(ledger, "breach_type", "Shelling")
        source = db.save_source(ledger, db.Source(name="Aleppo Media Center")).id

        def breach(number: int) -> db.Breach:
            return db.Breach(occurred_on="2017-01-02", governorate_id=aleppo,
                             breach_type_id=shelling, place=f"Village {number}",
                             description="x" * 9000,
                             citations=[db.Citation(source_id=source)])

        filler = fill_disk(small_disk)
        filler.unlink()
        with open(filler, "wb") as handle:  # leave room for a few saves only
            handle.write(b"\0" * (shutil.disk_usage(small_disk).free - 200_000))
        saved, refusal = [], None
        for number in range(200):
            try:
                saved.append(db.save_breach(ledger, breach(number), allow_duplicate=True).id)
            except db.LedgerError as error:
                refusal = error
                break
        assert refusal is not None and refusal.code == "disk_full", refusal
        assert str(small_disk) in str(refusal)
        filler.unlink()
        again = db.save_breach(ledger, breach(999), allow_duplicate=True)
    stored = {row[0] for row in read_rows(path, "SELECT id FROM breach")}
    assert stored == set(saved) | {again.id}


@pytest.mark.skipif(os.name != "posix", reason="Unix file modes")
def test_a_ledger_others_could_read_is_closed_to_them_when_opened(ledger_path):
    """A ledger made by an older version (0644), with its log, is its owner's alone once
    the program opens it to work."""
    db.open_ledger(ledger_path).close()
    sqlite3.connect(ledger_path).close()
    os.chmod(ledger_path, 0o644)
    with db.open_ledger(ledger_path) as ledger:
        db.save_source(ledger, db.Source(name="Aleppo Media Center"))
        modes = {p.name: stat.S_IMODE(p.stat().st_mode)
                 for p in ledger_path.parent.iterdir() if p.name.startswith("office")}
    assert modes[ledger_path.name] == 0o600
    assert all(mode & 0o077 == 0 for mode in modes.values()), modes


# --- Issue 9 review: links, logs and leftovers -------------------------------------------

def _forged_in_its_log(folder: Path) -> Path:
    """A ledger of ours whose forgery (a trigger that deletes every victim) was written by
    another program into the write-ahead log only, with no -shm left beside it."""
    folder.mkdir(exist_ok=True)
    path = folder / "f.sqlite3"
    with db.open_ledger(path, user="Rima") as ledger:
        save_one(ledger)
    forge = ("import os, sqlite3, sys\n"
             "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
             "c.execute('PRAGMA wal_autocheckpoint=0')\n"
             "c.execute('CREATE TRIGGER t AFTER INSERT ON breach BEGIN DELETE FROM victim; END')\n"
             "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", forge, str(path)], check=True)
    Path(f"{path}-shm").unlink()
    assert Path(f"{path}-wal").stat().st_size > 0
    return path


def _files(folder: Path) -> dict[str, str]:
    """Every file of `folder` (links as where they point) and its bytes' digest."""
    return {p.name: (os.readlink(p) if p.is_symlink() else digest(p))
            for p in folder.iterdir() if not p.is_dir()}


OPENINGS = ["totals", "check", "export", "import into", "merge into", "merge from"]


@pytest.mark.parametrize("opening", OPENINGS)
@pytest.mark.parametrize("through", ["the file itself", "a link"])
def test_a_forgery_in_the_log_is_refused_through_a_link_and_nothing_is_made(
        tmp_path, opening, through):
    """Reached through a link, a forged file is refused as when reached directly (SQLite
    reads the log beside the file the link points to), and nothing is written: not the
    file, not its log, and no -shm appears beside it."""
    path = _forged_in_its_log(tmp_path / "forged")
    given = path
    if through == "a link":
        given = path.with_name("link.sqlite3")
        given.symlink_to(path.name)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    ours = tmp_path / "ours.sqlite3"
    if opening.startswith("merge"):
        with db.open_ledger(ours, user="Sami") as ledger:
            save_one(ledger)
        argv = (["merge", "--db", given, ours] if opening == "merge into"
                else ["merge", "--db", ours, given])
    else:
        argv = command(opening.split()[0], given, elsewhere)
    before = _files(path.parent)
    done = subprocess.run([sys.executable, MAIN, *map(str, argv)], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1, done.stdout
    assert "is not a Truce Ledger database as this program makes them" in done.stderr
    assert "its trigger t is not ours" in done.stderr
    assert _files(path.parent) == before  # same files, same bytes: no -shm made
    assert listing(elsewhere) in ([], ["rows.csv"])


@pytest.mark.parametrize("read_only", [False, True])
def test_the_window_refuses_a_forgery_in_the_log_reached_through_a_link(tmp_path, read_only):
    path = _forged_in_its_log(tmp_path / "forged")
    link = path.with_name("link.sqlite3")
    link.symlink_to(path.name)
    before = _files(path.parent)
    with raises_saying(db.BadFileError, "its trigger t is not ours") as refused:
        db.open_ledger(link, read_only=read_only).close()
    assert refused.value.code == "foreign_schema"
    assert _files(path.parent) == before


def test_a_ledger_opened_through_a_link_keeps_its_things_beside_the_real_file(
        tmp_path, capsys):
    real = tmp_path / "office" / "office.sqlite3"
    real.parent.mkdir()
    db.open_ledger(real).close()
    link = tmp_path / "desk" / "link.sqlite3"
    link.parent.mkdir()
    link.symlink_to(real)
    with db.open_ledger(link) as ledger:
        assert ledger.path == real
        save_one(ledger)
    status, out, err = run_cli(capsys, "check", "--db", link)
    assert status == 0 and out.split()[-1] == "ok", err
    assert len(list_backups(real)) == 1 and list_backups(real)[0].parent == real.parent / "backups"
    assert listing(link.parent) == ["link.sqlite3"]


@pytest.mark.parametrize("then", ["import", "merge", "check"])
def test_a_failed_check_through_a_link_holds_for_the_file_under_any_name(
        tmp_path, capsys, then):
    """A check that fails is remembered for the file, not for the name it was reached by:
    a write through its real name waits for a check that passes too. The record of it is
    the owner's alone."""
    path = tmp_path / "office.sqlite3"
    with db.open_ledger(path, user="Rima") as ledger:
        for _ in range(3):
            save_one(ledger)
    _break_an_index(path)
    link = tmp_path / "desk" / "link.sqlite3"
    link.parent.mkdir()
    link.symlink_to(path)
    status, out, err = run_cli(capsys, "check", "--db", link)
    assert status == 1 and "is damaged" in err
    assert listing(link.parent) == ["link.sqlite3"]
    marker = tmp_path / ".office.sqlite3.check-failed"
    assert stat.S_IMODE(marker.stat().st_mode) == 0o600
    before = digest(path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    argv = {"merge": ["merge", "--db", path, _other_office(elsewhere)],
            "import": ["import", "--db", path, _rows_csv(elsewhere)],
            "check": ["check", "--db", path]}[then]
    status, out, err = run_cli(capsys, *argv)
    assert status == 1 and ("failed its last check" in err or "is damaged" in err)
    assert digest(path) == before


def _hot_journal(path: Path) -> Path:
    """A ledger left by a program (in rollback-journal mode) killed in the middle of a
    save: its -journal holds the pages as they were, to be put back."""
    with db.open_ledger(path, user="Rima") as ledger:
        save_one(ledger)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = delete")
    conn.close()
    killed = ("import os, sqlite3, sys\n"
              "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
              "c.execute('PRAGMA cache_size = 1')\n"
              "c.execute('BEGIN')\n"
              "for n in range(300):\n"
              "    c.execute('INSERT INTO meta VALUES (?, hex(randomblob(3000)))', (str(n),))\n"
              "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", killed, str(path)], check=True)
    assert Path(f"{path}-journal").stat().st_size > 0
    return path


def _linked(suffix: str):
    """A whole ledger whose -wal or -shm is a link to a file elsewhere."""
    def make(path: Path) -> Path:
        db.open_ledger(path).close()
        path.with_name(f"elsewhere{suffix}").write_bytes(b"")
        Path(f"{path}{suffix}").symlink_to(f"elsewhere{suffix}")
        return path
    return make


BESIDE = {"a hot rollback journal": _hot_journal, "a linked -shm": _linked("-shm"),
          "a linked -wal": _linked("-wal")}
SUFFIX = {"a hot rollback journal": "-journal", "a linked -shm": "-shm",
          "a linked -wal": "-wal"}


@pytest.mark.parametrize("read_only", [False, True])
@pytest.mark.parametrize("beside", sorted(BESIDE))
def test_what_lies_beside_a_whole_file_is_named_not_called_damage(
        tmp_path, qapp, beside, read_only):
    from gui.messages import error_text
    path = BESIDE[beside](tmp_path / "office.sqlite3")
    before = _files(tmp_path)
    with pytest.raises(db.LedgerError) as refused:
        db.open_ledger(path, read_only=read_only).close()
    words = error_text(refused.value)
    assert "damaged" not in words and refused.value.code != "damaged"
    assert f"office.sqlite3{SUFFIX[beside]}" in words
    assert words == error_text(refused.value)
    assert _files(tmp_path) == before


def _parts_of(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".parts")] if folder.is_dir() else []


@pytest.mark.parametrize("start", ["totals", "check"])
def test_a_killed_exports_sheets_are_removed_at_the_next_start_of_any_command(
        tmp_path, capsys, start):
    """An export killed with kill -9 leaves its working folder of sheets (the confidential
    ones, in a full export) beside the workbook it was writing. The next start of any
    command on any ledger removes it, wherever the workbook was to go."""
    demo = tmp_path / "demo.sqlite3"
    subprocess.run([sys.executable, MAIN, "demo", "--size", "20000", "--db", str(demo)],
                   cwd=ROOT, check=True, capture_output=True)
    out = tmp_path / "kx"
    out.mkdir()
    export = subprocess.Popen([sys.executable, MAIN, "export", "--full", "--db", str(demo),
                               "--out", str(out / "full.xlsx")], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts: list[Path] = []
    while export.poll() is None and not (parts and list(parts[0].iterdir())):
        parts = _parts_of(out)
    assert export.poll() is None, "the export ended before it could be killed"
    os.kill(export.pid, signal.SIGKILL)
    export.wait()
    assert _parts_of(out) and list(_parts_of(out)[0].iterdir())  # sheets left behind
    elsewhere = tmp_path / "elsewhere.sqlite3"  # any ledger: the start is what tidies
    db.open_ledger(elsewhere).close()
    status, _, err = run_cli(capsys, start, "--db", elsewhere)
    assert status == 0, err
    assert _parts_of(out) == [] and listing(out) == []


def test_the_folders_exported_to_are_kept_owner_only_the_newest_ten(tmp_path, usual_umask):
    from db.paths import EXPORT_FOLDERS_FILE, export_folders, remember_export_folder
    from db.paths import user_data_folder
    for number in range(12):
        remember_export_folder(tmp_path / f"out{number}")
    remember_export_folder(tmp_path / "out3")
    record = user_data_folder() / EXPORT_FOLDERS_FILE
    assert not record.is_relative_to(Path.home())  # the test's own data folder
    assert _mode(record) == 0o600
    assert export_folders() == [tmp_path / f"out{n}" for n in (3, 11, 10, 9, 8, 7, 6, 5, 4, 2)]
    assert listing(record.parent) == [EXPORT_FOLDERS_FILE]


@pytest.mark.parametrize("journal", ["empty", "persisted"])
def test_a_rollback_journal_with_nothing_to_put_back_does_not_stop_an_opening(
        tmp_path, journal):
    """Only a journal that holds a save to put back (it starts with SQLite's mark) stops
    an opening: one emptied or zeroed at the end of a save is no reason to refuse."""
    path = tmp_path / "office.sqlite3"
    with db.open_ledger(path, user="Rima") as ledger:
        save_one(ledger)
    Path(f"{path}-journal").write_bytes(b"" if journal == "empty" else bytes(512))
    with db.open_ledger(path, user="Rima") as ledger:
        save_one(ledger)
    assert read_rows(path, "SELECT count(*) FROM breach") == [(2,)]
