"""The schema every open compares a file with (resources/schema.json) is what the
migrations make, and the keys written out in db/schema.py are those of the seeds.

After adding a migration, write the snapshot again with
    python tests/test_schema_snapshot.py
and read the difference in the commit: it is the new schema.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
from db import schema  # noqa: E402


def _snapshot_text() -> str:
    objects = sorted(schema.made_schema(schema.LATEST_VERSION), key=str)
    return json.dumps({"version": schema.LATEST_VERSION, "objects": objects},
                      ensure_ascii=False, indent=1) + "\n"


def test_snapshot_is_what_the_migrations_make():
    written = (schema.RESOURCES / schema.SNAPSHOT).read_text("utf-8")
    assert json.loads(written) == json.loads(_snapshot_text()), (
        "resources/schema.json is not what the migrations make: "
        "run python tests/test_schema_snapshot.py")
    assert schema.expected_schema(schema.LATEST_VERSION) == schema.made_schema(
        schema.LATEST_VERSION)


def test_a_new_ledger_has_the_snapshot_schema(tmp_path):
    import db
    path = tmp_path / "new.sqlite3"
    db.open_ledger(path).close()
    conn = sqlite3.connect(path)
    try:
        assert schema.schema_difference(conn, schema.LATEST_VERSION) is None
        conn.execute("CREATE TABLE notes (x)")
        assert schema.schema_difference(conn, schema.LATEST_VERSION) == (
            "schema_not_ours", {"kind": "table", "name": "notes"})
    finally:
        conn.close()


def test_unknown_actor_key_is_the_seeds():
    assert schema.UNKNOWN_ACTOR_ID == schema.seed_id("actor", "Unknown")


if __name__ == "__main__":
    (schema.RESOURCES / schema.SNAPSHOT).write_text(_snapshot_text(), "utf-8")
    print(f"wrote {schema.RESOURCES / schema.SNAPSHOT}")
