"""Reading the rows of an imported Breaches sheet (db/importer.py) into breaches: each
header matched in English or in Arabic, each cell read by db/cell_values.py, names of list
entries turned into keys, and each row given its key (its ID, or one made from its content,
the same at every import of the same file). A row that cannot be read is told to the
import's report with its reasons, as codes."""
from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import cell_values as cells
from .errors import CellError
from .import_sheets import id_form, listed_choice
from .lists import find_by_name
from .records import GRADINGS, Breach, Citation
from .rules import SOURCE_SEPARATORS, clean_text
from .sheets import Table, header_key
from .store import Ledger
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


@dataclass
class _Row:
    """One row of the Breaches sheet as read: the breach it names (before it is compared
    with the database) and a text of its content, for the key of a row without an ID."""

    number: int
    breach: Breach | None  # None: the row cannot be read (its problem is reported)
    content: str
    written_id: str  # the ID cell as written ("7", a UUID), "" when empty


def _read_rows(ledger: Ledger, table: Table, report: ImportReport) -> list[_Row]:
    """Every row of the Breaches sheet read into a breach, with its key; the rows that
    cannot be read are told to `report` (and kept, without a breach, so that the victims
    of such a row are not said to be of no row)."""
    rows, seen, names, ids = [], Counter(), _Names(ledger), {}
    for number, row in table.records(COLUMNS):
        try:
            breach, content = _breach_of(names, row, ledger.office)
        except _RowError as error:
            report.refused += 1
            report.add_problem(number, "cells", reasons=error.reasons)
            rows.append(_Row(number, None, "", cells.text(row.get("id"))))
            continue
        written_id = cells.text(row.get("id"))
        if breach.id and breach.id in ids:  # one breach, two rows: which one is meant?
            report.refused += 1
            report.add_problem(number, "id_twice", value=written_id, row=ids[breach.id])
            rows.append(_Row(number, None, "", written_id))
            continue
        if breach.id:
            ids[breach.id] = number
        if not breach.id:
            # The same content gives the same key (counting repeats), so a second import
            # of the same file finds its rows already there.
            seen[content] += 1
            breach.id = str(uuid.uuid5(IMPORT_NAMESPACE, f"{content}#{seen[content]}"))
        rows.append(_Row(number, breach, content, written_id))
    return rows


def _ids_of(rows: list[_Row]) -> dict[str, list[tuple[int, str]]]:
    """The IDs as the Breaches sheet writes them (and each UUID in its one form), to the
    (row, key) of the rows that have them: what a Victims sheet's "Breach ID" names."""
    ids: dict[str, list[tuple[int, str]]] = {}
    for row in rows:
        for written in {row.written_id, id_form(row.written_id)}:
            if written:
                ids.setdefault(written, []).append(
                    (row.number, row.breach.id if row.breach else None))
    return ids


# Sources in one cell are separated by ";", "؛" or "；" (db/rules.py).
_SOURCE_SEPARATORS = SOURCE_SEPARATORS


class _RowError(Exception):
    """The cells of a row that cannot be read: `reasons`, each a (code, params)."""

    def __init__(self, reasons: list[tuple[str, dict]]):
        super().__init__(reasons)
        self.reasons = reasons


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
    content = repr((str(breach.occurred_on), breach.occurred_at, breach.governorate_id,
                    breach.district, breach.place, actor.casefold(), breach.breach_type_id,
                    breach.killed, breach.killed_max, breach.women, breach.women_max,
                    breach.children, breach.children_max, breach.injured, breach.injured_max,
                    breach.description, tuple(n.casefold() for n in sources if n)))
    return breach, content
