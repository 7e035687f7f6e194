"""The filter bar above the breaches table: text, dates, governorate, actor, type, grading."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit,
                               QSizePolicy, QVBoxLayout, QWidget)

import db
from db.records import GRADINGS

from .choice_combo import ListPicker
from .date_field import DateField
from .labels import choice_label
from .i18n import tr
from .wheel import Picker

if TYPE_CHECKING:  # imported when the Weekly totals' bar asks (db/totals.py)
    from db.totals import TotalsFilter


class FilterBar(QWidget):
    """Emits `changed` with a db.BreachFilter; typing waits for a pause before it does.

    The dates are typed in any form the date fields read; an empty one is no bound. The
    bar has no room for words: the day understood is the field's tooltip; a date that
    names no day is marked "not a day" beside it, with why in the tooltip, and the filter
    waits for one that does.

    For the weekly totals (`for_totals`): no text and no grading, but "confirmed only".

    Each picker is as wide as its longest entry, in either language: beside the text and
    the dates while the bar is wide enough for all of them, on a line of their own below
    when it is not (the editor open beside the table), so that no entry is ever cut.
    """

    changed = Signal(object)

    def __init__(self, parent=None, for_totals: bool = False):
        super().__init__(parent)
        self.for_totals = for_totals
        self.text = QLineEdit()
        self.text.setPlaceholderText(tr("Find in place or description (Ctrl+F)"))
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(120)
        self.date_from = self._date_field(tr("From"))
        self.date_to = self._date_field(tr("To"))
        # Keys typed find an entry by either name (حلب or Aleppo).
        self.governorate, self.actor = ListPicker(), ListPicker()
        self.breach_type, self.status = ListPicker(), Picker()  # the wheel: gui/wheel.py
        self.status.addItem(tr("Any grading"), None)
        for grading in GRADINGS:
            self.status.addItem(choice_label(grading), grading)
        self.confirmed_only = QCheckBox(tr("Confirmed only"))
        if for_totals:
            self.text.hide()
            self.status.hide()
        else:
            self.confirmed_only.hide()
        self.first = QWidget()  # the text, the dates and "confirmed only"
        first = QHBoxLayout(self.first)
        first.setContentsMargins(0, 0, 0, 0)
        first.addWidget(self.text, 1)
        first.addWidget(QLabel(tr("From")))
        first.addWidget(self.date_from)
        first.addWidget(QLabel(tr("to")))
        first.addWidget(self.date_to)
        first.addWidget(self.confirmed_only)
        first.addStretch()  # without the text (Weekly totals), the dates stay together
        self.pickers = QWidget()
        pickers = QHBoxLayout(self.pickers)
        pickers.setContentsMargins(0, 0, 0, 0)
        for combo in (self.governorate, self.actor, self.breach_type, self.status):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
            # An entry the office added with a very long name is cut, not the window widened.
            combo.setMaximumWidth(combo.fontMetrics().height() * 18)
            pickers.addWidget(combo, 1)
            combo.activated.connect(self._emit)
        self.top_row, self.second_row = QHBoxLayout(), QHBoxLayout()
        self.top_row.addWidget(self.first, 1)
        self.top_row.addWidget(self.pickers, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.top_row)
        layout.addLayout(self.second_row)
        self.confirmed_only.toggled.connect(self._emit)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(250)
        self._pause.timeout.connect(self._emit)
        self.text.textChanged.connect(lambda _t: self._pause.start())
        for field in (self.date_from, self.date_to):
            field.changed.connect(self._pause.start)
            field.edit.editingFinished.connect(self._date_done)
            field.edit.textChanged.connect(lambda _t, f=field: self._show_date_words(f))

    # One line or two.
    def one_line(self) -> bool:
        """Whether the pickers are beside the text and the dates."""
        return self.top_row.indexOf(self.pickers) >= 0

    def _one_line_width(self) -> int:
        return (self.first.minimumSizeHint().width() + self.top_row.spacing()
                + self.pickers.sizeHint().width())

    def minimumSizeHint(self) -> QSize:
        """As narrow as the wider of the two lines: the pickers go below when needed."""
        hint = super().minimumSizeHint()
        return QSize(max(self.first.minimumSizeHint().width(),
                         self.pickers.minimumSizeHint().width()), hint.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_pickers(event.size().width())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._place_pickers(self.width())

    def _place_pickers(self, width: int) -> None:
        fits = width >= self._one_line_width()
        if fits != self.one_line():
            (self.second_row if fits else self.top_row).removeWidget(self.pickers)
            (self.top_row if fits else self.second_row).addWidget(self.pickers, 1)
            self.updateGeometry()  # one line high, or two

    def _date_field(self, label: str) -> DateField:
        field = DateField(optional=True, label=label)
        # Room for 29.12.2016 or "4 Jan 2017"; the words show only to say what is wrong.
        field.edit.setFixedWidth(field.edit.fontMetrics().horizontalAdvance("00 Jan 00000") + 16)
        field.words.hide()
        field.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Preferred)  # beside its label
        return field

    @staticmethod
    def _show_date_words(field: DateField) -> None:
        problem = field.problem()
        field.edit.setToolTip(problem or field.words.text())
        field.words.setToolTip(problem)
        if problem:
            field.words.setText(tr("not a day"))
        field.words.setVisible(bool(problem))

    def _date_done(self) -> None:
        """Enter, or leaving a date field: the filter now, not after the pause."""
        if self._pause.isActive():
            self._emit()

    def dates_readable(self) -> bool:
        """Whether both date fields are empty or name a day."""
        return not (self.date_from.problem() or self.date_to.problem())

    def set_lists(self, governorates, actors, kinds) -> None:
        # In the window's language; the types in their order (most common first).
        self.governorate.set_choices(governorates, tr("All governorates"))
        self.actor.set_choices(actors, tr("All perpetrators"))
        self.breach_type.set_choices(kinds, tr("All types"), ordered=True)
        self._place_pickers(self.width())  # a longer entry may need the second line

    def current(self) -> db.BreachFilter:
        return db.BreachFilter(
            date_from=self.date_from.date(), date_to=self.date_to.date(),
            governorate_id=self.governorate.currentData(), actor_id=self.actor.currentData(),
            breach_type_id=self.breach_type.currentData(), status=self.status.currentData(),
            text=self.text.text())

    def totals_filter(self) -> TotalsFilter:
        """What the weekly totals count."""
        from db.totals import TotalsFilter
        where = self.current()
        return TotalsFilter(date_from=where.date_from, date_to=where.date_to,
                            governorate_id=where.governorate_id, actor_id=where.actor_id,
                            breach_type_id=where.breach_type_id,
                            confirmed_only=self.confirmed_only.isChecked())

    def _emit(self, *_args) -> None:
        self._pause.stop()
        if not self.dates_readable():
            return  # the field says why; the filter stays as it was
        self.changed.emit(self.totals_filter() if self.for_totals else self.current())
