"""Reading the rows of an imported Breaches sheet (db/importer.py) into breaches: each
header matched in English or in Arabic, each cell read by db/cell_values.py, names of list
entries turned into keys (the lists read once), each row given its key (its ID, or one
made from its content, the same at every import of the same file). Deciding each row
against the ledger is db/import_plan.py's. A row that cannot be read is told to the
import's report with its reasons, as codes."""
from __future__ import annotations

import uuid
from collections import Counter
from typing import TYPE_CHECKING, Callable

from . import cell_values as cells
from .breaches import _LIST_TABLES
from .errors import CellError
from .fold import NamedEntries, fold
from .import_plan import _pack, _unpack
from .import_sheets import UUID_FORM, id_form, listed_choice
from .records import GRADINGS, Breach, Citation, new_id
from .rules import SOURCE_SEPARATORS, clean_text
from .sheets import Table, header_key
from .workbook_words import in_both

if TYPE_CHECKING:
    from .importer import ImportReport

IMPORT_NAMESPACE = uuid.UUID("2c6f0d0e-7a59-4d8e-9f43-1d5b3c7e9a21")
# Header (as matched by header_key) -> field.
COLUMNS = in_both((
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
    ("Entered by", "entered_by"), ("Created", "created_at"), ("Updated", "updated_at")),
    header_key)  # each header in English or in Arabic (db/workbook_words.py)
REQUIRED = (("occurred_on", "Date"), ("governorate", "Governorate"), ("breach_type", "Type"),
            ("sources", "Sources"))


class _Row:
    """One row of the Breaches sheet as read: the breach it names (before it is compared
    with the database; None when the row cannot be read and its problem is reported),
    held packed (see _pack) until it is decided."""

    __slots__ = ("number", "written_id", "key", "updated_at", "packed")

    def __init__(self, number: int, breach: Breach | None, written_id: str):
        self.number = number
        self.written_id = written_id  # the ID cell as written ("7", a UUID), "" when empty
        self.key = breach.id if breach else None
        self.updated_at = breach.updated_at if breach else None
        self.packed = _pack(breach) if breach else None

    @property
    def breach(self) -> Breach | None:
        return _unpack(self.packed) if self.packed else None

    def let_go(self) -> None:
        self.packed = None


def _read_rows(names: _Names, office: str, table: Table, report: ImportReport) -> list[_Row]:
    """Every row of the Breaches sheet read into a breach, with its key; the rows that
    cannot be read are told to `report` (and kept, without a breach, so that the victims
    of such a row are not said to be of no row). Each row of `table` is let go once read,
    so that the sheet and its breaches are not held twice."""
    rows, seen, ids = [], Counter(), {}
    for number, row in table.records(COLUMNS, release=True):
        try:
            breach, content = _breach_of(names, row, office)
        except _RowError as error:
            report.refused += 1
            report.add_problem(number, "cells", reasons=error.reasons)
            rows.append(_Row(number, None, cells.text(row.get("id"))))
            continue
        written_id = cells.text(row.get("id"))
        if breach.id and breach.id in ids:  # one breach, two rows: which one is meant?
            report.refused += 1
            report.add_problem(number, "id_twice", value=written_id, row=ids[breach.id])
            rows.append(_Row(number, None, written_id))
            continue
        if breach.id:
            ids[breach.id] = number
        if not breach.id:
            # The same content gives the same key (counting repeats), so a second import
            # of the same file finds its rows already there.
            content = content()
            seen[content] += 1
            breach.id = str(uuid.uuid5(IMPORT_NAMESPACE, f"{content}#{seen[content]}"))
        rows.append(_Row(number, breach, written_id))
    return rows


def _ids_of(rows: list[_Row]) -> dict[str, list[tuple[int, str]]]:
    """The IDs as the Breaches sheet writes them (and each UUID in its one form), to the
    (row, key) of the rows that have them: what a Victims sheet's "Breach ID" names."""
    ids: dict[str, list[tuple[int, str]]] = {}
    for row in rows:
        for written in {row.written_id, id_form(row.written_id)}:
            if written:
                ids.setdefault(written, []).append(
                    (row.number, row.key))
    return ids


