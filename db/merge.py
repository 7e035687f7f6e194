"""Merging the database of another office into ours.

Another office's file is a stranger's until shown otherwise. It is checked as any file we
open (db.store.inspect_file); then its schema must be exactly the one this program makes,
so that reading it runs nothing of its own (no view, no trigger), and reading it may cost
no more than its size can hold. Everything read from it is checked before anything is
written: every time in the sane range (db.moments), every breach, citation and victim by
the editor's rules, every list entry by the rules of its own editor, every key pointing
into the file's own lists, and no key of theirs naming a victim or a citation that is,
here, another breach's. One failure refuses the whole merge, with the reasons (the first
twenty, and how many more), and ours is left as it was. The reading and checking are in
db.merge_checks; this module plans and writes the merge.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .breaches import breach_document, log_change
from .errors import BadFileError, LedgerError
from .merge_checks import (CHILD_TABLES, HISTORY_COLUMNS, MAX_REASONS, MergeRefused, _breach_label,
                           _breach_of, _collisions, _name_key, _no_demo_in_real, _Progress,
                           _read_file, _Reasons, _refuse_if_wrong, _Theirs)
from .rules import check_breach
from .store import Ledger, fetch_dicts, inspect_file

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
        raise BadFileError("merge_self")
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
        return LedgerError("disk_full", folder=folder, name=ledger.path.name, action="merge")
    return LedgerError("not_written", name=ledger.path.name, reason=str(error),
                       action="merge")


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
    # A rule the breach would break, with what it keeps here: (code, params) of a reason.
    problem: tuple[str, dict] | None = None


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
            reasons.add(step.problem[0], **step.problem[1])
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


def _problem_as_merged(values: dict, after: dict) -> tuple[str, dict] | None:
    """Why their breach, with the citations and victims it keeps here that their file
    lacks, breaks the editor's rules; None when it passes. Its list keys are ours, mapped
    from theirs, which were checked."""
    grouped = {table: {values["id"]: after[f"{table}s"]} for table in CHILD_TABLES}
    problems = check_breach(_breach_of(values, grouped), lambda kind, key: True).codes
    if not problems:
        return None
    return "merge_kept", {"row_ref": _breach_label(values, values["id"]),
                          "problems": list(problems.values())}


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
