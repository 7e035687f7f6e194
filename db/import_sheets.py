"""The Victims and Sources sheets of an exported workbook, as an import reads them beside
its Breaches sheet (db/importer.py)."""
from __future__ import annotations

import re
import uuid
from dataclasses import fields, replace
from typing import NamedTuple

from . import cell_values as cells
from .errors import CellError, LedgerError
from .lists import find_by_name, get_source, save_source
from .records import (AGE_GROUPS, CIVILIAN, OUTCOMES, RELIABILITY, SEXES, SOURCE_KINDS,
                      Victim)
from .sheets import Table, header_key
from .store import Ledger
from .workbook_words import both, in_both, list_key

_VICTIM_FIELDS = [f.name for f in fields(Victim)]
# Header (as matched by header_key, in English or in Arabic) -> field.
VICTIM_HEADERS = in_both((
    ("Breach ID", "breach_id"), ("Name", "name"), ("Name (Latin)", "name_latin"),
    ("Sex", "sex"), ("Age", "age"), ("Age group", "age_group"), ("Outcome", "outcome"),
    ("Civilian", "civilian"), ("Confidential", "confidential"), ("Notes", "notes")),
    header_key)
SOURCE_HEADERS = in_both((
    ("Name", "name"), ("Kind", "kind"), ("Reliability", "reliability"),
    ("Contact", "contact"), ("Notes", "notes")), header_key)


def listed_choice(value, allowed: tuple, label: str, default: str = "unknown") -> str:
    """The value of a fixed list a cell names, by its key in any case ("female") or by its
    Arabic word ("أنثى"), as an Arabic workbook writes it."""
    if type(value) is str:  # a sheet writes a few words thousands of times: read each once
        found = _CHOSEN.get((value, allowed, default))
        if found is not None:
            return found
    chosen = cells.choice(list_key(value), allowed, label, default)
    if type(value) is str and len(_CHOSEN) < 10_000:
        _CHOSEN[value, allowed, default] = chosen
    return chosen


# (text as written, the list, the default) -> the value it names, for texts named already.
_CHOSEN: dict[tuple[str, tuple, str], str] = {}


class IgnoredColumn(NamedTuple):
    """A column an import does not read: said in its report, never dropped unsaid."""

    sheet: str  # the sheet's English name ("Breaches" for a CSV file or an office's sheet)
    header: str  # as written; "" for a column without a header
    number: int  # its place in the sheet, 1 for the first


# Columns an export writes for the people reading it, which an import has no use for.
_FOR_READERS = {"Victims": ("Breach date",), "Sources": ("Breaches cited",)}


def ignored_columns(sheet: str, table: Table | None,
                    columns: dict[str, str]) -> list[IgnoredColumn]:
    """The columns of `table` that match no field of `columns` (a header's key to its
    field): their values are not imported, so the import's report names them. A column
    without a header is named only if a cell of it holds something."""
    if table is None:
        return []
    for_readers = {header_key(name) for english in _FOR_READERS.get(sheet, ())
                   for name in both(english)}
    ignored = []
    for index, header in enumerate(table.headers):
        key, written = header_key(header), cells.text(header)
        if key in columns or key in for_readers:
            continue
        if not written and not any(index < len(row) and cells.text(row[index])
                                   for _number, row in table.rows):
            continue
        ignored.append(IgnoredColumn(sheet, written, index + 1))
    return ignored


