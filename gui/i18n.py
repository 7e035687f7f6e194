"""Translation of the window's words. Every user-visible string goes through `tr`.

One context for the whole window, so that `pyside6-lupdate gui/*.py` finds every
string as it is written (`tr("…")`, or `tr("%n breaches", "", n)` for plurals).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("", text, disambiguation, n)


def language() -> str:
    """The window's language: "ar" or "en" (what gui/app.py installed; English before)."""
    app = QCoreApplication.instance()
    value = app.property("truce_ledger_language") if app else None
    return value if value in ("ar", "en") else "en"
