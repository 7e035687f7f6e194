"""Every keystroke of the daily work lands where the user meant (issue 8): the date as
typed, Alt keys that close the list they leave, the wheel that scrolls, the focus in
sight, and a breach recorded in a dozen keys."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from gui.drafts import draft_path, orphan_drafts
from gui.messages import problem_text

from test_window_editing import focused, key, type_text


class Keys:
    """Presses keys into the focused widget, as a keyboard does, and counts them: a chord
    such as Ctrl+N is one key; typed text is not counted."""

    def __init__(self, qtbot):
        self.qtbot, self.count = qtbot, 0

    def __call__(self, key_, modifier=Qt.NoModifier, times: int = 1):
        self.count += times
        key(self.qtbot, key_, modifier, times)

    def type(self, text: str):
        type_text(self.qtbot, text)


def stored(ledger_path, column: str = "occurred_on") -> list:
    with sqlite3.connect(ledger_path) as conn:
        return [r[0] for r in conn.execute(
            f"SELECT {column} FROM breach WHERE deleted_at IS NULL ORDER BY created_at")]


def record_quickly(keys: Keys, day: str, governorate: str, place: str, actor: str, kind: str,
                   killed: str, source: str) -> None:
    """Ctrl+N, then each field and Enter to the next, the source and Ctrl+S."""
    keys(Qt.Key_N, Qt.ControlModifier)
    for text in (day, governorate, place, actor, kind, killed):
        keys.type(text)
        keys(Qt.Key_Return)
    keys.type(source)
    keys(Qt.Key_Down)  # the source's name in the list of completions
    keys(Qt.Key_Return)
    keys(Qt.Key_S, Qt.ControlModifier)


def test_a_breach_is_recorded_in_at_most_twelve_keys(qtbot, window, lists, ledger_path):
    keys = Keys(qtbot)
    record_quickly(keys, "4.1.2017", "Idl", "Saraqib", "regime", "Air", "5", "Aleppo Media")
    assert keys.count <= 12, keys.count
    with sqlite3.connect(ledger_path) as conn:
        row = conn.execute(
            "SELECT b.occurred_on, g.name, b.place, a.name, t.name, b.killed, s.name"
            " FROM breach b JOIN gazetteer g ON g.id = b.governorate_id"
            " JOIN actor a ON a.id = b.actor_id JOIN breach_type t ON t.id = b.breach_type_id"
            " JOIN citation c ON c.breach_id = b.id JOIN source s ON s.id = c.source_id"
        ).fetchall()
    assert row == [("2017-01-04", "Idlib", "Saraqib", "Assad regime forces", "Air strike", 5,
                    "Aleppo Media Center")]


@pytest.mark.parametrize("answer", ["R.H.", ""], ids=["initials", "none"])
def test_the_first_save_asks_who_is_typing_once(qtbot, window, lists, ledger_path, dialogs,
                                                 answer):
    """Nobody is named until the user says who: the computer's login name (often a full
    name) is never stored; the first save asks for a name or initials, once."""
    import getpass
    dialogs.user_name = answer
    keys = Keys(qtbot)
    record_quickly(keys, "4.1.2017", "Idl", "Saraqib", "regime", "Air", "5", "Aleppo Media")
    record_quickly(keys, "5.1.2017", "Alep", "Zitan", "regime", "Shel", "1", "Aleppo Media")
    assert dialogs.names_asked == 1
    assert stored(ledger_path, "entered_by") == [answer, answer]
    with sqlite3.connect(ledger_path) as conn:
        users = {row[0] for row in conn.execute(
            "SELECT user FROM change_log WHERE record_table = 'breach'")}
    assert users == {answer} and getpass.getuser() not in users


def test_the_date_typed_after_ctrl_n_is_the_date_saved(qtbot, window, lists, ledger_path,
                                                        make_breach, ledger):
    """Open a breach with Enter, change its date, Ctrl+S, Ctrl+N, type 20170104: it was
    saved as today."""
    db.save_breach(ledger, make_breach(occurred_on="2017-01-02"))
    window.breaches.refresh()
    window.breaches.table.setFocus()
    window.breaches.table.selectRow(0)
    keys = Keys(qtbot)
    keys(Qt.Key_Return)
    assert focused() is window.breaches.editor.form.date.edit
    keys.type("3.1.2017")
    keys(Qt.Key_S, Qt.ControlModifier)
    assert stored(ledger_path) == ["2017-01-03"]
    record_quickly(keys, "20170104", "Alep", "Zitan", "regime", "Shel", "1", "Aleppo Media")
    assert stored(ledger_path) == ["2017-01-03", "2017-01-04"]


def test_the_date_typed_after_adding_a_perpetrator_is_the_date_saved(qtbot, window, lists,
                                                                      ledger_path, dialogs):
    dialogs.yes = True  # "Add it to the list?" Yes
    keys = Keys(qtbot)
    record_quickly(keys, "2.1.2017", "Alep", "Zitan", "Wagner Group", "Shel", "1", "Aleppo Med")
    assert any("Wagner Group" in text for kind, text in dialogs.asked if kind == "yes_no")
    record_quickly(keys, "20170104", "Alep", "Zitan", "regime", "Shel", "1", "Aleppo Media")
    assert stored(ledger_path) == ["2017-01-02", "2017-01-04"]


def test_a_click_into_the_date_then_typing_replaces_it(qtbot, window, lists, ledger_path):
    window.breaches.new_breach()
    field = window.breaches.editor.form.date
    field.set_date(date(2026, 1, 7))
    window.breaches.editor.form.place.setFocus()
    qtbot.mouseClick(field.edit, Qt.LeftButton, pos=QPoint(field.edit.width() - 6, 5))
    qtbot.waitUntil(lambda: field.edit.selectedText() == "2026-01-07")
    type_text(qtbot, "20170104")
    assert field.date() == date(2017, 1, 4)


def test_a_date_typed_as_it_is_shown_is_that_date(qtbot, window, lists):
    """In the yyyy-MM-dd field, 2016-12-29 became 2016-11-12 and 29.12.2016 2912-02-01."""
    window.breaches.new_breach()
    form = window.breaches.editor.form
    for typed in ("2016-12-29", "29.12.2016", "29/12/2016", "29-12-2016", "20161229",
                  "29 Dec 2016", "٢٩/١٢/٢٠١٦", "Thursday 29 December 2016"):
        form.date.setFocus()
        type_text(qtbot, typed)
        assert form.date.date() == date(2016, 12, 29), typed
        assert form.date.words.text() == "Thursday 29 December 2016", typed
        key(qtbot, Qt.Key_Tab)
        assert form.date.text() == "2016-12-29"  # leaving shows what will be stored


def test_a_date_that_names_no_day_is_refused_under_the_field(qtbot, window, lists,
                                                            ledger_path):
    window.breaches.new_breach()
    editor = window.breaches.editor
    for typed, words in (("31.2.2017", "not a day of the calendar"),
                         ("next week", "must be a date"), ("", "Date is required")):
        editor.form.date.setFocus()
        key(qtbot, Qt.Key_A, Qt.ControlModifier)
        type_text(qtbot, typed) if typed else key(qtbot, Qt.Key_Delete)
        assert not editor.save()
        assert words in editor.form.problem_text("occurred_on"), typed
        assert focused() is editor.form.date.edit
    assert stored(ledger_path) == []


def test_in_an_arabic_locale_the_date_reads_western_and_arabic_digits(qtbot, window, lists):
    QLocale.setDefault(QLocale(QLocale.Arabic, QLocale.Syria))
    try:
        key(qtbot, Qt.Key_N, Qt.ControlModifier)
        form = window.breaches.editor.form
        type_text(qtbot, "20170108")
        assert form.date.date() == date(2017, 1, 8)
        key(qtbot, Qt.Key_Tab)
        assert form.date.text() == "2017-01-08"  # Western digits in the field itself
        key(qtbot, Qt.Key_Backtab)
        type_text(qtbot, "٩/١/٢٠١٧")
        assert form.date.date() == date(2017, 1, 9)
        assert "كانون الثاني" in form.date.words.text()
    finally:
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))


def test_ctrl_d_duplicates_the_selected_breach(qtbot, window, ledger, make_breach):
    db.save_breach(ledger, make_breach(place="Zitan"))
    window.breaches.refresh()
    window.breaches.table.setFocus()
    window.breaches.table.selectRow(0)
    key(qtbot, Qt.Key_D, Qt.ControlModifier)
    editor = window.breaches.editor
    assert editor.isVisible() and editor.loaded is None
    assert editor.form.place.text() == "Zitan"


def test_alt_keys_close_the_list_they_leave(qtbot, window, lists):
    """Alt+G, Idl, Alt+P, Saraqib gave governorate "IdlS" and place "araqib"."""
    window.breaches.new_breach()
    form = window.breaches.editor.form
    key(qtbot, Qt.Key_G, Qt.AltModifier)
    type_text(qtbot, "Idl")
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    key(qtbot, Qt.Key_P, Qt.AltModifier)
    type_text(qtbot, "Saraqib")
    assert form.place.text() == "Saraqib"
    assert form.governorate.currentText() in ("Idl", "Idlib — إدلب")
    assert form.breach().governorate_id == db.find_by_name(window.ledger, "governorate",
                                                           "Idlib")


def test_tab_closes_the_list_of_completions(qtbot, window, lists):
    window.breaches.new_breach()
    form = window.breaches.editor.form
    form.actor.setFocus()
    type_text(qtbot, "reg")
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    key(qtbot, Qt.Key_Tab)
    assert QApplication.activePopupWidget() is None
    assert focused() is form.breach_type
    type_text(qtbot, "Air")
    assert form.breach_type.currentText() == "Air strike"


def wheel(widget, steps: int) -> None:
    """Turn the mouse wheel over `widget` (negative: towards the user, scrolling down)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_form_and_changes_no_picker(qtbot, window, lists):
    window.breaches.new_breach()
    editor = window.breaches.editor
    form = editor.form
    form.actor.setCurrentIndex(form.actor.findData(lists["regime"]))
    form.least["killed"].setValue(3)
    form.date.setFocus()
    bar = editor.scroll.verticalScrollBar()
    assert bar.maximum() > 0  # the form is taller than its place
    for widget in (form.actor, form.breach_type, form.status, form.least["killed"]):
        before = form.breach()
        wheel(widget, -3)
        assert form.breach() == before, widget
    assert bar.value() > 0  # the form scrolled instead
    form.least["killed"].setFocus()
    wheel(form.least["killed"], 1)  # with the focus, the wheel is the user's choice
    assert form.least["killed"].value() == 4


