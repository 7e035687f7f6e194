"""Imports of hostile or careless files (issue 9): a save made meanwhile is never written
over, other copies are not locked out, victims are neither dropped nor lost, moments and
dates are sane, a file that means something else is refused with its row, and a sheet too
large for the reader is refused before it is read."""
from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import sys
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from gui.messages import error_text, reason_text
from tests.words import raises_saying
from db.importer import ImportRefused, import_file
from db.workbook import ExportOptions, export_workbook
from tests.conftest import ROOT, read_rows
from tests.test_import import soon

HEADER = ["ID", "Date", "Governorate", "Type", "Sources", "Place", "Killed", "Description",
          "Updated"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_csv(path: Path, rows: list[list], header=HEADER) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header] + rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def filler(count: int) -> list[list]:
    """`count` valid rows of no ID, each a different place."""
    return [["", "2017-01-03", "Idlib", "Air strike", "Aleppo Media Center", f"village {n}",
             1, "", ""] for n in range(count)]


def refused_unchanged(ledger_path: Path, ledger: db.Ledger, path: Path):
    """Import `path` into the closed `ledger`'s file: it must be refused and the file left
    byte for byte as it was. Returns the error."""
    ledger.close()
    before = digest(ledger_path)
    with db.open_ledger(ledger_path) as reopened:
        with pytest.raises(db.LedgerError) as refused:
            import_file(reopened, path)
    assert digest(ledger_path) == before
    return refused.value


def problem_rows(error) -> list[int]:
    return [row for row, *_ in error.report.problems]


# 1. A save made by another copy while the import plans is never written over.

def test_an_import_never_overwrites_a_save_made_while_it_planned(tmp_path, ledger_path,
                                                                 ledger, make_breach):
    saved = db.save_breach(ledger, make_breach(description="first report"))
    planned_against = datetime.strptime(saved.updated_at, "%Y-%m-%dT%H:%M:%S.%fZ")
    newer_than_that = (planned_against + timedelta(milliseconds=5)).isoformat()
    path = write_csv(tmp_path / "rows.csv", [[saved.id, "2017-01-02", "Aleppo", "Shelling",
                                              "Aleppo Media Center", "Khan Tuman", 3,
                                              "the file's older copy", newer_than_that]]
                     + filler(4_100))
    later = {}

    def save_meanwhile(done, total):
        if not later:  # another copy of the program saves K while the import plans
            with db.open_ledger(ledger_path, user="Other") as other:
                breach = db.get_breach(other, saved.id)
                breach.description = "saved meanwhile"
                later["at"] = db.save_breach(other, breach).updated_at
        return True

    import_file(ledger, path, progress=save_meanwhile)
    assert later["at"] > newer_than_that  # the save is later than the file's row
    assert read_rows(ledger_path, "SELECT description, updated_at FROM breach WHERE id = ?",
                     (saved.id,)) == [("saved meanwhile", later["at"])]


# 6. A long import keeps the write lock briefly, and is all or nothing.

def test_other_copies_save_while_a_20000_row_import_runs(tmp_path, ledger_path, ledger,
                                                        lists):
    path = write_csv(tmp_path / "many.csv", filler(20_000))
    done = threading.Event()
    saves, failures = [], []

    def other_copy():
        with db.open_ledger(ledger_path, user="Other") as other:
            other.wait_for_writers(5_000)  # a few seconds, not what a whole import takes
            number = 0
            while not done.is_set():
                number += 1
                try:
                    db.save_breach(other, db.Breach(
                        occurred_on="2017-01-04", governorate_id=lists["aleppo"],
                        breach_type_id=lists["shelling"], place=f"other {number}",
                        citations=[db.Citation(source_id=lists["source"])]))
                    saves.append(number)
                except db.LedgerError as error:
                    failures.append(error_text(error))
                done.wait(0.05)

    thread = threading.Thread(target=other_copy)
    thread.start()
    try:
        report = import_file(ledger, path)
    finally:
        done.set()
        thread.join()
    assert failures == []
    assert report.new == 20_000 and saves
    assert read_rows(ledger_path, "SELECT count(*) FROM breach WHERE place LIKE 'other %'") \
        == [(len(saves),)]
    assert read_rows(ledger_path, "SELECT count(*) FROM breach WHERE place LIKE 'village %'") \
        == [(20_000,)]


