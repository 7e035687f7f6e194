"""The sums of each day's breaches, kept as breaches are written, so that weekly totals,
breakdowns, the press sentence and the workbook's totals read a few thousand rows instead
of every breach.

`day_sum` (schema migration 3) holds, for each day, the number of breaches counted and
the sums of their counts, in eight groupings: the day's whole, per governorate, per
actor, per type, and per each pair and the three together. A grouping is a bit mask
(GOVERNORATE | ACTOR | TYPE); the columns of a dimension the grouping leaves out hold ''.
A total reads the one grouping whose dimensions its filter and its breakdown name, so it
never adds rows of two groupings. Deleted and discounted breaches are never counted, as
they are out of every total; `confirmed` keeps the confirmed ones apart.

Like the folded search forms (db/fold.py), the sums are written by temporary triggers
that every connection the program writes with installs (`keep_day_sums`): a save, a
delete, a restore, an import, a merge and the demo change the sums in the same statement
as the breach. `check` recomputes them from the breaches (`differences`).

A count above MAX_COUNT (only an older version let one in) is summed as MAX_COUNT + 1
and counted in `over_limit`: totals that meet one stop with a clear message instead of
publishing a wrong figure, and no sum can overflow.
"""
from __future__ import annotations

import sqlite3

from .rules import MAX_COUNT

GOVERNORATE, ACTOR, TYPE = 1, 2, 4
GROUPINGS = range(8)
DIMENSIONS = {GOVERNORATE: "governorate_id", ACTOR: "actor_id", TYPE: "breach_type_id"}
SUM_COLUMNS = ("breaches", "killed", "women", "children", "injured",
               "killed_max", "women_max", "children_max", "injured_max", "over_limit")

DAY_SUM_TABLE = """
CREATE TABLE day_sum (
    grouping INTEGER NOT NULL CHECK (grouping BETWEEN 0 AND 7),
    governorate_id TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    breach_type_id TEXT NOT NULL,
    day TEXT NOT NULL,
    confirmed INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
    breaches INTEGER NOT NULL,
    killed INTEGER NOT NULL,
    women INTEGER NOT NULL,
    children INTEGER NOT NULL,
    injured INTEGER NOT NULL,
    killed_max INTEGER NOT NULL,
    women_max INTEGER NOT NULL,
    children_max INTEGER NOT NULL,
    injured_max INTEGER NOT NULL,
    over_limit INTEGER NOT NULL,
    PRIMARY KEY (grouping, governorate_id, actor_id, breach_type_id, day, confirmed)
) STRICT, WITHOUT ROWID;
"""

_CAP = MAX_COUNT + 1


def _row_values(row: str, sign: str) -> list[str]:
    """The values a breach (`row`: NEW or OLD, or a table alias) adds to each sum,
    negated with `sign` '-'; a count above MAX_COUNT is capped and marked."""
    def capped(expression: str) -> str:
        return f"{sign}min({expression}, {_CAP})"
    largest = (f"max(coalesce({row}.killed_max, {row}.killed),"
               f" coalesce({row}.injured_max, {row}.injured))")
    return [
        f"{sign}1",
        *(capped(f"{row}.{name}") for name in ("killed", "women", "children", "injured")),
        *(capped(f"coalesce({row}.{name}_max, {row}.{name})")
          for name in ("killed", "women", "children", "injured")),
        f"{sign}({largest} > {MAX_COUNT})",
    ]


def _keys(row: str, day: str = "occurred_on",
          confirmed: str = "{row}.status = 'confirmed'") -> str:
    """The key columns of the eight groupings' rows of a breach (`row`); `g.column1` is
    the grouping."""
    return ", ".join([
        "g.column1",
        *(f"iif(g.column1 & {bit}, {row}.{column}, '')" for bit, column in DIMENSIONS.items()),
        f"{row}.{day}", confirmed.format(row=row),
    ])


_EIGHT = "(VALUES (0), (1), (2), (3), (4), (5), (6), (7)) AS g"
_COLUMNS = ("grouping, governorate_id, actor_id, breach_type_id, day, confirmed, "
            + ", ".join(SUM_COLUMNS))


def _counted(row: str) -> str:
    return f"{row}.deleted_at IS NULL AND {row}.status != 'discounted'"