def in_sight(editor, widget) -> bool:
    viewport = editor.scroll.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return 0 <= top_left.y() and top_left.y() + widget.height() <= viewport.height()


def test_the_focused_field_is_always_in_sight(qtbot, window, lists):
    window.resize(1366, 700)
    window.breaches.new_breach()
    editor = window.breaches.editor
    form = editor.form
    form.citations.source_edit.setFocus()  # at the bottom of the form
    qtbot.waitUntil(lambda: in_sight(editor, form.citations.source_edit))
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    assert focused() is form.date.edit and in_sight(editor, form.date.edit)
    # A refused save: the first failing field (Governorate) gets the focus, in sight
    # with its message, though the cursor was at the bottom of the form.
    form.date.set_date(date(2017, 1, 2))
    form.citations.source_edit.setFocus()
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert focused() in (form.governorate, form.governorate.lineEdit())
    assert in_sight(editor, form.errors["governorate_id"])
    assert "Governorate is required" in form.errors["governorate_id"].text()
    key(qtbot, Qt.Key_V, Qt.ControlModifier | Qt.ShiftModifier)  # a named victim
    assert form.victims.isAncestorOf(focused()) and in_sight(editor, form.victims.table)
    key(qtbot, Qt.Key_Escape)  # the victim's name cell
    key(qtbot, Qt.Key_K, Qt.AltModifier)  # a label's Alt key
    assert focused() is form.least["killed"] and in_sight(editor, form.least["killed"])


