"""Cell editors for the small tables of the breach editor.

Each keystroke is handed to the model at once, so that a value still being typed in
a cell is never lost when the form is saved or closed.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QWidget

from .labels import choice_label

CHOICES_ROLE = Qt.UserRole + 2  # a column's fixed list of values, if it has one


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
        editor.textEdited.connect(lambda _text, e=editor: self.commitData.emit(e))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.EditRole)
        if isinstance(editor, QComboBox):
            position = editor.findData(value)
            editor.setCurrentIndex(max(position, 0))
        else:
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.EditRole)
        else:
            model.setData(index, editor.text(), Qt.EditRole)