# Sources in one cell are separated by ";", "؛" or "；" (db/rules.py).
_SOURCE_SEPARATORS = SOURCE_SEPARATORS


class _RowError(Exception):
    """The cells of a row that cannot be read: `reasons`, each a (code, params)."""

    def __init__(self, reasons: list[tuple[str, dict]]):
        super().__init__(reasons)
        self.reasons = reasons


class _Names:
    """Names of list entries to keys, found as db.fold.find_named finds them, in the lists
    read once each (db.fold.NamedEntries); and the keys of the perpetrators and sources
    the import makes, new by name (two spellings of one new name make one)."""

    def __init__(self, conn):
        self.conn = conn
        self.lists: dict[str, NamedEntries] = {}
        self.made: dict[tuple[str, str], str] = {}  # (table, folded name) -> key made
        self.new: list[tuple[str, str, str]] = []  # (table, name, key) to make, in order
        self.found: dict[tuple[str, str], str | None] = {}  # (kind, name) -> key, asked
        self.making: dict[tuple[str, str], str] = {}  # (table, name) -> key made, asked

    def key(self, kind: str, name: str) -> str | None:
        if (kind, name) not in self.found:
            table = _LIST_TABLES[kind]
            if table not in self.lists:
                self.lists[table] = NamedEntries(self.conn, table)
            self.found[kind, name] = self.lists[table].find(name)
        return self.found[kind, name]

    def make(self, table: str, name: str) -> str:
        """The key of the actor or source called `name`, made by this import if none is."""
        found = self.key(table, name)
        if found:
            return found
        if (table, name) in self.making:  # named so before: the key made then
            return self.making[table, name]
        folded = fold(name)
        if (table, folded) not in self.made:
            self.made[table, folded] = new_id()
            self.new.append((table, name, self.made[table, folded]))
        self.making[table, name] = self.made[table, folded]
        return self.made[table, folded]


def _key_of(written: str, office: str) -> str | None:
    """A record key from the ID cell: a UUID as it is; any other ID (an office's own row
    numbers) made into one that is the same each import, and the office's own."""
    if not written:
        return None
    if UUID_FORM.fullmatch(written):
        return written  # already in the one form str(uuid.UUID(…)) writes
    try:
        return str(uuid.UUID(written))
    except ValueError:
        return str(uuid.uuid5(IMPORT_NAMESPACE, f"{office.casefold()}|{written}"))


def _breach_of(names: _Names, row: dict, office: str) -> tuple[Breach, Callable[[], str]]:
    """A breach from one row, names turned into keys, and what makes a text of its content
    (for the keys of rows without one); _RowError says what is wrong."""
    try:
        return _breach_quickly(names, row, office)
    except (CellError, _Unread):
        # Read again, cell by cell, to say every problem of the row (not only the first).
        return _breach_by_cells(names, row, office)


class _Unread(Exception):
    """A row the quick reading (_breach_quickly) leaves to the careful one."""


