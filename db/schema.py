"""The schema, as numbered migrations recorded in the file itself.

A migration is a function that takes a connection inside an open transaction.
Never edit a migration that has shipped: add the next one.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from .cipher import sqlite3
from .day_sums import DAY_SUM_TABLE, MONTH_SUM_TABLE, fill_day_sums, fill_month_sums
from .fold import fill_breach_keys
from .place_uses import PLACE_USE_TABLE, fill_place_uses

# 'TRLG': marks a SQLite file as a Truce Ledger database (PRAGMA application_id).
APPLICATION_ID = 0x54524C47
# Seeded list entries get the same key in every office's file, so that merges match.
SEED_NAMESPACE = "6f1d3c2e-0b8a-4f3e-9a51-7c2d5e8b1a90"


def seed_id(kind: str, name: str) -> str:
    """The fixed key of a list entry that ships with the program."""
    import uuid  # only when seeding: uuid, platform and hashlib cost every start 6 ms
    return str(uuid.uuid5(uuid.UUID(SEED_NAMESPACE), f"{kind}/{name}"))


# The folder of the files that ship with the program (also the window's translations).
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def load_resource(name: str) -> dict:
    """A JSON file of `resources/` (found beside db/: importlib.resources would cost every
    start a few milliseconds)."""
    return json.loads((RESOURCES / name).read_text("utf-8"))


_TIMESTAMPS = """
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
"""

_SCHEMA_1 = f"""
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE schema_migration (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
) STRICT;

CREATE TABLE truce (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT,
    brokered_by TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    {_TIMESTAMPS}
) STRICT;

CREATE TABLE gazetteer (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('governorate', 'district')),
    name TEXT NOT NULL,
    name_ar TEXT NOT NULL DEFAULT '',
    parent_id TEXT REFERENCES gazetteer(id),
    {_TIMESTAMPS}
) STRICT;

CREATE TABLE actor (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_ar TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    {_TIMESTAMPS}
) STRICT;

CREATE TABLE breach_type (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    name_ar TEXT NOT NULL DEFAULT '',
    {_TIMESTAMPS}
) STRICT;

CREATE TABLE source (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other',
    reliability TEXT NOT NULL DEFAULT 'unknown',
    contact TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    {_TIMESTAMPS}
) STRICT;

