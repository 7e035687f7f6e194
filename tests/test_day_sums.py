"""The sums kept per day (db/day_sums.py) stay what a recount of the breaches gives, after
any sequence of saves, edits, deletes, restores, undos, imports and merges; `check` finds
sums that another program left wrong, and recounts them when asked."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.backup import check_and_back_up, write_copy
from db.day_sums import differences
from db.importer import import_file
from db.merge import merge_file
from db.place_uses import differences as place_differences
from db.totals import COUNT_NAMES, TotalsFilter, WeekScheme, weekly_totals
from db.undo import SaveStep, TrashStep, take_step
from gui.messages import error_text
from tests.conftest import ROOT
from tests.older_schema import as_schema

# Days of three months, so that the sums kept per month (`month_sum`) are tried too.
DAYS = ("2017-01-01", "2017-01-02", "2017-01-05", "2017-01-09", "2017-01-16", "2017-01-31",
        "2017-02-01", "2017-03-01")
GOVERNORATES = ("Aleppo", "Idlib", "Rural Damascus")
TYPES = ("Shelling", "Air strike")
ACTORS = ("Assad regime forces", "Hezbollah militias")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A ledger with its lists and one source, closed: each example starts from a copy."""
    path = tmp_path_factory.mktemp("day_sums") / "template.sqlite3"
    with db.open_ledger(path, user="Rima", office="Gaziantep") as ledger:
        db.add_actor(ledger, "Assad regime forces", "قوات النظام")
        db.add_actor(ledger, "Hezbollah militias", "ميليشيات حزب الله")
        db.save_source(ledger, db.Source(name="Aleppo Media Center", kind="news network"))
    return path


@st.composite
def breach_values(draw) -> dict:
    """What the editor may save: any day, governorate, actor, type, grading and place (or
    the place left as it was); counts with or without "up to"."""
    killed = draw(st.integers(0, 30))
    women = draw(st.integers(0, killed))
    children = draw(st.integers(0, killed - women))
    ups = {name: draw(st.none() | st.integers(0, 5)) for name in COUNT_NAMES[1:5]}
    values = dict(occurred_on=draw(st.sampled_from(DAYS)),
                  governorate=draw(st.sampled_from(GOVERNORATES)),
                  actor=draw(st.sampled_from(ACTORS)), kind=draw(st.sampled_from(TYPES)),
                  status=draw(st.sampled_from(db.records.GRADINGS)), killed=killed,
                  women=women, children=children, injured=draw(st.integers(0, 30)),
                  # None: as it was (a new breach: a place of its own)
                  place=draw(st.sampled_from((None, "", "Khan Tuman", "khan tuman",
                                              "خان طومان", "Anadan"))))
    for name in ("killed", "women", "children", "injured"):
        up = ups[name]
        values[f"{name}_max"] = None if up is None else values[name] + up
    if ((values["women_max"] or women) + (values["children_max"] or children)
            > (values["killed_max"] or killed)):
        values["women_max"] = values["children_max"] = None
    return values


def _which() -> st.SearchStrategy:
    return st.integers(0, 50)  # a breach among those made so far (modulo their number)


STEPS = st.lists(st.one_of(
    st.tuples(st.just("new"), breach_values()),
    st.tuples(st.just("edit"), _which(), breach_values()),
    st.tuples(st.just("delete"), _which()),
    st.tuples(st.just("restore"), _which()),
    st.tuples(st.just("undo")),
    st.tuples(st.just("import"), st.lists(breach_values(), min_size=1, max_size=3)),
    st.tuples(st.just("merge"), _which(), breach_values()),
), min_size=1, max_size=12)


