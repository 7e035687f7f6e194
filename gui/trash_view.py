"""The Trash: deleted breaches, which can be restored. Nothing is ever erased from it:
a tombstone is what lets a delete reach other offices when files are merged. It is read
when first shown, and again when shown after a change (`stale`), keeping its place."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

import db

from . import dialogs
from .breach_model import BreachTableModel
from .breaches_view import make_table, select_breach, selection_start
from .keys import bind
from .messages import error_text
from .undo import delete_command
from .i18n import tr


class TrashView(QWidget):
    restored = Signal(list)  # keys of the breaches brought back

    def __init__(self, ledger: db.Ledger, undo_stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.ledger, self.undo_stack = ledger, undo_stack
        self.model = BreachTableModel(ledger, deleted=True, parent=self, read=False)
        self.stale = True  # not read yet
        self.table = make_table(self.model)
        self.table.setSortingEnabled(False)
        self.summary = QLabel()
        self.restore_button = QPushButton(tr("&Restore"))
        self.restore_button.setToolTip(tr("Bring the selected breaches back (Enter)"))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.restore_button.clicked.connect(self.restore_selected)
        for key in (Qt.Key_Return, Qt.Key_Enter):
            bind(self.table, key, self.restore_selected)
        self.model.counted.connect(self._update_summary)

    def refresh(self) -> None:
        """Read the Trash again, as many rows as were read, the breach selected (or the
        row where it stood: a breach restored) selected, the scroll where it was."""
        where, kept = selection_start(self.table), self.current_id()
        scrolled = self.table.verticalScrollBar().value()
        self.model.refresh(keep=self.model.loaded)
        self.stale = False
        self.table.verticalScrollBar().setValue(scrolled)
        select_breach(self.table, kept, where)

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.breach_id(index.row()) if index.isValid() else None

    def restore_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        keys = [k for k in (self.model.breach_id(r) for r in rows) if k]
        if not keys:
            return
        command = delete_command(self.ledger, keys, self.restored.emit, restoring=True,
                                 failed=lambda reason: dialogs.show_error(
                                     self, tr("This step cannot be undone"), reason))
        try:
            command.do()
        except db.LedgerError as error:
            dialogs.show_error(self, tr("Not restored"), error_text(error))
            return
        self.undo_stack.push(command)

    def _update_summary(self) -> None:
        self.summary.setText(tr("%n deleted breach(es). Restore brings a breach back into "
                                "every list and total.", "", self.model.count.breaches))
