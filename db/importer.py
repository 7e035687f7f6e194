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
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Callable

from .breaches import breach_document, get_breach, save_breach, validate_breach
from .errors import LedgerError, ValidationError
from .lists import find_by_name
from .records import (AGE_GROUPS, CIVILIAN, GRADINGS, OUTCOMES, RELIABILITY, SEXES,
                      SOURCE_KINDS, Breach, Citation, Victim)
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
VICTIM_COLUMNS = {header_key(h): f for h, f in (
    ("Breach ID", "breach_id"), ("Name", "name"), ("Name (Latin)", "name_latin"),
    ("Sex", "sex"), ("Age", "age"), ("Age group", "age_group"), ("Outcome", "outcome"),
    ("Civilian", "civilian"), ("Confidential", "confidential"), ("Notes", "notes"))}
SOURCE_COLUMNS = {header_key(h): f for h, f in (
    ("Name", "name"), ("Kind", "kind"), ("Reliability", "reliability"),
    ("Contact", "contact"), ("Notes", "notes"))}
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
        return (f"{self.rows} rows: {self.new} {verb}new, {self.updated} {verb}updated, "
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
    ValidationError (code "import_refused", with the report) when rows are wrong; in
    both cases nothing is written. `progress(done, total)` returning False cancels
    before anything is kept.
    """
    path = Path(path)
    tables = read_tables(path)
    table = _breaches_table(tables, path)
    report = ImportReport(rows=len(table.rows))
    victims, public = _victims_by_breach(tables.get("Victims"), report)
    plan = _plan(ledger, table, victims, public, report, progress)
    if report.refused:
        raise ImportRefused(report)
    if dry_run:
        return report
    total = len(plan)
    with ledger.transaction():
        for done, planned in enumerate(plan, start=1):
            if planned.action != "unchanged":
                save_breach(ledger, planned.breach, allow_duplicate=True, imported=True,
                            validated=True)
            if progress is not None and done % 500 == 0 and progress(done, total) is False:
                raise LedgerError("The import was cancelled; nothing was written.",
                                  "cancelled")
        if tables.get("Sources") is not None:
            _update_sources(ledger, tables["Sources"], dry_run=False)
    report.written = True
    return report


class ImportRefused(LedgerError):
    """A file with wrong rows: nothing was written. `report` lists the rows and reasons."""

    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__(_refusal(report), "import_refused")


def _refusal(report: ImportReport) -> str:
    lines = [f"row {row}: {reason}" for row, reason in report.problems]
    more = f"; and {report.more_problems} more" if report.more_problems else ""
    return (f"{report.refused} of {report.rows} rows cannot be imported, so nothing was: "
            + "; ".join(lines) + more + ".")


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


def _plan(ledger: Ledger, table: Table, victims: dict[str, list[Victim]] | None, public: bool,
          report: ImportReport, progress) -> list[_Planned]:
    plan, seen = [], Counter()
    total = len(table.rows)
    for done, (number, row) in enumerate(table.records(COLUMNS), start=1):
        try:
            breach = _breach_of(ledger, row)
        except _RowError as error:
            report.refused += 1
            report.add_problem(number, str(error))
            continue
        if not breach.id:
            # The same content gives the same key (counting repeats), so a second import
            # of the same file finds its rows already there.
            content = repr(_content_key(breach))
            seen[content] += 1
            breach.id = str(uuid.uuid5(IMPORT_NAMESPACE, f"{content}#{seen[content]}"))
        stored = breach_document(ledger.conn, breach.id)
        action = _action(stored, breach)
        if action != "unchanged":
            listed = None if victims is None else victims.get(breach.id, [])
            breach.victims = _merged_victims(ledger, breach.id, listed, stored, public)
            if stored is not None:
                breach.citations = _kept_citations(stored, breach.citations)
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
        if progress is not None and done % 2000 == 0 and progress(done, 2 * total) is False:
            raise LedgerError("The import was cancelled; nothing was written.", "cancelled")
    return plan


def _action(stored: dict | None, breach: Breach) -> str:
    if stored is None:
        return "new"
    # A spreadsheet keeps times to the millisecond: compare them so.
    if breach.updated_at and breach.updated_at[:23] > stored["updated_at"][:23]:
        return "update"
    return "unchanged"  # the file's row is not newer than the database's


def _content_key(breach: Breach) -> tuple:
    return (str(breach.occurred_on), breach.occurred_at, breach.governorate_id, breach.district,
            breach.place, breach.actor_id or breach.actor_name, breach.breach_type_id,
            breach.killed, breach.killed_max, breach.women, breach.women_max, breach.children,
            breach.children_max, breach.injured, breach.injured_max, breach.description,
            tuple(c.source_name for c in breach.citations))


class _RowError(Exception):
    pass


def _breach_of(ledger: Ledger, row: dict) -> Breach:
    """A breach from one row, names turned into keys; _RowError says what is wrong."""
    problems = []

    def grab(name, parse, *args):
        try:
            return parse(row.get(name), *args)
        except ValueError as error:
            problems.append(str(error))
            return None

    breach = Breach(
        id=grab("id", _text) or None,
        occurred_on=grab("occurred_on", _date, "Date"),
        occurred_at=grab("occurred_at", _time),
        district=grab("district", _text) or "", place=grab("place", _text) or "",
        latitude=grab("latitude", _number, "Latitude"),
        longitude=grab("longitude", _number, "Longitude"),
        description=grab("description", _text) or "",
        status=(grab("status", _text) or "reported").casefold(),
        office=grab("office", _text) or "", entered_by=grab("entered_by", _text) or "",
        created_at=grab("created_at", _moment, "Created"),
        updated_at=grab("updated_at", _moment, "Updated"),
    )
    for name, label in (("killed", "Killed"), ("women", "Women killed"),
                        ("children", "Children killed"), ("injured", "Injured")):
        setattr(breach, name, grab(name, _count, label, 0))
        setattr(breach, f"{name}_max", grab(f"{name}_max", _count, f"{label} (up to)", None))
    if breach.status not in GRADINGS:
        problems.append(f"Status {breach.status!r} is not one of {', '.join(GRADINGS)}")
    for name, kind, label in (("governorate", "governorate", "Governorate"),
                              ("breach_type", "breach_type", "Type")):
        text = grab(name, _text)
        key = find_by_name(ledger, kind, text) if text else None
        if not text:
            problems.append(f"{label} is required")
        elif key is None:
            problems.append(f"{label} {text!r} is not in the list")
        setattr(breach, f"{name}_id", key)
    actor = grab("actor", _text)
    if actor:
        breach.actor_id = find_by_name(ledger, "actor", actor)
        breach.actor_name = "" if breach.actor_id else actor
    truce = grab("truce", _text)
    if truce:
        breach.truce_id = find_by_name(ledger, "truce", truce)
        if breach.truce_id is None:
            problems.append(f"Truce {truce!r} is not in this database: add it first")
    names = [clean_text(n) for n in (grab("sources", _text) or "").split(";")]
    breach.citations = [Citation(source_id=find_by_name(ledger, "source", n), source_name=n,
                                 reported_on=None) for n in names if n]
    if not breach.citations:
        problems.append("Sources: cite at least one source")
    if problems:
        raise _RowError("; ".join(problems))
    return breach


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


def _merged_victims(ledger: Ledger, key: str, listed: list[Victim] | None,
                    stored: dict | None, public: bool) -> list[Victim]:
    """The victims to save: those the file lists (keeping the keys of ones already there
    by name); with no Victims sheet, those already stored. Confidential victims are kept
    when the file is a public export, which leaves them out."""
    current = get_breach(ledger, key).victims if stored is not None else []
    if listed is None:
        return current
    by_name = {(v.name, v.name_latin): v for v in current}
    result = []
    for victim in listed:
        old = by_name.pop((victim.name, victim.name_latin), None)
        result.append(replace(victim, id=old.id) if old else victim)
    if public:  # a public export leaves confidential victims out: keep ours
        result += [v for v in by_name.values() if v.confidential]
    return result


def _victims_by_breach(table: Table | None,
                       report: ImportReport) -> tuple[dict[str, list[Victim]] | None, bool]:
    """The Victims sheet by breach key (None without one), and whether it comes from a
    public export (no Confidential column)."""
    if table is None:
        return None, False
    public = not table.has(VICTIM_COLUMNS, "confidential")
    victims: dict[str, list[Victim]] = {}
    for number, row in table.records(VICTIM_COLUMNS):
        try:
            age = _count(row.get("age"), "Age", None)
        except ValueError as error:
            report.add_problem(number, f"Victims sheet: {error}")
            report.refused += 1
            continue
        victim = Victim(
            name=_text(row.get("name")), name_latin=_text(row.get("name_latin")),
            sex=_choice(row.get("sex"), SEXES), age=age,
            age_group=_choice(row.get("age_group"), AGE_GROUPS),
            outcome=_choice(row.get("outcome"), OUTCOMES, "killed"),
            civilian=_choice(row.get("civilian"), CIVILIAN),
            confidential=_text(row.get("confidential")).casefold() in ("yes", "true", "1"),
            notes=_text(row.get("notes")))
        victims.setdefault(_text(row.get("breach_id")), []).append(victim)
    return victims, public


def _update_sources(ledger: Ledger, table: Table | None, dry_run: bool) -> None:
    """The Sources sheet of an export: kind and reliability (and, from a full export,
    contact and notes) of sources made by the import or still at their defaults."""
    if table is None or dry_run:
        return
    from .lists import get_source, save_source
    for _number, row in table.records(SOURCE_COLUMNS):
        key = find_by_name(ledger, "source", _text(row.get("name")))
        if key is None:
            continue
        source = get_source(ledger, key)
        changed = replace(
            source, kind=_choice(row.get("kind"), SOURCE_KINDS, source.kind),
            reliability=_choice(row.get("reliability"), RELIABILITY, source.reliability),
            contact=source.contact or _text(row.get("contact")),
            notes=source.notes or _text(row.get("notes")))
        if changed != source:
            save_source(ledger, changed)


# Cells.
def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value)


def _choice(value, allowed: tuple, default: str = "unknown") -> str:
    """The allowed value the cell names, in any case; `default` if it names none."""
    text = _text(value).casefold()
    return next((choice for choice in allowed if choice.casefold() == text), default)


def _count(value, label: str, empty):
    if value in (None, ""):
        return empty
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _text(value)
    if text.isdigit():
        return int(text)
    try:  # "3.0", as some programs write whole numbers
        number = float(text)
    except ValueError:
        number = None
    if number is not None and number.is_integer() and number >= 0:
        return int(number)
    raise ValueError(f"{label} {text!r} is not a whole number")


def _number(value, label: str):
    if value in (None, ""):
        return None
    try:
        return float(_text(value).replace(",", "."))
    except ValueError:
        raise ValueError(f"{label} {_text(value)!r} is not a number") from None


_DAY_FIRST = ("%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%y", "%d/%m/%y")


def _date(value, label: str) -> date | None:
    """A spreadsheet date, YYYY-MM-DD, or day first (06.01.2017, 6/1/2017)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and 1 <= value < 2958466:  # an Excel day number
        return date(1899, 12, 30) + timedelta(days=int(value))
    text = _text(value)
    if text.isdigit() and 20000 <= int(text) <= 80000:  # an Excel day number, as text
        return date(1899, 12, 30) + timedelta(days=int(text))
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    for layout in _DAY_FIRST:
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise ValueError(f"{label} {text!r} is not a date (use 2017-01-06 or 06.01.2017)")


def _time(value) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, (time, datetime)):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, timedelta):  # some readers give a time of day as a duration
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    text = _text(value)
    try:
        moment = time.fromisoformat(text)
    except ValueError:
        raise ValueError(f"Time {text!r} is not a time of day (use 14:30)") from None
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _moment(value, label: str) -> str | None:
    """A creation or update time as stored: UTC ISO 8601 with microseconds."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        text = _text(value).removesuffix("Z").replace(" ", "T")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{label} {text!r} is not a date and time") from None
    return moment.replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