def test_an_import_cancelled_at_its_last_step_leaves_the_file_unchanged(tmp_path,
                                                                       ledger_path, ledger,
                                                                       make_breach):
    db.save_breach(ledger, make_breach())
    path = write_csv(tmp_path / "many.csv", filler(3_000))
    ledger.close()
    before = digest(ledger_path)
    with db.open_ledger(ledger_path) as reopened, pytest.raises(db.LedgerError) as stopped:
        # The last call comes when every row is written, before the commit.
        import_file(reopened, path, progress=lambda done, total: done != total)
    assert stopped.value.code == "cancelled"
    assert digest(ledger_path) == before


def test_an_import_failing_after_its_last_row_leaves_the_file_unchanged(
        tmp_path, ledger_path, ledger, make_breach, monkeypatch):
    from db import importer
    db.save_breach(ledger, make_breach())
    path = write_csv(tmp_path / "many.csv", filler(12_000))  # three batches
    ledger.close()
    before = digest(ledger_path)
    real_apply, written = importer._Writer.apply, []

    def fail_after_the_last_row(self, prepared, progress):
        real_apply(self, prepared, progress)
        written.append(read_count(self.conn))
        raise sqlite3.OperationalError("disk I/O error")  # every row is in, the commit next

    monkeypatch.setattr(importer._Writer, "apply", fail_after_the_last_row)
    with db.open_ledger(ledger_path) as reopened, pytest.raises(db.LedgerError) as failed:
        import_file(reopened, path)
    assert written == [12_001] and "nothing was imported" in error_text(failed.value)
    assert digest(ledger_path) == before
    assert list(ledger_path.parent.glob(".*.stage*")) == []  # the scratch file is gone


def read_count(conn) -> int:
    return conn.execute("SELECT count(*) FROM breach").fetchone()[0]


def test_an_import_onto_a_full_disk_says_so_and_changes_nothing(tmp_path, small_disk,
                                                                lists):
    from tests.conftest import fill_disk
    path = small_disk / "office.sqlite3"
    with db.open_ledger(path) as ledger:
        db.save_source(ledger, db.Source(name="Aleppo Media Center"))
    rows = write_csv(tmp_path / "many.csv", filler(6_000))
    before = digest(path)
    with db.open_ledger(path) as ledger:
        filler_file = fill_disk(small_disk)
        try:
            with pytest.raises(db.LedgerError) as full:
                import_file(ledger, rows)
        finally:
            filler_file.unlink()
    assert full.value.code == "disk_full"
    assert list(small_disk.glob(".*.stage*")) == []
    assert "is full" in error_text(full.value) and str(small_disk) in error_text(full.value)
    assert digest(path) == before
    assert read_rows(path, "SELECT count(*) FROM breach") == [(0,)]


