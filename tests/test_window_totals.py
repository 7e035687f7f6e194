"""The Weekly totals view: the week scheme and the filters change the table, the chart
and the press sentence; the sentence is copied; the workbook is exported."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import db
from db.demo import create_demo
from tests.conftest import ROOT, show_window
from tests.test_totals import PRESS
from tests.test_window_editing import focused, key, type_text


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
    assert view.sentence.toPlainText().endswith((
        "All breaches took place in Aleppo.", "Both breaches took place in Aleppo.",
        "The breach took place in Aleppo."))
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
    # With a password: Excel's encryption, which opens with it alone.
    import io

    import msoffcrypto
    dialogs.paths, dialogs.workbook_password = [tmp_path / "locked.xlsx"], "cedar hill at noon"
    qtbot.mouseClick(view.export_full_button, Qt.LeftButton)
    assert "Protected with a password." in dialogs.asked[-1][1]
    with open(tmp_path / "locked.xlsx", "rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password="cedar hill at noon")
        plain = io.BytesIO()
        office.decrypt(plain)
    assert load_workbook(plain)["Summary"]["B7"].value.startswith("FULL")


def test_the_workbook_gives_the_sentence_of_the_week_selected(qtbot, demo_window, dialogs,
                                                              tmp_path):
    """With week 1 selected (its sentence shown), Export writes week 1's sentence in the
    Summary, not the last week's; with no week chosen it names the week it speaks of."""
    view = demo_window.totals
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    last = view.table.currentIndex().row()
    assert last > 0 and view.model.week(last).breaches != 251  # the latest week is shown
    # The user clicks into the weeks and goes to the first with the keyboard.
    qtbot.mouseClick(view.table.viewport(), Qt.LeftButton,
                     pos=view.table.visualRect(view.model.index(last, 1)).center())
    assert focused() is view.table
    key(qtbot, Qt.Key_Home, Qt.ControlModifier)
    assert view.table.currentIndex().row() == 0
    assert view.sentence.toPlainText() == PRESS
    target = tmp_path / "week-one.xlsx"
    dialogs.paths = [target]
    qtbot.mouseClick(view.export_button, Qt.LeftButton)
    summary = {row[0]: row[1] for row in load_workbook(target)["Summary"].iter_rows(
        values_only=True) if row[0]}
    assert summary["Press sentence"] == PRESS and "251" in summary["Press sentence"]
    assert summary["Week of the press sentence"] == (
        "Week 1: 29 December 2016 – 4 January 2017")
    # The command line chooses no week: the latest with breaches, said to be so.
    done = subprocess.run([sys.executable, "main.py", "export", "--db",
                           str(demo_window.ledger.path), "--out", str(tmp_path / "cli.xlsx")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    summary = {row[0]: row[1] for row in load_workbook(tmp_path / "cli.xlsx")["Summary"]
               .iter_rows(values_only=True) if row[0]}
    assert summary["Week of the press sentence"].endswith("(the latest week with breaches)")
    assert summary["Press sentence"] != PRESS


# Words and names.
def test_one_week_is_one_week_and_calendar_weeks_show_their_first_day(qtbot, window, ledger,
                                                                       make_breach):
    db.save_breach(ledger, make_breach(occurred_on="2017-01-04", killed=1, women=0,
                                       children=0))
    window.breaches.refresh()
    view = window.totals
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    assert view.status.text().startswith("1 week, 1 breach, at least 1 killed")
    assert view.model.index(0, 0).data() == "2017-01-02"  # Monday, the week's first day
    assert view.model.index(1, 0).data() == "Total"
    db.save_breach(ledger, make_breach(occurred_on="2017-01-10", place="Another"))
    with qtbot.waitSignal(view.counted, timeout=10_000):
        view.recount()
    assert view.status.text().startswith("2 weeks, 2 breaches")
    assert [view.model.index(r, 0).data() for r in range(2)] == ["2017-01-02", "2017-01-09"]


def test_the_week_column_numbers_the_weeks_since_a_truce(qtbot, demo_window):
    view = demo_window.totals
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    assert [view.model.index(r, 0).data() for r in range(2)] == ["1", "2"]



def test_every_cell_of_the_weeks_fits_its_column(qtbot, window, ledger, make_breach):
    """The columns are measured on a few rows only (a long truce has hundreds of weeks):
    none of the others is cut, the total's sums and the last week's number included."""
    db.add_truce(ledger, db.Truce("Truce", "2016-12-29"))
    for week in range(12):
        db.save_breach(ledger, make_breach(
            occurred_on=(date(2016, 12, 29) + timedelta(days=7 * week)).isoformat(),
            killed=900_000, women=0, children=0, injured=900_000 + week))
    window.totals.refresh_lists()
    view = window.totals
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    model, table = view.model, view.table
    assert model.rowCount() == 13 and model.index(12, 3 + 1).data() == "10800000"
    for column in range(model.columnCount()):
        needed = max(table.sizeHintForIndex(model.index(row, column)).width()
                     for row in range(model.rowCount()))
        assert table.columnWidth(column) >= needed, model.headerData(column, Qt.Horizontal)
        assert table.columnWidth(column) >= table.horizontalHeader().sectionSizeHint(column)


@pytest.mark.parametrize("office, expected", [
    ("Media office: Aleppo/Idlib", "Media office_ Aleppo_Idlib-2016-12-29-{last}.xlsx"),
    ("", "demo-2016-12-29-{last}.xlsx"),  # no office set: the database file's name
])
def test_export_proposes_office_and_period(qtbot, demo_window, monkeypatch, office, expected):
    from gui import dialogs as module
    from gui import settings
    settings.put(settings.OFFICE_NAME, office)
    proposed = []
    monkeypatch.setattr(module, "export_path",
                        lambda parent, path, full: proposed.append(path) or None)
    view = demo_window.totals
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    last = view.model.weeks[-1].last.isoformat()
    qtbot.mouseClick(view.export_button, Qt.LeftButton)
    assert proposed == [str(demo_window.ledger.path.parent / expected.format(last=last))]
    # The period follows the filter's dates, even before they are counted.
    bar = view.filter_bar
    bar.date_to.setFocus()
    type_text(qtbot, "4.1.2017")
    qtbot.mouseClick(view.export_button, Qt.LeftButton)
    assert proposed[-1].endswith("-2016-12-29-2017-01-04.xlsx")


@pytest.mark.parametrize("office, first, last, name", [
    ("Gaziantep", date(2016, 12, 29), date(2017, 1, 4), "Gaziantep-2016-12-29-2017-01-04.xlsx"),
    ("مكتب حلب\u200f", None, None, "مكتب حلب.xlsx"),
    ('a<b>c:d"e/f\\g|h?i*', None, None, "a_b_c_d_e_f_g_h_i_.xlsx"),
    (" .. ", None, None, "truce-ledger.xlsx"),
])
def test_the_proposed_file_name_is_one_a_file_can_have(office, first, last, name):
    from gui.dialogs import export_file_name
    assert export_file_name(office, first, last) == name


# The date range of the filter bars, typed.
def test_the_totals_date_range_is_typed_in_any_form(qtbot, demo_window):
    view = demo_window.totals
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    bar = view.filter_bar
    bar.date_from.setFocus()
    type_text(qtbot, "29.12.2016")
    key(qtbot, Qt.Key_Tab)
    assert focused() is bar.date_to.edit
    with qtbot.waitSignal(view.counted, timeout=10_000):
        type_text(qtbot, "4.1.2017")
        key(qtbot, Qt.Key_Return)
    assert bar.date_from.text() == "2016-12-29"
    assert len(view.model.weeks) == 1 and view.model.total.breaches == 251
    # Emptied: no bound again.
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_A, Qt.ControlModifier)
        key(qtbot, Qt.Key_Delete)
        key(qtbot, Qt.Key_Return)
    assert len(view.model.weeks) > 1


def test_a_filter_date_that_names_no_day_says_why_and_filters_nothing(qtbot, window, ledger,
                                                                       make_breach):
    db.save_breach(ledger, make_breach(occurred_on="2017-01-04"))
    db.save_breach(ledger, make_breach(occurred_on="2016-12-30", place="Earlier"))
    view = window.breaches
    view.refresh()
    bar = view.filter_bar
    bar.date_from.setFocus()
    with qtbot.waitSignal(bar.changed, timeout=5_000) as changed:
        type_text(qtbot, "1.1.2017")
        key(qtbot, Qt.Key_Tab)
    assert changed.args[0].date_from.isoformat() == "2017-01-01"
    qtbot.waitUntil(lambda: view.model.count.breaches == 1)  # counted off the UI thread
    assert "Sunday 1 January 2017" in bar.date_from.edit.toolTip()
    bar.date_from.setFocus()
    with qtbot.assertNotEmitted(bar.changed, wait=400):
        type_text(qtbot, "31.2.2017")
        key(qtbot, Qt.Key_Return)
    assert bar.date_from.words.isVisible() and bar.date_from.words.text() == "not a day"
    assert "31.2.2017 is not a day of the calendar" in bar.date_from.edit.toolTip()
    assert view.model.count.breaches == 1  # the filter as it was


def test_the_window_fits_a_laptop_screen_with_the_editor_open(qtbot, window):
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    assert window.breaches.editor.isVisible()
    window.resize(1366, 740)
    qtbot.wait(50)
    assert window.minimumSizeHint().width() <= 1366
    assert window.width() <= 1366
    bar = window.breaches.filter_bar
    assert bar.date_from.edit.width() >= bar.date_from.edit.fontMetrics().horizontalAdvance(
        "29.12.2016")


def test_a_start_removes_what_a_killed_export_left_where_workbooks_were_written(
        qtbot, demo_window, monkeypatch, tmp_path):
    """A workbook is exported into a folder of the user's choosing; an export killed there
    later leaves its sheets (plain text) in a hidden working folder. The next start of the
    window (its opening of a ledger) removes it; another computer's, and a running
    export's, are left alone."""
    from gui import dialogs as module
    from db.paths import host

    out = tmp_path / "press"
    out.mkdir()
    monkeypatch.setattr(module, "export_path", lambda parent, path, full: out / "week.xlsx")
    view = demo_window.totals
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    qtbot.mouseClick(view.export_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: (out / "week.xlsx").exists(), timeout=20_000)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = {name: out / name for name in (
        f".week.xlsx.{dead.pid}@{host()}.k1.parts",  # killed here: removed
        f".week.xlsx.{os.getpid()}@{host()}.k2.parts",  # still running: kept
        f".week.xlsx.{dead.pid}@elsewhere.k3.parts")}  # another computer's: kept
    for folder in left.values():
        folder.mkdir()
        (folder / "sheet1.xml").write_text("<confidential/>")
    db.open_ledger(demo_window.ledger.path).close()  # what every start does first
    assert not left[f".week.xlsx.{dead.pid}@{host()}.k1.parts"].exists()
    assert left[f".week.xlsx.{os.getpid()}@{host()}.k2.parts"].exists()
    assert left[f".week.xlsx.{dead.pid}@elsewhere.k3.parts"].exists()
    assert (out / "week.xlsx").exists()
