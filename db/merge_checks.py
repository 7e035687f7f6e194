"""Checking another office's file before a merge (db.merge), and the reasons a merge is
refused.

Their file is read (db.merge_read) attached read-only to our connection, in one snapshot,
after its schema is shown to be exactly ours, and its reading may cost no more than its
size can hold (_Budget). Its rows are checked as they are read, before anything is
written (_Checks), all but the breaches it holds exactly as ours, with every citation and
victim (_Theirs._held_alike: ours already, and not written): every time in
the sane range, every text as the editor stores it, every list entry by its editor's rules,
every breach, citation and victim by the editor's rules with its keys pointing into the
file's own lists, every history entry, and no key of theirs naming another breach's row
here. The reasons found refuse the merge whole (MergeRefused); planning and writing it are
db.merge's.
"""
from __future__ import annotations

import json
import unicodedata
from datetime import date, datetime, timezone
from typing import Callable

from .cipher import sqlite3
from .breaches import BREACH_COLUMNS, VICTIM_COLUMNS
from .dates import FIRST_YEAR, LAST_YEAR
from .errors import LedgerError
from .lists import checked_truce, truce_of
# The reading of their file, also reached here, where db.merge and the tests import it.
from .merge_read import (CHILD_TABLES, HISTORY_COLUMNS, LIST_TABLES, THEIRS, _attached,
                         _Budget, _no_demo_in_real, _Progress, _Theirs)
from .moments import MomentError, checked_stored
from .records import RELIABILITY, SOURCE_KINDS, Breach, Citation, Victim, as_date
from .rules import MAX_SHORT_TEXT, check_breach, clean_text, holds_separator

__all__ = ["CHILD_TABLES", "HISTORY_COLUMNS", "LIST_TABLES", "MAX_REASONS", "MergeRefused",
           "RECORD_TABLES", "THEIRS", "_Budget", "_Checks", "_Progress", "_Theirs",
           "_attached", "_no_demo_in_real"]

RECORD_TABLES = frozenset(LIST_TABLES + ("breach",) + CHILD_TABLES)
MAX_REASONS = 20  # reasons named in a refusal; the rest are counted
_MOMENTS_KEPT = 1000  # moments read already, kept to read each once (see _moment_check)
# The texts each editor stores cleaned (trimmed, NFC: rules.clean_text), by table. A text
# of theirs that is not as the editor would have stored it was not written by this
# program's editor, import or merge: it refuses the merge, since kept as it is it would
# stand beside ours as a near-duplicate ('Hezbollah militias ' and 'Hezbollah militias'
# counted apart in the totals by actor), and cleaned it would no longer be the record
# their office holds under the same key and time.
CLEANED_TEXTS = {
    "breach": ("district", "place", "description"),
    "citation": ("reference", "note"),
    "victim": ("name", "name_latin", "notes"),
    "gazetteer": ("name", "name_ar"),
    "actor": ("name", "name_ar", "notes"),
    "breach_type": ("name", "name_ar"),
    "truce": ("name", "brokered_by", "notes"),
    "source": ("name", "kind", "reliability", "contact", "notes"),
}


class MergeRefused(LedgerError):
    """Their file holds rows that break a rule, or that would take over records of ours:
    nothing was merged. `reasons` are the first twenty, each a (code, params) that
    gui/messages.py words (reason_text); `more` counts the rest."""

    def __init__(self, name: str, reasons: list[tuple[str, dict]], more: int):
        self.reasons, self.more = list(reasons), more
        super().__init__("merge_refused", name=name, reasons=self.reasons, more=more,
                         count=len(reasons) + more)


class _Reasons:
    """The reasons to refuse a merge, the first MAX_REASONS kept in words, the rest counted."""

    def __init__(self):
        self.shown: list[tuple[str, dict]] = []
        self.more = 0

    def add(self, code: str, **params) -> None:
        if len(self.shown) < MAX_REASONS:
            self.shown.append((code, params))
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.shown)


# Checking what was read -----------------------------------------------------------------

