"""The Excel workbook for a press release (public) or for the office (full).

Written with openpyxl's write-only mode, row by row. Each sheet's XML is held in memory,
compressed, until the workbook is saved (workbook_held.py): no sheet is ever a file of its
own, so nothing of an encrypted ledger is written in plain text while an export runs. The
workbook is written in a private folder beside the target
(`.NAME.xlsx.<pid>@<host>.<random>.parts`, mode 0700), never in the system's temporary
folder: it is removed when the export ends, however it ends, and the next export into that
folder removes what a killed one left. The workbook is moved into place only when
complete: a cancelled or failed export leaves nothing behind. A full export is readable by
its owner only; with a password, only its encrypted form is ever written. Everything the
workbook says is read in one snapshot of the file, so its sheets agree however many
breaches other copies of the program save meanwhile. Dates are dates and numbers are
numbers; text is always text, never a formula.
"""
from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable
from zipfile import ZIP_DEFLATED

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from .cells import SafeText, header_width, letter
from .errors import LedgerError
from .listing import BreachFilter
from .paths import host, remember_export_folder, remove_dead_exports
from .store import Ledger, fsync_path
from .question import Question
from .totals import TotalsFilter, WeekScheme, grand_total, totals_by, weekly_totals, within
from .workbook_breaches import (_ID_COLUMNS, _PERSONAL_COLUMNS, BREACH_HEADERS, _breaches,
                                _fitted_widths, _go_on)
from .workbook_held import Archive, hold_sheet
from .workbook_press import PRESS_SHEET, press_sheet
from .workbook_press import WIDTHS as PRESS_WIDTHS
from .workbook_summary import COUNT_HEADERS, Wording, groups_sheet, summary_sheet, weekly_sheet
from .workbook_words import LANGUAGES
from .workbook_victims import sources_sheet, victim_columns, victims_sheet

_DISK_FULL = {errno.ENOSPC} | ({errno.EDQUOT} if hasattr(errno, "EDQUOT") else set())

@dataclass
class ExportOptions:
    """What goes into the workbook."""

    scheme: WeekScheme = field(default_factory=WeekScheme)
    where: TotalsFilter = field(default_factory=TotalsFilter)
    # The week whose press sentence the Summary gives (its first day: the week selected in
    # the Weekly totals view); None: the latest week with breaches, named as such.
    week: date | None = None
    full: bool = False  # with confidential victims and source contacts
    office: str = ""
    title: str = ""  # empty: "Breaches of the ceasefire", in the workbook's language
    right_to_left: bool = False  # sheets read right to left (always, in Arabic)
    language: str = "en"  # of every word the workbook writes: "en" or "ar"
    digits: str = "western"  # of numbers written in Arabic text: western or arabic
    # A full workbook's password (Excel's own encryption, ECMA-376 agile: Excel and
    # LibreOffice ask for it); None: none. A public workbook is meant to be shared.
    password: str | None = None
    # A public workbook's breaches keep their IDs (which corrections imported back need);
    # off by default: a press file carries nothing of the office's own. A full one always.
    breach_ids: bool = False
    # A sheet "For the press release" after the Summary (db/workbook_press.py), with the
    # chart of the weeks as this PNG picture when one is given (drawn by the caller).
    press_sheet: bool = False
    chart_png: bytes | None = None

    @property
    def with_ids(self) -> bool:
        return self.full or self.breach_ids

    @classmethod
    def asking(cls, question: Question, **others) -> "ExportOptions":
        """The options of a workbook that answers `question`, as the view showed it."""
        return cls(scheme=question.scheme, where=question.where, week=question.week,
                   **others)


@dataclass
class ExportReport:
    """What the export wrote."""

    path: Path
    breaches: int = 0
    victims: int = 0
    sources: int = 0
    left_out: int = 0  # confidential victims not in a public export
    discounted: int = 0  # listed in the Breaches sheet, left out of every total
    removed_characters: int = 0
    cut_texts: int = 0  # texts longer than a cell holds, cut to TEXT_LIMIT characters


