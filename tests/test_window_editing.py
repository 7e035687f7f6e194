"""The window driven as a user drives it, with the keyboard: record, correct, find."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db


def focused():
    return QApplication.focusWidget()


def keyboard_target():
    """Where a key goes: an open popup (a list of completions) first, as Qt delivers
    a keyboard's keys, else the widget with the focus."""
    return QApplication.activePopupWidget() or QApplication.focusWidget()


def key(qtbot, key_, modifier=Qt.NoModifier, times: int = 1):
    for _ in range(times):
        qtbot.keyClick(keyboard_target(), key_, modifier)


def type_text(qtbot, text: str):
    """Type as a keyboard does; Arabic letters arrive as key events carrying their text."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(keyboard_target(), char)
        else:
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(keyboard_target(), QKeyEvent(kind, 0, Qt.NoModifier, char))


def test_a_breach_with_a_new_source_and_two_victims_is_recorded_from_the_keyboard(
        qtbot, window, ledger_path):
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    editor = window.breaches.editor
    assert editor.isVisible() and focused() is editor.form.date.edit
    # Date, as a press release gives it; then Tab to the time.
    type_text(qtbot, "20170102")
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "14:30")
    key(qtbot, Qt.Key_Tab, times=2)  # past the truce, picked from the date
    assert focused() in (editor.form.governorate, editor.form.governorate.lineEdit())
    type_text(qtbot, "حلب")  # Aleppo, typed in Arabic
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "Jebel Saman")
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "Khan Tuman")
    key(qtbot, Qt.Key_Tab, times=3)  # no coordinates
    type_text(qtbot, "Unknown")
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "Air")  # the type picker jumps to "Air strike"
    key(qtbot, Qt.Key_Tab, times=2)  # grading stays "reported"
    assert focused() is editor.form.least["killed"]
    type_text(qtbot, "3")
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "5")  # killed: up to 5
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "1")  # women
    key(qtbot, Qt.Key_Tab, times=2)
    type_text(qtbot, "1")  # children
    key(qtbot, Qt.Key_Tab, times=2)
    type_text(qtbot, "4")  # injured
    key(qtbot, Qt.Key_Tab, times=2)
    assert focused() is editor.form.description
    type_text(qtbot, "غارة جوية على السوق. Air strike on the market.")
    key(qtbot, Qt.Key_Tab)
    assert focused() is editor.form.citations.source_edit
    type_text(qtbot, "Halab Today")
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "https://example.org/report/17")
    key(qtbot, Qt.Key_Return)
    assert editor.form.citations.model.rowCount() == 1
    # Two named victims: Ctrl+Shift+V adds a row with its name cell open.
    key(qtbot, Qt.Key_V, Qt.ControlModifier | Qt.ShiftModifier)
    type_text(qtbot, "محمد العلي")
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "Mohammad al-Ali")
    key(qtbot, Qt.Key_Tab, times=2)  # past sex
    type_text(qtbot, "9")
    key(qtbot, Qt.Key_V, Qt.ControlModifier | Qt.ShiftModifier)
    type_text(qtbot, "فاطمة")
    key(qtbot, Qt.Key_S, Qt.ControlModifier)

    rows = sqlite3.connect(ledger_path).execute(
        "SELECT b.occurred_on, b.occurred_at, g.name, b.place, t.name, b.killed, b.killed_max,"
        " b.women, b.children, b.injured, b.description FROM breach b"
        " JOIN gazetteer g ON g.id = b.governorate_id JOIN breach_type t"
        " ON t.id = b.breach_type_id").fetchall()
    assert rows == [("2017-01-02", "14:30", "Aleppo", "Khan Tuman", "Air strike", 3, 5, 1, 1, 4,
                     "غارة جوية على السوق. Air strike on the market.")]
    raw = sqlite3.connect(ledger_path)
    assert raw.execute("SELECT s.name, c.reference FROM citation c JOIN source s"
                       " ON s.id = c.source_id").fetchall() == [
        ("Halab Today", "https://example.org/report/17")]
    assert sorted(raw.execute("SELECT name, name_latin, age, age_group FROM victim")) == [
        ("فاطمة", "", None, "unknown"), ("محمد العلي", "Mohammad al-Ali", 9, "child")]
    # It is in the table, and the editor shows it saved.
    qtbot.waitUntil(lambda: window.breaches.model.count == db.BreachCount(1, 3))  # counted
    assert window.breaches.model.data(window.breaches.model.index(0, 2)) == "Khan Tuman"
    assert not editor.is_dirty()


def _editor_with(window, **changes):
    window.breaches.new_breach()
    editor = window.breaches.editor
    form = editor.form
    form.date.set_date(changes.pop("day", date(2017, 1, 2)))
    form.governorate.setEditText(changes.pop("governorate", "Aleppo"))
    form.place.setText(changes.pop("place", "Khan Tuman"))
    for name, value in changes.pop("least", {}).items():
        form.least[name].setValue(value)
    for name, value in changes.pop("most", {}).items():
        form.most[name].setText(str(value))
    if changes.pop("source", True):
        form.citations.source_edit.setText("Aleppo Media Center")
    for name, value in changes.items():
        getattr(form, name).setText(value)
    return editor


RULES = [
    # (what the user does, the field whose message shows, words in it)
    (dict(source=False), "citations", "Cite at least one source"),
    (dict(governorate=""), "governorate_id", "Governorate is required"),
    (dict(governorate="Atlantis"), "governorate_id", "gazetteer"),
    (dict(least={"killed": 2}, most={"killed": 1}), "killed_max", "cannot be below"),
    (dict(least={"killed": 1, "women": 1, "children": 1}), "killed", "add up to more"),
    (dict(latitude="95", longitude="37"), "latitude", "between -90 and 90"),
    (dict(latitude="36.2"), "longitude", "both latitude and longitude"),
    (dict(time="7 pm"), "occurred_at", "Time must be"),
]


def test_each_rule_is_shown_next_to_its_field_and_nothing_is_saved(qtbot, window, lists,
                                                                    ledger_path):
    for changes, field, words in RULES:
        editor = _editor_with(window, **dict(changes))
        assert editor.save() is False
        shown = editor.form.problem_text(field)
        assert words in shown, (field, shown)
        assert sqlite3.connect(ledger_path).execute(
            "SELECT count(*) FROM breach").fetchone()[0] == 0
        editor._snapshot = None  # next case: start afresh without asking


def test_a_future_date_and_too_many_named_victims_are_refused(qtbot, window, lists):
    editor = _editor_with(window)
    from datetime import date, timedelta
    editor.form.date.set_date(date.today() + timedelta(days=2))
    assert not editor.save()
    assert "future" in editor.form.problem_text("occurred_on")
    editor.form.date.set_date(date.today() - timedelta(days=400))
    editor.form.victims.add_victim()
    editor.form.victims.model.setData(editor.form.victims.model.index(0, 0), "Omar")
    assert not editor.save()
    assert "named victim" in editor.form.problem_text("killed")
    editor.form.least["killed"].setValue(1)
    assert editor.save()


def test_an_edit_shows_in_the_table_and_in_the_history(qtbot, window, ledger, make_breach):
    saved = db.save_breach(ledger, make_breach(killed=3))
    window.breaches.refresh(select=saved.id)
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Return)
    editor = window.breaches.editor
    assert editor.loaded.id == saved.id
    editor.form.least["killed"].setValue(7)
    editor.form.place.setText("Al-Eis")
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    model = window.breaches.model
    assert model.data(model.index(0, 2)) == "Al-Eis"
    assert model.data(model.index(0, 5)) == "7"
    assert db.get_breach(ledger, saved.id).killed == 7
    lines = editor.history.lines()
    assert "edited" in lines[0] and "created" in lines[-1]
    assert "Killed: 3 → 7" in lines and "Place: Khan Tuman → Al-Eis" in lines
    qtbot.waitUntil(lambda: window.breaches.summary.text().startswith("1 breach"))


def test_delete_undo_and_restore_from_the_trash(qtbot, window, ledger, make_breach):
    first = db.save_breach(ledger, make_breach(place="Al-Eis"))
    second = db.save_breach(ledger, make_breach(place="Zitan", occurred_on="2017-01-03"))
    window.breaches.refresh(select=second.id)
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Delete)
    assert db.count_breaches(ledger).breaches == 1
    # Counted off the UI thread: the counts come a moment later.
    qtbot.waitUntil(lambda: window.breaches.model.count.breaches == 1)
    qtbot.waitUntil(lambda: window.tabs.tabText(window.tabs.indexOf(window.trash)) == "Trash (1)")
    key(qtbot, Qt.Key_Z, Qt.ControlModifier)  # undo the delete
    assert db.count_breaches(ledger).breaches == 2
    qtbot.waitUntil(lambda: window.breaches.model.count.breaches == 2)
    window.breaches.refresh(select=first.id)
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Delete)
    # Restore from the Trash, with the keyboard.
    key(qtbot, Qt.Key_4, Qt.ControlModifier)
    trash = window.trash
    qtbot.waitUntil(lambda: trash.model.count.breaches == 1)
    trash.table.setFocus()
    trash.table.selectRow(0)
    key(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: trash.model.count.breaches == 0)
    assert db.count_breaches(ledger).breaches == 2
    qtbot.waitUntil(lambda: window.breaches.model.count.breaches == 2)
    assert [c.action for c in db.record_history(ledger, first.id)] == [
        "insert", "delete", "restore"]


def test_a_save_that_changes_nothing_leaves_nothing_to_undo(qtbot, window, ledger,
                                                           make_breach, dialogs):
    """Ctrl+S on a breach opened and left as it was, then a real edit saved: Ctrl+Z takes
    the edit back, and a second Ctrl+Z has nothing left to take back (it once met the
    save that wrote nothing, and said another copy had changed the breach)."""
    saved = db.save_breach(ledger, make_breach(killed=3))
    window.breaches.refresh(select=saved.id)
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Return)  # the editor, on the breach
    qtbot.waitUntil(lambda: focused() is window.breaches.editor.form.date.edit)
    key(qtbot, Qt.Key_S, Qt.ControlModifier)  # saved as it was
    assert [c.action for c in db.record_history(ledger, saved.id)] == ["insert"]
    assert not window.breaches.undo_stack.canUndo()
    killed = window.breaches.editor.form.least["killed"]
    killed.setFocus()
    qtbot.waitUntil(lambda: focused() is killed or killed.isAncestorOf(focused()))
    key(qtbot, Qt.Key_A, Qt.ControlModifier)
    type_text(qtbot, "9")
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert db.get_breach(ledger, saved.id).killed == 9
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Z, Qt.ControlModifier)
    assert db.get_breach(ledger, saved.id).killed == 3
    key(qtbot, Qt.Key_Z, Qt.ControlModifier)
    assert db.get_breach(ledger, saved.id).killed == 3
    assert [kind for kind, _text in dialogs.asked] == []


def test_two_edits_of_a_breach_are_undone_and_redone_one_after_the_other(
        qtbot, window, ledger, make_breach, dialogs):
    """Killed typed 5 and saved, then 7 and saved: Ctrl+Z twice gives back 3, Ctrl+Shift+Z
    twice 7 again (the second Ctrl+Z was once refused, as if another copy had saved)."""
    saved = db.save_breach(ledger, make_breach(killed=3))
    window.breaches.refresh(select=saved.id)
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Return)
    killed = window.breaches.editor.form.least["killed"]
    for typed in ("5", "7"):
        killed.setFocus()
        qtbot.waitUntil(lambda: focused() is killed or killed.isAncestorOf(focused()))
        key(qtbot, Qt.Key_A, Qt.ControlModifier)
        type_text(qtbot, typed)
        key(qtbot, Qt.Key_S, Qt.ControlModifier)
        assert db.get_breach(ledger, saved.id).killed == int(typed)
    window.breaches.table.setFocus()
    for expected in (5, 3):
        key(qtbot, Qt.Key_Z, Qt.ControlModifier)
        assert db.get_breach(ledger, saved.id).killed == expected
    assert killed.value() == 3  # the editor follows
    for expected in (5, 7):
        key(qtbot, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
        assert db.get_breach(ledger, saved.id).killed == expected
    assert dialogs.asked == []


def test_undo_of_a_save_takes_the_edit_back(qtbot, window, ledger, make_breach):
    saved = db.save_breach(ledger, make_breach(killed=3))
    window.breaches.open_breach(saved.id)
    window.breaches.editor.form.least["killed"].setValue(9)
    assert window.breaches.editor.save()
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Z, Qt.ControlModifier)
    assert db.get_breach(ledger, saved.id).killed == 3
    assert window.breaches.editor.form.least["killed"].value() == 3  # the editor follows
    key(qtbot, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)  # and redo
    assert db.get_breach(ledger, saved.id).killed == 9


def test_a_likely_duplicate_is_shown_and_saved_only_when_confirmed(qtbot, window, ledger,
                                                                    make_breach, dialogs):
    twin = db.save_breach(ledger, make_breach(place="Khan Tuman", occurred_on="2017-01-02"))
    editor = _editor_with(window, place="khan tuman")
    editor.form.date.set_date(date(2017, 1, 2))
    editor.form.least["women"].setValue(1)  # first refused for a rule (1 woman of 0 killed)…
    assert not editor.save() and editor.form.problem_text("killed")
    editor.form.least["killed"].setValue(3)
    assert not editor.save()  # …then held back as a likely duplicate
    assert not editor.form.problem_text("killed")  # the old message is gone
    assert editor.banner.isVisible()
    assert "Khan Tuman" in editor.banner_text.text() and "2017-01-02" in editor.banner_text.text()
    assert db.count_breaches(ledger).breaches == 1
    qtbot.mouseClick(editor.show_twin_button, Qt.LeftButton)
    assert dialogs.asked[-1][0] == "info" and twin.description in dialogs.asked[-1][1]
    qtbot.mouseClick(editor.save_anyway_button, Qt.LeftButton)
    assert db.count_breaches(ledger).breaches == 2
    assert not editor.banner.isVisible()


def test_save_and_new_keeps_date_place_and_source(qtbot, window, lists, ledger):
    editor = _editor_with(window, place="Zitan")
    key(qtbot, Qt.Key_S, Qt.ControlModifier | Qt.ShiftModifier)
    assert db.count_breaches(ledger).breaches == 1
    assert editor.loaded is None and editor.form.place.text() == "Zitan"
    assert [c.source_name for c in editor.form.citations.citations()] == ["Aleppo Media Center"]
    assert editor.form.least["killed"].value() == 0 and not editor.form.victims.victims()


def test_duplicate_breach_copies_the_selected_one(qtbot, window, ledger, make_breach):
    saved = db.save_breach(ledger, make_breach(victims=[db.Victim(name="Omar", age=7)]))
    window.breaches.refresh(select=saved.id)
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_D, Qt.ControlModifier)
    form = window.breaches.editor.form
    assert window.breaches.editor.loaded is None
    assert form.place.text() == "Khan Tuman" and form.least["killed"].value() == 3
    assert form.victims.victims() == []


def test_ctrl_f_goes_to_the_filter_and_the_line_counts_what_it_shows(qtbot, window, ledger,
                                                                     make_breach):
    db.save_breach(ledger, make_breach(place="Khan Tuman", killed=3))
    db.save_breach(ledger, make_breach(place="Zitan", killed=2, women=0, children=0,
                                       occurred_on="2017-01-05"))
    window.breaches.refresh()
    key(qtbot, Qt.Key_F, Qt.ControlModifier)
    assert focused() is window.breaches.filter_bar.text
    type_text(qtbot, "zit")
    qtbot.waitUntil(lambda: window.breaches.model.count.breaches == 1)
    assert window.breaches.summary.text() == "1 breach shown, at least 2 killed"
