"""Nothing typed is lost, the model keeps Qt's contract, a large file opens at once,
the first start says how to begin, and the window works right to left."""
from __future__ import annotations

from datetime import date

import os
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.listing import count_shown
from db.demo import create_demo
from gui import main_window, settings
from gui.breach_model import PAGE_SIZE, BreachTableModel
from gui.main_window import MainWindow
from tests.conftest import ROOT, show_window
from tests.test_open import WINDOW
from tests.test_open_mark import read_every_page, statements  # noqa: F401 (a fixture)
from tests.test_window_editing import key, type_text


def test_quitting_with_a_value_still_in_a_field_asks_first(qtbot, window, lists, ledger_path,
                                                           dialogs):
    window.breaches.new_breach()
    form = window.breaches.editor.form
    form.date.set_date(date(2017, 1, 2))
    form.governorate.setEditText("Aleppo")
    form.citations.source_edit.setFocus()
    type_text(qtbot, "Aleppo Media Center")  # still in its field, not added yet
    dialogs.unsaved_answer = "cancel"
    assert not window.close()
    assert dialogs.asked[-1] == ("unsaved", "Quit Truce Ledger?")
    assert window.isVisible()
    dialogs.unsaved_answer = "save"
    assert window.close()
    raw = sqlite3.connect(ledger_path)
    assert raw.execute("SELECT s.name FROM citation c JOIN source s"
                       " ON s.id = c.source_id").fetchall() == [("Aleppo Media Center",)]


def test_a_victim_name_still_being_typed_counts_as_an_edit(qtbot, window, ledger, make_breach,
                                                           dialogs):
    saved = db.save_breach(ledger, make_breach())
    window.breaches.open_breach(saved.id)
    editor = window.breaches.editor
    editor.form.victims.add_victim()
    type_text(qtbot, "Omar")  # in the open cell editor
    assert editor.is_dirty()
    dialogs.unsaved_answer = "discard"
    other = db.save_breach(ledger, make_breach(place="Zitan"))
    window.breaches.refresh()
    window.breaches.open_breach(other.id)
    assert dialogs.asked[-1] == ("unsaved", "Open another breach?")
    assert editor.loaded.id == other.id
    assert db.get_breach(ledger, saved.id).victims == []  # discarded, as asked


def test_escape_asks_before_closing_the_editor_and_going_back_keeps_the_edits(
        qtbot, window, lists, dialogs):
    window.breaches.new_breach()
    form = window.breaches.editor.form
    form.place.setFocus()
    type_text(qtbot, "Khan Tuman")
    dialogs.unsaved_answer = "cancel"
    key(qtbot, Qt.Key_Escape)
    assert window.breaches.editor.isVisible() and form.place.text() == "Khan Tuman"
    dialogs.unsaved_answer = "discard"
    key(qtbot, Qt.Key_Escape)
    assert not window.breaches.editor.isVisible()
    # Without edits, Escape closes at once.
    window.breaches.new_breach()
    asked = len(dialogs.asked)
    key(qtbot, Qt.Key_Escape)
    assert not window.breaches.editor.isVisible() and len(dialogs.asked) == asked


def test_an_error_while_saving_is_shown_and_the_edits_stay(qtbot, window, lists, dialogs,
                                                           monkeypatch):
    window.breaches.new_breach()
    form = window.breaches.editor.form
    form.date.set_date(date(2017, 1, 2))
    form.governorate.setEditText("Aleppo")
    form.place.setText("Khan Tuman")
    form.citations.source_edit.setText("Aleppo Media Center")

    def disk_full(*args, **kwargs):
        raise db.LedgerError("The breach was not saved: database or disk is full.")

    monkeypatch.setattr(db, "save_breach_changes", disk_full)
    assert not window.breaches.editor.save()
    assert "disk is full" in dialogs.asked[-1][1]
    assert form.place.text() == "Khan Tuman" and window.breaches.editor.is_dirty()


# Qt's own QAbstractItemModelTester reports a broken contract as a warning: fail on it.
# (pytest-qt's Python tester cannot follow a model that pages in rows with fetchMore.)
strict = [pytest.mark.qt_log_level_fail("WARNING"),
          pytest.mark.qt_log_ignore("propagateSizeHints", "does not support")]


