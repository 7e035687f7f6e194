"""Translation of the window's words. Every user-visible string goes through `tr`.

One context for the whole window, so that `pyside6-lupdate gui/*.py` finds every
string as it is written (`tr("…")`, or `tr("%n breaches", "", n)` for plurals).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("", text, disambiguation, n)
