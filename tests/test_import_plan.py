"""An import writes the plan its dry run showed, or nothing: the rows written are the
plan's (read back with sqlite3); a file changed since the dry run, or a breach (or a
list) another copy wrote meanwhile, refuses the plan with nothing written; a save of
another breach meanwhile does not."""
from __future__ import annotations

import shlex

import pytest

import db
from db.importer import ImportStale, import_file, plan_import, write_import
from tests.conftest import read_rows, table_counts
from tests.test_import import soon
from tests.test_cli_words import run
from tests.test_import_hostile import HEADER, write_csv

BREACH = ("SELECT id, occurred_on, governorate_id, breach_type_id, actor_id, truce_id, place,"
          " killed, description FROM breach WHERE id = ?")
CITED = ("SELECT s.id, s.name FROM citation AS c JOIN source AS s ON s.id = c.source_id"
         " WHERE c.breach_id = ? AND c.deleted_at IS NULL ORDER BY c.position")


def planned_rows(plan) -> dict[str, tuple]:
    """What the plan will write of each breach it writes, as BREACH and CITED read it."""
    return {p.breach.id: ((p.breach.id, p.breach.occurred_on, p.breach.governorate_id,
                           p.breach.breach_type_id, p.breach.actor_id, p.breach.truce_id,
                           p.breach.place, p.breach.killed, p.breach.description),
                          [(c.source_id, c.source_name) for c in p.breach.citations])
            for p in plan.planned if p.action != "unchanged"}


def written_rows(path, keys) -> dict[str, tuple]:
    return {key: (read_rows(path, BREACH, (key,))[0], read_rows(path, CITED, (key,)))
            for key in keys}


@pytest.fixture
def office(ledger, make_breach):
    """A ledger with a truce and one breach, K, that the file updates."""
    db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
    return db.save_breach(ledger, make_breach(description="first report"))


def office_file(tmp_path, saved, killed=3):
    """A file updating K, and two new rows: one naming a new source, one a new
    perpetrator."""
    header = HEADER[:5] + ["Perpetrator"] + HEADER[5:]
    return write_csv(tmp_path / "rows.csv", [
        [saved.id, "2017-01-02", "Aleppo", "Shelling", "Aleppo Media Center", "", "Khan Tuman",
         killed, "corrected", soon()],
        ["", "2017-01-03", "Idlib", "Air strike", "A brand new network", "", "Saraqib", 1,
         "new one", ""],
        ["", "2017-01-04", "Idlib", "Shelling", "Aleppo Media Center", "A new militia",
         "Binnish", 2, "another", ""]], header=header)


def test_the_rows_written_are_the_rows_of_the_dry_run(tmp_path, ledger_path, ledger, office):
    plan = plan_import(ledger, office_file(tmp_path, office))
    assert (plan.report.new, plan.report.updated, plan.report.written) == (2, 1, False)
    shown = planned_rows(plan)
    assert shown[office.id][0][-1] == "corrected"
    assert all(row[0][5] for row in shown.values())  # the truce in force, picked when planned
    report = write_import(ledger, plan)
    assert (report.new, report.updated, report.written) == (2, 1, True)
    assert written_rows(ledger_path, shown) == shown
    # The source and the perpetrator new by name were made with the keys planned.
    assert read_rows(ledger_path, "SELECT name FROM source WHERE id = ?",
                     (shown[next(k for k, v in shown.items() if v[0][-1] == "new one")][1][0][0],)
                     ) == [("A brand new network",)]
    militia = next(v for v in shown.values() if v[0][-1] == "another")[0][4]
    assert read_rows(ledger_path, "SELECT name FROM actor WHERE id = ?", (militia,)) == [
        ("A new militia",)]


def test_a_file_changed_after_the_dry_run_is_refused_and_nothing_written(
        tmp_path, ledger_path, ledger, office):
    path = office_file(tmp_path, office)
    plan = plan_import(ledger, path)
    before = table_counts(ledger_path)
    office_file(tmp_path, office, killed=30)  # the office corrects the file meanwhile
    with pytest.raises(ImportStale) as stale:
        write_import(ledger, plan)
    assert stale.value.params["what"] == "file"
    assert table_counts(ledger_path) == before
    assert read_rows(ledger_path, "SELECT description FROM breach WHERE id = ?",
                     (office.id,)) == [("first report",)]
    again = plan_import(ledger, path)  # planned again, it writes the file as it is now
    write_import(ledger, again)
    assert read_rows(ledger_path, "SELECT killed FROM breach WHERE id = ?",
                     (office.id,)) == [(30,)]


