"""Importing spreadsheets: an export comes back whole, CSV with or without BOM and with
Arabic text, every date form, updates by ID, twice changes nothing, bad rows refuse all."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

import db
from db.demo import create_demo
from db.importer import ImportRefused, import_file
from db.totals import scheme_for
from db.workbook import ExportOptions, export_workbook
from gui.messages import error_text, reason_text
from tests.conftest import ROOT, table_counts


def reason(problem: tuple) -> str:
    """A row's reason as the window and the command line word it (in English)."""
    _row, code, params = problem
    return reason_text(code, params)

CSV_HEADER = "ID,Date,Time,Governorate,Place,Perpetrator,Type,Status,Killed,Killed (up to),"\
             "Women killed,Children killed,Injured,Description,Sources,Updated\n"


def soon() -> str:
    """An hour from now, UTC: later than any save of the test, within the sane range."""
    from datetime import datetime, timedelta, timezone
    return (datetime.now(timezone.utc) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S")


def export(path: Path, target: Path, full=True) -> Path:
    with db.open_ledger(path) as ledger:
        export_workbook(ledger, target, ExportOptions(scheme=scheme_for(ledger), full=full))
    return target


def sheet_values(path: Path, sheet: str) -> list[tuple]:
    return [row for row in load_workbook(path)[sheet].iter_rows(values_only=True)]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roundtrip")
    create_demo(folder / "demo.sqlite3", size=400)
    return folder, export(folder / "demo.sqlite3", folder / "full.xlsx")


def empty_office(path: Path) -> db.Ledger:
    ledger = db.open_ledger(path, user="Sami", office="Idlib office")
    db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))  # set up first
    return ledger


def test_an_export_imported_into_an_empty_database_gives_the_same_cells(exported):
    folder, workbook = exported
    with empty_office(folder / "office.sqlite3") as ledger:
        report = import_file(ledger, workbook)
        assert (report.new, report.updated, report.refused) == (651, 0, 0)
        assert report.written and report.victims > 0
        assert report.ignored_columns == []  # a full export: every column is read or known
    again = export(folder / "office.sqlite3", folder / "again.xlsx")
    for sheet in ("Breaches", "Victims", "Sources", "Weekly totals", "By governorate"):
        assert sheet_values(again, sheet) == sheet_values(workbook, sheet), sheet


def test_importing_the_same_file_twice_changes_nothing(exported, tmp_path):
    folder, workbook = exported
    path = tmp_path / "office.sqlite3"
    with empty_office(path) as ledger:
        import_file(ledger, workbook)
    counts = table_counts(path)
    with db.open_ledger(path) as ledger:
        report = import_file(ledger, workbook)
        assert (report.new, report.updated, report.unchanged) == (0, 0, 651)
        count = ledger.conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    with db.open_ledger(path) as ledger:
        assert ledger.conn.execute("SELECT count(*) FROM change_log").fetchone()[0] == count
    assert table_counts(path) == counts


def test_a_newer_row_updates_an_older_one_leaves_it(tmp_path, ledger, make_breach):
    saved = db.save_breach(ledger, make_breach(description="first report"))
    csv = tmp_path / "update.csv"
    later = soon()  # later than the save, and not more than a day ahead of the clock
    csv.write_text(CSV_HEADER + f"{saved.id},2017-01-02,,Aleppo,Khan Tuman,Unknown,Shelling,"
                   f"confirmed,5,,1,1,4,corrected report,Aleppo Media Center,{later}\n",
                   encoding="utf-8")
    report = import_file(ledger, csv)
    assert (report.updated, report.new) == (1, 0)
    updated = db.get_breach(ledger, saved.id)
    assert (updated.killed, updated.status, updated.description) == (5, "confirmed",
                                                                     "corrected report")
    assert [c.action for c in db.record_history(ledger, saved.id)] == ["insert", "update"]
    older = csv.read_text(encoding="utf-8").replace(later, "2000-01-01T00:00:00") \
        .replace("corrected report", "an old copy")
    csv.write_text(older, encoding="utf-8")
    assert import_file(ledger, csv).unchanged == 1
    assert db.get_breach(ledger, saved.id).description == "corrected report"


