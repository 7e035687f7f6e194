"""Merging the database of another office into ours.

Their file is checked as any file we open, then read through a read-only connection.
Records join ours by key: new ones are added, changed ones are updated when theirs was
changed later (our older version stays in the change log), deletions are carried over,
and the lists (governorates, types, actors, sources, truces) are joined by name. All in
one transaction; merging the same file again changes nothing.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from .breaches import BREACH_COLUMNS, breach_document, log_change
from .errors import BadFileError, LedgerError
from .store import Ledger, fetch_dicts, inspect_file

CHILD_TABLES = ("citation", "victim")


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


class _Cancelled(Exception):
    pass


def merge_file(ledger: Ledger, other: str | Path,
               progress: Callable[[int, int], bool] | None = None) -> MergeReport:
    """Merge the database at `other` into `ledger`. Raises BadFileError for a file that is
    not a whole Truce Ledger database (ours is then unchanged), LedgerError "cancelled"
    when `progress(done, total)` returns False (ours is then unchanged too)."""
    other = Path(other)
    if other.resolve() == ledger.path.resolve():
        raise BadFileError("A database cannot be merged into itself.", "merge_self")
    inspect_file(other)  # refuses, untouched, a file that is not ours, damaged or newer
    theirs = sqlite3.connect(f"file:{quote(str(other.resolve()))}?mode=ro", uri=True)
    try:
        _no_demo_in_real(ledger, theirs, other.name)
        with ledger.transaction() as conn:
            return _merge(ledger, conn, theirs, progress)
    except _Cancelled:
        raise LedgerError("The merge was cancelled; nothing was changed.", "cancelled") from None
    except sqlite3.DatabaseError as error:
        raise BadFileError(f"{other.name} cannot be read to the end ({error}); nothing was "
                           "changed.", "damaged", name=other.name, reason=str(error)) from None
    finally:
        theirs.close()


def _no_demo_in_real(ledger: Ledger, theirs: sqlite3.Connection, name: str) -> None:
    """The demo never mixes with real breaches: a demo file merges only into a demo file
    or an empty one, and a real file not into a demo one."""
    their_demo = theirs.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
    their_demo = bool(their_demo and their_demo[0] == "1")
    ours_empty = ledger.conn.execute("SELECT NOT EXISTS (SELECT 1 FROM breach)").fetchone()[0]
    if their_demo != ledger.is_demo and not ours_empty:
        which = "a demo database" if their_demo else "a database of real breaches"
        raise BadFileError(f"{name} is {which}: the demo is never mixed with real breaches.",
                           "demo_mix", name=name)
    if their_demo and ours_empty and not ledger.is_demo:
        ledger.set_meta("demo", "1")


def _merge(ledger: Ledger, conn: sqlite3.Connection, theirs: sqlite3.Connection,
           progress) -> MergeReport:
    report = MergeReport()
    keys = {
        "gazetteer": _join_list(ledger, conn, theirs, "gazetteer", ("kind", "name")),
        "breach_type": _join_list(ledger, conn, theirs, "breach_type", ("name",)),
        "actor": _join_list(ledger, conn, theirs, "actor", ("name",)),
        "truce": _join_list(ledger, conn, theirs, "truce", ("name",)),
    }
    keys["source"], report.sources = _join_sources(ledger, conn, theirs)
    total = theirs.execute("SELECT count(*) FROM breach").fetchone()[0]
    for done, row in enumerate(fetch_dicts(theirs, "SELECT * FROM breach"), start=1):
        _merge_breach(ledger, conn, theirs, row, keys, report)
        if progress is not None and done % 1000 == 0 and progress(done, total) is False:
            raise _Cancelled
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO change_log (id, changed_at, user, office, record_table,"
        " record_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        theirs.execute("SELECT id, changed_at, user, office, record_table, record_id, action,"
                       " before, after FROM change_log"))
    report.history = conn.total_changes - before
    if progress is not None and progress(total, total) is False:
        raise _Cancelled
    return report


def _join_list(ledger: Ledger, conn, theirs, table: str, by: tuple[str, ...]) -> dict:
    """Their keys → ours for a list joined by name; entries we lack are added (with their
    key when it is free)."""
    ours = {tuple(str(r[c]).casefold() for c in by): r["id"]
            for r in fetch_dicts(conn, f"SELECT * FROM {table} WHERE deleted_at IS NULL")}
    mapping = {}
    for row in fetch_dicts(theirs, f"SELECT * FROM {table}"):
        name = tuple(str(row[c]).casefold() for c in by)
        if name in ours:
            mapping[row["id"]] = ours[name]
            continue
        taken = conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row["id"],)).fetchone()
        key = row["id"] if not taken else _new_key()
        values = {**row, "id": key}
        if table == "gazetteer" and values.get("parent_id"):
            values["parent_id"] = mapping.get(values["parent_id"], None)
        _insert(conn, table, values)
        log_change(conn, ledger, table, key, "insert", None, values, row["updated_at"])
        ours[name] = mapping[row["id"]] = key
    return mapping


def _join_sources(ledger: Ledger, conn, theirs) -> tuple[dict, int]:
    """Sources joined by name; one changed later there is updated here."""
    ours = {r["name"].casefold(): r for r in fetch_dicts(
        conn, "SELECT * FROM source WHERE deleted_at IS NULL")}
    mapping, changed = {}, 0
    for row in fetch_dicts(theirs, "SELECT * FROM source"):
        mine = ours.get(row["name"].casefold())
        if mine is None:
            taken = conn.execute("SELECT 1 FROM source WHERE id = ?", (row["id"],)).fetchone()
            values = {**row, "id": row["id"] if not taken else _new_key()}
            _insert(conn, "source", values)
            log_change(conn, ledger, "source", values["id"], "insert", None, values,
                       row["updated_at"])
            ours[row["name"].casefold()] = values
            mapping[row["id"]], changed = values["id"], changed + 1
            continue
        mapping[row["id"]] = mine["id"]
        fields = ("kind", "reliability", "contact", "notes")
        # Theirs, where changed later, but never an empty value over one we have: an
        # office that imported our public export has sources without contacts.
        wanted = {f: (row[f] if row[f] not in ("", None, "other", "unknown") else mine[f])
                  for f in fields}
        if row["updated_at"] > mine["updated_at"] and any(wanted[f] != mine[f] for f in fields):
            conn.execute("UPDATE source SET kind = ?, reliability = ?, contact = ?, notes = ?,"
                         " updated_at = ? WHERE id = ?",
                         [wanted[f] for f in fields] + [row["updated_at"], mine["id"]])
            after = fetch_dicts(conn, "SELECT * FROM source WHERE id = ?", (mine["id"],))[0]
            log_change(conn, ledger, "source", mine["id"], "update", mine, after,
                       row["updated_at"])
            changed += 1
    return mapping, changed


def _merge_breach(ledger: Ledger, conn, theirs, row: dict, keys: dict,
                  report: MergeReport) -> None:
    before = breach_document(conn, row["id"])
    if before is not None and row["updated_at"] <= before["updated_at"]:
        report.left += 1
        return
    values = dict(row)
    for column, table in (("governorate_id", "gazetteer"), ("actor_id", "actor"),
                          ("breach_type_id", "breach_type"), ("truce_id", "truce")):
        if values[column] is not None:
            values[column] = keys[table].get(values[column], values[column])
    _upsert(conn, "breach", values, BREACH_COLUMNS)
    for table in CHILD_TABLES:
        # Their citations and victims, deleted ones too, replace ours of the same key. Ours
        # they never had stay: they did not delete them, they never saw them (an office
        # that has only our public export has no confidential victims, nor our references).
        unknown_to_them = {r["id"]: r for r in fetch_dicts(
            conn, f"SELECT * FROM {table} WHERE breach_id = ? AND deleted_at IS NULL",
            (row["id"],))}
        children = fetch_dicts(theirs, f"SELECT * FROM {table} WHERE breach_id = ?",
                               (row["id"],))
        for child in children:
            unknown_to_them.pop(child["id"], None)
        ours_only = {_same(table, r) for r in unknown_to_them.values()}
        for child in children:
            if table == "citation":
                child["source_id"] = keys["source"].get(child["source_id"], child["source_id"])
            if _same(table, child) in ours_only and not _known(conn, table, child["id"]):
                continue  # the same source or victim we have already, under our own key
            _upsert(conn, table, child, tuple(child))
    after = breach_document(conn, row["id"])
    if before is None:
        action = "delete" if row["deleted_at"] else "insert"
        report.deleted += bool(row["deleted_at"])
        report.added += not row["deleted_at"]
    elif row["deleted_at"] and not before["deleted_at"]:
        action = "delete"
        report.deleted += 1
    else:
        action = "restore" if before["deleted_at"] and not row["deleted_at"] else "update"
        report.updated += 1
    log_change(conn, ledger, "breach", row["id"], action, before, after, row["updated_at"])


def _same(table: str, child: dict) -> tuple:
    """What makes two citations (their source) or two victims (their names) the same,
    when an import gave one office's copy keys of its own."""
    if table == "citation":
        return (child["source_id"],)
    return (child["name"].casefold(), child["name_latin"].casefold())


def _known(conn, table: str, key: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (key,)).fetchone() is not None


def _insert(conn, table: str, values: dict) -> None:
    columns = list(values)
    conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES"
                 f" ({', '.join('?' * len(columns))})", [values[c] for c in columns])


def _upsert(conn, table: str, values: dict, columns: tuple[str, ...]) -> None:
    names = [c for c in columns if c in values]
    conn.execute(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        f" ON CONFLICT (id) DO UPDATE SET "
        + ", ".join(f"{c} = excluded.{c}" for c in names if c != "id"),
        [values[c] for c in names])


def _new_key() -> str:
    from .records import new_id
    return new_id()
