"""Reading breaches back a page at a time, sorted and filtered in SQL."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .fold import fold
from .records import BreachRow, as_date
from .store import Ledger

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

    def where(self) -> tuple[str, list]:
        """The SQL condition on `b` (the breach table) and its parameters."""
        clauses = ["b.deleted_at IS NOT NULL" if self.deleted else "b.deleted_at IS NULL"]
        params: list = []
        for value, clause in ((self.date_from, "b.occurred_on >= ?"),
                              (self.date_to, "b.occurred_on <= ?")):
            day = as_date(value)
            if day is not None:
                clauses.append(clause)
                params.append(day.isoformat())
        for value, column in ((self.governorate_id, "b.governorate_id"),
                              (self.actor_id, "b.actor_id"),
                              (self.breach_type_id, "b.breach_type_id"),
                              (self.status, "b.status")):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        text = fold(self.text)
        if text:
            # Folded on both sides (db/fold.py): اعزاز finds إعزاز, مدرسه finds مدرسة. One
            # pass over the folded texts makes the set the list then reads by its index.
            clauses.append("b.id IN (SELECT breach_id FROM breach_key"
                           " WHERE instr(text_key, ?) > 0)")
            params.append(text)
        return " AND ".join(clauses), params


@dataclass
class BreachCount:
    """How many breaches a filter matches, and how many people they killed (at least)."""

    breaches: int
    killed: int


def list_breaches(ledger: Ledger, where: BreachFilter | None = None, *,
                  sort: str = "occurred_on", descending: bool = True,
                  limit: int = 200, offset: int = 0,
                  after: str | None = None) -> list[BreachRow]:
    """One page of breaches matching `where`, newest first unless `sort` says otherwise:
    the `limit` rows after the breach whose key is `after` (keyset: read from the index
    where that breach stands, however deep), else after the first `offset` rows.

    Ties are broken by date and time, then the moment entered, then by key, all in the
    sort's direction, so that pages never overlap and every row has one place.
    """
    sql, params = breach_list_query(where, sort, descending, after=after)
    return [BreachRow(*row) for row in ledger.conn.execute(sql, params + [limit, offset])]


def breach_position(ledger: Ledger, breach_id: str, where: BreachFilter | None = None, *,
                    sort: str = "occurred_on", descending: bool = True) -> int | None:
    """Where the breach `breach_id` stands in the list `where` and `sort` make (0 is
    first), or None when the list does not hold it."""
    condition, params = (where or BreachFilter()).where()
    held = ledger.conn.execute(
        f"SELECT 1 FROM breach b WHERE b.id = ? AND {condition}", [breach_id, *params]
    ).fetchone()
    if held is None:
        return None
    key = ", ".join(_sort_key(sort))
    # The breach's own key is read once; the rows before it are counted from the index.
    (position,) = ledger.conn.execute(
        f"SELECT count(*) FROM breach b {_JOINS} WHERE {condition}"
        f" AND ({key}) {'>' if descending else '<'} ({_key_of(key)})",
        [*params, breach_id]).fetchone()
    return position


# The joins a sort by name needs; SQLite leaves out those a query does not use.
_JOINS = """JOIN gazetteer g ON g.id = b.governorate_id
JOIN actor a ON a.id = b.actor_id
JOIN breach_type t ON t.id = b.breach_type_id"""

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


def _key_of(key: str) -> str:
    """A subquery giving the sort key of the breach whose id is its parameter."""
    return f"SELECT {key} FROM breach b {_JOINS} WHERE b.id = ?"


def breach_list_query(where: BreachFilter | None = None, sort: str = "occurred_on",
                      descending: bool = True, *, after: str | None = None
                      ) -> tuple[str, list]:
    """The SQL of `list_breaches` (ending in LIMIT ? OFFSET ?) and its parameters."""
    condition, params = (where or BreachFilter()).where()
    columns = _sort_key(sort)
    direction = "DESC" if descending else "ASC"
    if after is not None:
        key = ", ".join(columns)
        condition += f" AND ({key}) {'<' if descending else '>'} ({_key_of(key)})"
        params = [*params, after]
    order = ", ".join(f"{column} {direction}" for column in columns)
    return f"{_SELECT} WHERE {condition} ORDER BY {order} LIMIT ? OFFSET ?", params


def has_any_breach(ledger: Ledger) -> bool:
    """Whether the file holds any breach at all, live or in the Trash (first start)."""
    return ledger.conn.execute("SELECT EXISTS (SELECT 1 FROM breach)").fetchone()[0] == 1


def count_breaches(ledger: Ledger, where: BreachFilter | None = None) -> BreachCount:
    """The number of breaches `where` matches, and the sum of their "at least" killed.

    Discounted breaches are counted among those shown but kept out of the killed sum,
    as they are out of every total.
    """
    condition, params = (where or BreachFilter()).where()
    breaches, killed = ledger.conn.execute(
        "SELECT count(*), coalesce(sum(CASE WHEN b.status != 'discounted' THEN b.killed END), 0)"
        f" FROM breach b WHERE {condition}", params).fetchone()
    return BreachCount(breaches, killed)
