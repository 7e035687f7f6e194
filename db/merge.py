"""Merging the database of another office into ours.

Another office's file is a stranger's until shown otherwise. It is checked as any file we
open (db.store.inspect_file); then its schema must be exactly the one this program makes,
so that reading it runs nothing of its own (no view, no trigger), and reading it may cost
no more than its size can hold. Everything read from it is checked before anything is
written: every time in the sane range (db.moments), every breach, citation and victim by
the editor's rules, every list entry by the rules of its own editor, every key pointing
into the file's own lists, and no key of theirs naming a victim or a citation that is,
here, another breach's. One failure refuses the whole merge, with the reasons (the first
twenty, and how many more), and ours is left as it was.

Reading and checking happen outside any write transaction, so that other copies of the
program go on saving meanwhile. The writing is one transaction, in which "the newer
version wins" is decided again against what our file holds at that moment. Records join
ours by key: new ones are added, changed ones are updated when theirs was changed later
(our older version stays in the change log), deletions are carried over; the lists
(governorates, types, actors, sources, truces) are joined by name. A merge never lowers a
victim's confidentiality. Merging the same file again changes nothing.
"""
from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from .breaches import BREACH_COLUMNS, VICTIM_COLUMNS, breach_document, log_change
from .dates import FIRST_YEAR, LAST_YEAR
from .errors import BadFileError, LedgerError
from .lists import checked_truce, truce_of
from .messages import english
from .moments import MomentError, checked_stored
from .records import RELIABILITY, SOURCE_KINDS, Breach, Citation, Victim, as_date
from .rules import MAX_SHORT_TEXT, check_breach, clean_text, holds_separator
from .schema import schema_difference
from .store import Ledger, fetch_dicts, inspect_file

CHILD_TABLES = ("citation", "victim")
LIST_TABLES = ("gazetteer", "breach_type", "actor", "truce", "source")
HISTORY_COLUMNS = ("id", "changed_at", "user", "office", "record_table", "record_id", "action",
                   "before", "after")
RECORD_TABLES = frozenset(LIST_TABLES + ("breach",) + CHILD_TABLES)
MAX_REASONS = 20  # reasons named in a refusal; the rest are counted
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
# SQLite's primary result code for "database or disk is full".
SQLITE_FULL = 13


@dataclass
class MergeReport:
    """What a merge did."""

    added: int = 0  # breaches new to us
    updated: int = 0  # breaches changed later there than here
    deleted: int = 0  # breaches deleted there (or arriving already deleted)
    left: int = 0  # breaches as new here as there, or newer here
    sources: int = 0  # sources added or updated
    history: int = 0  # entries of their change log brought in

    def summary(self) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.deleted} deleted, "
                f"{self.left} left as they were; {self.sources} sources added or updated, "
                f"{self.history} history entries brought in")


class MergeRefused(LedgerError):
    """Their file holds rows that break a rule, or that would take over records of ours:
    nothing was merged. `reasons` are the first twenty, `more` counts the rest."""

    def __init__(self, name: str, reasons: list[str], more: int):
        self.reasons, self.more = list(reasons), more
        listed = "; ".join(r.rstrip(".") for r in reasons) + (f"; and {more} more" if more
                                                              else "")
        super().__init__(f"{name} cannot be merged, so nothing was changed: {listed}.",
                         "merge_refused", name=name, reasons=listed, count=len(reasons) + more)


class _Progress:
    """progress(done, total) of the caller over the whole merge: reading their file (done 0,
    the total not known yet), checking their breaches (the first half), then writing them
    (the second). Raises LedgerError "cancelled" once it returns False; nothing is written
    then, or what was is rolled back."""

    def __init__(self, report: Callable[[int, int], bool] | None):
        self.report, self.total = report, 1

    def tell(self, done: int, every: int = 1000) -> None:
        if self.report is not None and done % every == 0 \
                and self.report(done, self.total) is False:
            raise LedgerError("The merge was cancelled; nothing was changed.", "cancelled")


class _Reasons:
    """The reasons to refuse a merge, the first MAX_REASONS kept in words, the rest counted."""

    def __init__(self):
        self.shown: list[str] = []
        self.more = 0

    def add(self, reason: str) -> None:
        if len(self.shown) < MAX_REASONS:
            self.shown.append(reason)
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.shown)


@dataclass
class _Theirs:
    """Their file, in one snapshot of it: its records and lists read whole; its change log,
    the bulk of a file, read as it is needed (checked once, copied once), through `conn`,
    which holds the snapshot (a read transaction) until the merge ends."""

    name: str
    demo: bool
    conn: sqlite3.Connection
    budget: "_Budget"
    rows: dict[str, list[dict]] = field(default_factory=dict)  # table -> its rows
    children: dict[str, dict[str, list[dict]]] = field(default_factory=dict)  # by breach

    def history(self):
        """Their change-log entries, as tuples of HISTORY_COLUMNS; BadFileError when the
        file cannot be read to the end (not an error of writing ours)."""
        try:
            yield from self.conn.execute(
                f"SELECT {', '.join(HISTORY_COLUMNS)} FROM change_log")
        except sqlite3.Error as error:
            raise _unreadable(self.name, error) from None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("ROLLBACK")
        self.conn.close()


