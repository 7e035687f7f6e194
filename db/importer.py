"""Importing breaches from a spreadsheet: the Breaches sheet of an exported workbook (with
its Victims and Sources sheets when there), an office's own workbook, or a CSV file.

Planned once, written as planned. `plan_import` reads the file once and decides every
row against the ledger in one read transaction (other copies of the program go on
saving meanwhile), checking the editor's rules against the lists' keys read once; if any
row is wrong, nothing is written and the first twenty reasons are given with their row
numbers. The plan is what the dry run shows; `write_import` writes that plan in one
short transaction, with batched statements, or nothing: when the file changed since it
was read (its hash), or another copy wrote meanwhile to a breach the plan decided or to
a list (the change log after the plan's mark), it raises ImportStale and the plan is
made again (the window asks again; `import_file` plans again by itself). A save another
copy made meanwhile is thus never written over by a row decided before it. A row with an
ID already in the file updates it only if the row says it was changed later; a row
without an ID gets one made from its content, so that importing the same file twice
changes nothing the second time. Reading and deciding the rows is db.import_rows's;
writing them, db.import_write's.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from .cipher import sqlite3
from .errors import BadFileError, Cancelled, LedgerError
from .import_plan import _plan, _Planned
from .import_rows import COLUMNS, IMPORT_NAMESPACE, REQUIRED, _ids_of, _Names, _read_rows
from .import_sheets import (SOURCE_HEADERS, VICTIM_HEADERS, IgnoredColumn, VictimsSheet,
                            fill_sources, ignored_columns)
from .import_write import _BATCH, _Known, _Writer, _write_failure
from .sheets import Table, header_key, read_tables
from .store import Ledger
from .workbook_words import both, english_sheets, says_yes

__all__ = ["COLUMNS", "IMPORT_NAMESPACE", "REQUIRED", "IgnoredColumn", "ImportPlan",
           "ImportRefused", "ImportReport", "ImportStale", "import_file", "plan_import",
           "write_import"]

MAX_PROBLEMS = 20


@dataclass
class ImportReport:
    """What an import did, or would do (`written` False); gui/report_words.py says it."""

    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    # (row, code, params): why a row is refused, as a code that gui/messages.py words
    # (reason_text); "cells" and "rules" gather a row's several reasons, each kept.
    problems: list[tuple[int, str, dict]] = field(default_factory=list)
    more_problems: int = 0
    victims: int = 0
    written: bool = False
    # The columns not read (a header no field has, "Notes2"): their values are not
    # imported, and the window and the command line say so.
    ignored_columns: list[IgnoredColumn] = field(default_factory=list)
    # The plan's ImportPlan.token: given back to import_file(agreed=…), the import is
    # the plan this report says, or nothing.
    token: str = ""

    def add_problem(self, row: int, code: str, /, **params) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append((row, code, params))
        else:
            self.more_problems += 1


@dataclass
class ImportPlan:
    """What importing a file will write, decided once: the dry run shows it, and
    `write_import` writes this plan and no other, or refuses (ImportStale) when the file
    or the breaches it decided against changed since."""

    path: Path
    digest: str  # SHA-256 of the file as it was read
    # The ledger as the plan found it: the change log's last row (rowid, key), (0, None)
    # for an empty log. Every write of a record (save, delete, restore, undo, import,
    # merge, a list's edit) adds a row to the change log in its own transaction, and
    # rows are never deleted, so the rows after this one name every record written
    # since: reading them is one seek of the log's rowid, whatever the file's size. (A
    # file's change counter stays put in WAL mode until a checkpoint, and PRAGMA
    # data_version only tells one connection of the others' writes: the dry run and
    # the import run on connections of their own.)
    mark: tuple[int, str | None]
    report: ImportReport
    planned: list[_Planned]
    made: list[tuple[str, str, str]]  # (table, name, key): actors and sources made by name
    sources: Table | None  # the Sources sheet, for the sources' kinds and contacts
    demo: bool  # the file is an export of the demo

    def keys(self) -> set[str]:
        return {p.key for p in self.planned}

    @property
    def token(self) -> str:
        """The file and the ledger as planned, in one line a dry run of the command line
        can print and the import be given back (`import_file(agreed=…)`)."""
        return f"{self.digest}:{self.mark[0]}:{self.mark[1] or ''}"


class ImportStale(LedgerError):
    """The file (`what` "file") or the ledger's breaches and lists the plan was decided
    against ("ledger") changed since the plan was made: nothing was written; plan again."""

    def __init__(self, name: str, what: str):
        super().__init__("import_stale", name=name, what=what)


# Times an import with no one to ask (the command line) plans again when another copy
# wrote to the breaches it planned meanwhile, before it gives up.
_ATTEMPTS = 3


def import_file(ledger: Ledger, path: str | Path, *, dry_run: bool = False,
                progress: Callable[[int, int], bool] | None = None,
                agreed: str | None = None) -> ImportReport:
    """Import the breaches of `path`; with `dry_run`, only say what would happen.

    Raises LedgerError for a file that cannot be read or lacks a needed column, and
    ImportRefused (with the report) when rows are wrong; in both cases nothing is
    written. `progress(done, total)` returning False cancels before anything is kept.
    A plan made stale by another copy's write meanwhile is made again and written;
    with `agreed` (the `token` of a dry run's plan), the import is that plan or nothing:
    ImportStale when the file or a record the plan decided changed since the dry run.
    """
    if agreed is not None:
        try:
            digest, rowid, key = agreed.split(":")
            mark = (int(rowid), key or None)  # what was agreed to: changes since count
        except ValueError:
            raise LedgerError("import_token", value=agreed) from None
    plan = plan_import(ledger, path, progress)
    if dry_run:
        return plan.report
    if agreed is not None:
        if digest != plan.digest:
            raise ImportStale(plan.path.name, "file")
        plan.mark = mark
        return write_import(ledger, plan, progress)
    for _ in range(_ATTEMPTS - 1):
        try:
            return write_import(ledger, plan, progress)
        except ImportStale:  # another copy wrote what the plan decided: plan again
            plan = plan_import(ledger, path, progress)
    return write_import(ledger, plan, progress)


def plan_import(ledger: Ledger, path: str | Path,
                progress: Callable[[int, int], bool] | None = None) -> ImportPlan:
    """Read `path` once and decide every row against the ledger as it is now (one read
    transaction: other copies go on saving); the report says what writing it would do.
    Raises as `import_file` does; writes nothing."""
    with _cycles_uncollected():
        return _plan_import(ledger, Path(path), progress)


@contextlib.contextmanager
def _cycles_uncollected() -> Iterator[None]:
    """Within: Python's collector of reference cycles paused (as it was after). An import
    makes and holds hundreds of thousands of objects (the sheet's cells, the rows, the
    plan), which the collector would walk again and again, for a sixth of the import's
    time; it makes no cycles, and what it lets go is freed as ever, by reference counts."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _plan_import(ledger: Ledger, path: Path,
                 progress: Callable[[int, int], bool] | None) -> ImportPlan:
    digest, tables = _read_steady(path)
    table = _breaches_table(tables, path)
    _no_twins(tables, path.name)
    demo = _is_demo_export(tables)
    report = ImportReport(rows=len(table.rows), ignored_columns=[
        *ignored_columns("Breaches", table, COLUMNS),
        *ignored_columns("Victims", tables.get("Victims"), VICTIM_HEADERS),
        *ignored_columns("Sources", tables.get("Sources"), SOURCE_HEADERS)])
    present = {COLUMNS[header_key(h)] for h in table.headers if header_key(h) in COLUMNS}
    conn = ledger.conn
    conn.execute("BEGIN")  # one snapshot: the mark and every key read with it agree
    try:
        _no_demo_in_real(ledger, demo, path.name)  # said first: nothing else matters then
        press = _press_copy(ledger, tables, present, report, path.name)
        victims = VictimsSheet(None if press else tables.pop("Victims", None), report,
                               path.name)
        mark = conn.execute("SELECT rowid, id FROM change_log ORDER BY rowid DESC"
                            " LIMIT 1").fetchone() or (0, None)
        names = _Names(conn)
        rows = _read_rows(names, ledger.office, table, report)
        victims.tie(_ids_of(rows))
        planned = _plan(_Known(conn, names), rows, present, victims, report, progress)
    finally:
        conn.execute("COMMIT")
    if report.refused:
        raise ImportRefused(report)
    plan = ImportPlan(path, digest, tuple(mark), report, planned, names.new,
                      tables.get("Sources"), demo)
    report.token = plan.token
    return plan


