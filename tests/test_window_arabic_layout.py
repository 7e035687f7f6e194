"""What an Arabic reader sees in the window: dates in words with Syria's month names and
digits 0-9, dates and Latin names that keep their order inside an Arabic sentence, headers
and pickers shown whole, and Latin text in a right-to-left table read left to right; with
a window that still fits a 1366 × 700 screen, in Arabic and in English."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox, QStyleOptionViewItem

import db
from db.demo import create_demo
from tests.conftest import show_window
from tests.test_window_editing import focused, key, type_text

FSI, PDI = "\u2068", "\u2069"
EASTERN_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


@pytest.fixture
def demo(qtbot, tmp_path, dialogs):
    """The demo in a window, in the language of the test's fixture (arabic/english)."""
    path = tmp_path / "demo.sqlite3"
    create_demo(path)
    window = show_window(qtbot, db.open_ledger(path, user="Rima", office="Gaziantep"))
    qtbot.waitUntil(window.isActiveWindow)
    return window


def open_a_breach(qtbot, window) -> None:
    """Ctrl+1, Down, Enter: the editor opens on a breach of the list."""
    key(qtbot, Qt.Key_1, Qt.ControlModifier)
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Return)
    qtbot.waitUntil(window.breaches.editor.isVisible)


# 1. Dates in words.
def test_the_day_typed_is_said_with_syrian_month_names_and_western_digits(
        qtbot, arabic, window):
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    type_text(qtbot, "٢٩.١٢.٢٠١٦")  # Arabic-Indic digits, as an Arabic keyboard
    words = window.breaches.editor.form.date.words.text()
    assert words == "الخميس 29 كانون الأول 2016"
    assert "ديسمبر" not in words and not EASTERN_DIGITS.search(words)


def test_a_filter_date_says_its_day_with_syrian_month_names(qtbot, arabic, window):
    bar = window.breaches.filter_bar
    bar.date_from.setFocus()
    qtbot.keyClicks(focused(), "4.1.2017")
    assert bar.date_from.edit.toolTip() == "الأربعاء 4 كانون الثاني 2017"


def test_calendar_weeks_in_the_chart_carry_syrian_month_names(qtbot, arabic, ledger,
                                                              make_breach, dialogs):
    db.save_breach(ledger, make_breach(occurred_on="2017-01-04"))  # no truce: calendar weeks
    window = show_window(qtbot, ledger)
    qtbot.waitUntil(window.isActiveWindow)
    key(qtbot, Qt.Key_2, Qt.ControlModifier)
    totals = window.totals
    qtbot.waitUntil(lambda: bool(totals.model.weeks))
    axis = totals.chart.chart().axes(Qt.Horizontal)[0]
    assert axis.categories() == ["2 كانون الثاني 2017"]


# 2. Values kept whole inside an Arabic sentence.
def test_the_editor_title_keeps_the_date_and_a_latin_place_apart(qtbot, arabic, demo):
    open_a_breach(qtbot, demo)
    editor = demo.breaches.editor
    breach = editor.loaded
    assert re.search("[A-Za-z]", breach.place)  # the demo's places are Latin
    title = editor.title.text()
    assert f"{FSI}{breach.occurred_on}{PDI}" in title
    assert f"{FSI}{breach.place}{PDI}" in title
    assert title.startswith("<b>خرق ")


def test_the_english_title_has_no_marks(qtbot, demo):
    open_a_breach(qtbot, demo)
    editor = demo.breaches.editor
    assert editor.title.text() == (f"<b>Breach of {editor.loaded.occurred_on}, "
                                   f"{editor.loaded.place}</b>")


def test_a_week_picked_by_truce_keeps_the_truce_name_and_its_date_apart(qtbot, arabic, demo):
    key(qtbot, Qt.Key_2, Qt.ControlModifier)
    text = demo.totals.scheme_box.itemText(0)
    assert f"{FSI}Nationwide ceasefire{PDI}" in text and f"({FSI}2016-12-29{PDI})" in text


# 3. Nothing cut.
def header_cut(table) -> list[str]:
    """The headers of `table` narrower than their text needs."""
    header = table.horizontalHeader()
    model = table.model()
    return [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())
            if not header.isSectionHidden(c) and header.sectionSize(c) < header.sectionSizeHint(c)]


def test_weekly_totals_headers_are_shown_whole(qtbot, arabic, demo):
    key(qtbot, Qt.Key_2, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(demo.totals.model.weeks))
    assert header_cut(demo.totals.table) == []


def test_sources_headers_are_shown_whole(qtbot, arabic, demo):
    demo.resize(1366, 700)
    key(qtbot, Qt.Key_3, Qt.ControlModifier)
    qtbot.waitUntil(demo.sources.table.isVisible)
    demo.sources.table.setFocus()
    key(qtbot, Qt.Key_Down)
    assert header_cut(demo.sources.table) == []


