"""The passphrase of an encrypted ledger: asked when one is opened (again, with the reason,
after a wrong one), and chosen, typed twice, when one is made. A new ledger is encrypted
unless the user says otherwise, with a button of its own.

The passphrase goes to db/ and nowhere else: it is not kept in the settings, and the
fields are cleared when the dialog closes.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

import db

from . import dialogs
from .bidi import isolate
from .i18n import tr
from .messages import error_text
from .styles import styled

# Shorter than this, a new passphrase is refused (db/cipher.py says why).
MIN_LENGTH = db.cipher.MIN_PASSPHRASE


def strength(passphrase: str) -> str:
    """A word on how hard `passphrase` is to guess: its length above all (several words
    beat one clever word)."""
    if len(passphrase) < MIN_LENGTH:
        return tr("Too short: at least {n} characters, better a few words.").format(
            n=MIN_LENGTH)
    words = len(passphrase.split())
    if len(passphrase) >= 20 or words >= 4:
        return tr("Strong.")
    return tr("Fair: a few more words make it stronger.")


class PassphraseDialog(QDialog):
    """The file's name, a passphrase field (two for a new file), the reason a passphrase
    was refused, and the buttons: Open, or Encrypt and a button for no encryption."""

    def __init__(self, parent: QWidget | None, name: str, new: bool = False,
                 problem: str = "", plain_allowed: bool = True, workbook: bool = False):
        super().__init__(parent)
        self.new, self.plain = new, False
        self.typed: str | None = None  # what was typed, once accepted
        self.setWindowTitle(tr("New database") if new else tr("Encrypted database"))
        if workbook:  # a full workbook's password: chosen the same way
            self.setWindowTitle(tr("Password of the workbook"))
            text = tr("{name} holds confidential victims and the contacts of sources. "
                      "With a password, whoever finds the file reads nothing of it; Excel "
                      "and LibreOffice ask for the password.").format(name=isolate(name))
        elif new:
            text = tr("{name} will be encrypted: without its passphrase nobody can read it, "
                      "not even this program, and a lost passphrase cannot be recovered. "
                      "Keep it somewhere safe, away from this computer.").format(
                          name=isolate(name))
        else:
            text = tr("{name} is encrypted. Type its passphrase to open it.").format(
                name=isolate(name))
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.first, self.second = QLineEdit(), QLineEdit()
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.Password)
            field.textChanged.connect(self._changed)
        form = QFormLayout()
        form.addRow(tr("&Password") if workbook else tr("&Passphrase"), self.first)
        if new:
            form.addRow(tr("&Again"), self.second)
        self.hint = QLabel()
        self.problem = styled(QLabel(problem), "fieldError")
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(problem))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok = buttons.button(QDialogButtonBox.Ok)
        self.ok.setText(tr("P&rotect") if workbook else tr("&Encrypt") if new else tr("&Open"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        if new:
            layout.addWidget(self.hint)
        if new and plain_allowed:
            self.no_encryption = QPushButton(tr("&Without a password") if workbook
                                             else tr("Make it &without encryption"))
            self.no_encryption.setAutoDefault(False)
            self.no_encryption.clicked.connect(self._plain)
            buttons.addButton(self.no_encryption, QDialogButtonBox.DestructiveRole)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.first.setFocus()
        self._changed()

    def _changed(self) -> None:
        typed = self.first.text()
        if not self.new:
            self.ok.setEnabled(bool(typed))
            return
        self.hint.setText(strength(typed) if typed else "")
        alike = typed == self.second.text()
        if self.second.text() and not alike:
            self.hint.setText(tr("The two passphrases differ."))
        self.ok.setEnabled(len(typed) >= MIN_LENGTH and alike
                           and db.cipher.valid_passphrase(typed))

    def _plain(self) -> None:
        self.plain = True
        self.accept()

    def passphrase(self) -> str:
        return self.first.text()

    def done(self, result: int) -> None:
        typed = self.first.text()
        super().done(result)
        self.typed = typed if result == QDialog.Accepted and not self.plain else None
        self.first.clear()
        self.second.clear()


def open_asking(parent: QWidget | None, path: Path, create: bool = False,
                **options) -> db.Ledger | None:
    """db.open_ledger(path), asking for the passphrase of an encrypted file (again, with
    the reason, after a wrong one), or for the passphrase of a file it makes; None if the
    user cancels. Other problems raise, as db.open_ledger's do."""
    if create and not path.exists():
        chosen, passphrase = dialogs.ask_new_passphrase(parent, path.name)
        if not chosen:
            return None
        return db.open_ledger(path, create=True, passphrase=passphrase, **options)
    try:
        return db.open_ledger(path, create=create, **options)
    except db.PassphraseError as error:
        problem = "" if error.code == "passphrase_needed" else error_text(error)
    while True:
        passphrase = dialogs.ask_passphrase(parent, path.name, problem)
        if passphrase is None:
            return None
        try:
            return db.open_ledger(path, create=create, passphrase=passphrase, **options)
        except db.PassphraseError as error:
            if error.code != "passphrase_wrong":
                raise
            problem = error_text(error)