def test_an_import_keeps_what_a_save_keeps(tmp_path, ledger_path, ledger, make_breach):
    """The batched writing stores what one save at a time stored: the breach, citations,
    victims, new sources and perpetrators by name, each with its change-log entry."""
    saved = db.save_breach(ledger, make_breach(description="first", victims=[
        db.Victim(name="Hidden", confidential=True, age=40, sex="male")]))
    book = Workbook()
    sheet = book.active
    sheet.title = "Breaches"
    sheet.append(["ID", "Date", "Governorate", "Type", "Sources", "Perpetrator", "Killed",
                  "Description", "Updated"])
    sheet.append([saved.id, "2017-01-02", "Aleppo", "Shelling",
                  "Aleppo Media Center; A new source", "A new militia", 3, "corrected",
                  soon()])
    sheet.append(["", "2017-01-05", "Idlib", "Air strike", "A new source", "", 1, "new one",
                  ""])
    sheet.append(["", "2017-01-06", "Idlib", "Air strike", "Aleppo Media Center", "", 1,
                  "plain", ""])
    victims = book.create_sheet("Victims")
    victims.append(["Breach ID", "Name", "Sex", "Age"])
    victims.append([saved.id, "Open", "female", 30])
    book.save(tmp_path / "file.xlsx")
    report = import_file(ledger, tmp_path / "file.xlsx")
    assert (report.new, report.updated) == (2, 1)
    updated = db.get_breach(ledger, saved.id)
    assert updated.description == "corrected"
    assert [c.source_name for c in updated.citations] == ["Aleppo Media Center",
                                                          "A new source"]
    assert updated.citations[0].reference == "https://example.org/1"  # kept
    assert sorted(v.name for v in updated.victims) == ["Hidden", "Open"]
    assert [c.action for c in db.record_history(ledger, saved.id)] == ["insert", "update"]
    history = db.record_history(ledger, saved.id)[-1]
    assert history.before["description"] == "first"
    assert history.after["description"] == "corrected"
    assert read_rows(ledger_path, "SELECT count(*) FROM source WHERE name = 'A new source'") \
        == [(1,)]
    assert read_rows(ledger_path, "SELECT count(*) FROM change_log WHERE record_table ="
                     " 'actor' AND after LIKE '%A new militia%'") == [(1,)]
    new = [r for r in db.list_breaches(ledger) if r.description == "new one"][0]
    assert [c.action for c in db.record_history(ledger, new.id)] == ["insert"]
    plain = [r for r in db.list_breaches(ledger) if r.description == "plain"][0]
    from db.breaches import breach_document
    for key in (saved.id, new.id, plain.id):  # the history holds the breach as it is stored
        assert db.record_history(ledger, key)[-1].after == breach_document(ledger.conn, key)
    assert read_rows(ledger_path, "SELECT count(*) FROM change_log WHERE record_table ="
                     " 'breach'") == [(4,)]
    assert list(ledger_path.parent.glob(".*.stage*")) == []  # the scratch file is gone


def test_a_source_another_copy_makes_meanwhile_is_the_one_cited(tmp_path, ledger_path,
                                                                 ledger, lists, monkeypatch):
    """The import prepares its statements before it takes the write lock; a source it will
    make that another copy makes meanwhile is then cited, not made twice."""
    from db import importer
    path = write_csv(tmp_path / "rows.csv", [["", "2017-01-02", "Aleppo", "Shelling",
                                              "Brand new source", "a", 1, "", ""]])
    real_prepare, made = importer._Writer.prepare, {}

    def prepare_then_another_copy_saves(self, plan):
        prepared = real_prepare(self, plan)
        if not made:
            with db.open_ledger(ledger_path, user="Other") as other:
                made["id"] = db.save_source(other, db.Source(name="Brand New Source")).id
        return prepared

    monkeypatch.setattr(importer._Writer, "prepare", prepare_then_another_copy_saves)
    assert import_file(ledger, path).new == 1
    assert read_rows(ledger_path, "SELECT s.id FROM citation c JOIN source s ON"
                     " s.id = c.source_id") == [(made["id"],)]
    assert read_rows(ledger_path, "SELECT count(*) FROM source WHERE name LIKE"
                     " 'brand new source'") == [(1,)]
    from db.breaches import breach_document
    key = read_rows(ledger_path, "SELECT id FROM breach")[0][0]
    assert db.record_history(ledger, key)[-1].after == breach_document(ledger.conn, key)


# 2. A Victims sheet whose rows cannot be tied to breaches.

def public_export_with_victims(tmp_path, ledger, make_breach) -> tuple[db.Breach, Path]:
    saved = db.save_breach(ledger, make_breach(killed=3, victims=[
        db.Victim(name="Open one", age=30, sex="male"),
        db.Victim(name="Open two", age=8, sex="female"),
        db.Victim(name="Hidden", age=40, sex="male", confidential=True)]))
    public = tmp_path / "public.xlsx"
    export_workbook(ledger, public, ExportOptions(breach_ids=True))
    return saved, public


def mark_newer(book) -> None:
    sheet = book["Breaches"]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(2, headers.index("Updated") + 1).value = soon().replace("T", " ")
    sheet.cell(2, headers.index("Description") + 1).value = "corrected"


