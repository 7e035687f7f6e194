"""Dates that keep their order inside Arabic words (2017-01-04 beside Arabic letters reads
04-01-2017 unless it is isolated), and headers shown whole, in Arabic and in English."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

import db
from gui.messages import error_text
from gui.truces_dialog import TrucesDialog
from tests.test_window_arabic_layout import demo, open_a_breach  # noqa: F401 (a fixture)
from tests.test_window_editing import key

FSI, PDI = "\u2068", "\u2069"


def test_the_truces_list_keeps_its_dates_in_order(qtbot, arabic, ledger):
    db.add_truce(ledger, db.Truce(name="هدنة حلب", start_date="2017-01-04",
                                  end_date="2017-02-20"))
    dialog = TrucesDialog(ledger)
    qtbot.addWidget(dialog)
    shown = dialog.list.item(0).text()
    assert f"{FSI}2017-01-04{PDI}" in shown and f"{FSI}2017-02-20{PDI}" in shown
    assert shown.startswith(f"{FSI}هدنة حلب{PDI}: من ")


def test_a_refusal_of_the_truce_form_goes_once_its_dates_are_typed_again(qtbot, english,
                                                                         ledger):
    """An end before the start is refused under the form; typing another end takes the
    refusal away (it said what the form held before), as a save that succeeds would."""
    dialog = TrucesDialog(ledger)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name)
    for typed in ("Idlib truce", "2017-01-09", "2017-01-04"):
        qtbot.keyClicks(QApplication.focusWidget(), typed)
        key(qtbot, Qt.Key_Tab)
    dialog.save_button.setFocus()
    key(qtbot, Qt.Key_Space)
    assert dialog.error.isVisible() and "on or after the start date" in dialog.error.text()
    dialog.end.edit.setFocus()
    key(qtbot, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "2017-02-20")
    assert not dialog.error.isVisible()
    key(qtbot, Qt.Key_Tab)
    key(qtbot, Qt.Key_Tab)
    key(qtbot, Qt.Key_Space)  # saved
    assert [t.end_date for t in db.truces(ledger)] == ["2017-02-20"]


def test_a_truce_named_in_arabic_keeps_its_date_in_order_in_the_pickers(qtbot, arabic, ledger):
    from gui.breach_form import BreachForm
    from gui.settings_dialog import SettingsDialog
    db.add_truce(ledger, db.Truce(name="هدنة حلب", start_date="2017-01-04"))
    settings_dialog = SettingsDialog(ledger)
    qtbot.addWidget(settings_dialog)
    shown = [settings_dialog.truce.itemText(i) for i in range(settings_dialog.truce.count())]
    assert f"{FSI}هدنة حلب{PDI} ({FSI}2017-01-04{PDI})" in shown
    form = BreachForm()
    qtbot.addWidget(form)
    form.set_lists([], [], [], db.truces(ledger), [])
    shown = [form.truce.itemText(i) for i in range(form.truce.count())]
    assert f"{FSI}هدنة حلب{PDI} ({FSI}2017-01-04{PDI})" in shown


def test_a_message_built_with_dates_keeps_them_in_order(arabic):
    said = error_text(db.LedgerError("reversed_range", start="2017-01-09", end="2017-01-04"))
    assert f"{FSI}2017-01-04{PDI}" in said and f"{FSI}2017-01-09{PDI}" in said
    said = error_text(db.LedgerError("not_a_day", value="2017-02-30"))
    assert f"{FSI}2017-02-30{PDI}" in said


def test_an_english_message_has_no_marks(english):
    said = error_text(db.LedgerError("reversed_range", start="2017-01-09", end="2017-01-04"))
    assert said == "The range ends (2017-01-04) before it begins (2017-01-09)."


def cut_headers(view) -> list[str]:
    """The headers of `view` whose text is wider than their section (each line of a
    header that wraps measured alone)."""
    header = view.header() if hasattr(view, "header") else view.horizontalHeader()
    metrics = QFontMetrics(header.font())
    model = view.model()
    cut = []
    for column in range(model.columnCount()):
        text = str(model.headerData(column, Qt.Horizontal))
        if not header.isSectionHidden(column) and max(
                metrics.horizontalAdvance(line) for line in text.split("\n")) \
                > header.sectionSize(column):
            cut.append(text)
    return cut


@pytest.mark.parametrize("language", ["arabic", "english"])
def test_every_header_is_shown_whole(qtbot, request, language, tmp_path, dialogs):
    request.getfixturevalue(language)
    window = request.getfixturevalue("demo")
    window.resize(1366, 700)
    seen = {}
    key(qtbot, Qt.Key_1, Qt.ControlModifier)
    seen["breaches"] = cut_headers(window.breaches.table)
    open_a_breach(qtbot, window)
    editor = window.breaches.editor
    seen["victims"] = cut_headers(editor.form.victims.table)
    seen["citations"] = cut_headers(editor.form.citations.table)
    editor.tabs.setCurrentWidget(editor.history)
    qtbot.waitUntil(editor.history.isVisible)
    seen["history"] = cut_headers(editor.history)
    history = editor.history.header()
    assert history.length() <= editor.history.viewport().width()  # "What" in view
    key(qtbot, Qt.Key_Escape)
    key(qtbot, Qt.Key_2, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.totals.model.weeks))
    seen["totals"] = cut_headers(window.totals.table)
    key(qtbot, Qt.Key_3, Qt.ControlModifier)
    qtbot.waitUntil(window.sources.table.isVisible)
    seen["sources"] = cut_headers(window.sources.table)
    window.tabs.setCurrentWidget(window.trash)
    qtbot.waitUntil(window.trash.table.isVisible)
    seen["trash"] = cut_headers(window.trash.table)
    assert {name: cut for name, cut in seen.items() if cut} == {}


def _red_pixels(label) -> int:
    image = label.grab().toImage()
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if image.pixelColor(x, y).red() > 150 and image.pixelColor(x, y).green() < 80)


def test_a_date_that_names_no_day_is_said_in_red_until_it_names_one(qtbot, qapp):
    """The words under a date field turn red while what is typed names no day, and back
    when it does (the words are styled again only when that changes). The field styles
    its own words: the application has no style sheet (gui/styles.py)."""
    from gui.date_field import DateField
    assert qapp.styleSheet() == ""
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    field.edit.setFocus()  # typed into as a keyboard types into the focused field
    qtbot.keyClicks(field.edit, "2017-02-03")
    assert field.words.text() == "Friday 3 February 2017" and _red_pixels(field.words) == 0
    qtbot.keyClick(field.edit, Qt.Key_Backspace)
    qtbot.keyClicks(field.edit, "0")  # 2017-02-30
    assert "is not a day of the calendar" in field.words.text()
    assert _red_pixels(field.words) > 50
    qtbot.keyClick(field.edit, Qt.Key_Backspace)
    qtbot.keyClick(field.edit, Qt.Key_Backspace)
    qtbot.keyClicks(field.edit, "28")
    assert field.words.text() == "Tuesday 28 February 2017" and _red_pixels(field.words) == 0
