"""The breaches table: pages rows from the database as the view asks for them.

Sorting and filtering are done in SQL (by `db.list_breaches`), never over rows in
memory, so that a file of 100,000 breaches opens and scrolls without a pause.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

import db
from db.breaches import count_shown
from .i18n import language, tr
from .labels import choice_label

PAGE_SIZE = 200
ID_ROLE = Qt.UserRole + 1


def count_text(least: int, most: int | None) -> str:
    """'3', or '3–5' when an "up to" is known (kept left to right in an Arabic layout)."""
    return str(least) if most is None or most == least else f"\u2066{least}–{most}\u2069"


class BreachTableModel(QAbstractTableModel):
    """Breaches matching a filter, live or in the Trash, a page at a time."""

    # The sort keys of db.list_breaches, one a column; headers() gives their titles.
    COLUMNS = ["occurred_on", "governorate", "place", "actor", "breach_type", "killed",
               "women", "children", "injured", "status", "source_count", "description"]

    @staticmethod
    def headers() -> list[str]:
        return [tr("Date"), tr("Governorate"), tr("Place"), tr("Perpetrator"), tr("Type"),
                tr("Killed"), tr("Women"), tr("Children"), tr("Injured"), tr("Grading"),
                tr("Sources"), tr("Description")]
    NUMERIC = {"killed", "women", "children", "injured", "source_count"}
    NAMED = ("governorate", "actor", "breach_type")  # list entries: shown and sorted by
    # their Arabic name in an Arabic window

    def __init__(self, ledger: db.Ledger | None = None, deleted: bool = False, parent=None):
        super().__init__(parent)
        self._ledger = ledger
        self._filter = db.BreachFilter(deleted=deleted)
        self._sort, self._descending = ("deleted_at" if deleted else "occurred_on"), True
        self._rows: list[db.BreachRow] = []
        self._count = db.BreachCount(0, 0)
        self.count_problem: db.LedgerError | None = None  # why killed is not summed
        self._resetting = False
        self.refresh()

    # The small contract of a table model.
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, key = self._rows[index.row()], self.COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            return self._display(row, key)
        if role == Qt.TextAlignmentRole:
            if key in self.NUMERIC:
                return int(Qt.AlignRight | Qt.AlignVCenter)
            return int(Qt.AlignLeading | Qt.AlignVCenter)
        if role == Qt.ToolTipRole:
            return row.description or None
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return self.headers()[section]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        # Not while the reset is being announced: rows inserted from a modelReset slot
        # would land inside the reset. The view asks again once it has laid out.
        return (not parent.isValid() and not self._resetting
                and len(self._rows) < self._count.breaches)

    def fetchMore(self, parent=QModelIndex()) -> None:
        if self._ledger is None or not self.canFetchMore(parent):
            return
        page = self._page(len(self._rows))
        if not page:
            self._count = db.BreachCount(len(self._rows), self._count.killed)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def _page(self, offset: int) -> list[db.BreachRow]:
        return db.list_breaches(self._ledger, self._filter, sort=self._sort,
                                descending=self._descending, limit=PAGE_SIZE, offset=offset)

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        wanted = (self._sort_key(self.COLUMNS[column]), order == Qt.DescendingOrder)
        if wanted == (self._sort, self._descending):
            return  # already so: no need to read the file again
        self._sort, self._descending = wanted
        self.refresh()

    # What the window asks of it.
    def set_ledger(self, ledger: db.Ledger | None) -> None:
        self._ledger = ledger
        self.refresh()

    def set_filter(self, where: db.BreachFilter) -> None:
        where.deleted = self._filter.deleted
        self._filter = where
        self.refresh()

    def refresh(self) -> None:
        """Read again from the file: after a save, a delete, or a change of filter or sort."""
        self._resetting = True
        self.beginResetModel()
        self._count, self.count_problem = (count_shown(self._ledger, self._filter)
                                           if self._ledger else (db.BreachCount(0, 0), None))
        # The first page comes with the reset; the view asks for more as it scrolls.
        self._rows = self._page(0) if self._count.breaches else []
        try:
            self.endResetModel()
        finally:
            self._resetting = False

    @property
    def count(self) -> db.BreachCount:
        """How many breaches the filter matches, and at least how many they killed (None,
        with the reason in `count_problem`, when a breach holds a count out of range)."""
        return self._count

    @property
    def loaded(self) -> int:
        """How many rows the model holds now."""
        return len(self._rows)

    def breach_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, breach_id: str) -> int | None:
        """The row showing `breach_id`, among those loaded."""
        for number, row in enumerate(self._rows):
            if row.id == breach_id:
                return number
        return None

    def _display(self, row: db.BreachRow, key: str) -> str:
        if key == "occurred_on":
            return f"{row.occurred_on} {row.occurred_at}" if row.occurred_at else row.occurred_on
        if key in ("killed", "women", "children", "injured"):
            return count_text(getattr(row, key), getattr(row, f"{key}_max"))
        if key == "status":
            return choice_label(row.status)
        if key == "description":
            return " ".join(row.description.split())  # one line in the table
        if key in self.NAMED and language() == "ar":
            return getattr(row, f"{key}_ar") or getattr(row, key)
        return str(getattr(row, key))

    @classmethod
    def _sort_key(cls, key: str) -> str:
        """The sort of db.list_breaches for a column: a list entry's shown name."""
        return f"{key}_ar" if key in cls.NAMED and language() == "ar" else key