@pytest.mark.parametrize("damage", ["column removed", "column renamed", "ids blank"])
def test_a_victims_sheet_that_cannot_be_tied_to_breaches_removes_no_victim(
        tmp_path, ledger_path, ledger, make_breach, damage):
    saved, public = public_export_with_victims(tmp_path, ledger, make_breach)
    book = load_workbook(public)
    mark_newer(book)
    victims = book["Victims"]
    if damage == "column removed":
        victims.delete_cols(1)
    elif damage == "column renamed":
        victims["A1"] = "Incident"
    else:
        for row in range(2, victims.max_row + 1):
            victims.cell(row, 1).value = None
    book.save(public)
    error = refused_unchanged(ledger_path, ledger, public)
    assert "Victims" in error_text(error) and "Breach ID" in error_text(error)
    names = read_rows(ledger_path, "SELECT name FROM victim WHERE breach_id = ? AND"
                      " deleted_at IS NULL ORDER BY name", (saved.id,))
    assert names == [("Hidden",), ("Open one",), ("Open two",)]


# 3. Victims of rows that use the office's own IDs.

@pytest.mark.parametrize("as_numbers", [False, True])
def test_victims_of_rows_with_the_offices_own_ids_are_stored(tmp_path, ledger_path, ledger,
                                                            lists, as_numbers):
    book = Workbook()
    sheet = book.active
    sheet.title = "Breaches"
    sheet.append(["ID", "Date", "Governorate", "Type", "Sources", "Place", "Killed"])
    ids = [7, 8] if as_numbers else ["7", "8"]
    sheet.append([ids[0], "2017-01-02", "Aleppo", "Shelling", "Aleppo Media Center", "a", 2])
    sheet.append([ids[1], "2017-01-02", "Idlib", "Shelling", "Aleppo Media Center", "b", 1])
    victims = book.create_sheet("Victims")
    victims.append(["Breach ID", "Name", "Sex", "Age"])
    victims.append([ids[0], "Ahmad", "male", 30])
    victims.append([ids[0], "Omar", "male", 29])
    victims.append([ids[1], "Sami", "male", 52])
    book.save(tmp_path / "office.xlsx")
    report = import_file(ledger, tmp_path / "office.xlsx")
    assert (report.new, report.victims) == (2, 3)
    assert read_rows(ledger_path, "SELECT b.place, v.name FROM victim v JOIN breach b ON"
                     " b.id = v.breach_id ORDER BY v.name") == [
        ("a", "Ahmad"), ("a", "Omar"), ("b", "Sami")]


# 5. Created and Updated: with their offset, in UTC, within a sane range.

def far_moments():
    return ["2999-01-01T00:00:00", "0999-01-01T00:00:00", "9999-12-31T23:59:59",
            "1999-12-31T23:59:59", (datetime.now(timezone.utc) + timedelta(days=2))
            .strftime("%Y-%m-%dT%H:%M:%S"), "0001-01-01T00:00:00+03:00",
            "9999-12-31T23:59:59-05:00"]


@pytest.mark.parametrize("column", ["Updated", "Created"])
@pytest.mark.parametrize("written", far_moments())
def test_a_moment_outside_the_sane_range_is_refused_with_its_row(tmp_path, ledger_path,
                                                                 ledger, lists, column,
                                                                 written):
    path = tmp_path / "far.csv"
    path.write_text(f"Date,Governorate,Type,Sources,{column}\n"
                    "2017-01-02,Aleppo,Shelling,Aleppo Media Center,\n"
                    f"2017-01-03,Aleppo,Shelling,Aleppo Media Center,{written}\n",
                    encoding="utf-8")
    error = refused_unchanged(ledger_path, ledger, path)
    assert problem_rows(error) == [3]
    assert column in reason_text(*error.report.problems[0][1:])


@pytest.mark.parametrize("written", [datetime(2999, 1, 1), datetime(1, 1, 1),
                                     datetime(1999, 6, 1)])
def test_a_spreadsheet_moment_outside_the_range_is_refused(tmp_path, ledger_path, ledger,
                                                           lists, written):
    book = Workbook(iso_dates=True)
    book.active.append(["Date", "Governorate", "Type", "Sources", "Updated"])
    book.active.append(["2017-01-03", "Aleppo", "Shelling", "Aleppo Media Center", written])
    book.save(tmp_path / "far.xlsx")
    error = refused_unchanged(ledger_path, ledger, tmp_path / "far.xlsx")
    assert problem_rows(error) == [2]


