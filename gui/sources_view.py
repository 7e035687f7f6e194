"""The Sources view: who reports breaches, how often each is cited, and their contact,
which is confidential: hidden until asked for, and never exported to press."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget)

import db
from db.records import RELIABILITY, SOURCE_KINDS

from . import dialogs
from .breaches_view import make_table
from .labels import choice_label
from .messages import error_text, problem_texts
from .i18n import tr


class SourcesView(QWidget):
    changed = Signal()

    def __init__(self, ledger: db.Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self._editing: db.Source | None = None
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels([tr("Name"), tr("Kind"), tr("Reliability"),
                                              tr("Breaches citing it"), tr("Contact")])
        self.table = make_table(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        for column, width in enumerate((240, 130, 90, 130)):
            self.table.setColumnWidth(column, width)
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
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.save_button, self.new_button = QPushButton(tr("Save source")), QPushButton(
            tr("New source"))
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
        buttons.addStretch(1)
        form.addRow(buttons)
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

    def _row_changed(self, current, _previous) -> None:
        if current.isValid() and self.release(tr("Edit another source?")):
            key = self.model.item(current.row(), 0).data(Qt.UserRole)
            self.edit(db.get_source(self.ledger, key))

    def start_new(self) -> None:
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

    def save(self) -> bool:
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
