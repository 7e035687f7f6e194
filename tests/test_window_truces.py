"""Settings → Truces driven from the keyboard: a truce's dates typed in any common form,
edited (asking first when breaches change week or truce) and deleted (never one that
breaches belong to); the Weekly totals follow; the empty window says what to set up."""
from __future__ import annotations


import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from gui.truces_dialog import TrucesDialog
from tests.test_window_editing import focused, key, type_text


def stored_truces(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT name, start_date, end_date, brokered_by FROM truce"
                            " WHERE deleted_at IS NULL ORDER BY start_date").fetchall()
    finally:
        conn.close()


@pytest.fixture
def truces_dialog(qtbot, window, ledger):
    """Settings → Truces, open over the window, as a user meets it."""
    def open_dialog() -> TrucesDialog:
        dialog = TrucesDialog(ledger, window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: focused() is dialog.name)
        return dialog
    return open_dialog


def clear_and_type(qtbot, text: str):
    key(qtbot, Qt.Key_A, Qt.ControlModifier)
    if text:
        type_text(qtbot, text)
    else:
        key(qtbot, Qt.Key_Delete)


def fill_in(qtbot, name=None, start=None, end=None, brokered_by=None):
    """From the name field, Tab through the form typing what is given, then Enter."""
    for value in (name, start, end, brokered_by):
        if value is not None:
            clear_and_type(qtbot, value)
        key(qtbot, Qt.Key_Tab)
    key(qtbot, Qt.Key_Return)


@pytest.mark.parametrize("typed", ["2016-12-29", "29.12.2016", "29/12/2016", "20161229",
                                   "29 Dec 2016", "٢٩/١٢/٢٠١٦"])
def test_a_truce_date_is_stored_as_typed(qtbot, truces_dialog, ledger_path, typed):
    dialog = truces_dialog()
    fill_in(qtbot, "Nationwide ceasefire", typed, "", "Russia and Turkey")
    assert stored_truces(ledger_path) == [
        ("Nationwide ceasefire", "2016-12-29", None, "Russia and Turkey")]
    assert dialog.list.item(0).text() == "Nationwide ceasefire: from 2016-12-29"
    assert not dialog.error.isVisible()
    assert focused() is dialog.name and dialog.name.text() == ""  # ready for the next


def test_the_field_says_the_day_it_understood(qtbot, truces_dialog):
    dialog = truces_dialog()
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "29.12.2016")
    assert dialog.start.words.text() == "Thursday 29 December 2016"


@pytest.mark.parametrize("start, end, says", [
    ("31.2.2017", "", "Start date: 31.2.2017 is not a day of the calendar."),
    ("someday", "", "Start date must be a date"),
    ("", "", "Start date must be a date"),
    ("29.12.2016", "1.12.2016", "End date must be a date on or after the start date."),
    ("29.12.2016", "soon", "End date must be a date"),
])
def test_a_date_that_names_no_day_is_not_saved(qtbot, truces_dialog, ledger_path, start, end,
                                               says):
    dialog = truces_dialog()
    fill_in(qtbot, "Nationwide ceasefire", start, end)
    assert dialog.error.isVisible() and says in dialog.error.text()
    assert stored_truces(ledger_path) == []
    assert dialog.name.text() == "Nationwide ceasefire"  # nothing typed is lost


@pytest.fixture
def truce_with_breaches(ledger, make_breach):
    key = db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-11-12"))  # the bug
    for day in ("2016-12-29", "2017-01-04", "2017-01-05"):
        db.save_breach(ledger, make_breach(occurred_on=day, place=f"Place {day}"))
    db.save_breach(ledger, make_breach(occurred_on="2016-12-01", place="Before"))
    return key


def choose_first_truce(qtbot, dialog):
    dialog.list.setFocus()
    key(qtbot, Qt.Key_Down)
    assert dialog.editing is not None
    dialog.name.setFocus()


def test_editing_the_dates_says_what_moves_and_asks_first(qtbot, truces_dialog, dialogs,
                                                          ledger, ledger_path,
                                                          truce_with_breaches):
    dialog = truces_dialog()
    choose_first_truce(qtbot, dialog)
    assert dialog.name.text() == "Nationwide ceasefire"
    assert dialog.start.text() == "2016-11-12"
    assert "This truce has 4 breaches." in dialog.held.text()
    # "No": nothing changes.
    dialogs.yes = False
    fill_in(qtbot, None, "29.12.2016")
    kind, text = dialogs.asked[-1]
    assert kind == "yes_no"
    assert "3 breaches will be in another week since the truce." in text
    assert "1 breach will leave the truce" in text
    assert stored_truces(ledger_path)[0][1] == "2016-11-12"
    # "Yes": saved, and the breaches moved.
    dialogs.yes = True
    dialog.start.setFocus()
    key(qtbot, Qt.Key_Return)
    assert stored_truces(ledger_path)[0][1] == "2016-12-29"
    assert "1 breach left the truce" in dialog.report.text()
    conn = sqlite3.connect(ledger_path)
    left = conn.execute("SELECT id FROM breach WHERE place = 'Before'").fetchone()[0]
    conn.close()
    assert dialog.moved_breaches == [left]  # for an editor holding it to read it again
    assert dialog.list.item(0).text() == "Nationwide ceasefire: from 2016-12-29"
    before = db.find_by_name(ledger, "truce", "Nationwide ceasefire")
    assert db.truce_breach_counts(ledger, before) == (3, 0)