@pytest.mark.parametrize("written, stored", [
    ("2017-01-05T12:00:00+03:00", "2017-01-05T09:00:00.000000Z"),
    ("2017-01-05 12:00:00-02:30", "2017-01-05T14:30:00.000000Z"),
    ("2017-01-05T12:00:00Z", "2017-01-05T12:00:00.000000Z"),
    ("2017-01-05T12:00:00.250", "2017-01-05T12:00:00.250000Z")])
def test_a_moment_with_an_offset_is_stored_in_utc(tmp_path, ledger_path, ledger, lists,
                                                   written, stored):
    path = tmp_path / "offset.csv"
    path.write_text("Date,Governorate,Type,Sources,Created,Updated\n"
                    f"2017-01-02,Aleppo,Shelling,Aleppo Media Center,{written},{written}\n",
                    encoding="utf-8")
    assert import_file(ledger, path).new == 1
    assert read_rows(ledger_path, "SELECT created_at, updated_at FROM breach") == [
        (stored, stored)]


# 9. Files that would silently mean something else.

@pytest.mark.parametrize("lines", [
    # A quote that opens and never closes swallows every line after it.
    ['2017-01-02,Aleppo,Shelling,Aleppo Media Center,"Khan Tuman', '2017-01-03,Aleppo,'
     'Shelling,Aleppo Media Center,b', '2017-01-04,Aleppo,Shelling,Aleppo Media Center,c'],
    # Two stray quotes swallow the lines between them.
    ['2017-01-02,Aleppo,Shelling,Aleppo Media Center,"Khan Tuman',
     '2017-01-03,Aleppo,Shelling,Aleppo Media Center,b',
     '2017-01-04,Aleppo,Shelling,Aleppo Media Center,"c',
     '2017-01-05,Aleppo,Shelling,Aleppo Media Center,d'],
    # A quote that closes lines later, where a separator follows it.
    ['2017-01-02,Aleppo,Shelling,Aleppo Media Center,"Khan Tuman',
     '2017-01-03,Aleppo,Shelling,Aleppo Media Center,b',
     '2017-01-04,Aleppo,Shelling,Aleppo Media Center,c"',
     '2017-01-05,Aleppo,Shelling,Aleppo Media Center,d']])
def test_a_csv_with_an_unbalanced_quote_is_refused_with_its_row(tmp_path, ledger_path,
                                                                ledger, lists, lines):
    path = tmp_path / "quote.csv"
    path.write_text("Date,Governorate,Type,Sources,Place\n" + "\n".join(lines) + "\n",
                    encoding="utf-8")
    error = refused_unchanged(ledger_path, ledger, path)
    assert "row 2" in error_text(error) and "quote" in error_text(error)


def test_a_quoted_cell_over_several_lines_is_still_read(tmp_path, ledger_path, ledger,
                                                        lists):
    path = tmp_path / "lines.csv"
    path.write_text('Date,Governorate,Type,Sources,Description\n'
                    '2017-01-02,Aleppo,Shelling,Aleppo Media Center,"first line\n'
                    'second, with a comma\nthird"\n', encoding="utf-8")
    assert import_file(ledger, path).new == 1
    assert read_rows(ledger_path, "SELECT description FROM breach") == [
        ("first line\nsecond, with a comma\nthird",)]


@pytest.mark.parametrize("twins", [("Killed", "Killed"), ("Date", "date"),
                                   ("Women", "Women killed"), ("Perpetrator", "Actor"),
                                   ("Killed (up to)", "killed_up_to")])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_two_columns_for_one_field_are_refused(tmp_path, ledger_path, ledger, lists, twins,
                                               kind):
    header = ["Date", "Governorate", "Type", "Sources", "Killed"]
    header = [h for h in header if h not in twins] + list(twins)
    row = {"date": "2017-01-02", "governorate": "Aleppo", "type": "Shelling",
           "sources": "Aleppo Media Center"}
    values = [row.get(h.casefold(), "1") for h in header]
    if kind == "csv":
        path = write_csv(tmp_path / "twins.csv", [values], header)
    else:
        book = Workbook()
        book.active.append(header)
        book.active.append(values)
        path = tmp_path / "twins.xlsx"
        book.save(path)
    error = refused_unchanged(ledger_path, ledger, path)
    assert error.code == "duplicate_columns"
    assert "row 1" in error_text(error)
    for twin in twins:
        assert repr(twin) in error_text(error)