def test_a_draft_put_back_to_the_saved_breach_is_removed(qtbot, window, ledger, make_breach,
                                                         ledger_path):
    saved = db.save_breach(ledger, make_breach(place="Zitan"))
    window.breaches.refresh()
    window.breaches.open_breach(saved.id)
    editor = window.breaches.editor
    editor.form.place.setFocus()
    key(qtbot, Qt.Key_End)
    type_text(qtbot, "x")
    mine = draft_path(ledger_path, editor.draft_owner)
    qtbot.waitUntil(mine.exists, timeout=5000)
    key(qtbot, Qt.Key_Backspace)  # back to what is saved
    qtbot.waitUntil(lambda: not mine.exists(), timeout=5000)
    assert orphan_drafts(ledger_path) == []


def test_a_draft_equal_to_the_saved_breach_is_not_offered_at_start(
        qtbot, ledger, make_breach, ledger_path, dialogs):
    """A copy stopped with its edits put back: its draft holds the saved breach. It was
    offered again at every start."""
    from gui.drafts import write_draft
    from gui.main_window import MainWindow
    saved = db.save_breach(ledger, make_breach(place="Zitan"))
    write_draft(ledger_path, "999999999-gone", db.get_breach(ledger, saved.id), saved.id,
                saved.updated_at)
    assert len(orphan_drafts(ledger_path)) == 1
    window = MainWindow(ledger)
    qtbot.addWidget(window)
    assert dialogs.asked == [] and orphan_drafts(ledger_path) == []
    assert not window.breaches.editor.is_open


