"""Files as an older version of the program wrote them: a test makes a ledger of today's
schema, then takes it back to an older one, exactly as `db.schema.expected_schema` says
that version made it (every table, index and trigger, and the rows of the tables both
versions hold)."""
from __future__ import annotations

from pathlib import Path

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
from db import schema


def _objects(rows) -> dict[tuple[str, str], tuple[str, str | None]]:
    return {(kind, name): (table, sql) for kind, name, table, sql in rows}


def as_schema(path: Path, version: int) -> None:
    """Make the closed ledger at `path` what this program wrote at schema `version`."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        target = _objects(schema.expected_schema(version))
        found = _objects(conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
            " WHERE name NOT LIKE 'sqlite_stat%'"))
        conn.execute("BEGIN")
        kept_rows: dict[str, tuple[list[str], list[tuple]]] = {}
        for (kind, name), (_table, sql) in found.items():
            if kind == "table" and (kind, name) in target and target[kind, name][1] != sql:
                columns = [row[1] for row in conn.execute(f"PRAGMA table_info({name})")]
                kept_rows[name] = (columns, conn.execute(f"SELECT * FROM {name}").fetchall())
        order = {"trigger": 0, "view": 1, "index": 2, "table": 3}
        for (kind, name), (_table, sql) in sorted(found.items(), key=lambda i: order[i[0][0]]):
            if target.get((kind, name), (None, None))[1] == sql or sql is None:
                continue
            exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?",
                                  (kind, name)).fetchone()
            if exists:  # a virtual table's own tables go with it
                conn.execute(f"DROP {kind.upper()} {name}")
        for (kind, name), (_table, sql) in sorted(target.items(),
                                                  key=lambda i: -order[i[0][0]]):
            if sql is None or conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?",
                    (kind, name)).fetchone():
                continue
            conn.execute(sql)
            if name in kept_rows:
                columns, rows = kept_rows[name]
                now = [row[1] for row in conn.execute(f"PRAGMA table_info({name})")]
                common = [c for c in columns if c in now]
                at = [columns.index(c) for c in common]
                conn.executemany(
                    f"INSERT INTO {name} ({', '.join(common)})"
                    f" VALUES ({', '.join('?' * len(common))})",
                    ([row[i] for i in at] for row in rows))
        conn.execute("DELETE FROM schema_migration WHERE version > ?", (version,))
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("COMMIT")
        left = _objects(conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
            " WHERE name NOT LIKE 'sqlite_stat%'"))
        assert left == target, set(left.items()) ^ set(target.items())
    finally:
        conn.close()