def test_two_victims_columns_for_one_field_are_refused(tmp_path, ledger_path, ledger,
                                                       make_breach):
    saved, public = public_export_with_victims(tmp_path, ledger, make_breach)
    book = load_workbook(public)
    victims = book["Victims"]
    victims.cell(1, victims.max_column + 1).value = "name"
    book.save(public)
    error = refused_unchanged(ledger_path, ledger, public)
    assert error.code == "duplicate_columns" and "Victims" in error_text(error)


@pytest.mark.parametrize("written", ["0217-01-05", "0001-01-01", "05.01.0217", "1.1.1",
                                     "1899-12-31", "2101-01-01"])
def test_a_date_outside_the_years_is_refused_as_text(tmp_path, ledger_path, ledger, lists,
                                                     written):
    path = write_csv(tmp_path / "old.csv", [["", written, "Aleppo", "Shelling",
                                             "Aleppo Media Center", "a", 1, "", ""]])
    error = refused_unchanged(ledger_path, ledger, path)
    assert problem_rows(error) == [2] and "Date" in reason_text(*error.report.problems[0][1:])


@pytest.mark.parametrize("written", [date(217, 1, 5), datetime(1, 1, 1), date(1899, 12, 31),
                                     date(2101, 1, 1), -5, 3, 100_000, 2017.5e9])
def test_a_date_outside_the_years_is_refused_as_a_cell(tmp_path, ledger_path, ledger, lists,
                                                       written):
    book = Workbook(iso_dates=True)  # dates written as dates, whatever their year
    book.active.append(["Date", "Governorate", "Type", "Sources"])
    book.active.append([written, "Aleppo", "Shelling", "Aleppo Media Center"])
    book.save(tmp_path / "old.xlsx")
    error = refused_unchanged(ledger_path, ledger, tmp_path / "old.xlsx")
    assert problem_rows(error) == [2] and "Date" in reason_text(*error.report.problems[0][1:])


@pytest.mark.parametrize("separator", ["؛", ";", " ؛ ", "；"])
def test_sources_split_by_an_arabic_semicolon_are_two_sources(tmp_path, ledger_path, ledger,
                                                              lists, separator):
    path = write_csv(tmp_path / "arabic.csv", [[
        "", "2017-01-02", "Aleppo", "Shelling",
        f"Aleppo Media Center{separator}مركز حلب الإعلامي", "a", 1, "", ""]])
    assert import_file(ledger, path).new == 1
    assert read_rows(ledger_path, "SELECT s.name FROM citation c JOIN source s ON"
                     " s.id = c.source_id ORDER BY c.position") == [
        ("Aleppo Media Center",), ("مركز حلب الإعلامي",)]


@pytest.mark.parametrize("ids", [("7", "7"), ("0b7e4f1c-3c2a-4f0e-9a7d-111111111111",
                                   "0B7E4F1C-3C2A-4F0E-9A7D-111111111111")])
def test_two_rows_with_one_id_are_refused_with_their_row(tmp_path, ledger_path, ledger,
                                                         lists, ids):
    path = write_csv(tmp_path / "twice.csv", [
        [ids[0], "2017-01-02", "Aleppo", "Shelling", "Aleppo Media Center", "a", 1, "", ""],
        [ids[1], "2017-01-03", "Idlib", "Shelling", "Aleppo Media Center", "b", 2, "", ""]])
    error = refused_unchanged(ledger_path, ledger, path)
    assert problem_rows(error) == [3] and "row 2" in reason_text(*error.report.problems[0][1:])


def test_victims_of_no_row_are_refused_with_their_row(tmp_path, ledger_path, ledger, lists):
    book = Workbook()
    sheet = book.active
    sheet.title = "Breaches"
    sheet.append(["ID", "Date", "Governorate", "Type", "Sources", "Killed"])
    sheet.append(["7", "2017-01-02", "Aleppo", "Shelling", "Aleppo Media Center", 1])
    victims = book.create_sheet("Victims")
    victims.append(["Breach ID", "Name"])
    victims.append(["7", "Ahmad"])
    victims.append(["9", "Nobody's"])
    victims.append(["0b7e4f1c-3c2a-4f0e-9a7d-111111111111", "Elsewhere"])
    book.save(tmp_path / "office.xlsx")
    error = refused_unchanged(ledger_path, ledger, tmp_path / "office.xlsx")
    assert problem_rows(error) == [3, 4]
    assert all("Victims" in reason_text(code, params) and "Breach ID" in reason_text(code, params)
               for _row, code, params in error.report.problems)


