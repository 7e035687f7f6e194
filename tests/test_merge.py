"""Merging the databases of two offices: both ways give the same live records, twice
changes nothing, deletions travel, a bad file is refused and ours is left as it was."""
from __future__ import annotations

import hashlib
import subprocess
import sys
import time

import pytest

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from gui.messages import error_text
from db.breaches import breach_document
from db.demo import create_demo
from db.merge import merge_file
from tests.conftest import ROOT, table_counts


def state(ledger) -> list:
    """Every breach with what a reader sees of it, deleted ones included."""
    result = []
    for (key,) in ledger.conn.execute("SELECT id FROM breach ORDER BY id"):
        doc = breach_document(ledger.conn, key)
        actor = ledger.conn.execute("SELECT name FROM actor WHERE id = ?",
                                    (doc["actor_id"],)).fetchone()[0]
        sources = sorted(ledger.conn.execute(
            "SELECT s.name FROM citation c JOIN source s ON s.id = c.source_id"
            " WHERE c.breach_id = ? AND c.deleted_at IS NULL", (key,)).fetchall())
        result.append((key, doc["description"], doc["killed"], actor, doc["deleted_at"] is None,
                       sorted(v["name"] for v in doc["victims"]), sources, doc["updated_at"]))
    return result


@pytest.fixture
def offices(tmp_path):
    """Two offices that share the demo week, then work apart."""
    main_path, field_path = tmp_path / "main.sqlite3", tmp_path / "field.sqlite3"
    create_demo(main_path, size=200)
    with db.open_ledger(field_path, user="Field", office="Idlib") as field:
        merge_file(field, main_path)
    with db.open_ledger(main_path, user="Main", office="Gaziantep") as main, \
            db.open_ledger(field_path, user="Field", office="Idlib") as field:
        shared = [r.id for r in db.list_breaches(main, limit=40)]
        for key in shared[:6]:  # the main office corrects
            breach = db.get_breach(main, key)
            breach.description += " — corrected in Gaziantep"
            db.save_breach(main, breach, allow_duplicate=True)
        for key in shared[6:9]:
            db.delete_breach(main, key)
        time.sleep(0.002)
        for key in shared[3:5] + shared[10:14]:  # the field office corrects, some later
            breach = db.get_breach(field, key)
            breach.killed += 1
            breach.victims.append(db.Victim(name="Named in Idlib", age=25, sex="male"))
            db.save_breach(field, breach, allow_duplicate=True)
        db.delete_breach(field, shared[15])
        own_actor = db.add_actor(field, "Local militia")
        db.save_breach(field, db.Breach(
            occurred_on="2017-01-04", governorate_id=db.find_by_name(field, "governorate",
                                                                     "Idlib"),
            breach_type_id=db.find_by_name(field, "breach_type", "Sniper fire"),
            actor_id=own_actor, place="Saraqib", citations=[
                db.Citation(source_id=None, source_name="Idlib activist")]))
    return main_path, field_path


def test_merged_both_ways_the_offices_hold_the_same_records(offices):
    main_path, field_path = offices
    with db.open_ledger(main_path, user="Main") as main:
        report = merge_file(main, field_path)
        assert (report.added, report.deleted) == (1, 1)
        assert report.updated == 6  # two both edited (Idlib later), four Idlib alone
    with db.open_ledger(field_path, user="Field") as field:
        merge_file(field, main_path)
    with db.open_ledger(main_path) as main, db.open_ledger(field_path) as field:
        assert state(main) == state(field)
        live = [r for r in state(main) if r[4]]
        assert any(r[3] == "Local militia" and r[6] == [("Idlib activist",)] for r in live)
        corrected = [r for r in live if r[1].endswith("corrected in Gaziantep")]
        assert len(corrected) == 4  # two were corrected later in Idlib, which wins
        assert db.count_breaches(main, db.BreachFilter(deleted=True)).breaches == 4
        # The older version of a breach both edited is in the change log.
        both = [r for r in state(main) if "Named in Idlib" in r[5] and r[2]][0][0]
        actions = [c.action for c in db.record_history(main, both)]
        assert actions.count("update") >= 2


def test_merging_twice_changes_nothing(offices):
    main_path, field_path = offices
    with db.open_ledger(main_path) as main:
        merge_file(main, field_path)
    counts = table_counts(main_path)
    with db.open_ledger(main_path) as main:
        before = state(main)
        report = merge_file(main, field_path)
        assert (report.added, report.updated, report.deleted, report.history) == (0, 0, 0, 0)
        assert state(main) == before
    assert table_counts(main_path) == counts


def bad(kind, path):
    if kind == "foreign":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE people (name)")
        conn.commit()
        conn.close()
    elif kind == "text":
        path.write_text("id,date\n1,2017-01-01\n")
    else:  # damaged
        create_demo(path, size=2000)
        data = bytearray(path.read_bytes())
        page = int.from_bytes(data[16:18], "big")
        data[page * 6: page * 7] = b"\xa5" * page
        path.write_bytes(bytes(data))


@pytest.mark.parametrize("kind", ["foreign", "text", "damaged"])
def test_a_bad_file_is_refused_and_ours_is_unchanged(tmp_path, ledger_path, ledger,
                                                     make_breach, kind):
    db.save_breach(ledger, make_breach())
    ledger.close()
    other = tmp_path / f"{kind}.sqlite3"
    bad(kind, other)
    ours_before = hashlib.sha256(ledger_path.read_bytes()).hexdigest()
    theirs_before = hashlib.sha256(other.read_bytes()).hexdigest()
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "merge", "--db",
                             str(ledger_path), str(other)], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert hashlib.sha256(ledger_path.read_bytes()).hexdigest() == ours_before
    assert hashlib.sha256(other.read_bytes()).hexdigest() == theirs_before


