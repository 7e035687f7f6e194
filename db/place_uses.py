"""How many live breaches each place was written for, kept as breaches are written, so that
the editor's place field offers the places most used first without reading every breach
(8 s at a million breaches; a few milliseconds from this table).

`place_use` (schema migration 4) holds each place as it was written, its folded form
(db/fold.py: the completion matches a typed prefix with spelling folded) and the number
of breaches outside the Trash that name it; a place no breach names any more is gone.
Like the day sums (db/day_sums.py), it is written by temporary triggers that every
connection the program writes with installs (`keep_place_uses`), in the same statement
as the breach; db/bulk.py adds many new breaches in one statement; `check` compares it
with a recount (`differences`) and `check --recount` writes it again.
"""
from __future__ import annotations


from .cipher import sqlite3
from .fold import register_fold

PLACE_USE_TABLE = """
CREATE TABLE place_use (
    place TEXT PRIMARY KEY,
    place_key TEXT NOT NULL,
    breaches INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX place_use_by_key ON place_use (place_key, breaches);
"""

# The breaches a place is counted for: outside the Trash, with a place written.
_COUNTED = "{row}.deleted_at IS NULL AND {row}.place != ''"


def _add(row: str, sign: str) -> str:
    counted = _COUNTED.format(row=row)
    return f"""
        INSERT INTO place_use (place, place_key, breaches)
        SELECT {row}.place, ledger_fold({row}.place), {sign}1 WHERE {counted}
        ON CONFLICT DO UPDATE SET breaches = breaches {sign or '+'} 1;"""


# A place that no breach names any more is not offered.
_DROP_UNUSED = """
        DELETE FROM place_use WHERE place = OLD.place AND breaches <= 0;"""

_TRIGGERS = (
    f"""CREATE TEMP TRIGGER IF NOT EXISTS place_use_on_insert AFTER INSERT ON main.breach
    BEGIN{_add("NEW", "")}
    END""",
    f"""CREATE TEMP TRIGGER IF NOT EXISTS place_use_on_update
    AFTER UPDATE OF place, deleted_at ON main.breach
    BEGIN{_add("OLD", "-")}{_DROP_UNUSED}{_add("NEW", "")}
    END""",
    f"""CREATE TEMP TRIGGER IF NOT EXISTS place_use_on_delete AFTER DELETE ON main.breach
    BEGIN{_add("OLD", "-")}{_DROP_UNUSED}
    END""",
)



def _recount(narrower: str = "true") -> str:
    """The places of the breaches (of those `narrower` keeps), recounted."""
    return f"""
    SELECT b.place, ledger_fold(b.place), count(*) FROM main.breach b
    WHERE {_COUNTED.format(row="b")} AND {narrower} GROUP BY b.place"""


# What `place_use` holds when it is right.
RECOUNT = _recount()


def keep_place_uses(conn: sqlite3.Connection) -> None:
    """From now on, every breach that `conn` writes changes `place_use` in the same
    statement. Call once the file holds `place_use` (schema 4), after keep_folded (which
    makes `ledger_fold` callable from SQL)."""
    for trigger in _TRIGGERS:
        conn.execute(trigger)


def add_place_uses(conn: sqlite3.Connection, after_rowid: int) -> None:
    """Count the places of the breaches with a rowid above `after_rowid` (those just
    written in one statement: db/bulk.py)."""
    conn.execute(f"""
        INSERT INTO place_use (place, place_key, breaches)
        {_recount("b.rowid > ?")}
        ON CONFLICT DO UPDATE SET breaches = breaches + excluded.breaches""", (after_rowid,))


def fill_place_uses(conn: sqlite3.Connection) -> None:
    """Write the counts of every place the file's breaches name (migration 4)."""
    register_fold(conn)
    conn.execute("DELETE FROM place_use")
    conn.execute(f"INSERT INTO place_use (place, place_key, breaches) {RECOUNT}")


def differences(conn: sqlite3.Connection) -> str | None:
    """The first place whose kept count differs from a recount of the breaches, or None
    when they agree."""
    register_fold(conn)
    kept = "SELECT place, place_key, breaches FROM main.place_use"
    found = [conn.execute(f"SELECT min(place) FROM ({one} EXCEPT {other})").fetchone()[0]
             for one, other in ((kept, RECOUNT), (RECOUNT, kept))]
    found = [place for place in found if place is not None]
    return min(found) if found else None


def readable_place_uses(conn: sqlite3.Connection) -> None:
    """Let the place field read `place_use` on a connection that cannot write to a file of
    an older schema: a temporary view recounts the breaches as it is read (slower, and only
    on this connection)."""
    register_fold(conn)
    if conn.execute("SELECT 1 FROM main.sqlite_master WHERE type = 'table'"
                    " AND name = 'place_use'").fetchone():
        return
    conn.execute(f"CREATE TEMP VIEW IF NOT EXISTS place_use (place, place_key, breaches)"
                 f" AS {RECOUNT}")
