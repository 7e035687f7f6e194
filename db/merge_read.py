"""Reading another office's file for a merge (db.merge; checked by db.merge_checks):
attached read-only to our connection, after its schema is shown to be exactly ours
(db/schema.py schema_difference) and its demo mark to fit ours. Its lists are read whole,
its breaches one at a time with their citations and victims, never the whole file at once;
its reading may cost no more than its size can hold (_Budget). A file that is not ours, or
cannot be read to the end, is refused with a code (BadFileError) and nothing is written.
"""
from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .cipher import connect, sqlite3
from .files import file_uri
from .errors import BadFileError, Cancelled
from .schema import schema_difference
from .store import Ledger

CHILD_TABLES = ("citation", "victim")
LIST_TABLES = ("gazetteer", "breach_type", "actor", "truce", "source")
HISTORY_COLUMNS = ("id", "changed_at", "user", "office", "record_table", "record_id", "action",
                   "before", "after")
THEIRS = "theirs"  # the schema name their file is attached under
_SAME = "merge_same"  # their breaches held here exactly as there (_Theirs._held_alike)


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
            raise Cancelled


@dataclass
class _Theirs:
    """Their file, attached to our connection `conn` (read-only) as THEIRS for the whole
    merge: its lists read whole (they are short); its breaches, citations, victims and
    change log, the bulk of a file, read as they are needed, row by row or copied by SQL
    from the file itself. `version` is the file's data_version as its rows were checked:
    the write takes their rows only while it is the same (nothing was committed to their
    file meanwhile), so what is written is what was checked."""

    name: str
    demo: bool
    conn: sqlite3.Connection
    budget: "_Budget"
    rows: dict[str, list[dict]] = field(default_factory=dict)  # list table -> its rows
    version: int | None = None
    same: int = 0  # their breaches held here exactly as there (not read row by row)

    def read_lists(self, progress: _Progress) -> None:
        """Their lists, whole, and the data_version of the file they are read from; in the
        caller's read transaction (our snapshot, which holds one of theirs too)."""
        for table in LIST_TABLES:
            self.pay(table)
            self.rows[table] = list(self.read(f"SELECT * FROM {THEIRS}.{table} NOT INDEXED",
                                              progress=progress))
        self.version = self.data_version()

    def count(self) -> int:
        """Their breaches."""
        return next(self.read(f"SELECT count(*) AS n FROM {THEIRS}.breach NOT INDEXED"))["n"]

    def data_version(self) -> int:
        return self.conn.execute(f"PRAGMA {THEIRS}.data_version").fetchone()[0]

    def pay(self, table: str, where: str = "") -> None:
        """What reading the rows of their `table` (those `where` chooses, of `t`) costs,
        paid from the budget before they are read: one pass of SQLite over them."""
        names = [d[0] for d in self.conn.execute(f"SELECT * FROM main.{table} LIMIT 0")
                 .description]
        cost = " + ".join(f"CASE WHEN typeof(t.{c}) IN ('text', 'blob')"
                          f" THEN max(1, length(CAST(t.{c} AS BLOB))) ELSE 1 END" for c in names)
        (total,) = next(self.read(f"SELECT total(1 + {cost}) FROM {THEIRS}.{table} AS t"
                                  f" NOT INDEXED {where}")).values()
        self.budget.pay(int(total))

    def read(self, sql: str, params=(), progress: _Progress | None = None):
        """The rows of a query of their file, as dicts (paid for first: `pay`);
        BadFileError when the file cannot be read to the end (not an error of ours)."""
        try:
            cursor = self.conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            for done, row in enumerate(cursor, start=1):
                if progress is not None and done % 5000 == 0:
                    progress.tell(0)
                yield dict(zip(names, row))
        except sqlite3.Error as error:
            raise _unreadable(self.name, error) from None

    def breaches(self):
        """Each breach of theirs with its citations and victims (deleted ones too, each
        table's in the order they were written) and our updated_at of it (None: we lack
        it), by key; a citation or victim naming no breach of theirs comes
        alone, with None for its breach. Their tables are each read once, in key order
        (a merge of three sorted reads: one breach's rows in memory at a time); their own
        indexes are never used: a forged index could show the checks other rows than those
        a copy takes."""
        for table in ("breach",) + CHILD_TABLES:
            self.pay(table)
        self.same = self._held_alike()
        unsettled = f"NOT EXISTS (SELECT 1 FROM temp.{_SAME} AS s WHERE s.id = t.{{}})"
        children = {t: _Pending(self.read(f"SELECT t.* FROM {THEIRS}.{t} AS t NOT INDEXED"
                                          f" WHERE {unsettled.format('breach_id')}"
                                          " ORDER BY t.breach_id, t.rowid"))
                    for t in CHILD_TABLES}
        for row in self.read(f"SELECT t.*, o.updated_at AS ours_stamp FROM {THEIRS}.breach"
                             " AS t NOT INDEXED LEFT JOIN main.breach AS o ON o.id = t.id"
                             f" WHERE {unsettled.format('id')} ORDER BY t.id"):
            for table, pending in children.items():
                for orphan in pending.before(row["id"]):
                    yield None, {table: [orphan]}, None
            stamp = row.pop("ours_stamp")
            yield row, {table: pending.of(row["id"]) for table, pending in children.items()}, \
                stamp
        for table, pending in children.items():
            for orphan in pending.before(None):
                yield None, {table: [orphan]}, None

    def _held_alike(self) -> int:
        """Their breaches that our file holds exactly as theirs, with every citation and
        victim of theirs as ours, noted (temp.merge_same, made in the caller's read
        transaction and gone with it); how many. The merge writes nothing of them, and
        what they hold is ours, checked when it was written here: they are not read
        again, row by row, to be checked (at a merge of a copy of ours, most of a file).
        Found in SQL, one pass over each table of theirs (never by their own indexes), each
        row compared with ours of its key column by column, as SQLite stores them."""
        self.conn.execute(f"DROP TABLE IF EXISTS temp.{_SAME}")
        self.conn.execute(f"CREATE TEMP TABLE {_SAME} (id TEXT PRIMARY KEY, alike INTEGER)"
                          " WITHOUT ROWID")
        # A key that more than one row of theirs holds (only a forged file can) is held
        # alike only when every one of them is ours.
        statements = [f"INSERT INTO temp.{_SAME} (id, alike) SELECT t.id,"
                      f" {self._alike('breach')} FROM {THEIRS}.breach AS t NOT INDEXED"
                      " JOIN main.breach AS o ON o.id = t.id WHERE true"
                      " ON CONFLICT (id) DO UPDATE SET alike = alike AND excluded.alike",
                      f"DELETE FROM temp.{_SAME} WHERE NOT alike"]
        # A row of theirs of a breach not noted (one new to us, most of a merge) cannot
        # take a breach out: it is passed over by its key in the small table of those
        # noted, before ours of its key is looked for in our large one.
        statements += [f"DELETE FROM temp.{_SAME} WHERE id IN (SELECT t.breach_id FROM"
                       f" {THEIRS}.{table} AS t NOT INDEXED WHERE EXISTS (SELECT 1 FROM"
                       f" temp.{_SAME} AS s WHERE s.id = t.breach_id) AND NOT EXISTS"
                       f" (SELECT 1 FROM main.{table} AS o WHERE o.id = t.id"
                       f" AND {self._alike(table)}))"
                       for table in CHILD_TABLES]
        try:
            for statement in statements:
                self.conn.execute(statement)
        except sqlite3.Error as error:  # their file, unreadable half way
            raise _unreadable(self.name, error) from None
        return self.conn.execute(f"SELECT count(*) FROM temp.{_SAME}").fetchone()[0]

    def _alike(self, table: str) -> str:
        """A row of theirs (`t`) is ours (`o`) of its key, in every column."""
        names = [d[0] for d in self.conn.execute(f"SELECT * FROM main.{table} LIMIT 0")
                 .description]
        return " AND ".join(f"t.{name} IS o.{name}" for name in names)

    def breach(self, key: str) -> dict | None:
        """Their breach of this key, read again (a label of a reason)."""
        return next(self.read(f"SELECT * FROM {THEIRS}.breach NOT INDEXED WHERE id = ?",
                              (key,)), None)

    def some(self, keys: list[str]):
        """Their breaches of these keys, each with its citations and victims (as
        `breaches` gives them), read again: one read of each table."""
        listed = (json.dumps(keys),)
        grouped: dict[str, dict[str, list[dict]]] = {}
        for table in CHILD_TABLES:
            grouped[table] = {}
            for row in self.read(f"SELECT * FROM {THEIRS}.{table} NOT INDEXED WHERE breach_id"
                                 " IN (SELECT value FROM json_each(?)) ORDER BY rowid",
                                 listed):
                grouped[table].setdefault(row["breach_id"], []).append(row)
        for row in self.read(f"SELECT * FROM {THEIRS}.breach NOT INDEXED WHERE id IN"
                             " (SELECT value FROM json_each(?))", listed):
            yield row, {table: grouped[table].get(row["id"], []) for table in CHILD_TABLES}

    def history(self):
        """Their change-log entries that our file lacks (the only ones a merge copies), as
        dicts of HISTORY_COLUMNS."""
        columns = ", ".join(f"t.{c}" for c in HISTORY_COLUMNS)
        ours_lacks = "WHERE NOT EXISTS (SELECT 1 FROM main.change_log AS o WHERE o.id = t.id)"
        self.pay("change_log", ours_lacks)
        yield from self.read(f"SELECT {columns} FROM {THEIRS}.change_log AS t NOT INDEXED"
                             f" {ours_lacks}")