def _add(row: str, sign: str) -> str:
    # "WHERE ... " before ON CONFLICT: an upsert's SELECT needs a WHERE to be parsed.
    return f"""
        INSERT INTO day_sum ({_COLUMNS})
        SELECT {_keys(row)}, {", ".join(_row_values(row, sign))} FROM {_EIGHT} WHERE {_counted(row)}
        ON CONFLICT DO UPDATE SET {", ".join(f"{c} = {c} + excluded.{c}" for c in SUM_COLUMNS)};"""


# The rows that a breach taken away left at no breach at all: gone, so that the table
# holds what a recount gives (differences) and no empty day is a day with breaches.
_DROP_EMPTY = """
        DELETE FROM day_sum WHERE breaches = 0 AND grouping IN (0, 1, 2, 3, 4, 5, 6, 7)
            AND governorate_id IN ('', OLD.governorate_id) AND actor_id IN ('', OLD.actor_id)
            AND breach_type_id IN ('', OLD.breach_type_id) AND day = OLD.occurred_on
            AND confirmed = (OLD.status = 'confirmed');"""

_COUNTED_COLUMNS = ("occurred_on, governorate_id, actor_id, breach_type_id, status, deleted_at,"
                    " killed, killed_max, women, women_max, children, children_max, injured,"
                    " injured_max")

_TRIGGERS = (
    f"""CREATE TEMP TRIGGER IF NOT EXISTS day_sum_on_insert AFTER INSERT ON main.breach
    BEGIN{_add("NEW", "")}
    END""",
    f"""CREATE TEMP TRIGGER IF NOT EXISTS day_sum_on_update
    AFTER UPDATE OF {_COUNTED_COLUMNS} ON main.breach
    BEGIN{_add("OLD", "-")}{_add("NEW", "")}{_DROP_EMPTY}
    END""",
    f"""CREATE TEMP TRIGGER IF NOT EXISTS day_sum_on_delete AFTER DELETE ON main.breach
    BEGIN{_add("OLD", "-")}{_DROP_EMPTY}
    END""",
)

# What `day_sum` holds when it is right: the sums of the breaches, recounted. The breaches
# are read once, summed by every dimension at once (grouping 7); the other seven
# groupings are sums of those rows, a few times fewer than the breaches.
_ALL_DIMENSIONS = f"""
    SELECT b.governorate_id, b.actor_id, b.breach_type_id, b.occurred_on AS day,
           b.status = 'confirmed' AS confirmed, {", ".join(
               f"sum({value}) AS {name}" for value, name in zip(_row_values("b", ""),
                                                               SUM_COLUMNS))}
    FROM breach b WHERE {_counted("b")} GROUP BY 1, 2, 3, 4, 5"""
RECOUNT = f"""
    SELECT {_keys("c", "day", "c.confirmed")}, {", ".join(f"sum(c.{n})" for n in SUM_COLUMNS)}
    FROM ({_ALL_DIMENSIONS}) AS c, {_EIGHT}
    GROUP BY 1, 2, 3, 4, 5, 6"""


def keep_day_sums(conn: sqlite3.Connection) -> None:
    """From now on, every breach that `conn` writes changes `day_sum` in the same
    statement. Call once the file holds `day_sum` (schema 3)."""
    for trigger in _TRIGGERS:
        conn.execute(trigger)


def fill_day_sums(conn: sqlite3.Connection) -> None:
    """Write the sums of every breach the file holds (migration 3)."""
    conn.execute("DELETE FROM day_sum")
    conn.execute(f"INSERT INTO day_sum ({_COLUMNS}) {RECOUNT}")


def differences(conn: sqlite3.Connection, limit: int = 5) -> list[tuple]:
    """Up to `limit` rows where `day_sum` differs from a recount of the breaches (kept
    rows not recounted, then recounted rows not kept); [] when the sums are right."""
    columns = f"SELECT {_COLUMNS} FROM day_sum"
    kept_only = conn.execute(f"{columns} EXCEPT {RECOUNT} LIMIT ?", (limit,)).fetchall()
    counted_only = conn.execute(f"{RECOUNT} EXCEPT {columns} LIMIT ?", (limit,)).fetchall()
    return (kept_only + counted_only)[:limit]


def readable_day_sums(conn: sqlite3.Connection) -> None:
    """Let totals read `day_sum` on a connection that cannot write to a file of an older
    schema: a temporary view recounts the breaches as it is read (slower, and only on
    this connection)."""
    if conn.execute("SELECT 1 FROM main.sqlite_master WHERE type = 'table'"
                    " AND name = 'day_sum'").fetchone():
        return
    conn.execute(f"CREATE TEMP VIEW IF NOT EXISTS day_sum ({_COLUMNS}) AS {RECOUNT}")
