"""The press sentence of a week, as the media office writes it:

"In the first week since the ceasefire went into force on 29 December 2016 (29 December
2016 – 4 January 2017), no fewer than 251 breaches were recorded. At least 153 people were
killed, including 13 women and 23 children. Most breaches took place in Aleppo and Rural
Damascus." When the governorates named hold every breach of the week, it says so: "All
breaches took place in Idlib." ("Both breaches…" for two, "The breach…" for one).

The Arabic sentence is db/press_ar.py's; `language="ar"` asks for it here.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from . import press_ar
from .records import Truce, as_date
from .totals import (Counts, Group, TotalsFilter, Week, WeekScheme, grand_total, totals_by,
                     weekly_totals, weekly_totals_by_governorate, within)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth", "eleventh", "twelfth")


def day_text(day: date, language: str = "en", digits: str = "western") -> str:
    """29 December 2016 (in Arabic, 29 كانون الأول 2016, in the `digits` asked for)."""
    if language == "ar":
        return press_ar.day_text(day, digits)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def span_text(first: date, last: date, language: str = "en", digits: str = "western") -> str:
    """29 December 2016 – 4 January 2017; 2–8 January 2017; 26 February – 4 March 2017;
    4 January 2017 for one day (in Arabic: press_ar.span_text)."""
    if language == "ar":
        return press_ar.span_text(first, last, digits)
    if first == last:
        return day_text(last)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} – {day_text(last)}"
    return f"{day_text(first)} – {day_text(last)}"


def ordinal(number: int) -> str:
    """first, second, … twelfth, then 13th, 21st, 22nd, 23rd, 101st…"""
    if 1 <= number <= len(ORDINALS):
        return ORDINALS[number - 1]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    return f"{number}{suffix}"


def _people(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def most_breaches(groups: list[Group]) -> list[Group]:
    """The governorates where most breaches took place: the fewest (at most three) that
    together hold more than half of them (`groups` come most breaches first); none when
    no three do."""
    total = sum(g.breaches for g in groups)
    chosen, held = [], 0
    for group in groups:
        if held * 2 > total or len(chosen) == 3 or group.breaches == 0:
            break
        chosen.append(group)
        held += group.breaches
    return chosen if held * 2 > total else []


def holds_all(chosen: list[Group], groups: list[Group]) -> bool:
    """Whether the governorates `chosen` (most_breaches) hold every breach of `groups`."""
    return bool(chosen) and sum(g.breaches for g in chosen) == sum(g.breaches for g in groups)


def most_breaches_in(groups: list[Group]) -> list[str]:
    """The English names of most_breaches, in alphabetical order as the office writes."""
    return sorted(group.name for group in most_breaches(groups))


def _where(breaches: int, every: bool) -> str:
    """Who took place there: the one breach, both, all of them, or most."""
    if breaches == 1:
        return "The breach took place"
    if every:
        return "Both breaches took place" if breaches == 2 else "All breaches took place"
    return "Most breaches took place"


def press_sentence(week: Week, truce: Truce | None, governorates: list[Group],
                   language: str = "en", digits: str = "western") -> str:
    """The paragraph for one week, from its totals and its breaches by governorate: in
    English, or in Arabic (`language="ar"`, numbers in Western or Arabic-Indic `digits`,
    with the direction marks of press_ar)."""
    if language == "ar":
        start = as_date(truce.start_date) if truce is not None else None
        chosen = most_breaches(governorates)
        return press_ar.sentence(week, start, chosen, digits, holds_all(chosen, governorates))
    dates = span_text(week.first, week.last)
    part = "" if week.whole else "part of "  # the days counted, not the whole week
    if truce is not None and week.number is not None:
        opening = (f"In {part}the {ordinal(week.number)} week since the ceasefire went into "
                   f"force on {day_text(as_date(truce.start_date))} ({dates}), ")
    elif week.whole:
        opening = f"In the week of {dates}, "
    else:
        opening = f"On {dates}, "
    if week.breaches == 0:
        return opening + "no breaches were recorded."
    parts = [opening + ("one breach was recorded." if week.breaches == 1 else
                        f"no fewer than {week.breaches} breaches were recorded.")]
    if week.killed:
        killed = (f"At least {_people(week.killed, 'person was', 'people were')} killed")
        including = [text for count, text in (
            (week.women, _people(week.women, "woman", "women")),
            (week.children, _people(week.children, "child", "children"))) if count]
        parts.append(killed + (f", including {_and(including)}." if including else "."))
    else:
        parts.append("No one was reported killed.")
    places = most_breaches_in(governorates)
    if places:
        every = holds_all(most_breaches(governorates), governorates)
        parts.append(f"{_where(week.breaches, every)} in {_and(places)}.")
    return " ".join(parts)


def week_filter(scheme: WeekScheme, week: Week, where: TotalsFilter | None = None
                ) -> TotalsFilter:
    """The breaches `week` counts: those of the week's days that the filter (and the
    truce) also take in."""
    narrowed = within(scheme, where or TotalsFilter())
    narrowed.date_from = max(week.first, narrowed.date_from or week.first)
    narrowed.date_to = min(week.last, narrowed.date_to or week.last)
    return narrowed


def week_sentence(ledger, scheme, week: Week, where=None, language: str = "en",
                  digits: str = "western") -> str:
    """The press sentence of `week` (in English, or in Arabic with `language="ar"`),
    naming the governorates of the breaches it counts."""
    return press_sentence(week, scheme.truce, totals_by(
        ledger, "governorate", week_filter(scheme, week, where)), language, digits)


class Sentences(Sequence):
    """The press sentences of a report's weeks in one language, in the order of its weeks,
    each written the first time it is read, from the counts read with the weeks and the
    governorates read for it (`groups`, by the week's first day; a week with breaches
    whose governorates were not read has no sentence yet: WeeklyReport.read_week): the
    view shows one week's at a time, the command line reads them all."""

    def __init__(self, weeks: list[Week], groups: dict[date, list[Group]],
                 truce: Truce | None, language: str, digits: str):
        self._weeks, self._groups, self._truce = weeks, groups, truce
        self._language, self._digits = language, digits
        self._written: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._weeks)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        week = self._weeks[index]  # an IndexError past the end
        index %= len(self._weeks)
        if index not in self._written:
            if week.breaches and week.starts not in self._groups:
                raise LookupError(f"the governorates of the week of {week.starts} are not read")
            self._written[index] = press_sentence(
                week, self._truce, self._groups.get(week.starts, []), self._language,
                self._digits)
        return self._written[index]

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None


