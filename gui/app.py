"""Starting the window: the application, its translations and the first database."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QProcess, QThreadPool
from PySide6.QtWidgets import QApplication

import db
from db.paths import default_database_path

from . import dialogs, settings
from .main_window import MainWindow
from .messages import error_text
from .i18n import tr
from .translations import install_translations


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, with names for QSettings and the user's language."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(settings.APPLICATION)
    install_translations(app)
    return app


def open_first_ledger(path: Path | None) -> db.Ledger | None:
    """The database named, else the last one used, else the default one (made if new,
    with the passphrase chosen); None if none opens, or a passphrase asked for is not
    given."""
    from .passphrase_dialog import open_asking
    candidates = [path] if path else []
    last = settings.get(settings.LAST_DATABASE)
    if not path and last:
        candidates.append(Path(last))
    candidates.append(default_database_path())
    for number, candidate in enumerate(candidates):
        try:
            return open_asking(None, candidate, user=settings.user_name(),
                               office=settings.get(settings.OFFICE_NAME),
                               create=candidate == default_database_path() or
                               (candidate == path and number == 0))
        except db.LedgerError as error:
            dialogs.show_error(None, tr("Cannot open the database"), error_text(error))
    return None


def run_window(path: Path | None = None) -> int:
    """Open the window on `path` (or the last or default database); returns the exit status."""
    app = make_application()
    ledger = open_first_ledger(path)
    if ledger is None:
        return 1
    window = MainWindow(ledger)
    window.show()
    status = app.exec()
    QThreadPool.globalInstance().waitForDone()  # a count still running ends first
    restart_if_asked(app)
    return status


def restart_if_asked(app: QCoreApplication) -> bool:
    """Start the program again, as it was started, if Settings asked for it (a new
    language) and the window has closed; True if it did."""
    if not app.property(settings.RESTART):
        return False
    app.setProperty(settings.RESTART, False)
    return QProcess.startDetached(sys.executable, sys.argv)[0]
