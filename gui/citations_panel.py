"""The sources a breach cites: type a name (completed from known sources, or new),
a reference, and Enter; the table below holds the citations."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

import db

from .i18n import tr
from .record_panel import RecordTablePanel
from .record_table import Column


def source_text(citation: db.Citation) -> str:
    if citation.source_id:
        return citation.source_name
    return tr("{name} (new source)").format(name=citation.source_name)


class CitationsPanel(RecordTablePanel):
    """Edits a list of db.Citation; known sources are matched by name as typed."""

    def __init__(self, parent=None):
        super().__init__([
            Column("source_name", tr("Source"), "fixed", display=source_text),
            Column("reference", tr("Reference")),
            Column("reported_on", tr("Date reported")),
            Column("note", tr("Note")),
        ], (180, 200, 100), tr("Remove source"), parent)
        self._sources: dict[str, str] = {}  # lower-case name -> key
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(tr("Source: type a name"))
        self.source_edit.setAccessibleName(tr("Source"))
        self.reference_edit = QLineEdit()
        self.reference_edit.setPlaceholderText(tr("Reference: link or description"))
        self.reference_edit.setAccessibleName(tr("Reference"))
        self.add_button = QPushButton(tr("Add so&urce"))
        self.table.setMinimumHeight(90)
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
        layout.addWidget(self.error)

        self.add_button.clicked.connect(self.add_typed)
        self.source_edit.returnPressed.connect(self.add_typed)
        self.reference_edit.returnPressed.connect(self.add_typed)
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
