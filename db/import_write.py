"""The staged write of an import (db/importer.py reads the file and plans its rows): the
planned rows made into the values of batched statements before the write transaction
begins, staged in a scratch database attached beside ours, and taken by each table in one
INSERT … SELECT (or UPDATE … FROM) inside the transaction, with the citations and victims
of each breach diffed against those stored, the actors and sources new by name, and the
change log; and what an import's plan reads of the ledger (`_Known`: the lists' keys, the
truces, the stored breaches the rows name).
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .cipher import sqlite3
from .breach_read import truce_in_force
from .breaches import (_LIST_TABLES, BREACH_COLUMNS, CITATION_COLUMNS, VICTIM_COLUMNS,
                       _breach_values, _content, child_values, log_change)
from .bulk import adding_in_sets
from .errors import LedgerError
from .paths import temporary_name
from .records import timestamp_after, utc_now
from .ledger import key_taken
from .store import Ledger, fetch_dicts

if TYPE_CHECKING:
    from .import_plan import _Planned

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


# The staged tables (see _Writer.open_stage): their columns, in our tables' order.
_STAGED = {
    "breach": BREACH_COLUMNS,
    "citation_new": ("breach_id",) + CITATION_COLUMNS + ("created_at", "updated_at"),
    "citation_set": CITATION_COLUMNS[1:] + ("updated_at", "id"),
    "citation_gone": ("deleted_at", "updated_at", "id"),
    "victim_new": ("breach_id",) + VICTIM_COLUMNS + ("created_at", "updated_at"),
    "victim_set": VICTIM_COLUMNS[1:] + ("updated_at", "id"),
    "victim_gone": ("deleted_at", "updated_at", "id"),
    "log": ("id", "changed_at", "user", "office", "record_table", "record_id", "action",
            "before", "after"),
}


# The pages (KiB) our file's cache holds while an import copies its rows in: they are
# written once and not read again, and the ledger's own cache (db/files.py, 64 MB) full
# of them would be a third of an import's memory. With 8 MB, 100,000 rows are copied
# with about a fifth more work of SQLite's (a second or two) for 70 MB less.
_WRITE_CACHE = -8192


@contextlib.contextmanager
def _cache_of(conn: sqlite3.Connection, size: int) -> Iterator[None]:
    """Within: our file's page cache is `size` (PRAGMA cache_size); after, as it was."""
    (kept,) = conn.execute("PRAGMA main.cache_size").fetchone()
    conn.execute(f"PRAGMA main.cache_size = {size}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA main.cache_size = {kept}")


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
    log = ", ".join(_STAGED["log"])
    statements.append(f"INSERT INTO change_log ({log}) SELECT {log} FROM import_stage.log")
    return statements