def test_a_cancelled_merge_changes_nothing(offices):
    main_path, field_path = offices
    counts = table_counts(main_path)
    with db.open_ledger(main_path) as main:
        with pytest.raises(db.LedgerError) as cancelled:
            merge_file(main, field_path, progress=lambda done, total: False)
        assert cancelled.value.code == "cancelled"
    assert table_counts(main_path) == counts


def test_the_command_line_merges(offices):
    main_path, field_path = offices
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "merge", "--db",
                             str(main_path), str(field_path)], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "1 added, 6 updated, 1 deleted" in result.stdout


def test_an_office_with_only_our_public_export_takes_nothing_confidential_away(
        tmp_path, ledger_path, ledger, make_breach, lists):
    from db.importer import import_file
    from db.workbook import ExportOptions, export_workbook
    saved = db.save_breach(ledger, make_breach(killed=3, victims=[
        db.Victim(name="Open name", age=30, sex="male"),
        db.Victim(name="Hidden name", age=40, sex="male", confidential=True)]))
    export_workbook(ledger, tmp_path / "public.xlsx", ExportOptions(breach_ids=True))
    field_path = tmp_path / "field.sqlite3"
    with db.open_ledger(field_path, user="Field") as field:
        import_file(field, tmp_path / "public.xlsx")
        theirs = db.get_breach(field, saved.id)
        theirs.description = "corrected in Idlib"
        db.save_breach(field, theirs)
    report = merge_file(ledger, field_path)
    assert report.updated == 1
    ours = db.get_breach(ledger, saved.id)
    assert ours.description == "corrected in Idlib"
    assert sorted(v.name for v in ours.victims) == ["Hidden name", "Open name"]
    assert [c.reference for c in ours.citations] == ["https://example.org/1"]
    assert db.get_source(ledger, lists["source"]).contact == "+90 555 000 11"


def test_the_demo_is_never_merged_into_real_breaches(tmp_path, ledger_path, ledger,
                                                     make_breach):
    db.save_breach(ledger, make_breach())
    demo = tmp_path / "demo.sqlite3"
    create_demo(demo)
    with pytest.raises(db.BadFileError) as refused:
        merge_file(ledger, demo)
    assert refused.value.code == "demo_mix"
    assert error_text(refused.value) == ("demo.sqlite3 is a demo database: the demo is never "
                                         "mixed with real breaches.")
    assert db.count_breaches(ledger).breaches == 1
    with db.open_ledger(demo) as demo_ledger, pytest.raises(db.BadFileError):
        merge_file(demo_ledger, ledger_path)


def test_what_a_merge_writes_agrees_with_a_recount_and_is_found(offices):
    """The sums kept per day, the places and the search index after merges that add
    breaches and change counted figures (killed) and texts, both ways: as a recount from
    the breaches says; a merged description is found by the text filter."""
    from db.backup import kept_differences
    main_path, field_path = offices
    with db.open_ledger(main_path, user="Main") as main:
        merge_file(main, field_path)
    with db.open_ledger(field_path, user="Field") as field:
        merge_file(field, main_path)
    for path in (main_path, field_path):
        with db.open_ledger(path) as ledger:
            assert kept_differences(ledger.conn, path.name) is None
            found = db.list_breaches(ledger, db.BreachFilter(text="corrected in Gaziantep"))
            assert len(found) == 4


def test_the_history_of_a_breach_merged_new_is_the_breach_as_it_reads_back(
        tmp_path, ledger, lists):
    """A breach new to us, merged with every digit of its coordinates: its entry in our
    change log, written with the copy, is the breach as it reads back."""
    field_path = tmp_path / "field.sqlite3"
    with db.open_ledger(field_path, user="Field", office="Idlib") as field:
        saved = db.save_breach(field, db.Breach(
            occurred_on="2017-01-04", place="Saraqib", latitude=35.862345678901234,
            longitude=36.80000000000001, killed=2,
            governorate_id=db.find_by_name(field, "governorate", "Idlib"),
            breach_type_id=db.find_by_name(field, "breach_type", "Sniper fire"),
            actor_id=db.add_actor(field, "Local militia"),
            victims=[db.Victim(name="Someone", age=20, sex="male")],
            citations=[db.Citation(source_id=None, source_name="Idlib activist")]))
    report = merge_file(ledger, field_path)
    assert report.added == 1
    entries = [c for c in db.record_history(ledger, saved.id) if c.user == ledger.user]
    assert [c.action for c in entries] == ["insert"]
    assert entries[0].after == breach_document(ledger.conn, saved.id)
    assert entries[0].after["latitude"] == 35.862345678901234


def test_a_merge_cancelled_as_it_writes_changes_nothing_and_can_be_run_again(offices):
    """Cancelled at its last report, just before the commit, a merge leaves our file as it
    was; run again on the same connection, it merges."""
    main_path, field_path = offices
    counts = table_counts(main_path)
    with db.open_ledger(main_path) as main:
        with pytest.raises(db.LedgerError) as cancelled:
            merge_file(main, field_path, progress=lambda done, total: done < total)
        assert cancelled.value.code == "cancelled"
        assert table_counts(main_path) == counts
        report = merge_file(main, field_path)
        assert (report.added, report.updated, report.deleted) == (1, 6, 1)
