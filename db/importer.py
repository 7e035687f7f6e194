"""Importing breaches from a spreadsheet: the Breaches sheet of an exported workbook (with
its Victims and Sources sheets when there), an office's own workbook, or a CSV file.

All or nothing: every row is read and checked by the editor's rules first; if any row is
wrong, nothing is written and the first twenty reasons are given with their row numbers.
Then every row is written in one transaction. A row with an ID already in the file updates
it only if the row says it was changed later; a row without an ID gets one made from its
content, so that importing the same file twice changes nothing the second time.
"""
from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .breaches import breach_document, save_breach, validate_breach
from .errors import BadFileError, LedgerError, ValidationError
from .lists import find_by_name
from . import cell_values as cells
from .import_sheets import VictimsSheet, fill_sources
from .records import GRADINGS, Breach, Citation
from .rules import clean_text
from .sheets import Table, header_key, read_tables
from .store import Ledger

MAX_PROBLEMS = 20
IMPORT_NAMESPACE = uuid.UUID("2c6f0d0e-7a59-4d8e-9f43-1d5b3c7e9a21")
# Header (as matched by header_key) -> field.
COLUMNS = {header_key(h): f for h, f in (
    ("ID", "id"), ("Date", "occurred_on"), ("Time", "occurred_at"),
    ("Governorate", "governorate"), ("District", "district"), ("Place", "place"),
    ("Latitude", "latitude"), ("Longitude", "longitude"), ("Perpetrator", "actor"),
    ("Actor", "actor"), ("Type", "breach_type"), ("Breach type", "breach_type"),
    ("Status", "status"), ("Grading", "status"), ("Killed", "killed"),
    ("Women", "women"), ("Children", "children"), ("Women (up to)", "women_max"),
    ("Children (up to)", "children_max"),
    ("Killed (up to)", "killed_max"), ("Women killed", "women"),
    ("Women killed (up to)", "women_max"), ("Children killed", "children"),
    ("Children killed (up to)", "children_max"), ("Injured", "injured"),
    ("Injured (up to)", "injured_max"), ("Description", "description"),
    ("Sources", "sources"), ("Truce", "truce"), ("Office", "office"),
    ("Entered by", "entered_by"), ("Created", "created_at"), ("Updated", "updated_at"))}
REQUIRED = (("occurred_on", "Date"), ("governorate", "Governorate"), ("breach_type", "Type"),
            ("sources", "Sources"))


