"""The window locked: after a set idle time (Settings; 10 minutes unless changed) or on
Ctrl+L, every record is hidden behind a page that asks for the file's passphrase. The
breach being typed is kept in its draft (encrypted with the file) and is back, as it
was, once unlocked. Only an encrypted file locks: a plain one is readable anyway.

While locked, no action of the window works but Quit: its menus, toolbar and shortcuts
are off, and the status bar says nothing of the file's contents.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QToolBar, QVBoxLayout, QWidget)

import db

from . import settings
from .bidi import isolate
from .i18n import tr
from .messages import error_text
from .styles import styled

# What counts as use of the window: the idle time starts again at each.
_USE = frozenset({QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel,
                  QEvent.MouseMove})


class LockPage(QWidget):
    """What a locked window shows: the file's name, a passphrase field and Unlock."""

    def __init__(self, unlock):
        super().__init__()
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.passphrase.returnPressed.connect(unlock)
        self.unlock_button = QPushButton(tr("&Unlock"))
        self.unlock_button.clicked.connect(unlock)
        self.problem = styled(QLabel(), "fieldError")
        self.problem.setWordWrap(True)
        self.problem.hide()
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.unlock_button)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.title)
        column.addLayout(row)
        column.addWidget(self.problem)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)


class Locker(QObject):
    """Locks `window` (a MainWindow) when asked, or after its idle time."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.page: LockPage | None = None
        self.locked = False
        self._enabled: dict = {}  # each action's state before the lock
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self._idle_out)
        self.restart()
        QApplication.instance().installEventFilter(self)

    def restart(self) -> None:
        """Start the idle time again (Settings may have changed it)."""
        minutes = settings.get(settings.LOCK_MINUTES)
        if minutes > 0:
            self.idle.start(minutes * 60_000)
        else:
            self.idle.stop()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in _USE and not self.locked and self.idle.isActive():
            self.idle.start()  # the same interval, from now
        return False

    def _idle_out(self) -> None:
        if QApplication.activeModalWidget() is not None:
            self.idle.start()  # a dialog is open: its edits are not taken from under it
            return
        self.lock()

    def lock(self) -> None:
        window = self.window
        if self.locked or not window.ledger.encrypted:
            return
        editor = window.breaches.existing_editor
        if editor is not None:
            editor.keep_draft()  # the form as it is, encrypted beside the file
        self.locked = True
        self.idle.stop()
        self._enabled = {action: action.isEnabled() for action in window.actions()
                         if action is not window.quit_action}
        for action in self._enabled:
            action.setEnabled(False)
        window.menuBar().setEnabled(False)
        for toolbar in window.findChildren(QToolBar):
            toolbar.setEnabled(False)
        self.page = LockPage(self.unlock)
        self.page.title.setText(tr("{name} is locked: every record is hidden. Type its "
                                   "passphrase to go on.").format(
                                       name=isolate(window.ledger.path.name)))
        self._tabs = window.takeCentralWidget()
        window.setCentralWidget(self.page)
        window.statusBar().clearMessage()
        self.page.passphrase.setFocus()

    def unlock(self) -> None:
        window, page = self.window, self.page
        if not self.locked or page is None:
            return
        typed = page.passphrase.text()
        page.passphrase.clear()
        if not db.cipher.opens(window.ledger.path, typed):
            page.problem.setText(error_text(db.PassphraseError(
                "passphrase_wrong", name=window.ledger.path.name)))
            page.problem.show()
            return
        window.takeCentralWidget()
        window.setCentralWidget(self._tabs)
        page.deleteLater()
        self.page, self.locked = None, False
        for action, enabled in self._enabled.items():
            action.setEnabled(enabled)
        window.menuBar().setEnabled(True)
        for toolbar in window.findChildren(QToolBar):
            toolbar.setEnabled(True)
        window._file_changed()  # the status bar's counts again
        self.restart()
