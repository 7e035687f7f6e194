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

`month_sum` (schema migration 5) holds the same sums a month at a time ('YYYY-MM' in
`month`), so that a total over years reads a few rows a month instead of one a day (at a
million breaches over nine years, totals by governorate read 1,500 rows of `month_sum`
instead of 46,000 of `day_sum`).
It is kept from `day_sum` itself, by temporary triggers on it that `keep_day_sums`
installs with the others: whoever writes `day_sum` (a breach's triggers, the sets of
db/bulk.py, a recount) moves its month with it. `check` recounts it too.

A count above MAX_COUNT (only an older version let one in) is summed as MAX_COUNT + 1
and counted in `over_limit`: totals that meet one stop with a clear message instead of
publishing a wrong figure, and no sum can overflow.
"""
from __future__ import annotations


from .cipher import sqlite3
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

MONTH_SUM_TABLE = DAY_SUM_TABLE.replace("CREATE TABLE day_sum", "CREATE TABLE month_sum") \
    .replace("    day TEXT NOT NULL,", "    month TEXT NOT NULL,") \
    .replace("breach_type_id, day, confirmed)", "breach_type_id, month, confirmed)")

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

# The months' triggers: each row of day_sum written adds to its month's row what it adds
# or takes away. `month_sum`'s columns, and those of its key before the month:
_MONTH_KEYS = ("grouping", *DIMENSIONS.values())
_MONTH_COLUMNS = _COLUMNS.replace(" day,", " month,")


def _month_of(row: str) -> str:
    """The condition on month_sum of the month's row of a row of day_sum (NEW or OLD)."""
    return " AND ".join([*(f"{column} = {row}.{column}" for column in _MONTH_KEYS),
                         f"month = substr({row}.day, 1, 7)", f"confirmed = {row}.confirmed"])


def _to_month(values: list[str], row: str) -> str:
    """The upsert that adds `values` (SUM_COLUMNS) to the month of `row`."""
    return f"""
        INSERT INTO month_sum ({_MONTH_COLUMNS})
        VALUES ({", ".join(f"{row}.{c}" for c in _MONTH_KEYS)}, substr({row}.day, 1, 7),
                {row}.confirmed, {", ".join(values)})
        ON CONFLICT DO UPDATE SET {", ".join(f"{c} = {c} + excluded.{c}" for c in SUM_COLUMNS)};"""


# A month's row left at no breach goes, as a day's does (a sum of days >= 0 is 0 only when
# each of them is). `when`: only then can it be empty.
def _drop_empty_month(row: str, when: str) -> str:
    return f"""
        DELETE FROM month_sum WHERE {when} AND {_month_of(row)} AND breaches = 0;"""


_SAME_MONTH = " AND ".join([*(f"NEW.{c} IS OLD.{c}" for c in (*_MONTH_KEYS, "confirmed")),
                            "substr(NEW.day, 1, 7) IS substr(OLD.day, 1, 7)"])
_MONTH_TRIGGERS = (
    f"""CREATE TEMP TRIGGER IF NOT EXISTS month_sum_on_insert AFTER INSERT ON main.day_sum
    BEGIN{_to_month([f"NEW.{c}" for c in SUM_COLUMNS], "NEW")}
    END""",
    # What the sets of an import and each breach's triggers do: a day's sums change.
    f"""CREATE TEMP TRIGGER IF NOT EXISTS month_sum_on_update AFTER UPDATE ON main.day_sum
    WHEN {_SAME_MONTH}
    BEGIN{_to_month([f"NEW.{c} - OLD.{c}" for c in SUM_COLUMNS], "NEW")}{
        _drop_empty_month("NEW", "NEW.breaches = 0")}
    END""",
    # A row moved to another key (no program of ours does it): out of one month, into another.
    f"""CREATE TEMP TRIGGER IF NOT EXISTS month_sum_on_rekey AFTER UPDATE ON main.day_sum
    WHEN NOT ({_SAME_MONTH})
    BEGIN{_to_month([f"-OLD.{c}" for c in SUM_COLUMNS], "OLD")}{
        _to_month([f"NEW.{c}" for c in SUM_COLUMNS], "NEW")}{_drop_empty_month("OLD", "1")}
    END""",
    f"""CREATE TEMP TRIGGER IF NOT EXISTS month_sum_on_delete AFTER DELETE ON main.day_sum
    BEGIN{_to_month([f"-OLD.{c}" for c in SUM_COLUMNS], "OLD")}{_drop_empty_month("OLD", "1")}
    END""",
)
_MONTH_TRIGGER_NAMES = ("month_sum_on_insert", "month_sum_on_update", "month_sum_on_rekey",
                        "month_sum_on_delete")  # those above, as they are named there

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


def months_of(days: str) -> str:
    """The rows of `month_sum` that the rows of day_sum in `days` (a table, or a query in
    brackets, with day_sum's column names) add up to."""
    return (f"SELECT {', '.join(_MONTH_KEYS)}, substr(day, 1, 7), confirmed,"
            f" {', '.join(f'sum({c})' for c in SUM_COLUMNS)} FROM {days}"
            " GROUP BY 1, 2, 3, 4, 5, 6")


def keep_day_sums(conn: sqlite3.Connection) -> None:
    """From now on, every breach that `conn` writes changes `day_sum` in the same
    statement, and every row of `day_sum` written changes its month in `month_sum`. Call
    once the file holds `day_sum` (schema 3); the months' triggers once it holds
    `month_sum` (schema 5)."""
    for trigger in _TRIGGERS:
        conn.execute(trigger)
    if holds_month_sums(conn):
        for trigger in _MONTH_TRIGGERS:
            conn.execute(trigger)


