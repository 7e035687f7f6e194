"""The quick ways an import reads the rows of a spreadsheet (db/import_rows.py,
db/cell_values.py, db/sheets.py) keep what the careful ways gave: a workbook's own date and
time cells are stored as the same moments, an ID in any form names one breach, a row
with several problems still says each of them, a name new to a list makes one entry, and
the interpreter's collector of cycles runs again after an import, written or refused."""
from __future__ import annotations

import gc
import sqlite3
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from openpyxl import Workbook

import db
from db.import_write import new_ids
from db.importer import ImportRefused, import_file, plan_import
from tests.test_import_hostile import write_csv

HEADER = ["ID", "Date", "Governorate", "Type", "Sources", "Place", "Killed", "Women killed",
          "Latitude", "Longitude", "Status", "Perpetrator", "Created", "Updated"]


def workbook(path, rows: list[list]):
    book = Workbook()
    sheet = book.active
    sheet.title = "Breaches"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_workbooks_date_and_time_cells_are_stored_as_utc_moments(tmp_path, ledger_path,
                                                                    ledger, lists):
    key = str(uuid.uuid4())
    path = workbook(tmp_path / "office.xlsx", [
        [key, datetime(2017, 1, 3), "Idlib", "Air strike", "Aleppo Media Center", "Saraqib",
         2, 1, 35.86, 36.8, "confirmed", "Unknown group", datetime(2017, 1, 3, 9, 30),
         datetime(2017, 1, 4, 10, 15, 30, 250000)],
        ["", datetime(2017, 1, 5), "Aleppo", "Shelling", "Aleppo Media Center", "Al-Eis", 0,
         0, None, None, "", "", None, None]])
    report = import_file(ledger, path)
    assert report.new == 2
    with sqlite3.connect(ledger_path) as other:
        stored = other.execute(
            "SELECT occurred_on, killed, women, latitude, longitude, status, created_at,"
            " updated_at FROM breach WHERE id = ?", (key,)).fetchone()
        later = other.execute("SELECT status, latitude, created_at <> '' FROM breach"
                              " WHERE id <> ?", (key,)).fetchone()
        actors = other.execute("SELECT count(*) FROM actor WHERE name = 'Unknown group'"
                               ).fetchone()
    assert stored == ("2017-01-03", 2, 1, 35.86, 36.8, "confirmed",
                      "2017-01-03T09:30:00.000000Z", "2017-01-04T10:15:30.250000Z")
    assert later == ("reported", None, 1)
    assert actors == (1,)


def test_a_moment_after_tomorrow_in_a_date_cell_is_refused_with_its_column(tmp_path,
                                                                        ledger, lists):
    ahead = (datetime.now(timezone.utc) + timedelta(days=3)).replace(tzinfo=None, microsecond=0)
    path = workbook(tmp_path / "office.xlsx", [
        ["", datetime(2017, 1, 3), "Idlib", "Air strike", "Aleppo Media Center", "Saraqib",
         2, 0, None, None, "", "", datetime(1999, 12, 31, 23, 0), ahead]])
    with pytest.raises(ImportRefused) as refused:
        import_file(ledger, path)
    (row, code, params), = refused.value.report.problems
    assert (row, code) == (2, "cells")
    assert [(reason, given["label"]) for reason, given in params["reasons"]] == [
        ("cell_moment_range", "Created"), ("cell_moment_range", "Updated")]
    assert db.list_breaches(ledger) == []


def test_an_id_in_upper_case_or_braces_names_the_same_breach(tmp_path, ledger, make_breach):
    db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
    saved = db.save_breach(ledger, make_breach(description="first report", killed=2))
    later = (datetime.now(timezone.utc) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S")
    path = write_csv(tmp_path / "rows.csv", [
        ["{" + saved.id.upper() + "}", "2017-01-02", "Aleppo", "Shelling",
         "Aleppo Media Center", "Khan Tuman", 5, "changed", later]])
    report = import_file(ledger, path)
    assert (report.new, report.updated) == (0, 1)
    (breach,) = db.list_breaches(ledger)
    assert (breach.id, breach.killed) == (saved.id, 5)


def test_every_problem_of_a_row_is_said_and_good_rows_beside_it_are_not(tmp_path, ledger,
                                                                       lists):
    good = ["", "2017-01-02", "Aleppo", "Shelling", "Aleppo Media Center", "Al-Eis", 1,
            "", ""]
    path = write_csv(tmp_path / "rows.csv", [
        good, ["", "2017-02-30", "Gaza", "Shelling", "", "Al-Eis", -1, "", "soon"], good])
    with pytest.raises(ImportRefused) as refused:
        import_file(ledger, path)
    report = refused.value.report
    assert report.refused == 1
    (row, code, params), = report.problems
    assert (row, code) == (3, "cells")
    assert [reason for reason, _given in params["reasons"]] == [
        "cell_no_such_day", "cell_moment", "cell_count", "not_in_list", "cell_no_source"]


def test_a_new_source_named_by_many_rows_is_made_once(tmp_path, ledger_path, ledger, lists):
    rows = [["", f"2017-01-0{1 + n % 5}", "Aleppo", "Shelling",
             "Brand New Network; Aleppo Media Center", f"village {n}", 1, "", ""]
            for n in range(30)]
    rows.append(["", "2017-01-07", "Aleppo", "Shelling", "brand new network", "v", 1, "", ""])
    plan = plan_import(ledger, write_csv(tmp_path / "rows.csv", rows))
    assert [(table, name) for table, name, _key in plan.made] == [
        ("source", "Brand New Network")]
    assert import_file(ledger, tmp_path / "rows.csv").new == 31
    with sqlite3.connect(ledger_path) as other:
        assert other.execute("SELECT count(*) FROM citation c JOIN source s ON"
                             " s.id = c.source_id WHERE s.name = 'Brand New Network'"
                             ).fetchone() == (31,)


def test_the_collector_of_cycles_runs_again_after_an_import(tmp_path, ledger, lists):
    assert gc.isenabled()
    good = ["", "2017-01-02", "Aleppo", "Shelling", "Aleppo Media Center", "Al-Eis", 1, "",
            ""]
    import_file(ledger, write_csv(tmp_path / "good.csv", [good]))
    assert gc.isenabled()
    with pytest.raises(ImportRefused):
        import_file(ledger, write_csv(tmp_path / "bad.csv", [good[:1] + ["no day"] + good[2:]]))
    assert gc.isenabled()


def test_keys_made_at_once_are_new_random_keys_as_any_other():
    keys = new_ids(2000)
    assert len(set(keys)) == 2000
    for key in keys:
        made = uuid.UUID(key)
        assert (str(made), made.version, made.variant) == (key, 4, uuid.RFC_4122)
