"""The Sources view: who reports breaches, how often each is cited, and their contact,
which is confidential: hidden until asked for, and never exported to press.

The list is kept clean here: Rename (Alt+R) puts the cursor in the name, and Enter saves
it; Merge into (Alt+M) takes the name of the source that stays, and every citation of the
one shown moves to it; Delete source (Alt+D) removes a source that no breach cites."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout,
                               QWidget)

import db
from db.records import RELIABILITY, SOURCE_KINDS

from . import dialogs
from .breaches_view import make_table
from .bidi import follow_own_direction, isolate
from .labels import choice_label
from .messages import error_text, problem_text, problem_texts
from .folded_completer import FoldedCompleter
from .i18n import tr
from .styles import styled


NAME_WIDTH = 240  # at most: a longer name is cut, not the other columns pushed away


def two_lines(header: str) -> str:
    """A header of three words or more on two lines, broken at the space nearest its
    middle ("Breaches citing it" → "Breaches / citing it"), so that its column is no
    wider than its figures need."""
    words = header.split(" ")
    if len(words) < 3:
        return header
    middle = len(header) / 2
    cut = min(range(1, len(words)), key=lambda n: abs(len(" ".join(words[:n])) - middle))
    return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])


class SourcesView(QWidget):
    changed = Signal()
    # What a rename, merge or delete changed (db.SourceChanges): an open breach citing a
    # merged source, and the editor's completion, need reading again.
    sources_changed = Signal(object)

    def __init__(self, ledger: db.Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self._editing: db.Source | None = None
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels([tr("Name"), tr("Kind"), tr("Reliability"),
                                              two_lines(tr("Breaches citing it")),
                                              tr("Contact")])
        self.table = make_table(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        self._fit_columns()
        self.name, self.kind, self.reliability = QLineEdit(), QComboBox(), QComboBox()
        for kind in SOURCE_KINDS:
            self.kind.addItem(choice_label(kind), kind)
        for grade in RELIABILITY:
            self.reliability.addItem(choice_label(grade), grade)
        self.contact = QLineEdit()
        self.contact.setEchoMode(QLineEdit.Password)
        self.contact.setToolTip(tr("Confidential: kept in this file only, never in a public "
                                   "export."))
        self.show_contact = QPushButton(tr("Show"))
        self.show_contact.setCheckable(True)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        follow_own_direction(self.notes)
        self.error = QLabel()
        styled(self.error, "fieldError")
        self.error.setWordWrap(True)
        self.save_button, self.new_button = QPushButton(tr("Save source")), QPushButton(
            tr("New source"))
        self.rename_button = QPushButton(tr("&Rename"))
        self.delete_button = QPushButton(tr("&Delete source"))
        self.merge_into = QComboBox()
        self.merge_into.setEditable(True)
        self.merge_into.setInsertPolicy(QComboBox.NoInsert)
        # "اعزاز" lists "إعزاز": the names are found with their spelling folded. The
        # completer is the line edit's alone: QComboBox would map the row chosen in the
        # filtered list to a row of its own list, another source.
        self.merge_names = FoldedCompleter(self.merge_into)
        self.merge_into.lineEdit().setCompleter(self.merge_names)
        self.merge_into.lineEdit().setPlaceholderText(tr("the source that stays"))
        self.merge_button = QPushButton(tr("Merge"))
        self.done = QLabel()  # what the last rename, merge or delete did
        self.done.setWordWrap(True)
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Kind"), self.kind)
        form.addRow(tr("Reliability"), self.reliability)
        contact_row = QHBoxLayout()
        contact_row.addWidget(self.contact, 1)
        contact_row.addWidget(self.show_contact)
        form.addRow(tr("Contact (confidential)"), contact_row)
        form.addRow(tr("Notes"), self.notes)
        form.addRow(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        merge_row = QHBoxLayout()
        merge_row.addWidget(self.merge_into, 1)
        merge_row.addWidget(self.merge_button)
        merge_label = QLabel(tr("&Merge into"))
        merge_label.setBuddy(self.merge_into)
        form.addRow(merge_label, merge_row)
        form.addRow(self.done)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(form_widget)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)
        self.show_contact.toggled.connect(lambda on: self.contact.setEchoMode(
            QLineEdit.Normal if on else QLineEdit.Password))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.start_new)
        self.name.returnPressed.connect(self.save)
        self.rename_button.clicked.connect(self.start_rename)
        self.delete_button.clicked.connect(self.delete)
        self.merge_button.clicked.connect(self.merge)
        self.merge_into.lineEdit().returnPressed.connect(self.merge)
        self.stale = True  # counting citations reads them all: only when the view is shown
        self.start_new()

    def refresh(self) -> None:
        self.stale = False
        self.model.removeRows(0, self.model.rowCount())
        for source, cited in db.sources(self.ledger):
            items = [QStandardItem(source.name), QStandardItem(choice_label(source.kind)),
                     QStandardItem(choice_label(source.reliability)), QStandardItem(),
                     QStandardItem(tr("confidential") if source.contact else "")]
            items[3].setData(cited, Qt.DisplayRole)
            items[0].setData(source.id, Qt.UserRole)
            for item in items:
                item.setEditable(False)
            self.model.appendRow(items)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._fit_columns()
        self._fill_merge_choices()
        if self._editing and self._editing.id:  # read again, the row shown stays chosen
            self._select(self._editing.id)

    def _fit_columns(self) -> None:
        """Each column as wide as its header and its values (a few hundred sources at
        most); the name at most NAME_WIDTH; the contact takes what is left."""
        for column in range(self.model.columnCount() - 1):
            self.table.resizeColumnToContents(column)
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), NAME_WIDTH))

    def _row_changed(self, current, _previous) -> None:
        if current.isValid() and self.release(tr("Edit another source?")):
            key = self.model.item(current.row(), 0).data(Qt.UserRole)
            self.edit(db.get_source(self.ledger, key))

    def start_new(self) -> None:
        # No source of the list stays marked beside the blank form of a new one.
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        selection.clear()
        selection.blockSignals(False)
        self.edit(db.Source(name=""))

    def edit(self, source: db.Source) -> None:
        self._editing = source
        self.name.setText(source.name)
        self.kind.setCurrentIndex(max(self.kind.findData(source.kind), 0))
        self.reliability.setCurrentIndex(max(self.reliability.findData(source.reliability), 0))
        self.contact.setText(source.contact)
        self.show_contact.setChecked(False)
        self.notes.setPlainText(source.notes)
        self.error.hide()
        self._fill_merge_choices()
        for button in (self.rename_button, self.delete_button, self.merge_button):
            button.setEnabled(bool(source.id))
        self.merge_into.setEnabled(bool(source.id))

    def save(self) -> bool:
        """Save the form: a new source, a rename (only the name changed), or any edit."""
        if self._editing and self._editing.id and self._only_name_changed():
            return self._rename()
        source = db.Source(name=self.name.text(), kind=self.kind.currentData(),
                           reliability=self.reliability.currentData(), contact=self.contact.text(),
                           notes=self.notes.toPlainText(),
                           id=self._editing.id if self._editing else None)
        try:
            saved = db.save_source(self.ledger, source)
        except db.ValidationError as refused:
            self.error.setText("\n".join(problem_texts(refused).values()))
            self.error.show()
            return False
        except db.LedgerError as error:
            dialogs.show_error(self, tr("The source was not saved"), error_text(error))
            return False
        self.refresh()
        self.edit(saved)
        self._select(saved.id)
        self.changed.emit()
        return True

    def _select(self, key: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).data(Qt.UserRole) == key:
                self.table.selectionModel().blockSignals(True)
                self.table.selectRow(row)
                self.table.selectionModel().blockSignals(False)
                return

    def hideEvent(self, event) -> None:
        self.show_contact.setChecked(False)  # a contact shown is hidden again on leaving
        super().hideEvent(event)

    def release(self, what: str) -> bool:
        """Before the form is left: True if it may be, after saving or discarding edits."""
        if not self.is_dirty():
            return True
        answer = dialogs.ask_unsaved(self, what)
        return self.save() if answer == "save" else answer == "discard"

    def is_dirty(self) -> bool:
        current = self._editing or db.Source(name="")
        return (self.name.text().strip(), self.contact.text().strip(),
                self.notes.toPlainText().strip(), self.kind.currentData(),
                self.reliability.currentData()) != (
            current.name, current.contact, current.notes, current.kind, current.reliability)

    # Keeping the list clean.
    def _only_name_changed(self) -> bool:
        current = self._editing
        return self.name.text().strip() != current.name and (
            self.contact.text().strip(), self.notes.toPlainText().strip(),
            self.kind.currentData(), self.reliability.currentData()) == (
            current.contact, current.notes, current.kind, current.reliability)

    def start_rename(self) -> None:
        """Rename: the cursor in the name, all of it selected; Enter saves the new one."""
        self.name.setFocus(Qt.ShortcutFocusReason)
        self.name.selectAll()

    def _rename(self) -> bool:
        key = self._editing.id
        if self._run(lambda: db.rename_source(self.ledger, key, self.name.text()),
                     tr("The source was not renamed")) is None:
            return False
        self._after(key, tr("Renamed."))
        return True

    def merge(self) -> bool:
        """Merge the source shown into the one named in "Merge into", after asking."""
        merged = self._editing
        if not merged or not merged.id:
            return False
        kept_key = self._key_named(self.merge_into.currentText())
        if kept_key is None or kept_key == merged.id:
            self._problem(tr("Choose the source that stays from the list: one other than "
                             "{name}.").format(name=isolate(merged.name)))
            return False
        kept_name = self._name_of(kept_key)
        cited = self._cited(merged.id)
        if not self.release(tr("Merge the source?")) or not dialogs.ask_yes_no(
                self, tr("Merge sources"),
                tr("Merge \"{merged}\" into \"{kept}\"? %n breach(es) citing \"{merged}\" "
                   "will cite \"{kept}\" instead, and \"{merged}\" leaves the list.", "",
                   cited).format(merged=isolate(merged.name), kept=isolate(kept_name)),
                default_yes=False):
            return False
        changes = self._run(lambda: db.merge_sources(self.ledger, merged.id, kept_key),
                            tr("The sources were not merged"))
        if changes is None:
            return False
        self._after(kept_key, tr("Merged into {kept}: %n breach(es) changed.", "",
                                 len(changes.breaches)).format(kept=isolate(kept_name)), changes)
        return True

    def delete(self) -> bool:
        """Delete the source shown, if no live breach cites it, after asking."""
        source = self._editing
        if not source or not source.id:
            return False
        cited = self._cited(source.id)
        if cited:
            self._problem(problem_text("source_cited", {"count": cited}))
            return False
        if not dialogs.ask_yes_no(self, tr("Delete source"),
                                  tr("Delete the source \"{name}\"? No breach cites it.").format(
                                      name=isolate(source.name)), default_yes=False):
            return False
        changes = self._run(lambda: db.delete_source(self.ledger, source.id),
                            tr("The source was not deleted"))
        if changes is None:
            return False
        self._after(None, tr("Deleted {name}.").format(name=isolate(source.name)), changes)
        return True

    def _run(self, action, title: str) -> db.SourceChanges | None:
        """What one action of the core changed, or None after saying why it failed."""
        try:
            return action()
        except db.ValidationError as refused:
            self._problem("\n".join(problem_texts(refused).values()))
        except db.LedgerError as error:
            dialogs.show_error(self, title, error_text(error))
        return None

    def _after(self, key: str | None, done: str, changes=None) -> None:
        self.refresh()
        if key:
            self.edit(db.get_source(self.ledger, key))
            self._select(key)
        else:
            self.start_new()
        self.merge_into.setEditText("")
        self.done.setText(done)
        self.changed.emit()
        if changes:
            self.sources_changed.emit(changes)

    def _problem(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _rows(self):
        for row in range(self.model.rowCount()):
            yield row, self.model.item(row, 0).data(Qt.UserRole)

    def _key_named(self, name: str) -> str | None:
        wanted = name.strip().casefold()
        for row, key in self._rows():
            if self.model.item(row, 0).text().casefold() == wanted:
                return key
        return None

    def _name_of(self, key: str) -> str:
        return next(self.model.item(r, 0).text() for r, k in self._rows() if k == key)

    def _cited(self, key: str) -> int:
        return next((self.model.item(r, 3).data(Qt.DisplayRole) or 0
                     for r, k in self._rows() if k == key), 0)

    def _fill_merge_choices(self) -> None:
        shown = self._editing.id if self._editing else None
        names = sorted((self.model.item(r, 0).text() for r, k in self._rows() if k != shown),
                       key=str.casefold)
        text = self.merge_into.currentText()
        self.merge_into.blockSignals(True)
        self.merge_into.clear()
        self.merge_into.addItems(names)
        self.merge_names.set_names(names)
        self.merge_into.setEditText(text if text in names else "")
        self.merge_into.blockSignals(False)