@dataclass
class WeeklyReport:
    """What the Weekly totals view shows at once, read together."""

    weeks: list[Week]
    total: Counts  # the sum of the weeks
    sentences: Sentences  # the press sentence of each week, in the order of `weeks`
    sentences_ar: Sentences  # the same in Arabic
    scheme: WeekScheme  # what was counted
    where: TotalsFilter
    # The governorates of the weeks read (by the week's first day), that the sentences name.
    groups: dict[date, list[Group]]
    shown: int | None = None  # the week whose sentences were read with the weeks (its row)

    def read_week(self, ledger, index: int) -> bool:
        """Make the sentences of week `index` ready, reading its governorates from
        `ledger` when they were not read with the weeks. False, and nothing read, when the
        file no longer holds the counts of the week's row: it changed since the report was
        read, and a sentence written now would not speak of the breaches the row counts."""
        week = self.weeks[index]
        if not week.breaches or week.starts in self.groups:
            return True
        narrowed = week_filter(self.scheme, week, self.where)
        with ledger.snapshot():  # the governorates of the breaches counted again here
            if weekly_totals(ledger, self.scheme, narrowed) != [week]:
                return False
            self.groups[week.starts] = totals_by(ledger, "governorate", narrowed)
        return True


def weekly_report(ledger, scheme: WeekScheme | None = None, where: TotalsFilter | None = None,
                  digits: str = "western", every_week: bool = True,
                  shown: date | None = None) -> WeeklyReport:
    """The weeks, their total and the press sentences of the weeks in English and in
    Arabic (in the `digits` asked for), all from one snapshot of the file: whatever other
    copies of the program save meanwhile, the sentence of a week speaks of the breaches
    its row counts, and the total is the sum of the rows shown. A sentence is written
    when it is read.

    `every_week`: the governorates of every week are read with the weeks (one reading of
    the kept sums per week and governorate), for the command line, which writes every
    sentence. Otherwise only those of the week the Weekly totals view shows first (the
    report's `shown`): the week whose first day is `shown`, else the latest with
    breaches. The view's count then costs what the weeks alone cost, however many weeks
    there are; the sentences of another week are read when it is shown (`read_week`)."""
    scheme, where = scheme or WeekScheme(), where or TotalsFilter()
    with ledger.snapshot():
        if every_week:
            weeks, groups = weekly_totals_by_governorate(ledger, scheme, where)
        else:
            weeks, groups = weekly_totals(ledger, scheme, where), {}
        report = WeeklyReport(
            weeks=weeks, total=grand_total(weeks),
            sentences=Sentences(weeks, groups, scheme.truce, "en", digits),
            sentences_ar=Sentences(weeks, groups, scheme.truce, "ar", digits),
            scheme=scheme, where=where, groups=groups, shown=_shown(weeks, shown))
        if report.shown is not None:
            report.read_week(ledger, report.shown)
    return report


def _shown(weeks: list[Week], first_day: date | None) -> int | None:
    """The row of the week that starts on `first_day`, else of the latest week with
    breaches; None when no week has breaches."""
    rows = [row for row, week in enumerate(weeks) if week.starts == first_day]
    rows = rows or [row for row, week in enumerate(weeks) if week.breaches]
    return rows[-1] if rows else None
