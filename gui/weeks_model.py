"""The table of weekly totals (or of a breakdown): a few hundred rows at most, held whole."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from db.totals import COUNT_NAMES, Counts, Week

from .i18n import tr

# Asked for every cell, by each size hint and paint: looked up once (a short name such as
# Qt.DisplayRole costs PySide6 a search of 10 to 40 µs; Qt.ItemDataRole.DisplayRole, 1 µs).
_DISPLAY, _ALIGNMENT, _FONT, _TOOLTIP = (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ToolTipRole)
_HORIZONTAL = Qt.Orientation.Horizontal
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEADING = int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NOTHING = Qt.ItemFlag.NoItemFlags


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
        if orientation == _HORIZONTAL and role in (_DISPLAY, _TOOLTIP):
            text = ([tr("Week"), tr("From"), tr("To")] + count_headers())[section]
            # "Killed (up to)" on two lines, so that its column is no wider than its figures
            # need: the table's columns are as wide as their headers (nothing cut).
            return text.replace(" (", "\n(") if role == _DISPLAY else text
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        return _SELECTABLE if index.isValid() else _NOTHING

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        is_total = row == len(self.weeks)
        if role == _ALIGNMENT:
            return _RIGHT if column >= 3 or column == 0 else _LEADING
        if role == _FONT and is_total:
            return self._bold
        if role != _DISPLAY:
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
