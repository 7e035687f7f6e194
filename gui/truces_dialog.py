"""Settings → Truces: the ceasefires the office follows. Weeks are counted from a truce's
start date; a breach belongs to the truce in force on its date."""
from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QLineEdit, QListWidget, QPushButton, QVBoxLayout)

import db

from .i18n import tr
from .messages import error_text, problem_texts


class TrucesDialog(QDialog):
    def __init__(self, ledger: db.Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle(tr("Truces"))
        self.list = QListWidget()
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("e.g. Nationwide ceasefire"))
        self.start = self._date_edit()
        self.has_end = QCheckBox(tr("Ended on"))
        self.end = self._date_edit()
        self.end.setEnabled(False)
        self.brokered_by = QLineEdit()
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.add_button = QPushButton(tr("&Add truce"))
        form = QFormLayout()
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("In force from"), self.start)
        form.addRow(self.has_end, self.end)
        form.addRow(tr("Brokered by"), self.brokered_by)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("The truces of this database:")))
        layout.addWidget(self.list)
        layout.addWidget(QLabel(tr("A new truce:")))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.add_button)
        layout.addWidget(buttons)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.add_button.clicked.connect(self.add)
        buttons.rejected.connect(self.reject)
        self.refresh()

    @staticmethod
    def _date_edit() -> QDateEdit:
        edit = QDateEdit(QDate.currentDate())
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def refresh(self) -> None:
        self.list.clear()
        for truce in db.truces(self.ledger):
            end = tr(" to {day}").format(day=truce.end_date) if truce.end_date else ""
            self.list.addItem(tr("{name}: from {start}{end}").format(
                name=truce.name, start=truce.start_date, end=end))

    def add(self) -> bool:
        truce = db.Truce(name=self.name.text(), start_date=self.start.date().toPython(),
                         end_date=self.end.date().toPython() if self.has_end.isChecked()
                         else None, brokered_by=self.brokered_by.text())
        try:
            db.add_truce(self.ledger, truce)
        except db.ValidationError as refused:
            self.error.setText("\n".join(problem_texts(refused).values()))
            self.error.show()
            return False
        except db.LedgerError as error:
            self.error.setText(error_text(error))
            self.error.show()
            return False
        self.error.hide()
        self.name.clear()
        self.brokered_by.clear()
        self.refresh()
        return True
