"""The breach editor's wait for another copy of the program: while that copy writes to the
file (an import, a merge), a save waits. A banner says so, with Stop waiting; the breach
stays in the form and in its draft, and is saved as soon as the other copy is done.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton

from .i18n import tr
from .styles import styled
from .bidi import isolate

# How long a write of the window waits for another copy's write (an import, a merge) to
# end before it says so: short, so that the window never freezes for long.
WRITE_WAIT_MS = 1500
# While a save waits, it is tried again this often, each try waiting only a moment: the
# window stays usable however long the other copy writes.
RETRY_EVERY_MS = 1000
RETRY_WAIT_MS = 100


class SaveWaiting:
    """The part of BreachEditor that waits to save (it calls the editor's `save`,
    `keep_draft`, `form`, `ledger` and `general_error`)."""

    def _make_wait_banner(self) -> None:
        """The banner shown while a save waits for another copy of the program to finish
        writing, with a way to stop waiting; and the line that says it saved after all."""
        self.wait_banner = QFrame()
        styled(self.wait_banner, "waitBanner")
        self.wait_text = QLabel()
        self.wait_text.setWordWrap(True)
        self.stop_waiting_button = QPushButton(tr("Stop waiting"))
        self.stop_waiting_button.setToolTip(tr("The breach stays in the form: save it later "
                                               "with Ctrl+S"))
        row = QHBoxLayout(self.wait_banner)
        row.addWidget(self.wait_text, 1)
        row.addWidget(self.stop_waiting_button)
        self.wait_banner.hide()
        self.stop_waiting_button.clicked.connect(self.stop_waiting)
        self.notice = QLabel()
        self.notice.setObjectName("savedNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self._pending: tuple[bool, bool] | None = None  # (and_new, allow_duplicate) waiting
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.setInterval(RETRY_EVERY_MS)
        self._retry_timer.timeout.connect(self._retry)

    # Waiting for another copy of the program.
    @property
    def waiting(self) -> bool:
        """Whether a save waits for another copy of the program to finish writing."""
        return self._pending is not None

    def _wait_to_save(self, and_new: bool, allow_duplicate: bool, again: bool = False) -> None:
        """Another copy holds the file's write lock (an import, a merge): say so, keep the
        breach (in the form, and in a draft beside the database) and try again soon.
        `again`: a retry found the lock still held; the draft is already written (and
        edits made meanwhile reach it through the draft timer)."""
        self._pending = (and_new, allow_duplicate)
        if not again:
            self.keep_draft()
        self.wait_text.setText(tr(
            "Waiting for another copy of Truce Ledger to finish writing to {name} (an import "
            "or a merge)… The breach will be saved as soon as it can.").format(
            name=isolate(self.ledger.path.name)))
        self.wait_banner.show()
        self.general_error.hide()
        self._retry_timer.start()

    def _retry(self) -> None:
        """Try the waiting save again, waiting only a moment for the lock; not while a
        dialog or a list of completions is open, nor while a source is being typed (the
        user is answering, choosing or citing: the save would ask in the middle)."""
        if self._pending is None:
            return
        if QApplication.activeModalWidget() or QApplication.activePopupWidget() \
                or self.form.citations.citing():
            self._retry_timer.start()
            return
        self.ledger.wait_for_writers(RETRY_WAIT_MS)
        try:
            self.save(*self._pending)
        finally:
            self.ledger.wait_for_writers(WRITE_WAIT_MS)

    def stop_waiting(self) -> None:
        """Stop trying to save: the breach stays in the form and in its draft."""
        if not self.waiting:
            return
        self._end_wait()
        self.keep_draft()
        self.general_error.setText(tr(
            "Not saved yet: the breach stays in the form (and in a draft beside the "
            "database). Press Ctrl+S to save it."))
        self.general_error.show()

    def _end_wait(self) -> None:
        self._retry_timer.stop()
        self._pending = None
        self.wait_banner.hide()
