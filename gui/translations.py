"""The window's words in the user's language, with Qt Core only: the window (gui/app.py)
and the command line (cli.py) install the same translators, so both say the same words."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

from db.schema import RESOURCES

from . import settings
from .i18n import QtWordsMissing

TRANSLATIONS = RESOURCES / "translations"


# Numbers in the window are written with Western digits 0-9 in both languages, as most
# Syrian outlets write them: Arabic (World) is the one Arabic locale of Qt with these digits
# and the point as decimal separator; Syria's own writes ٠-٩. Month and day names come
# from Syria's locale where the window writes a date (gui.i18n.date_text).
ARABIC_NUMBERS = QLocale(QLocale.Arabic, QLocale.World)
_installed: list[QTranslator] = []
_system_default: list[QLocale] = []


def install_translations(app: QCoreApplication, language: str | None = None) -> None:
    """The window's words, Qt's own (standard buttons, file dialogs), its direction and
    the locale of its numbers, in `language` (else the one of Settings, else the system's).

    English plural forms are installed first: the last translator installed is asked
    first, so Arabic wins. Calling it again with another language swaps the translators
    (tests do; the window itself changes language only at a restart: widgets already
    built keep their words).
    """
    language = language or settings.window_language()
    if app.property("truce_ledger_language") == language and _installed:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if not _system_default:
        _system_default.append(QLocale())
    files = [("truce_ledger_en", str(TRANSLATIONS))]
    if language == "ar":
        files += [("qtbase_ar", QLibraryInfo.path(QLibraryInfo.TranslationsPath)),
                  ("truce_ledger_ar", str(TRANSLATIONS))]
    for name, folder in files:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
    if language == "ar":  # asked first, before qtbase_ar, for the words Qt says otherwise
        _installed.append(QtWordsMissing(app))
        app.installTranslator(_installed[-1])
    app.setProperty("truce_ledger_language", language)
    if language == "ar":
        numbers = QLocale(ARABIC_NUMBERS)
        numbers.setNumberOptions(QLocale.OmitGroupSeparator)
        QLocale.setDefault(numbers)
    elif _system_default[0].language() in (QLocale.English, QLocale.C):
        QLocale.setDefault(_system_default[0])
    else:  # an English window on a French or Arabic system: English dates and numbers
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedKingdom))
    if hasattr(app, "setLayoutDirection"):  # a window's application, not the command line's
        app.setLayoutDirection(Qt.RightToLeft if language == "ar" else Qt.LeftToRight)
