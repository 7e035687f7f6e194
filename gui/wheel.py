"""The mouse wheel scrolls; it changes a picker or a number only in the field that has
the focus (a user scrolling past the Perpetrator, or a source's Kind, must not change it).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox,
                               QWidget)


class WheelGuard(QObject):
    """Passes the wheel of a picker or number field without the focus on to the scroll
    area around it (or to nothing)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Wheel or watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            viewport = area.viewport()
            where = QPointF(viewport.mapFromGlobal(event.globalPosition().toPoint()))
            QApplication.sendEvent(viewport, QWheelEvent(
                where, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                event.buttons(), event.modifiers(), event.phase(), event.inverted()))
        return True


def guard_wheel(within: QWidget) -> None:
    """Guard every picker and number field in `within` (once each)."""
    guard = within.findChild(WheelGuard, "wheelGuard")
    if guard is None:
        guard = WheelGuard(within)
        guard.setObjectName("wheelGuard")
    for widget in within.findChildren(QComboBox) + within.findChildren(QAbstractSpinBox):
        if not widget.property("wheelGuarded"):
            widget.setProperty("wheelGuarded", True)
            widget.setFocusPolicy(Qt.StrongFocus)  # the wheel does not take the focus either
            widget.installEventFilter(guard)