@dataclass
class ImportReport:
    """What an import did, or would do (`written` False)."""

    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)  # (row, reason)
    more_problems: int = 0
    victims: int = 0
    written: bool = False

    def add_problem(self, row: int, reason: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append((row, reason))
        else:
            self.more_problems += 1

    def summary(self) -> str:
        verb = "" if self.written else "would be "
        rows = "1 row" if self.rows == 1 else f"{self.rows} rows"
        return (f"{rows}: {self.new} {verb}new, {self.updated} {verb}updated, "
                f"{self.unchanged} unchanged, {self.refused} refused")


@dataclass
class _Planned:
    row: int
    breach: Breach
    action: str  # new, update, unchanged


def import_file(ledger: Ledger, path: str | Path, *, dry_run: bool = False,
                progress: Callable[[int, int], bool] | None = None) -> ImportReport:
    """Import the breaches of `path`; with `dry_run`, only say what would happen.

    Raises LedgerError for a file that cannot be read or lacks a needed column, and
    ImportRefused (with the report) when rows are wrong; in both cases nothing is
    written. `progress(done, total)` returning False cancels before anything is kept.
    """
    path = Path(path)
    tables = read_tables(path, known=frozenset(COLUMNS))
    table = _breaches_table(tables, path)
    _no_demo_in_real(ledger, tables, path.name)
    report = ImportReport(rows=len(table.rows))
    victims = VictimsSheet(tables.get("Victims"), report)
    present = {COLUMNS[header_key(h)] for h in table.headers if header_key(h) in COLUMNS}
    plan = _plan(ledger, table, present, victims, report, progress)
    if report.refused:
        raise ImportRefused(report)
    if dry_run:
        return report
    total = len(plan)
    with ledger.transaction():
        if _is_demo_export(tables) and not ledger.is_demo:  # the file was empty
            ledger.set_meta("demo", "1")
        for done, planned in enumerate(plan, start=1):
            if planned.action != "unchanged":
                save_breach(ledger, planned.breach, allow_duplicate=True, imported=True,
                            validated=True)
            if done % 500 == 0:
                _go_on(progress, done, total)
        fill_sources(ledger, tables.get("Sources"))
        _go_on(progress, total, total)  # the last chance to cancel, before the commit
    report.written = True
    return report


def _go_on(progress, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise LedgerError("The import was cancelled; nothing was written.", "cancelled")


class ImportRefused(LedgerError):
    """A file with wrong rows: nothing was written. `report` lists the rows and reasons."""

    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__(_refusal(report), "import_refused")


def _refusal(report: ImportReport) -> str:
    lines = [f"row {row}: {reason}" for row, reason in report.problems]
    more = f"; and {report.more_problems} more" if report.more_problems else ""
    rows = "1 row" if report.rows == 1 else f"{report.rows} rows"
    return (f"{report.refused} of {rows} cannot be imported, so nothing was: "
            + "; ".join(lines) + more + ".")


def _is_demo_export(tables: dict[str, Table]) -> bool:
    """Whether the workbook is an export of the demo: its Summary says so (db/workbook.py)."""
    summary = tables.get("Summary")
    return summary is not None and any(
        row and header_key(row[0]) == "demo" and str(row[1] if len(row) > 1 else "")
        .casefold().startswith("yes") for _number, row in summary.rows)


def _no_demo_in_real(ledger: Ledger, tables: dict[str, Table], name: str) -> None:
    """The demo never mixes with real breaches, as in a merge: the demo's export goes only
    into the demo or an empty file, and no other file into the demo."""
    demo = _is_demo_export(tables)
    empty = ledger.conn.execute("SELECT NOT EXISTS (SELECT 1 FROM breach)").fetchone()[0]
    if demo != ledger.is_demo and not empty:
        which = ("is an export of the demo database" if demo else
                 "holds real breaches and this database is the demo")
        raise BadFileError(f"{name} {which}: the demo is never mixed with real breaches.",
                           "demo_mix", name=name)


def _breaches_table(tables: dict[str, Table], path: Path) -> Table:
    table = tables.get("Breaches") or next(iter(tables.values()), None)
    if table is None:
        raise LedgerError(f"{path.name} holds no rows.", "empty_sheet", name=path.name)
    missing = [label for name, label in REQUIRED if not table.has(COLUMNS, name)]
    if missing:
        raise LedgerError(f"{path.name} has no column {', '.join(missing)} (its first row "
                          "must name the columns, as the Breaches sheet of an export does).",
                          "missing_columns", name=path.name, columns=", ".join(missing))
    return table


# A breach's fields that a file may leave out; an update keeps ours for those it does.
_OPTIONAL_FIELDS = ("occurred_at", "district", "place", "latitude", "longitude",
                    "description", "status", "killed", "killed_max", "women", "women_max",
                    "children", "children_max", "injured", "injured_max", "truce_id")


def _plan(ledger: Ledger, table: Table, present: set[str], victims: VictimsSheet,
          report: ImportReport, progress) -> list[_Planned]:
    plan, seen, names = [], Counter(), _Names(ledger)
    total = len(table.rows)
    for done, (number, row) in enumerate(table.records(COLUMNS), start=1):
        try:
            breach, content = _breach_of(names, row, ledger.office)
        except _RowError as error:
            report.refused += 1
            report.add_problem(number, str(error))
            continue
        if not breach.id:
            # The same content gives the same key (counting repeats), so a second import
            # of the same file finds its rows already there.
            seen[content] += 1
            breach.id = str(uuid.uuid5(IMPORT_NAMESPACE, f"{content}#{seen[content]}"))
        stored = breach_document(ledger.conn, breach.id)
        action = _action(stored, breach)
        if action == "update" and stored["deleted_at"]:
            report.refused += 1
            report.add_problem(number, "this breach is in the Trash: restore it first")
            continue
        if action != "unchanged":
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
                report.add_problem(number, "; ".join(refused.errors.values()))
                continue
            report.victims += len(breach.victims)
        counter = {"new": "new", "update": "updated", "unchanged": "unchanged"}[action]
        setattr(report, counter, getattr(report, counter) + 1)
        plan.append(_Planned(number, breach, action))
        if done % 2000 == 0:
            _go_on(progress, done, 2 * total)
    return plan


def _action(stored: dict | None, breach: Breach) -> str:
    if stored is None:
        return "new"
    # A spreadsheet keeps times to the millisecond: compare both sides so rounded.
    if breach.updated_at and (cells.to_millisecond(breach.updated_at)
                              > cells.to_millisecond(stored["updated_at"])):
        return "update"
    return "unchanged"  # the file's row is not newer than the database's


class _RowError(Exception):
    pass


class _Names:
    """Names of list entries to keys, asked of the file once each."""

    def __init__(self, ledger: Ledger):
        self.ledger, self.known = ledger, {}

    def key(self, kind: str, name: str) -> str | None:
        if (kind, name) not in self.known:
            self.known[kind, name] = find_by_name(self.ledger, kind, name)
        return self.known[kind, name]


def _key_of(written: str, office: str) -> str | None:
    """A record key from the ID cell: a UUID as it is; any other ID (an office's own row
    numbers) made into one that is the same each import, and the office's own."""
    if not written:
        return None
    try:
        return str(uuid.UUID(written))
    except ValueError:
        return str(uuid.uuid5(IMPORT_NAMESPACE, f"{office.casefold()}|{written}"))


def _breach_of(names: _Names, row: dict, office: str) -> tuple[Breach, str]:
    """A breach from one row, names turned into keys, and a text of its content (for the
    keys of rows without one); _RowError says what is wrong."""
    problems = []

    def grab(name, parse, *args):
        try:
            return parse(row.get(name), *args)
        except ValueError as error:
            problems.append(str(error))
            return None

    breach = Breach(
        occurred_on=grab("occurred_on", cells.day, "Date"),
        occurred_at=grab("occurred_at", cells.time_of_day),
        district=grab("district", cells.text) or "", place=grab("place", cells.text) or "",
        latitude=grab("latitude", cells.number, "Latitude"),
        longitude=grab("longitude", cells.number, "Longitude"),
        description=grab("description", cells.text) or "",
        status=grab("status", cells.choice, GRADINGS, "Status", "reported"),
        office=grab("office", cells.text) or "", entered_by=grab("entered_by", cells.text) or "",
        created_at=grab("created_at", cells.moment, "Created"),
        updated_at=grab("updated_at", cells.moment, "Updated"),
    )
    breach.id = _key_of(grab("id", cells.text) or "", breach.office or office)
    for name, label in (("killed", "Killed"), ("women", "Women killed"),
                        ("children", "Children killed"), ("injured", "Injured")):
        setattr(breach, name, grab(name, cells.count, label, 0))
        setattr(breach, f"{name}_max", grab(f"{name}_max", cells.count, f"{label} (up to)", None))
    for name, kind, label in (("governorate", "governorate", "Governorate"),
                              ("breach_type", "breach_type", "Type")):
        written = grab(name, cells.text)
        key = names.key(kind, written) if written else None
        if not written:
            problems.append(f"{label} is required")
        elif key is None:
            problems.append(f"{label} {written!r} is not in the list")
        setattr(breach, f"{name}_id", key)
    actor = grab("actor", cells.text) or ""
    if actor:
        breach.actor_id = names.key("actor", actor)
        breach.actor_name = "" if breach.actor_id else actor
    truce = grab("truce", cells.text)
    if truce:
        breach.truce_id = names.key("truce", truce)
        if breach.truce_id is None:
            problems.append(f"Truce {truce!r} is not in this database: add it first")
    sources = [clean_text(n) for n in (grab("sources", cells.text) or "").split(";")]
    breach.citations = [Citation(source_id=names.key("source", n), source_name=n)
                        for n in sources if n]
    if not breach.citations:
        problems.append("Sources: cite at least one source")
    if problems:
        raise _RowError("; ".join(problems))
    content = repr((str(breach.occurred_on), breach.occurred_at, breach.governorate_id,
                    breach.district, breach.place, actor.casefold(), breach.breach_type_id,
                    breach.killed, breach.killed_max, breach.women, breach.women_max,
                    breach.children, breach.children_max, breach.injured, breach.injured_max,
                    breach.description, tuple(n.casefold() for n in sources if n)))
    return breach, content


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