def test_a_breach_another_copy_saved_after_the_dry_run_refuses_the_plan(
        tmp_path, ledger_path, ledger, office):
    plan = plan_import(ledger, office_file(tmp_path, office))
    with db.open_ledger(ledger_path, user="Other") as other:
        breach = db.get_breach(other, office.id)
        breach.description = "saved meanwhile"
        db.save_breach(other, breach)
    before = table_counts(ledger_path)
    with pytest.raises(ImportStale) as stale:
        write_import(ledger, plan)
    assert stale.value.params["what"] == "ledger"
    assert table_counts(ledger_path) == before
    assert read_rows(ledger_path, "SELECT description FROM breach WHERE id = ?",
                     (office.id,)) == [("saved meanwhile",)]
    assert read_rows(ledger_path, "SELECT count(*) FROM breach") == [(1,)]


def test_a_list_another_copy_changed_after_the_dry_run_refuses_the_plan(
        tmp_path, ledger_path, ledger, office):
    plan = plan_import(ledger, office_file(tmp_path, office))
    with db.open_ledger(ledger_path, user="Other") as other:
        db.save_source(other, db.Source(name="A Brand New Network"))  # the name planned
    before = table_counts(ledger_path)
    with pytest.raises(ImportStale):
        write_import(ledger, plan)
    assert table_counts(ledger_path) == before
    # With no one to ask, import_file plans again: the source made meanwhile is cited.
    assert import_file(ledger, plan.path).new == 2
    assert read_rows(ledger_path, "SELECT count(*) FROM source WHERE name LIKE"
                     " 'a brand new network'") == [(1,)]


def test_a_save_of_another_breach_meanwhile_leaves_the_plan_to_be_written(
        tmp_path, ledger_path, ledger, office, make_breach):
    plan = plan_import(ledger, office_file(tmp_path, office))
    shown = planned_rows(plan)
    with db.open_ledger(ledger_path, user="Other") as other:
        db.save_breach(other, make_breach(place="Elsewhere", occurred_on="2017-01-05"))
    assert write_import(ledger, plan).written
    assert written_rows(ledger_path, shown) == shown
    assert read_rows(ledger_path, "SELECT count(*) FROM breach") == [(4,)]


def test_an_import_given_its_dry_run_writes_that_plan_or_nothing(
        tmp_path, ledger_path, ledger, office, make_breach):
    """As the command line's `import --dry-run` then `import`: the dry run's token makes
    the import refuse a breach saved in between, and pass a save of another breach."""
    path = office_file(tmp_path, office)
    agreed = import_file(ledger, path, dry_run=True).token
    with db.open_ledger(ledger_path, user="Other") as other:
        db.save_breach(other, make_breach(place="Elsewhere", occurred_on="2017-01-05"))
    assert import_file(ledger, path, agreed=agreed).new == 2
    again = tmp_path / "again.csv"
    again.write_bytes(path.read_bytes().replace(b"corrected", b"corrected twice"))
    agreed = plan_import(ledger, again).token
    with db.open_ledger(ledger_path, user="Other") as other:
        breach = db.get_breach(other, office.id)
        breach.description = "saved meanwhile"
        db.save_breach(other, breach)
    before = table_counts(ledger_path)
    with pytest.raises(ImportStale):
        import_file(ledger, again, agreed=agreed)
    assert table_counts(ledger_path) == before


def test_the_command_line_imports_what_its_dry_run_printed_or_nothing(
        ledger_path, ledger, tmp_path):
    """`import --dry-run` prints the command that imports exactly what it said; run after
    the file changed, that command writes nothing and says why."""
    ledger.close()
    sheet = tmp_path / "field.csv"
    sheet.write_text("Date,Governorate,Type,Sources\n2017-01-02,Aleppo,Shelling,Shaam\n",
                     encoding="utf-8")
    done = run("import", str(sheet), "--db", str(ledger_path), "--dry-run")
    assert done.returncode == 0, done.stderr
    printed = done.stdout.splitlines()
    assert "1 would be new" in printed[0]
    agreed = shlex.split(printed[1].removeprefix("To import exactly this: "))
    assert agreed[:2] == ["truce-ledger", "import"] and "--agreed" in agreed
    sheet.write_text("Date,Governorate,Type,Sources\n2017-01-03,Aleppo,Shelling,Shaam\n",
                     encoding="utf-8")
    done = run(*agreed[1:])
    assert done.returncode == 1
    assert "field.csv changed after it was read: nothing was imported" in done.stderr
    assert read_rows(ledger_path, "SELECT count(*) FROM breach") == [(0,)]
    done = run("import", str(sheet), "--db", str(ledger_path), "--dry-run")
    done = run(*shlex.split(done.stdout.splitlines()[1].split(": ", 1)[1])[1:])
    assert done.returncode == 0, done.stderr
    assert read_rows(ledger_path, "SELECT occurred_on FROM breach") == [("2017-01-03",)]
