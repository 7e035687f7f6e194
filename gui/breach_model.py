"""The breaches table: the rows of a list of breaches, read from the file as the view asks.

Sorting and filtering are done in SQL (by `db.list_breaches`), never over rows in memory.
The model holds the first rows of the list, a page at a time as the view scrolls, each
page read by keyset (the rows after the last one held, from the index that orders the
list): a page costs the same at row 200 and at row 200,000. Scrolling deep grows the rows
held with fetchMore (no sparse window: the scroll bar spans the rows read, and a jump to
a breach far down reads up to it, see `reach`).

A save, a delete, a restore or an undo does not read the list again: each breach it
touched is read again by key, with the one before it in the list, and its row changed,
moved, inserted or removed in place (`breaches_changed`), so that the view keeps its
selection and its scroll. The count of the summary line is made off the UI thread.
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

import db
from db.listing import count_shown
from db.store import open_reader
from .i18n import language, tr
from .labels import choice_label
from .roles import ALIGNMENT, DISPLAY, HORIZONTAL, LEADING, RIGHT, TOOLTIP
from .worker import Latest

PAGE_SIZE = 200
ID_ROLE = Qt.UserRole + 1
_ROLES = frozenset(int(role) for role in (DISPLAY, ALIGNMENT, TOOLTIP, ID_ROLE))
# Beyond this many rows below those held, a breach is not read up to (a new breach of long
# ago, a filter that puts the selected breach far down): the view stays where it is.
REACH = 20 * PAGE_SIZE
# A change of more breaches than this reads the rows held again rather than one by one.
MANY = 50


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
    # Digits only (dates and counts): no direction of their own to follow (gui/bidi.py),
    # so Qt's own delegate paints them, without a call into Python at every cell.
    PLAIN = ("occurred_on", "killed", "women", "children", "injured", "source_count")
    NAMED = ("governorate", "actor", "breach_type")  # list entries: shown and sorted by
    # their Arabic name in an Arabic window

    counted = Signal()  # the count of the list (`count`) has come

    def __init__(self, ledger: db.Ledger | None = None, deleted: bool = False, parent=None,
                 read: bool = True):
        super().__init__(parent)
        self._ledger = ledger
        self._filter = db.BreachFilter(deleted=deleted)
        self._sort, self._descending = ("deleted_at" if deleted else "occurred_on"), True
        self._rows: list[db.BreachRow] = []
        self._where: dict[str, int] | None = None  # the row of each key held, once asked
        self._complete = True  # every row of the list is held
        self._count = db.BreachCount(0, 0)
        # Why the killed are not summed (a count out of range), or why nothing was counted.
        self.count_problem: Exception | None = None
        self._counter = Latest(self._counted)  # one count at a time, the latest kept
        self._resetting = False
        self._headers: list[str] | None = None
        if read:  # else the first read waits for refresh() (the Trash, until shown)
            self.refresh()

    # The small contract of a table model.
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        # Asked for seven roles at every cell painted: the four it has no answer for are
        # answered first (an invalid index has row -1).
        if role not in _ROLES:
            return None
        number = index.row()
        if not 0 <= number < len(self._rows):
            return None
        row, key = self._rows[number], self.COLUMNS[index.column()]
        if role == DISPLAY:
            return self._display(row, key)
        if role == ALIGNMENT:
            return RIGHT if key in self.NUMERIC else LEADING
        if role == TOOLTIP:
            return row.description or None
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == HORIZONTAL and role == DISPLAY \
                and 0 <= section < len(self.COLUMNS):
            if self._headers is None:  # the window's language is set once, at start
                self._headers = self.headers()
            return self._headers[section]
        return None

    # flags(): Qt's own (enabled and selectable; nothing for an invalid index), not one
    # asked of Python at every cell painted.

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        # Not while the reset is being announced: rows inserted from a modelReset slot
        # would land inside the reset. The view asks again once it has laid out.
        return not parent.isValid() and not self._resetting and not self._complete

    def fetchMore(self, parent=QModelIndex()) -> None:
        if self._ledger is None or not self.canFetchMore(parent):
            return
        page = self._page(self._rows[-1].id if self._rows else None)
        self._complete = len(page) < PAGE_SIZE
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            if self._where is not None:
                self._where.update((row.id, first + n) for n, row in enumerate(page))
            self.endInsertRows()

    def _page(self, after: str | None, size: int = PAGE_SIZE,
              backwards: bool = False) -> list[db.BreachRow]:
        """The `size` rows after the breach `after` (from the first row if None); or
        `backwards`, those before it, nearest first."""
        return db.list_breaches(self._ledger, self._filter, sort=self._sort,
                                descending=self._descending != backwards, limit=size,
                                after=after)

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

    def refresh(self, keep: int = 0) -> None:
        """Read the list again from the file (a change of filter or sort, an import): its
        first page, or as many pages as hold `keep` rows; then count it, off the UI thread."""
        self._resetting = True
        self.beginResetModel()
        self._rows, self._complete, self._where = [], True, None
        if self._ledger is not None:
            self._complete = False
            while not self._complete and (not self._rows or len(self._rows) < keep):
                page = self._page(self._rows[-1].id if self._rows else None)
                self._rows.extend(page)
                self._complete = len(page) < PAGE_SIZE
        try:
            self.endResetModel()
        finally:
            self._resetting = False
        self.recount()

    def recount(self) -> None:
        """Count the list on the thread pool, from a reader of its own; `counted` says
        when the count has come."""
        ledger, where = self._ledger, self._filter
        if ledger is None:
            self._counter.drop()
            self._counted((db.BreachCount(0, 0), None), None)
            return

        def work():
            with open_reader(ledger.path) as reader:
                return count_shown(reader, where)
        self._counter.ask(work)

    def _counted(self, result, error) -> None:
        if not shiboken6.isValid(self):
            return  # the model is gone
        if error is not None:  # not counted (the file gone meanwhile): the summary says why
            self.count_problem = error
        else:
            self._count, self.count_problem = result
        self.counted.emit()

    # Changes made by the window, followed in place.
    def breaches_changed(self, keys: list[str]) -> None:
        """The breaches `keys` were saved, deleted, restored or undone: each row is changed,
        moved, inserted or removed where it stands; the other rows stay as they are. Two
        statements a breach (the breach before it in the list, then the breach itself),
        each a seek in the index; many breaches at once read the rows held again."""
        if self._ledger is None or not keys:
            return
        if len(keys) > MANY:
            self.refresh(keep=len(self._rows))
            return
        for key in keys:
            self._follow(key)
        self.recount()

    def _follow(self, key: str) -> None:
        held = self.row_of(key)
        before = self._page(key, 1, backwards=True)  # where it stands, or would
        after = before[0].id if before else None
        found = self._page(after, 1)
        place = None  # its row once moved; None: not among the rows held
        if found and found[0].id == key:
            if after is None:
                place = 0
            elif (previous := self.row_of(after)) is not None:
                # Counted among the other rows: without its own row if that stood above.
                place = previous + (0 if held is not None and held < previous else 1)
                others = len(self._rows) - (held is not None)
                if place == others and not self._complete:
                    place = None  # just below the rows held: read when the view gets there
        if place is None:  # out of the list, or below the rows held
            if held is not None:
                self.beginRemoveRows(QModelIndex(), held, held)
                del self._rows[held]
                self._rows_moved()
                self.endRemoveRows()
        elif held is None:
            self.beginInsertRows(QModelIndex(), place, place)
            self._rows.insert(place, found[0])
            self._rows_moved()
            self.endInsertRows()
        else:
            if place != held:
                # Qt's destination counts the rows before the move: one more moving down.
                self.beginMoveRows(QModelIndex(), held, held, QModelIndex(),
                                   place if place < held else place + 1)
                del self._rows[held]
                self._rows.insert(place, found[0])
                self._rows_moved()
                self.endMoveRows()
            self._rows[place] = found[0]
            self.dataChanged.emit(self.index(place, 0),
                                  self.index(place, len(self.COLUMNS) - 1))

    def reach(self, key: str) -> int | None:
        """The row of the breach `key`, reading the pages down to it if it stands within
        REACH rows below those held; None when the list does not hold it (or not so near)."""
        held = self.row_of(key)
        if held is not None or self._ledger is None or self._complete:
            return held
        last = self._rows[-1].id if self._rows else None
        between = db.breach_position(self._ledger, key, self._filter, sort=self._sort,
                                     descending=self._descending, after=last, within=REACH)
        if between is None:
            return None
        position = len(self._rows) + between
        while len(self._rows) <= position and self.canFetchMore():
            self.fetchMore()
        return self.row_of(key)

    @property
    def count(self) -> db.BreachCount:
        """How many breaches the filter matches, and at least how many they killed (None,
        with the reason in `count_problem`, when a breach holds a count out of range), as
        last counted: `counted` is emitted when a count comes."""
        return self._count

    @property
    def loaded(self) -> int:
        """How many rows the model holds now."""
        return len(self._rows)

    def breach_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, breach_id: str) -> int | None:
        """The row showing `breach_id`, among those held."""
        if self._where is None:
            self._where = {row.id: number for number, row in enumerate(self._rows)}
        return self._where.get(breach_id)

    def _rows_moved(self) -> None:
        """Rows came, went or moved: the rows of the keys are found again when asked."""
        self._where = None

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
