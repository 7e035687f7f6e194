"""What the totals are asked: which breaches they count (TotalsFilter), how days make
weeks (WeekScheme), and the question the Weekly totals view asks (Question): made once,
counted, shown, and handed to the export, so that the workbook says what the view showed.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from .day_sums import ACTOR, DIMENSIONS, GOVERNORATE, TYPE
from .errors import LedgerError
from .listing import BreachFilter
from .records import Truce, as_date

WEEK_STARTS = {"sunday": 0, "monday": 1, "saturday": 6}  # SQLite's %w numbering
_ORDINAL_ZERO = 1721424.5  # julianday() of the day before 1 January of year 1 (day 0)
GROUPINGS = {  # the list's table, and the bit of the kept sums (db/day_sums.py) it is
    "governorate": ("gazetteer", GOVERNORATE),
    "actor": ("actor", ACTOR),
    "type": ("breach_type", TYPE),
}
_TABLES = {bit: table for table, bit in GROUPINGS.values()}

@dataclass
class TotalsFilter:
    """What the totals count. Empty fields do not narrow."""

    date_from: date | str | None = None
    date_to: date | str | None = None
    governorate_id: str | None = None
    actor_id: str | None = None
    breach_type_id: str | None = None
    confirmed_only: bool = False

    def listed(self) -> BreachFilter:
        """The breaches a workbook lists for these totals: those counted, and discounted
        ones too (marked so), unless only confirmed ones are asked for."""
        return BreachFilter(date_from=self.date_from, date_to=self.date_to,
                            governorate_id=self.governorate_id, actor_id=self.actor_id,
                            breach_type_id=self.breach_type_id,
                            status="confirmed" if self.confirmed_only else None)

    def where(self) -> tuple[str, list]:
        """The SQL condition on `b` (the breach table) of the breaches counted."""
        condition, params = self.listed().where()
        return f"{condition} AND b.status != 'discounted'", params

    def day_sums(self, by: int = 0, joined: bool = False) -> tuple[str, list]:
        """The SQL condition on `d` (day_sum) that reads the sums of the breaches counted,
        broken down by the dimensions `by` (bits of db/day_sums.py): the rows of the one
        grouping whose dimensions are those this filter narrows and `by` names. `joined`:
        for a query that joins each breakdown to its list and bounds the days itself."""
        clauses, params = self._kept_keys(by, joined)
        bounds = () if joined else ((self.date_from, "d.day >= ?"), (self.date_to, "d.day <= ?"))
        for value, clause in bounds:
            day = as_date(value)
            if day is not None:
                clauses.append(clause)
                params.append(day.isoformat())
        return " AND ".join(clauses), params

    def kept_sums(self, by: int = 0) -> list[tuple[str, str, list]]:
        """Where the sums of the breaches counted are kept, broken down by `by`: (table,
        SQL condition on `d`, parameters) of each part, no two of which count one day:
        the whole months of the range from `month_sum`, the days before the first and
        after the last from `day_sum`; a range with no whole month from `day_sum` alone."""
        start, end = as_date(self.date_from), as_date(self.date_to)
        months = _whole_months(start, end)
        if months is None:
            return [("day_sum", *self.day_sums(by))]
        first, last = months
        clauses, params = self._kept_keys(by)
        keys = " AND ".join(clauses)
        parts = [("month_sum", keys + "".join(
            f" AND d.month {op} ?" for op, bound in ((">=", first), ("<=", last)) if bound),
            params + [bound.strftime("%Y-%m") for bound in (first, last) if bound])]
        if start is not None and start < first:
            parts.append(("day_sum", f"{keys} AND d.day >= ? AND d.day < ?",
                          params + [start.isoformat(), first.isoformat()]))
        if end is not None and end > last:
            parts.append(("day_sum", f"{keys} AND d.day > ? AND d.day <= ?",
                          params + [last.isoformat(), end.isoformat()]))
        return parts

    def _kept_keys(self, by: int, joined: bool = False) -> tuple[list[str], list]:
        """The clauses on `d` (day_sum or month_sum) of the grouping and keys this filter
        and the breakdown `by` name, and of its grading; not of its days."""
        values = {GOVERNORATE: self.governorate_id, ACTOR: self.actor_id,
                  TYPE: self.breach_type_id}
        grouping = by | sum(bit for bit, value in values.items() if value)
        clauses, params = ["d.grouping = ?"], [grouping]
        for bit, column in DIMENSIONS.items():
            if values[bit]:
                clauses.append(f"d.{column} = ?")
                params.append(values[bit])
            elif by & bit:  # each entry of the list in turn: the key's own order
                if not joined:
                    clauses.append(f"d.{column} IN (SELECT id FROM {_TABLES[bit]})")
            else:
                clauses.append(f"d.{column} = ''")
        if self.confirmed_only:
            clauses.append("d.confirmed = 1")
        return clauses, params


def _whole_months(start: date | None, end: date | None
                  ) -> tuple[date | None, date | None] | None:
    """The first day of the first month that lies whole from `start` to `end`, and the
    last day of the last (None: the range is open on that side); None when no month lies
    whole within them."""
    first = last = None
    if start is not None:
        first = start if start.day == 1 else (start.replace(day=28) + timedelta(days=4)
                                              ).replace(day=1)
    if end is not None:
        last = end if (end + timedelta(days=1)).day == 1 else end.replace(day=1) - timedelta(
            days=1)
    if first is not None and last is not None and first > last:
        return None
    return first, last


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

    def sql_first_day(self, day: str = "b.occurred_on") -> tuple[str, list]:
        """SQL giving the first day of the week of the day in column `day` (a breach's,
        by default), as its number (date.fromordinal), and its parameters. Numbers, not
        texts: a total computes one for each day it reads."""
        number = f"CAST(julianday({day}) - {_ORDINAL_ZERO} AS INTEGER)"
        if self.truce is not None:
            start = as_date(self.truce.start_date).toordinal()
            return f"? + ({number} - ?) / 7 * 7", [start, start]
        # The day of the week, 0 for Sunday (SQLite's %w): a Julian day number + 1, mod 7.
        weekday = f"({number} + {_ORDINAL_ZERO + 1.5:.0f}) % 7"
        return f"{number} - ({weekday} - ? + 7) % 7", [WEEK_STARTS[self.week_start]]


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


@dataclass(frozen=True)
class Question:
    """What the Weekly totals view asks: its weeks, its filters, and the week whose press
    sentence it shows (that week's first day; None: the latest with breaches)."""

    scheme: WeekScheme
    where: TotalsFilter
    week: date | None = None