def merge_file(ledger: Ledger, other: str | Path,
               progress: Callable[[int, int], bool] | None = None) -> MergeReport:
    """Merge the database at `other` into `ledger`. Raises BadFileError for a file that is
    not a whole Truce Ledger database as this program makes them, MergeRefused for one whose
    rows break a rule or collide with ours, LedgerError "disk_full" when our disk fills,
    LedgerError "cancelled" when `progress(done, total)` returns False; ours is then
    unchanged in every case."""
    # The file itself, not a link to it: SQLite reads the log beside the file a link
    # points to, and every check here must look where SQLite will.
    other = Path(os.path.realpath(other))
    if other == Path(os.path.realpath(ledger.path)) or _same_file(other, ledger.path):
        raise BadFileError("A database cannot be merged into itself.", "merge_self")
    version = inspect_file(other)  # refuses, untouched, a file not ours, damaged or newer
    steps = _Progress(progress)
    theirs = _read_file(ledger, other, version, steps)
    try:
        steps.total = 2 * len(theirs.rows["breach"]) or 1
        chosen: dict = {}  # the keys of list entries new to us, chosen once
        with ledger.snapshot() as conn:
            _refuse_if_wrong(conn, theirs, steps)
            plan = _plan(ledger, conn, theirs, chosen)
        return _written(ledger, theirs, steps, plan, chosen)
    finally:
        theirs.close()


def _same_file(one: Path, other: Path) -> bool:
    """Whether two names are one file (a hard link, another spelling)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _written(ledger: Ledger, theirs: _Theirs, steps: _Progress, plan: _Plan,
             chosen: dict) -> MergeReport:
    """The write, in one transaction; an error of SQLite here is one of writing OUR file."""
    try:
        with _large_cache(ledger.conn), ledger.transaction() as conn:
            return _write(ledger, conn, theirs, steps, plan, chosen)
    except sqlite3.Error as error:
        if ledger.conn.in_transaction:  # a COMMIT that failed (a full disk) may leave it open
            ledger.conn.execute("ROLLBACK")
        raise _write_failure(ledger, error) from None


@contextlib.contextmanager
def _large_cache(conn: sqlite3.Connection):
    """A merge that writes many rows touches many pages of the indexes, all over them (keys
    are random): a page cache of up to 64 MiB while it writes (taken only as it is used)
    keeps them in memory instead of reading them again, and so shortens the time the
    write lock is held. The connection's own size is put back afterwards."""
    previous = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA cache_size = -65536")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(previous)}")


def _write_failure(ledger: Ledger, error: sqlite3.Error) -> LedgerError:
    """What went wrong writing OUR file, said as it is: a full disk names the folder whose
    disk is full; the transaction was rolled back, so nothing was changed."""
    folder = str(ledger.path.parent)
    if getattr(error, "sqlite_errorcode", 0) & 0xFF == SQLITE_FULL or "full" in str(error):
        return LedgerError(f"The disk holding {folder} is full: nothing was merged and nothing "
                           "was changed. Free some space on it and merge again.", "disk_full",
                           folder=folder, name=ledger.path.name)
    return LedgerError(f"Cannot write {ledger.path.name}: {error}; nothing was changed.",
                       "not_written", name=ledger.path.name, reason=str(error))


# Reading their file ---------------------------------------------------------------------

def _read_file(ledger: Ledger, other: Path, version: int, progress: _Progress) -> _Theirs:
    """Their file, read whole through a read-only connection after its schema is shown to be
    ours; BadFileError when it cannot be read to the end."""
    try:
        theirs = sqlite3.connect(f"file:{quote(str(other.resolve()))}?mode=ro", uri=True,
                                 isolation_level=None)
    except sqlite3.Error as error:
        raise _unreadable(other.name, error) from None
    try:
        difference = schema_difference(theirs, version)
        if difference:
            raise _foreign(other.name, difference)
        _no_demo_in_real(ledger.conn, ledger.is_demo, _is_demo(theirs), other.name)
        return _read_rows(theirs, other, progress)
    except sqlite3.Error as error:
        theirs.close()
        raise _unreadable(other.name, error) from None
    except BaseException:
        theirs.close()
        raise


def _unreadable(name: str, error: sqlite3.Error) -> BadFileError:
    return BadFileError(f"{name} cannot be read to the end ({error}); nothing was changed.",
                        "damaged", name=name, reason=str(error))


def _foreign(name: str, reason: str) -> BadFileError:
    return BadFileError(f"{name} is not a Truce Ledger database as this program makes them: "
                        f"{reason}; nothing was changed.", "foreign_schema", name=name,
                        reason=reason)


