"""The one date field of the window: the user types a date in any common form (see
db/dates.py: 4.1.2017, 04/01/2017, 2017-01-04, 20170104, 4 Jan 2017, Arabic-Indic digits)
and the field says beside it, in words, the day it understood, or why it understood none.

Focus selects the whole date, so that typing replaces it; leaving the field writes the
day it understood as 2017-01-04, so that what is shown is what is stored.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

import db

from .i18n import date_text, tr
from .styles import styled
from .messages import problem_text


def day_in_words(day: date) -> str:
    """'Wednesday 4 January 2017', in the window's language (in Arabic with Syria's month
    names and digits 0-9: "الأربعاء 4 كانون الثاني 2017")."""
    return date_text(QDate(day.year, day.month, day.day), "dddd d MMMM yyyy")


class DateLineEdit(QLineEdit):
    """A line edit that selects all it holds whenever it takes the focus, by key or click."""

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.selectAll()
        if event.reason() == Qt.MouseFocusReason:
            # Again after the click that gave the focus has placed the cursor.
            QTimer.singleShot(0, self.selectAll)


class DateField(QWidget):
    """A date, typed. `value()` is the date, None when empty, or the text as typed when
    it names no day (the save's rules then say why, under the field)."""

    changed = Signal()

    def __init__(self, optional: bool = False, words_below: bool = False,
                 label: str | None = None, parent=None):
        super().__init__(parent)
        self.optional = optional
        self.label = label or tr("Date")
        self.edit = DateLineEdit()
        self.edit.setPlaceholderText(tr("any date, e.g. 4.1.2017") if not optional
                                     else tr("any day"))
        self.edit.setLayoutDirection(Qt.LeftToRight)  # digits read left to right
        self.edit.setMaxLength(60)
        self.words = QLabel()
        styled(self.words, "dateWords")
        self.words.setWordWrap(True)  # a long reason shows whole
        self.words.setTextFormat(Qt.PlainText)
        layout = QVBoxLayout(self) if words_below else QBoxLayout(QBoxLayout.LeftToRight, self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2 if words_below else 8)
        layout.addWidget(self.edit, 0 if words_below else 2)
        layout.addWidget(self.words, 0 if words_below else 3)
        self.setFocusProxy(self.edit)
        # A label's Alt key gives the focus only to a field that takes it.
        self.setFocusPolicy(self.edit.focusPolicy())
        self.edit.textChanged.connect(self._show_words)
        self.edit.textEdited.connect(lambda _text: self.changed.emit())
        self.edit.editingFinished.connect(self._tidy)
        self._show_words()

    # Reading and writing.
    def value(self) -> date | str | None:
        text = self.edit.text()
        try:
            return db.parse_day(text)
        except db.DateError:
            return text.strip()

    def date(self) -> date | None:
        """The day typed; None when the field is empty or names no day."""
        value = self.value()
        return value if isinstance(value, date) else None

    def problem(self) -> str:
        """Why the text names no day, in words; empty when it names one (or is empty)."""
        try:
            db.parse_day(self.edit.text())
        except db.DateError as error:
            return problem_text(error.code, dict(error.params, label=self.label))
        return ""

    def set_date(self, day: date | None) -> None:
        """Show `day` (None: empty). Not an edit: `changed` is not emitted."""
        self.edit.setText(day.isoformat() if day else "")

    def text(self) -> str:
        return self.edit.text()

    # What the field understood.
    def _show_words(self) -> None:
        try:
            day = db.parse_day(self.edit.text())
        except db.DateError:
            self.words.setText(self.problem())
            problem = True
        else:
            self.words.setText(day_in_words(day) if day else
                               ("" if self.optional else tr("no date yet")))
            problem = False
        # The style sheet colours a problem: the words are styled again only when that
        # changes (styling them at every keystroke, and for every field made, costs).
        if bool(self.words.property("problem")) != problem:
            self.words.setProperty("problem", problem)
            self.words.style().unpolish(self.words)
            self.words.style().polish(self.words)

    def _tidy(self) -> None:
        """Leaving the field: the day understood, written as it is stored."""
        day = self.date()
        if day is not None and self.edit.text() != day.isoformat():
            self.edit.setText(day.isoformat())
