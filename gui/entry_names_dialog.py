"""Asked before a new entry joins a list (a perpetrator typed that the list lacks): add
it, with its name in Arabic and in English. The name typed is put in the field of its
script; the other is optional, typed from the keyboard (Enter adds, Escape does not)."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from db.rules import MAX_SHORT_TEXT

from .i18n import tr

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def is_arabic(text: str) -> bool:
    """Whether `text` is written in Arabic letters (any of them)."""
    return bool(_ARABIC.search(text or ""))


class EntryNamesDialog(QDialog):
    """The question, and the entry's two names: the one typed, and the other language's."""

    def __init__(self, parent: QWidget | None, title: str, question: str, typed: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        typed = " ".join(typed.split())
        self.name_ar, self.name = QLineEdit(), QLineEdit()
        for field in (self.name_ar, self.name):
            field.setMaxLength(MAX_SHORT_TEXT)
        (self.name_ar if is_arabic(typed) else self.name).setText(typed)
        text = QLabel(question)
        text.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Name in &Arabic"), self.name_ar)
        form.addRow(tr("Name in &English"), self.name)
        form.labelForField(self.name_ar).setBuddy(self.name_ar)
        form.labelForField(self.name).setBuddy(self.name)
        hint = QLabel(tr("The other name is optional: the pickers find the entry by "
                         "either name."))
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.add_button = self.buttons.addButton(tr("Add to the list"),
                                                 QDialogButtonBox.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.Cancel)
        self.add_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for field in (self.name_ar, self.name):
            field.textChanged.connect(self._update)
        # The cursor waits in the name still to give.
        (self.name if self.name_ar.text() else self.name_ar).setFocus(Qt.OtherFocusReason)
        self._update()

    def _update(self) -> None:
        self.add_button.setEnabled(bool(self.names()))

    def names(self) -> tuple[str, str] | None:
        """(name, Arabic name) as the list stores them: `name` is the English one, or the
        Arabic one when no English name is given (every entry has a `name`)."""
        arabic, english = (" ".join(f.text().split()) for f in (self.name_ar, self.name))
        if is_arabic(english) and not arabic:  # typed in the other field: it is Arabic
            arabic, english = english, ""
        if not (arabic or english):
            return None
        return english or arabic, arabic


def ask_entry_names(parent: QWidget | None, title: str, question: str,
                    typed: str) -> tuple[str, str] | None:
    """(name, Arabic name) of the new entry, or None if the user does not add it."""
    dialog = EntryNamesDialog(parent, title, question, typed)
    try:
        return dialog.names() if dialog.exec() == QDialog.Accepted else None
    finally:
        dialog.deleteLater()
