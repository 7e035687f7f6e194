"""The picker of a list entry (a governorate, a perpetrator, a type of breach): it shows
each entry in the window's language and finds it by either of its names, typed in any
spelling of Arabic ("اعزاز" finds "إعزاز") or in any case; it stores the entry's key.

The list of completions shows the entry in the window's language and, after a dash, its
name in the other language, so that an entry found by its other name shows why it was
found ("حلب — Aleppo" for "Ale" typed in an Arabic window)."""
from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QListView

import db
from db.fold import fold

from .i18n import language
from .roles import DISPLAY
from .wheel import WheelWhenFocused

NAMES_ROLE = Qt.UserRole + 1  # an entry's names, folded, for matching
HINT_ROLE = Qt.UserRole + 2  # what the list of completions shows for it


def shown_name(choice: db.Choice) -> str:
    """The entry's name in the window's language, or its other name if it has none."""
    if language() == "ar":
        return choice.name_ar or choice.name
    return choice.name or choice.name_ar


def other_name(choice: db.Choice) -> str:
    """The entry's name in the other language, when it has one that differs."""
    other = choice.name if language() == "ar" else choice.name_ar
    return other if other and other != shown_name(choice) else ""


def in_shown_order(choices: list[db.Choice]) -> list[db.Choice]:
    """The entries by the name the window shows (alef with or without hamza alike)."""
    return sorted(choices, key=lambda c: (fold(shown_name(c)), shown_name(c)))


class _EitherName(QSortFilterProxyModel):
    """The picker's entries that hold the text typed in either name, folded; each shown
    with its other name beside it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._typed = ""

    def set_typed(self, text: str) -> None:
        self.beginFilterChange()
        self._typed = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:
        if not self._typed:
            return True
        names = self.sourceModel().index(row, 0, parent).data(NAMES_ROLE) or []
        return any(self._typed in name for name in names)

    def data(self, index, role: int = Qt.DisplayRole):
        if role == DISPLAY:
            hint = super().data(index, HINT_ROLE)
            if hint:
                return hint
        return super().data(index, role)


class ChoiceCombo(QComboBox):
    """An editable picker over a list (governorates, actors, types): completes as you type,
    by either name. `key()` is the chosen entry's key, the text itself if it names none,
    or None if empty. `ordered`: the entries in the order given (types, most common
    first), else in the order of the names shown."""

    def __init__(self, parent=None, ordered: bool = False):
        super().__init__(parent)
        self.ordered = ordered
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.NoInsert)
        self._matching = _EitherName(self)
        self._matching.setSourceModel(self.model())
        completer = QCompleter(self._matching, self)
        # The proxy does the finding; the completer shows what it found. Its own prefix
        # match (on the name shown) only highlights the entry that starts so.
        completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        completer.setCompletionRole(Qt.EditRole)  # the name shown, without the hint
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self._matching.set_typed)

    def set_choices(self, choices: list[db.Choice]) -> None:
        current = self.key()
        self.clear()
        for choice in (choices if self.ordered else in_shown_order(choices)):
            shown, other = shown_name(choice), other_name(choice)
            self.addItem(shown, choice.id)
            number = self.count() - 1
            names = [fold(n) for n in (choice.name, choice.name_ar) if n]
            self.setItemData(number, names, NAMES_ROLE)
            self.setItemData(number, f"{shown} — {other}" if other else shown, HINT_ROLE)
        self.set_key(current)

    def key(self) -> str | None:
        """The entry typed: its whole name (English or Arabic, any spelling), or a part of
        one entry's names only ("Ale" is Aleppo); the text itself if it names none, or
        several."""
        text = " ".join(self.currentText().split())
        typed = fold(text)
        if not typed:
            return None
        partly = []
        for number in range(self.count()):
            names = self.itemData(number, NAMES_ROLE) or []
            if typed in names or typed == fold(self.itemData(number, HINT_ROLE) or ""):
                return self.itemData(number)
            if any(typed in name for name in names):
                partly.append(self.itemData(number))
        return partly[0] if len(partly) == 1 else text

    def focusOutEvent(self, event) -> None:
        """Leaving the field shows the entry the text typed picked, by its shown name."""
        super().focusOutEvent(event)
        key = self.key()
        number = self.findData(key) if key else -1
        if number >= 0 and (self.currentIndex() != number
                            or self.currentText() != self.itemText(number)):
            self.blockSignals(True)
            self.setCurrentIndex(number)
            self.setEditText(self.itemText(number))
            self.blockSignals(False)

    def set_key(self, key: str | None) -> None:
        number = self.findData(key) if key else -1
        self.setCurrentIndex(number)
        if number < 0:
            self.setEditText("")
        self._matching.set_typed("")


class _FindingList(QListView):
    """The list of a picker that is not typed into: keys typed find an entry by either
    name, folded, as they would find it by the start of the name shown."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._typed = ""
        self._since = QElapsedTimer()

    def forget_typed(self) -> None:
        self._typed = ""

    def keyboardSearch(self, search: str) -> None:
        if not self._since.isValid() or \
                self._since.elapsed() > QApplication.keyboardInputInterval():
            self._typed = ""
        self._since.start()
        self._typed += search
        row = found_row(self.model(), self._typed)
        if row >= 0:
            self.setCurrentIndex(self.model().index(row, self.modelColumn()))


def found_row(model, typed: str) -> int:
    """The first entry one of whose names starts with `typed` (folded), else the first
    that holds it; -1 if none does."""
    typed = fold(typed)
    if not typed:
        return -1
    holding = -1
    for row in range(model.rowCount()):
        names = model.index(row, 0).data(NAMES_ROLE) or []
        if any(name.startswith(typed) for name in names):
            return row
        if holding < 0 and any(typed in name for name in names):
            holding = row
    return holding


class ListPicker(WheelWhenFocused, QComboBox):
    """A picker over a list that is chosen, not typed (a type of breach, a filter): shows
    the entries in the window's language; keys typed find one by either name."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setView(_FindingList(self))

    def minimumSizeHint(self):
        """A picker that follows its entries (AdjustToContents, the filter's) is never
        narrower than they are: Qt keeps the least width it found while the picker was
        still empty (seven letters), which would let a layout cut every entry."""
        if self.sizeAdjustPolicy() == QComboBox.AdjustToContents:
            return self.sizeHint()
        return super().minimumSizeHint()

    def focusInEvent(self, event) -> None:
        """Coming into the picker starts a new search (the keys typed before were for
        another picker)."""
        self.view().forget_typed()
        super().focusInEvent(event)

    def set_choices(self, choices: list[db.Choice], everything: str | None = None,
                    ordered: bool = False) -> None:
        """The entries (`ordered`: as given, else by the name shown), after an entry
        for no choice called `everything` if given; the chosen one stays chosen."""
        current = self.currentData()
        self.clear()
        if everything is not None:
            self.addItem(everything, None)
        for choice in (choices if ordered else in_shown_order(choices)):
            self.addItem(shown_name(choice), choice.id)
            self.setItemData(self.count() - 1,
                             [fold(n) for n in (choice.name, choice.name_ar) if n], NAMES_ROLE)
        self.setCurrentIndex(max(self.findData(current), 0))
