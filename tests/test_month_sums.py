"""The sums kept per month (`month_sum`, db/day_sums.py): a breakdown over a range of many
months reads them for its whole months and the sums of each day for the days at its edges,
and gives what a plain count of the breaches gives; the migration that makes them keeps
every total; `check` finds months another program left wrong, and recounts them.
(The sums stay a recount after any sequence of changes: tests/test_day_sums.py.)"""
from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.backup import check_and_back_up
from db.day_sums import add_month_sums, differences, keep_day_sums, pause_month_sums
from db.demo import create_demo
from db.schema import LATEST_VERSION
from db.totals import COUNT_NAMES, TotalsFilter, WeekScheme, totals_by, weekly_totals
from tests.older_schema import as_schema
from tests.test_day_sums import run
from tests.test_totals import _plain_groups, _plain_weeks

BREAKDOWNS = ("governorate", "actor", "type")


@pytest.fixture(scope="module")
def months_demo(tmp_path_factory) -> Path:
    """A demo whose breaches run over four months (5 January to mid-April 2017), some
    deleted and some discounted; closed."""
    path = tmp_path_factory.mktemp("month_sums") / "demo.sqlite3"
    create_demo(path, size=3500)
    with db.open_ledger(path) as ledger:
        rows = db.list_breaches(ledger, limit=4000)
        for row in rows[::50]:
            breach = db.get_breach(ledger, row.id)
            breach.status = "discounted"
            db.save_breach(ledger, breach, allow_duplicate=True)
        for row in rows[7::60]:
            db.delete_breach(ledger, row.id)
    return path


def _groups(ledger, by: str, where: TotalsFilter) -> list[tuple]:
    return sorted((g.name, *(getattr(g, n) for n in COUNT_NAMES))
                  for g in totals_by(ledger, by, where))


# Ranges that start and end in the middle of a month, on a month's first or last day,
# within one month, across a year's end, and open on either side.
RANGES = [("2017-01-10", "2017-03-20"), ("2017-01-01", "2017-02-28"), ("2017-02-01", None),
          (None, "2017-03-31"), (None, "2017-02-14"), ("2017-01-31", "2017-04-01"),
          ("2017-02-03", "2017-02-25"), ("2016-12-15", "2017-01-15"), (None, None),
          ("2017-03-02", "2017-03-31"), ("2017-02-28", "2017-03-01")]


@pytest.mark.parametrize("date_from, date_to", RANGES)
def test_breakdowns_and_weeks_over_a_range_equal_a_plain_count(months_demo, date_from,
                                                               date_to):
    given = {"date_from": date_from, "date_to": date_to}
    with db.open_ledger(months_demo, read_only=True) as ledger:
        aleppo = db.find_by_name(ledger, "governorate", "Aleppo")
        for narrowed in ({}, {"confirmed_only": True}, {"governorate_id": aleppo}):
            where = TotalsFilter(**given, **narrowed)
            plain = {**given, **narrowed}
            for by in BREAKDOWNS:
                assert _groups(ledger, by, where) == _plain_groups(ledger, plain, by), (
                    plain, by)
            weeks = weekly_totals(ledger, WeekScheme(), where)
            assert {w.starts: tuple(getattr(w, n) for n in COUNT_NAMES)
                    for w in weeks if w.breaches} == _plain_weeks(
                ledger, plain, lambda d: d - timedelta(days=d.weekday())), plain
        if date_from != "2016-12-15":  # the demo's breaches lie in the range: it says something
            assert sum(g.breaches for g in totals_by(ledger, "governorate",
                                                     TotalsFilter(**given))) > 0


def test_a_breakdown_of_the_whole_file_reads_the_months_and_not_the_days(months_demo):
    """What makes it fast at a million: the months' rows are read for a range of whole
    months, the days' rows only at its edges."""
    with db.open_ledger(months_demo, read_only=True) as ledger:
        read = []
        ledger.conn.set_trace_callback(read.append)
        try:
            totals_by(ledger, "governorate", TotalsFilter())
            totals_by(ledger, "governorate", TotalsFilter(date_from="2017-01-10",
                                                          date_to="2017-03-20"))
        finally:
            ledger.conn.set_trace_callback(None)
    whole, edges = [s for s in read if "governorate_id AS id" in s]
    assert "month_sum" in whole and "day_sum" not in whole
    assert "month_sum" in edges and "day_sum" in edges