def test_messages_under_fields_show_whole_at_the_narrowest_editor(qtbot, window, lists):
    """A message under a narrow picker (Governorate, Perpetrator) was cut off."""
    window.breaches.splitter.setSizes([2000, 10])  # the editor at its narrowest
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    form = window.breaches.editor.form
    type_text(qtbot, "31.2.2017")
    form.least["women"].setValue(13)
    form.most["killed"].setText("1")
    window.breaches.editor.save()  # "Governorate is required."
    key(qtbot, Qt.Key_Return)
    type_text(qtbot, "Atlantis")  # "… must be one of the gazetteer's governorates."
    window.breaches.editor.save()

    def whole(label) -> bool:  # once the layout has settled (later on a loaded machine)
        return label.height() >= label.heightForWidth(label.width())

    shown = [label for label in set(form.errors.values()) if label.isVisible()]
    assert form.errors["governorate_id"] in shown and form.errors["killed"] in shown
    qtbot.waitUntil(lambda: all(whole(label) for label in shown), timeout=3000)
    # The core's messages one after another under the narrow pickers, as saves show them.
    for code in ("unknown_governorate", "not_a_time", "unknown_actor"):
        words = problem_text(code, {})
        form.show_problems({"governorate_id": words, "actor_id": words})
        labels = [form.errors["governorate_id"], form.errors["actor_id"]]
        qtbot.waitUntil(lambda: all(whole(label) for label in labels), timeout=3000)
    assert "not a day of the calendar" in form.date.words.text()
    assert not form.errors["occurred_on"].isVisible()  # said once, beside the date


def test_a_source_name_still_typed_is_asked_about_before_the_save(qtbot, window, lists,
                                                                  ledger_path, dialogs):
    """Ctrl+S with a new name in the Sources box made that source without a word."""
    dialogs.yes = False  # "Make a new source?" No
    keys = Keys(qtbot)
    keys(Qt.Key_N, Qt.ControlModifier)
    for text in ("4.1.2017", "Alep", "Zitan", "regime", "Shel", "1"):
        keys.type(text)
        keys(Qt.Key_Return)
    keys.type("Local act")
    keys(Qt.Key_S, Qt.ControlModifier)
    assert any("Local act" in text for kind, text in dialogs.asked if kind == "yes_no")
    assert stored(ledger_path) == []
    with sqlite3.connect(ledger_path) as conn:
        assert conn.execute("SELECT count(*) FROM source WHERE name = 'Local act'"
                            ).fetchone()[0] == 0


