"""Merging a file made to harm (issue 9): another office's file, or one forged to look like
it, may carry keys of our records under other breaches, times in 2999, breaches dated
9999, views and triggers of its own. Each is refused whole, with its reasons, and our file
is left as it was; what is accepted reads back as it was in theirs."""
from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from gui.messages import error_text
from db.demo import create_demo
from db.merge import MergeRefused, merge_file
from db.moments import checked_stored
from tests.conftest import ROOT, fill_disk, read_rows

NOW = datetime.now(timezone.utc)


def dump(path: Path) -> dict:
    """Every row of every table of the file, read with a fresh connection."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}"))) for t in tables}
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def forge(path: Path, *statements: str, params=()) -> None:
    """Change their file behind the program's back, as a forger would (no foreign keys)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement, params if "?" in statement else ())
    finally:
        conn.close()


def copy_of(source: Path, target: Path) -> Path:
    """A whole copy of a ledger file (WAL included), as an office gives another."""
    conn, into = sqlite3.connect(source), sqlite3.connect(target)
    try:
        conn.backup(into)
    finally:
        conn.close()
        into.close()
    return target


@pytest.fixture
def ours(ledger, make_breach, lists):
    """Our breach with a confidential victim, a public one and a citation."""
    saved = db.save_breach(ledger, make_breach(killed=3, victims=[
        db.Victim(name="Open name", age=30, sex="male"),
        db.Victim(name="Hidden name", age=40, sex="male", confidential=True)]))
    hidden = next(v.id for v in saved.victims if v.confidential)
    db.add_truce(ledger, db.Truce(name="Our truce", start_date="2016-12-30"))
    return {"breach": saved.id, "hidden": hidden, "citation": saved.citations[0].id}


def their_office(path: Path, **changes) -> tuple[Path, str]:
    """Another office's file of its own, with one breach (a victim, a citation, a new
    actor, a new source, a truce); returns its path and the breach's key."""
    with db.open_ledger(path, user="Field", office="Idlib") as field:
        db.add_truce(field, db.Truce(name="Their truce", start_date="2016-12-29"))
        values = dict(
            occurred_on="2017-01-04", governorate_id=db.find_by_name(field, "governorate",
                                                                     "Idlib"),
            breach_type_id=db.find_by_name(field, "breach_type", "Sniper fire"),
            actor_id=db.add_actor(field, "Local militia"), place="Saraqib", killed=1,
            victims=[db.Victim(name="Someone", age=20, sex="male")],
            citations=[db.Citation(source_id=None, source_name="Idlib activist",
                                   reported_on="2017-01-04")])
        values.update(changes)
        saved = db.save_breach(field, db.Breach(**values))
    return path, saved.id


def refused(ledger, other: Path) -> MergeRefused:
    """Merge `other`, which must be refused, and check our file is left as it was."""
    before = dump(ledger.path)
    with pytest.raises(MergeRefused) as refusal:
        merge_file(ledger, other)
    assert dump(ledger.path) == before
    return refusal.value


# 4. A key that is, here, another breach's record -------------------------------------------

@pytest.mark.parametrize("table, name, confidential", [
    ("victim", "Renamed", 0), ("victim", "Renamed", 1), ("victim", "Hidden name", 0),
    ("citation", None, None)])
def test_a_key_of_another_breach_of_ours_is_refused(tmp_path, ledger, ours, table, name,
                                                    confidential):
    other, their_breach = their_office(tmp_path / "field.sqlite3")
    ours_key = ours["hidden"] if table == "victim" else ours["citation"]
    forge(other, f"UPDATE {table} SET id = '{ours_key}' WHERE breach_id = '{their_breach}'")
    if table == "victim":
        forge(other, "UPDATE victim SET name = ?, confidential = ? WHERE id = ?",
              params=(name, confidential, ours_key))
    refusal = refused(ledger, other)
    assert f"{table} {ours_key} of breach {their_breach} (2017-01-04)" in error_text(refusal)
    assert f"breach {ours['breach']}" in error_text(refusal)
    assert read_rows(ledger.path, "SELECT breach_id, name, confidential FROM victim"
                                  " WHERE id = ?", (ours["hidden"],)) == [
        (ours["breach"], "Hidden name", 1)]


@pytest.mark.parametrize("name", ["Hidden name", "Renamed there"])
def test_a_merge_never_makes_a_confidential_victim_public(tmp_path, ledger, ours, name):
    from openpyxl import load_workbook

    from db.workbook import ExportOptions, export_workbook
    other = copy_of(ledger.path, tmp_path / "field.sqlite3")
    with db.open_ledger(other, user="Field", office="Idlib") as field:
        theirs = db.get_breach(field, ours["breach"])
        theirs.description = "corrected in Idlib"
        db.save_breach(field, theirs)
    forge(other, "UPDATE victim SET confidential = 0, name = ? WHERE id = ?",
          params=(name, ours["hidden"]))
    assert merge_file(ledger, other).updated == 1
    assert db.get_breach(ledger, ours["breach"]).description == "corrected in Idlib"
    assert read_rows(ledger.path, "SELECT confidential FROM victim WHERE id = ?",
                     (ours["hidden"],)) == [(1,)]
    export_workbook(ledger, tmp_path / "public.xlsx", ExportOptions())
    sheet = load_workbook(tmp_path / "public.xlsx", read_only=True)["Victims"]
    written = {str(cell) for row in sheet.iter_rows(values_only=True) for cell in row}
    assert name not in written and "Open name" in written