def _is_demo(theirs: sqlite3.Connection) -> bool:
    row = theirs.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
    return bool(row and row[0] == "1")


class _Budget:
    """What reading a file may cost: no more than its bytes can hold. Every row of a table
    takes at least a byte of the file, and every value a byte, and a text at least a byte a
    character; so a file of ours never runs out of budget, and one that does is not a
    plain file of tables (ours has no views, but the bound holds whatever SQLite does)."""

    def __init__(self, path: Path):
        self.name = path.name
        self.left = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())

    def spend(self, row: tuple) -> None:
        self.left -= 1 + sum(max(1, len(v)) if isinstance(v, (str, bytes)) else 1 for v in row)
        if self.left < 0:
            raise _foreign(self.name, "it holds more rows than a file of its size can")


def _read_rows(theirs: sqlite3.Connection, path: Path, progress: _Progress) -> _Theirs:
    """Every row of their records and lists, in a read transaction that stays open (one
    snapshot of their file for the whole merge)."""
    budget = _Budget(path)
    result = _Theirs(name=path.name, demo=_is_demo(theirs), conn=theirs, budget=budget)
    theirs.execute("BEGIN")
    seen: dict[str, str] = {}
    for table in LIST_TABLES + ("breach",) + CHILD_TABLES:
        result.rows[table] = _read_table(theirs, f"SELECT * FROM {table}", budget, progress,
                                         seen)
    for table in CHILD_TABLES:
        grouped: dict[str, list[dict]] = {}
        for row in result.rows[table]:
            grouped.setdefault(row["breach_id"], []).append(row)
        result.children[table] = grouped
    return result


def _read_table(theirs: sqlite3.Connection, sql: str, budget: _Budget, progress: _Progress,
                seen: dict) -> list[dict]:
    cursor = theirs.execute(sql)
    names = [d[0] for d in cursor.description]
    rows = []
    for row in cursor:
        budget.spend(row)
        # A key of a list, a time, a breach's key in each of its victims: one text object
        # for each value repeated, not one per row (a file of 100,000 breaches holds
        # millions of values).
        rows.append({name: seen.setdefault(value, value) if isinstance(value, str)
                     and len(value) <= 40 else value for name, value in zip(names, row)})
        if len(rows) % 5000 == 0:
            progress.tell(0)
    return rows


def _no_demo_in_real(conn: sqlite3.Connection, ours_demo: bool, their_demo: bool,
                     name: str) -> None:
    """The demo never mixes with real breaches: a demo file merges only into a demo file
    or an empty one, and a real file not into a demo one."""
    ours_empty = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM breach)").fetchone()[0]
    if their_demo != ours_demo and not ours_empty:
        which = "a demo database" if their_demo else "a database of real breaches"
        raise BadFileError(f"{name} is {which}: the demo is never mixed with real breaches.",
                           "demo_mix", name=name)


# Checking what was read -----------------------------------------------------------------

def _refuse_if_wrong(conn: sqlite3.Connection, theirs: _Theirs, progress: _Progress) -> None:
    """MergeRefused with every reason their rows give (the first twenty named)."""
    progress.tell(0, every=1)  # their file is read: the checks begin
    reasons, moment = _Reasons(), _moment_check()
    _check_moments(theirs, reasons, moment)
    _check_texts(theirs, reasons)
    _check_lists(conn, theirs, reasons)
    _check_breaches(theirs, reasons, progress)
    _check_history(theirs, reasons, moment)
    for reason in _collisions(conn, theirs):
        reasons.add(reason)
    if reasons:
        raise MergeRefused(theirs.name, reasons.shown, reasons.more)


def _breach_label(row: dict | None, key: str) -> str:
    return f"breach {key} ({row['occurred_on']})" if row else f"breach {key}"


def _labels(theirs: _Theirs):
    """A function naming a row of their file in a reason: a breach by key and date, a
    citation or victim by its key and its breach's, a list entry by its name."""
    breaches = {r["id"]: r for r in theirs.rows["breach"]}

    def label(table: str, row: dict) -> str:
        if table == "breach":
            return _breach_label(row, row["id"])
        if table in CHILD_TABLES:
            parent = row["breach_id"]
            return f"{table} {row['id']} of {_breach_label(breaches.get(parent), parent)}"
        if table == "change_log":
            return f"history entry {row['id']}"
        return f"{'governorate' if table == 'gazetteer' else table.replace('_', ' ')} " \
               f"{row.get('name')!r}"
    return label


def _moment_check():
    """A function: why a stored moment is refused (None when it is canonical and between
    2000 and a day ahead of our clock, read once for the whole merge). A time in 2999 would
    beat every later edit forever; one in 999 breaks later edits. Each moment is read once
    (many rows share one)."""
    now, good = datetime.now(timezone.utc), set()

    def problem(column: str, value) -> str | None:
        if value in good:
            return None
        try:
            good.add(checked_stored(value, now))
        except MomentError as error:
            return f"{column.replace('_', ' ')} {error}"
        return None
    return problem


