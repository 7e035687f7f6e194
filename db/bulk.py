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

The triggers for changes and deletions of the sums stay: a breach that a merge or an
import changes is still recounted the usual way (subtracted as it was, added as it is).
Its search form is not made again one breach at a time, though: each change of a text
would rewrite the breach's entries in the FTS5 index by itself (a quarter of a millisecond
a breach, twenty times an insert's share); a trigger notes its key instead, and the
breaches noted are folded again in one statement on leaving (`_refold`).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from .cipher import sqlite3
from .day_sums import (SUM_COLUMNS, _counted, _row_values, add_groupings,
                       add_month_sums, holds_month_sums, keep_day_sums, pause_month_sums)
from .fold import keep_folded
from .place_uses import add_place_uses, keep_place_uses

_PAUSED = ("breach_key_on_insert", "breach_key_on_update", "day_sum_on_insert",
           "place_use_on_insert")
# In place of breach_key_on_update (db/fold.py), inside adding_in_sets: the breaches whose
# texts (or key) change, noted to be folded again in one statement.
_NOTED = "texts_changed"
_NOTE = f"""CREATE TEMP TRIGGER {_NOTED}_note AFTER UPDATE OF id, place, district, description
    ON main.breach BEGIN
        INSERT OR IGNORE INTO {_NOTED} (id) VALUES (NEW.id);
        INSERT OR IGNORE INTO {_NOTED} (id) SELECT OLD.id WHERE OLD.id IS NOT NEW.id;
    END"""


@contextmanager
def adding_in_sets(conn: sqlite3.Connection) -> Iterator[None]:
    """Within: breaches that `conn` inserts are neither folded nor counted one by one. On
    leaving without an error, every breach inserted inside gets its `breach_key` row (and
    so its place in the search index) and is added to `day_sum`, in the caller's
    transaction. On an error nothing is added: the caller rolls its transaction back.

    The breaches inserted inside are those with a rowid above the largest before it, so
    no breach may be deleted (DELETE, not the Trash) inside. Changes and deletions are
    counted by their triggers as usual; the search form of a breach whose texts change
    inside is made again on leaving (a search inside finds it by its texts as they were)."""
    if not conn.in_transaction:
        raise RuntimeError("adding_in_sets needs the caller's transaction")
    (before,) = conn.execute("SELECT coalesce(max(rowid), 0) FROM main.breach").fetchone()
    for name in _PAUSED:
        conn.execute(f"DROP TRIGGER IF EXISTS temp.{name}")
    try:
        conn.execute(f"CREATE TEMP TABLE {_NOTED} (id TEXT PRIMARY KEY) WITHOUT ROWID")
        conn.execute(_NOTE)
        yield
        _fold(conn, before)
        _refold(conn)
        _count(conn, before)
        add_place_uses(conn, before)
    finally:
        conn.execute(f"DROP TRIGGER IF EXISTS temp.{_NOTED}_note")
        conn.execute(f"DROP TABLE IF EXISTS temp.{_NOTED}")
        keep_folded(conn)
        keep_day_sums(conn)
        keep_place_uses(conn)


def _fold(conn: sqlite3.Connection, before: int) -> None:
    conn.execute(
        "INSERT INTO breach_key (breach_id, place_key, text_key)"
        " SELECT id, ledger_fold(place), ledger_search_text(place, district, description)"
        " FROM main.breach WHERE rowid > ? ORDER BY rowid", (before,))


def _refold(conn: sqlite3.Connection) -> None:
    """The search forms of the breaches whose texts (or key) changed inside, made again as
    breach_key_on_update makes them, a statement for all: the form of a key no breach has
    any more goes, each one left is written again, and one a breach lacks (its key
    changed) is added. After _fold, which adds those of the breaches inserted."""
    noted = f"SELECT id FROM temp.{_NOTED}"
    conn.execute(f"DELETE FROM breach_key WHERE breach_id IN ({noted}) AND NOT EXISTS"
                 " (SELECT 1 FROM main.breach AS b WHERE b.id = breach_key.breach_id)")
    conn.execute(
        "UPDATE breach_key SET place_key = ledger_fold(b.place),"
        " text_key = ledger_search_text(b.place, b.district, b.description)"
        f" FROM main.breach AS b WHERE b.id = breach_key.breach_id AND b.id IN ({noted})")
    conn.execute(
        "INSERT INTO breach_key (breach_id, place_key, text_key)"
        " SELECT b.id, ledger_fold(b.place), ledger_search_text(b.place, b.district,"
        f" b.description) FROM main.breach AS b WHERE b.id IN ({noted}) AND NOT EXISTS"
        " (SELECT 1 FROM breach_key AS k WHERE k.breach_id = b.id)")


def _count(conn: sqlite3.Connection, before: int) -> None:
    """The new breaches added to `day_sum` (and to `month_sum`, when the file holds it): one
    read of them, summed by all three dimensions at once; each grouping's rows summed from
    those, one upsert a grouping, in the table's key order. The months are summed from the
    same rows (a few thousand) and added in sets too: the triggers that move a month with
    each row of `day_sum` written (db/day_sums.py) are paused here, as they would run once
    for each of the eight rows of every new breach's day; adding_in_sets puts them back."""
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
        # The months' triggers on day_sum would run once for each of the eight rows of
        # every new breach's day; paused, the months are added in sets from the same rows.
        months = holds_month_sums(conn)
        if months:
            pause_month_sums(conn)
        add_groupings(conn, "day_sum", "day", "temp.added_sum")
        if months:
            add_month_sums(conn, "temp.added_sum")
    finally:
        conn.execute("DROP TABLE temp.added_sum")
