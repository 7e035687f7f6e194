"""Numbers typed as an Arabic keyboard types them (issue 10): Arabic-Indic ٠-٩ and Persian
۰-۹ digits, the Arabic decimal separator ٫, thousands separator ٬ and comma ، in every
number and date field of the editor; the fields show 0-9, in an English window and in an
Arabic one (the program writes its numbers in Western digits, as most Syrian outlets do)."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db import cell_values

from test_window_editing import focused, key, type_text

LOCALES = {"english": QLocale(QLocale.English, QLocale.UnitedStates),
           "arabic": QLocale(QLocale.Arabic, QLocale.Syria)}


@pytest.fixture(params=list(LOCALES))
def locale(request):
    """The window's locale, set before the window is made, as LANG=ar_SY.UTF-8 sets it."""
    QLocale.setDefault(LOCALES[request.param])
    yield request.param
    QLocale.setDefault(LOCALES["english"])


def tab_to(qtbot, widget, most: int = 40) -> None:
    """Tab, as a user does, until `widget` has the focus."""
    for _ in range(most):
        if focused() is widget or (widget.focusProxy() and focused() is widget.focusProxy()):
            return
        key(qtbot, Qt.Key_Tab)
    raise AssertionError(f"Tab never reached {widget!r}; the focus is on {focused()!r}")


def shown(widget) -> str:
    """The text a field shows (a spin box's is in its line edit)."""
    return widget.lineEdit().text() if hasattr(widget, "lineEdit") else widget.text()


def saved(ledger_path) -> tuple:
    with sqlite3.connect(ledger_path) as conn:
        breach = conn.execute(
            "SELECT occurred_on, occurred_at, latitude, longitude, killed, killed_max, women,"
            " children, injured, injured_max FROM breach").fetchone()
        ages = conn.execute("SELECT name, age, age_group FROM victim").fetchall()
    return breach, ages


def test_every_number_field_takes_arabic_digits_and_shows_western_ones(
        locale, qtbot, window, ledger, ledger_path, make_breach):
    db.save_breach(ledger, make_breach(killed=3, women=1, children=1, injured=4))
    window.breaches.refresh()
    window.breaches.table.setFocus()
    window.breaches.table.selectRow(0)
    key(qtbot, Qt.Key_Return)
    form = window.breaches.editor.form
    assert focused() is form.date.edit
    # The counts of the saved breach, in 0-9 even in an Arabic window.
    assert [shown(form.least[n]) for n in ("killed", "women", "children", "injured")] == \
        ["3", "1", "1", "4"]
    type_text(qtbot, "٤٫١٫٢٠١٧")  # the day, with the Arabic decimal separator between
    assert form.date.date() == date(2017, 1, 4)
    key(qtbot, Qt.Key_Tab)
    assert focused() is form.time
    type_text(qtbot, "١٤:٣٠")
    tab_to(qtbot, form.latitude)
    type_text(qtbot, "٣٦٫٢٠٢١")
    tab_to(qtbot, form.longitude)
    type_text(qtbot, "۳۷،۱۳۴۳")  # Persian digits, the Arabic comma for a decimal mark
    tab_to(qtbot, form.least["killed"])
    type_text(qtbot, "١٥")
    key(qtbot, Qt.Key_Tab)
    assert focused() is form.most["killed"]
    type_text(qtbot, "٢٠")
    tab_to(qtbot, form.least["women"])
    type_text(qtbot, "٣")
    tab_to(qtbot, form.least["children"])
    type_text(qtbot, "۴")
    tab_to(qtbot, form.least["injured"])
    type_text(qtbot, "١٬٢٠٠")  # with the Arabic thousands separator
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "١٥٠٠")
    # What was typed shows in 0-9, while still in the field.
    assert [shown(w) for w in (form.time, form.latitude, form.longitude, form.least["killed"],
                               form.most["killed"], form.least["women"],
                               form.least["children"], form.least["injured"],
                               form.most["injured"])] == [
        "14:30", "36.2021", "37.1343", "15", "20", "3", "4", "1200", "1500"]
    # A named victim, age ٧.
    key(qtbot, Qt.Key_V, Qt.ControlModifier | Qt.ShiftModifier)
    type_text(qtbot, "محمد العلي")
    key(qtbot, Qt.Key_Tab, times=3)  # past the Latin name and sex, to the age
    type_text(qtbot, "٧")
    assert focused().text() == "7"
    key(qtbot, Qt.Key_S, Qt.ControlModifier)

    assert saved(ledger_path) == (
        ("2017-01-04", "14:30", 36.2021, 37.1343, 15, 20, 3, 4, 1200, 1500),
        [("محمد العلي", 7, "child")])
    assert not window.breaches.editor.is_dirty()
    # Shown again after the save, still in 0-9.
    assert [shown(form.least[n]) for n in ("killed", "injured")] == ["15", "1200"]
    assert window.breaches.editor.form.victims.model.data(
        window.breaches.editor.form.victims.model.index(0, 3)) == "7"


