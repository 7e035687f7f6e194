"""An editable table over a list of small records: a breach's victims or citations."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

import db

from .delegates import CHOICES_ROLE, KIND_ROLE, TYPING_ROLE
from .labels import choice_label
from .roles import DISPLAY


@dataclass
class Column:
    attr: str
    header: str  # already translated
    kind: str = "text"  # text, count, check, choice, date (kept as 2017-01-04), fixed
    choices: tuple = ()
    display: Callable[[object], str] | None = None  # for fixed columns: the row to text


class RecordTableModel(QAbstractTableModel):
    """Rows are dataclass instances; each column edits one of their fields.

    A date column reads what is typed with db.parse_day and keeps the day in ISO form;
    text that names no day is not stored: `refused` says why (code and parameters of
    db.DateError), and the cell keeps its value.
    """

    edited = Signal()
    refused = Signal(int, int, str, dict)  # row, column, code, params
    date_stored = Signal(int, int)  # row, column: a date cell left holding a day (or none)

    def __init__(self, columns: list[Column], parent=None):
        super().__init__(parent)
        self._columns = columns
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = [copy.deepcopy(r) for r in rows]
        self.endResetModel()

    def rows(self) -> list:
        return [copy.deepcopy(r) for r in self._rows]

    def append(self, row) -> QModelIndex:
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(row)
        self.endInsertRows()
        self.edited.emit()
        return self.index(len(self._rows) - 1, 0)

    def remove(self, number: int) -> None:
        if 0 <= number < len(self._rows):
            self.beginRemoveRows(QModelIndex(), number, number)
            del self._rows[number]
            self.endRemoveRows()
            self.edited.emit()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].header
        if orientation == Qt.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        column = self._columns[index.column()]
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if column.kind == "check":
            return flags | Qt.ItemIsUserCheckable
        if column.kind != "fixed":
            flags |= Qt.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        value = getattr(row, column.attr)
        if role == DISPLAY:
            if column.display:
                return column.display(row)
            if column.kind == "check":
                return None
            if column.kind == "choice":
                return choice_label(value)
            return "" if value is None else str(value)
        if role == Qt.EditRole:
            return value
        if role == Qt.CheckStateRole and column.kind == "check":
            return Qt.Checked if value else Qt.Unchecked
        if role == KIND_ROLE:
            return column.kind
        if role == CHOICES_ROLE and column.kind == "choice":
            return list(column.choices)
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.EditRole) -> bool:
        if not index.isValid():
            return False
        row, column = self._rows[index.row()], self._columns[index.column()]
        if column.kind == "check" and role == Qt.CheckStateRole:
            value = Qt.CheckState(value) == Qt.Checked
        elif column.kind == "date" and role in (Qt.EditRole, TYPING_ROLE):
            try:
                day = db.parse_day("" if value is None else str(value))
            except db.DateError as error:
                if role == Qt.EditRole:
                    self.refused.emit(index.row(), index.column(), error.code,
                                      {k: v for k, v in error.params.items() if k != "label"})
                    return False
                value = str(value).strip()  # half typed: a save refuses it, and says why
            else:
                value = day.isoformat() if day else None
                if role == Qt.EditRole:
                    self.date_stored.emit(index.row(), index.column())
        elif role != Qt.EditRole or column.kind in ("fixed", "check"):
            return False
        elif column.kind == "count":
            text = str(value).strip()
            value = int(text) if text.isdigit() else (None if not text else text)
        elif column.kind == "text":
            value = "" if value is None else str(value)
        if getattr(row, column.attr) == value:
            return True
        setattr(row, column.attr, value)
        self.dataChanged.emit(index, index, [Qt.EditRole if role == TYPING_ROLE else role,
                                             Qt.DisplayRole])
        self.edited.emit()
        return True
