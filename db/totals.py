"""Weekly totals: breaches and casualties per week since a truce went into force, or per
calendar week; and the same counts broken down by governorate, actor or type.

Counts are the sums of the "at least" figures, beside the sums of the "up to" figures
(a missing "up to" counts as its "at least"). Discounted and deleted breaches are never
counted. Weeks with no breaches are there, with zeros.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from .errors import LedgerError
from .records import Truce, as_date
from .rules import MAX_COUNT
from .store import Ledger

WEEK_STARTS = {"sunday": 0, "monday": 1, "saturday": 6}  # SQLite's %w numbering
GROUPINGS = {  # the English name, the Arabic name, the join
    "governorate": ("g.name", "g.name_ar", "JOIN gazetteer g ON g.id = b.governorate_id"),
    "actor": ("a.name", "a.name_ar", "JOIN actor a ON a.id = b.actor_id"),
    "type": ("t.name", "t.name_ar", "JOIN breach_type t ON t.id = b.breach_type_id"),
}
COUNT_NAMES = ("breaches", "killed", "women", "children", "injured",
               "killed_max", "women_max", "children_max", "injured_max")
# The largest counts of a breach. The schema's checks make every other count at most one
# of these (women and children killed at most killed, "at least" at most "up to") and none
# below 0, so these two bound them all.
_LARGEST = ("coalesce(b.killed_max, b.killed)", "coalesce(b.injured_max, b.injured)")
# The sums of a group of breaches, then the largest counts among them: a count above
# MAX_COUNT (left by an older version) stops the totals with a clear message rather than
# publish a wrong figure (or overflow SQLite's sum() past 2**63). Two aggregate max()
# cost next to nothing beside the sums.
_SUMS = f"""count(*), coalesce(sum(b.killed), 0), coalesce(sum(b.women), 0),
    coalesce(sum(b.children), 0), coalesce(sum(b.injured), 0),
    coalesce(sum(coalesce(b.killed_max, b.killed)), 0),
    coalesce(sum(coalesce(b.women_max, b.women)), 0),
    coalesce(sum(coalesce(b.children_max, b.children)), 0),
    coalesce(sum(coalesce(b.injured_max, b.injured)), 0),
    max({_LARGEST[0]}), max({_LARGEST[1]})"""


@dataclass
class Counts:
    """Breaches and casualties: sums of "at least", and of "up to"."""

    breaches: int = 0
    killed: int = 0
    women: int = 0
    children: int = 0
    injured: int = 0
    killed_max: int = 0
    women_max: int = 0
    children_max: int = 0
    injured_max: int = 0

    def add(self, other: "Counts") -> None:
        for name in COUNT_NAMES:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Week(Counts):
    """One week: its number since the truce (or None for a calendar week), first and last day."""

    number: int | None = None
    first: date = field(default_factory=date.today)
    last: date = field(default_factory=date.today)
    # The week's own first day; `first` and `last` are the days counted, fewer than seven
    # when a date range or the truce's end cuts the week.
    starts: date | None = None

    @property
    def label(self) -> int | str:
        """The week as `totals --format json` names it: its number, or its first day."""
        return self.number if self.number is not None else (self.starts or self.first).isoformat()

    @property
    def whole(self) -> bool:
        """Whether all seven days of the week are counted."""
        return self.starts is None or (self.first == self.starts
                                       and self.last == self.starts + timedelta(days=6))


@dataclass
class Group(Counts):
    """The counts of one governorate, actor or type."""

    name: str = ""
    name_ar: str = ""


@dataclass
class TotalsFilter:
    """What the totals count. Empty fields do not narrow."""

    date_from: date | str | None = None
    date_to: date | str | None = None
    governorate_id: str | None = None
    actor_id: str | None = None
    breach_type_id: str | None = None
    confirmed_only: bool = False

    def where(self) -> tuple[str, list]:
        clauses = ["b.deleted_at IS NULL", "b.status != 'discounted'"]
        params: list = []
        if self.confirmed_only:
            clauses.append("b.status = 'confirmed'")
        for value, clause in ((self.date_from, "b.occurred_on >= ?"),
                              (self.date_to, "b.occurred_on <= ?")):
            if value not in (None, ""):
                day = as_date(value)
                if day is None:
                    raise LedgerError("not_a_day", value=str(value))
                clauses.append(clause)
                params.append(day.isoformat())
        for value, column in ((self.governorate_id, "b.governorate_id"),
                              (self.actor_id, "b.actor_id"), (self.breach_type_id,
                                                              "b.breach_type_id")):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        return " AND ".join(clauses), params


@dataclass
class WeekScheme:
    """How days are grouped into weeks: since a truce's start, or calendar weeks."""

    truce: Truce | None = None
    week_start: str = "monday"

    def first_day(self, day: date) -> date:
        """The first day of the week `day` falls in."""
        if self.truce is not None:
            start = as_date(self.truce.start_date)
            return start + timedelta(days=7 * ((day - start).days // 7))
        offset = (day.isoweekday() % 7 - WEEK_STARTS[self.week_start]) % 7
        return day - timedelta(days=offset)

    def number(self, first: date) -> int | None:
        if self.truce is None:
            return None
        return (first - as_date(self.truce.start_date)).days // 7 + 1

    def sql_first_day(self) -> tuple[str, list]:
        """SQL giving the first day of a breach's week, as text, and its parameters."""
        if self.truce is not None:
            return ("date(?, '+' || (CAST((julianday(b.occurred_on) - julianday(?)) AS INTEGER)"
                    " / 7 * 7) || ' days')", [self._start(), self._start()])
        return ("date(b.occurred_on, '-' || ((CAST(strftime('%w', b.occurred_on) AS INTEGER)"
                " - ? + 7) % 7) || ' days')", [WEEK_STARTS[self.week_start]])

    def _start(self) -> str:
        return as_date(self.truce.start_date).isoformat()


def within(scheme: WeekScheme, where: TotalsFilter) -> TotalsFilter:
    """The filter with its dates narrowed to the truce's days, when weeks count from a
    truce: no breach before it went into force, nor after it ended, is counted."""
    where = replace(where)
    start, end = as_date(where.date_from), as_date(where.date_to)
    for value in (where.date_from, where.date_to):
        if value not in (None, "") and as_date(value) is None:
            raise LedgerError("not_a_day", value=str(value))
    if start and end and end < start:
        raise LedgerError("reversed_range", start=start.isoformat(), end=end.isoformat())
    if scheme.truce is not None:
        truce_start, truce_end = as_date(scheme.truce.start_date), as_date(scheme.truce.end_date)
        start = max(start, truce_start) if start else truce_start
        if truce_end:
            end = min(end, truce_end) if end else truce_end
    where.date_from, where.date_to = start, end
    return where


def weekly_totals(ledger: Ledger, scheme: WeekScheme | None = None,
                  where: TotalsFilter | None = None) -> list[Week]:
    """One row a week, from the first week to the last, empty weeks included.

    Since a truce, weeks start on its start date (week 1) and no breach before it, nor
    after its end, counts; the last week is that of `date_to`, of the truce's end, or of
    the latest breach.
    """
    return _weekly(ledger, scheme, where, by_governorate=False)[0]


def weekly_totals_by_governorate(ledger: Ledger, scheme: WeekScheme | None = None,
                                 where: TotalsFilter | None = None
                                 ) -> tuple[list[Week], dict[date, list[Group]]]:
    """The weeks of weekly_totals, and the counts of each week per governorate (keyed by
    the week's own first day, `Week.starts`; most breaches first, as totals_by orders
    them), from one reading of the file: what the press sentences of all weeks need."""
    return _weekly(ledger, scheme, where, by_governorate=True)


def _weekly(ledger: Ledger, scheme: WeekScheme | None, where: TotalsFilter | None,
            by_governorate: bool) -> tuple[list[Week], dict[date, list[Group]]]:
    scheme = scheme or WeekScheme()
    if scheme.week_start not in WEEK_STARTS:
        raise LedgerError("week_start", value=scheme.week_start)
    where = within(scheme, where or TotalsFilter())
    if where.date_from and where.date_to and where.date_to < where.date_from:
        return [], {}  # the range and the truce do not meet
    condition, params = where.where()
    first_sql, first_params = scheme.sql_first_day()
    if by_governorate:
        sql = (f"SELECT {first_sql} AS first, g.name, g.name_ar, {_SUMS} FROM breach b"
               f" JOIN gazetteer g ON g.id = b.governorate_id WHERE {condition}"
               " GROUP BY first, g.id ORDER BY first, count(*) DESC, g.name")
    else:
        sql = (f"SELECT {first_sql} AS first, {_SUMS} FROM breach b WHERE {condition}"
               " GROUP BY first ORDER BY first")
    found: dict[date, Counts] = {}
    groups: dict[date, list[Group]] = {}
    for row in _summed(ledger, sql, first_params + params, where):
        first = date.fromisoformat(row[0])
        if by_governorate:
            found.setdefault(first, Counts()).add(Counts(*row[3:]))
            groups.setdefault(first, []).append(Group(*row[3:], name=row[1], name_ar=row[2]))
        else:
            found[first] = Counts(*row[1:])
    span = _span(scheme, where, found)
    if span is None:
        return [], groups
    weeks, first = [], span[0]
    while first <= span[1]:
        counts = found.get(first, Counts())
        # The days counted: a range or the truce's end may cut the week.
        shown_first = max(first, where.date_from) if where.date_from else first
        shown_last = first + timedelta(days=6)
        shown_last = min(shown_last, where.date_to) if where.date_to else shown_last
        weeks.append(Week(**vars(counts), number=scheme.number(first), first=shown_first,
                          last=shown_last, starts=first))
        first += timedelta(days=7)
    return weeks, groups


def _summed(ledger: Ledger, sql: str, params: list, where: TotalsFilter) -> list[tuple]:
    """The rows of a query ending in _SUMS, without its last two columns (the largest
    counts), once they show every count in range."""
    try:
        rows = ledger.conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as error:
        if "overflow" not in str(error):  # sum() past 2**63: a count far out of range
            raise
        raise _out_of_range(ledger, where) from None
    if any(row[-2] > MAX_COUNT or row[-1] > MAX_COUNT for row in rows):
        raise _out_of_range(ledger, where)
    return [row[:-2] for row in rows]


def _out_of_range(ledger: Ledger, where: TotalsFilter) -> LedgerError:
    """The error of a file whose breaches hold a count above MAX_COUNT (the editor, the
    import and the merge refuse such counts; an older version let them in): it names how
    many breaches, the first one's day and the largest count, so that they can be found
    and corrected."""
    condition, params = where.where()
    largest = f"max({_LARGEST[0]}, {_LARGEST[1]})"
    count, day, value = ledger.conn.execute(
        f"SELECT count(*), min(b.occurred_on), max({largest}) FROM breach b"
        f" WHERE {condition} AND {largest} > ?", params + [MAX_COUNT]).fetchone()
    return LedgerError(
        "count_out_of_range", count=count, day=day or "", value=value or 0,
        limit=MAX_COUNT)


def _span(scheme: WeekScheme, where: TotalsFilter, found: dict) -> tuple[date, date] | None:
    """The first days of the first and the last week to show, or None for no weeks."""
    start = where.date_from or (min(found) if found else None)
    end = where.date_to or (max(found) if found else start)
    if start is None:
        return None
    first, last = scheme.first_day(start), scheme.first_day(end)
    return (first, last) if first <= last else None


def totals_by(ledger: Ledger, by: str, where: TotalsFilter | None = None,
              scheme: WeekScheme | None = None) -> list[Group]:
    """The counts per governorate, actor or type, most breaches first (within the truce's
    days when `scheme` counts from one)."""
    if by not in GROUPINGS:
        raise LedgerError("grouping", value=by)
    column, column_ar, join = GROUPINGS[by]
    where = within(scheme or WeekScheme(), where or TotalsFilter())
    condition, params = where.where()
    rows = _summed(ledger, f"SELECT {column}, {column_ar}, {_SUMS} FROM breach b {join}"
                   f" WHERE {condition} GROUP BY {column}, {column_ar}"
                   f" ORDER BY count(*) DESC, {column}", params, where)
    return [Group(*row[2:], name=row[0], name_ar=row[1]) for row in rows]


def grand_total(rows: list[Counts]) -> Counts:
    """The sum of weeks or groups."""
    total = Counts()
    for row in rows:
        total.add(row)
    return total


def scheme_for(ledger: Ledger, truce_name: str | None = None,
               week_start: str | None = None) -> WeekScheme:
    """The weeks asked for: since the truce named (in any case), calendar weeks from
    `week_start`, or else since the latest truce, or calendar weeks from Monday."""
    from .lists import truces
    known = truces(ledger)
    if truce_name:
        for truce in known:
            if truce.name.casefold() == truce_name.strip().casefold():
                return WeekScheme(truce=truce)
        names = ", ".join(t.name for t in known) or "none"
        raise LedgerError("unknown_truce_name", name=truce_name, truces=names)
    if week_start:
        if week_start not in WEEK_STARTS:
            raise LedgerError("week_start", value=week_start)
        return WeekScheme(week_start=week_start)
    return WeekScheme(truce=known[0]) if known else WeekScheme()