@strict[0]
@strict[1]
def test_the_breach_model_keeps_the_contract(qtmodeltester, qtbot, tmp_path):
    path = tmp_path / "demo.sqlite3"
    create_demo(path, size=300)
    with db.open_ledger(path) as ledger:
        model = BreachTableModel(ledger)
        qtmodeltester.check(model)
        model.sort(5, Qt.DescendingOrder)  # the tester, attached, checks after each change
        model.set_filter(db.BreachFilter(text="Khan"))
        while model.canFetchMore():
            model.fetchMore()
        qtbot.waitUntil(lambda: model.count.breaches > 0)  # counted off the UI thread
        assert model.loaded == model.count.breaches


@strict[0]
@strict[1]
def test_the_victims_table_keeps_the_contract(qtmodeltester, window, ledger, make_breach):
    saved = db.save_breach(ledger, make_breach(victims=[db.Victim(name="Omar", age=7),
                                                        db.Victim(name="Hiba", sex="female")]))
    window.breaches.open_breach(saved.id)
    qtmodeltester.check(window.breaches.editor.form.victims.model)
    qtmodeltester.check(window.breaches.editor.form.citations.model)


@pytest.fixture(scope="module")
def large_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("large") / "large.sqlite3"
    create_demo(path, size=100_000 - 251)
    return path


def test_a_file_of_100000_breaches_opens_with_only_what_shows(qtbot, large_file, dialogs):
    ledger = db.open_ledger(large_file)
    window = MainWindow(ledger)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    model = window.breaches.model
    qtbot.waitUntil(lambda: model.count.breaches == 100_000)  # counted off the UI thread
    assert window.breaches.summary.text().startswith("100000 breaches shown")
    assert model.loaded == PAGE_SIZE  # one page, not the table
    table = window.breaches.table
    table.scrollToBottom()
    QApplication.processEvents()
    assert PAGE_SIZE < model.loaded <= 3 * PAGE_SIZE  # scrolling fetched the next page
    # Sorting is done by the file, and starts again from one page.
    table.sortByColumn(5, Qt.DescendingOrder)
    assert model.loaded == PAGE_SIZE
    most = ledger.conn.execute("SELECT max(killed) FROM breach").fetchone()[0]
    assert model.data(model.index(0, 5)).strip("\u2066").split("–")[0] == str(most)
    window.close()


# What only a view not shown at start, or an action, needs.
LATER = ("PySide6.QtCharts", "gui.totals_view", "gui.breach_editor", "gui.bring_in")


def test_the_window_starts_without_what_only_other_views_need(tmp_path):
    """The Weekly totals (QtCharts), the editor and the import are loaded when first shown
    or used, in a window started in a process of its own."""
    path = tmp_path / "office.sqlite3"
    create_demo(path, size=50)
    started = subprocess.run([sys.executable, "-c", WINDOW, str(path), *LATER],
                             capture_output=True, text=True, cwd=ROOT,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert started.returncode == 0, started.stderr
    assert started.stdout.split() == ["none"]


def test_the_editor_keeps_its_width_through_a_start_that_did_not_open_it(qtbot, tmp_path,
                                                                          dialogs):
    """The editor is made when first opened; a start that never opened it keeps the width
    the user gave it before."""
    path = tmp_path / "a.sqlite3"
    create_demo(path, size=10)

    def started() -> MainWindow:
        window = show_window(qtbot, db.open_ledger(path))
        window.resize(1400, 580)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.breaches.table)
        return window
    first = started()
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    first.breaches.splitter.setSizes([500, 900])  # the handle dragged
    width = first.breaches.splitter.sizes()[1]
    assert first.close()
    assert started().close()  # the editor not opened
    third = started()
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    assert third.breaches.editor.isVisible()
    qtbot.wait(100)  # laid out
    assert abs(third.breaches.splitter.sizes()[1] - width) <= 4  # as left, to a few pixels


def test_a_window_closed_while_it_counts_leaves_its_clean_close_marked(
        qtbot, tmp_path, monkeypatch, statements, dialogs):
    """Quitting while the counts of the status bar still read the file (as on a large
    file, just after a change): the next start need not read every page."""
    path = tmp_path / "office.sqlite3"
    create_demo(path, size=10)

    def reading_long(reader, *args):
        rows = reader.conn.execute("SELECT id FROM breach")  # read as a long count reads
        rows.fetchone()
        time.sleep(0.5)
        return count_shown(reader, *args)
    monkeypatch.setattr(main_window, "count_shown", reading_long)
    window = show_window(qtbot, db.open_ledger(path))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.breaches.table)
    live = db.count_breaches(window.ledger).breaches
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Delete)  # a breach to the Trash: the file changed, counted again
    assert db.count_breaches(window.ledger).breaches == live - 1
    assert window.close()
    assert not read_every_page(statements, path)