class _Checks:
    """The checks of their rows, made as the rows are read (db.merge_plan reads them): their
    lists first, whole, then each breach with its citations and victims, then their history
    and the keys they share with ours. `refuse` raises MergeRefused with every reason found
    (the first twenty named)."""

    def __init__(self, conn: sqlite3.Connection, theirs: _Theirs):
        self.theirs, self.reasons, self.moment = theirs, _Reasons(), _moment_check()
        self.year = _year_check()
        self.today = date.today()
        lists = theirs.rows
        self.live = {t: {r["id"] for r in lists[t] if r["deleted_at"] is None}
                     for t in LIST_TABLES}
        self.every = {t: {r["id"] for r in lists[t]} for t in LIST_TABLES}
        self.governorates = {r["id"] for r in lists["gazetteer"] if r["kind"] == "governorate"}
        # exists(kind, key) of check_breach, for a live breach and for a deleted one: made
        # once, not for each breach.
        self.exists = {False: self._exists_in(self.live), True: self._exists_in(self.every)}
        for table in LIST_TABLES:
            for row in lists[table]:
                self._row(table, row, lambda: _list_label(table, row))
        _check_lists(conn, theirs, self.reasons)

    def breach(self, row: dict | None, children: dict[str, list[dict]]) -> None:
        """A breach of theirs, with its live citations and victims, by the editor's rules,
        its keys pointing into their own lists (live ones for a live breach); tombstoned
        citations and victims by the rules a row alone can break. `row` None: rows of theirs
        without their breach."""
        if row is not None:
            self._row("breach", row, lambda: _breach_label(row, row["id"]))
            self._rules(row, children)
        for table, rows in children.items():
            for child in rows:
                # A reason's label made only when there is a reason (rarely): the rows that
                # pass, nearly all, are read at the cost of their checks alone.
                def child_label(table=table, child=child) -> dict:
                    return {"table": table, "id": child["id"],
                            "breach": _breach_label(row, child["breach_id"])}
                self._row(table, child, child_label)
                self._child(table, child, row, child_label)

    def _exists_in(self, keys: dict[str, set]):
        """exists(kind, key) of check_breach, over these keys of their lists."""
        table_of = {"governorate": "gazetteer", "actor": "actor", "breach_type": "breach_type",
                    "source": "source", "truce": "truce"}

        def exists(kind: str, key: str) -> bool:
            return key in keys[table_of[kind]] and (kind != "governorate"
                                                    or key in self.governorates)
        return exists

    def _row(self, table: str, row: dict, label: Callable[[], dict]) -> None:
        """Its times in range (see _moment_check), its texts as the editor stores them;
        `label()` names the row in a reason."""
        for column in ("created_at", "updated_at", "deleted_at"):
            if column == "deleted_at" and row[column] is None:
                continue
            problem = self.moment(column, row[column])
            if problem:
                self.reasons.add("merge_row", row_ref=label(), problems=[problem])
        texts = [row[column] for column in CLEANED_TEXTS[table]]
        if all(map(_stored_clean, texts)):  # nearly every row: no reason to look for
            return
        problems = [problem for column, text in zip(CLEANED_TEXTS[table], texts)
                    for problem in [_text_problem(column, text)] if problem]
        if problems:
            self.reasons.add("merge_row", row_ref=label(), problems=problems)

    def _rules(self, row: dict, children: dict[str, list[dict]]) -> None:
        breach = _breach_of(row, children)
        problems = list(check_breach(breach, self.exists[bool(row["deleted_at"])],
                                     self.today).codes.values())
        problems += [p for p in [self.year(row["occurred_on"], "occurred_on")] +
                     [self.year(c.reported_on, "reported_on") for c in breach.citations]
                     if p]
        problems = [p for n, p in enumerate(problems) if p not in problems[:n]]  # said once
        if problems:
            self.reasons.add("merge_row", row_ref=_breach_label(row, row["id"]),
                             problems=problems)

    def _child(self, table: str, child: dict, breach: dict | None,
               label: Callable[[], dict]) -> None:
        if breach is None:
            self.reasons.add("merge_row", row_ref=label(), problems=[("no_breach", {})])
        elif table == "citation" and child["source_id"] not in self.every["source"]:
            self.reasons.add("merge_row", row_ref=label(),
                             problems=[("no_source_in_file", {})])
        elif child["deleted_at"] is not None and table == "citation":
            problem = _reported_problem(child["reported_on"], self.today)
            if problem:
                self.reasons.add("merge_row", row_ref=label(), problems=[problem])

    def refuse(self, conn: sqlite3.Connection) -> None:
        """Their history checked, then the keys they share with ours; MergeRefused with
        every reason found, if any."""
        _check_history(self.theirs, self.reasons, self.moment)
        shown, more = _collisions(conn, self.theirs)
        for code, params in shown:
            self.reasons.add(code, **params)
        self.reasons.more += more
        if self.reasons:
            raise MergeRefused(self.theirs.name, self.reasons.shown, self.reasons.more)