class Office:
    """A ledger worked on as the window and the command line work on it, keeping the
    window's undo steps."""

    def __init__(self, ledger: db.Ledger, folder: Path):
        self.ledger, self.folder = ledger, folder
        self.keys: list[str] = []
        self.steps: list = []
        self.files = 0

    def breach(self, values: dict, breach: db.Breach | None = None) -> db.Breach:
        ledger = self.ledger
        breach = breach or db.Breach(citations=[db.Citation(
            source_id=db.find_by_name(ledger, "source", "Aleppo Media Center"))])
        breach.occurred_on = values["occurred_on"]
        breach.governorate_id = db.find_by_name(ledger, "governorate", values["governorate"])
        breach.actor_id = db.find_by_name(ledger, "actor", values["actor"])
        breach.breach_type_id = db.find_by_name(ledger, "breach_type", values["kind"])
        breach.status = values["status"]
        for name in COUNT_NAMES[1:]:
            setattr(breach, name, values[name])
        if values.get("place") is not None:
            breach.place = values["place"]
        elif breach.id is None:
            breach.place = f"place {len(self.keys)}"
        return breach

    def pick(self, which: int) -> str | None:
        return self.keys[which % len(self.keys)] if self.keys else None

    def new(self, values: dict) -> None:
        saved = db.save_breach(self.ledger, self.breach(values), allow_duplicate=True)
        self.keys.append(saved.id)
        self.steps.append(SaveStep(None, saved))

    def edit(self, which: int, values: dict) -> None:
        key = self.pick(which)
        if key is None:
            return
        before = db.get_breach(self.ledger, key)
        if before.deleted_at is not None:
            return
        changes = db.save_breach_changes(
            self.ledger, self.breach(values, db.get_breach(self.ledger, key)),
            allow_duplicate=True)
        if changes.change is not None:  # as the window: a save that wrote nothing is no step
            self.steps.append(SaveStep(before, changes.breach))

    def delete(self, which: int, restoring: bool = False) -> None:
        key = self.pick(which)
        if key is None or (db.get_breach(self.ledger, key).deleted_at is None) == restoring:
            return
        (db.restore_breach if restoring else db.delete_breach)(self.ledger, key)
        self.steps.append(TrashStep([key], restoring=restoring))

    def undo(self) -> None:
        if self.steps:
            take_step(self.ledger, self.steps.pop(), forward=False)

    def import_rows(self, rows: list[dict]) -> None:
        self.files += 1
        path = self.folder / f"rows-{self.files}.csv"
        lines = ["Date,Governorate,Perpetrator,Type,Place,Status,Killed,Killed (up to),"
                 "Women killed,Children killed,Injured,Injured (up to),Sources"]
        for number, row in enumerate(rows):
            lines.append(",".join(str(v if v is not None else "") for v in (
                row["occurred_on"], row["governorate"], row["actor"], row["kind"],
                f"imported {self.files}.{number}", row["status"], row["killed"],
                row["killed_max"], row["women"], row["children"], row["injured"],
                row["injured_max"], "Aleppo Media Center")))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = import_file(self.ledger, path)
        assert report.new == len(rows), report.problems
        self.steps.clear()  # the window's undo stack does not hold an import
        self.keys += [key for (key,) in self.ledger.conn.execute(
            "SELECT id FROM breach WHERE place LIKE ?", (f"imported {self.files}.%",))]

    def merge(self, which: int, values: dict) -> None:
        """A field office's copy of this file, in which one breach is corrected (or
        deleted) and one is new, merged back."""
        self.files += 1
        path = self.folder / f"field-{self.files}.sqlite3"
        write_copy(self.ledger.conn, path)
        with db.open_ledger(path, user="Field", office="Idlib") as field:
            key = self.pick(which)
            if key is not None:
                breach = db.get_breach(field, key)
                if breach.deleted_at is None and values["killed"] % 3 == 0:
                    db.delete_breach(field, key)
                elif breach.deleted_at is None:
                    db.save_breach(field, self.breach(values, breach), allow_duplicate=True)
            self.keys.append(db.save_breach(field, self.breach(values),
                                            allow_duplicate=True).id)
        merge_file(self.ledger, path)
        self.steps.clear()


def plain_weeks(conn: sqlite3.Connection, confirmed_only: bool = False) -> dict[date, tuple]:
    """Calendar weeks (from Monday) counted from the breaches as stored, in plain SQL."""
    weeks: dict[date, list] = {}
    confirmed = " AND status = 'confirmed'" if confirmed_only else ""
    for day, *sums in conn.execute(
            "SELECT occurred_on, count(*), sum(killed), sum(women), sum(children),"
            " sum(injured), sum(coalesce(killed_max, killed)), sum(coalesce(women_max, women)),"
            " sum(coalesce(children_max, children)), sum(coalesce(injured_max, injured))"
            f" FROM breach WHERE deleted_at IS NULL AND status != 'discounted'{confirmed}"
            " GROUP BY occurred_on"):
        day = date.fromisoformat(day)
        week = weeks.setdefault(day - timedelta(days=day.weekday()), [0] * 9)
        week[:] = [a + b for a, b in zip(week, sums)]
    return {first: tuple(sums) for first, sums in weeks.items()}


def plain_months(conn: sqlite3.Connection) -> dict[tuple, tuple]:
    """Each month's counts per governorate and grading, from the breaches as stored."""
    return {(month, governorate, confirmed): tuple(sums) for month, governorate, confirmed, *sums
            in conn.execute(
                "SELECT substr(occurred_on, 1, 7), governorate_id, status = 'confirmed',"
                " count(*), sum(killed), sum(coalesce(injured_max, injured))"
                " FROM breach WHERE deleted_at IS NULL AND status != 'discounted'"
                " GROUP BY 1, 2, 3")}


def kept_months(conn: sqlite3.Connection) -> dict[tuple, tuple]:
    """The same, as the file keeps them (`month_sum`, its grouping by governorate)."""
    return {(month, governorate, confirmed): tuple(sums) for month, governorate, confirmed, *sums
            in conn.execute("SELECT month, governorate_id, confirmed, breaches, killed,"
                            " injured_max FROM month_sum WHERE grouping = 1")}


def counted_weeks(ledger: db.Ledger, where: TotalsFilter | None = None) -> dict[date, tuple]:
    return {w.starts: tuple(getattr(w, n) for n in COUNT_NAMES)
            for w in weekly_totals(ledger, WeekScheme(), where) if w.breaches}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(steps=STEPS)