def test_the_migration_keeps_every_total(months_demo, tmp_path):
    path = tmp_path / "older.sqlite3"
    shutil.copy(months_demo, path)
    with db.open_ledger(path, read_only=True) as ledger:
        before = {(by, r): _groups(ledger, by, TotalsFilter(date_from=r[0], date_to=r[1]))
                  for by in BREAKDOWNS for r in RANGES}
        weeks = weekly_totals(ledger, WeekScheme())
    as_schema(path, 4)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'month_sum'"
                        ).fetchone() == (0,)
    conn.close()
    # Opened read-only, a file of schema 4 is totalled all the same (months recounted).
    with db.open_ledger(path, read_only=True) as ledger:
        assert {(by, r): _groups(ledger, by, TotalsFilter(date_from=r[0], date_to=r[1]))
                for by in BREAKDOWNS for r in RANGES} == before
    with db.open_ledger(path) as ledger:  # migrated
        assert ledger.conn.execute("PRAGMA user_version").fetchone() == (LATEST_VERSION,)
        assert differences(ledger.conn) == []
        assert ledger.conn.execute("SELECT count(*) FROM month_sum").fetchone()[0] > 0
        assert {(by, r): _groups(ledger, by, TotalsFilter(date_from=r[0], date_to=r[1]))
                for by in BREAKDOWNS for r in RANGES} == before
        assert weekly_totals(ledger, WeekScheme()) == weeks
    assert run("check", "--db", str(path)).returncode == 0


def _tamper(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        assert conn.execute(sql).rowcount > 0
    conn.close()


@pytest.mark.parametrize("tampering", [
    "UPDATE month_sum SET killed = killed + 5 WHERE grouping = 1 AND month = '2017-02'",
    "DELETE FROM month_sum WHERE grouping = 6 AND month = '2017-03'",
    "INSERT INTO month_sum SELECT grouping, governorate_id, actor_id, breach_type_id,"
    " '2017-08', confirmed, breaches, killed, women, children, injured, killed_max,"
    " women_max, children_max, injured_max, over_limit FROM month_sum WHERE grouping = 0"
    " AND month = '2017-02'",
], ids=["a sum changed", "rows removed", "a month with no breaches"])
def test_check_fails_on_months_tampered_with_and_recounts_them(months_demo, tmp_path,
                                                               tampering):
    path = tmp_path / "office.sqlite3"
    shutil.copy(months_demo, path)
    with db.open_ledger(path, read_only=True) as ledger:
        before = {by: _groups(ledger, by, TotalsFilter()) for by in BREAKDOWNS}
    _tamper(path, tampering)
    done = run("check", "--db", str(path))
    assert done.returncode == 1
    assert "the totals it keeps for each day differ from its breaches" in done.stderr
    assert "Traceback" not in done.stderr and "ok" not in done.stdout.split()
    month = tampering.split("'")[1] if "'" in tampering else ""
    assert f"{month}-01" in done.stderr
    done = run("check", "--recount", "--db", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] != "totals recounted: 0 rows removed, 0 written"
    with db.open_ledger(path) as ledger:
        assert differences(ledger.conn) == []
        assert {by: _groups(ledger, by, TotalsFilter()) for by in BREAKDOWNS} == before
        assert check_and_back_up(ledger.conn, path).breaches > 0  # nothing left to recount


def test_months_added_in_sets_are_those_the_triggers_keep(months_demo, tmp_path):
    """A writer of many days at once (db/bulk.py) may pause the months' triggers and add
    the months of what it added in a few statements: the same sums."""
    path = tmp_path / "office.sqlite3"
    shutil.copy(months_demo, path)
    with db.open_ledger(path) as ledger:
        conn = ledger.conn
        kept = conn.execute("SELECT * FROM month_sum ORDER BY 1, 2, 3, 4, 5, 6").fetchall()
        conn.execute("BEGIN")
        pause_month_sums(conn)
        conn.execute("DELETE FROM month_sum")
        conn.execute("UPDATE day_sum SET killed = killed + 1")  # not followed while paused
        conn.execute("UPDATE day_sum SET killed = killed - 1")
        conn.execute(
            "CREATE TEMP TABLE added AS SELECT governorate_id, actor_id, breach_type_id, day,"
            " confirmed, breaches, killed, women, children, injured, killed_max, women_max,"
            " children_max, injured_max, over_limit FROM day_sum WHERE grouping = 7")
        add_month_sums(conn, "temp.added")
        conn.execute("DROP TABLE temp.added")
        conn.execute("COMMIT")
        assert conn.execute("SELECT * FROM month_sum ORDER BY 1, 2, 3, 4, 5, 6"
                            ).fetchall() == kept
        keep_day_sums(conn)  # followed again
        db.delete_breach(ledger, db.list_breaches(ledger, limit=1)[0].id)
        assert differences(conn) == []