def _check_moments(theirs: _Theirs, reasons: _Reasons, moment) -> None:
    """Every time of every record and list entry is in range (see _moment_check)."""
    label = _labels(theirs)
    for table in LIST_TABLES + ("breach",) + CHILD_TABLES:
        for row in theirs.rows[table]:
            for column in ("created_at", "updated_at", "deleted_at"):
                if column == "deleted_at" and row[column] is None:
                    continue
                problem = moment(column, row[column])
                if problem:
                    reasons.add(f"{label(table, row)}: {problem}")


def _check_texts(theirs: _Theirs, reasons: _Reasons) -> None:
    """Every text the editor cleans is in their file as the editor stores it: without
    spaces around it, in Unicode's composed form (NFC), as the same words typed on another
    keyboard are stored."""
    label = _labels(theirs)
    for table, columns in CLEANED_TEXTS.items():
        for row in theirs.rows[table]:
            problems = [problem for column in columns
                        for problem in [_text_problem(column, row[column])] if problem]
            if problems:
                reasons.add(f"{label(table, row)}: {'; '.join(problems)}")


def _text_problem(column: str, value) -> str | None:
    if not isinstance(value, str) or clean_text(value) == value:
        return None
    field = column.replace("_", " ")
    if value.strip() != value:
        return f"its {field} {value!r} has spaces around it, which the editor removes"
    return (f"its {field} {value!r} is not in the composed form (NFC) the editor stores"
            " text in")


def _name_key(*names) -> tuple:
    """How list entries and victims are matched: by the name as the editor stores it
    (trimmed, NFC), whatever its case."""
    return tuple(clean_text(name).casefold() for name in names)


def _check_lists(conn: sqlite3.Connection, theirs: _Theirs, reasons: _Reasons) -> None:
    """Each list entry passes the rules of its own editor; a governorate is one of the
    gazetteer's (no program of ours adds one)."""
    label = _labels(theirs)
    gazetteer = {(kind, *_name_key(name))
                 for kind, name in conn.execute("SELECT kind, name FROM gazetteer")}
    for row in theirs.rows["gazetteer"]:
        if (row["kind"], *_name_key(row["name"])) not in gazetteer:
            reasons.add(f"{label('gazetteer', row)} is not in this program's gazetteer")
    for table in ("actor", "breach_type"):
        for row in theirs.rows[table]:
            problem = _name_problem(row["name"])
            if problem:
                reasons.add(f"{label(table, row)}: {problem}")
    for row in theirs.rows["truce"]:
        problems = list(_truce_problems(row))
        if problems:
            reasons.add(f"{label('truce', row)}: {' '.join(problems)}")
    for row in theirs.rows["source"]:
        problems = [p for p in (_name_problem(row["name"]), _source_problem(row)) if p]
        if problems:
            reasons.add(f"{label('source', row)}: {' '.join(problems)}")


def _name_problem(name: str) -> str | None:
    if not clean_text(name):
        return english("required", {"field": "name"})
    if len(clean_text(name)) > MAX_SHORT_TEXT:
        return english("too_long", {"field": "name", "limit": MAX_SHORT_TEXT})
    return None


def _source_problem(row: dict) -> str | None:
    if holds_separator(row["name"]):
        return english("semicolon", {"field": "name"})
    if row["kind"] not in SOURCE_KINDS:
        return english("one_of", {"field": "kind", "allowed": ", ".join(SOURCE_KINDS)})
    if row["reliability"] not in RELIABILITY:
        return english("one_of", {"field": "reliability", "allowed": ", ".join(RELIABILITY)})
    return None


def _truce_problems(row: dict):
    try:
        checked_truce(truce_of(row))
    except LedgerError as error:
        yield from getattr(error, "errors", {}).values()
        return
    for column in ("start_date", "end_date"):
        problem = _year_problem(row[column], column)
        if problem:
            yield problem


def _year_problem(value, column: str) -> str | None:
    """A stored date must be written as the program writes it (2017-01-04) and fall in the
    years a date may be typed in: Python reads 20170104 and 0999-01-01 as dates too."""
    day = as_date(value)
    if value is None or day is None:
        return None
    if day.isoformat() != value or not FIRST_YEAR <= day.year <= LAST_YEAR:
        return english("year_range", {"field": column, "value": value, "first": FIRST_YEAR,
                                      "last": LAST_YEAR})
    return None


