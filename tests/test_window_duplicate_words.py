"""The duplicate warning in the window's language: a breach typed with the keys that
resembles one saved is held back, and the banner names the breach it resembles in the
words of the window (Arabic governorate and type, "قتيل واحد"), its date whole and in
order, and no word of the other language."""
from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import db
from gui.bidi import FSI, PDI, without_isolates

from test_window_editing import key, type_text
from tests.conftest import show_window


def type_breach(qtbot, day: str, governorate: str, place: str, actor: str, kind: str,
                killed: str) -> None:
    """Ctrl+N, each field and Enter to the next, a source cited, and Ctrl+S."""
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    for text in (day, governorate, place, actor, kind, killed):
        type_text(qtbot, text)
        key(qtbot, Qt.Key_Return)
    type_text(qtbot, "Aleppo Media")
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Return)
    key(qtbot, Qt.Key_S, Qt.ControlModifier)


def opened(qtbot, ledger):
    """The main window on `ledger`, in the language installed, with the keyboard's focus."""
    window = show_window(qtbot, ledger)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window
                    and QApplication.focusWidget() is not None)
    return window


def banner_words(editor) -> str:
    """What the banner shows, as read: its link's text, without the marks of direction."""
    assert editor.banner.isVisible()
    return without_isolates(html.unescape(re.sub("<[^>]+>", "", editor.banner_text.text())))


def saved_twin(ledger, make_breach) -> db.Breach:
    return db.save_breach(ledger, make_breach(place="إعزاز", occurred_on="2017-01-02",
                                              killed=1, women=0, children=0))


def test_the_arabic_window_names_the_breach_it_resembles_in_arabic(
        qtbot, arabic, ledger, dialogs, make_breach):
    twin = saved_twin(ledger, make_breach)
    window = opened(qtbot, ledger)
    type_breach(qtbot, "2.1.2017", "حلب", "اعزاز", "قوات", "قصف", "1")
    editor = window.breaches.editor
    assert db.count_breaches(ledger).breaches == 1  # held back
    shown = banner_words(editor)
    assert shown == ("يبدو أن هذا الخرق مسجَّل من قبل: 2017-01-02، إعزاز، حلب، قصف مدفعي، "
                     "قتيل واحد. لا تحفظه إلا إذا كان حادثة مختلفة.")
    assert not re.search("[A-Za-z]", shown)
    # The date is kept apart from the Arabic words around it: it reads 2017-01-02.
    assert f"{FSI}2017-01-02{PDI}" in editor.banner_text.text()
    assert editor._twin == twin.id
    key(qtbot, Qt.Key_Space)  # Save anyway has the focus
    assert db.count_breaches(ledger).breaches == 2


def test_the_english_window_names_it_in_english(qtbot, english, ledger, dialogs, make_breach):
    saved_twin(ledger, make_breach)
    window = opened(qtbot, ledger)
    type_breach(qtbot, "2.1.2017", "Alep", "اعزاز", "Assad", "Shell", "1")
    shown = banner_words(window.breaches.editor)
    assert shown == ("This looks like a breach already recorded: 2017-01-02, إعزاز, Aleppo, "
                     "Shelling, 1 killed. Save it only if it is a different incident.")
    assert not re.search("[\u0621-\u064a]", shown.replace("إعزاز", ""))  # only the place
    assert db.count_breaches(ledger).breaches == 1


def test_a_twin_without_a_place_and_with_many_killed(qtbot, arabic, ledger, dialogs,
                                                      make_breach):
    db.save_breach(ledger, make_breach(place="", occurred_on="2017-01-02", killed=11,
                                       women=0, children=0,
                                       breach_type_id=db.find_by_name(ledger, "breach_type",
                                                                      "Air strike")))
    window = opened(qtbot, ledger)
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    for text in ("2.1.2017", "حلب"):
        type_text(qtbot, text)
        key(qtbot, Qt.Key_Return)
    key(qtbot, Qt.Key_Return)  # no place
    for text in ("قوات", "غارة", "2"):
        type_text(qtbot, text)
        key(qtbot, Qt.Key_Return)
    type_text(qtbot, "Aleppo Media")
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Return)
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert banner_words(window.breaches.editor) == (
        "يبدو أن هذا الخرق مسجَّل من قبل: 2017-01-02، حلب، غارة جوية، 11 قتيلًا. "
        "لا تحفظه إلا إذا كان حادثة مختلفة.")
