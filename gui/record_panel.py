"""A small editable table with a Remove button and a line for its errors: the part the
sources and the victims of the breach editor share."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QTableView, QWidget

from .bidi import follow_text, isolate
from .delegates import LiveDelegate
from .i18n import tr
from .styles import styled
from .keys import bind
from .messages import problem_text
from .record_table import Column, RecordTableModel


class DirectedLiveDelegate(LiveDelegate):
    """Each cell shown in the direction of its own text: a Latin source name or
    reference reads left to right in an Arabic table."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        follow_text(option)


class RecordTablePanel(QWidget):
    """Subclasses lay out `table`, `remove_button` and `error` with their own widgets."""

    edited = Signal()

    def __init__(self, columns: list[Column], widths: tuple[int, ...], remove_text: str,
                 parent=None):
        super().__init__(parent)
        self.model = RecordTableModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(DirectedLiveDelegate(self.table))
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self.remove_button = QPushButton(remove_text)
        self.error = QLabel()
        styled(self.error, "fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.remove_button.clicked.connect(self.remove_current)
        bind(self.table, QKeySequence.Delete, self.remove_current)
        self.model.edited.connect(self.edited)
        self.model.refused.connect(self._cell_refused)
        self.model.date_stored.connect(self._cell_accepted)
        self._cell_problem = ""

    def remove_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.remove(index.row())

    def show_problems(self, messages: list[str]) -> None:
        self._cell_problem = ""
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))

    def _cell_refused(self, row: int, column: int, code: str, params: dict) -> None:
        """A cell's text was not stored (a date that names no day): say why, under the table."""
        header = self.model.headerData(column, Qt.Horizontal)
        self.show_problems([tr("Row {n}: {problem}").format(
            n=isolate(row + 1), problem=isolate(problem_text(code, dict(params, label=header))))])
        self._cell_problem = self.error.text()

    def _cell_accepted(self, _row: int, _column: int) -> None:
        if self._cell_problem and self.error.text() == self._cell_problem:
            self.show_problems([])
