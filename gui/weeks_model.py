"""The table of weekly totals (or of a breakdown): a few hundred rows at most, held whole."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from db.totals import COUNT_NAMES, Counts, Week

from .i18n import tr
from .roles import (ALIGNMENT, DISPLAY, FONT, HORIZONTAL, LEADING, NOTHING, RIGHT, SELECTABLE,
                    TOOLTIP)


def count_headers() -> list[str]:
    return [tr("Breaches"), tr("Killed"), tr("Women"), tr("Children"), tr("Injured"),
            tr("Killed (up to)"), tr("Women (up to)"), tr("Children (up to)"),
            tr("Injured (up to)")]


class WeeksModel(QAbstractTableModel):
    """Weeks, then a total row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.weeks: list[Week] = []
        self.total = Counts()
        self._bold = QFont()  # of the total row
        self._bold.setBold(True)

    def set_weeks(self, weeks: list[Week], total: Counts) -> None:
        self.beginResetModel()
        self.weeks, self.total = weeks, total
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or not self.weeks else len(self.weeks) + 1

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 3 + len(COUNT_NAMES)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == HORIZONTAL and role in (DISPLAY, TOOLTIP):
            text = ([tr("Week"), tr("From"), tr("To")] + count_headers())[section]
            # "Killed (up to)" on two lines, so that its column is no wider than its figures
            # need: the table's columns are as wide as their headers (nothing cut).
            return text.replace(" (", "\n(") if role == DISPLAY else text
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        return SELECTABLE if index.isValid() else NOTHING

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        is_total = row == len(self.weeks)
        if role == ALIGNMENT:
            return RIGHT if column >= 3 or column == 0 else LEADING
        if role == FONT and is_total:
            return self._bold
        if role != DISPLAY:
            return None
        if is_total:
            if column == 0:
                return tr("Total")
            return "" if column < 3 else str(getattr(self.total, COUNT_NAMES[column - 3]))
        week = self.weeks[row]
        if column == 0:  # the number since the truce; a calendar week by its first day
            return str(week.label)
        if column == 1:
            return week.first.isoformat()
        if column == 2:
            return week.last.isoformat()
        return str(getattr(week, COUNT_NAMES[column - 3]))

    def week(self, row: int) -> Week | None:
        return self.weeks[row] if 0 <= row < len(self.weeks) else None