@pytest.mark.parametrize("forgery", ["citation cites our source", "breach names our truce",
                                     "breach names our actor"])
def test_a_key_of_a_list_entry_not_in_their_file_is_refused(tmp_path, ledger, ours, lists,
                                                            forgery):
    other, their_breach = their_office(tmp_path / "field.sqlite3")
    if forgery == "citation cites our source":
        forge(other, f"UPDATE citation SET source_id = '{lists['activist']}'")
    elif forgery == "breach names our truce":
        key = read_rows(ledger.path, "SELECT id FROM truce WHERE name = 'Our truce'")[0][0]
        forge(other, f"UPDATE breach SET truce_id = '{key}'")
    else:
        forge(other, f"UPDATE breach SET actor_id = '{lists['regime']}'")
    refusal = refused(ledger, other)
    assert f"breach {their_breach} (2017-01-04)" in error_text(refusal)
    assert read_rows(ledger.path, "SELECT count(*) FROM breach") == [(1,)]


def test_a_list_entry_whose_key_is_taken_here_is_kept_apart(tmp_path, ledger, ours, lists):
    other, their_breach = their_office(tmp_path / "field.sqlite3")
    forge(other, "PRAGMA foreign_keys = OFF",
          f"UPDATE citation SET source_id = '{lists['activist']}'",
          f"UPDATE source SET id = '{lists['activist']}' WHERE name = 'Idlib activist'")
    merge_file(ledger, other)
    assert db.get_source(ledger, lists["activist"]).name == "Activist in Khan Tuman"
    assert db.get_source(ledger, lists["activist"]).contact == "secret@example.org"
    assert [c.source_name for c in db.get_breach(ledger, their_breach).citations] == [
        "Idlib activist"]


# 5. Times outside 2000 .. a day ahead of our clock ----------------------------------------