@pytest.mark.parametrize("bom", [False, True])
def test_csv_with_or_without_bom_and_arabic_text(tmp_path, ledger, lists, bom):
    rows = ("Date,Governorate,Type,Place,Perpetrator,Killed,Description,Sources\n"
            "2017-01-02,ريف دمشق,قصف مدفعي,عين الفيجة,قوات النظام,2,قصف على النبع,"
            "Aleppo Media Center; مركز حلب الإعلامي\n")
    path = tmp_path / "arabic.csv"
    path.write_bytes(("\ufeff" if bom else "").encode() + rows.encode("utf-8"))
    report = import_file(ledger, path)
    assert report.new == 1
    row = db.list_breaches(ledger)[0]
    assert (row.governorate, row.place, row.actor, row.killed) == (
        "Rural Damascus", "عين الفيجة", "Assad regime forces", 2)
    breach = db.get_breach(ledger, row.id)
    assert [c.source_name for c in breach.citations] == ["Aleppo Media Center",
                                                         "مركز حلب الإعلامي"]
    assert db.find_by_name(ledger, "source", "مركز حلب الإعلامي")  # made by the import


@pytest.mark.parametrize("written, day", [
    ("2017-01-06", "2017-01-06"), ("06.01.2017", "2017-01-06"), ("6/1/2017", "2017-01-06"),
    ("31/12/2016", "2016-12-31"), ("42741", "2017-01-06"), ("6-1-2017", "2017-01-06"),
    ("20170106", "2017-01-06"), ("6 Jan 2017", "2017-01-06"), ("6 January 2017", "2017-01-06"),
    ("Friday 6 January 2017", "2017-01-06"), ("6 كانون الثاني 2017", "2017-01-06"),
    ("٦ يناير ٢٠١٧", "2017-01-06"), ("٠٦/٠١/٢٠١٧", "2017-01-06"), ("۶.۱.۲۰۱۷", "2017-01-06"),
    ("6.1.17", "2017-01-06")])
def test_each_date_form(tmp_path, ledger, lists, written, day):
    path = tmp_path / "dates.csv"
    path.write_text("Date,Governorate,Type,Sources,Perpetrator\n"
                    f"{written},Aleppo,Shelling,Aleppo Media Center,New militia\n",
                    encoding="utf-8")
    import_file(ledger, path)
    row = db.list_breaches(ledger)[0]
    assert row.occurred_on == day and row.actor == "New militia"


def test_real_spreadsheet_dates_and_headers_in_any_case(tmp_path, ledger, lists):
    from datetime import date, datetime
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.append(["  DATE ", "governorate", "TYPE", "sources", "killed_up_to", "KILLED"])
    sheet.append([datetime(2017, 1, 3), "Idlib", "Air strike", "Aleppo Media Center", 4, 2])
    sheet.append([date(2017, 1, 4), "Idlib", "Air strike", "Aleppo Media Center", None, 1])
    book.save(tmp_path / "office.xlsx")
    assert import_file(ledger, tmp_path / "office.xlsx").new == 2
    rows = {r.occurred_on: (r.killed, r.killed_max) for r in db.list_breaches(ledger)}
    assert rows == {"2017-01-03": (2, 4), "2017-01-04": (1, None)}


def test_a_file_with_three_bad_rows_is_refused_and_the_database_unchanged(tmp_path,
                                                                         ledger_path, ledger,
                                                                         lists):
    path = tmp_path / "bad.csv"
    good = "2017-01-02,Aleppo,Shelling,Aleppo Media Center,1,0\n"
    path.write_text("Date,Governorate,Type,Sources,Killed,Children\n" + good * 3
                    + "31.02.2017,Aleppo,Shelling,Aleppo Media Center,1,0\n" + good
                    + "2017-01-02,Gaza,Shelling,Aleppo Media Center,1,0\n"
                    + "2017-01-02,Aleppo,Shelling,Aleppo Media Center,1,3\n", encoding="utf-8")
    ledger.close()
    before = hashlib.sha256(ledger_path.read_bytes()).hexdigest()
    with db.open_ledger(ledger_path) as reopened:
        with pytest.raises(ImportRefused) as refused:
            import_file(reopened, path)
    report = refused.value.report
    assert [row for row, _code, _params in report.problems] == [5, 7, 8]
    assert report.problems[0][1:] == ("cells", {"reasons": [
        ("cell_no_such_day", {"label": "Date", "value": "31.02.2017"})]})
    assert "31.02.2017" in reason(report.problems[0]) and "Gaza" in reason(report.problems[1])
    assert "add up to more than Killed" in reason(report.problems[2])
    assert hashlib.sha256(ledger_path.read_bytes()).hexdigest() == before
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", "--db",
                             str(ledger_path), str(path)], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert [line.split(":")[2].strip() for line in lines[:3]] == ["row 5", "row 7", "row 8"]
    assert "3 of 7 rows" in lines[-1]
    assert hashlib.sha256(ledger_path.read_bytes()).hexdigest() == before


