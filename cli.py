"""The command line: parses arguments and calls the core. No logic of its own beyond
turning results into lines of text (printed by cli_output.py, in the words of the window)
and errors into exit codes.

Exit status: 0 on success; 1 on bad input or data, with a one-line reason on stderr
and nothing changed; 2 on bad usage (argparse's own).
"""
from __future__ import annotations

import argparse
import getpass
import json
import shlex
import sys
from pathlib import Path

from db import DateError, LedgerError, SQLiteError, find_by_name, open_ledger, parse_day
from cli_passphrase import (add_passphrase_file, asked, encryption as _encryption, given,
                            new_database, new_passphrase, open_asking)
from db.errors import PassphraseError
from db.paths import default_database_path, user_data_folder
from db.totals import COUNT_NAMES, GROUPINGS, WEEK_STARTS, TotalsFilter, scheme_for, totals_by
# The other commands' modules (the press sentences, the workbook's openpyxl, the
# importer's readers, the merge, the demo, the check) are imported by the commands that
# use them: a start that does not need them (the window) does not wait for them.

# The printing (cli_output.py), its names also reached here as before (cli.PROG, cli._say).
from cli_output import (PROG, _error, _json_escaped, _print_csv, _print_table, _printable,
                        _say, _warn, _words)

DAY_HELP = ("from this day: 2017-01-04, 4.1.2017, 04/01/2017, 20170104, 4 Jan 2017… "
            "(day first; without a year, the latest such day)")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a --db given before the command is not reset by the command's own.
    common.add_argument("--db", type=Path, metavar="PATH", default=argparse.SUPPRESS,
                        help="the database file (default: one in your data folder)")
    add_passphrase_file(common)
    parser = argparse.ArgumentParser(
        prog=PROG, parents=[common],
        description="Record ceasefire breaches, their victims and sources; "
                    "without a command, opens the window.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    new = commands.add_parser(
        "new", parents=[common],
        help="make an empty database, encrypted with a passphrase (asked twice on the "
             "terminal) unless --no-encryption")
    new.add_argument("--office", default="",
                     help="the office's name, kept in the file: its breaches and exports "
                          "carry it where no other is set")
    new.add_argument("--no-encryption", action="store_true",
                     help="a plain database: anyone who copies the file reads it all")
    rekey = commands.add_parser(
        "rekey", parents=[common],
        help="change the passphrase of an encrypted database (backups keep theirs)")
    add_passphrase_file(rekey, "--new-passphrase-file", "the new")
    commands.add_parser(
        "encrypt", parents=[common],
        help="encrypt a plain database, and its backups, with a passphrase (asked twice "
             "on the terminal, or --passphrase-file)")
    decrypt = commands.add_parser(
        "decrypt", parents=[common],
        help="write a plain, unencrypted copy of an encrypted database, for another tool")
    decrypt.add_argument("--out", type=Path, required=True, metavar="PLAIN.sqlite3")
    decrypt.add_argument("--yes", action="store_true",
                         help="do not ask first (anyone who gets the copy reads it all)")
    demo = commands.add_parser(
        "demo", parents=[common],
        help="make a demo database: the first week of the 2017 nationwide ceasefire")
    demo.add_argument("--size", type=int, default=0, metavar="N",
                      help="add N synthetic breaches over later weeks (same every run)")
    check = commands.add_parser("check", parents=[common],
                                help="check the database's integrity, then back it up")
    check.add_argument("--recount", action="store_true",
                       help="count the weekly totals kept per day again from the breaches, and"
                            " build the search index again, where they differ")
    totals = commands.add_parser("totals", parents=[common],
                                 help="breaches and casualties per week, or per group")
    weeks = totals.add_mutually_exclusive_group()
    weeks.add_argument("--truce", metavar="NAME",
                       help="weeks since this truce went into force (default: the latest)")
    weeks.add_argument("--week-start", choices=sorted(WEEK_STARTS),
                       help="calendar weeks starting on this day")
    totals.add_argument("--from", dest="date_from", metavar="DATE", help=DAY_HELP)
    totals.add_argument("--to", dest="date_to", metavar="DATE", help="to this day")
    totals.add_argument("--by", choices=sorted(GROUPINGS), help="per group instead of per week")
    totals.add_argument("--governorate", metavar="NAME", help="only this governorate")
    totals.add_argument("--actor", metavar="NAME", help="only this perpetrator")
    totals.add_argument("--type", dest="breach_type", metavar="NAME", help="only this type")
    totals.add_argument("--confirmed-only", action="store_true",
                        help="only breaches graded confirmed")
    totals.add_argument("--format", choices=("table", "csv", "json"), default="table")
    totals.add_argument("--out", type=Path, metavar="FILE.csv",
                        help="with --format csv: write FILE.csv for Excel (UTF-8 with the "
                             "byte-order mark Excel needs to read Arabic; stdout has none)")
    totals.add_argument("--force", action="store_true", help="replace FILE.csv if it exists")
    totals.add_argument("--sentence", nargs="?", const="en", choices=("en", "ar"),
                        help="also give the press sentence of each week, in English (the "
                             "default) or Arabic (in json and csv, as its \"sentence\")")
    totals.add_argument("--digits", choices=("western", "arabic"), default="western",
                        help="the digits of the Arabic sentence: 0-9 (default) or ٠-٩")
    export = commands.add_parser("export", parents=[common],
                                 help="write the Excel workbook for a press release")
    export.add_argument("--out", type=Path, metavar="FILE.xlsx")
    export.add_argument("--pdf", type=Path, metavar="FILE.pdf",
                        help="the press release as a PDF too (or alone): the sentence in "
                             "English and Arabic, the week's figures, the chart, the weeks")
    export.add_argument("--force", action="store_true",
                        help="replace FILE.xlsx or FILE.pdf if it exists (else it is left "
                             "as it is)")
    export.add_argument("--from", dest="date_from", metavar="DATE", help=DAY_HELP)
    export.add_argument("--to", dest="date_to", metavar="DATE", help="to this day")
    weeks = export.add_mutually_exclusive_group()
    weeks.add_argument("--truce", metavar="NAME",
                       help="weeks since this truce went into force (default: the latest)")
    weeks.add_argument("--week-start", choices=sorted(WEEK_STARTS),
                       help="calendar weeks starting on this day")
    export.add_argument("--full", action="store_true",
                        help="include confidential victims and source contacts (not for press)")
    export.add_argument("--password-file", type=Path, metavar="FILE", default=None,
                        help="with --full: protect the workbook with the password in the "
                             "first line of FILE (Excel and LibreOffice ask for it)")
    export.add_argument("--office", default="", help="the office's name, for the Summary")
    export.add_argument("--press-sheet", action="store_true",
                        help="a sheet \"For the press release\": the week's sentence in "
                             "English and Arabic, its figures, the chart as a picture")
    export.add_argument("--breach-ids", action="store_true",
                        help="a public workbook keeps the breaches' IDs and when each was "
                             "last changed, for corrections imported back")
    export.add_argument("--right-to-left", action="store_true",
                        help="sheets read right to left, for an Arabic-speaking office")
    export.add_argument("--language", choices=("en", "ar"), default="en",
                        help="the workbook's words: sheet names, headers, list values and "
                             "the press sentence in English or in Arabic (Arabic sheets read "
                             "right to left)")
    export.add_argument("--digits", choices=("western", "arabic"), default="western",
                        help="the digits of numbers in the Arabic text (0-9 or ٠-٩)")
    importing = commands.add_parser("import", parents=[common],
                                    help="import breaches from an .xlsx or .csv file")
    importing.add_argument("file", type=Path, metavar="FILE.xlsx|FILE.csv")
    importing.add_argument("--dry-run", action="store_true",
                           help="say what would happen, and write nothing; then print the"
                                " command that imports exactly that")
    importing.add_argument("--agreed", metavar="TOKEN",
                           help="import exactly what the dry run that printed TOKEN said, or"
                                " nothing if the file or those breaches changed since")
    merging = commands.add_parser("merge", parents=[common],
                                  help="merge the database of another office into this one")
    merging.add_argument("other", type=Path, metavar="OTHER.sqlite3")
    add_passphrase_file(merging, "--other-passphrase-file", "the other database's")
    return parser