class _Pending:
    """One child table of theirs, read in the order of its breach's key, handed out one
    breach at a time."""

    def __init__(self, rows):
        self.rows, self.next = rows, next(rows, None)

    def before(self, key: str | None) -> list[dict]:
        """The rows of breaches before `key` (all that are left, for None): the rows
        whose breach is not in their file, since every breach before `key` was seen."""
        taken = []
        while self.next is not None and (key is None or _before(self.next["breach_id"], key)):
            taken.append(self.next)
            self.next = next(self.rows, None)
        return taken

    def of(self, key: str) -> list[dict]:
        taken = []
        while self.next is not None and self.next["breach_id"] == key:
            taken.append(self.next)
            self.next = next(self.rows, None)
        return taken


def _before(key: str | None, other: str) -> bool:
    """Whether SQLite orders `key` before `other` (NULL first; a key of another type than
    text is refused by the STRICT schema; text by its bytes, which is Python's order of
    characters)."""
    return key is None or key < other


# Reading their file ---------------------------------------------------------------------

@contextlib.contextmanager
def _attached(ledger: Ledger, other: Path, version: int, key: str | None = None):
    """Their file, attached read-only to our connection for the merge, once its schema is
    shown to be exactly ours (so that reading it runs nothing of its own) and its demo mark
    to fit ours; detached afterwards. BadFileError when it cannot be read. `key`: its
    passphrase when it is encrypted (ours may be, or not, either way)."""
    with _read_only(other, key) as conn:
        difference = schema_difference(conn, version)
        if difference:
            raise _foreign(other.name, difference)
        demo = _is_demo(conn)
    _no_demo_in_real(ledger.conn, ledger.is_demo, demo, other.name)
    try:
        # KEY always said: without it, SQLite would read theirs with our key.
        ledger.conn.execute(f"ATTACH DATABASE ? AS {THEIRS} KEY ?",
                            (file_uri(other, mode="ro"), key or ""))
    except sqlite3.Error as error:
        raise _unreadable(other.name, error) from None
    try:
        yield _Theirs(name=other.name, demo=demo, conn=ledger.conn, budget=_Budget(other))
    finally:
        with contextlib.suppress(sqlite3.Error):
            ledger.conn.execute(f"DETACH DATABASE {THEIRS}")


