"""The Weekly totals view offers the week's sentence in Arabic and in English, whatever the
window's language, each copied by its own button from the keyboard; the Arabic one in the
digits of Settings, with the direction marks that keep its order when pasted."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import db
from db.demo import create_demo
from db.press_ar import plain
from gui import settings
from tests.conftest import show_window
from tests.test_press_arabic import DEMO_AR, DEMO_AR_INDIC
from tests.test_totals import PRESS, save_in_the_first_week
from tests.test_window_editing import focused, key
from tests.test_window_sources import alt
from tests.test_window_totals import demo_window  # noqa: F401 (a fixture)




def _first_week(qtbot, window):
    """Ctrl+2, then Ctrl+Home in the table of weeks: the first week of the truce."""
    view = window.totals
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    assert focused() is view.table and view.table.currentIndex().row() > 0  # the latest week
    key(qtbot, Qt.Key_Home, Qt.ControlModifier)
    assert view.table.currentIndex().row() == 0
    return view


def test_both_sentences_are_shown_and_copied_with_their_alt_keys(qtbot, demo_window):
    view = _first_week(qtbot, demo_window)
    assert plain(view.sentence_ar.toPlainText()) == DEMO_AR
    assert view.sentence.toPlainText() == PRESS
    assert view.sentence_ar.isReadOnly() and view.sentence.isReadOnly()
    assert view.sentence_ar.layoutDirection() == Qt.RightToLeft
    assert view.sentence.layoutDirection() == Qt.LeftToRight

    QApplication.clipboard().setText("")
    alt(qtbot, Qt.Key_A)  # Copy the &Arabic sentence
    copied = QApplication.clipboard().text()
    assert plain(copied) == DEMO_AR
    # With its marks: an RLM after each number and at the end, so that it pastes in order.
    assert "(29\u200f كانون الأول 2016\u200f – 4\u200f كانون الثاني 2017\u200f)، " in copied
    assert copied.endswith(".\u200f")
    alt(qtbot, Qt.Key_C)  # &Copy the English sentence
    assert QApplication.clipboard().text() == PRESS

    # Another week: both boxes follow the row.
    key(qtbot, Qt.Key_Down)
    assert plain(view.sentence_ar.toPlainText()).startswith(
        "في الأسبوع الثاني منذ دخول وقف إطلاق النار حيز التنفيذ في 29 كانون الأول 2016 "
        "(5–11 كانون الثاني 2017)، ")
    assert view.sentence.toPlainText().startswith("In the second week since the ceasefire")
    alt(qtbot, Qt.Key_A)
    assert QApplication.clipboard().text() == view.sentence_ar.toPlainText()


def test_the_arabic_sentence_ends_its_lines_at_the_right_in_an_english_window(qtbot,
                                                                             demo_window):
    """Its last line ends at the box's right edge and starts short of its left one, as an
    Arabic paragraph is set (a plain text box puts every line at the left)."""
    box = _first_week(qtbot, demo_window).sentence_ar
    layout = box.document().lastBlock().layout()
    assert layout.lineCount() > 1  # the sentence wraps in the box
    last = layout.lineAt(layout.lineCount() - 1).naturalTextRect()
    width = box.viewport().width()
    assert last.right() > width - 20 and last.left() > 20


def test_the_arabic_sentence_uses_the_digits_of_settings(qtbot, demo_window):
    settings.put(settings.ARABIC_DIGITS, "arabic")
    view = _first_week(qtbot, demo_window)
    alt(qtbot, Qt.Key_A)
    assert plain(QApplication.clipboard().text()) == DEMO_AR_INDIC
    assert view.sentence.toPlainText() == PRESS  # English keeps 0–9

    # Back to Western digits in Settings: when the window is active again, the sentence
    # follows, on the same week.
    settings.put(settings.ARABIC_DIGITS, "western")
    with qtbot.waitSignal(view.counted, timeout=10_000):
        demo_window.tabs.setCurrentWidget(demo_window.breaches)
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    key(qtbot, Qt.Key_Home, Qt.ControlModifier)
    alt(qtbot, Qt.Key_A)
    assert plain(QApplication.clipboard().text()) == DEMO_AR


def test_an_arabic_window_offers_the_english_sentence_too(qtbot, tmp_path, dialogs, arabic):
    """Offices publish both: the English box stays left to right in an Arabic window."""
    path = tmp_path / "demo.sqlite3"
    create_demo(path)
    window = show_window(qtbot, db.open_ledger(path))
    assert window.isRightToLeft()
    view = window.totals
    qtbot.waitUntil(lambda: focused() is not None)
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    assert view.table.currentIndex().row() == 0  # the latest week with breaches
    assert view.sentence.toPlainText() == PRESS
    assert view.sentence.layoutDirection() == Qt.LeftToRight
    assert view.sentence_ar.layoutDirection() == Qt.RightToLeft
    assert plain(view.sentence_ar.toPlainText()) == DEMO_AR
    QApplication.clipboard().setText("")
    view.copy_ar_button.animateClick()  # its Alt key is the Arabic translator's letter
    qtbot.waitUntil(lambda: QApplication.clipboard().text() != "")
    assert plain(QApplication.clipboard().text()) == DEMO_AR


def test_a_week_another_copy_changed_after_the_count_is_counted_again_when_selected(
        qtbot, demo_window):
    """Only the sentences of the week shown first come with the counts; another week's are
    read when it is selected. If another copy saved in that week meanwhile, the row and
    the sentence are counted again, the week staying selected: the sentence never speaks
    of other breaches than its row counts."""
    view = demo_window.totals
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    assert view.table.currentIndex().row() > 1 and view.model.week(0).breaches == 251
    with db.open_ledger(demo_window.ledger.path) as other:
        save_in_the_first_week(other)
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_Home, Qt.ControlModifier)
    assert view.table.currentIndex().row() == 0 and view.model.week(0).breaches == 252
    assert view.model.index(0, 3).data() == "252"
    assert "no fewer than 252 breaches were recorded" in view.sentence.toPlainText()
    assert "سُجّل ما لا يقل عن 252 خرقًا" in plain(view.sentence_ar.toPlainText())
    # A week the save left alone: its sentences read at once, nothing counted again.
    key(qtbot, Qt.Key_Down)
    assert view.sentence.toPlainText().startswith("In the second week since the ceasefire")
    assert view.status.text() != "Counting…"