def _breach_label(row: dict | None, key: str | None) -> dict:
    return {"table": "breach", "id": key, "date": row["occurred_on"] if row else None}


def _list_label(table: str, row: dict) -> dict:
    """A list entry of theirs named in a reason (gui/messages.py words it): by its name."""
    return {"table": table, "name": row.get("name")}


class _Passed(set):
    """Values checked and found good, each read once however many rows share it; let go
    every _MOMENTS_KEPT, so that they never fill the memory of a large merge."""

    def note(self, value) -> None:
        if len(self) == _MOMENTS_KEPT:
            self.clear()
        self.add(value)


def _moment_check():
    """A function: why a stored moment is refused (None when it is canonical and between
    2000 and a day ahead of our clock, read once for the whole merge). A time in 2999 would
    beat every later edit forever; one in 999 breaks later edits. A moment shared by many
    rows (written together, so read together) is read once (_Passed)."""
    now, good = datetime.now(timezone.utc), _Passed()

    def problem(column: str, value) -> tuple[str, dict] | None:
        if value in good:
            return None
        try:
            good.note(checked_stored(value, now))
        except MomentError as error:
            code = "moment_range" if error.code == "moment_range" else "moment"
            return code, {"column": column, **error.params}
        return None
    return problem


def _stored_clean(value) -> bool:
    """Whether a text is surely as the editor stores it (clean_text gives it back as it
    is): trimmed, and NFC (ASCII is; Python's quick check tells the rest without making a
    copy). True only where _text_problem finds none; False sends the text to it."""
    return type(value) is str and value.strip() == value and (
        value.isascii() or unicodedata.is_normalized("NFC", value))


def _text_problem(column: str, value) -> tuple[str, dict] | None:
    if not isinstance(value, str) or clean_text(value) == value:
        return None
    if value.strip() != value:
        return "text_spaces", {"column": column, "value": value}
    return "text_not_nfc", {"column": column, "value": value}


def _name_key(*names) -> tuple:
    """How list entries and victims are matched: by the name as the editor stores it
    (trimmed, NFC), whatever its case."""
    return tuple(clean_text(name).casefold() for name in names)


def _check_lists(conn: sqlite3.Connection, theirs: _Theirs, reasons: _Reasons) -> None:
    """Each list entry passes the rules of its own editor; a governorate is one of the
    gazetteer's (no program of ours adds one)."""
    label = _list_label
    gazetteer = {(kind, *_name_key(name))
                 for kind, name in conn.execute("SELECT kind, name FROM gazetteer")}
    for row in theirs.rows["gazetteer"]:
        if (row["kind"], *_name_key(row["name"])) not in gazetteer:
            reasons.add("not_in_gazetteer", row_ref=label("gazetteer", row))
    for table in ("actor", "breach_type"):
        for row in theirs.rows[table]:
            problem = _name_problem(row["name"])
            if problem:
                reasons.add("merge_row", row_ref=label(table, row), problems=[problem])
    for row in theirs.rows["truce"]:
        problems = list(_truce_problems(row))
        if problems:
            reasons.add("merge_row", row_ref=label("truce", row), problems=problems)
    for row in theirs.rows["source"]:
        problems = [p for p in (_name_problem(row["name"]), _source_problem(row)) if p]
        if problems:
            reasons.add("merge_row", row_ref=label("source", row), problems=problems)


def _name_problem(name: str) -> tuple[str, dict] | None:
    if not clean_text(name):
        return "required", {"field": "name"}
    if len(clean_text(name)) > MAX_SHORT_TEXT:
        return "too_long", {"field": "name", "limit": MAX_SHORT_TEXT}
    return None


def _source_problem(row: dict) -> tuple[str, dict] | None:
    if holds_separator(row["name"]):
        return "semicolon", {"field": "name"}
    if row["kind"] not in SOURCE_KINDS:
        return "one_of", {"field": "kind", "allowed": ", ".join(SOURCE_KINDS)}
    if row["reliability"] not in RELIABILITY:
        return "one_of", {"field": "reliability", "allowed": ", ".join(RELIABILITY)}
    return None