def export_workbook(ledger: Ledger, target: str | os.PathLike, options: ExportOptions,
                    progress: Callable[[int, int], bool] | None = None) -> ExportReport:
    """Write the workbook of `options` to `target`. `progress(done, total)` returning False
    cancels (LedgerError "cancelled"); nothing is left at `target` then, nor on failure,
    and nothing anywhere else either."""
    target = Path(target)
    refuse_ledger_target(ledger.path, target)
    if options.password is not None and not options.full:
        raise LedgerError("password_public")
    report = ExportReport(path=target)
    parts = None
    try:
        remove_dead_exports(target.parent)
        # Remembered before the sheets are written: if this export is killed, the next
        # start of the program (or of any command) removes its working folder.
        remember_export_folder(target.parent)
        parts = _parts_folder(target)
        book = Workbook(write_only=True)
        try:
            with ledger.snapshot():  # every sheet reads the file as it was at one moment
                text = _write(ledger, book, options, report, progress)
            _close_sheets(book, mend_carriage_returns=text.carriage_returns)
            whole = parts / "workbook.xlsx"
            _save(book, whole, owner_only=options.full, password=options.password)
            _go_on(progress, report.breaches, report.breaches)  # a Cancel while saving
        except BaseException:
            _discard(book)
            raise
        os.replace(whole, target)
        fsync_path(target.parent)  # the rename reaches the disk
    except OSError as error:
        raise _not_written(target, error) from None
    finally:
        if parts is not None:
            shutil.rmtree(parts, ignore_errors=True)
    return report


def refuse_ledger_target(ledger_path: str | os.PathLike, target: str | os.PathLike) -> None:
    """Refuse to export onto the database itself (or its journal files), under whatever
    name: another spelling of the path, a symbolic link, a hard link. An export replaces
    its target, and a workbook in place of the ledger loses every breach."""
    ledger_path, target = Path(ledger_path), Path(target)
    for suffix in ("", "-wal", "-shm", "-journal"):
        kept = Path(f"{ledger_path}{suffix}")
        same = _resolved(target) == _resolved(kept)
        if not same:
            with contextlib.suppress(OSError):
                same = os.path.samefile(target, kept)
        if same:
            raise LedgerError("export_onto_ledger", name=target.name)


def _resolved(path: Path) -> Path | None:
    try:
        return Path(os.path.normcase(path.resolve()))
    except (OSError, RuntimeError):  # a loop of links
        return None


def _parts_folder(target: Path) -> Path:
    """A new private folder (0700) beside `target` for the export's working files."""
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}@{host()}.",
                                 suffix=".parts", dir=target.parent))


def _not_written(target: Path, error: OSError) -> LedgerError:
    """What the user reads when the workbook could not be written: a full disk says so,
    and names the folder."""
    reason = error.strerror or str(error)
    if error.errno in _DISK_FULL:
        folder = str(target.parent.absolute())
        return LedgerError("export_disk_full",
                           folder=folder, name=target.name)
    return LedgerError("not_written",
                       name=target.name, reason=reason)


def _close_sheets(book: Workbook, mend_carriage_returns: bool) -> None:
    """End every sheet's XML; where a text held a carriage return, have it written as the
    character reference &#13;, which every reader keeps (a bare one is read as a line
    feed by XML's rules, so "\r=1" would come back as "\n=1")."""
    for ws in book.worksheets:
        if not ws.closed:
            ws.close()
        ws._writer.out.mend_carriage_returns = mend_carriage_returns


