"""The few looks the window gives widgets of its own: an error in red, the words under a
date, the banners of the editor. Each is set on its own widget, never on the whole
application: a style sheet on the application sends every widget's polish and every cell
of every table through Qt's style-sheet engine, which cost a start about a tenth of its
time (bench/bench_window.py).
"""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

# The rules, by the object name of the widget they style.
RULES = {
    "fieldError": "QLabel#fieldError { color: #b00020; }",
    "dateWords": "QLabel#dateWords { color: palette(dark); }\n"
                 "QLabel#dateWords[problem=\"true\"] { color: #b00020; }",
    "duplicateBanner": "QFrame#duplicateBanner { background: #fff4ce; "
                       "border: 1px solid #e0b000; border-radius: 4px; }",
    "waitBanner": "QFrame#waitBanner { background: #e8f0fe; border: 1px solid #7baaf7; "
                  "border-radius: 4px; }",
}
# All of them at once (as the application's style sheet once was).
STYLE = "\n".join(RULES.values()) + "\n"


def styled(widget: QWidget, name: str) -> QWidget:
    """`widget` named `name` (of RULES) and given its look; returns it."""
    widget.setObjectName(name)
    widget.setStyleSheet(RULES[name])
    return widget