CREATE TABLE breach (
    id TEXT PRIMARY KEY,
    occurred_on TEXT NOT NULL
        CHECK (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    occurred_at TEXT CHECK (occurred_at IS NULL OR occurred_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    truce_id TEXT REFERENCES truce(id),
    governorate_id TEXT NOT NULL REFERENCES gazetteer(id),
    district TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    latitude REAL CHECK (latitude BETWEEN -90 AND 90),
    longitude REAL CHECK (longitude BETWEEN -180 AND 180),
    actor_id TEXT NOT NULL REFERENCES actor(id),
    breach_type_id TEXT NOT NULL REFERENCES breach_type(id),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
    killed INTEGER NOT NULL DEFAULT 0 CHECK (killed >= 0),
    killed_max INTEGER CHECK (killed_max >= killed),
    women INTEGER NOT NULL DEFAULT 0 CHECK (women >= 0),
    women_max INTEGER CHECK (women_max >= women),
    children INTEGER NOT NULL DEFAULT 0 CHECK (children >= 0),
    children_max INTEGER CHECK (children_max >= children),
    injured INTEGER NOT NULL DEFAULT 0 CHECK (injured >= 0),
    injured_max INTEGER CHECK (injured_max >= injured),
    status TEXT NOT NULL DEFAULT 'reported'
        CHECK (status IN ('reported', 'confirmed', 'contested', 'discounted')),
    office TEXT NOT NULL DEFAULT '',
    entered_by TEXT NOT NULL DEFAULT '',
    {_TIMESTAMPS},
    CHECK (women + children <= killed),
    CHECK (coalesce(women_max, women) + coalesce(children_max, children)
           <= coalesce(killed_max, killed))
) STRICT;

-- The list's default order, newest first, over live breaches only.
CREATE INDEX breach_live_by_date ON breach (occurred_on, occurred_at, created_at)
    WHERE deleted_at IS NULL;
CREATE INDEX breach_by_governorate ON breach (governorate_id, occurred_on);
CREATE INDEX breach_by_actor ON breach (actor_id, occurred_on);
CREATE INDEX breach_by_type ON breach (breach_type_id, occurred_on);
CREATE INDEX breach_deleted ON breach (deleted_at) WHERE deleted_at IS NOT NULL;
-- Covers the count and killed sum of all live breaches (the window's totals line).
CREATE INDEX breach_live_counts ON breach (status, killed) WHERE deleted_at IS NULL;

CREATE TABLE citation (
    id TEXT PRIMARY KEY,
    breach_id TEXT NOT NULL REFERENCES breach(id),
    source_id TEXT NOT NULL REFERENCES source(id),
    reference TEXT NOT NULL DEFAULT '',
    reported_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    {_TIMESTAMPS}
) STRICT;
CREATE INDEX citation_by_breach ON citation (breach_id);
CREATE INDEX citation_by_source ON citation (source_id);
-- Covers "how many breaches cite each source" without reading the citations.
CREATE INDEX citation_live_by_source ON citation (source_id, breach_id)
    WHERE deleted_at IS NULL;

CREATE TABLE victim (
    id TEXT PRIMARY KEY,
    breach_id TEXT NOT NULL REFERENCES breach(id),
    name TEXT NOT NULL DEFAULT '',
    name_latin TEXT NOT NULL DEFAULT '',
    sex TEXT NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female', 'male', 'unknown')),
    age INTEGER CHECK (age BETWEEN 0 AND 130),
    age_group TEXT NOT NULL DEFAULT 'unknown' CHECK (age_group IN ('child', 'adult', 'unknown')),
    outcome TEXT NOT NULL DEFAULT 'killed' CHECK (outcome IN ('killed', 'injured', 'missing')),
    civilian TEXT NOT NULL DEFAULT 'unknown' CHECK (civilian IN ('yes', 'no', 'unknown')),
    confidential INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
    notes TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    {_TIMESTAMPS}
) STRICT;
CREATE INDEX victim_by_breach ON victim (breach_id);

CREATE TABLE change_log (
    id TEXT PRIMARY KEY,
    changed_at TEXT NOT NULL,
    user TEXT NOT NULL DEFAULT '',
    office TEXT NOT NULL DEFAULT '',
    record_table TEXT NOT NULL,
    record_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'restore')),
    before TEXT,
    after TEXT
) STRICT;
CREATE INDEX change_log_by_record ON change_log (record_id, changed_at);
"""


def _migration_1(conn: sqlite3.Connection, now: str) -> None:
    """The first schema, with the gazetteer and the lists that ship with the program."""
    for statement in _split_sql(_SCHEMA_1):
        conn.execute(statement)
    gazetteer = load_resource("gazetteer.json")
    for place in gazetteer["governorates"]:
        conn.execute(
            "INSERT INTO gazetteer (id, kind, name, name_ar, created_at, updated_at)"
            " VALUES (?, 'governorate', ?, ?, ?, ?)",
            (seed_id("governorate", place["name"]), place["name"], place["name_ar"], now, now),
        )
    lists = load_resource("lists.json")
    for kind in lists["breach_types"]:
        conn.execute(
            "INSERT INTO breach_type (id, code, name, name_ar, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (seed_id("breach_type", kind["code"]), kind["code"], kind["name"], kind["name_ar"],
             now, now),
        )
    for actor in lists["actors"]:
        conn.execute(
            "INSERT INTO actor (id, name, name_ar, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (seed_id("actor", actor["name"]), actor["name"], actor["name_ar"], now, now),
        )


def _split_sql(script: str) -> list[str]:
    """The statements of a script; executescript() would commit the open transaction."""
    statements, current = [], []
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        current.append(line)
        joined = "\n".join(current)
        if joined.rstrip().endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined.strip())
            current = []
    return statements


_SCHEMA_2 = """
-- Each breach's place and text in the form searches compare (db/fold.py), written by the
-- program in the same transaction as the breach; never shown, never exported or merged.
CREATE TABLE breach_key (
    breach_id TEXT PRIMARY KEY,
    place_key TEXT NOT NULL,
    text_key TEXT NOT NULL
) STRICT;
-- The duplicate warning (equal) and place completion (a prefix).
CREATE INDEX breach_key_by_place ON breach_key (place_key);
"""


def _migration_2(conn: sqlite3.Connection, now: str) -> None:
    """Search that folds Arabic spelling: the folded forms of the breaches already held."""
    for statement in _split_sql(_SCHEMA_2):
        conn.execute(statement)
    fill_breach_keys(conn)


_SCHEMA_3 = """
-- The list's default order with the key that breaks its ties, so that a page is read from
-- the index after the last row of the page before (keyset), whatever its depth.
DROP INDEX breach_live_by_date;
CREATE INDEX breach_live_by_date
    ON breach (occurred_on, coalesce(occurred_at, ''), created_at, id) WHERE deleted_at IS NULL;

-- breach_key again, with a row number that VACUUM keeps, for the text index to refer to.
CREATE TEMP TABLE breach_key_2 AS SELECT breach_id, place_key, text_key FROM breach_key;
DROP TABLE breach_key;
CREATE TABLE breach_key (
    n INTEGER PRIMARY KEY,
    breach_id TEXT NOT NULL UNIQUE,
    place_key TEXT NOT NULL,
    text_key TEXT NOT NULL
) STRICT;
INSERT INTO breach_key (breach_id, place_key, text_key)
    SELECT breach_id, place_key, text_key FROM temp.breach_key_2;
DROP TABLE temp.breach_key_2;
CREATE INDEX breach_key_by_place ON breach_key (place_key);

-- The text filter's index: every run of three characters of each folded text. It holds
-- no text of its own (content is breach_key's), and is kept by breach_key's triggers.
CREATE VIRTUAL TABLE breach_text USING fts5(
    text_key, content='breach_key', content_rowid='n', tokenize='trigram');
INSERT INTO breach_text (breach_text) VALUES ('rebuild');
CREATE TRIGGER breach_text_on_insert AFTER INSERT ON breach_key BEGIN
    INSERT INTO breach_text (rowid, text_key) VALUES (NEW.n, NEW.text_key);
END;
CREATE TRIGGER breach_text_on_delete AFTER DELETE ON breach_key BEGIN
    INSERT INTO breach_text (breach_text, rowid, text_key) VALUES ('delete', OLD.n, OLD.text_key);
END;
CREATE TRIGGER breach_text_on_update AFTER UPDATE OF n, text_key ON breach_key BEGIN
    INSERT INTO breach_text (breach_text, rowid, text_key) VALUES ('delete', OLD.n, OLD.text_key);
    INSERT INTO breach_text (rowid, text_key) VALUES (NEW.n, NEW.text_key);
END;
""" + DAY_SUM_TABLE


def _migration_3(conn: sqlite3.Connection, now: str) -> None:
    """At a million breaches: keyset paging, a text index, and the sums of each day."""
    for statement in _split_sql(_SCHEMA_3):
        conn.execute(statement)
    fill_day_sums(conn)


def _migration_4(conn: sqlite3.Connection, now: str) -> None:
    """The places' counts, for the place field's completion at a million breaches."""
    for statement in _split_sql(PLACE_USE_TABLE):
        conn.execute(statement)
    fill_place_uses(conn)


def _migration_5(conn: sqlite3.Connection, now: str) -> None:
    """The sums of each month, beside those of each day: totals over years (by
    governorate, actor or type) read a few rows a month instead of one a day."""
    for statement in _split_sql(MONTH_SUM_TABLE):
        conn.execute(statement)
    fill_month_sums(conn)


# (version, name, function); the file's PRAGMA user_version is the last one applied.
MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection, str], None]]] = [
    (1, "initial schema", _migration_1),
    (2, "folded search keys", _migration_2),
    (3, "keyset order, text index, day sums", _migration_3),
    (4, "place counts", _migration_4),
    (5, "month sums", _migration_5),
]
LATEST_VERSION = MIGRATIONS[-1][0]
# seed_id("actor", "Unknown"), written out (tests/test_schema_snapshot.py checks it).
UNKNOWN_ACTOR_ID = "8d78f166-669f-5888-8717-49061ee5a8ec"


_EXPECTED: dict[int, frozenset] = {}


# What the migrations make, written down for the latest version (every open compares the
# file with it; making it again in memory cost each open 100 statements and a few ms).
# tests/test_schema_snapshot.py checks it against the migrations and writes it again.
SNAPSHOT = "schema.json"


def expected_schema(version: int) -> frozenset:
    """What `sqlite_master` holds in a file of schema `version` made by this program:
    (type, name, table, sql) of every table, index, view and trigger."""
    if version not in _EXPECTED and version == LATEST_VERSION:
        snapshot = load_resource(SNAPSHOT)
        if snapshot["version"] == version:
            _EXPECTED[version] = frozenset(tuple(row) for row in snapshot["objects"])
    if version not in _EXPECTED:
        _EXPECTED[version] = made_schema(version)
    return _EXPECTED[version]


def made_schema(version: int) -> frozenset:
    """What the migrations up to `version` make in an empty file (see expected_schema)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for number, _name, apply in MIGRATIONS:
            if number > version:
                break
            conn.execute("BEGIN")
            apply(conn, "2000-01-01T00:00:00.000000Z")
            conn.execute("COMMIT")
        return _schema_of(conn)
    finally:
        conn.close()


def _schema_of(conn: sqlite3.Connection) -> frozenset:
    # SQLite's own statistics tables (ANALYZE) may come and go; they are not ours to judge.
    return frozenset(conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master"
        " WHERE name NOT LIKE 'sqlite_stat%'"))


def schema_difference(conn: sqlite3.Connection, version: int) -> tuple[str, dict] | None:
    """None when the file on `conn` has exactly the schema this program makes at `version`;
    else the first difference as a (code, params) that gui/messages.py words: a table,
    index, view or trigger ("kind") not ours ("schema_not_ours"), changed
    ("schema_changed") or missing ("schema_missing"), with its "name". Reads only
    `sqlite_master`: nothing of a forged file's own is run."""
    found = _schema_of(conn)
    expected = expected_schema(version)
    for kind, name, _table, _sql in sorted(found - expected, key=str):
        ours = {n for k, n, _t, _s in expected if k == kind}
        return ("schema_changed" if name in ours else "schema_not_ours",
                {"kind": kind, "name": name})
    for kind, name, _table, _sql in sorted(expected - found, key=str):
        return "schema_missing", {"kind": kind, "name": name}
    return None
