"""Where the program keeps its data when the user names no file."""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_FOLDER = "TruceLedger"
DEFAULT_FILE = "ledger.sqlite3"


def user_data_folder() -> Path:
    """The user's data folder for Truce Ledger, as each system places such folders."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_FOLDER


def default_database_path() -> Path:
    """The database used when no `--db` is given."""
    return user_data_folder() / DEFAULT_FILE
