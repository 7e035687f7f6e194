"""Opening files: a new one is made whole; a bad one is refused and left as it was."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from gui.messages import error_text
from db import schema
from db.backup import list_backups
from db.demo import create_demo
from tests.conftest import ROOT


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_marked_ours_in_wal_mode(ledger_path):
    with db.open_ledger(ledger_path) as ledger:
        conn = ledger.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    raw = sqlite3.connect(ledger_path)
    assert raw.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert raw.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
    assert raw.execute("SELECT version FROM schema_migration").fetchall() == [
        (number,) for number, _name, _apply in schema.MIGRATIONS]
    names = {r[0]: r[1] for r in raw.execute(
        "SELECT name, name_ar FROM gazetteer WHERE kind = 'governorate'")}
    assert len(names) == 14
    assert names["Aleppo"] == "حلب" and names["Rural Damascus"] == "ريف دمشق"
    kinds = {r[0] for r in raw.execute("SELECT name FROM breach_type")}
    assert {"Shelling", "Air strike", "Barrel bomb", "Siege or blocked aid", "Other"} <= kinds
    raw.close()
    # Nothing but the database is left beside it.
    assert sorted(p.name for p in ledger_path.parent.iterdir()) == [ledger_path.name]


def test_seeded_lists_have_the_same_keys_in_every_file(tmp_path):
    with db.open_ledger(tmp_path / "a.sqlite3") as a, db.open_ledger(tmp_path / "b.sqlite3") as b:
        assert [g.id for g in db.governorates(a)] == [g.id for g in db.governorates(b)]
        assert [t.id for t in db.breach_types(a)] == [t.id for t in db.breach_types(b)]


def test_a_file_is_not_created_when_asked_not_to(tmp_path):
    with pytest.raises(db.BadFileError) as refused:
        db.open_ledger(tmp_path / "missing.sqlite3", create=False)
    assert "There is no file" in error_text(refused.value)
    assert not (tmp_path / "missing.sqlite3").exists()


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('x', '1')")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    db.open_ledger(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 1}")
    conn.close()


def _truncated(path: Path) -> None:
    create_demo(path, size=3000)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _damaged(path: Path) -> None:
    create_demo(path, size=3000)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page * 5, page * 5 + page, 7):  # scribble over a b-tree page
        data[offset] = 0xA5
    path.write_bytes(bytes(data))


BAD_FILES = {
    "text": (lambda p: p.write_text("name,date\nAleppo,2017-01-01\n"), "not a SQLite file"),
    "empty": (lambda p: p.write_bytes(b""), "is empty"),
    "short": (lambda p: p.write_bytes(b"SQLite format 3\x00\x10\x00"), "truncated"),
    "truncated": (_truncated, "truncated"),
    "foreign": (_foreign_sqlite, "another program"),
    "newer": (_newer, "newer version"),
    "damaged": (_damaged, "damaged"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_bad_file_is_refused_and_left_unchanged(tmp_path, kind):
    path = tmp_path / f"{kind}.sqlite3"
    make, reason = BAD_FILES[kind]
    make(path)
    before = digest(path)
    with pytest.raises(db.BadFileError) as refused:
        db.open_ledger(path)
    assert reason in error_text(refused.value) and "\n" not in error_text(refused.value)
    assert digest(path) == before
    # The command line gives one line and exit status 1, and still changes nothing.
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", "--db", str(path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and reason in result.stderr
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(db.BadFileError) as refused:
        db.open_ledger(tmp_path)
    assert "is a folder" in error_text(refused.value)


def test_an_older_schema_is_migrated_after_a_backup(ledger_path, monkeypatch, make_breach):
    with db.open_ledger(ledger_path) as ledger:
        pass
    def add_column(conn, now):
        conn.execute("ALTER TABLE source ADD COLUMN website TEXT NOT NULL DEFAULT ''")
    old = schema.LATEST_VERSION  # the test's migration comes after the program's
    monkeypatch.setattr(schema, "MIGRATIONS",
                        schema.MIGRATIONS + [(old + 1, "website", add_column)])
    monkeypatch.setattr(db.store, "MIGRATIONS", schema.MIGRATIONS)
    monkeypatch.setattr(db.store, "LATEST_VERSION", old + 1)
    with db.open_ledger(ledger_path) as ledger:
        assert ledger.conn.execute("PRAGMA user_version").fetchone()[0] == old + 1
        assert [r[0] for r in ledger.conn.execute("SELECT version FROM schema_migration")] == [
            *range(1, old + 2)]
        assert "website" in {r[1] for r in ledger.conn.execute("PRAGMA table_info(source)")}
    backups = list_backups(ledger_path)
    assert len(backups) == 1 and f"before-migration-{old}" in backups[0].name
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA user_version").fetchone()[0] == old


def test_a_failed_migration_leaves_the_file_at_its_old_version(ledger_path, monkeypatch):
    db.open_ledger(ledger_path).close()
    def broken(conn, now):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut")
    old = schema.LATEST_VERSION
    monkeypatch.setattr(db.store, "MIGRATIONS",
                        schema.MIGRATIONS + [(old + 1, "broken", broken)])
    monkeypatch.setattr(db.store, "LATEST_VERSION", old + 1)
    with pytest.raises(RuntimeError):
        db.open_ledger(ledger_path)
    raw = sqlite3.connect(ledger_path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == old
    assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0


def test_a_file_whose_log_holds_its_last_pages_opens(tmp_path):
    """After a crash in the middle of a checkpoint the main file can be shorter than its
    header says while the write-ahead log still holds every page: that file is whole."""
    path = tmp_path / "office.sqlite3"
    create_demo(path, size=200)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("BEGIN")
    for number in range(400):
        writer.execute("INSERT INTO meta VALUES (?, ?)", (f"filler {number}", "x" * 4000))
    writer.execute("COMMIT")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):  # the files as a kill would leave them, log not yet copied
        (crashed / f"office.sqlite3{suffix}").write_bytes(Path(f"{path}{suffix}").read_bytes())
    writer.close()
    copy = crashed / "office.sqlite3"
    header = copy.read_bytes()[:100]
    page_size = int.from_bytes(header[16:18], "big")
    # Make the main file shorter than its header, as a half-done checkpoint does.
    with open(copy, "r+b") as handle:
        handle.seek(28)
        handle.write((copy.stat().st_size // page_size + 50).to_bytes(4, "big"))
        handle.seek(92)
        handle.write(header[24:28])
    with db.open_ledger(copy) as ledger:
        assert db.count_breaches(ledger).breaches == 451
        assert ledger.meta("filler 399") == "x" * 4000


def test_an_interrupted_demo_leaves_no_file(tmp_path, monkeypatch):
    from db import demo as demo_module
    path = tmp_path / "demo.sqlite3"

    def power_cut(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(demo_module, "_synthetic", power_cut)
    with pytest.raises(KeyboardInterrupt):
        create_demo(path, size=10)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    create_demo(path, size=10)  # and it can be made again
    assert path.exists()


WORKBOOK_LIBRARIES = ("openpyxl", "python_calamine")
WINDOW = """
import sys
import db
from gui.app import make_application
from gui.main_window import MainWindow
app = make_application()
window = MainWindow(db.open_ledger(sys.argv[1]))
window.show()
app.processEvents()
print(" ".join(name for name in sys.argv[2:] if name in sys.modules) or "none")
window.close()
"""


def _loaded(importtime: str) -> set[str]:
    """The top packages that `python -X importtime` says it imported."""
    return {line.split("|")[-1].strip().split(".")[0]
            for line in importtime.splitlines() if line.startswith("import time:")}


def test_a_report_and_the_window_start_without_the_workbook_libraries(tmp_path):
    """openpyxl and python-calamine are loaded by the export and the import that use
    them: a report on the command line and the window start without them."""
    path = tmp_path / "office.sqlite3"
    create_demo(path, size=50)
    main = str(ROOT / "main.py")
    totals = subprocess.run([sys.executable, "-X", "importtime", main, "totals", "--db",
                             str(path), "--format", "csv"], capture_output=True, text=True,
                            cwd=ROOT)
    assert totals.returncode == 0 and totals.stdout.startswith("week,from,to,breaches")
    assert not _loaded(totals.stderr) & set(WORKBOOK_LIBRARIES)
    window = subprocess.run([sys.executable, "-c", WINDOW, str(path), *WORKBOOK_LIBRARIES],
                            capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert window.returncode == 0, window.stderr
    assert window.stdout.split() == ["none"]
    # The export loads openpyxl, and writes the workbook.
    workbook = tmp_path / "week.xlsx"
    export = subprocess.run([sys.executable, "-X", "importtime", main, "export", "--db",
                             str(path), "--out", str(workbook)], capture_output=True,
                            text=True, cwd=ROOT)
    assert export.returncode == 0 and "openpyxl" in _loaded(export.stderr)
    assert workbook.stat().st_size > 0


def test_the_command_line_judges_texts_by_openpyxls_own_error_values():
    """The CSV of totals marks a text that a spreadsheet would take for an error value,
    by the list openpyxl keeps (db/cells.py holds a copy, so as not to load openpyxl)."""
    from openpyxl.cell.cell import ERROR_CODES
    from db.cells import ERROR_CODES as copied, risky
    assert set(copied) == set(ERROR_CODES)
    assert all(risky(code.lower()) for code in ERROR_CODES)