BAD_MOMENTS = ["2999-01-01T00:00:00.000000Z", "0999-01-01T00:00:00.000000Z",
               "9999-12-31T23:59:59.999999Z", "1999-12-31T23:59:59.999999Z",
               (NOW + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
               "2017-01-06 09:30:00", "2017-02-30T00:00:00.000000Z", "soon"]
TIME_COLUMNS = [("breach", "updated_at"), ("breach", "created_at"), ("breach", "deleted_at"),
                ("victim", "updated_at"), ("citation", "created_at"), ("source", "updated_at"),
                ("truce", "updated_at"), ("actor", "created_at"), ("change_log", "changed_at")]


@pytest.mark.parametrize("moment", BAD_MOMENTS)
@pytest.mark.parametrize("table, column", TIME_COLUMNS)
def test_a_time_out_of_range_refuses_the_merge(tmp_path, ledger, ours, table, column, moment):
    other, their_breach = their_office(tmp_path / "field.sqlite3")
    forge(other, f"UPDATE {table} SET {column} = ?", params=(moment,))
    refusal = refused(ledger, other)
    assert f"{column.replace('_', ' ')} {moment!r}" in error_text(refusal)
    if table in ("breach", "victim", "citation"):
        assert f"breach {their_breach} (2017-01-04)" in error_text(refusal)


def test_a_time_a_little_ahead_of_our_clock_is_taken(tmp_path, ledger, ours):
    other, their_breach = their_office(tmp_path / "field.sqlite3")
    ahead = (NOW + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    forge(other, "UPDATE breach SET updated_at = ?", params=(ahead,))
    assert merge_file(ledger, other).added == 1
    assert db.get_breach(ledger, their_breach).updated_at == ahead


# 8. Every row by the editor's rules --------------------------------------------------------

TOMORROW = (date.today() + timedelta(days=1)).isoformat()
BAD_ROWS = {
    "dated 9999": "UPDATE breach SET occurred_on = '9999-01-01'",
    "dated 2099": "UPDATE breach SET occurred_on = '2099-01-01'",
    "dated tomorrow": f"UPDATE breach SET occurred_on = '{TOMORROW}'",
    "dated 2017-02-31": "UPDATE breach SET occurred_on = '2017-02-31'",
    "dated 2017-13-45": "UPDATE breach SET occurred_on = '2017-13-45'",
    "dated 1066": "UPDATE breach SET occurred_on = '1066-01-04'",
    "at 29:00": "UPDATE breach SET occurred_at = '29:00'",
    "killed over the maximum": "UPDATE breach SET killed = 2000000",
    "injured up to 10**15": "UPDATE breach SET injured_max = 1000000000000000",
    "latitude alone": "UPDATE breach SET latitude = 36.0",
    "fewer killed than its victims": "UPDATE breach SET killed = 0",
    "no source": "DELETE FROM citation",
    "a victim without a name": "UPDATE victim SET name = '', name_latin = ''",
    "reported in month 13": "UPDATE citation SET reported_on = '2017-13-45'",
    "reported tomorrow": f"UPDATE citation SET reported_on = '{TOMORROW}'",
    "a tombstone reported in 9999": "UPDATE citation SET deleted_at = updated_at,"
                                    " reported_on = '9999-01-01'",
}


@pytest.mark.parametrize("forgery", BAD_ROWS, ids=list(BAD_ROWS))
def test_a_breach_that_breaks_a_rule_refuses_the_merge(tmp_path, ledger, ours, forgery):
    other, their_breach = their_office(tmp_path / "field.sqlite3")
    forge(other, BAD_ROWS[forgery])
    day = read_rows(other, "SELECT occurred_on FROM breach")[0][0]
    refusal = refused(ledger, other)
    assert f"breach {their_breach} ({day})" in error_text(refusal)


BAD_LISTS = {
    "a source named with ;": ("UPDATE source SET name = 'A; B'", "source 'A; B'"),
    "a source of no kind we know": ("UPDATE source SET kind = 'spy'", "source 'Idlib activist'"),
    "a truce starting 'soon'": ("UPDATE truce SET start_date = 'soon'", "truce 'Their truce'"),
    "a truce ending in 9999": ("UPDATE truce SET end_date = '9999-01-01'",
                               "truce 'Their truce'"),
    "an actor without a name": ("UPDATE actor SET name = '' WHERE name = 'Local militia'",
                                "actor ''"),
    "a history entry that holds no record": ("UPDATE change_log SET after = 'not JSON'",
                                             "is not a record"),
    "a history entry of no table of ours": ("UPDATE change_log SET record_table = 'people'",
                                            "it names no table of a ledger ('people')"),
    "a governorate not in the gazetteer": (
        "INSERT INTO gazetteer (id, kind, name, created_at, updated_at) VALUES ('g', "
        "'governorate', 'Gaza', '2017-01-01T00:00:00.000000Z', '2017-01-01T00:00:00.000000Z')",
        "governorate 'Gaza'"),
}


def test_a_breach_that_would_break_a_rule_with_what_we_keep_refuses_the_merge(tmp_path,
                                                                            ledger, ours,
                                                                            english):
    other = copy_of(ledger.path, tmp_path / "field.sqlite3")
    forge(other, f"DELETE FROM victim WHERE id = '{ours['hidden']}'")  # they never saw it
    with db.open_ledger(other, user="Field") as field:
        theirs = db.get_breach(field, ours["breach"])
        theirs.killed, theirs.women, theirs.children = 1, 0, 0  # the one victim they see
        db.save_breach(field, theirs)
    refusal = refused(ledger, other)
    assert (f"breach {ours['breach']} (2017-01-02), with what it holds here that their file "
            "lacks: Killed (1) cannot be below the 2 named victims it lists.") in error_text(refusal)


@pytest.mark.parametrize("forgery", BAD_LISTS, ids=list(BAD_LISTS))
def test_a_list_entry_that_breaks_a_rule_refuses_the_merge(tmp_path, ledger, ours, forgery):
    other, _ = their_office(tmp_path / "field.sqlite3")
    statement, named = BAD_LISTS[forgery]
    forge(other, statement)
    assert named in error_text(refused(ledger, other))


def test_a_refusal_names_twenty_breaches_and_counts_the_rest(tmp_path, ledger, ours):
    other, _ = their_office(tmp_path / "field.sqlite3")
    with db.open_ledger(other) as field:
        first = db.get_breach(field, read_rows(other, "SELECT id FROM breach")[0][0])
        for n in range(24):
            db.save_breach(field, db.Breach(
                occurred_on="2017-01-05", governorate_id=first.governorate_id,
                breach_type_id=first.breach_type_id, actor_id=first.actor_id,
                place=f"Village {n}", citations=[db.Citation(source_id=first.citations[0]
                                                             .source_id)]))
    forge(other, "UPDATE breach SET occurred_on = '2099-01-05'")
    refusal = refused(ledger, other)
    assert error_text(refusal).count("(2099-01-05)") == 20 and "; and 5 more." in error_text(refusal)
    assert len(refusal.reasons) == 20 and refusal.more == 5


def test_the_command_line_refuses_in_one_line_and_totals_still_count(tmp_path, ledger_path,
                                                                       ledger, ours):
    other, their_breach = their_office(tmp_path / "field.sqlite3")
    forge(other, "UPDATE breach SET occurred_on = '9999-01-01'")
    ledger.close()
    before = dump(ledger_path)
    run = [sys.executable, str(ROOT / "main.py")]
    merged = subprocess.run(run + ["merge", "--db", str(ledger_path), str(other)],
                            capture_output=True, text=True, cwd=ROOT)
    assert merged.returncode == 1 and len(merged.stderr.strip().splitlines()) == 1
    assert f"breach {their_breach} (9999-01-01)" in merged.stderr
    assert merged.stderr.count("the year must be between 1900 and 2100") == 1
    assert ".." not in merged.stderr  # one full stop at the end of a reason
    assert dump(ledger_path) == before
    totals = subprocess.run(run + ["totals", "--db", str(ledger_path), "--format", "csv"],
                            capture_output=True, text=True, cwd=ROOT)
    assert totals.returncode == 0 and "Traceback" not in totals.stderr


# 10. A file whose schema is not exactly ours ------------------------------------------------

SCHEMA_FORGERIES = {
    "change_log a recursive view": [
        "DROP TABLE change_log",
        "CREATE VIEW change_log AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
        " FROM n WHERE i < 50) SELECT 'x' || i AS id, '2017-01-01T00:00:00.000000Z' AS"
        " changed_at, '' AS user, '' AS office, 'breach' AS record_table, 'k' AS record_id,"
        " 'insert' AS action, NULL AS before, NULL AS after FROM n"],
    "a view of its own": ["CREATE VIEW people AS SELECT name FROM victim"],
    "a trigger of its own": ["CREATE TRIGGER grow AFTER INSERT ON breach BEGIN"
                             " INSERT INTO meta VALUES ('x', 'y'); END"],
    "a column of its own": ["ALTER TABLE victim ADD COLUMN secret TEXT"],
    "a table of its own": ["CREATE TABLE notes (x TEXT)"],
    "an index missing": ["DROP INDEX breach_by_actor"],
}


@pytest.mark.parametrize("forgery", SCHEMA_FORGERIES, ids=list(SCHEMA_FORGERIES))
def test_a_file_whose_schema_is_not_ours_is_refused_unread(tmp_path, ledger, ours, forgery):
    other, _ = their_office(tmp_path / "field.sqlite3")
    forge(other, *SCHEMA_FORGERIES[forgery])
    before, theirs_before = dump(ledger.path), digest(other)
    with pytest.raises(db.BadFileError) as refusal:
        merge_file(ledger, other)
    assert refusal.value.code == "foreign_schema"
    assert error_text(refusal.value).startswith(
        "field.sqlite3 is not a Truce Ledger database as this program makes them: it")
    assert error_text(refusal.value).endswith("; nothing was changed.")
    assert dump(ledger.path) == before and digest(other) == theirs_before


def test_reading_a_file_costs_no_more_than_its_size(tmp_path):
    from db.merge_checks import _Budget
    other, _ = their_office(tmp_path / "field.sqlite3")
    size = sum(p.stat().st_size for p in (other, Path(f"{other}-wal")) if p.exists())
    budget = _Budget(other)
    for _ in range(size // 100 - 1):
        budget.pay(100)  # a row of 99 bytes of text: a file of ours holds at least as much
    with pytest.raises(db.BadFileError) as refusal:
        budget.pay(200)
    assert refusal.value.code == "foreign_schema"
    assert "holds more rows than a file of its size can" in error_text(refusal.value)


# The demo mark, 6 (the write lock) and 14 (a full disk) -------------------------------------

@pytest.mark.parametrize("how", ["cancelled", "refused"])
def test_a_merge_that_does_not_happen_leaves_no_demo_mark(tmp_path, ledger_path, ledger, how):
    demo = tmp_path / "demo.sqlite3"
    create_demo(demo)
    before = dump(ledger_path)
    if how == "refused":
        forge(demo, "UPDATE breach SET updated_at = '2999-01-01T00:00:00.000000Z'")
    with pytest.raises(db.LedgerError):
        merge_file(ledger, demo, progress=(lambda done, total: how != "cancelled"))
    assert read_rows(ledger_path, "SELECT value FROM meta WHERE key = 'demo'") == []
    assert dump(ledger_path) == before


def test_another_copy_saves_while_a_merge_reads_and_its_later_save_wins(tmp_path, ledger_path,
                                                                         ledger, ours):
    other = copy_of(ledger_path, tmp_path / "field.sqlite3")
    with db.open_ledger(other, user="Field") as field:
        theirs = db.get_breach(field, ours["breach"])
        theirs.description = "corrected in Idlib"
        db.save_breach(field, theirs)
    saved_meanwhile = []

    def progress(done, total):
        if not saved_meanwhile:  # the first report: the merge is reading and checking
            with db.open_ledger(ledger_path, user="Other copy") as copy:
                copy.wait_for_writers(0)  # a save that finds the write lock held fails
                breach = db.get_breach(copy, ours["breach"])
                breach.description = "saved meanwhile"
                saved_meanwhile.append(db.save_breach(copy, breach))
        return True

    report = merge_file(ledger, other, progress)
    assert saved_meanwhile and (report.updated, report.left) == (0, 1)
    assert db.get_breach(ledger, ours["breach"]).description == "saved meanwhile"


def test_a_source_another_copy_adds_while_a_merge_reads_is_the_one_cited(tmp_path,
                                                                         ledger_path, ledger,
                                                                         ours):
    other, their_breach = their_office(tmp_path / "field.sqlite3")
    added = []

    def progress(done, total):
        if not added:  # the merge has planned its writes against our file as it was
            with db.open_ledger(ledger_path, user="Other copy") as copy:
                copy.wait_for_writers(0)
                added.append(db.save_source(copy, db.Source(name="Idlib activist",
                                                            contact="+90 555 000 99")).id)
        return True

    assert merge_file(ledger, other, progress).added == 1
    assert [c.source_id for c in db.get_breach(ledger, their_breach).citations] == added
    assert read_rows(ledger_path, "SELECT count(*) FROM source WHERE name = 'Idlib activist'"
                     " AND deleted_at IS NULL") == [(1,)]


def test_a_full_disk_is_said_and_nothing_is_changed(qapp, tmp_path, small_disk):
    from gui.messages import error_text
    other = tmp_path / "demo.sqlite3"
    create_demo(other, size=300)
    path = small_disk / "office.sqlite3"
    with db.open_ledger(path, user="Rima") as ours:
        before = dump(path)
        filler = fill_disk(small_disk)
        with pytest.raises(db.LedgerError) as full:
            merge_file(ours, other)
        assert full.value.code == "disk_full"
        assert error_text(full.value).startswith(f"The disk holding {small_disk} is full")
        assert "demo.sqlite3" not in error_text(full.value) and "read" not in error_text(full.value)
        assert error_text(full.value).startswith(f"The disk holding {small_disk} is full")
        filler.unlink()
        assert dump(path) == before
        assert merge_file(ours, other).added == 551
    assert read_rows(path, "PRAGMA quick_check") == [("ok",)]


# Random files: refused whole with ours unchanged, or taken and reading back as sent --------

from hypothesis import HealthCheck, event, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

MOMENT_VALUES = st.one_of(
    st.sampled_from(BAD_MOMENTS + ["2017-01-06T09:30:00.000000Z", ""]),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
        lambda d: d.strftime("%Y-%m-%dT%H:%M:%S.%fZ").rjust(27, "0")),
    st.text(max_size=30))
DAY_VALUES = st.one_of(
    st.dates(min_value=date(1, 1, 1)).map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
    st.sampled_from(["2017-02-31", "2017-13-45", "2017-01-04", TOMORROW, "20170104"]),
    st.text(max_size=12))
COUNT_COLUMNS = ["killed", "killed_max", "women", "women_max", "children", "children_max",
                 "injured", "injured_max"]
TEXT_COLUMNS = [("breach", "description"), ("breach", "place"), ("breach", "district"),
                ("victim", "name"), ("victim", "notes"), ("source", "name"),
                ("source", "contact"), ("actor", "name"), ("truce", "name"),
                ("citation", "reference")]
MUTATIONS = st.one_of(
    st.tuples(st.just("time"), st.sampled_from(TIME_COLUMNS), MOMENT_VALUES),
    st.tuples(st.just("day"), st.sampled_from([("breach", "occurred_on"),
                                               ("citation", "reported_on"),
                                               ("truce", "start_date"), ("truce", "end_date")]),
              DAY_VALUES),
    st.tuples(st.just("count"), st.sampled_from([("breach", c) for c in COUNT_COLUMNS]),
              st.one_of(st.integers(-3, 40), st.integers(0, 10 ** 13), st.none())),
    st.tuples(st.just("our key"), st.sampled_from([("victim", "id"), ("citation", "id")]),
              st.integers(0, 5)),
    st.tuples(st.just("confidential"), st.just(("victim", "confidential")), st.integers(0, 1)),
    st.tuples(st.just("text"), st.sampled_from(TEXT_COLUMNS), st.text(max_size=40)),
    st.tuples(st.just("schema"), st.just(("", "")), st.sampled_from(list(SCHEMA_FORGERIES))))


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """Our file (three breaches, one with a confidential victim) and theirs: a copy of ours
    then worked on apart (a correction, a deletion, a breach of its own)."""
    folder = tmp_path_factory.mktemp("templates")
    ours, theirs = folder / "ours.sqlite3", folder / "theirs.sqlite3"
    with db.open_ledger(ours, user="Rima", office="Gaziantep") as ledger:
        aleppo = db.find_by_name(ledger, "governorate", "Aleppo")
        shelling = db.find_by_name(ledger, "breach_type", "Shelling")
        source = db.save_source(ledger, db.Source(name="Aleppo Media Center",
                                                  contact="+90 555 000 11")).id
        db.add_truce(ledger, db.Truce(name="Ceasefire", start_date="2016-12-30"))
        for n in range(3):
            db.save_breach(ledger, db.Breach(
                occurred_on=f"2017-01-0{n + 2}", governorate_id=aleppo,
                breach_type_id=shelling, place=f"Village {n}", killed=2,
                victims=[db.Victim(name=f"Open {n}", age=30, sex="male"),
                         db.Victim(name=f"Hidden {n}", age=40, sex="male",
                                   confidential=True)],
                citations=[db.Citation(source_id=source, reported_on="2017-01-04")]))
    copy_of(ours, theirs)
    with db.open_ledger(theirs, user="Field", office="Idlib") as field:
        first, second = [r.id for r in db.list_breaches(field, limit=3)][:2]
        breach = db.get_breach(field, first)
        breach.description, breach.killed = "corrected in Idlib", 3
        db.save_breach(field, breach)
        db.delete_breach(field, second)
        their_own(field)
    return ours, theirs


def their_own(field) -> None:
    db.save_breach(field, db.Breach(
        occurred_on="2017-01-04", governorate_id=db.find_by_name(field, "governorate", "Idlib"),
        breach_type_id=db.find_by_name(field, "breach_type", "Sniper fire"),
        actor_id=db.add_actor(field, "Local militia"), place="Saraqib", killed=1,
        victims=[db.Victim(name="Someone", age=20, sex="male")],
        citations=[db.Citation(source_id=None, source_name="Idlib activist")]))


def mutate(path: Path, ours: Path, mutation) -> None:
    """One change a forger could make to their file; none when SQLite itself refuses it
    (a CHECK or a type of the schema), since no file can hold that."""
    kind, (table, column), value = mutation
    if kind == "schema":
        with contextlib.suppress(sqlite3.DatabaseError):  # a change made already
            forge(path, *SCHEMA_FORGERIES[value])
        return
    if kind == "our key":
        keys = [r[0] for r in read_rows(ours, f"SELECT id FROM {table} ORDER BY id")]
        value = keys[value % len(keys)]
    rows = [r[0] for r in read_rows(path, f"SELECT rowid FROM {table} ORDER BY rowid")]
    if not rows:
        return
    row = rows[hash((kind, column, str(value))) % len(rows)]
    with contextlib.suppress(sqlite3.DatabaseError):
        forge(path, f"UPDATE {table} SET {column} = ? WHERE rowid = {row}", params=(value,))


def logged_as_read_back(ledger) -> None:
    """The change-log entry the merge wrote last for a breach holds the breach as it now
    reads back (the history shows what the merge did)."""
    import json

    from db.breaches import breach_document
    last = {}
    for key, after in read_rows(ledger.path, "SELECT record_id, after FROM change_log"
                                             " WHERE user = ? AND record_table = 'breach'"
                                             " ORDER BY rowid", (ledger.user,)):
        last[key] = json.loads(after)
    for key, after in last.items():
        assert after == breach_document(ledger.conn, key)


def test_what_a_merge_writes_in_the_history_is_the_breach_as_it_reads_back(templates,
                                                                           tmp_path):
    ours = copy_of(templates[0], tmp_path / "ours.sqlite3")
    with db.open_ledger(ours, user="Merger") as ledger:
        report = merge_file(ledger, templates[1])
        assert (report.added, report.updated, report.deleted) == (1, 1, 1)
        logged_as_read_back(ledger)


def taken_back(ledger, theirs: Path, before: dict) -> None:
    """What was taken reads back as it was in theirs; our confidential victims stay ours
    and confidential."""
    columns = ", ".join(c for c in BREACH_COLUMNS_COMPARED)
    their_rows = {r[0]: r for r in read_rows(theirs, f"SELECT id, {columns} FROM breach")}
    our_rows = {r[0]: r for r in read_rows(ledger.path, f"SELECT id, {columns} FROM breach")}
    for key, row in their_rows.items():
        if key not in before["updated"] or row[-1] > before["updated"][key]:
            assert our_rows[key] == row  # theirs, newer or new, was taken as it was
    for (key,) in read_rows(ledger.path, "SELECT id FROM breach WHERE deleted_at IS NULL"):
        db.validate_breach(ledger, db.get_breach(ledger, key))  # the editor's rules hold
    for table, column in TIME_COLUMNS:
        for (moment,) in read_rows(ledger.path, f"SELECT {column} FROM {table}"
                                                f" WHERE {column} IS NOT NULL"):
            checked_stored(moment)
    for key, breach_id in before["confidential"]:
        assert read_rows(ledger.path, "SELECT breach_id, confidential FROM victim WHERE id = ?",
                         (key,)) == [(breach_id, 1)]


BREACH_COLUMNS_COMPARED = ("occurred_on", "occurred_at", "place", "district", "description",
                           "killed", "killed_max", "women", "women_max", "children",
                           "children_max", "injured", "injured_max", "status", "deleted_at",
                           "updated_at")


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutations=st.lists(MUTATIONS, min_size=1, max_size=4))
def test_a_random_file_is_refused_whole_or_taken_as_it_is(templates, tmp_path_factory,
                                                          mutations):
    folder = tmp_path_factory.mktemp("example")
    ours = copy_of(templates[0], folder / "ours.sqlite3")
    theirs = copy_of(templates[1], folder / "theirs.sqlite3")
    for mutation in mutations:
        mutate(theirs, ours, mutation)
    with db.open_ledger(ours, user="Merger") as ledger:
        before = dump(ours)
        before_state = {
            "confidential": read_rows(ours, "SELECT id, breach_id FROM victim"
                                            " WHERE confidential = 1"),
            "updated": dict(read_rows(ours, "SELECT id, updated_at FROM breach"))}
        try:
            merge_file(ledger, theirs)
        except db.LedgerError as refusal:
            event(f"refused: {refusal.code}")
            assert "\n" not in error_text(refusal)
            assert dump(ours) == before
            return
        event("taken")
        taken_back(ledger, theirs, before_state)
        logged_as_read_back(ledger)
        merged = dump(ours)
        again = merge_file(ledger, theirs)
        assert (again.added, again.updated, again.deleted, again.history) == (0, 0, 0, 0)
        assert dump(ours) == merged


def test_the_window_says_why_a_merge_was_refused(qapp, tmp_path, ledger, ours):
    from gui.messages import error_text
    other, their_breach = their_office(tmp_path / "field.sqlite3")
    forge(other, "UPDATE breach SET occurred_on = '2099-01-01'")
    with pytest.raises(MergeRefused) as refusal:
        merge_file(ledger, other)
    assert error_text(refusal.value).startswith(
        f"field.sqlite3 cannot be merged, so nothing was changed: breach {their_breach} "
        "(2099-01-01): Date cannot be in the future.")
    forge(other, "CREATE VIEW people AS SELECT name FROM victim")
    with pytest.raises(db.BadFileError) as foreign:
        merge_file(ledger, other)
    assert error_text(foreign.value) == ("field.sqlite3 is not a Truce Ledger database as this "
                                         "program makes them: its view people is not ours; "
                                         "nothing was changed.")


def _trigger_in_the_log(path: Path) -> None:
    """Add to `path` a trigger of its own that stays in its write-ahead log (not yet in
    the file), as a process killed before any checkpoint leaves it."""
    code = ("import os, sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
            "c.execute('CREATE TRIGGER t AFTER INSERT ON breach BEGIN DELETE FROM victim; END')\n"
            "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    Path(f"{path}-shm").unlink()


def test_a_forged_file_reached_through_a_link_is_refused_as_by_its_own_name(
        tmp_path, ledger, ours):
    """SQLite reads the log beside the file a link points to: the checks look there too,
    so a trigger hidden in that log is refused through a link as it is directly, and our
    victims stay."""
    other, _ = their_office(tmp_path / "field.sqlite3")
    _trigger_in_the_log(other)
    link = tmp_path / "link.sqlite3"
    link.symlink_to(other)
    before = dump(ledger.path)
    with pytest.raises(db.BadFileError) as refusal:
        merge_file(ledger, link)
    assert refusal.value.code == "foreign_schema" and "trigger t" in error_text(refusal.value)
    assert dump(ledger.path) == before


def test_a_file_merged_through_a_link_with_saves_in_its_log_is_merged(tmp_path, ledger, ours):
    """A genuine file whose latest saves are still in its log is read whole through a
    link, as by its own name."""
    other, their_breach = their_office(tmp_path / "field.sqlite3")
    keep = sqlite3.connect(other, isolation_level=None)  # open: its save stays in the log
    keep.execute("PRAGMA wal_autocheckpoint = 0")
    keep.execute("UPDATE breach SET place = 'Sarmin' WHERE id = ?", (their_breach,))
    assert Path(f"{other}-wal").stat().st_size > 0
    link = tmp_path / "link.sqlite3"
    link.symlink_to(other)
    try:
        report = merge_file(ledger, link)
    finally:
        keep.close()
    assert report.added == 1
    assert read_rows(ledger.path, "SELECT place FROM breach WHERE id = ?",
                     (their_breach,)) == [("Sarmin",)]


def test_a_file_saved_to_while_it_is_merged_is_refused_and_ours_is_unchanged(tmp_path,
                                                                            ledger, ours):
    """Another copy saves to their file while the merge checks it: what the write would
    copy is no longer what was checked, so nothing is merged; merged again, it is taken as
    it is now."""
    other, their_breach = their_office(tmp_path / "field.sqlite3")
    before = dump(ledger.path)
    saved = []

    def progress(done, total):
        if not saved:  # the first report: their file is being checked
            with db.open_ledger(other, user="Field") as field:
                breach = db.get_breach(field, their_breach)
                breach.description = "saved while merged"
                saved.append(db.save_breach(field, breach))
        return True

    with pytest.raises(db.BadFileError) as refusal:
        merge_file(ledger, other, progress)
    assert saved and refusal.value.code == "merge_changed"
    assert dump(ledger.path) == before
    assert merge_file(ledger, other).added == 1
    assert db.get_breach(ledger, their_breach).description == "saved while merged"


@pytest.mark.parametrize("how", ["hard link", "symbolic link", "another spelling"])
def test_our_own_file_under_another_name_is_not_merged_into_itself(tmp_path, ledger, ours,
                                                                  how):
    other = tmp_path / "other.sqlite3"
    if how == "hard link":
        os.link(ledger.path, other)
    elif how == "symbolic link":
        other.symlink_to(ledger.path)
    else:
        other = ledger.path.parent / "." / ledger.path.name
    before = dump(ledger.path)
    with pytest.raises(db.BadFileError) as refusal:
        merge_file(ledger, other)
    assert refusal.value.code == "merge_self"
    assert dump(ledger.path) == before


# Issue 9, review (brief G, point 5): a text the editor would have stored cleaned (trimmed,
# NFC) comes in only as the editor stores it; lists join by that name, whatever its case.

from db.totals import TotalsFilter, scheme_for, totals_by  # noqa: E402

# Every text the editors store cleaned (db/rules.py normalized, db/lists.py).
CLEANED_COLUMNS = [
    ("breach", "district"), ("breach", "place"), ("breach", "description"),
    ("citation", "reference"), ("citation", "note"),
    ("victim", "name"), ("victim", "name_latin"), ("victim", "notes"),
    ("gazetteer", "name"), ("gazetteer", "name_ar"),
    ("actor", "name"), ("actor", "name_ar"), ("actor", "notes"),
    ("breach_type", "name"), ("breach_type", "name_ar"),
    ("truce", "name"), ("truce", "brokered_by"), ("truce", "notes"),
    ("source", "name"), ("source", "kind"), ("source", "reliability"), ("source", "contact"),
    ("source", "notes")]
# The ways a text can differ from what the editor stores: spaces of any kind around it, a
# letter and its accent apart (NFD) where the editor joins them (NFC).
DIRT = {"space after": lambda v: f"{v} ", "space before": lambda v: f" {v}",
        "tab and line feed": lambda v: f"\t{v}\n",
        "no-break and ideographic spaces": lambda v: f"\u00a0{v}\u3000",
        "accent apart (NFD)": lambda v: f"{v} Sarace\u0301"}


@pytest.mark.parametrize("dirt", DIRT, ids=list(DIRT))
@pytest.mark.parametrize("table, column", CLEANED_COLUMNS)
def test_a_text_not_as_the_editor_stores_it_refuses_the_merge(tmp_path, ledger, ours, table,
                                                              column, dirt):
    other, _ = their_office(tmp_path / "field.sqlite3")
    (key, value), = read_rows(other, f"SELECT id, {column} FROM {table}"
                                     f" WHERE rowid = (SELECT max(rowid) FROM {table})")
    forged = DIRT[dirt](value or "Saraqib")
    forge(other, f"UPDATE {table} SET {column} = ? WHERE id = '{key}'", params=(forged,))
    refusal = refused(ledger, other)  # and ours is left as it was
    words = {"name_latin": "name in Latin script", "name_ar": "Arabic name"}.get(
        column, column.replace("_", " "))
    assert f"its {words} {forged!r} " in error_text(refusal)
    assert ("spaces around it" if forged.strip() != forged else "(NFC)") in error_text(refusal)


def _actor_breach(path: Path, actor: str) -> None:
    """Their file with a breach of a new actor, `actor` written as a forger would."""
    their_office(path)
    forge(path, "UPDATE actor SET name = ? WHERE name = 'Local militia'", params=(actor,))


def test_a_near_duplicate_name_is_refused_and_totals_count_one_perpetrator(tmp_path, ledger,
                                                                           ours, lists):
    """The forged 'Assad regime forces ' (a space after, a key of its own) would have been
    a second perpetrator beside ours in the totals by actor."""
    other = tmp_path / "field.sqlite3"
    _actor_breach(other, "Assad regime forces ")
    refusal = refused(ledger, other)
    assert "actor 'Assad regime forces ': its name 'Assad regime forces ' has spaces" \
        in error_text(refusal)
    rows = totals_by(ledger, "actor", TotalsFilter(), scheme_for(ledger))
    assert [row.name for row in rows] == ["Assad regime forces"]


@pytest.mark.parametrize("ours_written, theirs_written", [
    ("Hezbollah militias ", "Hezbollah militias"),
    ("  Hezbollah militias", "HEZBOLLAH MILITIAS"),
    ("Sarace\u0301b militia", "SARAC\u00c9B MILITIA"),
    ("Sarace\u0301b militia ", "Sarac\u00e9b Militia"),
])
def test_lists_are_joined_by_the_cleaned_case_folded_name(tmp_path, ledger, ours, lists,
                                                          make_breach, ours_written,
                                                          theirs_written):
    """Our entry written by an older version (untrimmed, or NFD) and theirs, as the editor
    stores it, are one perpetrator: their breach joins ours, and a second merge changes
    nothing."""
    key = db.add_actor(ledger, "placeholder")
    db.save_breach(ledger, make_breach(actor_id=key, place="Ours"))
    forge(ledger.path, "UPDATE actor SET name = ? WHERE id = ?", params=(ours_written, key))
    other = tmp_path / "field.sqlite3"
    _actor_breach(other, theirs_written)
    merge_file(ledger, other)
    merged = dump(ledger.path)
    assert read_rows(ledger.path, "SELECT count(*) FROM actor WHERE id = ? OR name = ?",
                     (key, theirs_written)) == [(1,)]
    assert read_rows(ledger.path, "SELECT count(*) FROM breach WHERE actor_id = ?",
                     (key,)) == [(2,)]
    again = merge_file(ledger, other)
    assert (again.added, again.updated, again.deleted) == (0, 0, 0)
    assert dump(ledger.path) == merged


@pytest.mark.parametrize("ours_written, theirs_written", [
    ("Aleppo Media Center ", "Aleppo Media Center"), ("Sarace\u0301b", "SARAC\u00c9B")])
def test_sources_and_victims_are_joined_by_the_cleaned_name(tmp_path, ledger, ours, lists,
                                                            ours_written, theirs_written):
    forge(ledger.path, "UPDATE source SET name = ? WHERE id = ?",
          params=(ours_written, lists["source"]))
    other, their_breach = their_office(tmp_path / "field.sqlite3", citations=[
        db.Citation(source_id=None, source_name=theirs_written, reported_on="2017-01-04")])
    merge_file(ledger, other)
    assert read_rows(ledger.path, "SELECT count(*) FROM source") == [(2,)]  # no new source
    assert read_rows(ledger.path, "SELECT source_id FROM citation WHERE breach_id = ?",
                     (their_breach,)) == [(lists["source"],)]


def test_a_citation_of_no_breach_is_refused_alone_and_the_next_breach_keeps_its_own(
        tmp_path, ledger, ours):
    """Their tables are read side by side in key order: a citation whose breach is not in
    their file, its key before their breach's, is named alone, and the breach after it
    is checked with its own citation (not refused as one without a source)."""
    other, their_breach = their_office(tmp_path / "field.sqlite3")
    forge(other, "CREATE TEMP TABLE lost AS SELECT * FROM citation",
          "UPDATE temp.lost SET id = 'lost-citation', breach_id = '0'",
          "INSERT INTO citation SELECT * FROM temp.lost")
    refusal = refused(ledger, other)
    assert len(refusal.reasons) == 1 and refusal.more == 0
    assert "lost-citation" in error_text(refusal) and their_breach not in error_text(refusal)
