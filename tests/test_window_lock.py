"""The window while another copy of Truce Ledger holds the file's write lock (an import, a
merge): it never freezes for long, says what it waits for, loses no edit, and saves as
soon as it can (issue 9, point 6)."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from gui.drafts import draft_path
from tests.conftest import show_window

from test_window_editing import key, type_text
from test_window_entry import Keys, record_quickly

SAVED = ("SELECT b.occurred_on, b.place, b.killed FROM breach b WHERE b.deleted_at IS NULL"
         " ORDER BY b.created_at")


class OtherCopy:
    """Another copy of the program in the middle of a long write: it holds the write lock
    of the file (BEGIN IMMEDIATE on a connection of its own) until `finish()`."""

    def __init__(self, path):
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("BEGIN IMMEDIATE")

        self.finished = False

    def finish(self) -> None:
        self.conn.execute("ROLLBACK")
        self.conn.close()
        self.finished = True


@pytest.fixture
def other_copy(ledger_path):
    held: list[OtherCopy] = []

    def start() -> OtherCopy:
        held.append(OtherCopy(ledger_path))
        return held[-1]
    yield start
    for copy in held:
        if not copy.finished:
            copy.finish()



def _draft(path) -> dict:
    """The form kept in the draft file at `path` (a plain ledger's: no key)."""
    with sqlite3.connect(path) as conn:
        return json.loads(conn.execute("SELECT document FROM draft").fetchone()[0])

def type_breach_and_save(qtbot) -> None:
    record_quickly(Keys(qtbot), "4.1.2017", "Idl", "Saraqib", "regime", "Air", "5",
                   "Aleppo Media")


def test_a_save_while_another_copy_writes_waits_says_so_and_saves_when_it_can(
        qtbot, window, lists, ledger_path, other_copy, dialogs):
    editor = window.breaches.editor
    import_running = other_copy()
    type_breach_and_save(qtbot)
    # The window said what it waits for, at once, instead of freezing or failing.
    assert editor.wait_banner.isVisible()
    words = editor.wait_text.text()
    assert "Waiting for another copy of Truce Ledger" in words and ledger_path.name in words
    assert "saved as soon as it can" in words
    assert not [a for a in dialogs.asked if a[0] == "error"]  # no "database is locked"
    # Nothing lost: the form holds the breach, and so does the draft beside the file.
    assert editor.form.place.text() == "Saraqib" and editor.form.least["killed"].value() == 5
    draft = _draft(draft_path(ledger_path, editor.draft_owner))
    assert draft["breach"]["place"] == "Saraqib"
    assert sqlite3.connect(ledger_path).execute(SAVED).fetchall() == []
    # The other copy finishes: the breach is saved without another key, and the window
    # says so.
    import_running.finish()
    qtbot.waitUntil(lambda: sqlite3.connect(ledger_path).execute(SAVED).fetchall()
                    == [("2017-01-04", "Saraqib", 5)], timeout=15000)
    qtbot.waitUntil(lambda: not editor.wait_banner.isVisible())
    assert editor.notice.isVisible() and "saved" in editor.notice.text()
    assert not editor.is_dirty() and editor.loaded.place == "Saraqib"
    assert not draft_path(ledger_path, editor.draft_owner).exists()


def test_the_window_waits_for_another_copy_at_most_two_seconds_at_a_time(window):
    """A write of the window waits little for the lock, then says so (it never freezes
    for the 15 seconds the command line waits)."""
    wait = window.ledger.conn.execute("PRAGMA busy_timeout").fetchone()[0]
    assert 0 < wait <= 2000


def test_closing_the_window_while_waiting_keeps_the_breach_as_a_draft(
        qtbot, window, lists, ledger_path, other_copy, dialogs):
    editor = window.breaches.editor
    import_running = other_copy()
    type_breach_and_save(qtbot)
    assert editor.wait_banner.isVisible()
    owner = editor.draft_owner
    dialogs.yes = True  # leave, keeping the breach as a draft
    assert window.close()
    question = [text for kind, text in dialogs.asked if kind == "yes_no"][-1]
    assert "draft" in question and ledger_path.name in question
    draft = _draft(draft_path(ledger_path, owner))
    assert draft["breach"]["place"] == "Saraqib" and draft["breach"]["killed"] == 5
    import_running.finish()
    assert sqlite3.connect(ledger_path).execute(SAVED).fetchall() == []
    # The next start (another process: a number no process has) offers the breach back.
    draft_path(ledger_path, owner).rename(draft_path(ledger_path, "999999999-0"))
    again = show_window(qtbot, db.open_ledger(ledger_path))
    assert [text for kind, text in dialogs.asked if kind == "yes_no"][-1].startswith(
        "The program stopped while a breach (2017-01-04, Saraqib) was being typed")
    assert again.breaches.editor.form.place.text() == "Saraqib"
    qtbot.waitUntil(again.isActiveWindow)  # the keys go to it
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert sqlite3.connect(ledger_path).execute(SAVED).fetchall() == [
        ("2017-01-04", "Saraqib", 5)]


def test_closing_while_waiting_can_be_called_off(qtbot, window, lists, ledger_path, other_copy,
                                                 dialogs):
    editor = window.breaches.editor
    import_running = other_copy()
    type_breach_and_save(qtbot)
    dialogs.yes = False  # stay
    assert not window.close()
    assert window.isVisible() and editor.wait_banner.isVisible()
    import_running.finish()
    qtbot.waitUntil(lambda: sqlite3.connect(ledger_path).execute(SAVED).fetchall()
                    == [("2017-01-04", "Saraqib", 5)], timeout=15000)


def test_stop_waiting_keeps_the_breach_in_the_form_for_a_later_save(
        qtbot, window, lists, ledger_path, other_copy, dialogs):
    editor = window.breaches.editor
    import_running = other_copy()
    type_breach_and_save(qtbot)
    qtbot.mouseClick(editor.stop_waiting_button, Qt.LeftButton)
    assert not editor.wait_banner.isVisible() and not editor.waiting
    assert "Ctrl+S" in editor.general_error.text() and editor.general_error.isVisible()
    assert editor.form.place.text() == "Saraqib" and editor.is_dirty()
    assert draft_path(ledger_path, editor.draft_owner).exists()
    import_running.finish()
    editor.form.place.setFocus()
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert sqlite3.connect(ledger_path).execute(SAVED).fetchall() == [
        ("2017-01-04", "Saraqib", 5)]


def test_edits_typed_while_waiting_are_saved_too(qtbot, window, lists, ledger_path,
                                                  other_copy, dialogs):
    editor = window.breaches.editor
    import_running = other_copy()
    type_breach_and_save(qtbot)
    editor.form.place.setFocus()
    editor.form.place.selectAll()
    type_text(qtbot, "Saraqib east")
    import_running.finish()
    qtbot.waitUntil(lambda: sqlite3.connect(ledger_path).execute(SAVED).fetchall()
                    == [("2017-01-04", "Saraqib east", 5)], timeout=15000)


def test_an_undo_while_another_copy_writes_is_kept_for_later(
        qtbot, window, lists, ledger_path, other_copy, dialogs):
    type_breach_and_save(qtbot)
    assert sqlite3.connect(ledger_path).execute(SAVED).fetchall() == [
        ("2017-01-04", "Saraqib", 5)]
    window.breaches.table.setFocus()
    import_running = other_copy()
    key(qtbot, Qt.Key_Z, Qt.ControlModifier)
    error = [text for kind, text in dialogs.asked if kind == "error"][-1]
    assert "Another copy of Truce Ledger" in error and ledger_path.name in error
    assert "Ctrl+Z" in error
    assert sqlite3.connect(ledger_path).execute(SAVED).fetchall() == [
        ("2017-01-04", "Saraqib", 5)]
    assert window.undo_action.isEnabled()  # the step is still there to take back
    import_running.finish()
    key(qtbot, Qt.Key_Z, Qt.ControlModifier)
    assert sqlite3.connect(ledger_path).execute(SAVED).fetchall() == []  # in the Trash now
    key(qtbot, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)  # and redo brings it back
    assert sqlite3.connect(ledger_path).execute(SAVED).fetchall() == [
        ("2017-01-04", "Saraqib", 5)]


def _breach_in_table(qtbot, window, ledger, make_breach):
    """A saved breach, selected in the Breaches table."""
    db.save_breach(ledger, make_breach())
    window.breaches.refresh()
    key(qtbot, Qt.Key_1, Qt.ControlModifier)
    window.breaches.table.selectRow(0)


def _breach_in_trash(qtbot, window, ledger, make_breach):
    """A deleted breach, selected in the Trash."""
    saved = db.save_breach(ledger, make_breach())
    db.delete_breach(ledger, saved.id)
    window.breaches.refresh()
    key(qtbot, Qt.Key_4, Qt.ControlModifier)
    window.trash.table.selectRow(0)


def _source_typed(qtbot, window, ledger, make_breach):
    """A new source's name typed in the Sources view."""
    key(qtbot, Qt.Key_3, Qt.ControlModifier)
    window.sources.start_new()
    window.sources.name.setFocus()
    type_text(qtbot, "Idlib Media Office")


LIVE = "SELECT count(*) FROM breach WHERE deleted_at IS NULL"
SOURCE_NAMES = "SELECT name FROM source WHERE deleted_at IS NULL ORDER BY name"
KNOWN_SOURCES = [("Activist in Khan Tuman",), ("Aleppo Media Center",)]


@pytest.mark.parametrize("prepare, press, read, before, after", [
    (_breach_in_table, (Qt.Key_Delete, Qt.NoModifier), LIVE, [(1,)], [(0,)]),
    (_breach_in_trash, (Qt.Key_Return, Qt.NoModifier), LIVE, [(0,)], [(1,)]),
    (_source_typed, (Qt.Key_S, Qt.ControlModifier), SOURCE_NAMES, KNOWN_SOURCES,
     KNOWN_SOURCES[:1] + [("Aleppo Media Center",), ("Idlib Media Office",)]),
], ids=["delete", "restore", "new source"])
def test_other_writes_while_another_copy_writes_say_so_and_change_nothing(
        qtbot, window, ledger, make_breach, ledger_path, other_copy, dialogs, prepare, press,
        read, before, after):
    prepare(qtbot, window, ledger, make_breach)
    import_running = other_copy()
    key(qtbot, *press)
    error = [text for kind, text in dialogs.asked if kind == "error"][-1]
    assert "Another copy of Truce Ledger is writing to" in error and ledger_path.name in error
    import_running.finish()
    assert sqlite3.connect(ledger_path).execute(read).fetchall() == before
    key(qtbot, *press)  # the same key once the other copy is done
    assert sqlite3.connect(ledger_path).execute(read).fetchall() == after


def test_a_truce_added_while_another_copy_writes_is_said_and_kept_in_the_form(
        qtbot, window, ledger, ledger_path, other_copy, dialogs):
    from gui.truces_dialog import TrucesDialog
    from test_window_truces import fill_in, stored_truces
    dialog = TrucesDialog(ledger, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name)
    import_running = other_copy()
    fill_in(qtbot, "Nationwide ceasefire", "29.12.2016", "", "Russia and Turkey")
    assert dialog.error.isVisible()
    assert "Another copy of Truce Ledger is writing to" in dialog.error.text()
    assert ledger_path.name in dialog.error.text()
    assert dialog.name.text() == "Nationwide ceasefire"  # the form kept what was typed
    import_running.finish()
    assert stored_truces(ledger_path) == []
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)  # once the other copy is done
    assert stored_truces(ledger_path) == [
        ("Nationwide ceasefire", "2016-12-29", None, "Russia and Turkey")]