@contextlib.contextmanager
def _read_only(other: Path, key: str | None):
    try:
        conn = connect(file_uri(other, mode="ro"), key, file=other, uri=True,
                       isolation_level=None)
    except sqlite3.Error as error:
        raise _unreadable(other.name, error) from None
    try:
        yield conn
    except sqlite3.Error as error:
        raise _unreadable(other.name, error) from None
    finally:
        conn.close()


def _unreadable(name: str, error: sqlite3.Error) -> BadFileError:
    return BadFileError("unreadable_to_end", name=name, reason=str(error))


def _foreign(name: str, reason: tuple[str, dict]) -> BadFileError:
    """Their file is not one this program makes: `reason` is a (code, params) of
    schema_difference, or of _Budget, that gui/messages.py words."""
    return BadFileError("foreign_schema", name=name, reason=reason)


def _is_demo(theirs: sqlite3.Connection) -> bool:
    row = theirs.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
    return bool(row and row[0] == "1")


class _Budget:
    """What reading a file may cost: no more than its bytes can hold. Every row of a table
    takes at least a byte of the file, and every value a byte, and a text or blob at least
    its bytes (`_Theirs.pay` counts them, in SQL, before the rows are read); so a file of
    ours never runs out of budget, and one that does is not a plain file of tables (ours
    has no views, but the bound holds whatever SQLite does)."""

    def __init__(self, path: Path):
        self.name = path.name
        self.left = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())

    def pay(self, cost: int) -> None:
        self.left -= cost
        if self.left < 0:
            raise _foreign(self.name, ("schema_too_many_rows", {}))


def _no_demo_in_real(conn: sqlite3.Connection, ours_demo: bool, their_demo: bool,
                     name: str) -> None:
    """The demo never mixes with real breaches: a demo file merges only into a demo file
    or an empty one, and a real file not into a demo one."""
    ours_empty = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM breach)").fetchone()[0]
    if their_demo != ours_demo and not ours_empty:
        raise BadFileError("demo_mix", name=name,
                           which="demo_database" if their_demo else "real_database")
