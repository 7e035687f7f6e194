"""The staged write of an import (db/importer.py reads the file and plans its rows): the
planned rows made into the values of batched statements before the write transaction
begins, staged in a scratch database attached beside ours, and taken by each table in one
INSERT … SELECT (or UPDATE … FROM) inside the transaction, with the citations and victims
of each breach diffed against those stored, the actors and sources new by name, and the
change log.
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .breaches import (BREACH_COLUMNS, CITATION_COLUMNS, VICTIM_COLUMNS, _breach_values,
                       _content, child_values, log_change, truce_for_date)
from .errors import LedgerError
from .fold import find_named, fold
from .paths import temporary_name
from .records import Breach, new_id, timestamp_after
from .store import Ledger, fetch_dicts

if TYPE_CHECKING:
    from .importer import _Again, _Planned

# Rows written by one batch of statements (one executemany per table).
_BATCH = 5000
# Arabic letters (the blocks gui/entry_names_dialog.py reads a name of): a perpetrator new
# by such a name has it as its Arabic name too, as the editor makes one.
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def _write_failure(ledger: Ledger, error: Exception) -> LedgerError:
    """What went wrong writing our file, said as it is (the transaction was rolled back,
    so nothing was imported): a full disk names the folder whose disk is full."""
    folder = str(ledger.path.parent)
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code == sqlite3.SQLITE_FULL or getattr(error, "errno", None) == errno.ENOSPC:
        return LedgerError("disk_full", folder=folder, name=ledger.path.name, action="import")
    return LedgerError("not_written", name=ledger.path.name, reason=str(error),
                       action="import")


def _entries_of(breach: Breach) -> set[tuple[str, str]]:
    """The list entries a breach points to, as (kind, key)."""
    entries = {("governorate", breach.governorate_id), ("breach_type", breach.breach_type_id)}
    if breach.actor_id:
        entries.add(("actor", breach.actor_id))
    if breach.truce_id:
        entries.add(("truce", breach.truce_id))
    entries |= {("source", c.source_id) for c in breach.citations if c.source_id}
    return entries


# The staged tables (see _Writer.open_stage): their columns, in our tables' order.
_LOG_COLUMNS = ("id", "changed_at", "user", "office", "record_table", "record_id", "action",
                "before", "after")
_STAGED = {
    "breach": BREACH_COLUMNS,
    "citation_new": ("breach_id",) + CITATION_COLUMNS + ("created_at", "updated_at"),
    "citation_set": CITATION_COLUMNS[1:] + ("updated_at", "id"),
    "citation_gone": ("deleted_at", "updated_at", "id"),
    "victim_new": ("breach_id",) + VICTIM_COLUMNS + ("created_at", "updated_at"),
    "victim_set": VICTIM_COLUMNS[1:] + ("updated_at", "id"),
    "victim_gone": ("deleted_at", "updated_at", "id"),
    "log": _LOG_COLUMNS,
}


def _apply_statements() -> list[str]:
    """One statement a table, run inside the transaction: the breaches (new or updated),
    then their citations and victims (new, changed, deleted), then the history."""
    breach = ", ".join(BREACH_COLUMNS)
    statements = [
        f"INSERT INTO breach ({breach}) SELECT {breach} FROM import_stage.breach WHERE true"
        " ORDER BY rowid ON CONFLICT (id) DO UPDATE SET "
        + ", ".join(f"{c} = excluded.{c}" for c in BREACH_COLUMNS if c != "id")]
    for table, columns in (("citation", CITATION_COLUMNS), ("victim", VICTIM_COLUMNS)):
        new = ", ".join(_STAGED[f"{table}_new"])
        statements += [
            f"INSERT INTO {table} ({new}) SELECT {new} FROM import_stage.{table}_new",
            f"UPDATE {table} SET " + ", ".join(f"{c} = s.{c}" for c in columns[1:])
            + f", updated_at = s.updated_at, deleted_at = NULL FROM import_stage.{table}_set"
            f" AS s WHERE {table}.id = s.id",
            f"UPDATE {table} SET deleted_at = g.deleted_at, updated_at = g.updated_at FROM"
            f" import_stage.{table}_gone AS g WHERE {table}.id = g.id"]
    log = ", ".join(_LOG_COLUMNS)
    statements.append(f"INSERT INTO change_log ({log}) SELECT {log} FROM import_stage.log")
    return statements


_APPLY = _apply_statements()
_CHANGE_LOG = ("INSERT INTO change_log (id, changed_at, user, office, record_table, record_id,"
               " action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


@dataclass
class _Batch:
    """A batch of rows made into the values of its statements before the write
    transaction begins, so that the transaction only runs them."""

    planned: list[_Planned]
    stamps: dict[str, str]  # breach key -> its updated_at (and its children's)
    breaches: list[list]
    children: dict[str, tuple[list, list, list]]  # table -> (inserts, updates, tombstones)
    before: dict[str, str | None]  # breach key -> its document before, as JSON
    after: dict[str, str] = field(default_factory=dict)  # breach key -> document after, JSON
    log_ids: list[str] = field(default_factory=list)  # a change-log key for each row


class _Writer:
    """Writes planned rows with one statement per table for a whole batch: what
    save_breach writes for one breach (the breach, its citations and victims,
    perpetrators and sources new by name, one change-log entry with the whole breach
    before and after), for many. `prepare` reads only; `write` runs inside the import's
    transaction."""

    def __init__(self, ledger: Ledger):
        self.ledger, self.conn = ledger, ledger.conn
        self.stage_path: Path | None = None  # the scratch database, while there is one
        self.attached = False
        self.truces: dict[str, str | None] = {}
        # (table, name) -> (key, time): the actors and sources named, by the key each has
        # or will have once `settle` makes it.
        self.entries: dict[tuple[str, str], tuple[str, str]] = {}
        # (table, folded name) -> the first (table, name) spelt so (db/fold.py).
        self.spellings: dict[tuple[str, str], tuple[str, str]] = {}

    def prepare(self, plan: list[_Planned]) -> list["_Batch"]:
        return [self._prepare(plan[start:start + _BATCH])
                for start in range(0, len(plan), _BATCH)]

    def _prepare(self, batch: list[_Planned]) -> "_Batch":
        prepared = _Batch(batch, {}, [], {}, {}, log_ids=[new_id() for _ in batch])
        for planned in batch:
            breach, before = planned.breach, planned.before
            now = breach.updated_at or timestamp_after(before["updated_at"] if before else None)
            prepared.stamps[breach.id] = now
            if not breach.truce_id:
                if breach.occurred_on not in self.truces:
                    self.truces[breach.occurred_on] = truce_for_date(self.conn,
                                                                     breach.occurred_on)
                breach.truce_id = self.truces[breach.occurred_on]
            values = _breach_values(self.conn, breach, breach.id, self.ledger, before, now)
            if not breach.actor_id and breach.actor_name:
                values["actor_id"] = self._key_of("actor", breach.actor_name, now)
            prepared.breaches.append([values[c] for c in BREACH_COLUMNS])
            prepared.before[breach.id] = (json.dumps(before, ensure_ascii=False)
                                          if before is not None else None)
        for table, columns, field_name in (("citation", CITATION_COLUMNS, "citations"),
                                           ("victim", VICTIM_COLUMNS, "victims")):
            prepared.children[table] = self._children(
                table, columns, {p.breach.id: [asdict(c) for c in getattr(p.breach, field_name)]
                                 for p in batch}, prepared)
        prepared.after = self._new_documents(prepared)
        return prepared

    def _new_documents(self, prepared: "_Batch") -> dict[str, str]:
        """The after documents, as JSON, of the new breaches of a batch: what
        breach_document would read back once they are written (the columns in the tables'
        order). Those of updated breaches are read back."""
        documents = {}
        for planned, row in zip(prepared.planned, prepared.breaches):
            if planned.before is None:
                documents[planned.breach.id] = dict(zip(BREACH_COLUMNS, row))
        for table, columns, field_name in (("citation", CITATION_COLUMNS, "citations"),
                                           ("victim", VICTIM_COLUMNS, "victims")):
            names = columns + ("created_at", "updated_at", "deleted_at")
            for document in documents.values():
                document[field_name] = []
            for row in prepared.children[table][0]:
                document = documents.get(row[0])
                if document is not None:
                    document[field_name].append(dict(zip(names, row[1:] + [None])))
        return {key: json.dumps(document, ensure_ascii=False)
                for key, document in documents.items()}

    def open_stage(self) -> None:
        """A scratch database in our file's folder (so that a disk too full for it is the
        disk our file is on, and the message says so), attached for the import and
        deleted after; a table for each statement's rows, `batch` telling which prepared
        batch a row is of. Its journal is in memory and it is never synced: it is thrown
        away, whatever happens."""
        # Named with this computer and run, so that the next start removes it if this
        # run is killed (db/paths.py remove_leftovers); created for the owner alone.
        name = str(temporary_name(self.ledger.path, "stage"))
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)  # this run's own, from an import it could not tidy
        os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        self.stage_path = Path(name)
        self.conn.execute("ATTACH DATABASE ? AS import_stage", (name,))
        self.attached = True
        self.conn.execute("PRAGMA import_stage.journal_mode = MEMORY")
        self.conn.execute("PRAGMA import_stage.synchronous = OFF")
        for table, columns in _STAGED.items():
            self.conn.execute(f"CREATE TABLE import_stage.{table} (batch, {', '.join(columns)})")
        self.conn.execute("CREATE TABLE import_stage.planned (key, stamp)")

    def close_stage(self) -> None:
        try:
            if self.attached:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                self.conn.execute("DETACH DATABASE import_stage")
                self.attached = False
        finally:
            if self.stage_path is not None:
                self.stage_path.unlink(missing_ok=True)
                self.stage_path = None

    def stage_plan(self, plan: list[_Planned]) -> set[tuple[str, str]]:
        """Put every planned breach's key, with the time of the stored breach it was
        decided against, in the stage; returns the list entries the rows point to."""
        self.conn.executemany("INSERT INTO import_stage.planned VALUES (?, ?)",
                              ((p.breach.id, p.stamp) for p in plan))
        return set().union(*(_entries_of(p.breach) for p in plan)) if plan else set()

    def stage(self, prepared: "_Batch") -> None:
        """Put a batch's rows in the stage (no lock on our file is needed for that)."""
        number = id(prepared)
        rows = {"breach": prepared.breaches, "log": self._new_log(prepared)}
        for table in ("citation", "victim"):
            inserts, updates, tombstones = prepared.children[table]
            rows[f"{table}_new"], rows[f"{table}_set"], rows[f"{table}_gone"] = (
                inserts, updates, tombstones)
        for table, values in rows.items():
            columns = _STAGED[table]
            self.conn.executemany(
                f"INSERT INTO import_stage.{table} VALUES ({', '.join('?' * (len(columns) + 1))})",
                ([number, *row] for row in values))

    def prepared_again(self, prepared: list["_Batch"], again: "_Again") -> list["_Batch"]:
        """Inside the transaction: the batches with a row decided again are taken out of
        the stage and prepared (and staged) again, against the breaches as they are now."""
        stale = [b for b in prepared if any(id(p) not in again.kept for p in b.planned)]
        if not stale and not again.changed:
            return prepared
        for batch in stale:
            for table in _STAGED:
                self.conn.execute(f"DELETE FROM import_stage.{table} WHERE batch = ?",
                                  (id(batch),))
        fresh = self.prepare([p for b in stale for p in b.planned if id(p) in again.kept]
                             + [p for p in again.changed if p.action != "unchanged"])
        for batch in fresh:
            self.stage(batch)
        gone = {id(b) for b in stale}
        return [b for b in prepared if id(b) not in gone] + fresh

    def apply(self, prepared: list["_Batch"], progress) -> None:
        """Inside the transaction: each table takes its staged rows in one statement;
        then the history of the updated breaches, read back as they are now stored."""
        statements = _APPLY
        for step, statement in enumerate(statements, start=1):
            self.conn.execute(statement)
            progress(step, len(statements) + 1)
        updated = [p for b in prepared for p in b.planned if p.before is not None]
        stamps = {k: v for b in prepared for k, v in b.stamps.items()}
        entries = {id(p): e for b in prepared for p, e in zip(b.planned, b.log_ids)}
        for start in range(0, len(updated), _BATCH):
            some = updated[start:start + _BATCH]
            after = self._documents([p.breach.id for p in some])
            log = []
            for planned in some:
                key, before = planned.breach.id, planned.before
                if _content(before) == _content(after[key]):
                    continue  # as save_breach: a save that changed nothing is not logged
                log.append((entries[id(planned)], stamps[key], self.ledger.user,
                            self.ledger.office, "breach", key, "update",
                            json.dumps(before, ensure_ascii=False),
                            json.dumps(after[key], ensure_ascii=False)))
            self.conn.executemany(_CHANGE_LOG, log)
        progress(len(statements) + 1, len(statements) + 1)

    def _new_log(self, prepared: "_Batch") -> list[tuple]:
        """The history entries of the batch's new breaches, their documents known."""
        return [(entry, prepared.stamps[p.breach.id], self.ledger.user, self.ledger.office,
                 "breach", p.breach.id, "insert", None, prepared.after[p.breach.id])
                for p, entry in zip(prepared.planned, prepared.log_ids)
                if p.breach.id in prepared.after]

    def _key_of(self, table: str, name: str, now: str) -> str:
        """The key of the live actor or source called `name` (as breaches._entry_named
        finds it), or the key it will have when `settle` makes it inside the transaction."""
        if (table, name) not in self.entries:
            # Two spellings of one new name ("الجيش السوري", "الجيش السّوري") make one entry.
            twin = self.spellings.get((table, fold(name)))
            found = find_named(self.conn, table, name)
            self.entries[table, name] = (
                self.entries[twin] if twin and not found else (found or new_id(), now))
            self.spellings.setdefault((table, fold(name)), (table, name))
        return self.entries[table, name][0]

    def settle(self, batches: list["_Batch"]) -> None:
        """Inside the transaction, before anything is written: each actor or source the
        rows name gets its key. One missing is made, with its change-log entry, under the
        key prepared (a perpetrator named in Arabic only with that name as its Arabic name
        as well, as the editor makes it); one another copy made (or deleted) meanwhile is
        the one used now, and the prepared rows are made to point to it."""
        moved = {}
        for (table, name), (key, now) in self.entries.items():
            found = find_named(self.conn, table, name)
            found = (found,) if found else None
            if found is None:
                made = key if not self._taken(table, key) else new_id()
                self.conn.execute(f"INSERT INTO {table} (id, name, created_at, updated_at)"
                                  " VALUES (?, ?, ?, ?)", (made, name, now, now))
                if table == "actor" and _ARABIC.search(name):
                    self.conn.execute("UPDATE actor SET name_ar = ? WHERE id = ?", (name, made))
                log_change(self.conn, self.ledger, table, made, "insert", None, fetch_dicts(
                    self.conn, f"SELECT * FROM {table} WHERE id = ?", (made,))[0], now)
                found = (made,)
            if found[0] != key:
                moved[key] = found[0]
                self.entries[table, name] = (found[0], now)
        for old, new in moved.items():
            for batch in batches:
                _point_to(batch, {old: new})
            self.conn.execute("UPDATE import_stage.breach SET actor_id = ? WHERE actor_id = ?",
                              (new, old))
            self.conn.execute("UPDATE import_stage.citation_new SET source_id = ?"
                              " WHERE source_id = ?", (new, old))
            self.conn.execute("UPDATE import_stage.log SET after = replace(after, ?, ?)",
                              (f'"{old}"', f'"{new}"'))

    def _children(self, table: str, columns: tuple[str, ...], wanted: dict[str, list[dict]],
                  prepared: "_Batch") -> tuple[list, list, list]:
        """As breaches._save_children, for many breaches: the live citations (or victims)
        of each breach become those wanted; rows keep their keys, changed ones are
        updated, missing ones become tombstones."""
        existing: dict[str, dict[str, dict]] = {}
        cursor = self.conn.execute(
            f"SELECT * FROM {table} WHERE breach_id IN (SELECT value FROM json_each(?))",
            (json.dumps([key for key, p in zip(wanted, prepared.planned) if p.before]),))
        names = [d[0] for d in cursor.description]
        for values in cursor:
            row = dict(zip(names, values))
            existing.setdefault(row["breach_id"], {})[row["id"]] = row
        inserts, updates, tombstones = [], [], []
        source = columns.index("source_id") + 1 if "source_id" in columns else None
        for breach_id, children in wanted.items():
            now, old_rows, kept = prepared.stamps[breach_id], existing.get(breach_id, {}), set()
            for position, child in enumerate(children):
                values = child_values(child, columns, position, kept)
                old = old_rows.get(values["id"]) if values["id"] else None
                if old is None:
                    if not values["id"] or self._taken(table, values["id"]):
                        values["id"] = new_id()
                    row = [breach_id] + [values[c] for c in columns] + [now, now]
                    if source is not None and not row[source]:  # a source named, no key
                        row[source] = self._key_of("source", child["source_name"], now)
                    inserts.append(row)
                elif old["deleted_at"] or any(old[c] != values[c] for c in columns):
                    updates.append([values[c] for c in columns[1:]] + [now, values["id"]])
                kept.add(values["id"])
            tombstones += [(now, now, key) for key, old in old_rows.items()
                           if key not in kept and old["deleted_at"] is None]
        return inserts, updates, tombstones

    def _taken(self, table: str, key: str) -> bool:
        return self.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (key,)).fetchone() \
            is not None

    def _documents(self, keys: list[str]) -> dict[str, dict]:
        """The breaches as breach_document reads them, for many keys at once."""
        listed = json.dumps(keys)
        documents = {row["id"]: row for row in fetch_dicts(
            self.conn, "SELECT * FROM breach WHERE id IN (SELECT value FROM json_each(?))",
            (listed,))}
        for document in documents.values():
            document["citations"], document["victims"] = [], []
        for table, field_name in (("citation", "citations"), ("victim", "victims")):
            for child in fetch_dicts(
                    self.conn, f"SELECT * FROM {table} WHERE breach_id IN (SELECT value FROM"
                    " json_each(?)) AND deleted_at IS NULL ORDER BY breach_id, position,"
                    " created_at", (listed,)):
                documents[child.pop("breach_id")][field_name].append(child)
        return documents


def _point_to(batch: _Batch, moved: dict[str, str]) -> None:
    """Make a prepared batch point to the keys in `moved` instead of the ones prepared."""
    actor = BREACH_COLUMNS.index("actor_id")
    for row in batch.breaches:
        row[actor] = moved.get(row[actor], row[actor])
    source = CITATION_COLUMNS.index("source_id") + 1
    for row in batch.children["citation"][0]:
        row[source] = moved.get(row[source], row[source])
    for key, document in batch.after.items():
        for old, new in moved.items():  # keys are UUIDs: the text is found only as a key
            document = document.replace(f'"{old}"', f'"{new}"')
        batch.after[key] = document
