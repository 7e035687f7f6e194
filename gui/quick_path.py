"""Enter through the fields of a quick entry: a breach recorded as fast as a spreadsheet
row. Enter in one of the fields goes to the next; in an open list of completions it
takes the highlighted entry (or, with none highlighted, what is typed) and goes on, in one
key. Tab still goes through every field of the form."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QCompleter,
                               QLineEdit, QWidget)


class QuickPath(QObject):
    """`fields` in the order Enter goes; `completers` (field, its completer) whose lists
    Enter answers for."""

    def __init__(self, parent: QObject, fields: list[QWidget],
                 completers: list[tuple[QWidget, QCompleter]]):
        super().__init__(parent)
        self.fields = fields
        for widget in fields[:-1]:
            widget.installEventFilter(self)
        # Installed after the completer's own filter, so asked first.
        self._popups = {}
        for widget, completer in completers:
            completer.popup().installEventFilter(self)
            self._popups[completer.popup()] = (widget, completer)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter)
                and not event.modifiers() & ~Qt.KeypadModifier):
            return False
        if watched in self._popups:
            widget, completer = self._popups[watched]
            chosen = watched.currentIndex()
            watched.hide()
            if chosen.isValid():
                _take(widget, chosen.data(completer.completionRole()))
            self._next_after(widget)
            return True
        if QApplication.activePopupWidget() is None and watched in self.fields:
            if isinstance(watched, QAbstractSpinBox):
                watched.interpretText()
            self._next_after(watched)
            return True
        return False

    def _next_after(self, widget: QWidget) -> None:
        following = self.fields[self.fields.index(widget) + 1]
        following.setFocus(Qt.TabFocusReason)
        if isinstance(following, QLineEdit):
            following.selectAll()


def _take(widget: QWidget, text: str) -> None:
    """The completion chosen, as if typed whole."""
    if isinstance(widget, QComboBox):
        number = widget.findText(text)
        if number >= 0:
            widget.setCurrentIndex(number)
        else:
            widget.setEditText(text)
    else:
        widget.setText(text)
        widget.textEdited.emit(text)