def test_a_new_name_asks_nothing(qtbot, truces_dialog, dialogs, ledger_path,
                                 truce_with_breaches):
    dialog = truces_dialog()
    choose_first_truce(qtbot, dialog)
    fill_in(qtbot, "Ankara ceasefire")
    assert not [a for a in dialogs.asked if a[0] == "yes_no"]
    assert stored_truces(ledger_path)[0][0] == "Ankara ceasefire"
    assert dialog.editing is not None and dialog.name.text() == "Ankara ceasefire"


def test_a_truce_with_breaches_is_not_deleted(qtbot, truces_dialog, dialogs, ledger,
                                              ledger_path, truce_with_breaches):
    dialog = truces_dialog()
    choose_first_truce(qtbot, dialog)
    qtbot.mouseClick(dialog.delete_button, Qt.LeftButton)
    assert dialog.error.isVisible()
    assert ("The truce Nationwide ceasefire cannot be deleted: it has 4 breaches."
            in dialog.error.text())
    assert len(stored_truces(ledger_path)) == 1


def test_a_truce_without_breaches_is_deleted_after_asking(qtbot, truces_dialog, dialogs,
                                                          ledger, ledger_path):
    from gui import settings
    key_ = db.add_truce(ledger, db.Truce("Astana de-escalation", "2017-05-06"))
    settings.put(settings.DEFAULT_TRUCE, key_)  # the default truce of new breaches
    dialog = truces_dialog()
    choose_first_truce(qtbot, dialog)
    dialogs.yes = False
    qtbot.mouseClick(dialog.delete_button, Qt.LeftButton)
    assert dialogs.asked[-1] == ("yes_no", "Delete the truce Astana de-escalation?")
    assert len(stored_truces(ledger_path)) == 1
    dialogs.yes = True
    qtbot.mouseClick(dialog.delete_button, Qt.LeftButton)
    assert stored_truces(ledger_path) == [] and dialog.list.count() == 0
    assert dialog.editing is None and not dialog.delete_button.isEnabled()
    assert settings.get(settings.DEFAULT_TRUCE) == ""  # new breaches: the truce by date


# The Weekly totals follow the truces.
def in_truces_dialog(qtbot, window, act):
    """Settings → Truces… from the menu (a modal dialog): `act(dialog)`, then Close."""
    failures = []

    def run():
        dialog = QApplication.activeModalWidget()
        try:
            qtbot.waitUntil(lambda: focused() is dialog.name)
            act(dialog)
        except Exception as failure:  # noqa: BLE001 - raised again below
            failures.append(failure)
        finally:
            dialog.reject()

    QTimer.singleShot(0, run)
    window.truces_action.trigger()
    if failures:
        raise failures[0]


def week_column(view):
    return [view.model.index(row, 0).data() for row in range(view.model.rowCount() - 1)]


def test_the_weekly_totals_follow_the_truces(qtbot, window, ledger, make_breach):
    for day in ("2016-12-29", "2017-01-04", "2017-01-05"):
        db.save_breach(ledger, make_breach(occurred_on=day, place=f"Place {day}"))
    window.breaches.refresh()
    view = window.totals
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    assert week_column(view) == ["2016-12-26", "2017-01-02"]  # calendar weeks from Monday

    with qtbot.waitSignal(view.counted, timeout=10_000):
        in_truces_dialog(qtbot, window, lambda dialog: fill_in(
            qtbot, "Nationwide ceasefire", "29.12.2016"))
    assert view.scheme_box.currentText() == \
        "Since Nationwide ceasefire went into force (2016-12-29)"
    assert week_column(view) == ["1", "2"]
    assert [w.breaches for w in view.model.weeks] == [2, 1]

    def move_start(dialog):
        choose_first_truce(qtbot, dialog)
        fill_in(qtbot, None, "30.12.2016")

    with qtbot.waitSignal(view.counted, timeout=10_000):
        in_truces_dialog(qtbot, window, move_start)
    assert view.model.weeks[0].first.isoformat() == "2016-12-30"
    assert [w.breaches for w in view.model.weeks] == [2]  # 29 December left the truce

    # A scheme the user picked stays.
    with qtbot.waitSignal(view.counted, timeout=10_000):
        view.scheme_box.setCurrentIndex(view.scheme_box.findData("calendar:saturday"))
        view.scheme_box.activated.emit(view.scheme_box.currentIndex())
    with qtbot.waitSignal(view.counted, timeout=10_000):
        in_truces_dialog(qtbot, window, lambda dialog: fill_in(
            qtbot, "Astana de-escalation", "6.5.2017"))
    assert view.scheme_box.currentData() == "calendar:saturday"


def test_a_deleted_truce_gives_way_to_calendar_weeks(qtbot, window, ledger, make_breach):
    db.add_truce(ledger, db.Truce("Mistake", "2017-03-01"))
    db.save_breach(ledger, make_breach(occurred_on="2017-01-04"))
    window.totals.refresh_lists()
    view = window.totals
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    assert view.scheme_box.currentData().startswith("truce:")

    def delete(dialog):
        choose_first_truce(qtbot, dialog)
        qtbot.mouseClick(dialog.delete_button, Qt.LeftButton)

    with qtbot.waitSignal(view.counted, timeout=10_000):
        in_truces_dialog(qtbot, window, delete)
    assert db.truces(ledger) == []
    assert view.scheme_box.currentData() == "calendar:monday"
    assert week_column(view) == ["2017-01-02"]


# The empty window.
def test_the_empty_window_says_what_a_new_office_sets_up(window):
    assert window.breaches.empty.isVisible()
    words = window.breaches.empty_text.text()
    assert "Settings → Truces" in words and "weeks count from" in words
    assert "office's name" in words