def test_more_than_twenty_bad_rows_are_counted(tmp_path, ledger, lists):
    path = tmp_path / "many.csv"
    path.write_text("Date,Governorate,Type,Sources\n"
                    + "2017-01-02,Nowhere,Shelling,Aleppo Media Center\n" * 25, encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        import_file(ledger, path)
    assert len(refused.value.report.problems) == 20
    assert refused.value.report.more_problems == 5


def test_a_dry_run_writes_nothing(exported, tmp_path):
    folder, workbook = exported
    path = tmp_path / "office.sqlite3"
    empty_office(path).close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", "--db", str(path),
                             str(workbook), "--dry-run"], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "651 would be new" in result.stdout and "nothing written" in result.stdout
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_file_without_the_needed_columns_or_not_a_sheet_is_refused(tmp_path, ledger):
    path = tmp_path / "other.csv"
    path.write_text("Name,Phone\nx,1\n", encoding="utf-8")
    with pytest.raises(db.LedgerError) as refused:
        import_file(ledger, path)
    assert refused.value.code == "missing_columns"
    assert refused.value.params["columns"] == ["Date", "Governorate", "Type", "Sources"]
    assert 'needs: "Date", "Governorate", "Type", "Sources" (its first row' in error_text(
        refused.value)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(db.LedgerError) as refused:
        import_file(ledger, fake)
    assert "not a workbook" in error_text(refused.value)


def test_a_public_export_does_not_take_away_confidential_victims(tmp_path, ledger,
                                                                 make_breach):
    saved = db.save_breach(ledger, make_breach(killed=3, victims=[
        db.Victim(name="Open name", age=30, sex="male"),
        db.Victim(name="Hidden name", age=40, sex="male", confidential=True)]))
    public = tmp_path / "public.xlsx"
    export_workbook(ledger, public, ExportOptions(breach_ids=True))
    book = load_workbook(public)
    # The office corrects the row in the public workbook and marks it newer.
    headers = [cell.value for cell in book["Breaches"][1]]
    book["Breaches"].cell(2, headers.index("Description") + 1).value = "corrected"
    book["Breaches"].cell(2, headers.index("Updated") + 1).value = soon().replace("T", " ")
    book.save(public)
    assert import_file(ledger, public).updated == 1
    names = sorted(v.name for v in db.get_breach(ledger, saved.id).victims)
    assert names == ["Hidden name", "Open name"]


