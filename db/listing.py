"""Reading breaches back a page at a time, sorted and filtered in SQL."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from .cipher import sqlite3
from .errors import LedgerError
from .fold import fold
from .records import BreachRow, as_date
from .rules import MAX_COUNT
from .store import Ledger

# The rows of a page of the window's list.
PAGE_ROWS = 200

# The columns a list can be sorted by, and the SQL that sorts them.
SORT_COLUMNS = {
    "occurred_on": "b.occurred_on",
    "governorate": "g.name",
    "district": "b.district",
    "place": "b.place",
    "actor": "a.name",
    "breach_type": "t.name",
    # The names an Arabic window shows (the English one where an entry has none).
    "governorate_ar": "governorate_ar",
    "actor_ar": "actor_ar",
    "breach_type_ar": "breach_type_ar",
    "killed": "b.killed",
    "women": "b.women",
    "children": "b.children",
    "injured": "b.injured",
    "status": "b.status",
    "source_count": "source_count",
    "created_at": "b.created_at",
    "updated_at": "b.updated_at",
    "deleted_at": "b.deleted_at",
    "description": "b.description",
}

_SELECT = """
SELECT b.id, b.occurred_on, b.occurred_at, g.name, b.district, b.place, a.name, t.name,
       b.killed, b.killed_max, b.women, b.women_max, b.children, b.children_max,
       b.injured, b.injured_max, b.status,
       (SELECT count(*) FROM citation c WHERE c.breach_id = b.id AND c.deleted_at IS NULL)
           AS source_count,
       substr(b.description, 1, 300), b.updated_at, b.deleted_at,
       coalesce(nullif(g.name_ar, ''), g.name) AS governorate_ar,
       coalesce(nullif(a.name_ar, ''), a.name) AS actor_ar,
       coalesce(nullif(t.name_ar, ''), t.name) AS breach_type_ar
