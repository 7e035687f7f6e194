"""The named victims of a breach, as an editable table."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QPushButton, QVBoxLayout

import db
from db.records import AGE_GROUPS, CIVILIAN, OUTCOMES, SEXES

from .i18n import tr
from .keys import bind
from .record_panel import RecordTablePanel
from .record_table import Column


class VictimsPanel(RecordTablePanel):
    """Edits a list of db.Victim. Names are often unknown: the table may stay empty."""

    def __init__(self, parent=None):
        super().__init__([
            Column("name", tr("Name")),
            Column("name_latin", tr("Name (Latin)")),
            Column("sex", tr("Sex"), "choice", SEXES),
            Column("age", tr("Age"), "count"),
            Column("age_group", tr("Age group"), "choice", AGE_GROUPS),
            Column("outcome", tr("Outcome"), "choice", OUTCOMES),
            Column("civilian", tr("Civilian"), "choice", CIVILIAN),
            Column("confidential", tr("Confidential"), "check"),
        ], (150, 140, 80, 50, 80, 80, 80, 90), tr("Remove victim"), parent)
        self.table.setEditTriggers(QAbstractItemView.AllEditTriggers)
        self.table.setMinimumHeight(110)
        self.add_button = QPushButton(tr("Add victim"))
        self.add_button.setToolTip(tr("Add a named victim (Ctrl+Shift+V, or Insert in the table)"))
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
        bind(self.table, Qt.Key_Insert, self.add_victim)

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