def test_review_cases_of_import(tmp_path, ledger, lists, make_breach):
    # A source's name cannot hold the separator of the Sources cell.
    with pytest.raises(db.ValidationError) as refused:
        db.save_source(ledger, db.Source(name="Activist; Khan Tuman"))
    assert refused.value.codes == {"name": ("semicolon", {"field": "name"})}
    assert "cannot hold" in error_text(refused.value)
    # An office's own row numbers become keys of its own, not shared with another office.
    path = tmp_path / "numbered.csv"
    path.write_text("ID,Office,Date,Governorate,Type,Sources,Place\n"
                    "1,Aleppo office,2017-01-02,Aleppo,Shelling,Aleppo Media Center,a\n"
                    "1,Idlib office,2017-01-02,Idlib,Shelling,Aleppo Media Center,b\n",
                    encoding="utf-8")
    assert import_file(ledger, path).new == 2
    # Without IDs, a new perpetrator does not make the second import a different row.
    plain = tmp_path / "plain.csv"
    plain.write_text("Date,Governorate,Type,Sources,Perpetrator\n"
                     "2017-01-05,Hama,Shelling,Aleppo Media Center,Brand new militia\n",
                     encoding="utf-8")
    assert import_file(ledger, plain).new == 1
    assert import_file(ledger, plain).unchanged == 1
    # A victim's value outside the lists is refused with its row, not stored.
    from openpyxl import Workbook
    book = Workbook()
    book.active.title = "Breaches"
    book.active.append(["ID", "Date", "Governorate", "Type", "Sources", "Killed"])
    key = "0b7e4f1c-3c2a-4f0e-9a7d-111111111111"
    book.active.append([key, "2017-01-06", "Aleppo", "Shelling", "Aleppo Media Center", 1])
    victims = book.create_sheet("Victims")
    victims.append(["Breach ID", "Name", "Outcome", "Confidential"])
    victims.append([key, "Omar", "Wounded", "maybe"])
    book.save(tmp_path / "victims.xlsx")
    with pytest.raises(ImportRefused) as refused:
        import_file(ledger, tmp_path / "victims.xlsx")
    assert "Outcome 'Wounded'" in reason(refused.value.report.problems[0])
    assert refused.value.report.problems[0][0] == 2


def test_reimporting_our_own_export_changes_nothing(tmp_path, ledger, make_breach):
    for number in range(30):  # times with microseconds, as the editor saves them
        db.save_breach(ledger, make_breach(place=f"place {number}", victims=[
            db.Victim(name=f"v{number}", age=30, sex="male", notes="kept in the office")]))
    public = tmp_path / "public.xlsx"
    export_workbook(ledger, public, ExportOptions(breach_ids=True))
    report = import_file(ledger, public)
    assert (report.updated, report.new, report.unchanged) == (0, 0, 30)
    notes = {v.notes for r in db.list_breaches(ledger) for v in db.get_breach(ledger, r.id).victims}
    assert notes == {"kept in the office"}


def test_text_dates_in_a_real_workbook_and_a_day_that_does_not_exist(tmp_path, ledger, lists):
    from datetime import datetime
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Governorate", "Type", "Sources", "Place"])
    sheet.append(["4 Jan 2017", "Idlib", "Air strike", "Aleppo Media Center", "text"])
    sheet.append([datetime(2017, 1, 3, 14, 30), "Idlib", "Air strike", "Aleppo Media Center",
                  "a real date"])
    sheet.append([42737, "Idlib", "Air strike", "Aleppo Media Center", "an Excel day number"])
    sheet.append(["٥/١/٢٠١٧", "Idlib", "Air strike", "Aleppo Media Center", "Arabic digits"])
    book.save(tmp_path / "office.xlsx")
    assert import_file(ledger, tmp_path / "office.xlsx").new == 4
    assert {r.place: r.occurred_on for r in db.list_breaches(ledger)} == {
        "text": "2017-01-04", "a real date": "2017-01-03", "an Excel day number": "2017-01-02",
        "Arabic digits": "2017-01-05"}
    sheet.append(["31.2.2017", "Idlib", "Air strike", "Aleppo Media Center", "no such day"])
    sheet.append(["soon", "Idlib", "Air strike", "Aleppo Media Center", "no date"])
    book.save(tmp_path / "office.xlsx")
    with pytest.raises(ImportRefused) as refused:
        import_file(ledger, tmp_path / "office.xlsx")
    assert [(problem[0], reason(problem)) for problem in refused.value.report.problems] == [
        (6, "Date: 31.2.2017 is not a day of the calendar"),
        (7, "Date 'soon' is not a date (use 2017-01-06 or 06.01.2017)")]
    assert db.count_breaches(ledger).breaches == 4


