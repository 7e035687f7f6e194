"""The window locked (issue 12): Ctrl+L or an idle time hides every record until the
passphrase is typed; the breach being typed is kept and comes back."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit, QWidget

import db
from tests.conftest import show_window
from tests.test_window_editing import key, type_text

PASSPHRASE = "olive grove at dawn"
PLACE = "Khan Tuman Bakery"


def _shown_texts(window) -> str:
    """Every text a visible widget of the window shows: labels, fields, table cells."""
    texts = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QLineEdit)):
            texts.append(widget.text())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            texts += [str(model.index(row, column).data())
                      for row in range(min(model.rowCount(), 50))
                      for column in range(model.columnCount())]
    return "\n".join(texts + [window.statusBar().currentMessage()])


def _encrypted_window(qtbot, tmp_path, make_place=True):
    path = tmp_path / "office.sqlite3"
    ledger = db.open_ledger(path, user="Rima", passphrase=PASSPHRASE)
    db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
    source = db.save_source(ledger, db.Source(name="Halab Today"))
    db.save_breach(ledger, db.Breach(
        occurred_on="2017-01-02", place=PLACE, killed=2,
        governorate_id=db.find_by_name(ledger, "governorate", "Aleppo"),
        breach_type_id=db.find_by_name(ledger, "breach_type", "Shelling"),
        citations=[db.Citation(source_id=source.id, reported_on="2017-01-02")]))
    return show_window(qtbot, ledger)


def test_ctrl_l_hides_every_record_and_the_passphrase_brings_back_the_form(
        qtbot, tmp_path, dialogs):
    window = _encrypted_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: PLACE in _shown_texts(window))
    qtbot.waitUntil(window.isActiveWindow)  # the keys go to it, not to an earlier window
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    editor = window.breaches.editor
    editor.form.place.setFocus()
    type_text(qtbot, "Zitan Market")
    key(qtbot, Qt.Key_L, Qt.ControlModifier)
    assert window.locker.locked
    qtbot.waitUntil(window.locker.page.isVisible)
    shown = _shown_texts(window)
    assert PLACE not in shown and "Zitan Market" not in shown
    assert "office.sqlite3 is locked" in shown
    assert not window.menuBar().isEnabled() and not window.new_breach_action.isEnabled()
    key(qtbot, Qt.Key_N, Qt.ControlModifier)  # no action while locked
    assert window.locker.locked
    # The form was kept in its draft, encrypted beside the file.
    draft = next(tmp_path.glob("office.sqlite3.draft-*.db")).read_bytes()
    assert b"Zitan Market" not in draft and "Zitan Market".encode("utf-16-le") not in draft
    assert QApplication.focusWidget() is window.locker.page.passphrase
    type_text(qtbot, "olive grove at dusk")
    key(qtbot, Qt.Key_Return)
    assert window.locker.locked
    assert "does not open office.sqlite3" in window.locker.page.problem.text()
    type_text(qtbot, PASSPHRASE)
    key(qtbot, Qt.Key_Return)
    assert not window.locker.locked
    assert editor.form.place.text() == "Zitan Market" and editor.is_dirty()
    assert window.menuBar().isEnabled() and window.new_breach_action.isEnabled()
    qtbot.waitUntil(lambda: PLACE in _shown_texts(window))
    editor.close_form()


def test_the_window_locks_itself_after_its_idle_time(qtbot, tmp_path, dialogs):
    window = _encrypted_window(qtbot, tmp_path)
    window.locker.idle.start(200)  # Settings counts in minutes: here, 0.2 s
    qtbot.waitUntil(lambda: window.locker.locked, timeout=3000)
    assert PLACE not in _shown_texts(window)
    window.grab().save(str(tmp_path / "locked.png"))


def test_a_plain_file_has_nothing_to_lock(qtbot, window):
    assert not window.lock_action.isEnabled()
    key(qtbot, Qt.Key_L, Qt.ControlModifier)
    assert not window.locker.locked