def _check_breaches(theirs: _Theirs, reasons: _Reasons, progress: _Progress) -> None:
    """Every breach, with its live citations and victims, by the editor's rules, its keys
    pointing into their own lists (live ones for a live breach); tombstoned citations and
    victims by the rules a row alone can break; no row of theirs without its breach."""
    label = _labels(theirs)
    live = {t: {r["id"] for r in theirs.rows[t] if r["deleted_at"] is None} for t in LIST_TABLES}
    every = {t: {r["id"] for r in theirs.rows[t]} for t in LIST_TABLES}
    governorates = {r["id"] for r in theirs.rows["gazetteer"] if r["kind"] == "governorate"}
    table_of = {"governorate": "gazetteer", "actor": "actor", "breach_type": "breach_type",
                "source": "source", "truce": "truce"}
    today = date.today()
    for done, row in enumerate(theirs.rows["breach"], start=1):
        progress.tell(done)
        keys = every if row["deleted_at"] else live

        def exists(kind: str, key: str, keys=keys) -> bool:
            return key in keys[table_of[kind]] and (kind != "governorate" or key in governorates)

        breach = _breach_of(row, theirs.children)
        problems = list(check_breach(breach, exists, today).messages().values())
        problems += [p for p in [_year_problem(row["occurred_on"], "occurred_on")] +
                     [_year_problem(c.reported_on, "reported_on") for c in breach.citations]
                     if p]
        problems = list(dict.fromkeys(problems))  # a date out of range is said once
        if problems:
            reasons.add(f"{label('breach', row)}: {' '.join(problems)}")
    breaches = {r["id"] for r in theirs.rows["breach"]}
    for table in CHILD_TABLES:
        for row in theirs.rows[table]:
            if row["breach_id"] not in breaches:
                reasons.add(f"{label(table, row)}: that breach is not in the file")
            elif table == "citation" and row["source_id"] not in every["source"]:
                reasons.add(f"{label(table, row)}: its source is not in the file")
            elif row["deleted_at"] is not None and table == "citation":
                problem = _reported_problem(row["reported_on"], today)
                if problem:
                    reasons.add(f"{label(table, row)}: {problem}")


def _reported_problem(value, today: date) -> str | None:
    if value is None:
        return None
    day = as_date(value)
    if day is None:
        return english("citation_not_a_date", {"n": 1})
    if day > today:
        return english("citation_future", {"n": 1})
    return _year_problem(value, "reported_on")


def _breach_of(row: dict, children: dict[str, dict[str, list[dict]]]) -> Breach:
    """Their breach row with its live citations and victims, as the editor would save it."""
    citations = sorted((c for c in children["citation"].get(row["id"], [])
                        if c["deleted_at"] is None), key=lambda c: c["position"])
    victims = sorted((v for v in children["victim"].get(row["id"], [])
                      if v["deleted_at"] is None), key=lambda v: v["position"])
    return Breach(
        **{c: row[c] for c in BREACH_COLUMNS},
        citations=[Citation(source_id=c["source_id"], reference=c["reference"],
                            reported_on=c["reported_on"], note=c["note"], id=c["id"])
                   for c in citations],
        victims=[Victim(**{k: v[k] for k in VICTIM_COLUMNS if k != "position"})
                 for v in victims])


def _check_history(theirs: _Theirs, reasons: _Reasons, moment) -> None:
    """Their history entries, read one by one (their reading costs from the same budget of
    the file's size): each was made at a time in range, names a table of ours and holds a
    whole record (JSON) or none, as the window reads them back."""
    for entry in theirs.history():
        theirs.budget.spend(entry)
        row = dict(zip(HISTORY_COLUMNS, entry))
        problem = moment("changed_at", row["changed_at"])
        if problem is None and row["record_table"] not in RECORD_TABLES:
            problem = f"it names no table of a ledger ({row['record_table']!r})"
        for column in ("before", "after"):
            if problem is None and row[column] is not None and not _is_record(row[column]):
                problem = f"its {column} is not a record"
        if problem:
            reasons.add(f"history entry {row['id']}: {problem}")


def _is_record(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError):
        return False


def _collisions(conn: sqlite3.Connection, theirs: _Theirs) -> list[str]:
    """Their citations and victims whose keys are, in our file, those of another breach's.
    Keys are UUIDs made apart: one naming another breach's row is never the same record
    (merged over, it would move our row, confidential victims too, to their breach).
    Such a merge is refused whole rather than kept apart under a new key: a new key would
    make a second copy at every later merge of the same file, and the file that does this
    is not one to trust with the rest."""
    label = _labels(theirs)
    found = []
    for table in CHILD_TABLES:
        ours = dict(conn.execute(f"SELECT id, breach_id FROM {table}"))
        for row in theirs.rows[table]:
            parent = ours.get(row["id"])
            if parent is not None and parent != row["breach_id"]:
                found.append(f"{label(table, row)}: that key is, here, a {table} of breach "
                             f"{parent}; a merge never moves a record to another breach")
    return found


# Writing ---------------------------------------------------------------------------------

@dataclass
class _Step:
    """What merging one breach of theirs writes: the breach, their citations and victims
    that replace or join ours, and the change-log entry (ours before, the whole breach
    after). `stamp` is our updated_at it was worked out against (None: we lacked it)."""

    key: str
    stamp: str | None
    action: str  # insert, update, delete, restore
    breach: tuple  # values of the table's columns, in their order
    children: dict[str, list[tuple]]
    entry: tuple
    problem: str | None = None  # a rule the breach would break, with what it keeps here


