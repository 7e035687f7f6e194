"""Where the command line finds the passphrase of an encrypted ledger: the first line of
--passphrase-file, else the environment variable TRUCE_LEDGER_PASSPHRASE, else the
terminal, asked without showing what is typed. Never from an argument: a command line is
seen by every user of the computer and kept in shell histories.

A plain ledger opens whatever passphrase is given; the terminal is asked only when the
file turns out to be encrypted, or when a new ledger is made.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from db import LedgerError, open_ledger
from db.cipher import MIN_PASSPHRASE, valid_passphrase
from db.errors import PassphraseError

ENVIRONMENT = "TRUCE_LEDGER_PASSPHRASE"


def add_passphrase_file(parser: argparse.ArgumentParser, option: str = "--passphrase-file",
                        whose: str = "the database's") -> None:
    fallback = f"${ENVIRONMENT}, else " if option == "--passphrase-file" else ""
    parser.add_argument(option, type=Path, metavar="FILE", default=argparse.SUPPRESS,
                        help=f"{whose} passphrase, when it is encrypted: the first line of "
                             f"FILE (else {fallback}asked on the terminal)")


def _first_line(path: Path) -> str:
    try:
        text = path.read_text("utf-8")
    except OSError as error:
        raise LedgerError("passphrase_file_unreadable", name=str(path),
                          reason=error.strerror or str(error)) from None
    except UnicodeDecodeError:
        raise LedgerError("passphrase_file_unreadable", name=str(path),
                          reason="not UTF-8 text") from None
    # Notepad's mark of a byte order, before the first line, is not part of it.
    return text.removeprefix("\ufeff").splitlines()[0] if text.strip("\ufeff") else ""


def _checked(passphrase: str, where: str) -> str:
    if not valid_passphrase(passphrase):
        raise LedgerError("passphrase_unusable", where=where)
    return passphrase


def given(args: argparse.Namespace, option: str = "passphrase_file",
          environment: bool = True) -> str | None:
    """The passphrase given without asking: the first line of the file of `option`, else
    (when `environment`) the environment's; None when there is none."""
    path = getattr(args, option, None)
    if path is not None:
        return _checked(_first_line(path), str(path))
    if environment and os.environ.get(ENVIRONMENT):
        return _checked(os.environ[ENVIRONMENT], ENVIRONMENT)
    return None


def asked(prompt: str, twice: bool = False) -> str | None:
    """A passphrase typed on the terminal (twice, alike, for a new one); None when there
    is no terminal to ask."""
    if not sys.stdin.isatty():
        return None
    try:
        typed = getpass.getpass(prompt)
        if twice and getpass.getpass("The same passphrase again: ") != typed:
            raise LedgerError("passphrases_differ")
    except EOFError:  # Ctrl+D: nothing typed
        return None
    return _checked(typed, "the terminal")


def open_asking(args: argparse.Namespace, path: Path, **options):
    """open_ledger(path, **options), with the passphrase given, or asked on the terminal
    when the file is encrypted and none was given. Without a terminal to ask:
    LedgerError "passphrase_not_given", which says how to give one."""
    passphrase = given(args)
    try:
        return open_ledger(path, passphrase=passphrase, **options)
    except PassphraseError as error:
        if error.code != "passphrase_needed" or passphrase is not None:
            raise
    typed = asked(f"Passphrase of {path.name}: ")
    if typed is None:
        raise LedgerError("passphrase_not_given", name=path.name, variable=ENVIRONMENT)
    return open_ledger(path, passphrase=typed, **options)


def new_passphrase(args: argparse.Namespace, option: str = "passphrase_file",
                   environment: bool = True) -> str | None:
    """The passphrase of a new ledger (or a new one of a ledger): given, or asked twice on
    the terminal; None when there is neither. LedgerError "passphrase_short" when it is
    shorter than the window would take."""
    chosen = (given(args, option, environment)
              or asked("Passphrase of the new database: ", twice=True))
    if chosen is not None and len(chosen) < MIN_PASSPHRASE:
        raise LedgerError("passphrase_short", n=MIN_PASSPHRASE)
    return chosen


def encryption(passphrase: str | None) -> str:
    """How a file made with `passphrase` is kept, in the words of a command's line."""
    return "encrypted" if passphrase else "not encrypted (anyone who copies it reads it)"


def new_database(args: argparse.Namespace) -> int:
    """The command new: an empty database, encrypted unless --no-encryption."""
    from cli_output import _say
    from db.paths import default_database_path

    path = args.db or default_database_path()
    if path.exists() or path.is_symlink():
        raise LedgerError("new_exists", name=str(path))
    passphrase = None if args.no_encryption else new_passphrase(args)
    if passphrase is None and not args.no_encryption:
        raise LedgerError("new_needs_passphrase")
    with open_ledger(path, user=getpass.getuser(), passphrase=passphrase) as ledger:
        if args.office.strip():
            ledger.name_office(args.office)
    _say(f"{path}: new database, {encryption(passphrase)}")
    return 0


def change(args: argparse.Namespace) -> int:
    """The commands rekey, encrypt and decrypt."""
    from cli_output import _say
    from db import passphrases
    from db.paths import default_database_path

    path = args.db or default_database_path()
    if args.command == "encrypt":
        passphrase = new_passphrase(args)
        if passphrase is None:
            raise LedgerError("encrypt_needs_passphrase")
        backups = len(passphrases.encrypt_file(path, passphrase))
        _say(f"{path}: encrypted, and {backups} backup{'s' * (backups != 1)}; the plain "
             "file's bytes may stay on the disk until written over (see README)")
        return 0
    with open_asking(args, path, user=getpass.getuser(), create=False) as ledger:
        if args.command == "rekey":
            new = new_passphrase(args, "new_passphrase_file", environment=False)
            if new is None:
                raise LedgerError("new_passphrase_not_given")
            passphrases.change_passphrase(ledger, new)
            _say(f"{path}: passphrase changed (backups keep the one they were made with)")
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                raise LedgerError("decrypt_not_confirmed")
            try:
                answer = input(f"{args.out} will not be encrypted: anyone who gets it "
                               "reads every record. Write it? [y/N] ")
            except EOFError:
                answer = ""
            if answer.strip().lower() not in ("y", "yes"):
                raise LedgerError("cancelled")
        passphrases.decrypted_copy(ledger, args.out)
    _say(f"{args.out}: plain copy of {path.name}, not encrypted")
    return 0
