"""The sources a breach cites: type a name (completed from known sources, or new),
a reference, and Enter; the table below holds the citations."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QCompleter, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

import db

from .delegates import LiveDelegate
from .keys import bind
from .record_table import Column, RecordTableModel
from .i18n import tr



def source_text(citation: db.Citation) -> str:
    if citation.source_id:
        return citation.source_name
    return tr("{name} (new source)").format(name=citation.source_name)


class CitationsPanel(QWidget):
    """Edits a list of db.Citation; known sources are matched by name as typed."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._sources: dict[str, str] = {}  # lower-case name -> key
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(tr("Source: type a name"))
        self.source_edit.setAccessibleName(tr("Source"))
        self.reference_edit = QLineEdit()
        self.reference_edit.setPlaceholderText(tr("Reference: link or description"))
        self.reference_edit.setAccessibleName(tr("Reference"))
        self.add_button = QPushButton(tr("Add so&urce"))
        self.remove_button = QPushButton(tr("Remove source"))
        self.model = RecordTableModel([
            Column("source_name", tr("Source"), "fixed", display=source_text),
            Column("reference", tr("Reference")),
            Column("reported_on", tr("Date reported")),
            Column("note", tr("Note")),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(LiveDelegate(self.table))
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(90)
        for column, width in enumerate((180, 200, 100)):
            self.table.setColumnWidth(column, width)
        self.table.setTabKeyNavigation(False)
        self.completer = QCompleter([], self)
        self.completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchContains)
        self.source_edit.setCompleter(self.completer)

        adder = QHBoxLayout()
        adder.setContentsMargins(0, 0, 0, 0)
        adder.addWidget(self.source_edit, 2)
        adder.addWidget(self.reference_edit, 3)
        adder.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(adder)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

        self.add_button.clicked.connect(self.add_typed)
        self.source_edit.returnPressed.connect(self.add_typed)
        self.reference_edit.returnPressed.connect(self.add_typed)
        self.remove_button.clicked.connect(self.remove_current)
        bind(self.table, QKeySequence.Delete, self.remove_current)
        self.model.edited.connect(self.edited)
        self.source_edit.textEdited.connect(lambda _t: self.edited.emit())
        self.reference_edit.textEdited.connect(lambda _t: self.edited.emit())

    def set_sources(self, sources: list[db.Choice]) -> None:
        """The known sources, for completion."""
        self._sources = {s.name.lower(): s.id for s in sources}
        self.completer.model().setStringList([s.name for s in sources])

    def set_citations(self, citations: list[db.Citation]) -> None:
        self.model.set_rows(citations)
        self.source_edit.clear()
        self.reference_edit.clear()

    def citations(self) -> list[db.Citation]:
        """The citations in the table, and the one still typed in the fields, if any."""
        rows = self.model.rows()
        pending = self._typed()
        return rows + [pending] if pending else rows

    def _typed(self) -> db.Citation | None:
        name = self.source_edit.text().strip()
        if not name:
            return None
        key = self._sources.get(name.lower())
        return db.Citation(source_id=key, source_name=name,
                           reference=self.reference_edit.text().strip())

    def add_typed(self) -> None:
        """Move what is typed in the fields into the table, and get ready for the next."""
        citation = self._typed()
        if citation is None:
            return
        self.model.append(citation)
        self.source_edit.clear()
        self.reference_edit.clear()
        self.source_edit.setFocus()

    def remove_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.remove(index.row())

    def show_problems(self, messages: list[str]) -> None:
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))
