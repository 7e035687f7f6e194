"""The sources a breach cites: type a name (completed from known sources, or new),
a reference, and Enter; the table below holds the citations. The list of completions
finds a source however its Arabic is spelled ("اعزاز" lists "إعزاز").

Completion never makes junk:
- Enter in the list of completions cites the highlighted source. With none highlighted
  it cites the source whose name is typed in full, else the only one the list holds;
  when it holds several, the first is highlighted and a second Enter cites it.
- A click on a completion cites that source.
- Tab takes the highlighted name into the box (or leaves what was typed) and goes on to
  the reference; Escape closes the list and puts back what was typed.
- A name that no source has is cited only after the user says to make a new source.
- The same source is never cited twice; after each citation the fields are empty.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

import db
from db.fold import fold

from . import dialogs
from .folded_completer import FoldedCompleter
from .i18n import tr
from .record_panel import RecordTablePanel
from .record_table import Column

_ENTER = (Qt.Key_Return, Qt.Key_Enter)
_POPUP_KEYS = _ENTER + (Qt.Key_Tab, Qt.Key_Backtab, Qt.Key_Escape)


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
            Column("reported_on", tr("Date reported"), "date"),
            Column("note", tr("Note")),
        ], (180, 200, 100), tr("Remove source"), parent)
        self._sources: dict[str, db.Choice] = {}  # folded name (db.fold) -> source
        self._typed_name = ""  # the name as the user typed it, before any completion showed
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(tr("Source: type a name"))
        self.source_edit.setAccessibleName(tr("Source"))
        self.reference_edit = QLineEdit()
        self.reference_edit.setPlaceholderText(tr("Reference: link or description"))
        self.reference_edit.setAccessibleName(tr("Reference"))
        self.add_button = QPushButton(tr("Add so&urce"))
        self.table.setMinimumHeight(90)
        self.table.setTabKeyNavigation(False)
        # Lists the sources that hold the text typed, Arabic spelling folded ("اعزاز"
        # lists "إعزاز").
        self.completer = FoldedCompleter(self)
        self.source_edit.setCompleter(self.completer)
        # Installed after the completer's own filter, so it sees the popup's keys first.
        self.completer.popup().installEventFilter(self)
        self.source_edit.installEventFilter(self)  # keys that reach the box with the list open

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
        # A click on a completion (keys are handled in eventFilter and never reach this).
        # Queued: after the line edit has shown the name the completer hands it.
        self.completer.activated[str].connect(self._cite_chosen, Qt.QueuedConnection)
        self.source_edit.textEdited.connect(self._remember_typed)
        self.source_edit.textEdited.connect(lambda _t: self.edited.emit())
        self.reference_edit.textEdited.connect(lambda _t: self.edited.emit())

    def set_sources(self, sources: list[db.Choice]) -> None:
        """The known sources, for completion."""
        self._sources = {fold(s.name): s for s in sources}
        self.completer.set_names([s.name for s in sources])

    def set_citations(self, citations: list[db.Citation]) -> None:
        self.model.set_rows(citations)
        self.source_edit.clear()
        self.reference_edit.clear()
        self._typed_name = ""

    def citations(self) -> list[db.Citation]:
        """The citations in the table, and the one still typed in the fields, if any."""
        rows = self.model.rows()
        pending = self._typed()
        return rows + [pending] if pending else rows

    def _typed(self) -> db.Citation | None:
        name = " ".join(self.source_edit.text().split())  # a double space is no new name
        if not name:
            return None
        known = self._sources.get(fold(name))
        return db.Citation(source_id=known.id if known else None,
                           source_name=known.name if known else name,
                           reference=self.reference_edit.text().strip())

    def citing(self) -> bool:
        """Whether a source's name is being typed here now (the focus in this panel, the
        name not yet cited): a save waiting for another copy does not interrupt it."""
        focus = QApplication.focusWidget()
        return self._typed() is not None and focus is not None and self.isAncestorOf(focus)

    def add_typed(self) -> bool:
        """Move what is typed in the fields into the table, and get ready for the next.

        A name that no source has is cited only once the user agrees to a new source;
        a source already cited is refused with a message. True when a citation was added.
        """
        self.completer.popup().hide()
        citation = self._typed()
        if citation is None:
            return False
        if citation.source_id is None and not dialogs.ask_yes_no(
                self, tr("New source"),
                tr("No source is called \"{name}\". Make a new source of that name?").format(
                    name=citation.source_name), default_yes=False):
            self.source_edit.setFocus()
            self.source_edit.selectAll()
            return False
        twin = self._cited_row(citation)
        self.source_edit.clear()
        self._typed_name = ""
        self.source_edit.setFocus()
        if twin is not None:
            self.show_problems([tr("{name} is already cited by this breach (row {n}).").format(
                name=citation.source_name, n=twin + 1)])
            self.table.selectRow(twin)
            return False
        self.model.append(citation)
        self.reference_edit.clear()
        self.show_problems([])
        return True

    def confirm_typed(self) -> bool:
        """Before a save: cite what is still typed in the fields, asking before a new
        source. False when something typed was not cited (the save should wait)."""
        typed = self._typed()
        if typed is not None and typed.source_id is None:
            part = fold(typed.source_name)
            matches = [s.name for key, s in self._sources.items() if part in key]
            if len(matches) == 1:  # as Enter does: the only source the list would hold
                self.source_edit.setText(matches[0])
        return typed is None or self.add_typed()

    def _cited_row(self, citation: db.Citation) -> int | None:
        name = citation.source_name.strip().casefold()
        for row, cited in enumerate(self.model.rows()):
            if (citation.source_id and cited.source_id == citation.source_id) or (
                    cited.source_name.strip().casefold() == name):
                return row
        return None

    def _cite_chosen(self, name: str) -> None:
        self.source_edit.setText(name)
        self.add_typed()

    def _remember_typed(self, text: str) -> None:
        self._typed_name = text

    # The popup's keys, before the completer sees them.
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched not in (self.completer.popup(), self.source_edit)
                or not self.completer.popup().isVisible()):
            return super().eventFilter(watched, event)
        if event.type() == QEvent.ShortcutOverride and event.key() in _POPUP_KEYS:
            event.accept()  # these keys are the list's: Escape must not close the editor
            return True
        if event.type() == QEvent.KeyPress:
            key = event.key()
            if key in _ENTER:
                return self._enter_in_popup()
            if key in (Qt.Key_Tab, Qt.Key_Backtab):
                self._close_popup(keep_highlighted=True)
                QApplication.sendEvent(self.source_edit, QKeyEvent(
                    QEvent.KeyPress, key, event.modifiers()))
                return True
            if key == Qt.Key_Escape:
                self._close_popup(keep_highlighted=False)
                return True
        return super().eventFilter(watched, event)

    def _enter_in_popup(self) -> bool:
        popup, matches = self.completer.popup(), self.completer.completionModel()
        current = popup.currentIndex()
        typed = self._sources.get(fold(self.source_edit.text()))
        if current.isValid():
            name = current.data()
        elif typed is not None:
            name = typed.name
        elif matches.rowCount() == 1:
            name = matches.index(0, 0).data()
        elif matches.rowCount() > 1:
            popup.setCurrentIndex(matches.index(0, 0))  # shown: a second Enter cites it
            return True
        else:
            name = self.source_edit.text()
        popup.hide()
        self._cite_chosen(name)
        return True

    def _close_popup(self, keep_highlighted: bool) -> None:
        """Close the list of completions, leaving in the box a whole name (the highlighted
        one, if kept) or exactly what was typed."""
        popup = self.completer.popup()
        current = popup.currentIndex()
        popup.hide()
        if keep_highlighted and current.isValid():
            self.source_edit.setText(current.data())
        else:
            self.source_edit.setText(self._typed_name)
        self.source_edit.setFocus()