def run(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db = getattr(args, "db", None)
    try:
        if args.command == "new":
            return new_database(args)
        if args.command in ("rekey", "encrypt", "decrypt"):
            from cli_passphrase import change
            return change(args)
        if args.command == "demo":
            return _demo(args)
        if args.command == "check":
            return _check(args)
        if args.command == "totals":
            return _totals(args)
        if args.command == "export":
            from cli_export import export
            return export(args)
        if args.command == "import":
            return _import(args)
        if args.command == "merge":
            return _merge(args)
        return _window(args)
    except LedgerError as error:
        _error(_words().error_text(error))
        return 1
    except SQLiteError as error:  # a file locked for too long, or damaged on the way
        _error(f"the database could not be read or written: {error}")
        return 1
    except OSError as error:  # a disk full, a folder not writable…
        _error(f"{error.strerror or error}: {error.filename or ''}".rstrip(": "))
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: stopped", file=sys.stderr)
        return 1


def _demo(args: argparse.Namespace) -> int:
    from db.demo import create_demo

    path = args.db or user_data_folder() / "demo.sqlite3"
    passphrase = given(args)
    result = create_demo(path, size=args.size, passphrase=passphrase)
    _say(f"{path}: demo database with {result['breaches']} breaches, "
         f"{_encryption(passphrase)}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from db.backup import check_and_back_up

    path = args.db or default_database_path()
    with open_asking(args, path, user=getpass.getuser(), create=False) as ledger:
        report = check_and_back_up(ledger.conn, path, recount=args.recount)
    if report.recounted is not None:
        recounted = report.recounted
        print(f"totals recounted: {recounted.removed} rows removed, {recounted.written} written")
        if recounted.places:
            print("place counts written again")
        if recounted.search_index:
            print("search index built again")
    print(f"breaches: {report.breaches}")
    print(f"in the Trash: {report.in_trash}")
    print(f"victims: {report.victims}")
    print(f"sources: {report.sources}")
    _say(f"backup: {report.backup}")
    print("ok")
    return 0


def _totals(args: argparse.Namespace) -> int:
    from db.press import weekly_report
    from db.press_ar import plain
    path = args.db or default_database_path()
    date_from, date_to = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if args.out is not None:
        _check_csv_out(args, path)
    with open_asking(args, path, user=getpass.getuser(), create=False,
                     read_only=True) as ledger, \
            ledger.snapshot():  # the weeks, their sentences and lists read at one moment
        scheme = scheme_for(ledger, args.truce, args.week_start)
        where = TotalsFilter(date_from=date_from, date_to=date_to,
                             confirmed_only=args.confirmed_only)
        for kind, name, field in (("governorate", args.governorate, "governorate_id"),
                                  ("actor", args.actor, "actor_id"),
                                  ("breach_type", args.breach_type, "breach_type_id")):
            if name:
                key = find_by_name(ledger, kind, name)
                if key is None:
                    raise LedgerError("no_such_name", kind=kind.replace("_", " "), name=name)
                setattr(where, field, key)
        if args.by:
            rows = totals_by(ledger, args.by, where, scheme)
            table = [{args.by: row.name, **_counts(row), f"{args.by}_ar": row.name_ar}
                     for row in rows]  # the Arabic name last: the columns before stay
        else:
            report = weekly_report(ledger, scheme, where, args.digits)
            table = [{"week": week.label, "from": week.first.isoformat(),
                      "to": week.last.isoformat(), **_counts(week)} for week in report.weeks]
            sentences = report.sentences_ar if args.sentence == "ar" else report.sentences
            if args.sentence == "ar" and args.format != "json" and args.out is None \
                    and sys.stdout.isatty():  # a terminal would show its marks as \u200f
                sentences = [plain(sentence) for sentence in sentences]
            if args.sentence:
                for row, sentence in zip(table, sentences):
                    row["sentence"] = sentence
    if args.format == "json":
        print(_json_escaped(json.dumps(table, ensure_ascii=False, indent=1)))
    elif args.format == "csv":
        _print_csv(table, args.by, bool(args.sentence) and not args.by, args.out)
    else:
        _print_table(table, args.by, scheme)
        if not args.by and args.sentence:  # after the table: a sentence is too long for it
            print()
            print("\n\n".join(_printable(row["sentence"]) for row in table))
    return 0


def _import(args: argparse.Namespace) -> int:
    from db.importer import ImportRefused, import_file

    path = args.db or default_database_path()
    made = not (path.exists() or path.is_symlink())
    if made:  # made, and said so; a dry run writes nothing, a file neither
        if args.dry_run:
            raise LedgerError("missing", name=str(path))
        passphrase = new_passphrase(args)
        open_ledger(path, user=getpass.getuser(), passphrase=passphrase).close()
        print(f"{PROG}: {path} did not exist: a new database was made, "
              f"{_encryption(passphrase)}", file=sys.stderr)
    try:
        with open_asking(args, path, user=getpass.getuser(), create=False) as ledger:
            report = import_file(ledger, args.file, dry_run=args.dry_run, agreed=args.agreed)
    except BaseException as error:
        for leftover in [path, Path(f"{path}-wal"), Path(f"{path}-shm")] if made else []:
            leftover.unlink(missing_ok=True)  # the file made for it goes with the import
        if not isinstance(error, ImportRefused):
            raise
        words = _words("report_words")
        for line in words.import_refusal(error.report):
            _error(line)  # a reason quotes the row's text: escaped
        if error.report.ignored_columns:
            _warn(words.ignored_columns(error.report))
        return 1
    words = _words("report_words")
    _say(f"{args.file.name}: {words.import_summary(report)}")
    if args.dry_run and report.token:
        again = ["truce-ledger", "import", str(args.file)]
        if getattr(args, "passphrase_file", None) is not None:
            again += ["--passphrase-file", str(args.passphrase_file)]
        again += ["--db", str(args.db)] if args.db else []
        _say(words.agreed_command(shlex.join(again + ["--agreed", report.token])))
    if report.ignored_columns:  # never dropped unsaid; on stderr, beside other warnings
        _warn(words.ignored_columns(report))
    return 0


def _merge(args: argparse.Namespace) -> int:
    from db.merge import merge_file

    path = args.db or default_database_path()
    other_passphrase = given(args, "other_passphrase_file", environment=False)
    with open_asking(args, path, user=getpass.getuser(), create=False) as ledger:
        try:
            report = merge_file(ledger, args.other, other_passphrase=other_passphrase)
        except PassphraseError as error:
            if error.code != "passphrase_needed" or other_passphrase is not None:
                raise
            typed = asked(f"Passphrase of {args.other.name}: ")
            if typed is None:
                raise LedgerError("other_passphrase_not_given", name=args.other.name) from None
            report = merge_file(ledger, args.other, other_passphrase=typed)
    _say(f"{args.other.name}: {_words('report_words').merge_summary(report)}")
    return 0


def _day(written: str | None, option: str):
    """The day an option names, in any form db/dates.py reads; LedgerError if none."""
    try:
        return parse_day(written) if written else None
    except DateError as error:
        label = option if error.code != "not_a_date" else f"{option} {written!r}"
        raise LedgerError(error.code, **{**error.params, "label": label}) from None


def _counts(row) -> dict:
    return {name: getattr(row, name) for name in COUNT_NAMES}


def _check_csv_out(args: argparse.Namespace, path: Path) -> None:
    from db.workbook import refuse_ledger_target

    if args.format != "csv" or args.out.suffix.lower() != ".csv":
        raise LedgerError("not_csv_out", name=args.out.name)
    refuse_ledger_target(path, args.out)
    if args.out.exists() and not args.force:
        raise LedgerError("export_exists", name=str(args.out))


def _window(args: argparse.Namespace) -> int:
    try:
        from gui.app import run_window
    except ImportError as error:
        raise LedgerError("no_window", reason=str(error)) from None
    return run_window(args.db)