def write_import(ledger: Ledger, plan: ImportPlan,
                 progress: Callable[[int, int], bool] | None = None) -> ImportReport:
    """Write `plan` in one transaction, as it was planned; ImportStale, and nothing
    written, when the file changed since it was read or another copy wrote to a breach
    the plan decided (or to a list) meanwhile. Its statements are prepared, and their
    rows staged in a scratch database beside ours, before the transaction begins; inside
    it, each table takes its rows in one INSERT … SELECT (or UPDATE … FROM): other copies
    of the program wait for it only as long as SQLite copies the rows in."""
    with _cycles_uncollected():
        return _write_import(ledger, plan, progress)


def _write_import(ledger: Ledger, plan: ImportPlan,
                  progress: Callable[[int, int], bool] | None) -> ImportReport:
    if _digest(plan.path) != plan.digest:
        raise ImportStale(plan.path.name, "file")
    total = len(plan.planned)
    writer = _Writer(ledger)
    writing = [p for p in plan.planned if p.action != "unchanged"]
    prepared = []
    try:
        try:
            writer.open_stage()
            for start in range(0, len(writing), _BATCH):  # no lock is held yet
                for batch in writer.prepare(writing[start:start + _BATCH]):
                    writer.stage(batch)
                    prepared.append(batch)
                ready = min(start + _BATCH, len(writing))
                _go_on(progress, total + ready * total // (2 * len(writing)), 2 * total)
            with ledger.transaction():
                if _changed_since(ledger.conn, plan):
                    raise ImportStale(plan.path.name, "ledger")
                if plan.demo and not ledger.is_demo:  # the file was empty
                    ledger.set_meta("demo", "1")
                writer.settle(plan.made)
                writer.apply(prepared, lambda step, steps: _go_on(
                    progress, 3 * total // 2 + step * total // (2 * steps), 2 * total))
                fill_sources(ledger, plan.sources)
                _go_on(progress, total, total)  # the last chance to cancel, before the commit
        finally:
            writer.close_stage()
    except (sqlite3.Error, OSError) as error:
        raise _write_failure(ledger, error) from None
    return replace(plan.report, written=True)


def _read_steady(path: Path) -> tuple[str, dict[str, Table]]:
    """The file's hash and its sheets, read between two equal hashes (a file being saved
    while it is read is read again once it is done)."""
    for _attempt in range(_ATTEMPTS):
        digest = _digest(path)
        tables = english_sheets(read_tables(path, known=frozenset(COLUMNS)))
        if _digest(path) == digest:
            return digest, tables
    raise ImportStale(path.name, "file")


def _digest(path: Path) -> str:
    """The SHA-256 of a file, read in blocks (a hash of 100,000 rows takes milliseconds)."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as error:
        raise LedgerError("unreadable", name=path.name,
                          reason=error.strerror or str(error)) from None


def _changed_since(conn: sqlite3.Connection, plan: ImportPlan) -> bool:
    """Whether a record the plan depends on was written since it was made: a breach it
    decided (new, updated or left), or any list entry (a list's change may make or
    remove a name the rows point to, or move the truce in force on a day). The writes
    of other breaches do not stale it: an office goes on saving while a file imports."""
    rowid, key = plan.mark
    if key is not None and conn.execute("SELECT id FROM change_log WHERE rowid = ?",
                                        (rowid,)).fetchone() != (key,):
        return True  # not the log the plan read: another file in its place
    keys = None
    for table, record in conn.execute("SELECT record_table, record_id FROM change_log"
                                      " WHERE rowid > ?", (rowid,)):
        if table != "breach":
            return True
        keys = plan.keys() if keys is None else keys
        if record in keys:
            return True
    return False


def _go_on(progress, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise Cancelled


class ImportRefused(LedgerError):
    """A file with wrong rows: nothing was written. `report` lists the rows and reasons."""

    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__("import_refused", refused=report.refused, rows=report.rows,
                         problems=report.problems, more=report.more_problems)


def _press_copy(ledger: Ledger, tables: dict[str, Table], present: set[str],
                report: ImportReport, name: str) -> bool:
    """Whether the file is a workbook for the press written without breach IDs
    (db/workbook.py). Nothing in one says which breaches it holds: into a file that holds
    breaches it is refused, as its import would add them a second time (from the file
    they came from) and double every figure; corrections come back in a workbook written
    with the IDs. Into an empty file its breaches are imported, and its victims, which
    nothing ties to them, are not: the report names the Victims sheet's columns among
    those not read."""
    summary = tables.get("Summary")
    if "id" in present or summary is None:
        return False
    labels = {header_key(label) for label in both("Export")}
    public = ("public", "للنشر")  # how the Summary's "Export" begins, in either language
    if not any(row and header_key(row[0]) in labels and len(row) > 1
               and str(row[1] or "").casefold().startswith(public)
               for _number, row in summary.rows):
        return False
    if ledger.conn.execute("SELECT EXISTS (SELECT 1 FROM breach)").fetchone()[0]:
        raise LedgerError("press_without_ids", name=name)
    victims = tables.get("Victims")
    if victims is not None:
        report.ignored_columns = [c for c in report.ignored_columns if c.sheet != "Victims"]
        report.ignored_columns += [IgnoredColumn("Victims", str(h), n)
                                   for n, h in enumerate(victims.headers, start=1) if h]
    return True


def _is_demo_export(tables: dict[str, Table]) -> bool:
    """Whether the workbook is an export of the demo: its Summary says so (db/workbook.py)."""
    summary = tables.get("Summary")
    return summary is not None and any(
        row and says_yes(header_key(row[0]), row[1] if len(row) > 1 else "", "Demo",
                         header_key) for _number, row in summary.rows)


def _no_demo_in_real(ledger: Ledger, demo: bool, name: str) -> None:
    """The demo never mixes with real breaches, as in a merge: the demo's export goes only
    into the demo or an empty file, and no other file into the demo."""
    empty = ledger.conn.execute("SELECT NOT EXISTS (SELECT 1 FROM breach)").fetchone()[0]
    if demo != ledger.is_demo and not empty:
        raise BadFileError("demo_mix", name=name,
                           which="demo_export" if demo else "real_into_demo")


def _breaches_table(tables: dict[str, Table], path: Path) -> Table:
    table = tables.get("Breaches") or next(iter(tables.values()), None)
    if table is None:
        raise LedgerError("empty_sheet", name=path.name)
    missing = [label for name, label in REQUIRED if not table.has(COLUMNS, name)]
    if missing:
        # Each column by its English header, the key of its words in either language.
        raise LedgerError("missing_columns", name=path.name, columns=missing)
    return table


def _no_twins(tables: dict[str, Table], name: str) -> None:
    """Refuse a sheet with two columns for one field: one of them would be dropped."""
    for sheet, columns in (("Breaches", COLUMNS), ("Victims", VICTIM_HEADERS),
                           ("Sources", SOURCE_HEADERS)):
        table = tables.get(sheet) if sheet != "Breaches" else (
            tables.get("Breaches") or next(iter(tables.values()), None))
        twins = table.twins(columns) if table is not None else []
        if twins:
            pairs = "; ".join(" and ".join(repr(h) for h in group) for group in twins)
            raise LedgerError(
                "duplicate_columns", name=name, sheet=sheet, columns=pairs)