_APPLY = _apply_statements()
# json.dumps(…, ensure_ascii=False), its encoder made once: a change-log document a breach.
# (A document holds no loop: the check for one, skipped, changes nothing written.)
_as_json = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def new_ids(count: int) -> list[str]:
    """`count` new random record keys, as records.new_id makes each (a version 4 UUID, as
    uuid.uuid4 makes it from os.urandom), made at once: an import makes one a row."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes(b & 0x0F | 0x40 for b in raw[6::16])  # the version, 4
    raw[8::16] = bytes(b & 0x3F | 0x80 for b in raw[8::16])  # the variant, RFC 4122
    text = raw.hex()
    return [f"{text[i:i + 8]}-{text[i + 8:i + 12]}-{text[i + 12:i + 16]}-{text[i + 16:i + 20]}"
            f"-{text[i + 20:i + 32]}" for i in range(0, 32 * count, 32)]


def _fresh_ids() -> Iterator[str]:
    """New random record keys without end (new_ids), made a thousand at a time, then more
    at a time, up to 65,536: each set given in order, so that the rows that take them go
    into their table's index of keys one after the other, not each at a random place (a
    random place each, in a cache smaller than the index, costs a second of 100,000)."""
    count = 1000
    while True:
        yield from sorted(new_ids(count))
        count = min(2 * count, 65_536)


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
        self.fresh = _fresh_ids()  # the keys of the citations and victims it makes
        self.attached = False

    def prepare(self, plan: list[_Planned]) -> list["_Batch"]:
        return [self._prepare(plan[start:start + _BATCH])
                for start in range(0, len(plan), _BATCH)]

    def _prepare(self, batch: list[_Planned]) -> "_Batch":
        prepared = _Batch(batch, {}, [], {}, log_ids=sorted(new_ids(len(batch))))
        wanted = {"citation": {}, "victim": {}}
        for planned in batch:
            breach, before = planned.breach, planned.before
            now = breach.updated_at or timestamp_after(before["updated_at"] if before else None)
            prepared.stamps[breach.id] = now
            values = _breach_values(self.conn, breach, breach.id, self.ledger, before, now)
            prepared.breaches.append([values[c] for c in BREACH_COLUMNS])
            wanted["citation"][breach.id] = [vars(c) for c in breach.citations]
            wanted["victim"][breach.id] = [vars(v) for v in breach.victims]
        for table, columns in (("citation", CITATION_COLUMNS), ("victim", VICTIM_COLUMNS)):
            prepared.children[table] = self._children(table, columns, wanted[table], prepared)
        prepared.after = self._new_documents(prepared)
        return prepared

    def _new_documents(self, prepared: "_Batch") -> dict[str, str]:
        """The after documents, as JSON, of the new breaches of a batch: what
        breach_document would read back once they are written (the columns in the tables'
        order). Those of updated breaches are read back."""
        documents = {}
        for planned, row in zip(prepared.planned, prepared.breaches):
            if planned.before is None:
                documents[planned.key] = dict(zip(BREACH_COLUMNS, row))
        for table, columns, field_name in (("citation", CITATION_COLUMNS, "citations"),
                                           ("victim", VICTIM_COLUMNS, "victims")):
            names = columns + ("created_at", "updated_at", "deleted_at")
            for document in documents.values():
                document[field_name] = []
            for row in prepared.children[table][0]:
                document = documents.get(row[0])
                if document is not None:
                    document[field_name].append(dict(zip(names, row[1:] + [None])))
        return {key: _as_json(document)
                for key, document in documents.items()}

    def open_stage(self) -> None:
        """A scratch database in our file's folder (so that a disk too full for it is the
        disk our file is on, and the message says so), attached for the import and
        deleted after; a table for each statement's rows. Its journal is in memory and it
        is never synced: it is thrown away, whatever happens."""
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
            self.conn.execute(f"CREATE TABLE import_stage.{table} ({', '.join(columns)})")

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

    def stage(self, prepared: "_Batch") -> None:
        """Put a batch's rows in the stage (no lock on our file is needed for that), and
        let go of them: what the transaction needs after is the breaches updated."""
        rows = {"breach": prepared.breaches, "log": self._new_log(prepared)}
        for table in ("citation", "victim"):
            inserts, updates, tombstones = prepared.children[table]
            rows[f"{table}_new"], rows[f"{table}_set"], rows[f"{table}_gone"] = (
                inserts, updates, tombstones)
        # One transaction for the batch (it writes the stage alone, so it holds no lock
        # on our file): row by row, each would be a commit of its own.
        self.conn.execute("BEGIN")
        for table, values in rows.items():
            self.conn.executemany(f"INSERT INTO import_stage.{table} VALUES"
                                  f" ({', '.join('?' * len(_STAGED[table]))})", values)
        self.conn.execute("COMMIT")
        prepared.breaches, prepared.children, prepared.after = [], {}, {}
        updated = [(p, entry) for p, entry in zip(prepared.planned, prepared.log_ids)
                   if p.before is not None]
        prepared.planned, prepared.log_ids = [p for p, _e in updated], [e for _p, e in updated]
        prepared.stamps = {p.key: prepared.stamps[p.key] for p in prepared.planned}

    def apply(self, prepared: list["_Batch"], progress) -> None:
        """Inside the transaction: each table takes its staged rows in one statement;
        then the history of the updated breaches, read back as they are now stored."""
        statements = _APPLY
        with _cache_of(self.conn, _WRITE_CACHE), adding_in_sets(self.conn):
            for step, statement in enumerate(statements, start=1):
                self.conn.execute(statement)
                progress(step, len(statements) + 1)
        updated = [p for b in prepared for p in b.planned]  # as stage left them
        stamps = {k: v for b in prepared for k, v in b.stamps.items()}
        entries = {id(p): e for b in prepared for p, e in zip(b.planned, b.log_ids)}
        for start in range(0, len(updated), _BATCH):
            some = updated[start:start + _BATCH]
            after = breach_documents(self.conn, [p.key for p in some])
            log = []
            for planned in some:
                key, before = planned.key, planned.before
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
        return [(entry, prepared.stamps[p.key], self.ledger.user, self.ledger.office,
                 "breach", p.key, "insert", None, prepared.after[p.key])
                for p, entry in zip(prepared.planned, prepared.log_ids)
                if p.key in prepared.after]

    def settle(self, made: list[tuple[str, str, str]]) -> None:
        """Inside the transaction, before the rows: the actors and sources the plan makes,
        new by name, each (table, name, key) with its change-log entry (a perpetrator
        named in Arabic only with that name as its Arabic name as well, as the editor
        makes it). No list changed since the plan (db/importer.py checks), so each is
        still new."""
        now = utc_now()
        for table, name, key in made:
            self.conn.execute(f"INSERT INTO {table} (id, name, created_at, updated_at)"
                              " VALUES (?, ?, ?, ?)", (key, name, now, now))
            if table == "actor" and _ARABIC.search(name):
                self.conn.execute("UPDATE actor SET name_ar = ? WHERE id = ?", (name, key))
            log_change(self.conn, self.ledger, table, key, "insert", None, fetch_dicts(
                self.conn, f"SELECT * FROM {table} WHERE id = ?", (key,))[0], now)

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
        for breach_id, children in wanted.items():
            now, old_rows, kept = prepared.stamps[breach_id], existing.get(breach_id, {}), set()
            for position, child in enumerate(children):
                values = child_values(child, columns, position, kept)
                old = old_rows.get(values["id"]) if values["id"] else None
                if old is None:
                    if not values["id"] or key_taken(self.conn, table, values["id"]):
                        values["id"] = next(self.fresh)
                    inserts.append([breach_id] + [values[c] for c in columns] + [now, now])
                elif old["deleted_at"] or any(old[c] != values[c] for c in columns):
                    updates.append([values[c] for c in columns[1:]] + [now, values["id"]])
                kept.add(values["id"])
            tombstones += [(now, now, key) for key, old in old_rows.items()
                           if key not in kept and old["deleted_at"] is None]
        return inserts, updates, tombstones


def breach_documents(conn: sqlite3.Connection, keys: list[str]) -> dict[str, dict]:
    """The breaches as breach_document reads them, for many keys at once."""
    listed = json.dumps(keys)
    documents = {row["id"]: row for row in fetch_dicts(
        conn, "SELECT * FROM breach WHERE id IN (SELECT value FROM json_each(?))",
        (listed,))}
    for document in documents.values():
        document["citations"], document["victims"] = [], []
    for table, field_name in (("citation", "citations"), ("victim", "victims")):
        for child in fetch_dicts(
                conn, f"SELECT * FROM {table} WHERE breach_id IN (SELECT value FROM"
                " json_each(?)) AND deleted_at IS NULL ORDER BY breach_id, position,"
                " created_at", (listed,)):
            documents[child.pop("breach_id")][field_name].append(child)
    return documents


_KEYS_AT_ONCE = 5000


class _Known:
    """What the rows are decided against, read once in the plan's read transaction: the
    live keys of each list (the rules' `exists`), the truces, and the stored breaches the
    rows name, a batch of keys at a time."""

    def __init__(self, conn: sqlite3.Connection, names):
        self.conn, self.names, self.live = conn, names, {}
        self.today = date.today()  # the rules' today, asked once
        self.truces = conn.execute(
            "SELECT start_date, end_date, id FROM truce WHERE deleted_at IS NULL"
            " ORDER BY start_date DESC, rowid").fetchall()

    def exists(self, kind: str, key: str) -> bool:
        if kind not in self.live:
            table = _LIST_TABLES[kind]
            where = " AND kind = 'governorate'" if kind == "governorate" else ""
            self.live[kind] = {k for (k,) in self.conn.execute(
                f"SELECT id FROM {table} WHERE deleted_at IS NULL{where}")}
        return key in self.live[kind]

    def truce_on(self, day: str) -> str | None:
        """The truce in force on `day`, as db.breaches.truce_for_date finds it."""
        return truce_in_force(self.truces, day)

    def stored(self, keys: list[str]) -> dict[str, tuple[str, str | None]]:
        """Key -> (updated_at, deleted_at) of each stored breach of `keys`."""
        found = {}
        for start in range(0, len(keys), _KEYS_AT_ONCE):
            found.update((key, (updated, deleted)) for key, updated, deleted in self.conn.execute(
                "SELECT id, updated_at, deleted_at FROM breach WHERE id IN"
                " (SELECT value FROM json_each(?))",
                (json.dumps(keys[start:start + _KEYS_AT_ONCE]),)))
        return found
