"""The quick ways an import reads the rows of a spreadsheet (db/import_rows.py,
db/cell_values.py, db/sheets.py) keep what the careful ways gave: a workbook's own date and
time cells are stored as the same moments, an ID in any form names one breach, a row
with several problems still says each of them, a name new to a list makes one entry, and
the interpreter's collector of cycles runs again after an import, written or refused."""
from __future__ import annotations

import gc
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.cell_values import moment, text
from db.errors import CellError
from db.import_rows import _breach_by_cells, _breach_quickly, _Names, _Unread
from db.import_write import new_ids
from db.moments import MomentError, parse_moment
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


# Cells as spreadsheets and CSV files give them, for each kind of column: (good, any).
_COUNTS = (st.one_of(st.none(), st.integers(0, 10**6), st.integers(0, 10**6).map(float),
                     st.sampled_from(["3", "3.0", "١٥", "1,000", "١٬٠٠٠", " 7 "])),
           st.one_of(st.booleans(), st.integers(-3, 3), st.floats(),
                     st.sampled_from(["", "-2", "2.5", "x", "1e3"])))
_NUMBERS = (st.one_of(st.none(), st.floats(-90, 90), st.integers(-90, 90),
                      st.sampled_from(["36.2", "36,2", "٣٦٫٢"])),
            st.one_of(st.just(""), st.booleans(), st.floats(),
                      st.sampled_from(["nan", "inf", "north", "1e3"])))
_MOMENTS = (st.one_of(st.none(), st.datetimes(min_value=datetime(2000, 1, 1),
                                              max_value=datetime(2025, 1, 1)),
                      st.sampled_from(["2017-01-03T09:30:00Z", "2017-01-03 09:30"])),
            st.one_of(st.just(""), st.datetimes(
                min_value=datetime(1990, 1, 1), max_value=datetime(2040, 1, 1),
                timezones=st.sampled_from([None, timezone.utc, timezone(timedelta(hours=3))])),
                st.sampled_from(["soon", "1999-12-31T23:00", "2017-01-03T09:30:00+03:00"])))
_TEXTS = (st.one_of(st.none(), st.just(""), st.sampled_from(["Saraqib", " Al-Eis ", "إعزاز"])),
          st.one_of(st.integers(0, 99), st.floats(), st.sampled_from(
              ["a\u200fb", "x" * 300, "A\tB", "  "])))
_COLUMNS = {
    "id": (st.one_of(st.none(), st.uuids().map(str), st.sampled_from(["17", "row-4"])),
           st.one_of(st.uuids().map(lambda key: "{" + str(key).upper() + "}"),
                     st.integers(1, 99), st.just(""))),
    "occurred_on": (st.one_of(st.dates(date(2011, 1, 1), date(2025, 1, 1)),
                              st.sampled_from(["2017-01-06", "6/1/2017",
                                               "٦ كانون الثاني ٢٠١٧"])),
                    st.one_of(st.none(), st.dates(), st.datetimes(),
                              st.integers(19_000, 81_000), st.floats(),
                              st.sampled_from(["2017-02-30", "tomorrow", ""]))),
    "occurred_at": (st.sampled_from([None, "", "09:30"]), st.sampled_from(["25:00", "9", 3.5])),
    "governorate": (st.sampled_from(["Aleppo", "aleppo", "حلب"]),
                    st.sampled_from(["Gaza", "", None, 7])),
    "breach_type": (st.sampled_from(["Shelling", "Air strike"]),
                    st.sampled_from(["Picnic", "", None])),
    "actor": (st.sampled_from(["Assad regime forces", "Unknown group", "", None]),
              st.sampled_from([" ", 4.0])),
    "truce": (st.sampled_from(["", None]), st.sampled_from(["No such truce", 1])),
    "sources": (st.sampled_from(["Aleppo Media Center", "Aleppo Media Center; New network"]),
                st.sampled_from(["", None, " ; ", 12])),
    "status": (st.sampled_from(["", None, "confirmed", "Confirmed"]),
               st.sampled_from(["maybe", 1, "مؤكد"])),
    **{name: _TEXTS for name in ("district", "place", "description", "office", "entered_by")},
    "latitude": _NUMBERS, "longitude": _NUMBERS,
    "created_at": _MOMENTS, "updated_at": _MOMENTS,
    **{name: _COUNTS for name in ("killed", "killed_max", "women", "women_max", "children",
                                  "children_max", "injured", "injured_max")},
}


@st.composite
def _rows(draw):
    """A row of good cells, with up to two of them any cell at all."""
    row = draw(st.fixed_dictionaries({name: good for name, (good, _any) in _COLUMNS.items()}))
    for name in draw(st.lists(st.sampled_from(sorted(_COLUMNS)), max_size=2)):
        row[name] = draw(st.one_of(*_COLUMNS[name]))
    return row


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(row=_rows())
def test_a_row_read_the_quick_way_is_what_the_careful_reading_makes_of_it(ledger, lists, row):
    """Whatever a row holds, the quick reading of a row (the one most rows take) gives the
    breach, and the text a row without an ID gets its key from, that the reading cell by
    cell gives; a row it cannot read is left to that reading, which says every problem."""
    names = _Names(ledger.conn)
    try:
        quick, quick_content = _breach_quickly(names, row, "Gaziantep")
    except (CellError, _Unread):
        event("left to the careful reading")
        return  # read again cell by cell: _breach_of gives only what that reading gives
    event("read the quick way")
    careful, careful_content = _breach_by_cells(names, row, "Gaziantep")
    # A "nan" coordinate is read as NaN both ways (the rules then refuse it), and NaN
    # equals nothing, itself included: compared as written.
    assert repr(quick) == repr(careful)
    assert quick_content() == careful_content()


@settings(max_examples=400, deadline=None)
@given(value=st.one_of(*_MOMENTS))
def test_a_moment_read_the_quick_way_is_what_the_reader_of_moments_makes_of_it(value):
    try:
        expected = parse_moment(text(value) if isinstance(value, str) else value)
    except MomentError:
        expected = "refused"
    try:
        found = moment(value, "Created")
    except CellError:
        found = "refused"
    assert found == expected
