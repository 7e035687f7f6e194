"""Weekly totals, breakdowns and the press sentence, checked against plain recounts."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import defaultdict
from datetime import date, timedelta

import pytest

import db
from gui.messages import error_text
from db.demo import create_demo
from db.press import press_sentence, span_text, ordinal, week_sentence, weekly_report
from db.totals import (COUNT_NAMES, Group, TotalsFilter, Week, WeekScheme, scheme_for,
                       totals_by, weekly_totals, weekly_totals_by_governorate)
from tests.conftest import ROOT

PRESS = ("In the first week since the ceasefire went into force on 29 December 2016 "
         "(29 December 2016 – 4 January 2017), no fewer than 251 breaches were recorded. "
         "At least 153 people were killed, including 13 women and 23 children. "
         "Most breaches took place in Aleppo and Rural Damascus.")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("totals") / "demo.sqlite3"
    create_demo(path, size=2500)
    with db.open_ledger(path) as ledger:
        rng = random.Random(7)
        rows = db.list_breaches(ledger, limit=3000)
        # Some discounted, some deleted, some with "up to" figures: none may be miscounted.
        for row in rng.sample(rows, 60):
            breach = db.get_breach(ledger, row.id)
            breach.status = "discounted"
            db.save_breach(ledger, breach, allow_duplicate=True)
        for row in rng.sample(rows, 40):
            if db.get_breach(ledger, row.id).deleted_at is None:
                db.delete_breach(ledger, row.id)
        yield ledger


def test_the_demo_week_and_its_sentence(tmp_path):
    path = tmp_path / "demo.sqlite3"
    create_demo(path)
    with db.open_ledger(path) as ledger:
        scheme = scheme_for(ledger)
        weeks = weekly_totals(ledger, scheme)
        assert [(w.breaches, w.killed, w.women, w.children) for w in weeks] == [
            (251, 153, 13, 23)]
        assert week_sentence(ledger, scheme, weeks[0]) == PRESS


def plain_recount(ledger, first_day, where=lambda row: True) -> dict[date, dict]:
    """Weeks counted in Python from the rows as stored: no SQL arithmetic."""
    weeks: dict[date, dict] = defaultdict(lambda: dict.fromkeys(COUNT_NAMES, 0))
    for row in ledger.conn.execute(
            "SELECT occurred_on, status, deleted_at, killed, women, children, injured,"
            " killed_max, women_max, children_max, injured_max, governorate_id, actor_id,"
            " breach_type_id FROM breach"):
        (day, status, deleted, k, w, c, i, km, wm, cm, im, gov, actor, kind) = row
        if deleted or status == "discounted" or not where(row):
            continue
        week = weeks[first_day(date.fromisoformat(day))]
        week["breaches"] += 1
        for name, least, most in (("killed", k, km), ("women", w, wm), ("children", c, cm),
                                  ("injured", i, im)):
            week[name] += least
            week[f"{name}_max"] += least if most is None else most
    return weeks


def as_table(weeks: list[Week]) -> dict[date, dict]:
    return {w.starts or w.first: {n: getattr(w, n) for n in COUNT_NAMES}
            for w in weeks if w.breaches}


def test_weeks_since_the_truce_match_a_plain_count(demo):
    scheme = scheme_for(demo)
    start = date(2016, 12, 29)
    expected = plain_recount(demo, lambda d: start + timedelta(days=(d - start).days // 7 * 7))
    weeks = weekly_totals(demo, scheme)
    assert as_table(weeks) == dict(expected)
    assert [w.number for w in weeks] == list(range(1, len(weeks) + 1))
    assert all(w.last - w.first == timedelta(days=6) for w in weeks)


@pytest.mark.parametrize("week_start, weekday", [("monday", 0), ("saturday", 5),
                                                 ("sunday", 6)])
def test_calendar_weeks_match_a_plain_count(demo, week_start, weekday):
    weeks = weekly_totals(demo, WeekScheme(week_start=week_start))
    expected = plain_recount(demo, lambda d: d - timedelta(days=(d.weekday() - weekday) % 7))
    assert as_table(weeks) == dict(expected)
    assert all(w.first.weekday() == weekday and w.number is None for w in weeks)


FILTERS = [
    ("date range", dict(date_from="2017-01-10", date_to="2017-02-10"),
     lambda r: "2017-01-10" <= r[0] <= "2017-02-10"),
    ("confirmed only", dict(confirmed_only=True), lambda r: r[1] == "confirmed"),
]


@pytest.mark.parametrize("name, given, keep", FILTERS, ids=[f[0] for f in FILTERS])
def test_each_filter_matches_a_plain_count(demo, name, given, keep):
    weeks = weekly_totals(demo, WeekScheme(), TotalsFilter(**given))
    expected = plain_recount(demo, lambda d: d - timedelta(days=d.weekday()), keep)
    assert as_table(weeks) == dict(expected)


@pytest.mark.parametrize("kind, field", [("governorate", "governorate_id"),
                                         ("actor", "actor_id"), ("breach_type", "breach_type_id")])
def test_list_filters_match_a_plain_count(demo, kind, field):
    key = {"governorate": db.find_by_name(demo, "governorate", "Aleppo"),
           "actor": db.find_by_name(demo, "actor", "Hezbollah militias"),
           "breach_type": db.find_by_name(demo, "breach_type", "Air strike")}[kind]
    column = {"governorate_id": 11, "actor_id": 12, "breach_type_id": 13}[field]
    weeks = weekly_totals(demo, WeekScheme(), TotalsFilter(**{field: key}))
    expected = plain_recount(demo, lambda d: d - timedelta(days=d.weekday()),
                             lambda r: r[column] == key)
    assert as_table(weeks) == dict(expected) and expected


def test_breakdowns_add_up_to_the_weeks(demo):
    weeks = weekly_totals(demo, WeekScheme())
    for by in ("governorate", "actor", "type"):
        groups = totals_by(demo, by)
        for name in COUNT_NAMES:
            assert sum(getattr(g, name) for g in groups) == sum(getattr(w, name) for w in weeks)
        assert [g.breaches for g in groups] == sorted((g.breaches for g in groups), reverse=True)


@pytest.fixture
def week_ledger(ledger, make_breach):
    db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
    return ledger


def test_week_boundaries_since_the_truce(week_ledger, make_breach):
    for day in ("2016-12-28", "2016-12-29", "2017-01-04", "2017-01-05", "2017-01-26"):
        db.save_breach(week_ledger, make_breach(occurred_on=day, place=day))
    weeks = weekly_totals(week_ledger, scheme_for(week_ledger))
    # The day before the truce is in no week; its start date and day 7 are week 1, day 8
    # is week 2; weeks 3 and 4 are empty but there.
    assert [(w.number, w.breaches) for w in weeks] == [(1, 2), (2, 1), (3, 0), (4, 0), (5, 1)]
    assert weeks[2].killed == 0 and weeks[2].first == date(2017, 1, 12)


def test_calendar_weeks_across_a_year(week_ledger, make_breach):
    for day in ("2016-12-31", "2017-01-01"):  # a Saturday and a Sunday
        db.save_breach(week_ledger, make_breach(occurred_on=day, place=day))
    firsts = {start: [(w.first.isoformat(), w.breaches) for w in weekly_totals(
        week_ledger, WeekScheme(week_start=start))] for start in ("monday", "saturday", "sunday")}
    assert firsts["monday"] == [("2016-12-26", 2)]
    assert firsts["saturday"] == [("2016-12-31", 2)]
    assert firsts["sunday"] == [("2016-12-25", 1), ("2017-01-01", 1)]


def test_maximums_count_a_missing_maximum_as_its_minimum(week_ledger, make_breach):
    db.save_breach(week_ledger, make_breach(killed=3, killed_max=5, women=1, children=1,
                                            injured=2, place="a"))
    db.save_breach(week_ledger, make_breach(killed=2, women=0, children=0, injured=1,
                                            injured_max=4, place="b"))
    db.save_breach(week_ledger, make_breach(killed=9, women=0, children=0, place="c",
                                            status="discounted"))
    week = weekly_totals(week_ledger, scheme_for(week_ledger))[0]
    assert (week.breaches, week.killed, week.killed_max, week.injured, week.injured_max) == (
        2, 5, 7, 3, 6)


def test_a_date_range_shows_its_empty_weeks(week_ledger, make_breach):
    weeks = weekly_totals(week_ledger, WeekScheme(), TotalsFilter(date_from="2017-01-02",
                                                                  date_to="2017-01-22"))
    assert [(w.first.isoformat(), w.breaches) for w in weeks] == [
        ("2017-01-02", 0), ("2017-01-09", 0), ("2017-01-16", 0)]
    assert weekly_totals(week_ledger, WeekScheme()) == []


@pytest.mark.parametrize("counts, expected", [
    (dict(breaches=1, killed=1, women=1), "one breach was recorded. At least 1 person was "
     "killed, including 1 woman. The breach took place in Aleppo."),
    (dict(breaches=2, killed=3, children=1), "no fewer than 2 breaches were recorded. At "
     "least 3 people were killed, including 1 child. Both breaches took place in Aleppo."),
    (dict(breaches=4, killed=2), "no fewer than 4 breaches were recorded. At least 2 people "
     "were killed. All breaches took place in Aleppo."),
    (dict(breaches=5), "no fewer than 5 breaches were recorded. No one was reported killed. "
     "All breaches took place in Aleppo."),
    (dict(breaches=0), "no breaches were recorded."),
])
def test_the_sentence_speaks_of_one_and_of_many(counts, expected):
    week = Week(**counts, number=12, first=date(2017, 3, 16), last=date(2017, 3, 22))
    truce = db.Truce("Nationwide ceasefire", "2016-12-29")
    groups = [Group(breaches=counts["breaches"], name="Aleppo")] if counts["breaches"] else []
    assert press_sentence(week, truce, groups) == (
        "In the twelfth week since the ceasefire went into force on 29 December 2016 "
        "(16–22 March 2017), " + expected)
    calendar = Week(**counts, first=date(2017, 2, 27), last=date(2017, 3, 5))
    assert press_sentence(calendar, None, groups).startswith(
        "In the week of 27 February – 5 March 2017, ")


def test_ordinals_and_spans():
    assert [ordinal(n) for n in (1, 2, 3, 11, 13, 21, 22, 23, 101, 112)] == [
        "first", "second", "third", "eleventh", "13th", "21st", "22nd", "23rd", "101st", "112th"]
    assert span_text(date(2016, 12, 29), date(2017, 1, 4)) == "29 December 2016 – 4 January 2017"


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_the_command_line_prints_the_weeks_as_json_csv_and_a_table(tmp_path):
    path = tmp_path / "demo.sqlite3"
    create_demo(path, size=300)
    result = run("totals", "--db", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    weeks = json.loads(result.stdout)
    assert weeks[0] == {"week": 1, "from": "2016-12-29", "to": "2017-01-04", "breaches": 251,
                        "killed": 153, "women": 13, "children": 23, "injured": 438,
                        "killed_max": 191, "women_max": 13, "children_max": 23,
                        "injured_max": 502}
    assert sum(w["breaches"] for w in weeks) == 551
    calendar = json.loads(run("totals", "--db", str(path), "--week-start", "saturday",
                              "--format", "json").stdout)
    assert calendar[0]["week"] == "2016-12-24" and sum(w["breaches"] for w in calendar) == 551
    csv_lines = run("totals", "--db", str(path), "--by", "governorate", "--format",
                    "csv").stdout.splitlines()
    assert csv_lines[0].startswith("governorate,breaches,killed,women,children,injured")
    table = run("totals", "--db", str(path), "--to", "2017-01-04", "--sentence").stdout
    assert "total" in table and PRESS in table
    for bad in (["--truce", "Astana"], ["--from", "2017-02-30"], ["--governorate", "Gaza"]):
        refused = run("totals", "--db", str(path), *bad)
        assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    assert run("totals", "--db", str(path), "--by", "week").returncode == 2


@pytest.fixture
def ended_truce(ledger, make_breach, lists):
    """A truce from 29 December 2016 to 7 January 2017; breaches in and after it."""
    db.add_truce(ledger, db.Truce("Short truce", "2016-12-29", end_date="2017-01-07"))
    db.save_breach(ledger, make_breach(occurred_on="2017-01-05", place="in", killed=1,
                                       women=0, children=0))
    for number, day in enumerate(("2017-01-08", "2017-01-20", "2017-02-01")):
        db.save_breach(ledger, make_breach(occurred_on=day, place=f"after {number}",
                                           governorate_id=lists["rif"], killed=10))
    return ledger


def test_a_truce_that_ended_counts_nothing_after_its_end(ended_truce):
    scheme = scheme_for(ended_truce, "Short truce")
    weeks = weekly_totals(ended_truce, scheme)
    assert [(w.number, w.breaches, w.killed) for w in weeks] == [(1, 0, 0), (2, 1, 1)]
    # Neither a later --to, nor the breakdown, nor the sentence looks past the end.
    assert weekly_totals(ended_truce, scheme, TotalsFilter(date_to="2017-03-01")) == weeks
    groups = totals_by(ended_truce, "governorate", scheme=scheme)
    assert [(g.name, g.breaches) for g in groups] == [("Aleppo", 1)]
    assert week_sentence(ended_truce, scheme, weeks[1]).endswith(
        "The breach took place in Aleppo.")
    # A range wholly after the truce has no weeks.
    assert weekly_totals(ended_truce, scheme, TotalsFilter(date_from="2017-01-10",
                                                           date_to="2017-02-10")) == []


def test_a_range_starting_mid_week_keeps_that_week(ended_truce):
    weeks = weekly_totals(ended_truce, WeekScheme(), TotalsFilter(date_from="2017-01-04"))
    assert weeks[0].starts == date(2017, 1, 2) and weeks[0].breaches == 2  # 5 and 8 January
    assert sum(w.breaches for w in weeks) == 4


def test_a_week_cut_by_the_range_says_which_days_it_counts(demo):
    """`--from 5.1.2017 --to 6.1.2017` said "the second week … (5–11 January 2017)", with
    the breaches of two of its days."""
    scheme = scheme_for(demo)
    where = TotalsFilter(date_from="2017-01-05", date_to="2017-01-06")
    week, = weekly_totals(demo, scheme, where)
    assert (week.number, week.first, week.last) == (2, date(2017, 1, 5), date(2017, 1, 6))
    counted = plain_recount(demo, lambda d: date(2017, 1, 5),
                            lambda r: "2017-01-05" <= r[0] <= "2017-01-06")
    assert week.breaches == counted[date(2017, 1, 5)]["breaches"] > 0
    sentence = week_sentence(demo, scheme, week, where)
    assert sentence.startswith("In part of the second week since the ceasefire went into "
                               "force on 29 December 2016 (5–6 January 2017), ")
    calendar, = weekly_totals(demo, WeekScheme(), TotalsFilter(date_from="2017-01-03",
                                                              date_to="2017-01-04"))
    assert calendar.label == "2017-01-02" and not calendar.whole
    assert week_sentence(demo, WeekScheme(), calendar).startswith("On 3–4 January 2017, ")


def test_the_sentence_names_governorates_only_for_a_majority():
    week = Week(breaches=7, killed=7, number=3, first=date(2017, 1, 12), last=date(2017, 1, 18))
    spread = [Group(breaches=1, name=name) for name in "ABCDEFG"]
    assert "Most breaches" not in press_sentence(week, None, spread)
    held = [Group(breaches=4, name="Idlib")] + spread[:3]
    assert press_sentence(week, None, held).endswith("Most breaches took place in Idlib.")
    every = [Group(breaches=7, name="Idlib")]
    assert press_sentence(week, None, every).endswith("All breaches took place in Idlib.")


def test_a_reversed_range_is_refused(ended_truce, tmp_path):
    with pytest.raises(db.LedgerError) as refused:
        weekly_totals(ended_truce, WeekScheme(), TotalsFilter(date_from="2017-03-01",
                                                              date_to="2017-01-01"))
    assert refused.value.code == "reversed_range"
    assert "before it begins" in error_text(refused.value)
    result = run("totals", "--db", str(ended_truce.path), "--from", "2017-03-01", "--to",
                 "2017-01-01")
    assert result.returncode == 1 and "before it begins" in result.stderr


# The totals read the sums kept per day (db/day_sums.py): each filter and each breakdown
# gives what a plain SQL count of the breaches gives.

_BREAKDOWN_SQL = {"governorate": ("gazetteer", "governorate_id"), "actor": ("actor", "actor_id"),
                  "type": ("breach_type", "breach_type_id")}
_PLAIN_SUMS = ("count(*), sum(b.killed), sum(b.women), sum(b.children), sum(b.injured),"
               " sum(coalesce(b.killed_max, b.killed)), sum(coalesce(b.women_max, b.women)),"
               " sum(coalesce(b.children_max, b.children)),"
               " sum(coalesce(b.injured_max, b.injured))")


def _plain_condition(given: dict) -> tuple[str, list]:
    """The breaches a filter counts, written out plainly."""
    clauses, params = ["b.deleted_at IS NULL", "b.status != 'discounted'"], []
    for name, clause in (("date_from", "b.occurred_on >= ?"), ("date_to", "b.occurred_on <= ?"),
                         ("governorate_id", "b.governorate_id = ?"),
                         ("actor_id", "b.actor_id = ?"),
                         ("breach_type_id", "b.breach_type_id = ?")):
        if given.get(name):
            clauses.append(clause)
            params.append(given[name])
    if given.get("confirmed_only"):
        clauses.append("b.status = 'confirmed'")
    return " AND ".join(clauses), params


def _plain_weeks(ledger, given: dict, first_day) -> dict[date, tuple]:
    condition, params = _plain_condition(given)
    weeks: dict[date, list] = {}
    for row in ledger.conn.execute(f"SELECT b.occurred_on, {_PLAIN_SUMS} FROM breach b"
                                   f" WHERE {condition} GROUP BY b.occurred_on", params):
        week = weeks.setdefault(first_day(date.fromisoformat(row[0])), [0] * 9)
        week[:] = [a + b for a, b in zip(week, row[1:])]
    return {first: tuple(sums) for first, sums in weeks.items()}


def _plain_groups(ledger, given: dict, by: str) -> list[tuple]:
    table, column = _BREAKDOWN_SQL[by]
    condition, params = _plain_condition(given)
    return sorted(ledger.conn.execute(
        f"SELECT x.name, {_PLAIN_SUMS} FROM breach b JOIN {table} x ON x.id = b.{column}"
        f" WHERE {condition} GROUP BY x.name", params).fetchall())


def _combinations(ledger) -> list[dict]:
    """Every combination of the filters of the Weekly totals view: a governorate, an
    actor, a type, confirmed only, a date range; each list entry one that has breaches."""
    keys = {"governorate_id": db.find_by_name(ledger, "governorate", "Aleppo"),
            "actor_id": db.find_by_name(ledger, "actor", "Hezbollah militias"),
            "breach_type_id": db.find_by_name(ledger, "breach_type", "Air strike")}
    found = []
    for mask in range(32):
        given = {name: key for bit, (name, key) in enumerate(keys.items()) if mask >> bit & 1}
        if mask & 8:
            given["confirmed_only"] = True
        if mask & 16:
            given.update(date_from="2017-01-10", date_to="2017-03-20")
        found.append(given)
    return found


def test_every_filter_and_breakdown_gives_what_a_plain_count_of_the_breaches_gives(demo):
    start = date(2016, 12, 29)
    schemes = [(scheme_for(demo), lambda d: start + timedelta(days=(d - start).days // 7 * 7)),
               (WeekScheme(week_start="saturday"),
                lambda d: d - timedelta(days=(d.weekday() - 5) % 7))]
    checked = 0
    for given in _combinations(demo):
        where = TotalsFilter(**given)
        for scheme, first_day in schemes:
            weeks = weekly_totals(demo, scheme, where)
            expected = _plain_weeks(demo, given, first_day)
            assert {w.starts: tuple(getattr(w, n) for n in COUNT_NAMES)
                    for w in weeks if w.breaches} == expected, (given, scheme)
            counted, groups = weekly_totals_by_governorate(demo, scheme, where)
            assert counted == weeks
            for week in weeks:
                named = groups.get(week.starts, [])
                assert sum(g.breaches for g in named) == week.breaches
                assert [g.breaches for g in named] == sorted(
                    (g.breaches for g in named), reverse=True)
            checked += bool(expected)
        for by in ("governorate", "actor", "type"):
            groups = totals_by(demo, by, where)
            assert sorted((g.name, *(getattr(g, n) for n in COUNT_NAMES)) for g in groups) == (
                _plain_groups(demo, given, by)), (given, by)
    assert checked > 40  # most combinations hold breaches: the comparison says something


def test_the_governorates_of_each_week_are_those_of_a_plain_count(demo):
    scheme = WeekScheme()
    weeks, groups = weekly_totals_by_governorate(demo, scheme)
    for week in weeks[:6]:
        given = {"date_from": week.first.isoformat(), "date_to": week.last.isoformat()}
        assert sorted((g.name, g.breaches) for g in groups.get(week.starts, [])) == [
            (name, count) for name, count, *_ in _plain_groups(demo, given, "governorate")]


def test_the_view_reads_one_weeks_sentences_with_the_weeks_and_others_when_shown(demo):
    """The Weekly totals view's report reads the governorates of the week it shows first
    (the latest with breaches, or the week asked for); another week's are read when it is
    shown, and its sentences are those of a report that reads every week."""
    scheme = scheme_for(demo)
    for where in (TotalsFilter(), TotalsFilter(date_from="2017-01-03", date_to="2017-02-05",
                                               confirmed_only=True)):
        every = weekly_report(demo, scheme, where)
        report = weekly_report(demo, scheme, where, every_week=False)
        assert report.weeks == every.weeks and report.total == every.total
        busy = [row for row, week in enumerate(report.weeks) if week.breaches]
        assert len(busy) > 2 and report.shown == busy[-1] == every.shown
        assert report.sentences[busy[-1]] == every.sentences[busy[-1]]
        assert report.sentences_ar[busy[-1]] == every.sentences_ar[busy[-1]]
        row = busy[0]
        with pytest.raises(LookupError):
            report.sentences[row]  # not read with the weeks
        assert report.read_week(demo, row)
        assert report.sentences[row] == every.sentences[row]
        assert report.sentences_ar[row] == every.sentences_ar[row]
        asked = weekly_report(demo, scheme, where, every_week=False,
                              shown=report.weeks[busy[1]].starts)
        assert asked.shown == busy[1] and asked.sentences[busy[1]] == every.sentences[busy[1]]


def save_in_the_first_week(ledger) -> None:
    """A breach in Idlib on 1 January 2017, in the first week of the demo's truce, citing a
    source of the demo's (as another copy of the program saves it)."""
    cited = db.get_breach(ledger, db.list_breaches(ledger, limit=1)[0].id)
    db.save_breach(ledger, db.Breach(
        occurred_on="2017-01-01", governorate_id=db.find_by_name(ledger, "governorate", "Idlib"),
        breach_type_id=cited.breach_type_id, actor_id=cited.actor_id, place="Saraqib",
        killed=2, citations=[db.Citation(source_id=cited.citations[0].source_id,
                                         reference="Report", reported_on="2017-01-01")]))


def test_a_weeks_sentences_are_not_read_once_the_file_no_longer_holds_its_row(tmp_path):
    """Another copy saved a breach in a week after the count: its row no longer says what
    the file holds, and no sentence is written for it (the view counts again)."""
    path = tmp_path / "demo.sqlite3"
    create_demo(path, size=400)
    with db.open_ledger(path) as ledger, db.open_ledger(path) as other:
        scheme = scheme_for(ledger)
        report = weekly_report(ledger, scheme, every_week=False)
        first = report.weeks[0]
        assert report.shown > 1 and first.breaches == 251
        save_in_the_first_week(other)
        assert not report.read_week(ledger, 0)
        with pytest.raises(LookupError):
            report.sentences[0]
        assert report.read_week(ledger, 1)  # a week the save left as its row says
        assert report.sentences[1] == week_sentence(ledger, scheme, report.weeks[1])
