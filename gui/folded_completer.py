"""A list of completions that finds a name however its Arabic is spelled: "اعزاز" lists
"إعزاز", "مدرسه" lists "مدرسة", "محمد" lists "مُحَمَّد" (db/fold.py), and "aleppo" lists
"Aleppo Media Center". The list shows each name, and puts it in the field, as written.

QCompleter matches the text typed against its model with its own rules (case, start or
contains), which know nothing of Arabic spelling. Here the finding is done before it: the
completer's model is a filter over the names that keeps those whose folded form holds the
folded text typed, and the completer is handed an empty text to match, which keeps all
the filter kept. Everything else is QCompleter's own: the popup, its keys, the name it
hands the field (its completion role, the name as written)."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter

from db.fold import fold


class _FoldedMatches(QSortFilterProxyModel):
    """The names whose folded form holds the folded text typed; all of them before
    anything is typed. The folded forms are made once, when the names are set."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._names = QStringListModel(self)
        self._folded: list[str] = []
        self._typed = ""
        self.setSourceModel(self._names)

    def set_names(self, names: list[str]) -> None:
        self._folded = [fold(name) for name in names]  # before the rows are filtered again
        self._names.setStringList(names)

    def stringList(self) -> list[str]:
        """Every name, matching or not, in their order."""
        return self._names.stringList()

    def set_typed(self, text: str) -> None:
        typed = fold(text)
        if typed == self._typed:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self._typed = typed
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # Qt 6.6 to 6.8, which pyproject.toml allows
            self._typed = typed
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent) -> bool:
        return not self._typed or self._typed in self._folded[row]


class FoldedCompleter(QCompleter):
    """A popup completer over a list of names (sources, places), in the order given,
    that lists every name holding the text typed, spelling folded."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._matches = _FoldedMatches(self)
        self.setModel(self._matches)
        self.setCompletionMode(QCompleter.PopupCompletion)
        self.setCaseSensitivity(Qt.CaseInsensitive)

    def set_names(self, names: list[str]) -> None:
        """The names to complete, in the order the list shows them."""
        self._matches.set_names(list(names))

    def names(self) -> list[str]:
        return self._matches.stringList()

    def add_name(self, name: str) -> None:
        """`name` first in the list, unless the list holds it already."""
        names = self.names()
        if name and name not in names:
            self.set_names([name] + names)

    def splitPath(self, path: str) -> list[str]:
        """Qt asks here, each time the text typed changes, what to match it by: the filter
        finds the names by the text folded, and the completer keeps all it found."""
        self._matches.set_typed(path)
        return [""]
