"""Settings: the office, who is typing, the default truce, the first day of the week, the
window's language and the digits of Arabic text."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog,
                               QDialogButtonBox,
                               QFormLayout, QLabel, QLineEdit, QMessageBox, QSpinBox,
                               QWidget)

import db

from . import settings
from .settings import RESTART
from .bidi import truce_choice
from .i18n import language, tr
from .wheel import guard_wheel

# Each language is named in its own words, whatever the window's language.
LANGUAGE_NAMES = {"ar": "العربية", "en": "English"}


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
            self.truce.addItem(truce_choice(truce), truce.id)
        self.truce.setCurrentIndex(max(self.truce.findData(settings.get(settings.DEFAULT_TRUCE)),
                                       0))
        self.week_start = QComboBox()
        for value, label in (("monday", tr("Monday")), ("saturday", tr("Saturday")),
                             ("sunday", tr("Sunday"))):
            self.week_start.addItem(label, value)
        self.week_start.setCurrentIndex(max(self.week_start.findData(
            settings.get(settings.WEEK_START)), 0))
        self.language = QComboBox()
        for value in settings.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[value], value)
        self.language.addItem(tr("System language ({language})").format(
            language=LANGUAGE_NAMES[settings.window_language("")]), "")
        self.language.setCurrentIndex(self.language.findData(settings.get(settings.LANGUAGE)))
        self.language_note = QLabel(tr(
            "A new language takes effect when Truce Ledger starts again: the windows "
            "already open keep their words."))
        self.language_note.setWordWrap(True)
        self.digits = QComboBox()
        self.digits.addItem(tr("Western (0–9)"), "western")
        self.digits.addItem(tr("Arabic-Indic (٠–٩)"), "arabic")
        self.digits.setCurrentIndex(max(self.digits.findData(
            settings.get(settings.ARABIC_DIGITS)), 0))
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setSuffix(tr(" min"))
        self.lock_minutes.setSpecialValueText(tr("never"))
        self.lock_minutes.setValue(settings.get(settings.LOCK_MINUTES))
        self.breach_ids = QCheckBox(tr("Breach IDs in press files (for corrections)"))
        self.breach_ids.setToolTip(tr(
            "A workbook for the press then keeps each breach's ID and when it was last "
            "changed, so that corrections made in it can be imported back. Off, it carries "
            "nothing of the office's own."))
        self.breach_ids.setChecked(settings.get(settings.BREACH_IDS_IN_PRESS))
        self.press_sheet = QCheckBox(tr("A sheet \"For the press release\" in workbooks"))
        self.press_sheet.setToolTip(tr(
            "The week's sentence in English and Arabic, its figures, and the chart as a "
            "picture: what a journalist pastes into a word processor, whole."))
        self.press_sheet.setChecked(settings.get(settings.PRESS_SHEET))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        form = QFormLayout(self)
        form.addRow(tr("Office name"), self.office)
        form.addRow(tr("Your name"), self.user)
        form.addRow(tr("Default truce"), self.truce)
        form.addRow(tr("First day of the week"), self.week_start)
        form.addRow(tr("Language"), self.language)
        form.addRow("", self.language_note)
        form.addRow(tr("Digits in Arabic text"), self.digits)
        form.addRow(tr("Lock an encrypted file after"), self.lock_minutes)
        form.addRow("", self.breach_ids)
        form.addRow("", self.press_sheet)
        form.addRow(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        guard_wheel(self)

    def accept(self) -> None:
        settings.put(settings.OFFICE_NAME, self.office.text().strip())
        settings.put(settings.USER_NAME, self.user.text().strip())
        settings.put(settings.DEFAULT_TRUCE, self.truce.currentData())
        settings.put(settings.WEEK_START, self.week_start.currentData())
        settings.put(settings.LANGUAGE, self.language.currentData())
        settings.put(settings.ARABIC_DIGITS, self.digits.currentData())
        settings.put(settings.LOCK_MINUTES, self.lock_minutes.value())
        settings.put(settings.BREACH_IDS_IN_PRESS, self.breach_ids.isChecked())
        settings.put(settings.PRESS_SHEET, self.press_sheet.isChecked())
        chosen = settings.window_language(self.language.currentData())
        window = self.parentWidget().window() if self.parentWidget() else None
        super().accept()
        if chosen != language() and window is not None and ask_restart(window):
            # After the Settings box has closed: the window closes as the user would
            # close it, asking first about unsaved edits.
            QTimer.singleShot(0, lambda: restart_after_close(window))


def ask_restart(parent: QWidget) -> bool:
    """Restart now (True) or later? The new language takes effect at the next start."""
    box = QMessageBox(QMessageBox.Question, tr("Language"), tr(
        "The window will be in the new language when Truce Ledger starts again. "
        "Restart now?"), QMessageBox.NoButton, parent)
    now = box.addButton(tr("Restart now"), QMessageBox.AcceptRole)
    box.addButton(tr("Later"), QMessageBox.RejectRole)
    box.setDefaultButton(now)
    box.exec()
    return box.clickedButton() is now


def restart_after_close(window: QWidget) -> bool:
    """Close `window`; once it has closed (the user did not keep it open to save an
    edit), the program starts again when its event loop ends. True if it closed."""
    if not window.close():
        return False
    QApplication.instance().setProperty(RESTART, True)
    return True