def test_the_truce_and_perpetrator_pickers_show_their_choice_whole(qtbot, window, lists,
                                                                   ledger):
    """On the first layout they were cut short ("By date: Nation…")."""
    db.add_truce(ledger, db.Truce(name="Nationwide ceasefire of December",
                                  start_date="2016-12-29"))
    window.breaches.editor.reload_lists()
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    form = window.breaches.editor.form
    type_text(qtbot, "4.1.2017")
    form.actor.setCurrentIndex(form.actor.findData(lists["regime"]))
    qtbot.wait(20)
    for picker in (form.truce, form.actor):
        text = picker.currentText()
        assert "Nationwide ceasefire of December" in form.truce.currentText()
        room = picker.width() - 40  # less the arrow and the frame
        assert picker.fontMetrics().horizontalAdvance(text) <= room, text


def test_the_wheel_changes_no_picker_of_the_sources_view_or_the_filter(qtbot, window, lists):
    window.tabs.setCurrentWidget(window.sources)
    pickers = [window.sources.kind, window.sources.reliability,
               *window.breaches.filter_bar.findChildren(QComboBox)]
    for picker in pickers:
        picker.setCurrentIndex(1 if picker.count() > 1 else 0)
        before = picker.currentIndex()
        wheel(picker, -2)
        assert picker.currentIndex() == before, picker


def test_a_name_typed_without_xlsx_asks_before_replacing_that_workbook(qapp, tmp_path,
                                                                       monkeypatch):
    """The file dialog asked about "office", not "office.xlsx": an export replaced it."""
    from PySide6.QtWidgets import QFileDialog

    from gui import dialogs
    (tmp_path / "office.xlsx").write_bytes(b"last week's press workbook")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(tmp_path / "office"), "")))
    asked = []
    monkeypatch.setattr(dialogs, "ask_yes_no",
                        lambda parent, title, text, default_yes=True: asked.append(text))
    assert dialogs.export_path(None, str(tmp_path), full=False) is None  # No: kept
    assert "office.xlsx already exists" in asked[0]
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args, **kwargs: True)
    assert dialogs.export_path(None, str(tmp_path), full=False) == tmp_path / "office.xlsx"
    (tmp_path / "office.xlsx").unlink()
    assert dialogs.export_path(None, str(tmp_path), full=False) == tmp_path / "office.xlsx"


def test_alt_d_goes_to_the_date_from_any_field(qtbot, window, lists):
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    form = window.breaches.editor.form
    for field in (form.place, form.description, form.least["killed"],
                  form.citations.source_edit):
        field.setFocus()
        key(qtbot, Qt.Key_D, Qt.AltModifier)
        assert focused() is form.date.edit, field


def test_a_source_typed_with_a_double_space_or_in_part_at_the_save_is_the_known_one(
        qtbot, window, lists, ledger_path, dialogs):
    keys = Keys(qtbot)
    for day, place, source, add in (("4.1.2017", "Zitan", "Aleppo  Media Center", Qt.Key_Return),
                                    ("5.1.2017", "Anadan", "Activ", Qt.Key_Escape)):
        keys(Qt.Key_N, Qt.ControlModifier)
        for text in (day, "Alep", place, "regime", "Shel", "2"):
            keys.type(text)
            keys(Qt.Key_Return)
        keys.type(source)  # a double space; then only a part of one source's name
        keys(add)  # Enter cites it; Escape closes the list and leaves the part typed
        keys(Qt.Key_S, Qt.ControlModifier)
    assert not [text for kind, text in dialogs.asked if "new source" in text.lower()
                or "No source is called" in text]
    with sqlite3.connect(ledger_path) as conn:
        assert conn.execute(
            "SELECT b.place, s.name FROM breach b JOIN citation c ON c.breach_id = b.id"
            " JOIN source s ON s.id = c.source_id ORDER BY b.occurred_on").fetchall() == [
            ("Zitan", "Aleppo Media Center"), ("Anadan", "Activist in Khan Tuman")]
        assert conn.execute("SELECT count(*) FROM source").fetchone()[0] == 2
