"""The Victims and Sources sheets of an exported workbook, as an import reads them beside
its Breaches sheet (db/importer.py)."""
from __future__ import annotations

from dataclasses import replace

from . import cell_values as cells
from .breaches import get_breach
from .lists import find_by_name, get_source, save_source
from .records import (AGE_GROUPS, CIVILIAN, OUTCOMES, RELIABILITY, SEXES, SOURCE_KINDS,
                      Victim)
from .sheets import Table, header_key
from .store import Ledger

# Header (as matched by header_key) -> field.
VICTIM_HEADERS = {header_key(h): f for h, f in (
    ("Breach ID", "breach_id"), ("Name", "name"), ("Name (Latin)", "name_latin"),
    ("Sex", "sex"), ("Age", "age"), ("Age group", "age_group"), ("Outcome", "outcome"),
    ("Civilian", "civilian"), ("Confidential", "confidential"), ("Notes", "notes"))}
SOURCE_HEADERS = {header_key(h): f for h, f in (
    ("Name", "name"), ("Kind", "kind"), ("Reliability", "reliability"),
    ("Contact", "contact"), ("Notes", "notes"))}
class VictimsSheet:
    """The Victims sheet of an export, by breach key. A public export has no Confidential
    (nor Notes) column: what it leaves out is kept as it is in the database."""

    FIELDS = ("name", "name_latin", "sex", "age", "age_group", "outcome", "civilian",
              "confidential", "notes")

    def __init__(self, table: Table | None, report):
        """`report` (an ImportReport) is told of the rows that cannot be read."""
        self.by_breach: dict[str, list[Victim]] | None = None if table is None else {}
        self.present: set[str] = set()
        if table is None:
            return
        self.present = {VICTIM_HEADERS[header_key(h)] for h in table.headers
                        if header_key(h) in VICTIM_HEADERS}
        for number, row in table.records(VICTIM_HEADERS):
            try:
                victim = Victim(
                    name=cells.text(row.get("name")),
                    name_latin=cells.text(row.get("name_latin")),
                    sex=cells.choice(row.get("sex"), SEXES, "Sex"),
                    age=cells.count(row.get("age"), "Age", None),
                    age_group=cells.choice(row.get("age_group"), AGE_GROUPS, "Age group"),
                    outcome=cells.choice(row.get("outcome"), OUTCOMES, "Outcome", "killed"),
                    civilian=cells.choice(row.get("civilian"), CIVILIAN, "Civilian"),
                    confidential=cells.yes_no(row.get("confidential"), "Confidential"),
                    notes=cells.text(row.get("notes")))
            except ValueError as error:
                report.refused += 1
                report.add_problem(number, f"Victims sheet: {error}")
                continue
            self.by_breach.setdefault(cells.text(row.get("breach_id")), []).append(victim)

    def for_breach(self, ledger: Ledger, key: str, stored: dict | None) -> list[Victim]:
        """The victims to save with a breach: those the sheet lists (keeping the keys, and
        the fields the sheet leaves out, of ones already there by name); with no sheet,
        those already stored."""
        current = get_breach(ledger, key).victims if stored is not None else []
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
            kind = cells.choice(row.get("kind"), SOURCE_KINDS, "Kind", source.kind)
            reliability = cells.choice(row.get("reliability"), RELIABILITY, "Reliability",
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
