"""The command line: parses arguments and calls the core. No logic of its own beyond
turning results into lines of text and errors into exit codes.

Exit status: 0 on success; 1 on bad input or data, with a one-line reason on stderr
and nothing changed; 2 on bad usage (argparse's own).
"""
from __future__ import annotations

import argparse
import csv
import getpass
import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

from db import DateError, LedgerError, find_by_name, open_ledger, parse_day
from db.backup import check_and_back_up
from db.cells import TEXT_LIMIT, risky
from db.demo import create_demo
from db.paths import default_database_path, user_data_folder
from db.press import weekly_report
from db.importer import ImportRefused, import_file
from db.merge import merge_file
from db.workbook import ExportOptions, export_workbook, refuse_ledger_target
from db.totals import COUNT_NAMES, GROUPINGS, WEEK_STARTS, TotalsFilter, scheme_for, totals_by

PROG = "truce-ledger"
# What a terminal is never given raw, from a name or a file's text: control characters
# (C0, DEL, C1: the escape that starts a terminal's sequences among them), every invisible
# format character (Unicode category Cf: the marks and overrides that reorder text, LRM,
# RLM, ALM, the byte-order mark, soft hyphens, tags…), line and paragraph separators, and
# the halves of a character a file name could not be read into. Arabic shows right
# without any of them, so escaping them hides nothing and shows that they are there.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# The two format characters kept: Persian and Arabic names are written with the zero-width
# non-joiner (U+200C, می‌خواهم) and joiner (U+200D); they join or part letters and move
# nothing, and escaping them would garble those names.
_JOINERS = frozenset("\u200c\u200d")
DAY_HELP = ("from this day: 2017-01-04, 4.1.2017, 04/01/2017, 20170104, 4 Jan 2017… "
            "(day first; without a year, the latest such day)")


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
    totals.add_argument("--sentence", action="store_true",
                        help="also give the press sentence of each week (in json and csv, "
                             "as its \"sentence\")")
    export = commands.add_parser("export", parents=[common],
                                 help="write the Excel workbook for a press release")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    export.add_argument("--force", action="store_true",
                        help="replace FILE.xlsx if it exists (else it is left as it is)")
    export.add_argument("--from", dest="date_from", metavar="DATE", help=DAY_HELP)
    export.add_argument("--to", dest="date_to", metavar="DATE", help="to this day")
    weeks = export.add_mutually_exclusive_group()
    weeks.add_argument("--truce", metavar="NAME",
                       help="weeks since this truce went into force (default: the latest)")
    weeks.add_argument("--week-start", choices=sorted(WEEK_STARTS),
                       help="calendar weeks starting on this day")
    export.add_argument("--full", action="store_true",
                        help="include confidential victims and source contacts (not for press)")
    export.add_argument("--office", default="", help="the office's name, for the Summary")
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
                           help="say what would happen, and write nothing")
    merging = commands.add_parser("merge", parents=[common],
                                  help="merge the database of another office into this one")
    merging.add_argument("other", type=Path, metavar="OTHER.sqlite3")
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
        if args.command == "totals":
            return _totals(args)
        if args.command == "export":
            return _export(args)
        if args.command == "import":
            return _import(args)
        if args.command == "merge":
            return _merge(args)
        return _window(args)
    except ImportRefused as refused:
        for row, code, params in refused.report.problems:  # a reason quotes the row's text
            _error(f"row {row}: {_words().reason_text(code, params)}")
        if refused.report.more_problems:
            _error(f"and {refused.report.more_problems} more rows")
        rows = refused.report.rows
        _error(f"{refused.report.refused} of {rows} row{'s' * (rows != 1)} "
               "cannot be imported; nothing was written")
        return 1
    except LedgerError as error:
        _error(_words().error_text(error))
        return 1
    except sqlite3.Error as error:  # a file locked for too long, or damaged on the way
        _error(f"the database could not be read or written: {error}")
        return 1
    except OSError as error:  # a disk full, a folder not writable…
        _error(f"{error.strerror or error}: {error.filename or ''}".rstrip(": "))
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: stopped", file=sys.stderr)
        return 1


def _demo(args: argparse.Namespace) -> int:
    path = args.db or user_data_folder() / "demo.sqlite3"
    result = create_demo(path, size=args.size)
    _say(f"{path}: demo database with {result['breaches']} breaches")
    return 0


def _check(args: argparse.Namespace) -> int:
    path = args.db or default_database_path()
    with open_ledger(path, user=getpass.getuser(), create=False) as ledger:
        report = check_and_back_up(ledger.conn, path)
    print(f"breaches: {report.breaches}")
    print(f"in the Trash: {report.in_trash}")
    print(f"victims: {report.victims}")
    print(f"sources: {report.sources}")
    _say(f"backup: {report.backup}")
    print("ok")
    return 0


