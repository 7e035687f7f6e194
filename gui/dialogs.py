"""Every message box and file dialog of the window, in one place.

Tests replace these functions instead of clicking modal boxes.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
# The module, not its classes: a class of PySide6 is made when first named, and a start
# shows no dialog (QFileDialog and QMessageBox cost it milliseconds).
from PySide6 import QtWidgets

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog, QWidget

from .i18n import tr

# What a file name cannot hold on some system (Windows' reserved characters, control
# characters), and the invisible marks of direction an Arabic name may carry.
_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_DIRECTION_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def database_filter() -> str:
    return tr("Truce Ledger database (*.sqlite3 *.sqlite *.db);;All files (*)")


def ask_unsaved(parent: QWidget | None, what: str) -> str:
    """Ask what to do with unsaved edits: returns "save", "discard" or "cancel"."""
    box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Warning, tr("Unsaved changes"),
                      tr("You have changes that are not saved."),
                      QtWidgets.QMessageBox.Save | QtWidgets.QMessageBox.Discard | QtWidgets.QMessageBox.Cancel, parent)
    box.setInformativeText(what)
    box.setDefaultButton(QtWidgets.QMessageBox.Save)
    box.setEscapeButton(QtWidgets.QMessageBox.Cancel)
    answer = box.exec()
    return {QtWidgets.QMessageBox.Save: "save", QtWidgets.QMessageBox.Discard: "discard"}.get(answer, "cancel")


def ask_yes_no(parent: QWidget | None, title: str, text: str, default_yes: bool = True) -> bool:
    answer = QtWidgets.QMessageBox.question(parent, title, text, QtWidgets.QMessageBox.Yes | QtWidgets.QMessageBox.No,
                                  QtWidgets.QMessageBox.Yes if default_yes else QtWidgets.QMessageBox.No)
    return answer == QtWidgets.QMessageBox.Yes


def ask_entry_names(parent: QWidget | None, title: str, text: str,
                    typed: str) -> tuple[str, str] | None:
    """Whether to add a new list entry, with its names in Arabic and in English (the one
    typed and, optional, the other): (name, Arabic name), or None if not."""
    from .entry_names_dialog import ask_entry_names as ask
    return ask(parent, title, text, typed)


def ask_user_name(parent: QWidget | None) -> str:
    """Who is typing: a name or initials ('' when none is given)."""
    name, given = QtWidgets.QInputDialog.getText(parent, tr("Who is typing?"), tr(
        "Your name or initials, kept with each breach you save: a full workbook shows "
        "them, a workbook for the press never does. Settings can change them later."))
    return name.strip() if given else ""


def ask_passphrase(parent: QWidget | None, name: str, problem: str = "") -> str | None:
    """The passphrase typed for the encrypted file `name` (after `problem`, the reason the
    last one was refused); None if cancelled."""
    from .passphrase_dialog import PassphraseDialog
    dialog = PassphraseDialog(parent, name, problem=problem)
    return dialog.typed if dialog.exec() == QtWidgets.QDialog.Accepted else None


def ask_new_passphrase(parent: QWidget | None, name: str,
                       encrypted_only: bool = False) -> tuple[bool, str | None]:
    """For a new file `name`: (True, the passphrase chosen), (True, None) for a file
    without encryption, chosen on purpose, or (False, None) if cancelled.
    `encrypted_only`: for a file to be encrypted (no button for none)."""
    from .passphrase_dialog import PassphraseDialog
    dialog = PassphraseDialog(parent, name, new=True, plain_allowed=not encrypted_only)
    if dialog.exec() != QtWidgets.QDialog.Accepted:
        return False, None
    return True, dialog.typed


def ask_workbook_password(parent: QWidget | None, name: str) -> tuple[bool, str | None]:
    """For the full workbook `name`: (True, the password chosen, typed twice), (True,
    None) for none, chosen on purpose, or (False, None) if cancelled."""
    from .passphrase_dialog import PassphraseDialog
    dialog = PassphraseDialog(parent, name, new=True, workbook=True)
    if dialog.exec() != QtWidgets.QDialog.Accepted:
        return False, None
    return True, dialog.typed


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QtWidgets.QMessageBox.critical(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QtWidgets.QMessageBox.information(parent, title, text)


def progress_box(parent: QWidget | None, title: str) -> QProgressDialog:
    """A progress box with Cancel, shown at once over `parent`."""
    box = QtWidgets.QProgressDialog(title, tr("Cancel"), 0, 0, parent)
    box.setWindowTitle(title)
    box.setWindowModality(Qt.WindowModal)
    box.setMinimumDuration(0)
    box.setAutoReset(False)
    box.setAutoClose(False)
    box.show()
    return box


def open_database_path(parent: QWidget | None, folder: str = "") -> Path | None:
    path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, tr("Open a database"), folder,
                                          database_filter())
    return Path(path) if path else None


def new_database_path(parent: QWidget | None, folder: str = "") -> Path | None:
    path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, tr("New database"), folder,
                                          database_filter())
    return _with_suffix(parent, path, ".sqlite3")


def save_copy_path(parent: QWidget | None, folder: str = "") -> Path | None:
    path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, tr("Save a copy of the database"), folder,
                                          database_filter())
    return _with_suffix(parent, path, ".sqlite3")


def export_file_name(office: str, first: date | None, last: date | None) -> str:
    """The name proposed for a workbook: office-2016-12-29-2017-01-04.xlsx (without the
    days when there are none), with what a file name cannot hold (on Windows, macOS or
    Linux) replaced by "_"."""
    parts = [office.strip()] + [day.isoformat() for day in (first, last) if day]
    name = _NOT_IN_NAMES.sub("_", _DIRECTION_MARKS.sub("", "-".join(p for p in parts if p)))
    name = name.strip(" .") or "truce-ledger"
    return f"{name}.xlsx"


def export_path(parent: QWidget | None, proposed: str, full: bool) -> Path | None:
    """Where to write a workbook (a full one, with confidential data, when `full`).
    `proposed`: a folder, or the file (folder and name) first offered."""
    title = tr("Export the full workbook") if full else tr("Export the workbook for press")
    path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, title, proposed,
                                          tr("Excel workbook (*.xlsx)"))
    return _with_suffix(parent, path, ".xlsx", replace_other=True)


def pdf_path(parent: QWidget | None, proposed: str) -> Path | None:
    """Where to write the PDF for the press. `proposed`: the file first offered."""
    path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, tr("PDF for the press"), proposed,
                                                    tr("PDF document (*.pdf)"))
    return _with_suffix(parent, path, ".pdf", replace_other=True)


def import_path(parent: QWidget | None, folder: str = "") -> Path | None:
    path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, tr("Import breaches"), folder,
                                          tr("Spreadsheets (*.xlsx *.csv);;All files (*)"))
    return Path(path) if path else None


def merge_path(parent: QWidget | None, folder: str = "") -> Path | None:
    path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, tr("Merge the database of another office"),
                                          folder, database_filter())
    return Path(path) if path else None


def _with_suffix(parent: QWidget | None, path: str, suffix: str,
                 replace_other: bool = False) -> Path | None:
    """The file chosen, with `suffix` added when it has none (`replace_other`: when it
    has another). The file dialog asked before replacing the name typed, not the name
    with the suffix: a file of that name is asked about here."""
    if not path:
        return None
    typed = Path(path)
    chosen = typed
    if not typed.suffix or (replace_other and typed.suffix.lower() != suffix):
        chosen = typed.with_suffix(suffix)
    if chosen != typed and chosen.exists() and not ask_yes_no(
            parent, tr("Replace the file?"),
            tr("{name} already exists. Replace it?").format(name=chosen.name),
            default_yes=False):
        return None
    return chosen