def _breach_quickly(names: _Names, row: dict, office: str) -> tuple[Breach, Callable[[], str]]:
    """As _breach_by_cells, for a row that holds no problem (most rows): the same readers
    of the same cells, without gathering each cell's problem; raises CellError or _Unread
    at the first problem, and _breach_by_cells then reads the row again to say them all."""
    get, text, count = row.get, cells.text, cells.count
    breach = Breach(
        occurred_on=cells.day(get("occurred_on"), "Date"),
        occurred_at=cells.time_of_day(get("occurred_at")),
        district=text(get("district")), place=text(get("place")),
        latitude=cells.number(get("latitude"), "Latitude"),
        longitude=cells.number(get("longitude"), "Longitude"),
        description=text(get("description")),
        status=listed_choice(get("status"), GRADINGS, "Status", "reported"),
        office=text(get("office")), entered_by=text(get("entered_by")),
        created_at=cells.moment(get("created_at"), "Created"),
        updated_at=cells.moment(get("updated_at"), "Updated"),
        killed=count(get("killed"), "Killed", 0),
        killed_max=count(get("killed_max"), "Killed (up to)", None),
        women=count(get("women"), "Women killed", 0),
        women_max=count(get("women_max"), "Women killed (up to)", None),
        children=count(get("children"), "Children killed", 0),
        children_max=count(get("children_max"), "Children killed (up to)", None),
        injured=count(get("injured"), "Injured", 0),
        injured_max=count(get("injured_max"), "Injured (up to)", None),
    )
    breach.id = _key_of(text(get("id")), breach.office or office)
    governorate, breach_type = text(get("governorate")), text(get("breach_type"))
    breach.governorate_id = names.key("governorate", governorate) if governorate else None
    breach.breach_type_id = names.key("breach_type", breach_type) if breach_type else None
    if breach.governorate_id is None or breach.breach_type_id is None:
        raise _Unread
    actor = text(get("actor"))
    if actor:
        breach.actor_id = names.key("actor", actor)
        breach.actor_name = "" if breach.actor_id else actor
    truce = text(get("truce"))
    if truce:
        breach.truce_id = names.key("truce", truce)
        if breach.truce_id is None:
            raise _Unread
    sources = [clean_text(n) for n in _SOURCE_SEPARATORS.split(text(get("sources")))]
    breach.citations = [Citation(source_id=names.key("source", n), source_name=n)
                        for n in sources if n]
    if not breach.citations:
        raise _Unread
    return breach, lambda: _content(breach, actor, sources)


def _content(breach: Breach, actor: str, sources: list[str]) -> str:
    """The text of a row's content that a row without an ID gets its key from."""
    return repr((str(breach.occurred_on), breach.occurred_at, breach.governorate_id,
                 breach.district, breach.place, actor.casefold(), breach.breach_type_id,
                 breach.killed, breach.killed_max, breach.women, breach.women_max,
                 breach.children, breach.children_max, breach.injured, breach.injured_max,
                 breach.description, tuple(n.casefold() for n in sources if n)))


def _breach_by_cells(names: _Names, row: dict, office: str) -> tuple[Breach, Callable[[], str]]:
    """As _breach_of, each cell read on its own: _RowError says every problem of the row."""
    problems = []

    def grab(name, parse, *args):
        try:
            return parse(row.get(name), *args)
        except CellError as error:
            problems.append((error.code, error.params))
            return None

    breach = Breach(
        occurred_on=grab("occurred_on", cells.day, "Date"),
        occurred_at=grab("occurred_at", cells.time_of_day),
        district=grab("district", cells.text) or "", place=grab("place", cells.text) or "",
        latitude=grab("latitude", cells.number, "Latitude"),
        longitude=grab("longitude", cells.number, "Longitude"),
        description=grab("description", cells.text) or "",
        status=grab("status", listed_choice, GRADINGS, "Status", "reported"),
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
            problems.append(("cell_required", {"label": label}))
        elif key is None:
            problems.append(("not_in_list", {"label": label, "value": written}))
        setattr(breach, f"{name}_id", key)
    actor = grab("actor", cells.text) or ""
    if actor:
        breach.actor_id = names.key("actor", actor)
        breach.actor_name = "" if breach.actor_id else actor
    truce = grab("truce", cells.text)
    if truce:
        breach.truce_id = names.key("truce", truce)
        if breach.truce_id is None:
            problems.append(("truce_not_found", {"value": truce}))
    sources = [clean_text(n) for n in _SOURCE_SEPARATORS.split(grab("sources", cells.text) or "")]
    breach.citations = [Citation(source_id=names.key("source", n), source_name=n)
                        for n in sources if n]
    if not breach.citations:
        problems.append(("cell_no_source", {}))
    if problems:
        raise _RowError(problems)
    return breach, lambda: _content(breach, actor, sources)