def test_the_first_start_says_how_to_begin_and_offers_the_demo(qtbot, window, ledger,
                                                               ledger_path, dialogs):
    view = window.breaches
    assert view.empty.isVisible() and not view.table.isVisible()
    assert "Ctrl+N" in view.empty_text.text()
    qtbot.mouseClick(view.demo_button, Qt.LeftButton)
    assert window.ledger is not ledger and window.ledger.is_demo
    assert window.ledger.path.name == "demo.sqlite3"
    assert db.count_breaches(window.ledger).breaches == 251
    assert "demo" in window.windowTitle()
    untouched = sqlite3.connect(ledger_path).execute("SELECT count(*) FROM breach")
    assert untouched.fetchone()[0] == 0  # the demo went into a file of its own
    assert window.breaches.table.isVisible()


def test_the_window_remembers_its_file_recent_files_and_size(qtbot, tmp_path, dialogs):
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    window = MainWindow(db.open_ledger(first))
    qtbot.addWidget(window)
    window.resize(701, 580)  # the offscreen screen is only 800 × 600: heights compare
    window.show()
    dialogs.paths = [second]
    window.new_database()
    assert window.ledger.path == second
    assert window.close()
    assert settings.get(settings.LAST_DATABASE) == str(second)
    assert settings.get(settings.RECENT_FILES)[:2] == [str(second), str(first)]
    again = MainWindow(db.open_ledger(second))
    qtbot.addWidget(again)
    assert again.height() == 580 and settings.get(settings.WINDOW_GEOMETRY)
    assert [a.text() for a in again.recent_menu.actions()][:2] == [str(second), str(first)]


def test_sources_show_their_contact_only_when_asked(qtbot, window, lists, ledger):
    window.tabs.setCurrentWidget(window.sources)
    view = window.sources
    names = [view.model.item(r, 0).text() for r in range(view.model.rowCount())]
    assert names == ["Activist in Khan Tuman", "Aleppo Media Center"]
    assert view.model.item(1, 4).text() == "confidential"
    view.table.selectRow(1)
    assert view.name.text() == "Aleppo Media Center"
    assert view.contact.echoMode() == view.contact.EchoMode.Password
    view.show_contact.click()
    assert view.contact.echoMode() == view.contact.EchoMode.Normal
    view.reliability.setCurrentIndex(view.reliability.findData("A"))
    view.contact.setText("+90 555 000 99")
    assert view.save()
    assert db.get_source(ledger, lists["source"]).contact == "+90 555 000 99"
    assert db.get_source(ledger, lists["source"]).reliability == "A"


def test_right_to_left_with_arabic_text(qtbot, window, lists, ledger):
    QApplication.setLayoutDirection(Qt.RightToLeft)
    try:
        window.breaches.new_breach()
        form = window.breaches.editor.form
        assert form.isRightToLeft() and window.breaches.table.isRightToLeft()
        form.date.set_date(date(2017, 1, 2))
        form.governorate.setEditText("ريف دمشق")
        form.place.setFocus()
        type_text(qtbot, "عين الفيجة")
        form.description.setPlainText("قصف مدفعي على عين الفيجة، وادي بردى.")
        form.actor.setEditText("قوات النظام")
        form.citations.source_edit.setText("Aleppo Media Center")
        assert window.breaches.editor.save()
        model = window.breaches.model
        assert model.data(model.index(0, 1)) == "Rural Damascus"
        assert model.data(model.index(0, 2)) == "عين الفيجة"
        assert model.data(model.index(0, 3)) == "Assad regime forces"
        window.grab()  # paints right to left without error
    finally:
        QApplication.setLayoutDirection(Qt.LeftToRight)


def test_save_a_copy_runs_aside_and_writes_a_whole_file(qtbot, window, ledger, make_breach,
                                                        dialogs, tmp_path):
    db.save_breach(ledger, make_breach())
    target = tmp_path / "copy for the office.sqlite3"
    dialogs.paths = [target]
    window.save_a_copy()
    with db.open_ledger(target) as copy:
        assert db.count_breaches(copy).breaches == 1
    assert not [a for a in dialogs.asked if a[0] == "error"]


def test_a_cancelled_copy_leaves_nothing(tmp_path):
    from db.backup import save_copy
    source = tmp_path / "demo.sqlite3"
    create_demo(source, size=3000)
    target = tmp_path / "copy.sqlite3"
    with pytest.raises(db.LedgerError) as cancelled:
        save_copy(source, target, lambda done, total: done < total // 2)
    assert cancelled.value.code == "cancelled"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite3"]