@dataclass
class _Plan:
    """The steps of a merge, worked out from a snapshot of our file before the write lock
    is taken; the write uses each one while our file still matches it."""

    keys: dict  # their keys of list entries -> ours, as the steps use them
    steps: dict[str, _Step]


def _plan(ledger: Ledger, conn: sqlite3.Connection, theirs: _Theirs, chosen: dict) -> _Plan:
    """A step for each breach of theirs that is new to us or newer there, from what our
    file holds now (read here, outside the write lock, where reading is free)."""
    keys, _ = _join_all(ledger, conn, theirs, chosen, write=False)
    ours = dict(conn.execute("SELECT id, updated_at FROM breach"))
    nothing = {table: {} for table in CHILD_TABLES}  # of a breach we lack (foreign keys)
    plan = _Plan(keys, {
        row["id"]: (_step(ledger, theirs, row, keys, None, nothing) if row["id"] not in ours
                    else _step_from(ledger, conn, theirs, row, keys))
        for row in theirs.rows["breach"]
        if row["id"] not in ours or row["updated_at"] > ours[row["id"]]})
    _refuse_problems(theirs.name, plan.steps.values())
    return plan


def _refuse_problems(name: str, steps) -> None:
    reasons = _Reasons()
    for step in steps:
        if step.problem:
            reasons.add(step.problem)
    if reasons:
        raise MergeRefused(name, reasons.shown, reasons.more)


def _join_all(ledger: Ledger, conn, theirs: _Theirs, chosen: dict,
              write: bool) -> tuple[dict, int]:
    """Their keys -> ours, for each list; with `write`, what we lack is added."""
    keys = {table: _join_list(ledger, conn, theirs.rows[table], table, by, chosen, write)
            for table, by in (("gazetteer", ("kind", "name")), ("breach_type", ("name",)),
                              ("actor", ("name",)), ("truce", ("name",)))}
    keys["source"], sources = _join_sources(ledger, conn, theirs.rows["source"], chosen, write)
    return keys, sources


def _write(ledger: Ledger, conn: sqlite3.Connection, theirs: _Theirs, progress: _Progress,
           plan: _Plan, chosen: dict) -> MergeReport:
    """The merge itself, in the caller's transaction, over rows already checked. What our
    file holds is read again here: another copy may have saved since the checks, so
    "the newer wins" is decided here, and a breach saved meanwhile (its updated_at moved:
    every change of a breach, its citations or victims moves it) is worked out again."""
    _no_demo_in_real(conn, ledger.is_demo, theirs.demo, theirs.name)
    collisions = _collisions(conn, theirs)
    if collisions:
        raise MergeRefused(theirs.name, collisions[:MAX_REASONS],
                           max(0, len(collisions) - MAX_REASONS))
    if theirs.demo and not ledger.is_demo:  # ours is empty, or the line above refused
        ledger.set_meta("demo", "1")
    report = MergeReport()
    keys, report.sources = _join_all(ledger, conn, theirs, chosen, write=True)
    ours = dict(conn.execute("SELECT id, updated_at FROM breach"))
    half, steps, planned = len(theirs.rows["breach"]), [], keys == plan.keys
    for done, row in enumerate(theirs.rows["breach"], start=1):
        stamp = ours.get(row["id"])
        if stamp is not None and row["updated_at"] <= stamp:
            report.left += 1  # ours is as new or newer, as decided now, inside the write
        else:
            step = plan.steps.get(row["id"])
            if step is None or step.stamp != stamp or not planned:
                # Another copy saved this breach, or changed our lists, since the plan.
                step = _step_from(ledger, conn, theirs, row, keys)
            steps.append(step)
            _count(report, step.action)
        progress.tell(half + done)
    _refuse_problems(theirs.name, steps)  # of a breach worked out again here
    _write_steps(conn, sorted(steps, key=lambda step: step.key))  # each index page once
    before = conn.total_changes
    conn.executemany(
        f"INSERT OR IGNORE INTO change_log ({', '.join(HISTORY_COLUMNS)})"
        f" VALUES ({', '.join('?' * len(HISTORY_COLUMNS))})", theirs.history())
    report.history = conn.total_changes - before
    progress.tell(progress.total, every=1)  # the last chance to cancel, before the commit
    return report