def test_a_count_field_refuses_a_key_that_is_no_digit(qtbot, window, lists):
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    form = window.breaches.editor.form
    tab_to(qtbot, form.least["killed"])
    type_text(qtbot, "٢x٫5")  # "x" and the decimal separator are refused: a count is whole
    assert shown(form.least["killed"]) == "25" and form.least["killed"].value() == 25
    key(qtbot, Qt.Key_Tab)
    type_text(qtbot, "٣a٠")
    assert shown(form.most["killed"]) == "30"


@pytest.mark.parametrize("written, read", [
    ("١٥", 15), ("۱۵", 15), ("15", 15), ("١٬٢٠٠", 1200), ("1,200", 1200), ("1،200", 1200),
    ("٣٫٠", 3), ("١٥ ", 15)])
def test_a_count_cell_of_an_import_reads_any_digits(written, read):
    assert cell_values.count(written, "Killed", 0) == read


@pytest.mark.parametrize("written", ["١،٥", "1,5", "١٥x", "²", "-٣", "١٫٥"])
def test_a_count_cell_that_is_no_whole_number_is_refused(written):
    with pytest.raises(ValueError) as refused:
        cell_values.count(written, "Killed", 0)
    assert refused.value.code == "cell_count"  # "Killed … is not a whole number"


@pytest.mark.parametrize("written, read", [
    ("٣٦٫٢", 36.2), ("٣٦،٢", 36.2), ("36,2", 36.2), ("۳۶.۲", 36.2), ("-٣٦٫٢", -36.2),
    ("\u200f٣٦٫٢", 36.2), ("36.2", 36.2)])
def test_a_coordinate_cell_reads_any_digits_and_decimal_mark(written, read):
    assert cell_values.number(written, "Latitude") == pytest.approx(read)


@pytest.mark.parametrize("written, read", [("١٤:٣٠", "14:30"), ("۰۹:۰۵", "09:05"),
                                           ("14:30", "14:30")])
def test_a_time_cell_reads_any_digits(written, read):
    assert cell_values.time_of_day(written) == read


def test_an_xlsx_import_reads_arabic_digits_in_every_number_date_and_time_cell(
        tmp_path, ledger, ledger_path, lists):
    from openpyxl import Workbook

    from db.importer import import_file
    book = Workbook()
    book.active.title = "Breaches"
    book.active.append(["Date", "Time", "Governorate", "Type", "Sources", "Latitude",
                        "Longitude", "Killed", "Killed (up to)", "Women", "Children",
                        "Injured"])
    book.active.append(["٤/١/٢٠١٧", "١٤:٣٠", "حلب", "Shelling", "Aleppo Media Center",
                        "٣٦٫٢", "٣٧٫١", "١٥", "٢٠", "٣", "۴", "١٬٢٠٠"])
    victims = book.create_sheet("Victims")
    book.active.cell(1, 13, "ID")
    book.active.cell(2, 13, "7")
    victims.append(["Breach ID", "Name", "Age"])
    victims.append(["7", "محمد", "٧"])
    book.save(tmp_path / "arabic.xlsx")
    assert import_file(ledger, tmp_path / "arabic.xlsx").new == 1
    with sqlite3.connect(ledger_path) as conn:
        assert conn.execute(
            "SELECT occurred_on, occurred_at, latitude, longitude, killed, killed_max, women,"
            " children, injured FROM breach").fetchall() == [
            ("2017-01-04", "14:30", 36.2, 37.1, 15, 20, 3, 4, 1200)]
        assert conn.execute("SELECT name, age FROM victim").fetchall() == [("محمد", 7)]
