"""The mouse wheel scrolls; it changes a picker or a number only in the field that has
the focus (a user scrolling past the Perpetrator, or a source's Kind, must not change it).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

# Modules, not classes, for what a start does not use: a class of PySide6 is made when
# first named (QWheelEvent and its bases, QAbstractSpinBox: milliseconds).
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QWidget


class WheelGuard(QObject):
    """Passes the wheel of a picker or number field without the focus on to the scroll
    area around it (or to nothing)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QtCore.QEvent.Wheel or watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QtWidgets.QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            viewport = area.viewport()
            where = QtCore.QPointF(viewport.mapFromGlobal(event.globalPosition().toPoint()))
            QtWidgets.QApplication.sendEvent(viewport, QtGui.QWheelEvent(
                where, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                event.buttons(), event.modifiers(), event.phase(), event.inverted()))
        return True


class WheelWhenFocused:
    """Before QComboBox (or a class of its) among the bases of a picker: the wheel changes
    it only when it has the focus, else goes on to the widgets around it (a scroll area
    scrolls). It takes the focus by Tab or a click, not by the wheel. Used where a start
    shows pickers (the filter bar): unlike WheelGuard's filter, which sees every event of
    the picker, it makes PySide build no Python class for each kind of event (6 ms)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setFocusPolicy(Qt.StrongFocus)

    def wheelEvent(self, event) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class Picker(WheelWhenFocused, QComboBox):
    """A QComboBox the wheel changes only when it has the focus."""


def guard_wheel(within: QWidget) -> None:
    """Guard every picker and number field in `within` (once each)."""
    guard = within.findChild(WheelGuard, "wheelGuard", Qt.FindDirectChildrenOnly)
    if guard is None:
        guard = WheelGuard(within)
        guard.setObjectName("wheelGuard")
    for widget in (within.findChildren(QComboBox)
                   + within.findChildren(QtWidgets.QAbstractSpinBox)):
        if not widget.property("wheelGuarded"):
            widget.setProperty("wheelGuarded", True)
            widget.setFocusPolicy(Qt.StrongFocus)  # the wheel does not take the focus either
            widget.installEventFilter(guard)