def _join_list(ledger: Ledger, conn, rows: list[dict], table: str, by: tuple[str, ...],
               chosen: dict, write: bool) -> dict:
    """Their keys → ours for a list joined by name; with `write`, entries we lack are added
    (with their key when no record of ours has it, else under a new key: a key is never
    taken over), under the key `chosen` for them when the plan was made."""
    ours = {_name_key(*(r[c] for c in by)): r["id"]
            for r in fetch_dicts(conn, f"SELECT * FROM {table} WHERE deleted_at IS NULL")}
    mapping = {}
    for row in rows:
        name = _name_key(*(row[c] for c in by))
        if name in ours:
            mapping[row["id"]] = ours[name]
            continue
        key = _key_for(conn, table, row["id"], chosen)
        if write:
            values = {**row, "id": key}
            if table == "gazetteer" and values.get("parent_id"):
                values["parent_id"] = mapping.get(values["parent_id"], None)
            _insert(conn, table, values)
            log_change(conn, ledger, table, key, "insert", None, values, row["updated_at"])
        ours[name] = mapping[row["id"]] = key
    return mapping


def _key_for(conn, table: str, theirs: str, chosen: dict) -> str:
    """The key a list entry new to us gets: the one chosen before, while no record of ours
    has it; else theirs, while no record of ours has it; else a new one."""
    key = chosen.get((table, theirs))
    if key is None or _known(conn, table, key):
        key = theirs if not _known(conn, table, theirs) else _new_key()
    chosen[(table, theirs)] = key
    return key


def _join_sources(ledger: Ledger, conn, rows: list[dict], chosen: dict,
                  write: bool) -> tuple[dict, int]:
    """Sources joined by name; with `write`, those we lack are added and one changed later
    there is updated here."""
    ours = {_name_key(r["name"]): r for r in fetch_dicts(
        conn, "SELECT * FROM source WHERE deleted_at IS NULL")}
    mapping, changed = {}, 0
    for row in rows:
        mine = ours.get(_name_key(row["name"]))
        if mine is None:
            values = {**row, "id": _key_for(conn, "source", row["id"], chosen)}
            if write:
                _insert(conn, "source", values)
                log_change(conn, ledger, "source", values["id"], "insert", None, values,
                           row["updated_at"])
            ours[_name_key(row["name"])] = values
            mapping[row["id"]], changed = values["id"], changed + 1
            continue
        mapping[row["id"]] = mine["id"]
        fields = ("kind", "reliability", "contact", "notes")
        # Theirs, where changed later, but never an empty value over one we have: an
        # office that imported our public export has sources without contacts.
        wanted = {f: (row[f] if row[f] not in ("", None, "other", "unknown") else mine[f])
                  for f in fields}
        if write and row["updated_at"] > mine["updated_at"] \
                and any(wanted[f] != mine[f] for f in fields):
            conn.execute("UPDATE source SET kind = ?, reliability = ?, contact = ?, notes = ?,"
                         " updated_at = ? WHERE id = ?",
                         [wanted[f] for f in fields] + [row["updated_at"], mine["id"]])
            after = fetch_dicts(conn, "SELECT * FROM source WHERE id = ?", (mine["id"],))[0]
            log_change(conn, ledger, "source", mine["id"], "update", mine, after,
                       row["updated_at"])
            changed += 1
    return mapping, changed


def _mapped(row: dict, keys: dict) -> dict:
    """Their breach row with our keys of the list entries it names (every one is in their
    lists: the checks refused a file with a key of ours, or of nothing, in its place)."""
    values = dict(row)
    for column, table in (("governorate_id", "gazetteer"), ("actor_id", "actor"),
                          ("breach_type_id", "breach_type"), ("truce_id", "truce")):
        if values[column] is not None:
            values[column] = keys[table][values[column]]
    return values


def _step_from(ledger: Ledger, conn, theirs: _Theirs, row: dict, keys: dict) -> _Step:
    """The step of one breach of theirs against what our file holds of it on `conn`."""
    before = breach_document(conn, row["id"])
    mine = {table: {r["id"]: r for r in fetch_dicts(
        conn, f"SELECT * FROM {table} WHERE breach_id = ? ORDER BY rowid", (row["id"],))}
        for table in CHILD_TABLES}
    return _step(ledger, theirs, row, keys, before, mine)


