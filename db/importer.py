"""Importing breaches from a spreadsheet: the Breaches sheet of an exported workbook (with
its Victims and Sources sheets when there), an office's own workbook, or a CSV file.

All or nothing: every row is read and checked by the editor's rules first, outside any
write transaction (other copies of the program go on saving meanwhile); if any row is
wrong, nothing is written and the first twenty reasons are given with their row numbers.
Then every row is written in one short transaction, with batched statements. Inside it,
each row is decided again against the breach as it is then: a save another copy made
while the import was planning is never written over by an older row. A row with an ID
already in the file updates it only if the row says it was changed later; a row without
an ID gets one made from its content, so that importing the same file twice changes
nothing the second time. Reading the rows of the Breaches sheet into breaches is
db.import_rows's; writing them, db.import_write's.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from . import cell_values as cells
from .breaches import breach_document, record_exists, validate_breach
from .errors import BadFileError, LedgerError, ValidationError
from .import_rows import COLUMNS, IMPORT_NAMESPACE, REQUIRED, _ids_of, _read_rows, _Row
from .import_sheets import (SOURCE_HEADERS, VICTIM_HEADERS, IgnoredColumn, VictimsSheet,
                            fill_sources, ignored_columns)
from .import_write import _BATCH, _Writer, _entries_of, _write_failure
from .records import Breach, Citation
from .rules import normalized
from .sheets import Table, header_key, read_tables
from .store import Ledger
from .workbook_words import english_sheets, says_yes

__all__ = ["COLUMNS", "IMPORT_NAMESPACE", "REQUIRED", "IgnoredColumn", "ImportRefused",
           "ImportReport", "import_file"]

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

    def add_problem(self, row: int, code: str, /, **params) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append((row, code, params))
        else:
            self.more_problems += 1


@dataclass
class _Planned:
    row: _Row
    breach: Breach  # as it will be stored (normalized), or as it is (unchanged)
    action: str  # new, update, unchanged
    before: dict | None  # the stored breach it was decided against
    stamp: str | None  # that breach's updated_at, None if there was none


def import_file(ledger: Ledger, path: str | Path, *, dry_run: bool = False,
                progress: Callable[[int, int], bool] | None = None) -> ImportReport:
    """Import the breaches of `path`; with `dry_run`, only say what would happen.

    Raises LedgerError for a file that cannot be read or lacks a needed column, and
    ImportRefused (with the report) when rows are wrong; in both cases nothing is
    written. `progress(done, total)` returning False cancels before anything is kept.
    """
    path = Path(path)
    tables = english_sheets(read_tables(path, known=frozenset(COLUMNS)))
    table = _breaches_table(tables, path)
    _no_twins(tables, path.name)
    _no_demo_in_real(ledger, tables, path.name)
    report = ImportReport(rows=len(table.rows), ignored_columns=[
        *ignored_columns("Breaches", table, COLUMNS),
        *ignored_columns("Victims", tables.get("Victims"), VICTIM_HEADERS),
        *ignored_columns("Sources", tables.get("Sources"), SOURCE_HEADERS)])
    victims = VictimsSheet(tables.get("Victims"), report, path.name)
    present = {COLUMNS[header_key(h)] for h in table.headers if header_key(h) in COLUMNS}
    rows = _read_rows(ledger, table, report)
    victims.tie(_ids_of(rows))
    plan = _plan(ledger, rows, present, victims, report, progress)
    if report.refused:
        raise ImportRefused(report)
    if dry_run:
        return report
    _write(ledger, plan, tables, present, victims, report, progress)
    report.written = True
    return report


def _write(ledger: Ledger, plan: list[_Planned], tables: dict[str, Table], present: set[str],
           victims: VictimsSheet, report: ImportReport, progress) -> None:
    """Write the plan in one transaction. Its statements are prepared, and their rows
    staged in a scratch database beside ours, before the transaction begins; inside it,
    each table takes its rows in one INSERT … SELECT (or UPDATE … FROM): other copies of
    the program wait for it only as long as SQLite copies the rows in."""
    total = len(plan)
    writer = _Writer(ledger)
    writing = [p for p in plan if p.action != "unchanged"]
    prepared = []
    for start in range(0, len(writing), _BATCH):  # reading only: no lock is held yet
        prepared += writer.prepare(writing[start:start + _BATCH])
        ready = min(start + _BATCH, len(writing))
        _go_on(progress, total + ready * total // (2 * len(writing)), 2 * total)
    try:
        try:
            writer.open_stage()
            named = writer.stage_plan(plan)
            for batch in prepared:
                writer.stage(batch)
            with ledger.transaction():
                if _is_demo_export(tables) and not ledger.is_demo:  # the file was empty
                    ledger.set_meta("demo", "1")
                again = _decided_again(ledger, plan, present, victims, report, named)
                if report.refused:
                    raise ImportRefused(report)
                prepared = writer.prepared_again(prepared, again)
                writer.settle(prepared)
                writer.apply(prepared, lambda step, steps: _go_on(
                    progress, 3 * total // 2 + step * total // (2 * steps), 2 * total))
                fill_sources(ledger, tables.get("Sources"))
                _go_on(progress, total, total)  # the last chance to cancel, before the commit
        finally:
            writer.close_stage()
    except (sqlite3.Error, OSError) as error:
        raise _write_failure(ledger, error) from None


def _go_on(progress, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise LedgerError("cancelled")


class ImportRefused(LedgerError):
    """A file with wrong rows: nothing was written. `report` lists the rows and reasons."""

    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__("import_refused", refused=report.refused, rows=report.rows,
                         problems=report.problems, more=report.more_problems)


def _is_demo_export(tables: dict[str, Table]) -> bool:
    """Whether the workbook is an export of the demo: its Summary says so (db/workbook.py)."""
    summary = tables.get("Summary")
    return summary is not None and any(
        row and says_yes(header_key(row[0]), row[1] if len(row) > 1 else "", "Demo",
                         header_key) for _number, row in summary.rows)


def _no_demo_in_real(ledger: Ledger, tables: dict[str, Table], name: str) -> None:
    """The demo never mixes with real breaches, as in a merge: the demo's export goes only
    into the demo or an empty file, and no other file into the demo."""
    demo = _is_demo_export(tables)
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


# A breach's fields that a file may leave out; an update keeps ours for those it does.
_OPTIONAL_FIELDS = ("occurred_at", "district", "place", "latitude", "longitude",
                    "description", "status", "killed", "killed_max", "women", "women_max",
                    "children", "children_max", "injured", "injured_max", "truce_id")


def _plan(ledger: Ledger, rows: list[_Row], present: set[str], victims: VictimsSheet,
          report: ImportReport, progress) -> list[_Planned]:
    """What to do with each row, decided against the database as it is now (reading
    only: no write lock is held)."""
    rows = [row for row in rows if row.breach is not None]
    plan, total = [], len(rows)
    for done, row in enumerate(rows, start=1):
        planned = _decide(ledger, row, present, victims, report)
        if planned is not None:
            _count(report, planned.action, +1)
            plan.append(planned)
        if done % 2000 == 0:
            _go_on(progress, done, 2 * total)
    return plan


def _decide(ledger: Ledger, row: _Row, present: set[str], victims: VictimsSheet,
            report: ImportReport) -> _Planned | None:
    """The action for one row against the stored breach; None (and a problem told to
    `report`) when the row cannot be imported."""
    breach = replace(row.breach, citations=list(row.breach.citations))
    stored = breach_document(ledger.conn, breach.id)
    action = _action(stored, breach)
    stamp = stored["updated_at"] if stored else None
    if action == "update" and stored["deleted_at"]:
        report.refused += 1
        report.add_problem(row.number, "row_in_trash")
        return None
    if action == "unchanged":
        return _Planned(row, breach, action, stored, stamp)
    if stored is not None:
        for name in _OPTIONAL_FIELDS:
            if name.removesuffix("_id") not in present and name not in present:
                setattr(breach, name, stored[name])
        breach.citations = _kept_citations(stored, breach.citations)
    breach.victims = victims.for_breach(ledger, breach.id, stored)
    try:
        validate_breach(ledger, breach)
    except ValidationError as refused:
        report.refused += 1
        report.add_problem(row.number, "rules", rules=list(refused.codes.values()))
        return None
    report.victims += len(breach.victims)
    return _Planned(row, normalized(breach), action, stored, stamp)


def _count(report: ImportReport, action: str, step: int) -> None:
    counter = {"new": "new", "update": "updated", "unchanged": "unchanged"}[action]
    setattr(report, counter, getattr(report, counter) + step)


@dataclass
class _Again:
    kept: set[int]  # id() of the planned rows that stand as planned
    changed: list[_Planned]  # the rows decided again


def _decided_again(ledger: Ledger, plan: list[_Planned], present: set[str],
                   victims: VictimsSheet, report: ImportReport,
                   named: set[tuple[str, str]]) -> "_Again":
    """Inside the write transaction: each row whose breach another copy saved (or made,
    or deleted) since it was planned, or that names a list entry deleted meanwhile, is
    decided again against the breach as it is now. A save made meanwhile, later than
    the row, then stays. The breaches planned and the times they were planned against
    are in the stage (`_Writer.stage_plan`), so SQLite finds those changed; `named`
    holds the list entries the rows point to."""
    changed = {key for (key,) in ledger.conn.execute(
        "SELECT p.key FROM import_stage.planned AS p LEFT JOIN breach AS b ON b.id = p.key"
        " WHERE b.updated_at IS NOT p.stamp")}
    gone = {(kind, key) for kind, key in named if not record_exists(ledger.conn, kind, key)}
    again = _Again(set(), [])
    for planned in plan:
        if planned.breach.id not in changed and not (
                gone and gone & _entries_of(planned.breach)):
            again.kept.add(id(planned))
            continue
        _count(report, planned.action, -1)
        report.victims -= len(planned.breach.victims) if planned.action != "unchanged" else 0
        decided = _decide(ledger, planned.row, present, victims, report)
        if decided is not None:
            _count(report, decided.action, +1)
            again.changed.append(decided)
    return again


def _action(stored: dict | None, breach: Breach) -> str:
    if stored is None:
        return "new"
    # A spreadsheet keeps times to the millisecond: compare both sides so rounded.
    if breach.updated_at and (cells.to_millisecond(breach.updated_at)
                              > cells.to_millisecond(stored["updated_at"])):
        return "update"
    return "unchanged"  # the file's row is not newer than the database's


def _kept_citations(stored: dict, wanted: list[Citation]) -> list[Citation]:
    """The row's sources, keeping the citations (and their references) already stored."""
    by_source = {c["source_id"]: c for c in stored["citations"]}
    kept = []
    for citation in wanted:
        old = by_source.get(citation.source_id) if citation.source_id else None
        kept.append(Citation(source_id=old["source_id"], reference=old["reference"],
                             reported_on=old["reported_on"], note=old["note"], id=old["id"],
                             source_name=citation.source_name) if old else citation)
    return kept
