"""The named victims of a breach, as an editable table."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

import db
from db.records import AGE_GROUPS, CIVILIAN, OUTCOMES, SEXES

from .delegates import LiveDelegate
from .keys import bind
from .record_table import Column, RecordTableModel
from .i18n import tr



class VictimsPanel(QWidget):
    """Edits a list of db.Victim. Names are often unknown: the table may stay empty."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = RecordTableModel([
            Column("name", tr("Name")),
            Column("name_latin", tr("Name (Latin)")),
            Column("sex", tr("Sex"), "choice", SEXES),
            Column("age", tr("Age"), "count"),
            Column("age_group", tr("Age group"), "choice", AGE_GROUPS),
            Column("outcome", tr("Outcome"), "choice", OUTCOMES),
            Column("civilian", tr("Civilian"), "choice", CIVILIAN),
            Column("confidential", tr("Confidential"), "check"),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(LiveDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.AllEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(110)
        for column, width in enumerate((150, 140, 80, 50, 80, 80, 80, 90)):
            self.table.setColumnWidth(column, width)
        self.add_button = QPushButton(tr("Add victim"))
        self.add_button.setToolTip(tr("Add a named victim (Ctrl+Shift+V, or Insert in the table)"))
        self.remove_button = QPushButton(tr("Remove victim"))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.add_victim)
        self.remove_button.clicked.connect(self.remove_current)
        bind(self.table, QKeySequence.Delete, self.remove_current)
        bind(self.table, Qt.Key_Insert, self.add_victim)
        self.model.edited.connect(self.edited)

    def set_victims(self, victims: list[db.Victim]) -> None:
        self.model.set_rows(victims)

    def victims(self) -> list[db.Victim]:
        return self.model.rows()

    def add_victim(self) -> None:
        """A new row, its name cell open for typing."""
        index = self.model.append(db.Victim())
        self.table.setCurrentIndex(index)
        self.table.setFocus()
        self.table.edit(index)

    def remove_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.remove(index.row())

    def show_problems(self, messages: list[str]) -> None:
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))