# 13. A sheet too large to read is refused before it is read; the program stays up.

@pytest.mark.parametrize("far", [("Breaches", "XFD1048576"), ("Breaches", "ZZ1048576"),
                                 ("Notes", "XFD1048576"), ("Breaches", "XFD2000")])
def test_a_sheet_too_large_is_refused_and_the_program_stays_up(tmp_path, ledger_path, ledger,
                                                              lists, far):
    sheet_name, cell = far
    book = Workbook()
    sheet = book.active
    sheet.title = "Breaches"
    sheet.append(["Date", "Governorate", "Type", "Sources"])
    sheet.append(["2017-01-02", "Aleppo", "Shelling", "Aleppo Media Center"])
    if sheet_name != "Breaches":
        sheet = book.create_sheet(sheet_name)
    sheet[cell] = "far away"
    book.save(tmp_path / "far.xlsx")
    ledger.close()
    before = digest(ledger_path)
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", "--db",
                             str(ledger_path), str(tmp_path / "far.xlsx")],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "too large" in result.stderr and "Traceback" not in result.stderr
    assert digest(ledger_path) == before


@pytest.mark.parametrize("cell", ["AZ2", "BA2", "CV2", "ZZ2"])
def test_a_cell_a_little_apart_from_the_table_is_no_reason_to_refuse(tmp_path, ledger_path,
                                                                    ledger, lists, cell):
    book = Workbook()
    book.active.append(["Date", "Governorate", "Type", "Sources"])
    book.active.append(["2017-01-02", "Aleppo", "Shelling", "Aleppo Media Center"])
    book.active[cell] = "a note beside the row"
    book.save(tmp_path / "near.xlsx")
    assert import_file(ledger, tmp_path / "near.xlsx").new == 1
    assert read_rows(ledger_path, "SELECT count(*) FROM breach") == [(1,)]


# The property: random rows and random files.

CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
ROW = st.fixed_dictionaries({
    "Date": st.one_of(st.sampled_from(["2017-01-02", "4.1.2017", "0217-01-05", "31.2.2017",
                                       "", "42741", "1.1.1"]), CELL),
    "Governorate": st.one_of(st.sampled_from(["Aleppo", "Idlib", "ريف دمشق", "Gaza", ""]),
                             CELL),
    "Type": st.sampled_from(["Shelling", "Air strike", "Nothing"]),
    "Sources": st.one_of(st.sampled_from(["Aleppo Media Center", "a؛b", "x; y", ""]), CELL),
    "Place": CELL,
    "Killed": st.one_of(st.integers(-3, 10**7).map(str), CELL),
    "Description": CELL,
    "Updated": st.one_of(st.sampled_from(["", "2017-01-05T12:00:00+03:00",
                                          "2999-01-01T00:00:00", "0999-01-01", "9999-12-31"]),
                         CELL),
})


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(rows=st.lists(ROW, min_size=1, max_size=4), kind=st.sampled_from(["csv", "xlsx"]))
def test_random_rows_are_refused_whole_or_read_back_equal(tmp_path_factory, rows, kind):
    folder = tmp_path_factory.mktemp("random")
    path = folder / "office.sqlite3"
    with db.open_ledger(path, user="Rima", office="Gaziantep") as ledger:
        db.save_source(ledger, db.Source(name="Aleppo Media Center"))
    header = list(rows[0])
    file = folder / f"rows.{kind}"
    if kind == "csv":
        write_csv(file, [[r[h] for h in header] for r in rows], header)
    else:
        book = Workbook()
        book.active.append(header)
        for number, r in enumerate(rows, start=2):
            for column, h in enumerate(header, start=1):
                cell = book.active.cell(number, column, _excel_text(r[h]))
                cell.data_type = "s"  # a text, even one that starts with "="
        book.save(file)
    before = digest(path)
    with db.open_ledger(path) as ledger:
        try:
            report = import_file(ledger, file)
        except ImportRefused as refused:
            assert refused.report.problems
            assert all(row >= 2 for row, *_ in refused.report.problems)
            report = None
        except db.LedgerError:
            report = None
    if report is None:
        assert digest(path) == before
        return
    kept = _excel_text if kind == "xlsx" else (lambda value: value)
    written = [r for r in rows if any(kept(v) for v in r.values())]
    assert report.new == len(written)
    stored = read_rows(path, "SELECT place, description, killed FROM breach"
                       " ORDER BY place, description, killed")
    from db.rules import clean_text
    assert sorted((p, d) for p, d, _k in stored) == sorted(
        (clean_text(kept(r["Place"])), clean_text(kept(r["Description"])))
        for r in written)
    plain = [r["Killed"].strip() for r in written]
    if all(k.isascii() and (k.isdigit() or not k) for k in plain):
        assert sorted(k for _p, _d, k in stored) == sorted(int(k or 0) for k in plain)


