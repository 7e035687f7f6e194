"""The window on a file holding a casualty count far out of range (left by an older
version, up to near 2**63): it opens, and says why it gives no sum instead of crashing or
showing a wrong one (issue 9, "And"); and the Weekly totals' rows, total and sentence
come from one reading of the file."""
from __future__ import annotations


import pytest
from PySide6.QtCore import Qt

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.day_sums import keep_day_sums

from tests.conftest import show_window
from test_window_editing import key

OUT_OF_RANGE = [
    (2 ** 62, 2),  # two of them overflow SQLite's sum()
    (2 ** 63 - 1, 1),  # the largest integer SQLite holds
    (1_000_001, 1),  # just past the maximum: a sum of it would be a wrong figure
]


def _breaches_with(ledger, ledger_path, make_breach, value: int, holding: int) -> None:
    """Three breaches of 3 killed each, then `holding` of them given `value` killed by
    another program (as an older version would have stored them)."""
    for place in ("Khan Tuman", "Zitan", "Al-Eis"):
        db.save_breach(ledger, make_breach(place=place))
    conn = sqlite3.connect(ledger_path)
    keep_day_sums(conn)  # the day's totals count the breach as it is now
    with conn:
        conn.execute("UPDATE breach SET killed = ? WHERE place IN (SELECT place FROM breach"
                     " ORDER BY place LIMIT ?)", (value, holding))
    conn.close()


@pytest.mark.parametrize("value, holding", OUT_OF_RANGE, ids=["2^62 twice", "2^63-1", "1000001"])
def test_a_count_out_of_range_opens_and_is_said_instead_of_a_wrong_sum(
        qtbot, ledger, ledger_path, make_breach, dialogs, value, holding):
    _breaches_with(ledger, ledger_path, make_breach, value, holding)
    window = show_window(qtbot, ledger)
    qtbot.waitUntil(window.isActiveWindow)  # the keys go to it
    qtbot.waitUntil(lambda: "Counting" not in window.breaches.summary.text())  # off the UI
    summary = window.breaches.summary.text()  # thread
    assert summary.startswith("Breaches shown: 3. The killed are not added up: ")
    assert "outside 0 to 1,000,000" in summary and "2017-01-02" in summary
    wrong_sum = value * holding + 3 * (3 - holding)
    assert str(wrong_sum) not in summary and f"{wrong_sum:,}" not in summary
    qtbot.waitUntil(lambda: "3 breaches" in window.statusBar().currentMessage())
    # Weekly totals: no figure at all, and the reason.
    key(qtbot, Qt.Key_2, Qt.ControlModifier)
    qtbot.waitUntil(lambda: "outside 0 to 1,000,000" in window.totals.status.text(),
                    timeout=10000)
    assert window.totals.model.rowCount() == 0 and window.totals.sentence.toPlainText() == ""


def test_the_editor_says_a_stored_count_it_cannot_hold_and_does_not_drop_it_silently(
        qtbot, ledger, ledger_path, make_breach, dialogs):
    _breaches_with(ledger, ledger_path, make_breach, 2 ** 62, 1)
    window = show_window(qtbot, ledger)
    qtbot.waitUntil(window.isActiveWindow)  # the keys go to it
    key(qtbot, Qt.Key_1, Qt.ControlModifier)
    row = next(r for r in range(window.breaches.model.rowCount())
               if window.breaches.model.index(r, 5).data() == str(2 ** 62))
    window.breaches.table.selectRow(row)
    key(qtbot, Qt.Key_Return)
    editor = window.breaches.editor
    assert editor.general_error.isVisible()
    assert f"Killed {2 ** 62}" in editor.general_error.text()
    assert "outside 0 to 1,000,000" in editor.general_error.text()
    # Leaving asks first: the form does not hold what the file holds.
    dialogs.unsaved_answer = "cancel"
    key(qtbot, Qt.Key_Escape)
    assert dialogs.asked[-1][0] == "unsaved" and editor.isVisible()


def test_the_sentence_of_a_week_speaks_of_the_breaches_its_row_counts(
        qtbot, window, ledger, lists, make_breach):
    for place in ("Khan Tuman", "Zitan"):
        db.save_breach(ledger, make_breach(place=place))
    key(qtbot, Qt.Key_2, Qt.ControlModifier)
    totals = window.totals
    qtbot.waitUntil(lambda: totals.model.rowCount() > 0, timeout=10000)
    row = totals.table.currentIndex().row()
    assert totals.model.index(row, 3).data() == "2"
    counted = totals.sentence.toPlainText()
    assert "Both breaches took place in Aleppo." in counted
    # Another copy saves three breaches in Rural Damascus that week, after the count.
    for place in ("Douma", "Harasta", "Arbin"):
        db.save_breach(ledger, make_breach(place=place, governorate_id=lists["rif"]))
    totals.table.selectRow(row + 1)  # the total row, then back to the week
    totals.table.selectRow(row)
    assert totals.model.index(row, 3).data() == "2"
    assert totals.sentence.toPlainText() == counted
