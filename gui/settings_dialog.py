"""Settings: the office, who is typing, the default truce, the first day of the week."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit

import db

from . import settings
from .i18n import tr
from .wheel import guard_wheel


class SettingsDialog(QDialog):
    def __init__(self, ledger: db.Ledger, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Settings"))
        self.office = QLineEdit(settings.get(settings.OFFICE_NAME))
        self.office.setPlaceholderText(tr("e.g. Media office, Gaziantep"))
        self.user = QLineEdit(settings.user_name())
        self.truce = QComboBox()
        self.truce.addItem(tr("Picked from each breach's date"), "")
        for truce in db.truces(ledger):
            self.truce.addItem(f"{truce.name} ({truce.start_date})", truce.id)
        self.truce.setCurrentIndex(max(self.truce.findData(settings.get(settings.DEFAULT_TRUCE)),
                                       0))
        self.week_start = QComboBox()
        for value, label in (("monday", tr("Monday")), ("saturday", tr("Saturday")),
                             ("sunday", tr("Sunday"))):
            self.week_start.addItem(label, value)
        self.week_start.setCurrentIndex(max(self.week_start.findData(
            settings.get(settings.WEEK_START)), 0))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        form = QFormLayout(self)
        form.addRow(tr("Office name"), self.office)
        form.addRow(tr("Your name"), self.user)
        form.addRow(tr("Default truce"), self.truce)
        form.addRow(tr("First day of the week"), self.week_start)
        form.addRow(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        guard_wheel(self)

    def accept(self) -> None:
        settings.put(settings.OFFICE_NAME, self.office.text().strip())
        settings.put(settings.USER_NAME, self.user.text().strip())
        settings.put(settings.DEFAULT_TRUCE, self.truce.currentData())
        settings.put(settings.WEEK_START, self.week_start.currentData())
        super().accept()
