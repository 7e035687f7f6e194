"""The command line: parses arguments and calls the core. No logic of its own beyond
turning results into lines of text and errors into exit codes.

Exit status: 0 on success; 1 on bad input or data, with a one-line reason on stderr
and nothing changed; 2 on bad usage (argparse's own).
"""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from db import LedgerError, open_ledger
from db.backup import check_and_back_up
from db.demo import create_demo
from db.paths import default_database_path, user_data_folder

PROG = "truce-ledger"


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a --db given before the command is not reset by the command's own.
    common.add_argument("--db", type=Path, metavar="PATH", default=argparse.SUPPRESS,
                        help="the database file (default: one in your data folder)")
    parser = argparse.ArgumentParser(
        prog=PROG, parents=[common],
        description="Record ceasefire breaches, their victims and sources; "
                    "without a command, opens the window.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo", parents=[common],
        help="make a demo database: the first week of the 2017 nationwide ceasefire")
    demo.add_argument("--size", type=int, default=0, metavar="N",
                      help="add N synthetic breaches over later weeks (same every run)")
    commands.add_parser("check", parents=[common],
                        help="check the database's integrity, then back it up")
    return parser


def run(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db = getattr(args, "db", None)
    try:
        if args.command == "demo":
            return _demo(args)
        if args.command == "check":
            return _check(args)
        return _window(args)
    except LedgerError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a disk full, a folder not writable…
        print(f"{PROG}: error: {error.strerror or error}: {error.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: stopped", file=sys.stderr)
        return 1


def _demo(args: argparse.Namespace) -> int:
    path = args.db or user_data_folder() / "demo.sqlite3"
    result = create_demo(path, size=args.size)
    print(f"{path}: demo database with {result['breaches']} breaches")
    return 0


def _check(args: argparse.Namespace) -> int:
    path = args.db or default_database_path()
    with open_ledger(path, user=getpass.getuser(), create=False) as ledger:
        report = check_and_back_up(ledger.conn, path)
    print(f"breaches: {report.breaches}")
    print(f"in the Trash: {report.in_trash}")
    print(f"victims: {report.victims}")
    print(f"sources: {report.sources}")
    print(f"backup: {report.backup}")
    print("ok")
    return 0


def _window(args: argparse.Namespace) -> int:
    try:
        from gui.app import run_window
    except ImportError as error:
        raise LedgerError(f"the window cannot start: {error}") from None
    return run_window(args.db)