FROM breach b
JOIN gazetteer g ON g.id = b.governorate_id
JOIN actor a ON a.id = b.actor_id
JOIN breach_type t ON t.id = b.breach_type_id
"""


@dataclass
class BreachFilter:
    """What a list of breaches shows. Empty fields do not filter."""

    date_from: date | str | None = None
    date_to: date | str | None = None
    governorate_id: str | None = None
    actor_id: str | None = None
    breach_type_id: str | None = None
    status: str | None = None
    text: str = ""  # found in the place, district or description, spelling folded
    deleted: bool = False  # True: the Trash instead of the live breaches

    def where(self, conn: sqlite3.Connection | None = None, *,
              page_rows: int | None = None) -> tuple[str, list]:
        """The SQL condition on `b` (the breach table) and its parameters.

        With `conn`, the text is looked up in the file's trigram index, or walking the
        date index, whichever reads less (text_condition); `page_rows` says that the
        condition serves a page of that many rows read in the list's date order, else
        every breach it matches is read (a count, another sort, the Trash). Without
        `conn`, every folded text is read."""
        clauses = ["b.deleted_at IS NOT NULL" if self.deleted else "b.deleted_at IS NULL"]
        params: list = []
        for value, clause in ((self.date_from, "b.occurred_on >= ?"),
                              (self.date_to, "b.occurred_on <= ?")):
            day = as_date(value)
            if day is not None:
                clauses.append(clause)
                params.append(day.isoformat())
        # A grading is one of four: within dates, SQLite would still read the breaches of
        # that grading by their index (breach_live_counts), every one of the file's; "+"
        # leaves the dates' index to serve (a week at a million breaches: 0.75 s -> 35 ms).
        status = "+b.status" if len(clauses) > 1 else "b.status"
        for value, column in ((self.governorate_id, "b.governorate_id"),
                              (self.actor_id, "b.actor_id"),
                              (self.breach_type_id, "b.breach_type_id"),
                              (self.status, status)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        text = fold(self.text)
        if text:
            clause, found = text_condition(conn, text, None if self.deleted else page_rows)
            clauses.append(clause)
            params += found
        return " AND ".join(clauses), params


# A search is folded on both sides (db/fold.py): اعزاز finds إعزاز, مدرسه finds مدرسة, and
# a breach is found when its folded texts hold the folded search (instr: a substring).
#
# Three ways to find those breaches, one chosen per search (text_condition):
# - by the index: the trigram index `breach_text` names the few breaches (their `n`) that
#   may hold the text, each checked with instr; the list reads them by rowid and sorts
#   them. The cost grows with the breaches found, not with the file.
# - the date index with the found set: a page in date order walks the index
#   breach_live_by_date, newest first, and keeps the rows in the set found by the index
#   (made once, in memory). It stops at the page's end: cheap when many breaches match.
# - the date index alone: when a search matches so many breaches that making their set
#   would cost more than walking, each row walked is checked with instr.
# The index is asked first how many breaches it finds, up to a limit (a probe, a few ms):
# a page of `page_rows` walks about page_rows × file / found rows, while the index reads
# `found`; the walk is the cheaper above about sqrt(page_rows × file) found.
#
# By rowid: a set of numbers, which every index of the breaches holds, so that another
# condition read from an index (a governorate's) tests it without reading the row.
_BY_INDEX = ("b.rowid IN (SELECT m.rowid FROM breach_text CROSS JOIN breach_key k"
             " ON k.n = breach_text.rowid CROSS JOIN breach m ON m.id = k.breach_id"
             " WHERE breach_text MATCH ? AND instr(k.text_key, ?) > 0)")
# By key, which the date index holds; +: not a key to look up, the walk's test.
_WALKED_WITH_SET = ("+b.id IN (SELECT k.breach_id FROM breach_key k WHERE k.n IN"
                    " (SELECT rowid FROM breach_text WHERE breach_text MATCH ?)"
                    " AND instr(k.text_key, ?) > 0)")
_WALKED = ("EXISTS (SELECT 1 FROM breach_key k WHERE k.breach_id = b.id"
           " AND instr(k.text_key, ?) > 0)")
_SCANNED = "b.id IN (SELECT breach_id FROM breach_key WHERE instr(text_key, ?) > 0)"
# The found set is made when it holds up to SET_SHARE × sqrt(page_rows × file) breaches;
# below BY_INDEX_SHARE × that, the breaches found are read and sorted: at 1,000,000
# breaches and pages of 200, up to 4,700 and 17,000 (bench/bench_search.py).
BY_INDEX_SHARE, SET_SHARE = 1 / 3, 1.2


def text_condition(conn: sqlite3.Connection | None, text: str,
                   page_rows: int | None) -> tuple[str, list]:
    """The condition on `b` for the folded search `text`, and its parameters: by the
    index, or walking the date index for a page of `page_rows` in date order, as the
    comment above says; a text shorter than three characters (it holds no trigram)
    walks the date index alone, or, for a count, is looked for in every folded text.
    Without `conn`, or on a file without the index (an older schema opened read-only),
    one pass over every folded text makes the set the list then reads."""
    if conn is None or not _has_text_index(conn):
        return _SCANNED, [text]
    if len(text) < 3:  # most breaches hold one or two letters: walk, or count them all
        return (_WALKED if page_rows else _SCANNED), [text]
    match = fts_query(text)
    if not page_rows:
        return _BY_INDEX, [match, text]
    (breaches,) = conn.execute("SELECT coalesce(max(n), 0) FROM breach_key").fetchone()
    balance = math.sqrt(page_rows * max(breaches, 1))
    (found,) = conn.execute(
        "SELECT count(*) FROM (SELECT rowid FROM breach_text WHERE breach_text MATCH ?"
        " LIMIT ?)", (match, int(balance * SET_SHARE) + 1)).fetchone()
    if found <= balance * BY_INDEX_SHARE:
        return _BY_INDEX, [match, text]
    if found <= balance * SET_SHARE:
        return _WALKED_WITH_SET, [match, text]
    return _WALKED, [text]


def fts_query(text: str) -> str:
    """The query of the trigram index for the folded `text` (three characters or more):
    up to three of its trigrams, from its start, middle and end, each quoted as a string
    ("" for a quote), so that no character of it is an operator of FTS5 (*, ^, :, -,
    parentheses, NEAR, AND, OR). Every breach holding `text` holds them: the index finds
    those and a few more, which instr then leaves out. Three trigrams cost a fraction of
    the phrase's every trigram and leave few more to check."""
    last = len(text) - 3
    starts = sorted({0, last // 2, last})
    return " AND ".join('"' + text[i:i + 3].replace('"', '""') + '"' for i in starts)


def _has_text_index(conn: sqlite3.Connection) -> bool:
    """Whether the file holds the trigram index (schema 3 on)."""
    return conn.execute("SELECT 1 FROM main.sqlite_master WHERE type = 'table'"
                        " AND name = 'breach_text'").fetchone() is not None


@dataclass
class BreachCount:
    """How many breaches a filter matches, and how many people they killed (at least)."""

    breaches: int
    killed: int


def list_breaches(ledger: Ledger, where: BreachFilter | None = None, *,
                  sort: str = "occurred_on", descending: bool = True,
                  limit: int = PAGE_ROWS, offset: int = 0,
                  after: str | None = None) -> list[BreachRow]:
    """One page of breaches matching `where`, newest first unless `sort` says otherwise:
    the `limit` rows after the breach whose key is `after` (keyset: read from the index
    where that breach stands, however deep), else after the first `offset` rows.

    Ties are broken by date and time, then the moment entered, then by key, all in the
    sort's direction, so that pages never overlap and every row has one place.
    """
    sql, params = breach_list_query(where, sort, descending, after=after, conn=ledger.conn,
                                    rows=limit + offset)
    return [BreachRow(*row) for row in ledger.conn.execute(sql, params + [limit, offset])]


def breach_position(ledger: Ledger, breach_id: str, where: BreachFilter | None = None, *,
                    sort: str = "occurred_on", descending: bool = True,
                    after: str | None = None, within: int | None = None) -> int | None:
    """Where the breach `breach_id` stands in the list `where` and `sort` make (0 is
    first), or None when the list does not hold it. With `after` (a breach of the list),
    how many rows stand between that one and it, or None also when it is not after it or
    more than `within` rows are: a count that reads at most `within` rows of the index,
    however long the list."""
    condition, params = (where or BreachFilter()).where(
        ledger.conn, page_rows=_page_rows(sort, PAGE_ROWS))
    held = ledger.conn.execute(
        f"SELECT 1 FROM breach b WHERE b.id = ? AND {condition}", [breach_id, *params]
    ).fetchone()
    if held is None:
        return None
    key = ", ".join(_sort_key(sort))
    later, earlier = (">", "<") if descending else ("<", ">")
    # The keys are read once; the rows between them are counted from the index, joined to
    # the lists only when sorted by their names (SQLite keeps every inner join).
    rows = (f"SELECT 1 FROM breach b {_JOINS if sort in _BY_NAME else ''} WHERE {condition}"
            f" AND ({key}) {later} ({_key_of(key)})")
    bounds = [*params, breach_id]
    if after is not None:
        rows += f" AND ({key}) {earlier} ({_key_of(key)})"
        bounds.append(after)
    if within is not None:
        rows += f" LIMIT {int(within) + 1}"
    (position,) = ledger.conn.execute(f"SELECT count(*) FROM ({rows})", bounds).fetchone()
    if within is not None and position > within:
        return None
    if after is not None and position == 0 and ledger.conn.execute(
            f"SELECT ({key}) {later} ({_key_of(key)}) FROM breach b"
            f" {_JOINS if sort in _BY_NAME else ''} WHERE b.id = ?",
            [breach_id, after]).fetchone() != (1,):
        return None  # not after it at all
    return position


# The joins a sort by name needs; SQLite leaves out those a query does not use.
_JOINS = """JOIN gazetteer g ON g.id = b.governorate_id
JOIN actor a ON a.id = b.actor_id
JOIN breach_type t ON t.id = b.breach_type_id"""

# The sorts by the name of a list's entry.
_BY_NAME = {"governorate", "actor", "breach_type", "governorate_ar", "actor_ar",
            "breach_type_ar"}

# The list's order after its sort column: the same as the index breach_live_by_date.
_TIES = ("b.occurred_on", "coalesce(b.occurred_at, '')", "b.created_at", "b.id")
_ALIASES = {
    "governorate_ar": "coalesce(nullif(g.name_ar, ''), g.name)",
    "actor_ar": "coalesce(nullif(a.name_ar, ''), a.name)",
    "breach_type_ar": "coalesce(nullif(t.name_ar, ''), t.name)",
    "source_count": "(SELECT count(*) FROM citation c WHERE c.breach_id = b.id"
                    " AND c.deleted_at IS NULL)",
}


def _sort_key(sort: str) -> tuple[str, ...]:
    """The columns, as SQL, that a list sorted by `sort` is ordered by."""
    if sort not in SORT_COLUMNS:
        raise ValueError(f"cannot sort breaches by {sort!r}")
    if sort == "occurred_on":
        return _TIES
    return (_ALIASES.get(sort, SORT_COLUMNS[sort]), *_TIES)


def _page_rows(sort: str, rows: int) -> int | None:
    """The rows a page reads in the order of the date index, or None when it must read
    every row it matches to sort them (another column than the date)."""
    return rows if sort == "occurred_on" else None


def _key_of(key: str) -> str:
    """A subquery giving the sort key of the breach whose id is its parameter."""
    return f"SELECT {key} FROM breach b {_JOINS} WHERE b.id = ?"


def breach_list_query(where: BreachFilter | None = None, sort: str = "occurred_on",
                      descending: bool = True, *, after: str | None = None,
                      conn: sqlite3.Connection | None = None, rows: int = PAGE_ROWS
                      ) -> tuple[str, list]:
    """The SQL of `list_breaches` (its last parameters LIMIT ? OFFSET ?) and the
    parameters before them; with
    `conn`, a search reads the file's text index (BreachFilter.where) for a page that
    reads up to `rows` rows."""
    condition, params = (where or BreachFilter()).where(
        conn, page_rows=_page_rows(sort, rows))
    columns = _sort_key(sort)
    direction = "DESC" if descending else "ASC"
    if after is not None:
        key = ", ".join(columns)
        condition += f" AND ({key}) {'<' if descending else '>'} ({_key_of(key)})"
        params = [*params, after]
    order = ", ".join(f"{column} {direction}" for column in columns)
    # The page's rows are chosen by their sort key alone, then read whole: the columns
    # shown (the sources counted) are read for the page, not for every row sorted.
    joins = _JOINS if sort in _BY_NAME else ""
    return (f"{_SELECT} WHERE b.rowid IN (SELECT b.rowid FROM breach b {joins}"
            f" WHERE {condition} ORDER BY {order} LIMIT ? OFFSET ?) ORDER BY {order}",
            params)


def has_any_breach(ledger: Ledger) -> bool:
    """Whether the file holds any breach at all, live or in the Trash (first start)."""
    return ledger.conn.execute("SELECT EXISTS (SELECT 1 FROM breach)").fetchone()[0] == 1


def count_breaches(ledger: Ledger, where: BreachFilter | None = None) -> BreachCount:
    """The number of breaches `where` matches, and the sum of their "at least" killed.

    Discounted breaches are counted among those shown but kept out of the killed sum,
    as they are out of every total.
    """
    condition, params = (where or BreachFilter()).where(ledger.conn)
    breaches, killed = ledger.conn.execute(
        "SELECT count(*), coalesce(sum(CASE WHEN b.status != 'discounted' THEN b.killed END), 0)"
        f" FROM breach b WHERE {condition}", params).fetchone()
    return BreachCount(breaches, killed)


def count_shown(ledger: Ledger, where: BreachFilter | None = None
                ) -> tuple[BreachCount, LedgerError | None]:
    """count_breaches for the window, which must neither fail nor show a wrong sum on a
    file holding a count out of range. Discounted breaches are counted among those shown
    and kept out of the killed sum, as they are out of every total.

    When a breach counted holds a killed count outside 0..MAX_COUNT (the editor and the
    import refuse one; an older version let it in), the killed sum is None, since it would
    be a wrong figure or overflow, and the error (not raised) says why.

    The whole list (no filter) is counted from the kept day sums and the index of
    breaches by grading, without reading every breach (a second at a million)."""
    where = where or BreachFilter()
    if where == BreachFilter():
        kept = _count_kept(ledger.conn)
        if kept is not None:
            return kept, None
    condition, params = where.where()
    summed = "b.status != 'discounted'"
    outside = f"{summed} AND (typeof(b.killed) != 'integer' OR b.killed NOT BETWEEN 0 AND ?)"
    breaches, killed, wrong, first_day, largest = ledger.conn.execute(
        f"SELECT count(*), coalesce(sum(CASE WHEN {summed} AND NOT ({outside}) THEN b.killed"
        f" END), 0), count(CASE WHEN {outside} THEN 1 END),"
        f" min(CASE WHEN {outside} THEN b.occurred_on END),"
        f" max(CASE WHEN {outside} THEN b.killed END) FROM breach b WHERE {condition}",
        [MAX_COUNT] * 4 + params).fetchone()
    if not wrong:
        return BreachCount(breaches, killed), None
    return BreachCount(breaches, None), LedgerError(
        "count_out_of_range", count=wrong, day=first_day, value=largest, limit=MAX_COUNT)


def _count_kept(conn: sqlite3.Connection) -> BreachCount | None:
    """The breaches outside the Trash and the killed they count, from `day_sum` (which
    leaves discounted breaches out: they are counted from the index by grading); None for
    a file that keeps no sums (an older schema opened read-only), or whose sums meet a
    count out of range (count_shown then finds it)."""
    if conn.execute("SELECT 1 FROM main.sqlite_master WHERE type = 'table'"
                    " AND name = 'day_sum'").fetchone() is None:
        return None
    counted, killed, over_limit = conn.execute(
        "SELECT coalesce(sum(breaches), 0), coalesce(sum(killed), 0),"
        " coalesce(sum(over_limit), 0) FROM day_sum WHERE grouping = 0").fetchone()
    if over_limit:
        return None
    (discounted,) = conn.execute(
        "SELECT count(*) FROM breach WHERE deleted_at IS NULL AND status = 'discounted'"
    ).fetchone()
    return BreachCount(counted + discounted, killed)