def pause_month_sums(conn: sqlite3.Connection) -> None:
    """Stop keeping `month_sum` from the rows of `day_sum` that `conn` writes, until
    keep_day_sums installs its triggers again: for a writer of many days in sets (db/bulk.py)
    that adds their months in sets too (add_month_sums), in the same transaction."""
    for name in _MONTH_TRIGGER_NAMES:
        conn.execute(f"DROP TRIGGER IF EXISTS temp.{name}")


def holds_month_sums(conn: sqlite3.Connection) -> bool:
    """Whether the file holds `month_sum` (schema 5)."""
    return conn.execute("SELECT 1 FROM main.sqlite_master WHERE type = 'table'"
                        " AND name = 'month_sum'").fetchone() is not None


def add_groupings(conn: sqlite3.Connection, table: str, period: str, source: str) -> None:
    """Add the rows of the table `source` (sums of new breaches by every dimension at once:
    governorate_id, actor_id, breach_type_id, `period`, confirmed and SUM_COLUMNS) to each
    grouping of `table` (day_sum by "day", month_sum by "month"), one upsert a grouping.
    Each row of `source` is added as it is, with the dimensions its grouping leaves out
    blanked: the upsert adds up those that meet on one row, as a GROUP BY would first,
    but without its sort of every row, by keys of three UUIDs (most of the time it took;
    a row met again is an update of a page just read)."""
    columns = _COLUMNS if period == "day" else _MONTH_COLUMNS
    add = ", ".join(f"{c} = {c} + excluded.{c}" for c in SUM_COLUMNS)
    for grouping in GROUPINGS:
        keys = ", ".join([str(grouping), *(
            column if grouping & bit else "''" for bit, column in DIMENSIONS.items()),
            period, "confirmed"])
        select = f"SELECT {keys}, {', '.join(SUM_COLUMNS)} FROM {source} WHERE true"
        # "WHERE true": an upsert's SELECT needs a WHERE or GROUP BY to be parsed.
        conn.execute(f"INSERT INTO {table} ({columns}) {select} ON CONFLICT DO UPDATE SET {add}")


def add_month_sums(conn: sqlite3.Connection, added: str) -> None:
    """Add to `month_sum`, in each of the eight groupings, the sums of the table `added`
    (rows of new breaches summed by every dimension at once, by day, as add_groupings
    takes them) that were added to `day_sum` while its months' triggers were paused
    (pause_month_sums). A few statements instead of a trigger for each row of `day_sum`
    written."""
    every = ", ".join(DIMENSIONS.values())
    # Their months first (a few times fewer rows than their days), then each grouping.
    conn.execute("DROP TABLE IF EXISTS temp.added_month")
    conn.execute(f"CREATE TEMP TABLE added_month AS SELECT {every}, substr(day, 1, 7) AS month,"
                 f" confirmed, {', '.join(f'sum({c}) AS {c}' for c in SUM_COLUMNS)}"
                 f" FROM {added} GROUP BY {every}, month, confirmed")
    try:
        add_groupings(conn, "month_sum", "month", "temp.added_month")
    finally:
        conn.execute("DROP TABLE temp.added_month")


def fill_day_sums(conn: sqlite3.Connection) -> None:
    """Write the sums of every breach the file holds (migration 3)."""
    conn.execute("DELETE FROM day_sum")
    conn.execute(f"INSERT INTO day_sum ({_COLUMNS}) {RECOUNT}")


def fill_month_sums(conn: sqlite3.Connection) -> None:
    """Write the sums of every month from those of its days (migration 5)."""
    conn.execute("DELETE FROM month_sum")
    conn.execute(f"INSERT INTO month_sum ({_MONTH_COLUMNS}) {months_of('main.day_sum')}")


def differences(conn: sqlite3.Connection, limit: int = 5) -> list[tuple]:
    """Up to `limit` rows where `day_sum` differs from a recount of the breaches (kept
    rows not recounted, then recounted rows not kept), then rows where `month_sum` (when
    the file holds it) differs from the months of that recount; [] when the sums are
    right."""
    columns = f"SELECT {_COLUMNS} FROM day_sum"
    kept_only = conn.execute(f"{columns} EXCEPT {RECOUNT} LIMIT ?", (limit,)).fetchall()
    counted_only = conn.execute(f"{RECOUNT} EXCEPT {columns} LIMIT ?", (limit,)).fetchall()
    found = kept_only + counted_only
    if holds_month_sums(conn):
        months = f"SELECT {_MONTH_COLUMNS} FROM main.month_sum"
        recount = f"WITH recount ({_COLUMNS}) AS ({RECOUNT})"
        for one, other in ((months, months_of("recount")), (months_of("recount"), months)):
            found += conn.execute(f"{recount} {one} EXCEPT {other} LIMIT ?",
                                  (limit,)).fetchall()
    return found[:limit]


def readable_day_sums(conn: sqlite3.Connection) -> None:
    """Let totals read `day_sum` on a connection that cannot write to a file of an older
    schema: a temporary view recounts the breaches as it is read (slower, and only on
    this connection)."""
    tables = {name for (name,) in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table'"
        " AND name IN ('day_sum', 'month_sum')")}
    if "day_sum" not in tables:
        conn.execute(f"CREATE TEMP VIEW IF NOT EXISTS day_sum ({_COLUMNS}) AS {RECOUNT}")
    if "month_sum" not in tables:
        conn.execute(f"CREATE TEMP VIEW IF NOT EXISTS month_sum ({_MONTH_COLUMNS}) AS"
                     f" {months_of('day_sum')}")
