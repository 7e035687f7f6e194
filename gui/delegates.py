"""Cell editors for the small tables of the breach editor.

Each keystroke is handed to the model at once, so that a value still being typed in
a cell is never lost when the form is saved or closed. A date cell hands over, as it is
typed, the day it reads (or the text, which a save then refuses); leaving the cell
stores the day as 2017-01-04, or, when the text names no day, says why and keeps the
date the cell had.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QWidget

from db.records import as_date

from .labels import choice_label
from .numbers import DigitsCellValidator

CHOICES_ROLE = Qt.UserRole + 2  # a column's fixed list of values, if it has one
KIND_ROLE = Qt.UserRole + 3  # a column's kind: text, count, date, …
TYPING_ROLE = Qt.UserRole + 4  # setData: a value still being typed, stored without a word


class LiveDelegate(QStyledItemDelegate):
    """Line edits for text, combo boxes for fixed lists; commits as the user types."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        choices = index.data(CHOICES_ROLE)
        if choices:
            combo = QComboBox(parent)
            for value in choices:
                combo.addItem(choice_label(value), value)
            combo.activated.connect(lambda _=0, c=combo: self.commitData.emit(c))
            return combo
        editor = QLineEdit(parent)
        if index.data(KIND_ROLE) == "count":  # a victim's age: ٧ is 7, and shows as 7
            editor.setValidator(DigitsCellValidator(editor))
        if index.data(KIND_ROLE) == "date":
            cell = QPersistentModelIndex(index)
            editor.setProperty("before", index.data(Qt.EditRole))
            editor.textEdited.connect(
                lambda text: cell.isValid() and cell.model().setData(
                    QModelIndex(cell), text, TYPING_ROLE))
        else:
            editor.textEdited.connect(lambda _text, e=editor: self.commitData.emit(e))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.EditRole)
        if isinstance(editor, QComboBox):
            position = editor.findData(value)
            editor.setCurrentIndex(max(position, 0))
        elif not editor.isModified():  # while typing, the model follows the cell, not back
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.EditRole)
        elif index.data(KIND_ROLE) == "date":
            if not model.setData(index, editor.text(), Qt.EditRole):
                model.setData(index, editor.property("before"), TYPING_ROLE)
        else:
            model.setData(index, editor.text(), Qt.EditRole)

    def destroyEditor(self, editor: QWidget, index: QModelIndex) -> None:
        # Escape leaves a date cell as it was, not holding half a date.
        if (isinstance(editor, QLineEdit) and index.isValid()
                and index.data(KIND_ROLE) == "date" and index.data(Qt.EditRole)
                and as_date(index.data(Qt.EditRole)) is None):
            index.model().setData(index, editor.property("before"), TYPING_ROLE)
        super().destroyEditor(editor, index)