def cut_pickers(bar) -> list[str]:
    """The entries of the filter's pickers wider than the room their picker gives them."""
    cut = []
    for combo in (bar.governorate, bar.actor, bar.breach_type, bar.status):
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        room = combo.style().subControlRect(QStyle.CC_ComboBox, option,
                                            QStyle.SC_ComboBoxEditField, combo).width()
        cut += [combo.itemText(i) for i in range(combo.count())
                if combo.fontMetrics().horizontalAdvance(combo.itemText(i)) > room]
    return cut


@pytest.mark.parametrize("language", ["arabic", "english"])
def test_with_the_editor_open_the_window_fits_1366_by_700_and_no_picker_is_cut(
        qtbot, request, language, tmp_path, dialogs):
    request.getfixturevalue(language)
    window = request.getfixturevalue("demo")
    open_a_breach(qtbot, window)
    qtbot.wait(10)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700
    window.resize(1366, 700)
    qtbot.waitUntil(lambda: window.width() == 1366)
    qtbot.wait(20)  # the filter's pickers settle on one line or two
    assert cut_pickers(window.breaches.filter_bar) == []
    assert window.breaches.filter_bar.isVisible()


@pytest.mark.parametrize("language", ["arabic", "english"])
def test_a_window_made_as_narrow_as_it_goes_cuts_no_filter_entry(qtbot, request, language,
                                                                 tmp_path, dialogs):
    """A small laptop's screen (1024 wide), the editor open: the window stops at the width
    its filter's pickers need, each showing its entries whole (a picker filled after it was
    first measured once shrank to seven letters here)."""
    request.getfixturevalue(language)
    window = request.getfixturevalue("demo")
    open_a_breach(qtbot, window)
    window.resize(1024, 700)
    qtbot.wait(20)  # the filter's pickers settle on one line or two
    assert cut_pickers(window.breaches.filter_bar) == []


# 4. Each cell in the direction of its own text.
def ink_span(table, row: int, column: int) -> tuple[int, int, int]:
    """Where the text of a cell is drawn: (first inked x, last inked x, cell width)."""
    rect = table.visualRect(table.model().index(row, column)).adjusted(1, 1, -1, -1)
    image = table.viewport().grab(rect).toImage()
    background = QColor(image.pixel(QPoint(0, image.height() // 2)))
    inked = [x for x in range(image.width()) for y in range(2, image.height() - 2)
             if QColor(image.pixel(x, y)).lightness() < background.lightness() - 80]
    return (min(inked), max(inked), image.width()) if inked else (-1, -1, image.width())


def test_a_latin_description_reads_left_to_right_in_the_arabic_table(qtbot, arabic, ledger,
                                                                     make_breach, dialogs):
    db.save_breach(ledger, make_breach(occurred_on="2017-01-03",
                                       description="Artillery shelling on the village."))
    db.save_breach(ledger, make_breach(occurred_on="2017-01-02", place="خان طومان",
                                       description="قصف مدفعي على القرية."))
    window = show_window(qtbot, ledger)
    qtbot.waitUntil(window.isActiveWindow)
    table = window.breaches.table
    described = table.model().COLUMNS.index("description")
    table.setColumnWidth(described, 400)
    table.scrollTo(table.model().index(0, described))
    qtbot.wait(20)
    first, last, width = ink_span(table, 0, described)  # Latin: from the cell's left
    assert 0 <= first < 12 and last < width - 60
    first, last, width = ink_span(table, 1, described)  # Arabic: from the cell's right
    assert last > width - 12 and first > 60
    delegate = table.itemDelegate()
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, table.model().index(0, described))
    assert option.direction == Qt.LeftToRight  # its full stop at its end
    place = table.model().COLUMNS.index("place")
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, table.model().index(1, place))
    assert option.direction == Qt.RightToLeft


def ink_columns(widget) -> tuple[int, int]:
    """The first and last x where `widget` draws dark ink (its text)."""
    image = widget.grab().toImage()
    inked = [x for x in range(image.width()) for y in range(2, min(image.height(), 30))
             if QColor(image.pixel(x, y)).lightness() < 100]
    return (min(inked), max(inked)) if inked else (-1, -1)


@pytest.mark.parametrize("text, starts_at", [("قصف مدفعي على Zitan.", "right"),
                                             ("Artillery shelling on Zitan.", "left")])
def test_a_description_typed_starts_where_its_own_text_starts(qtbot, arabic, window, text,
                                                               starts_at):
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    box = window.breaches.editor.form.description
    box.setFocus()
    type_text(qtbot, text)
    qtbot.wait(10)
    first, last = ink_columns(box.viewport())
    width = box.viewport().width()
    if starts_at == "right":
        assert last > width - 15 and first > width / 3
    else:
        assert first < 15 and last < width * 2 / 3