def _step(ledger: Ledger, theirs: _Theirs, row: dict, keys: dict, before: dict | None,
          mine: dict[str, dict[str, dict]]) -> _Step:
    """What merging `row` writes, given our breach (`before`) and all our citations and
    victims of it (`mine`, deleted ones too, in the order they were written).

    Their citations and victims, deleted ones too, replace ours of the same key (a victim
    confidential here stays so). Ours they never had stay: they did not delete them, they
    never saw them (an office that has only our public export has no confidential victims,
    nor our references). One of theirs that is the same as one of ours kept under our own
    key (the same source, the same victim's name: an import gave each office its own key)
    is left out. The breach afterwards is worked out here, as breach_document will read
    it back, for the change log; when it keeps rows of ours, it must pass the editor's
    rules as it will be, or the merge is refused (their count of killed below the named
    victims they never saw, say)."""
    values = _mapped(row, keys)
    after, children, kept = dict(values), {}, False
    for table in CHILD_TABLES:
        ours, written = mine[table], []
        sent = [dict(child) for child in theirs.children[table].get(row["id"], [])]
        for child in sent:
            if table == "citation":
                child["source_id"] = keys["source"][child["source_id"]]
        known_to_them = {child["id"] for child in sent}
        ours_only = {_same(table, r) for key, r in ours.items()
                     if r["deleted_at"] is None and key not in known_to_them}
        kept = kept or bool(ours_only)
        result = dict(ours)
        for child in sent:
            if child["id"] not in ours and _same(table, child) in ours_only:
                continue  # the same source or victim we have already, under our own key
            written.append(child)
            result[child["id"]] = dict(child)
            if table == "victim" and child["id"] in ours:
                result[child["id"]]["confidential"] = max(ours[child["id"]]["confidential"],
                                                          child["confidential"])
        children[table] = [tuple(child.values()) for child in written]  # smaller than dicts
        live = sorted((r for r in result.values() if r["deleted_at"] is None),
                      key=lambda r: (r["position"], r["created_at"]))
        after[f"{table}s"] = [{k: v for k, v in r.items() if k != "breach_id"} for r in live]
    if before is None:
        action = "delete" if row["deleted_at"] else "insert"
    elif row["deleted_at"] and not before["deleted_at"]:
        action = "delete"
    else:
        action = "restore" if before["deleted_at"] and not row["deleted_at"] else "update"
    entry = (_new_key(), row["updated_at"], ledger.user, ledger.office, "breach", row["id"],
             action, _json(before), _json(after))  # as log_change writes one
    return _Step(row["id"], before["updated_at"] if before else None, action,
                 tuple(values.values()), children, entry,
                 _problem_as_merged(values, after) if kept else None)


def _problem_as_merged(values: dict, after: dict) -> str | None:
    """Why their breach, with the citations and victims it keeps here that their file
    lacks, breaks the editor's rules; None when it passes. Its list keys are ours, mapped
    from theirs, which were checked."""
    grouped = {table: {values["id"]: after[f"{table}s"]} for table in CHILD_TABLES}
    problems = check_breach(_breach_of(values, grouped), lambda kind, key: True).messages()
    if not problems:
        return None
    return (f"{_breach_label(values, values['id'])}, with what it holds here that their file "
            f"lacks: {' '.join(problems.values())}")


def _json(document: dict | None) -> str | None:
    return json.dumps(document, ensure_ascii=False) if document is not None else None


def _count(report: MergeReport, action: str) -> None:
    """A breach merged, in the report: new to us, deleted (there, or arriving deleted), or
    updated (restored too)."""
    if action == "insert":
        report.added += 1
    elif action == "delete":
        report.deleted += 1
    else:
        report.updated += 1


def _write_steps(conn, steps: list[_Step]) -> None:
    """The steps, one batched statement a table: a plain insert for a breach new to us and
    its rows (none of them can be ours: foreign keys, and _collisions), an upsert by key
    for the others (their columns are ours, in our order: the schema is exactly ours)."""
    for new in (True, False):
        chosen = [s for s in steps if (s.stamp is None) == new]
        for table, rows in (("breach", [s.breach for s in chosen]),
                            *((t, [c for s in chosen for c in s.children[t]])
                              for t in CHILD_TABLES)):
            if rows:
                names = tuple(d[0] for d in conn.execute(f"SELECT * FROM {table} LIMIT 0")
                              .description)
                conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(names))})"
                                 if new else _upsert_sql(table, names), rows)
    conn.executemany(f"INSERT INTO change_log ({', '.join(HISTORY_COLUMNS)})"
                     f" VALUES ({', '.join('?' * len(HISTORY_COLUMNS))})",
                     [s.entry for s in steps])


def _same(table: str, child: dict) -> tuple:
    """What makes two citations (their source) or two victims (their names) the same,
    when an import gave one office's copy keys of its own."""
    if table == "citation":
        return (child["source_id"],)
    return _name_key(child["name"], child["name_latin"])


def _known(conn, table: str, key: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (key,)).fetchone() is not None


def _insert(conn, table: str, values: dict) -> None:
    columns = list(values)
    conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES"
                 f" ({', '.join('?' * len(columns))})", [values[c] for c in columns])


def _upsert_sql(table: str, names: tuple[str, ...]) -> str:
    """Insert a row, or update ours of the same key. A row of another breach is never
    updated (the guard in WHERE; the checks refused such a file already), and a victim
    confidential here stays confidential, whatever their copy says."""
    assignments = [f"{c} = max({table}.{c}, excluded.{c})" if c == "confidential"
                   else f"{c} = excluded.{c}" for c in names if c != "id"]
    guard = f" WHERE {table}.breach_id = excluded.breach_id" if table in CHILD_TABLES else ""
    return (f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            f" ON CONFLICT (id) DO UPDATE SET {', '.join(assignments)}{guard}")


def _new_key() -> str:
    from .records import new_id
    return new_id()
