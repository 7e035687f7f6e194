"""The page shown in the table's place for a file with no breach at all: how an office
begins, and the demo to look around first."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from .i18n import tr


class EmptyPage(QWidget):
    """How to begin (made only for an empty file: its rich text costs a start
    milliseconds); `demo_button` opens the demo."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = QLabel(tr(
            "<h3>No breaches recorded yet</h3><p>A new office sets up two things first:</p>"
            "<ul><li><b>Settings → Truces…</b>: the truce its weeks count from. Week 1 of the "
            "Weekly totals is the day the truce went into force and the six days after it; "
            "without a truce they show calendar weeks.</li><li><b>Settings → Settings…</b>: "
            "the office's name, written on every breach and on every exported workbook.</li>"
            "</ul><p>Then press <b>Ctrl+N</b> (Edit → New breach) to "
            "record the first one: its date, place, perpetrator, casualties and the sources "
            "that reported it.</p><p>To look around first, open the demo: the first week of the "
            "nationwide ceasefire of 29 December 2016, in a file of its own.</p>"))
        self.text.setObjectName("emptyText")
        self.text.setWordWrap(True)
        self.demo_button = QPushButton(tr("Open the &demo week"))
        self.demo_button.setObjectName("demoButton")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addWidget(self.demo_button, 0, Qt.AlignLeft)
        layout.addStretch(2)