def _excel_text(value: str) -> str:
    """What a workbook keeps of a text: openpyxl refuses control characters."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    return ILLEGAL_CHARACTERS_RE.sub("", value)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=400), kind=st.sampled_from(["csv", "xlsx"]))
def test_random_files_are_refused_without_a_traceback(tmp_path_factory, content, kind):
    folder = tmp_path_factory.mktemp("bytes")
    path = folder / "office.sqlite3"
    db.open_ledger(path).close()
    file = folder / f"random.{kind}"
    file.write_bytes(content)
    before = digest(path)
    with db.open_ledger(path) as ledger:
        try:
            import_file(ledger, file)
        except db.LedgerError:
            pass
    assert digest(path) == before


def _small_workbook() -> bytes:
    book = Workbook()
    book.active.title = "Breaches"
    book.active.append(["ID", "Date", "Governorate", "Type", "Sources", "Killed"])
    book.active.append(["7", "2017-01-02", "Aleppo", "Shelling", "Aleppo Media Center", 1])
    victims = book.create_sheet("Victims")
    victims.append(["Breach ID", "Name"])
    victims.append(["7", "Ahmad"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SMALL_WORKBOOK = _small_workbook()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(st.tuples(st.integers(0, len(SMALL_WORKBOOK) - 1),
                                  st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_workbooks_are_refused_or_read_without_a_traceback(tmp_path_factory,
                                                                   changes):
    folder = tmp_path_factory.mktemp("damaged")
    path = folder / "office.sqlite3"
    with db.open_ledger(path) as ledger:
        db.save_source(ledger, db.Source(name="Aleppo Media Center"))
    damaged = bytearray(SMALL_WORKBOOK)
    for place, value in changes:
        damaged[place] = value
    file = folder / "damaged.xlsx"
    file.write_bytes(bytes(damaged))
    before = digest(path)
    with db.open_ledger(path) as ledger:
        try:
            report = import_file(ledger, file)
        except db.LedgerError:
            report = None
    if report is None:
        assert digest(path) == before
    else:  # what was read is what the file holds
        assert read_rows(path, "SELECT count(*) FROM breach") == [(report.new,)]


def test_a_killed_imports_scratch_database_is_removed_at_the_next_start(tmp_path, ledger_path,
                                                                         ledger, lists):
    """An import killed while it stages its rows leaves its scratch database (the rows of a
    file, in plain text) beside the ledger; the next start of the program removes it, and
    the ledger holds none of the import."""
    import os
    import signal
    import time

    ledger.close()
    path = write_csv(tmp_path / "many.csv", filler(40_000))
    run = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "import", "--db",
                            str(ledger_path), str(path)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, scratch = time.monotonic() + 120, []
    while not scratch and run.poll() is None and time.monotonic() < deadline:
        scratch = list(ledger_path.parent.glob(".*.stage"))
        time.sleep(0.01)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert scratch, "the import never staged its rows"
    assert scratch[0].name.startswith(f".{ledger_path.name}.")
    assert os.stat(scratch[0]).st_mode & 0o077 == 0  # its owner's alone
    with db.open_ledger(ledger_path):
        pass
    assert list(ledger_path.parent.glob(".*.stage*")) == []
    assert read_rows(ledger_path, "SELECT count(*) FROM breach") == [(0,)]
