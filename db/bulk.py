"""Many new breaches written at once (an import, a merge), their search forms and day
sums added in sets instead of one breach at a time.

Every connection the program writes with folds each breach it inserts (db/fold.py) and
adds it to its day's sums (db/day_sums.py) by temporary triggers. For one breach that is
nothing; for 100,000 it is most of an import's time (eight upserts of `day_sum` and an
FTS5 insert per breach), and a trigger also keeps SQLite from copying rows straight from
an attached file. `adding_in_sets` pauses those INSERT triggers (and the count of places,
db/place_uses.py) on the connection for
the breaches written inside it, then folds and counts the new ones in a few statements,
in the same transaction: nothing is committed between the breaches and their sums, so a
failure or a cancel rolls both back.

The triggers for changes and deletions stay: a breach that a merge or an import changes
is still recounted the usual way (subtracted as it was, added as it is).
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Iterator

from .day_sums import DIMENSIONS, SUM_COLUMNS, _COLUMNS, _counted, _row_values, keep_day_sums
from .fold import keep_folded
from .place_uses import add_place_uses, keep_place_uses

_PAUSED = ("breach_key_on_insert", "day_sum_on_insert", "place_use_on_insert")
_ADD = ", ".join(f"{c} = {c} + excluded.{c}" for c in SUM_COLUMNS)


@contextmanager
def adding_in_sets(conn: sqlite3.Connection) -> Iterator[None]:
    """Within: breaches that `conn` inserts are neither folded nor counted one by one. On
    leaving without an error, every breach inserted inside gets its `breach_key` row (and
    so its place in the search index) and is added to `day_sum`, in the caller's
    transaction. On an error nothing is added: the caller rolls its transaction back.

    The breaches inserted inside are those with a rowid above the largest before it, so
    no breach may be deleted (DELETE, not the Trash) inside. Changes and deletions are
    kept by their triggers as usual."""
    if not conn.in_transaction:
        raise RuntimeError("adding_in_sets needs the caller's transaction")
    (before,) = conn.execute("SELECT coalesce(max(rowid), 0) FROM main.breach").fetchone()
    for name in _PAUSED:
        conn.execute(f"DROP TRIGGER IF EXISTS temp.{name}")
    try:
        yield
        _fold(conn, before)
        _count(conn, before)
        add_place_uses(conn, before)
    finally:
        keep_folded(conn)
        keep_day_sums(conn)
        keep_place_uses(conn)


def _fold(conn: sqlite3.Connection, before: int) -> None:
    conn.execute(
        "INSERT INTO breach_key (breach_id, place_key, text_key)"
        " SELECT id, ledger_fold(place), ledger_search_text(place, district, description)"
        " FROM main.breach WHERE rowid > ? ORDER BY rowid", (before,))


def _count(conn: sqlite3.Connection, before: int) -> None:
    # The new breaches summed by all three dimensions at once, then each grouping summed
    # from those rows: the breaches are read once.
    conn.execute("DROP TABLE IF EXISTS temp.added_sum")
    conn.execute(f"""
        CREATE TEMP TABLE added_sum AS
        SELECT b.governorate_id, b.actor_id, b.breach_type_id, b.occurred_on AS day,
               b.status = 'confirmed' AS confirmed, {", ".join(
                   f"sum({value}) AS {name}"
                   for value, name in zip(_row_values("b", ""), SUM_COLUMNS))}
        FROM main.breach b WHERE b.rowid > ? AND {_counted("b")}
        GROUP BY 1, 2, 3, 4, 5""", (before,))
    try:
        for grouping in range(8):
            keys = ", ".join([str(grouping), *(
                column if grouping & bit else "''" for bit, column in DIMENSIONS.items()),
                "day", "confirmed"])
            sums = ", ".join(f"sum({name})" for name in SUM_COLUMNS)
            # "WHERE true": an upsert's SELECT needs a WHERE or GROUP BY to be parsed.
            conn.execute(f"""
                INSERT INTO day_sum ({_COLUMNS})
                SELECT {keys}, {sums} FROM temp.added_sum WHERE true GROUP BY 1, 2, 3, 4, 5, 6
                ON CONFLICT DO UPDATE SET {_ADD}""")
    finally:
        conn.execute("DROP TABLE temp.added_sum")
