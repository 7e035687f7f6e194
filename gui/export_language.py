"""The language of the exported workbook, chosen beside the Export buttons and remembered
(settings.EXPORT_LANGUAGE: empty for the window's language)."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from . import settings
from .i18n import language as window_language
from .i18n import tr


class ExportLanguageBox(QComboBox):
    """The window's language, Arabic or English: what the next export writes in."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("export_language")
        for label, value in ((tr("The window's language"), ""), (tr("Arabic"), "ar"),
                             (tr("English"), "en")):
            self.addItem(label, value)
        self.setToolTip(tr("The language of the workbook's sheet names, headers, lists and "
                           "press sentence"))
        kept = settings.get(settings.EXPORT_LANGUAGE)
        self.setCurrentIndex(max(self.findData(kept if kept in settings.LANGUAGES else ""), 0))
        self.currentIndexChanged.connect(
            lambda _i: settings.put(settings.EXPORT_LANGUAGE, self.currentData() or ""))

    def language(self) -> str:
        """"ar" or "en": the one chosen, or the window's."""
        return self.currentData() or window_language()