class VictimsSheet:
    """The Victims sheet of an export, by breach key. A public export has no Confidential
    (nor Notes) column: what it leaves out is kept as it is in the database.

    Each victim is tied to a row of the Breaches sheet by its "Breach ID", written as the
    row's ID is (a UUID, or the office's own number, "7"). A sheet without that column,
    a victim without an ID, or with one that names no row (or two) of the Breaches sheet
    is refused with its row: it would otherwise drop victims, or take them away."""

    FIELDS = ("name", "name_latin", "sex", "age", "age_group", "outcome", "civilian",
              "confidential", "notes")

    def __init__(self, table: Table | None, report, file_name: str = ""):
        """`report` (an ImportReport) is told of the rows that cannot be read."""
        self.by_breach: dict[str, list[Victim]] | None = None if table is None else {}
        self.present: set[str] = set()
        self.report = report
        self.written: list[tuple[int, str, Victim]] = []  # (row, Breach ID as written, victim)
        if table is None:
            return
        self.present = {VICTIM_HEADERS[header_key(h)] for h in table.headers
                        if header_key(h) in VICTIM_HEADERS}
        if "breach_id" not in self.present and table.rows:
            raise LedgerError(
                "victims_unlinked", name=file_name)
        for number, row in table.records(VICTIM_HEADERS):
            try:
                victim = Victim(
                    name=cells.text(row.get("name")),
                    name_latin=cells.text(row.get("name_latin")),
                    sex=listed_choice(row.get("sex"), SEXES, "Sex"),
                    age=cells.count(row.get("age"), "Age", None),
                    age_group=listed_choice(row.get("age_group"), AGE_GROUPS, "Age group"),
                    outcome=listed_choice(row.get("outcome"), OUTCOMES, "Outcome", "killed"),
                    civilian=listed_choice(row.get("civilian"), CIVILIAN, "Civilian"),
                    confidential=cells.yes_no(row.get("confidential"), "Confidential"),
                    notes=cells.text(row.get("notes")))
            except CellError as error:
                report.refused += 1
                report.add_problem(number, "victims_sheet", reason=(error.code, error.params))
                continue
            self.written.append((number, cells.text(row.get("breach_id")), victim))

    def tie(self, rows: dict[str, list[tuple[int, str]]]) -> None:
        """Tie each victim to its breach. `rows` maps an ID as the Breaches sheet writes it
        (and a UUID in its one form) to the (row, key) of each row with that ID; the key
        is None for a row that cannot be read."""
        if self.by_breach is None:
            return
        for number, written, victim in self.written:
            found = rows.get(id_form(written), []) if written else []
            keys = {key for _row, key in found}
            if len(keys) == 1:
                key = keys.pop()
                if key is not None:  # None: its row is refused, and says why
                    self.by_breach.setdefault(key, []).append(victim)
                continue
            self.report.refused += 1
            if not written:
                reason = ("victim_no_id", {})
            elif not found:
                reason = ("victim_unknown_id", {"value": written})
            else:
                reason = ("victim_id_twice", {"value": written,
                                              "rows": ", ".join(str(r) for r, _k in found)})
            self.report.add_problem(number, "victims_sheet", reason=reason)

    def for_breach(self, key: str, stored: dict | None) -> list[Victim]:
        """The victims to save with a breach: those the sheet lists (keeping the keys, and
        the fields the sheet leaves out, of ones already there by name); with no sheet,
        those already stored (`stored`, the breach's document, db.breaches.breach_document)."""
        current = [Victim(**{f: child[f] for f in _VICTIM_FIELDS})
                   for child in (stored["victims"] if stored is not None else ())]
        for victim in current:
            victim.confidential = bool(victim.confidential)
        if self.by_breach is None:
            return current
        by_name = {(v.name, v.name_latin): v for v in current}
        result = []
        for victim in self.by_breach.get(key, []):
            old = by_name.pop((victim.name, victim.name_latin), None)
            if old is not None:
                kept = {f: getattr(old, f) for f in self.FIELDS if f not in self.present}
                victim = replace(victim, id=old.id, **kept)
            result.append(victim)
        if "confidential" not in self.present:  # a public export: keep what it left out
            result += [v for v in by_name.values() if v.confidential]
        return result


# A UUID in its one form, as str(uuid.UUID(…)) writes it: lower case, with its hyphens.
UUID_FORM = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def id_form(written: str) -> str:
    """An ID as matched: a UUID in its one form (any case, braces or not), else as written."""
    if UUID_FORM.fullmatch(written):
        return written  # in its one form already: the quick way for an export's IDs
    try:
        return str(uuid.UUID(written))
    except ValueError:
        return written


def fill_sources(ledger: Ledger, table: Table | None) -> None:
    """From the Sources sheet of an export: the kind and reliability of sources that have
    none yet (made by this import), and, from a full export, contacts and notes where ours
    are empty. Never overwrites what the office has set."""
    if table is None:
        return
    for _number, row in table.records(SOURCE_HEADERS):
        key = find_by_name(ledger, "source", cells.text(row.get("name")))
        if key is None:
            continue
        source = get_source(ledger, key)
        try:
            kind = listed_choice(row.get("kind"), SOURCE_KINDS, "Kind", source.kind)
            reliability = listed_choice(row.get("reliability"), RELIABILITY, "Reliability",
                                       source.reliability)
        except ValueError:
            continue  # a source's words the office set will do
        changed = replace(
            source, kind=kind if source.kind == "other" else source.kind,
            reliability=reliability if source.reliability == "unknown" else source.reliability,
            contact=source.contact or cells.text(row.get("contact")),
            notes=source.notes or cells.text(row.get("notes")))
        if changed != source:
            save_source(ledger, changed)
