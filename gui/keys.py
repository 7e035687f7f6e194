"""Keyboard shortcuts bound to one widget."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def bind(widget: QWidget, key, slot: Callable[[], None],
         context: Qt.ShortcutContext = Qt.WidgetShortcut) -> QShortcut:
    """`key` calls `slot` only while `widget` (or, with WidgetWithChildrenShortcut, one of
    its children) has the focus: Return in a text field must not open a breach."""
    shortcut = QShortcut(QKeySequence(key), widget)
    shortcut.setContext(context)
    shortcut.activated.connect(slot)
    return shortcut
