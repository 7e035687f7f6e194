"""The picker of a list entry (a governorate, a perpetrator): typed in English or Arabic,
completed as typed, stored by key."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter

import db


class ChoiceCombo(QComboBox):
    """An editable picker over a list (governorates, actors): completes as you type, in
    English or Arabic. `key()` is the chosen entry's key, the raw text if it matches none,
    or None if empty."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.NoInsert)
        self.completer().setFilterMode(Qt.MatchContains)
        self.completer().setCompletionMode(QCompleter.PopupCompletion)
        self.completer().setCaseSensitivity(Qt.CaseInsensitive)

    def set_choices(self, choices: list[db.Choice]) -> None:
        current = self.key()
        self.clear()
        for choice in choices:
            text = f"{choice.name} — {choice.name_ar}" if choice.name_ar else choice.name
            self.addItem(text, choice.id)
        self.set_key(current)

    def key(self) -> str | None:
        """The entry typed: its whole name (English or Arabic), or a part of one name only
        ("Ale" is Aleppo); the text itself if it names none, or several."""
        text = self.currentText().strip().casefold()
        if not text:
            return None
        partly = []
        for number in range(self.count()):
            item = self.itemText(number)
            names = [part.strip().casefold() for part in item.split(" — ")]
            if text == item.casefold() or text in names:
                return self.itemData(number)
            if any(text in name for name in names):
                partly.append(self.itemData(number))
        return partly[0] if len(partly) == 1 else self.currentText().strip()

    def focusOutEvent(self, event) -> None:
        """Leaving the field shows the entry a part of a name picked."""
        super().focusOutEvent(event)
        key = self.key()
        if key and self.findData(key) >= 0 and self.currentIndex() != self.findData(key):
            self.blockSignals(True)
            self.setCurrentIndex(self.findData(key))
            self.blockSignals(False)

    def set_key(self, key: str | None) -> None:
        number = self.findData(key) if key else -1
        self.setCurrentIndex(number)
        if number < 0:
            self.setEditText("")
