"""A small editable table with a Remove button and a line for its errors: the part the
sources and the victims of the breach editor share."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QTableView, QWidget

from .delegates import LiveDelegate
from .keys import bind
from .record_table import Column, RecordTableModel


class RecordTablePanel(QWidget):
    """Subclasses lay out `table`, `remove_button` and `error` with their own widgets."""

    edited = Signal()

    def __init__(self, columns: list[Column], widths: tuple[int, ...], remove_text: str,
                 parent=None):
        super().__init__(parent)
        self.model = RecordTableModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(LiveDelegate(self.table))
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self.remove_button = QPushButton(remove_text)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.remove_button.clicked.connect(self.remove_current)
        bind(self.table, QKeySequence.Delete, self.remove_current)
        self.model.edited.connect(self.edited)

    def remove_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.remove(index.row())

    def show_problems(self, messages: list[str]) -> None:
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))
