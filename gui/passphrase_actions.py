"""File → Change passphrase… and File → Encrypt this database…: the window's side of
db/passphrases.py. Both ask first, then do the work behind a progress box; the file is
open again afterwards, with its new passphrase."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import db

from . import dialogs
from .i18n import tr
from .messages import error_text
from .worker import run_with_progress


def change_passphrase(window) -> None:
    """Ask for the passphrase the file has (a colleague at an unlocked window must not
    change it), then for a new one, typed twice."""
    ledger = window.ledger
    if not ledger.encrypted:
        return
    problem = ""
    while True:
        typed = dialogs.ask_passphrase(window, ledger.path.name, problem)
        if typed is None:
            return
        if db.cipher.opens(ledger.path, typed):
            break
        problem = error_text(db.PassphraseError("passphrase_wrong", name=ledger.path.name))
    chosen, new = dialogs.ask_new_passphrase(window, ledger.path.name, encrypted_only=True)
    if not chosen or new is None:
        return
    from db.passphrases import change_passphrase as change
    # On this thread, the file's own connection's: every page written again, a few
    # seconds at 100,000 breaches.
    QApplication.setOverrideCursor(Qt.WaitCursor)
    try:
        change(ledger, new)
    except (db.LedgerError, db.SQLiteError) as error:
        dialogs.show_error(window, tr("The passphrase was not changed"), error_text(error))
        return
    finally:
        QApplication.restoreOverrideCursor()
    dialogs.show_info(window, tr("Passphrase changed"), tr(
        "The passphrase of {name} is changed. Backups made before keep the passphrase they "
        "were made with.").format(name=ledger.path.name))


def encrypt_open_file(window) -> None:
    """Encrypt the plain file the window shows: closed, encrypted with its backups, and
    opened again with the passphrase chosen (or as it was, if that failed)."""
    ledger = window.ledger
    if ledger.encrypted or not window.release(tr("Encrypt this database?")):
        return
    chosen, passphrase = dialogs.ask_new_passphrase(window, ledger.path.name,
                                                    encrypted_only=True)
    if not chosen or passphrase is None:
        return
    from db.passphrases import encrypt_file
    path = ledger.path
    window.close_ledger_for_a_while()
    _, error = run_with_progress(window, tr("Encrypting {name}…").format(name=path.name),
                                 lambda progress: encrypt_file(path, passphrase))
    try:
        again = db.open_ledger(path, passphrase=passphrase if error is None else None)
    except db.LedgerError as problem:
        dialogs.show_error(window, tr("Cannot open the database"), error_text(problem))
        window.close()
        return
    window.set_ledger(again)
    if error is not None:
        dialogs.show_error(window, tr("The database was not encrypted"), error_text(error))
        return
    dialogs.show_info(window, tr("Encrypted"), tr(
        "{name} is encrypted, and its backups. The plain file's bytes may stay on the disk "
        "until written over: the computer's own disk encryption protects them; without it, "
        "wipe the disk's free space (README says how).").format(name=path.name))