def _save(book: Workbook, path: Path, owner_only: bool, password: str | None = None) -> None:
    """Write the workbook into `path`, a new file: readable by its owner only when it holds
    confidential data, and on the disk (fsync) before it is moved into place. The zip
    archive is closed here, whether it is whole or not, so that nothing writes to it
    later (a half-written archive would try again, and complain, when collected). With a
    `password`, the archive is made in memory and only its encrypted form is written."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL,
                         0o600 if owner_only else 0o666)
    with open(descriptor, "wb") as handle:
        plain = io.BytesIO() if password is not None else handle
        archive = Archive(plain, "w", ZIP_DEFLATED, allowZip64=True)
        try:
            book.properties.modified = datetime.now(timezone.utc).replace(tzinfo=None)
            ExcelWriter(book, archive).save()
        except BaseException:
            with contextlib.suppress(Exception):
                archive.close()
            raise
        if password is not None:
            from msoffcrypto.format.ooxml import OOXMLFile
            plain.seek(0)
            OOXMLFile(plain).encrypt(password, handle)
        handle.flush()
        os.fsync(handle.fileno())


def _discard(book: Workbook) -> None:
    """Close the sheets of a workbook that will not be saved, and let go of them."""
    for ws in book.worksheets:
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()
        with contextlib.suppress(Exception):
            ws._writer.out.drop()


def _write(ledger: Ledger, book: Workbook, options: ExportOptions,
           report: ExportReport, progress) -> SafeText:
    """Every sheet, read from the ledger and held in memory until the workbook is saved;
    returns the guard every text went through (what it removed, cut and noted)."""
    current = {"sheet": None}
    text = SafeText(lambda: current["sheet"])
    if options.language not in LANGUAGES:
        raise LedgerError("export_language", language=options.language)
    say = Wording(options.language, options.digits)

    def sheet(title: str, widths: list[int], header: bool = True, wide: bool = False):
        # A write-only sheet writes its view before its first row: set it all up first.
        ws = book.create_sheet(say(title))
        current["sheet"] = ws
        ws.sheet_view.rightToLeft = options.right_to_left or options.language == "ar"
        if header:
            ws.freeze_panes = "A2"
        for number, width in enumerate(widths, start=1):
            ws.column_dimensions[letter(number)].width = width
        print_setup(ws, say, wide)
        hold_sheet(ws)
        return ws

    # Arabic labels are longer than English ones: the Summary's first column is wider.
    summary = sheet("Summary", [50 if options.language == "ar" else 44, 76, 16],
                    header=False)
    press = sheet(PRESS_SHEET, PRESS_WIDTHS, header=False) if options.press_sheet else None
    where = within(options.scheme, options.where)
    if where.date_from and where.date_to and where.date_to < where.date_from:
        where.date_to = where.date_from - timedelta(days=1)  # the range misses the truce
    weeks = weekly_totals(ledger, options.scheme, where)
    total = grand_total(weeks)
    # The sheets of counts print one page wide at 8 points or more: each column of counts
    # as narrow as its header's longest word lets it be.
    counts = [max(10, header_width(say(name))) for name in COUNT_HEADERS]
    # The Week column holds the week's number since a truce, or its first day (a date).
    week_width = 8 if options.scheme.truce is not None else 11
    weekly_sheet(sheet("Weekly totals", [week_width, 11, 11] + counts), weeks, total, say)
    for title, by in (("By governorate", "governorate"), ("By actor", "actor"),
                      ("By type", "type")):
        groups = totals_by(ledger, by, where, options.scheme)
        groups_sheet(sheet(title, [28] + counts), by, groups, text, say)
    _go_on(progress, 0, 1)
    listed = where.listed()
    expected = _count(ledger, listed)
    kept = [n for n in range(len(BREACH_HEADERS)) if options.full or (
        n not in _PERSONAL_COLUMNS and (options.breach_ids or n not in _ID_COLUMNS))]
    widths = _fitted_widths(ledger, listed, say)
    ws = sheet("Breaches", [widths[n] for n in kept], wide=True)
    report.breaches, report.discounted = _breaches(ledger, ws, listed, text, progress,
                                                   expected, say, kept)
    chosen = listed.where()  # the condition on the breaches listed
    report.victims, report.left_out = victims_sheet(
        ledger, sheet("Victims", [width for _name, width in victim_columns(options, say)],
                      wide=True), chosen, options, text, say)
    _go_on(progress, report.breaches, expected)
    report.sources = sources_sheet(ledger, sheet("Sources", [30, 16, 12, 12, 28, 30]),
                                   chosen, options, text, say)
    _go_on(progress, report.breaches, expected)
    if press is not None:
        current["sheet"] = press
        press_sheet(ledger, press, options, weeks, say)
    current["sheet"] = summary
    summary_sheet(ledger, summary, options, weeks, total, report, text, say)
    report.removed_characters, report.cut_texts = text.removed, text.cut
    return text


def print_setup(ws, say: Wording, wide: bool) -> None:
    """How a sheet prints: landscape A4, "Breaches · Page 2 of 5" in the footer.
    A narrow sheet is one page wide, at a size still read easily; a wide one (Breaches,
    Victims) prints at its own size, several pages wide, each page with the header row
    and the first column (the breach's ID or date), so that no row is read without them."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_margins.left = ws.page_margins.right = 0.4  # inches: Excel's narrow margins
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.8  # the footer in 0.5 of it
    if wide:
        ws.print_title_rows, ws.print_title_cols = "1:1", "A:A"
        ws.page_setup.scale = 80  # Calibri 11 prints at 8.8 points
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    # An Arabic footer begins with a right-to-left mark: it reads from the right.
    mark = "\u200f" if say.language == "ar" else ""
    ws.HeaderFooter.oddFooter.center.text = f"{mark}&A · " + say("Page &P of &N")
    ws.print_options.gridLines = wide  # rows of a wide sheet are followed across pages


def _count(ledger: Ledger, listed: BreachFilter) -> int:
    """How many breaches the Breaches sheet will list, for the progress: a count alone,
    which the date index answers without reading the breaches (listing's count_breaches
    also sums their killed, and so read every breach listed twice)."""
    condition, params = listed.where()
    return ledger.conn.execute(f"SELECT count(*) FROM breach b WHERE {condition}",
                               params).fetchone()[0]


