"""The Weekly totals view: the week scheme and the filters change the table, the chart
and the press sentence; the sentence is copied; the workbook is exported."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import db
from db.demo import create_demo
from tests.conftest import show_window
from tests.test_totals import PRESS
from tests.test_window_editing import key


@pytest.fixture
def demo_window(qtbot, tmp_path, dialogs):
    path = tmp_path / "demo.sqlite3"
    create_demo(path, size=400)
    return show_window(qtbot, db.open_ledger(path))



def test_the_weeks_chart_and_sentence_follow_the_scheme_and_filters(qtbot, demo_window):
    view = demo_window.totals
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    assert demo_window.tabs.currentWidget() is view
    first = view.model.week(0)
    assert (first.number, first.breaches, first.killed, first.women, first.children) == (
        1, 251, 153, 13, 23)
    breaches, killed = view.chart.values()
    assert breaches[0] == 251 and killed[0] == 153 and len(breaches) == len(view.model.weeks)
    view.table.selectRow(0)
    assert view.sentence.toPlainText() == PRESS
    qtbot.mouseClick(view.copy_button, Qt.LeftButton)
    assert QApplication.clipboard().text() == PRESS

    # Calendar weeks from Saturday.
    with qtbot.waitSignal(view.counted, timeout=10_000):
        view.scheme_box.setCurrentIndex(view.scheme_box.findData("calendar:saturday"))
        view.scheme_box.activated.emit(view.scheme_box.currentIndex())
    assert view.model.week(0).first.isoformat() == "2016-12-24"
    assert view.model.week(0).number is None
    view.table.selectRow(0)
    assert view.sentence.toPlainText().startswith("In the week of 24–30 December 2016")
    assert view.chart.values()[0][0] == view.model.week(0).breaches != 251

    # Only Aleppo.
    bar = view.filter_bar
    with qtbot.waitSignal(view.counted, timeout=10_000):
        bar.governorate.setCurrentIndex(bar.governorate.findText("Aleppo"))
        bar.governorate.activated.emit(bar.governorate.currentIndex())
    total = view.model.total
    with db.open_ledger(demo_window.ledger.path) as ledger:
        aleppo = db.find_by_name(ledger, "governorate", "Aleppo")
        assert total.breaches == db.count_breaches(
            ledger, db.BreachFilter(governorate_id=aleppo)).breaches
    assert view.sentence.toPlainText().endswith("Most breaches took place in Aleppo.") or \
        view.sentence.toPlainText().endswith("The breach took place in Aleppo.")
    assert sum(view.chart.values()[0]) == total.breaches

    # Confirmed only narrows again.
    with qtbot.waitSignal(view.counted, timeout=10_000):
        bar.confirmed_only.setChecked(True)
    assert 0 < view.model.total.breaches < total.breaches


def test_export_through_the_window(qtbot, demo_window, dialogs, tmp_path):
    view = demo_window.totals
    with qtbot.waitSignal(view.counted, timeout=10_000):
        demo_window.tabs.setCurrentWidget(view)
    target = tmp_path / "press.xlsx"
    dialogs.paths = [target]
    demo_window.tabs.setCurrentWidget(demo_window.breaches)
    key(qtbot, Qt.Key_E, Qt.ControlModifier)  # File → Export workbook for press
    assert demo_window.tabs.currentWidget() is view
    book = load_workbook(target)
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Export"].startswith("Public")
    assert book["Weekly totals"]["D2"].value == 251
    assert dialogs.asked[-1][0] == "info" and str(target) in dialogs.asked[-1][1]
    # A full export asks first; "no" writes nothing.
    dialogs.yes = False
    dialogs.paths = [tmp_path / "full.xlsx"]
    qtbot.mouseClick(view.export_full_button, Qt.LeftButton)
    assert not (tmp_path / "full.xlsx").exists()
    dialogs.yes = True
    qtbot.mouseClick(view.export_full_button, Qt.LeftButton)
    full = load_workbook(tmp_path / "full.xlsx")
    assert full["Summary"]["B7"].value.startswith("FULL")