def test_the_kept_sums_are_a_recount_after_any_sequence_of_changes(template, steps):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "office.sqlite3"
        shutil.copy(template, path)
        with db.open_ledger(path, user="Rima", office="Gaziantep") as ledger:
            office = Office(ledger, Path(folder))
            for step in steps:
                kind, *args = step
                {"new": office.new, "edit": office.edit, "delete": office.delete,
                 "restore": lambda which: office.delete(which, restoring=True),
                 "undo": office.undo, "import": office.import_rows,
                 "merge": office.merge}[kind](*args)
                assert differences(ledger.conn) == [], step
                assert place_differences(ledger.conn) is None, step
            assert kept_months(ledger.conn) == plain_months(ledger.conn)
            assert counted_weeks(ledger) == plain_weeks(ledger.conn)
            assert counted_weeks(ledger, TotalsFilter(confirmed_only=True)) == plain_weeks(
                ledger.conn, confirmed_only=True)


# `check` recomputes the kept sums, and the text index.

def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


@pytest.fixture
def checked_file(tmp_path, template) -> Path:
    """A ledger of three breaches, closed."""
    path = tmp_path / "office.sqlite3"
    shutil.copy(template, path)
    with db.open_ledger(path, user="Rima") as ledger:
        office = Office(ledger, tmp_path)
        for number, day in enumerate(("2017-01-02", "2017-01-03", "2017-01-10")):
            office.new(dict(occurred_on=day, governorate="Aleppo", actor=ACTORS[0],
                            kind="Shelling", status="reported", killed=number + 2, women=0,
                            children=0, injured=1, killed_max=None, women_max=None,
                            children_max=None, injured_max=None))
    return path


def test_check_passes_on_a_file_whose_sums_are_right(checked_file):
    done = run("check", "--db", str(checked_file))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "breaches: 3" and "ok" in done.stdout


def _tamper(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql)
    conn.close()


@pytest.mark.parametrize("tampering", [
    "UPDATE day_sum SET killed = killed + 5 WHERE grouping = 0 AND day = '2017-01-03'",
    "DELETE FROM day_sum WHERE grouping = 6 AND day = '2017-01-03'",
    # A program that writes the breaches without keeping the sums (the sqlite3 shell):
    "UPDATE breach SET killed = 40 WHERE occurred_on = '2017-01-03'",
], ids=["a sum changed", "rows removed", "a breach written by another program"])
def test_check_fails_on_sums_tampered_with_and_says_so(checked_file, tampering):
    _tamper(checked_file, tampering)
    backups = checked_file.parent / "backups"
    made = set(backups.iterdir()) if backups.exists() else set()
    done = run("check", "--db", str(checked_file))
    assert done.returncode == 1
    assert "the totals it keeps for each day differ from its breaches" in done.stderr
    assert "2017-01-03" in done.stderr and "Traceback" not in done.stderr
    assert "ok" not in done.stdout.split()
    assert (set(backups.iterdir()) if backups.exists() else set()) == made  # none made
    # Asked to, the check counts them again from the breaches, and then passes.
    done = run("check", "--recount", "--db", str(checked_file))
    assert done.returncode == 0, done.stderr
    recounted = done.stdout.splitlines()[0]
    assert recounted.startswith("totals recounted: ") and recounted != (
        "totals recounted: 0 rows removed, 0 written")
    with db.open_ledger(checked_file, user="Rima") as ledger:
        assert differences(ledger.conn) == []
        assert counted_weeks(ledger) == plain_weeks(ledger.conn)
    assert run("check", "--db", str(checked_file)).returncode == 0


def test_check_fails_on_a_search_index_tampered_with(checked_file):
    _tamper(checked_file, "DELETE FROM breach_text_data WHERE id > 10")
    with db.open_ledger(checked_file, user="Rima") as ledger:
        with pytest.raises(db.LedgerError) as failed:
            check_and_back_up(ledger.conn, checked_file)
        assert failed.value.code == "search_index_differs"
        assert "its search index differs from the texts it indexes" in error_text(failed.value)
        assert check_and_back_up(ledger.conn, checked_file, recount=True).recounted.search_index
    assert run("check", "--db", str(checked_file)).returncode == 0


def test_a_count_out_of_range_left_by_an_older_version_stops_the_totals(checked_file):
    """Migrated, the file's sums hold the count above MAX_COUNT: totals say so."""
    as_schema(checked_file, 2)
    _tamper(checked_file, "UPDATE breach SET killed = 2000000 WHERE occurred_on = '2017-01-03'")
    with db.open_ledger(checked_file, user="Rima") as ledger:  # migrated to schema 3
        assert differences(ledger.conn) == []
        with pytest.raises(db.LedgerError) as refused:
            weekly_totals(ledger, WeekScheme())
        assert refused.value.code == "count_out_of_range"
        assert refused.value.params == dict(count=1, day="2017-01-03", value=2000000,
                                            limit=1_000_000)
        # A filter that leaves that breach out is counted.
        january_tenth = counted_weeks(ledger, TotalsFilter(date_from="2017-01-09"))
        assert list(january_tenth.values()) == [(1, 4, 0, 0, 1, 4, 0, 0, 1)]
