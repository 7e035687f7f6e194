"""Weekly totals: breaches and casualties per week since a truce went into force, or per
calendar week; and the same counts broken down by governorate, actor or type.

Counts are the sums of the "at least" figures, beside the sums of the "up to" figures
(a missing "up to" counts as its "at least"). Discounted and deleted breaches are never
counted. Weeks with no breaches are there, with zeros.

They are read from the sums of each day that the file keeps (db/day_sums.py), a few
thousand rows whatever the number of breaches (a breakdown reads those of each month
for the whole months of its range); only a count out of range sends a total
back to the breaches, to say which ones hold it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import attrgetter

from .day_sums import DIMENSIONS, GOVERNORATE
from .errors import LedgerError
from .question import GROUPINGS, WEEK_STARTS, TotalsFilter, WeekScheme, within
from .rules import MAX_COUNT
from .store import Ledger

COUNT_NAMES = ("breaches", "killed", "women", "children", "injured",
               "killed_max", "women_max", "children_max", "injured_max")
# The largest counts of a breach. The schema's checks make every other count at most one
# of these (women and children killed at most killed, "at least" at most "up to") and none
# below 0, so these two bound them all.
_LARGEST = ("coalesce(b.killed_max, b.killed)", "coalesce(b.injured_max, b.injured)")
# The sums of a group of days, then how many breaches among them hold a count above
# MAX_COUNT (left by an older version): they stop the totals with a clear message rather
# than publish a wrong figure. The kept sums count such a count as MAX_COUNT + 1, so that
# no sum can overflow.
_SUMMED = (*COUNT_NAMES, "over_limit")
_SUMS = ", ".join(f"sum(d.{name}) AS {name}" for name in _SUMMED)
_OF_SUMS = ", ".join(f"sum(s.{name})" for name in _SUMMED)  # the same, of sums by key


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
    """The weeks of weekly_totals, and the number of breaches of each week per governorate
    (keyed by the week's own first day, `Week.starts`; most breaches first, as totals_by
    orders them; only `Group.breaches` is read, the casualties are left at 0): what the
    press sentences of all weeks need."""
    return _weekly(ledger, scheme, where, by_governorate=True)


def _weekly(ledger: Ledger, scheme: WeekScheme | None, where: TotalsFilter | None,
            by_governorate: bool) -> tuple[list[Week], dict[date, list[Group]]]:
    scheme = scheme or WeekScheme()
    if scheme.week_start not in WEEK_STARTS:
        raise LedgerError("week_start", value=scheme.week_start)
    where = within(scheme, where or TotalsFilter())
    if where.date_from and where.date_to and where.date_to < where.date_from:
        return [], {}  # the range and the truce do not meet
    first_sql, first_params = scheme.sql_first_day("d.day")
    condition, params = where.day_sums()
    found = {row[0]: row[1:] for row in _summed(  # by the ordinal of the week's first day
        ledger, f"SELECT {first_sql} AS first, {_SUMS} FROM day_sum d WHERE {condition}"
        " GROUP BY first", first_params + params, where)}
    span = _span(scheme, where, found)
    if span is None:
        return [], {}
    weeks, none, number = [], (0,) * len(COUNT_NAMES), scheme.number(span[0])
    for index, starts in enumerate(range(span[0].toordinal(), span[1].toordinal() + 1, 7)):
        first = date.fromordinal(starts)
        weeks.append(Week(*found.get(starts, none), first=first, last=first + timedelta(days=6),
                          number=None if number is None else number + index, starts=first))
    # The days counted: the range or the truce's end may cut the first and the last week.
    if where.date_from:
        weeks[0].first = max(weeks[0].first, where.date_from)
    if where.date_to:
        weeks[-1].last = min(weeks[-1].last, where.date_to)
    return weeks, _governorates(ledger, where, weeks) if by_governorate else {}


def _governorates(ledger: Ledger, where: TotalsFilter, weeks: list[Week]
                  ) -> dict[date, list[Group]]:
    """The breaches of the days each week counts, per governorate, most first (then by
    name). Each governorate's kept sums are read week after week in the order of their
    key, so that the sums come out in the order they are grouped in: nothing to sort
    (a GROUP BY on the week of each day would sort every row read)."""
    conn = ledger.conn
    condition, params = where.day_sums(GOVERNORATE, joined=True)
    conn.execute("CREATE TEMP TABLE week_span (starts INTEGER PRIMARY KEY, first TEXT NOT NULL,"
                 " last TEXT NOT NULL)")
    try:
        conn.executemany("INSERT INTO temp.week_span VALUES (?, ?, ?)", [
            (w.starts.toordinal(), w.first.isoformat(), w.last.isoformat()) for w in weeks])
        rows = conn.execute(
            "SELECT w.starts, g.name, g.name_ar, sum(d.breaches) FROM gazetteer g"
            " CROSS JOIN temp.week_span w CROSS JOIN day_sum d"
            f" WHERE d.governorate_id = g.id AND {condition}"
            " AND d.day BETWEEN w.first AND w.last GROUP BY g.rowid, w.starts", params)
        groups: dict[date, list[Group]] = {}
        for starts, name, name_ar, breaches in rows:
            groups.setdefault(date.fromordinal(starts), []).append(
                Group(breaches, name=name, name_ar=name_ar))
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.week_span")
    for named in groups.values():
        named.sort(key=lambda group: (-group.breaches, group.name))
    return groups


def _summed(ledger: Ledger, sql: str, params: list, where: TotalsFilter) -> list[tuple]:
    """The rows of a query ending in _SUMS, without its last column (how many breaches
    hold a count out of range), once none does."""
    rows = ledger.conn.execute(sql, params).fetchall()
    if any(row[-1] for row in rows):
        raise _out_of_range(ledger, where)
    return [row[:-1] for row in rows]


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
    """The first days of the first and the last week to show, or None for no weeks
    (`found`: the weeks with breaches, by the ordinal of their first day)."""
    start = where.date_from or (date.fromordinal(min(found)) if found else None)
    end = where.date_to or (date.fromordinal(max(found)) if found else start)
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
    table, bit = GROUPINGS[by]
    where = within(scheme or WeekScheme(), where or TotalsFilter())
    # Summed per key in the order the kept sums are read (whole months, then the days
    # at the edges of the range), then named (two entries of one name are one group).
    parts, params = [], []
    for kept, condition, values in where.kept_sums(bit):
        parts.append(f"SELECT d.{DIMENSIONS[bit]} AS id, {_SUMS} FROM {kept} d"
                     f" WHERE {condition} GROUP BY d.{DIMENSIONS[bit]}")
        params += values
    rows = _summed(ledger, f"SELECT x.name, x.name_ar, {_OF_SUMS} FROM"
                   f" ({' UNION ALL '.join(parts)}) AS s"
                   f" JOIN {table} x ON x.id = s.id GROUP BY x.name, x.name_ar"
                   " ORDER BY sum(s.breaches) DESC, x.name", params, where)
    return [Group(*row[2:], name=row[0], name_ar=row[1]) for row in rows]


def grand_total(rows: list[Counts]) -> Counts:
    """The sum of weeks or groups (each count summed over the rows at once: a few hundred
    weeks added one by one took milliseconds)."""
    return Counts(*map(sum, zip(*map(attrgetter(*COUNT_NAMES), rows))))


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