def _totals(args: argparse.Namespace) -> int:
    path = args.db or default_database_path()
    date_from, date_to = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if args.out is not None:
        _check_csv_out(args, path)
    with open_ledger(path, user=getpass.getuser(), create=False,
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
            report = weekly_report(ledger, scheme, where)
            table = [{"week": week.label, "from": week.first.isoformat(),
                      "to": week.last.isoformat(), **_counts(week)} for week in report.weeks]
            if args.sentence:
                for row, sentence in zip(table, report.sentences):
                    row["sentence"] = sentence
    if args.format == "json":
        print(_json_escaped(json.dumps(table, ensure_ascii=False, indent=1)))
    elif args.format == "csv":
        _print_csv(table, args.by, args.sentence and not args.by, args.out)
    else:
        _print_table(table, args.by, scheme)
        if not args.by and args.sentence:  # after the table: a sentence is too long for it
            print()
            print("\n\n".join(_printable(row["sentence"]) for row in table))
    return 0


def _export(args: argparse.Namespace) -> int:
    path = args.db or default_database_path()
    if args.out.suffix.lower() != ".xlsx":
        raise LedgerError("not_xlsx", name=args.out.name)
    refuse_ledger_target(path, args.out)
    if args.out.exists() and not args.force:
        raise LedgerError("export_exists", name=str(args.out))
    date_from, date_to = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    # Read-only: an export never writes to the ledger (and works from a read-only disk).
    with open_ledger(path, user=getpass.getuser(), create=False, read_only=True) as ledger:
        options = ExportOptions(
            scheme=scheme_for(ledger, args.truce, args.week_start),
            where=TotalsFilter(date_from=date_from, date_to=date_to),
            full=args.full, office=args.office, right_to_left=args.right_to_left,
            language=args.language, digits=args.digits)
        report = export_workbook(ledger, args.out, options)
    kind = "full (confidential data included)" if args.full else "public"
    _say(f"{args.out}: {kind} workbook, {report.breaches} breaches, {report.victims} victims, "
         f"{report.sources} sources")
    if report.removed_characters:
        _say(f"{_characters(report.removed_characters)} removed (see the Summary)")
    if report.cut_texts:
        texts = "1 text was" if report.cut_texts == 1 else f"{report.cut_texts} texts were"
        print(f"{PROG}: warning: {texts} cut to {TEXT_LIMIT:,} characters, the most a cell "
              "holds (see the Summary)", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    path = args.db or default_database_path()
    with open_ledger(path, user=getpass.getuser(), create=False) as ledger:
        report = import_file(ledger, args.file, dry_run=args.dry_run)
    _say(f"{args.file.name}: {report.summary()}"
         + ("" if report.written else " (dry run: nothing written)"))
    return 0


def _merge(args: argparse.Namespace) -> int:
    path = args.db or default_database_path()
    with open_ledger(path, user=getpass.getuser(), create=False) as ledger:
        report = merge_file(ledger, args.other)
    _say(f"{args.other.name}: {report.summary()}")
    return 0


def _characters(count: int) -> str:
    """"1 control character", "2 control characters": the count with its noun agreeing."""
    return f"{count:,} control character{'s' * (count != 1)}"


def _day(written: str | None, option: str):
    """The day an option names, in any form db/dates.py reads; LedgerError if none."""
    try:
        return parse_day(written) if written else None
    except DateError as error:
        label = option if error.code != "not_a_date" else f"{option} {written!r}"
        raise LedgerError(error.code, **{**error.params, "label": label}) from None


def _counts(row) -> dict:
    return {name: getattr(row, name) for name in COUNT_NAMES}


def _columns(by: str | None) -> list[str]:
    return ([by] if by else ["week", "from", "to"]) + list(COUNT_NAMES)


def _check_csv_out(args: argparse.Namespace, path: Path) -> None:
    if args.format != "csv" or args.out.suffix.lower() != ".csv":
        raise LedgerError("not_csv_out", name=args.out.name)
    refuse_ledger_target(path, args.out)
    if args.out.exists() and not args.force:
        raise LedgerError("export_exists", name=str(args.out))


def _print_csv(table: list[dict], by: str | None, sentence: bool,
               out: Path | None = None) -> None:
    if out is not None:
        # Excel reads a CSV without a byte-order mark in the computer's code page (Arabic
        # turns into Latin letters); with one, as UTF-8. Lines end in CR LF, as in Excel's.
        with open(out, "w", encoding="utf-8-sig", newline="") as handle:
            _write_csv(handle, table, by, sentence, "\r\n", lambda value: value)
        _say(f"{out}: {len(table)} rows")
        return
    # On a terminal the names are shown escaped, as in the table; into a file or a pipe
    # they go as they are, for the spreadsheet that reads them.
    shown = _printable if sys.stdout.isatty() else (lambda value: value)
    _write_csv(sys.stdout, table, by, sentence, "\n", shown)


def _write_csv(handle, table: list[dict], by: str | None, sentence: bool, end: str,
               shown) -> None:
    writer = csv.DictWriter(handle, fieldnames=_columns(by) + [f"{by}_ar"] * bool(by)
                            + ["sentence"] * sentence, lineterminator=end)
    writer.writeheader()
    writer.writerows({key: shown(_csv_cell(value)) if isinstance(value, str) else value
                      for key, value in row.items()} for row in table)


def _csv_cell(value):
    """A text a spreadsheet opening the CSV could take for a formula (=…, +…, -…, @…) or an
    error code, behind an apostrophe, as the spreadsheets themselves mark typed text;
    numbers as they are."""
    return f"'{value}" if isinstance(value, str) and risky(value) else value


def _hidden(ch: str) -> bool:
    """Whether `ch` would act on a terminal or hide there (see _ESCAPED_CATEGORIES)."""
    return unicodedata.category(ch) in _ESCAPED_CATEGORIES and ch not in _JOINERS


def _json_escaped(text: str) -> str:
    """JSON that a terminal shows as it is: json.dumps escapes C0 but leaves DEL, C1 and
    the format characters; these (found only inside strings: the line feeds outside them
    are the layout) become \\uXXXX (a pair of them beyond U+FFFF), which a JSON reader
    turns back into the same characters."""
    def escaped(ch: str) -> str:
        units = ch.encode("utf-16-le", "surrogatepass")
        return "".join(f"\\u{int.from_bytes(units[i:i + 2], 'little'):04x}"
                       for i in range(0, len(units), 2))
    return "".join(escaped(ch) if ch != "\n" and _hidden(ch) else ch for ch in text)


def _printable(text: object) -> str:
    """`text` safe to print on a terminal: what _hidden finds (among them the escape that
    starts a terminal's sequences and the characters that reorder text) is shown as an
    escape (\\x1b, \\u202e, \\U000e0041) instead of acting on the screen; every other
    character, Arabic included, as it is."""
    text = str(text)
    if text.isprintable():
        return text  # isprintable() is False for every character _hidden finds
    return "".join(_escape(ch) if _hidden(ch) else ch for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000
            else f"\\U{code:08x}")


def _say(text: object) -> None:
    """A line of results on stdout, its names and file names escaped."""
    print(_printable(text))


def _words():
    """gui/messages.py, with the translators of the window installed on a Qt Core
    application (no window): the command line says what the window says, in the language
    of Settings, else the system's (English when LANG is C or unset)."""
    from PySide6.QtCore import QCoreApplication

    from gui import messages, settings
    from gui.translations import install_translations
    app = QCoreApplication.instance()
    if app is None:
        app = QCoreApplication([PROG])
        app.setOrganizationName(settings.ORGANIZATION)
        app.setApplicationName(settings.APPLICATION)
        _words.app = app  # kept alive while the command runs
    install_translations(app)
    return messages


def _error(text: object) -> None:
    """A one-line reason on stderr: names from a file (a forged trigger's, a breach type's)
    and file names are escaped, so that the reason stays one line and acts on nothing."""
    print(f"{PROG}: error: {_printable(text)}", file=sys.stderr)


def _print_table(table: list[dict], by: str | None, scheme) -> None:
    columns = _columns(by)
    heading = {"killed_max": "killed≤", "women_max": "women≤", "children_max": "children≤",
               "injured_max": "injured≤"}
    if not by:
        title = (f"Weeks since {scheme.truce.name} ({scheme.truce.start_date})"
                 if scheme.truce else f"Calendar weeks from {scheme.week_start}")
        print(_printable(title))
    total = {c: sum(row[c] for row in table) for c in COUNT_NAMES}
    total.update({columns[0]: "total"})
    rows = [[_printable(str(row.get(c, ""))) for c in columns] for row in table + [total]]
    header = [heading.get(c, c) for c in columns]
    widths = [max(len(x) for x in column) for column in zip(header, *rows)]
    numeric = {c for c in COUNT_NAMES} | {"week"}
    for line in [header] + rows:
        print("  ".join(cell.rjust(w) if c in numeric else cell.ljust(w)
                        for cell, w, c in zip(line, widths, columns)).rstrip())


def _window(args: argparse.Namespace) -> int:
    try:
        from gui.app import run_window
    except ImportError as error:
        raise LedgerError("no_window", reason=str(error)) from None
    return run_window(args.db)