@pytest.mark.parametrize("separator", [";", "\t"])
def test_csv_separated_by_semicolons_or_tabs(tmp_path, ledger, lists, separator):
    # As Excel writes it with Arabic or European settings: the description holds commas,
    # and one quoted field holds the separator itself.
    lines = [["Date", "Governorate", "Type", "Place", "Killed", "Description", "Sources"],
             ["04.01.2017", "ريف دمشق", "Shelling", "عين الفيجة", "2",
              '"Shells, then more shells, on the spring"', "Aleppo Media Center"],
             ["05.01.2017", "Aleppo", "Shelling", '"Khan Tuman' + separator + ' east"', "1",
              "one, two, three", '"Aleppo Media Center; مركز حلب الإعلامي"']]
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(separator.join(line) for line in lines)
                     .encode("utf-8") + b"\r\n")
    assert import_file(ledger, path).new == 2
    rows = {r.place: r for r in db.list_breaches(ledger)}
    assert set(rows) == {"عين الفيجة", f"Khan Tuman{separator} east"}
    spring = db.get_breach(ledger, rows["عين الفيجة"].id)
    assert (spring.occurred_on, spring.killed, spring.description) == (
        "2017-01-04", 2, "Shells, then more shells, on the spring")
    east = db.get_breach(ledger, rows[f"Khan Tuman{separator} east"].id)
    assert east.description == "one, two, three"
    assert [c.source_name for c in east.citations] == ["Aleppo Media Center",
                                                       "مركز حلب الإعلامي"]


def test_a_comma_csv_with_semicolons_in_its_cells_stays_a_comma_csv(tmp_path, ledger, lists):
    path = tmp_path / "commas.csv"
    path.write_text('Date,Governorate,Type,Description,Sources\n'
                    '2017-01-04,Aleppo,Shelling,"first; second; third",'
                    '"Aleppo Media Center; Activist in Khan Tuman"\n', encoding="utf-8")
    assert import_file(ledger, path).new == 1
    breach = db.get_breach(ledger, db.list_breaches(ledger)[0].id)
    assert breach.description == "first; second; third"
    assert len(breach.citations) == 2


def test_the_demo_export_is_never_imported_into_real_breaches(exported, tmp_path,
                                                               ledger_path, ledger,
                                                               make_breach):
    folder, workbook = exported
    db.save_breach(ledger, make_breach())
    ledger.close()
    before = hashlib.sha256(ledger_path.read_bytes()).hexdigest()
    for dry_run in (["--dry-run"], []):
        result = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", "--db",
                                 str(ledger_path), str(workbook), *dry_run],
                                capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 1 and result.stdout == ""
        assert result.stderr.strip().splitlines() == [
            "truce-ledger: error: full.xlsx is an export of the demo database: the demo is "
            "never mixed with real breaches."]
        assert hashlib.sha256(ledger_path.read_bytes()).hexdigest() == before
    with db.open_ledger(ledger_path) as reopened, pytest.raises(db.LedgerError) as refused:
        import_file(reopened, workbook, dry_run=True)
    assert refused.value.code == "demo_mix"


def test_the_demo_takes_no_real_breaches_and_an_empty_file_becomes_the_demo(exported,
                                                                            tmp_path):
    folder, workbook = exported
    path = tmp_path / "new.sqlite3"
    with empty_office(path) as ledger:
        import_file(ledger, workbook, dry_run=True)
        assert not ledger.is_demo  # a dry run marks nothing
        import_file(ledger, workbook)
        assert ledger.is_demo  # as a merge of the demo into an empty file
        real = tmp_path / "office.csv"
        real.write_text("Date,Governorate,Type,Sources\n2017-01-02,Aleppo,Shelling,x\n",
                        encoding="utf-8")
        with pytest.raises(db.LedgerError) as refused:
            import_file(ledger, real)
        assert refused.value.code == "demo_mix"
        assert "the demo is never mixed" in error_text(refused.value)
        assert db.count_breaches(ledger).breaches == 651


def test_one_row_is_one_row(ledger, lists, tmp_path, english):
    from gui.report_words import import_summary
    path = tmp_path / "one.csv"
    path.write_text("Date,Governorate,Type,Sources\n"
                    "2017-01-04,Aleppo,Shelling,Aleppo Media Center\n", encoding="utf-8")
    assert import_summary(import_file(ledger, path, dry_run=True)) == (
        "1 row: 1 would be new, 0 would be updated, 0 unchanged, 0 refused (dry run: nothing "
        "written)")
    assert import_summary(import_file(ledger, path)) == (
        "1 row: 1 new, 0 updated, 0 unchanged, 0 refused")
