"""Translation of the window's words. Every user-visible string goes through `tr`.

One context for the whole window, so that `pyside6-lupdate gui/*.py` finds every
string as it is written (`tr("…")`, or `tr("%n breaches", "", n)` for plurals).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTranslator


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("", text, disambiguation, n)


def language() -> str:
    """The window's language: "ar" or "en" (what gui/app.py installed; English before)."""
    app = QCoreApplication.instance()
    value = app.property("truce_ledger_language") if app else None
    return value if value in ("ar", "en") else "en"


_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def date_text(day: QDate, pattern: str) -> str:
    """`day` written after `pattern` ("dddd d MMMM yyyy") in the window's language: in
    Arabic with Syria's month names (كانون الثاني) and the window's Western digits."""
    if language() != "ar":
        return QLocale().toString(day, pattern)
    return QLocale(QLocale.Arabic, QLocale.Syria).toString(day, pattern).translate(_WESTERN)


class QtWordsMissing(QTranslator):
    """Qt's own words, through tr(), where qtbase_ar.qm lacks them or says them unlike
    Arabic software: Qt 6's file dialog gave two labels an Alt key ("&Look in:") that the
    catalogue does not know yet, and its standard buttons are imperatives ("ألغِ", "أغلق")
    where Arabic programs write nouns ("إلغاء", "إغلاق"). Installed after qtbase_ar, so
    that it is asked first."""

    def translate(self, context, source, disambiguation=None, n=-1) -> str | None:
        """None (a null string) for every other text: Qt then asks the next translator,
        and shows the text as written if none has it, where "" would blank it."""
        if context == "QFileDialog":
            return {"&Look in:": tr("&Look in:"),
                    "Files of &type:": tr("Files of &type:")}.get(source)
        if context != "QPlatformTheme":
            return None
        return {"OK": tr("OK"), "Save": tr("Save"), "Save All": tr("Save All"),
                "Open": tr("Open"), "&Yes": tr("&Yes"), "Yes to &All": tr("Yes to &All"),
                "&No": tr("&No"), "N&o to All": tr("N&o to All"), "Abort": tr("Abort"),
                "Retry": tr("Retry"), "Ignore": tr("Ignore"), "Close": tr("Close"),
                "Cancel": tr("Cancel"), "Discard": tr("Discard"), "Help": tr("Help"),
                "Apply": tr("Apply"), "Reset": tr("Reset"),
                "Restore Defaults": tr("Restore Defaults")}.get(source)

    def isEmpty(self) -> bool:
        return False
