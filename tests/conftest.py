"""Shared fixtures. Window tests run headless: Qt draws offscreen.

The tests read files back with plain SQL, through `db.cipher.sqlite3`: the SQLite that
SQLCipher builds, the one the program itself uses. Not Python's own sqlite3 module in the
same process: two SQLite libraries in one process do not see each other's locks (POSIX
locks are the process's), so the one that closes last deletes the write-ahead log's
shared memory under the other (a bus error). Another program reads in another process.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

import db  # noqa: E402
from db.cipher import sqlite3  # noqa: E402


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    return tmp_path / "office.sqlite3"


@pytest.fixture
def ledger(ledger_path: Path):
    with db.open_ledger(ledger_path, user="Rima", office="Gaziantep") as opened:
        yield opened


@pytest.fixture
def lists(ledger):
    """Keys of the list entries a breach needs."""
    return {
        "aleppo": db.find_by_name(ledger, "governorate", "Aleppo"),
        "rif": db.find_by_name(ledger, "governorate", "Rural Damascus"),
        "shelling": db.find_by_name(ledger, "breach_type", "Shelling"),
        "air": db.find_by_name(ledger, "breach_type", "Air strike"),
        "regime": db.add_actor(ledger, "Assad regime forces", "قوات النظام"),
        "source": db.save_source(ledger, db.Source(
            name="Aleppo Media Center", kind="news network", contact="+90 555 000 11")).id,
        "activist": db.save_source(ledger, db.Source(
            name="Activist in Khan Tuman", kind="activist", contact="secret@example.org")).id,
    }


@pytest.fixture
def make_breach(lists):
    """A valid breach, with any field replaced."""
    def make(**changes) -> db.Breach:
        values = dict(
            occurred_on="2017-01-02", governorate_id=lists["aleppo"],
            breach_type_id=lists["shelling"], actor_id=lists["regime"], place="Khan Tuman",
            district="Jebel Saman", description="Artillery shelling on the village.",
            killed=3, women=1, children=1, injured=4,
            citations=[db.Citation(source_id=lists["source"], reference="https://example.org/1",
                                   reported_on="2017-01-02")],
        )
        values.update(changes)
        return db.Breach(**values)
    return make


def read_rows(path: Path, sql: str, params=()) -> list[tuple]:
    """The rows of `sql`, read with a fresh connection, as another program reads the file."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def table_counts(path: Path) -> dict[str, int]:
    """Rows in every table of the file, read with a fresh connection."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory, monkeypatch):
    """Each test gets settings of its own, and a data folder of its own."""
    from PySide6.QtCore import QSettings
    folder = tmp_path_factory.mktemp("settings")
    for kind in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(kind, QSettings.UserScope, str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
    return folder


class Dialogs:
    """Stands in for gui.dialogs: records what was asked and gives scripted answers."""

    def __init__(self):
        self.asked: list[tuple[str, str]] = []
        self.unsaved_answer = "cancel"
        self.yes = True
        self.paths: list = []
        self.passphrases: list[str] = []  # typed, one each time a passphrase is asked
        self.new_passphrase: str | None = None  # chosen for a new file (None: plain)
        self.workbook_password: str | None = None  # chosen for a full workbook
        self.user_name = "R.H."  # typed when the first save asks who is typing
        self.names_asked = 0

    def ask_user_name(self, parent):
        self.names_asked += 1
        return self.user_name

    def ask_unsaved(self, parent, what):
        self.asked.append(("unsaved", what))
        return self.unsaved_answer

    def ask_yes_no(self, parent, title, text, default_yes=True):
        self.asked.append(("yes_no", text))
        return self.yes

    def ask_entry_names(self, parent, title, text, typed):
        """Yes adds the entry by the name typed (no other name given)."""
        from gui.entry_names_dialog import is_arabic
        self.asked.append(("yes_no", text))
        return (typed, typed if is_arabic(typed) else "") if self.yes else None

    def ask_passphrase(self, parent, name, problem=""):
        """The next of `passphrases`, or None (cancelled) when there is none."""
        self.asked.append(("passphrase", problem))
        return self.passphrases.pop(0) if self.passphrases else None

    def ask_new_passphrase(self, parent, name, encrypted_only=False):
        """A new file without encryption, unless `new_passphrase` says otherwise."""
        self.asked.append(("new passphrase", name))
        return True, self.new_passphrase

    def ask_workbook_password(self, parent, name):
        """A full workbook without a password, unless `workbook_password` says one."""
        self.asked.append(("workbook password", name))
        return True, self.workbook_password

    def show_error(self, parent, title, text):
        self.asked.append(("error", f"{title}: {text}"))

    def show_info(self, parent, title, text):
        self.asked.append(("info", f"{title}: {text}"))

    def path(self, parent, folder=""):
        self.asked.append(("path", folder))
        return self.paths.pop(0) if self.paths else None


@pytest.fixture
def dialogs(monkeypatch):
    from gui import dialogs as module
    fake = Dialogs()
    for name in ("ask_unsaved", "ask_yes_no", "ask_entry_names", "ask_passphrase", "ask_user_name",
                 "ask_new_passphrase", "ask_workbook_password", "show_error", "show_info"):
        monkeypatch.setattr(module, name, getattr(fake, name))
    for name in ("open_database_path", "new_database_path", "save_copy_path"):
        monkeypatch.setattr(module, name, fake.path)
    monkeypatch.setattr(module, "export_path", lambda parent, folder, full: fake.path(parent))
    monkeypatch.setattr(module, "import_path", fake.path)
    monkeypatch.setattr(module, "pdf_path", lambda parent, proposed: fake.path(parent))
    monkeypatch.setattr(module, "merge_path", fake.path)
    return fake


def _closing_without_asking(main) -> None:
    main._may_quit = lambda: True


def show_window(qtbot, ledger):
    """The main window on `ledger`, shown and active, as a user meets it."""
    from PySide6.QtWidgets import QApplication

    from gui.app import install_translations
    from gui.main_window import MainWindow
    install_translations(QApplication.instance())
    main = MainWindow(ledger)
    # At the test's end the window goes, unsaved typing or not: one left open on its
    # closed ledger would take the keys of the next test's window.
    qtbot.addWidget(main, before_close_func=_closing_without_asking)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    return main


@pytest.fixture
def arabic(qapp):
    """The window's language is Arabic in this test: Settings say so, and the Arabic
    translators (ours and Qt's), the right-to-left direction and the locale are installed
    on the application; the language before comes back after. Build windows after it."""
    from gui import settings
    from gui.app import install_translations
    before = qapp.property("truce_ledger_language") or settings.window_language("")
    settings.put(settings.LANGUAGE, "ar")
    install_translations(qapp, "ar")
    yield qapp
    install_translations(qapp, before)


@pytest.fixture
def english(qapp):
    """The window's words in English, with its plural forms ("1 breach", "2 breaches"), as
    the command line says them where LANG is C."""
    from gui.app import install_translations
    before = qapp.property("truce_ledger_language") or "en"
    install_translations(qapp, "en")
    yield qapp
    install_translations(qapp, before)


@pytest.fixture
def window(qtbot, ledger, dialogs):
    """The main window on the test's ledger."""
    return show_window(qtbot, ledger)


@pytest.fixture
def small_disk(tmp_path: Path):
    """A folder on a disk of its own, 8 MiB (a tmpfs), that a test may fill to the last
    byte with fill_disk(). Mounting needs root, as CI has; elsewhere the test skips
    (under CI it fails instead, so that the check is never silently lost)."""
    import subprocess

    folder = tmp_path / "disk"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs",
                           str(folder)], capture_output=True, text=True)
    if done.returncode:
        message = f"a small disk cannot be mounted here: {done.stderr.strip()}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill_disk(folder: Path) -> Path:
    """Write a file into `folder` until its disk has not one free byte; returns it (delete
    it to free the disk again)."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        for size in (1 << 20, 1 << 12, 1):
            while True:
                try:
                    handle.write(b"\0" * size)
                except OSError:
                    break
    return filler
