"""Every setting of the window, declared once with its default, stored with QSettings."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QSettings

if TYPE_CHECKING:
    import db

ORGANIZATION = "TruceLedger"
APPLICATION = "Truce Ledger"
MAX_RECENT = 8
# The application's property that asks for a start again (Settings, a new language), read
# by gui.app.restart_if_asked once the window closed.
RESTART = "truce_ledger_restart"


@dataclass(frozen=True)
class Setting:
    key: str
    default: object
    kind: type


OFFICE_NAME = Setting("office/name", "", str)
USER_NAME = Setting("office/user", "", str)  # empty: nobody named yet
USER_ASKED = Setting("office/user_asked", False, bool)  # the first save asked for a name
DEFAULT_TRUCE = Setting("office/default_truce", "", str)  # a truce key; empty: by date
WEEK_START = Setting("totals/week_start", "monday", str)  # monday, saturday or sunday
LANGUAGE = Setting("window/language", "", str)  # "ar", "en"; empty: the system's
ARABIC_DIGITS = Setting("press/arabic_digits", "western", str)  # western (0-9) or arabic (٠-٩)
EXPORT_LANGUAGE = Setting("export/language", "", str)  # "ar", "en"; empty: the window's
LAST_DATABASE = Setting("files/last_database", "", str)
RECENT_FILES = Setting("files/recent", [], list)
WINDOW_GEOMETRY = Setting("window/geometry", b"", bytes)
WINDOW_STATE = Setting("window/state", b"", bytes)
SPLITTER_STATE = Setting("window/splitter", b"", bytes)
LOCK_MINUTES = Setting("security/lock_minutes", 10, int)  # idle minutes; 0: never
# A public workbook keeps the breaches' IDs (and when each was last changed), which an
# import of corrections needs; off: a press file carries nothing of the office's own.
BREACH_IDS_IN_PRESS = Setting("export/breach_ids", False, bool)
PRESS_SHEET = Setting("export/press_sheet", False, bool)  # a sheet "For the press release"

WEEK_STARTS = ("monday", "saturday", "sunday")
LANGUAGES = ("ar", "en")
DIGITS = ("western", "arabic")


def _store() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def get(setting: Setting):
    """The stored value of `setting`, or its default."""
    value = _store().value(setting.key, None)
    if value is None or value == "":
        return setting.default if setting.kind is not list else list(setting.default)
    if setting.kind is list:
        return [value] if isinstance(value, str) else list(value)
    if setting.kind is bytes:
        return bytes(value.data()) if hasattr(value, "data") else bytes(value)
    if setting.kind is bool:  # an INI file gives "true" or "false" back
        return value in (True, 1, "true", "1")
    return setting.kind(value)


def put(setting: Setting, value) -> None:
    store = _store()
    store.setValue(setting.key, value)
    store.sync()


def window_language(chosen: str | None = None) -> str:
    """"ar" or "en": the language chosen (by default the one stored), else the system's."""
    chosen = get(LANGUAGE) if chosen is None else chosen
    if chosen in LANGUAGES:
        return chosen
    return "ar" if QLocale.system().language() == QLocale.Arabic else "en"


def user_name() -> str:
    """Who is typing: the name or initials set in Settings (or given at the first save);
    empty until then, never the computer's login name, which may be a person's full name."""
    return get(USER_NAME)


def office_name(ledger: db.Ledger) -> str:
    """The office's name: the one set in Settings, or the one its file was made with."""
    return get(OFFICE_NAME) or ledger.office_of_file


def recent_with(path: str, recent: list[str] | None = None) -> list[str]:
    """The recent files with `path` first: of `recent`, else of those stored."""
    recent = [p for p in (get(RECENT_FILES) if recent is None else recent) if p != path]
    recent.insert(0, path)
    del recent[MAX_RECENT:]
    return recent


def remember_files(recent: list[str]) -> None:
    """Store `recent` as the recent files, its first as the last database opened (written
    to disk once for both)."""
    store = _store()
    store.setValue(RECENT_FILES.key, recent)
    store.setValue(LAST_DATABASE.key, recent[0])
    store.sync()


def remember_file(path: str) -> list[str]:
    """Put `path` first among the recent files and make it the last database opened."""
    recent = recent_with(path)
    remember_files(recent)
    return recent
