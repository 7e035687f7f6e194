"""The command `export` (cli.py): the workbook (--out), the PDF for the press (--pdf), or
both, of the weeks and dates asked, read-only from the database."""
from __future__ import annotations

import argparse
import getpass
import sys

from cli import _day
from cli_output import PROG, _say
from cli_passphrase import given, open_asking
from db import LedgerError
from db.paths import default_database_path
from db.totals import TotalsFilter, scheme_for


def export(args: argparse.Namespace) -> int:
    from db.cells import TEXT_LIMIT
    from db.workbook import ExportOptions, export_workbook, refuse_ledger_target

    path = args.db or default_database_path()
    if args.out is None and args.pdf is None:
        raise LedgerError("export_needs_out")
    if args.out is not None and args.out.suffix.lower() != ".xlsx":
        raise LedgerError("not_xlsx", name=args.out.name)
    if args.pdf is not None and args.pdf.suffix.lower() != ".pdf":
        raise LedgerError("not_pdf", name=args.pdf.name)
    for target in (args.out, args.pdf):
        if target is not None:
            refuse_ledger_target(path, target)
            if target.exists() and not args.force:
                raise LedgerError("export_exists", name=str(target))
    date_from, date_to = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    # Read-only: an export never writes to the ledger (and works from a read-only disk).
    with open_asking(args, path, user=getpass.getuser(), create=False,
                     read_only=True) as ledger:
        options = ExportOptions(
            scheme=scheme_for(ledger, args.truce, args.week_start),
            where=TotalsFilter(date_from=date_from, date_to=date_to),
            full=args.full, breach_ids=args.breach_ids, office=args.office or ledger.office,
            right_to_left=args.right_to_left,
            language=args.language, digits=args.digits,
            password=given(args, "password_file", environment=False))
        report = None
        if args.out is not None:  # first: the workbook is the more likely to fail
            if args.press_sheet:
                from gui.press_pdf import chart_png_here
                options.press_sheet, options.chart_png = True, chart_png_here(ledger, options)
            report = export_workbook(ledger, args.out, options)
        if args.pdf is not None:
            from gui.press_pdf import write_press_pdf_here
            done = write_press_pdf_here(ledger, args.pdf, options)
            weeks = "1 week" if done.weeks == 1 else f"{done.weeks} weeks"
            _say(f"{args.pdf}: PDF for the press, {weeks}, {done.breaches} breaches")
    if report is None:
        return 0
    kind = "full (confidential data included)" if args.full else "public"
    locked = ", protected with a password" if options.password is not None else ""
    _say(f"{args.out}: {kind} workbook{locked}, {report.breaches} breaches, "
         f"{report.victims} victims, {report.sources} sources")
    if report.removed_characters:
        _say(f"{_characters(report.removed_characters)} removed (see the Summary)")
    if report.cut_texts:
        texts = "1 text was" if report.cut_texts == 1 else f"{report.cut_texts} texts were"
        print(f"{PROG}: warning: {texts} cut to {TEXT_LIMIT:,} characters, the most a cell "
              "holds (see the Summary)", file=sys.stderr)
    return 0


def _characters(count: int) -> str:
    """"1 control character", "2 control characters": the count with its noun agreeing."""
    return f"{count:,} control character{'s' * (count != 1)}"