def _truce_problems(row: dict):
    try:
        checked_truce(truce_of(row))
    except LedgerError as error:
        yield from getattr(error, "codes", {}).values()
        return
    for column in ("start_date", "end_date"):
        problem = _year_problem(row[column], column)
        if problem:
            yield problem


def _year_check():
    """_year_problem, as a function that reads each stored date once: the days of a file's
    breaches and citations are few beside them (a few thousand at most for 100,000), and
    one that passed passes again whatever its column (only a problem names the column)."""
    good = _Passed()

    def problem(value, column: str) -> tuple[str, dict] | None:
        if type(value) is str and value in good:
            return None
        found = _year_problem(value, column)
        if found is None and type(value) is str:
            good.note(value)
        return found
    return problem


def _year_problem(value, column: str) -> tuple[str, dict] | None:
    """A stored date must be written as the program writes it (2017-01-04) and fall in the
    years a date may be typed in: Python reads 20170104 and 0999-01-01 as dates too."""
    day = as_date(value)
    if value is None or day is None:
        return None
    if day.isoformat() != value or not FIRST_YEAR <= day.year <= LAST_YEAR:
        return "year_range", {"field": column, "value": value, "first": FIRST_YEAR,
                              "last": LAST_YEAR}
    return None


def _reported_problem(value, today: date) -> tuple[str, dict] | None:
    if value is None:
        return None
    day = as_date(value)
    if day is None:
        return "citation_not_a_date", {"n": 1}
    if day > today:
        return "citation_future", {"n": 1}
    return _year_problem(value, "reported_on")


def _breach_of(row: dict, children: dict[str, list[dict]]) -> Breach:
    """Their breach row with its live citations and victims (`children`: all of them, by
    table), as the editor would save it."""
    citations = sorted((c for c in children["citation"] if c["deleted_at"] is None),
                       key=lambda c: c["position"])
    victims = sorted((v for v in children["victim"] if v["deleted_at"] is None),
                     key=lambda v: v["position"])
    return Breach(
        **{c: row[c] for c in BREACH_COLUMNS},
        citations=[Citation(source_id=c["source_id"], reference=c["reference"],
                            reported_on=c["reported_on"], note=c["note"], id=c["id"])
                   for c in citations],
        victims=[Victim(**{k: v[k] for k in VICTIM_COLUMNS if k != "position"})
                 for v in victims])


def _check_history(theirs: _Theirs, reasons: _Reasons, moment) -> None:
    """Their history entries that ours lacks (the others are not copied), read one by one
    (their reading costs from the same budget of the file's size): each was made at a time
    in range, names a table of ours and holds a whole record (JSON) or none, as the window
    reads them back."""
    for row in theirs.history():
        problem = moment("changed_at", row["changed_at"])
        if problem is None and row["record_table"] not in RECORD_TABLES:
            problem = "no_table", {"table": row["record_table"]}
        for column in ("before", "after"):
            if problem is None and row[column] is not None and not _is_record(row[column]):
                problem = "not_a_record", {"column": column}
        if problem:
            reasons.add("merge_row", row_ref={"table": "change_log", "id": row["id"]},
                        problems=[problem])


def _is_record(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError):
        return False


def _collisions(conn: sqlite3.Connection, theirs: _Theirs) -> tuple[list[tuple[str, dict]], int]:
    """Their citations and victims whose keys are, in our file, those of another breach's:
    the first MAX_REASONS, and how many more. Keys are UUIDs made apart: one naming another
    breach's row is never the same record (merged over, it would move our row, confidential
    victims too, to their breach). Such a merge is refused whole rather than kept apart
    under a new key: a new key would make a second copy at every later merge of the same
    file, and the file that does this is not one to trust with the rest."""
    found, more = [], 0
    for table in CHILD_TABLES:
        for row in theirs.read(f"SELECT t.id, t.breach_id, o.breach_id AS parent"
                               f" FROM {THEIRS}.{table} AS t NOT INDEXED JOIN main.{table} AS o"
                               f" ON o.id = t.id WHERE o.breach_id IS NOT t.breach_id"):
            if len(found) == MAX_REASONS:
                more += 1
                continue
            found.append(("collision", {
                "row_ref": {"table": table, "id": row["id"],
                            "breach": _breach_label(theirs.breach(row["breach_id"]),
                                                    row["breach_id"])},
                "table": table, "parent": row["parent"]}))
    return found, more
