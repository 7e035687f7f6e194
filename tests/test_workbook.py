"""The exported workbook, opened again with openpyxl: sheets, headers, real dates and
numbers, totals equal to `main.py totals`, the chart, nothing confidential in public."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

import db
from db.demo import create_demo
from db.totals import TotalsFilter, scheme_for
from db.workbook import BREACH_HEADERS, ExportOptions, export_workbook
from tests.conftest import ROOT

PUBLIC_HEADERS = [h for h in BREACH_HEADERS
                  if h not in ("ID", "Office", "Entered by", "Created", "Updated")]
SHEETS = ["Summary", "Weekly totals", "By governorate", "By actor", "By type", "Breaches",
          "Victims", "Sources"]
WEEKLY_HEADERS = ["Week", "From", "To", "Breaches", "Killed", "Women killed",
                  "Children killed", "Injured", "Killed (up to)", "Women killed (up to)",
                  "Children killed (up to)", "Injured (up to)"]
# (A leading tab cannot reach the file: text is trimmed when saved.)
DANGEROUS = ["=HYPERLINK(\"http://example.com\",\"click\")", "+963 11 000", "-5 killed",
             "@SUM(A1:A3)", "#N/A", "#REF!", "=1+1", "-", "=\tshelling"]


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "demo.sqlite3"
    create_demo(path, size=600)
    with db.open_ledger(path) as ledger:
        source = db.find_by_name(ledger, "source", "Aleppo Media Center")
        for number, text in enumerate(DANGEROUS):
            db.save_breach(ledger, db.Breach(
                occurred_on="2017-01-03", governorate_id=db.find_by_name(ledger, "governorate",
                                                                         "Idlib"),
                breach_type_id=db.find_by_name(ledger, "breach_type", "Shelling"),
                place=text if number % 2 else f"Place {number}", description=text,
                citations=[db.Citation(source_id=source, reference=text)],
                killed=1, victims=[db.Victim(name=text, age=30, sex="male")]))
        db.save_breach(ledger, db.Breach(
            occurred_on="2017-01-03", governorate_id=db.find_by_name(ledger, "governorate",
                                                                     "Idlib"),
            breach_type_id=db.find_by_name(ledger, "breach_type", "Shelling"), place="Bell",
            description="a bell \x07 and a form feed \x0c in the text",
            citations=[db.Citation(source_id=source)], killed=1,
            victims=[db.Victim(name="Secret Witness Name", age=40, confidential=True)]))
    return path


def export(path, target, **options):
    with db.open_ledger(path) as ledger:
        options.setdefault("scheme", scheme_for(ledger))
        return export_workbook(ledger, target, ExportOptions(**options))


def every_value(book) -> list:
    return [cell.value for ws in book for row in ws.iter_rows() for cell in row
            if cell.value is not None]


@pytest.fixture(scope="module")
def public(demo_path, tmp_path_factory):
    target = tmp_path_factory.mktemp("out") / "public.xlsx"
    report = export(demo_path, target, office="Media office")
    return report, load_workbook(target)


def test_every_sheet_and_header(public):
    report, book = public
    assert book.sheetnames == SHEETS
    assert [c.value for c in book["Weekly totals"][1]] == WEEKLY_HEADERS
    # A public workbook leaves out the breaches' IDs, who entered them, from which office
    # and when (tests/test_workbook_print.py).
    assert [c.value for c in book["Breaches"][1]] == PUBLIC_HEADERS
    for title, first in (("By governorate", "Governorate"), ("By actor", "Actor"),
                         ("By type", "Type")):
        assert [c.value for c in book[title][1]] == [first] + WEEKLY_HEADERS[3:]
    assert [c.value for c in book["Victims"][1]][:3] == ["Breach date", "Name", "Name (Latin)"]
    assert [c.value for c in book["Sources"][1]] == ["Name", "Kind", "Reliability",
                                                     "Breaches cited"]
    for title in SHEETS[1:]:
        sheet = book[title]
        assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.column_dimensions["A"].width >= 8


def test_dates_are_dates_and_numbers_are_numbers(public):
    report, book = public
    breaches = book["Breaches"]
    assert breaches.max_row - 1 == report.breaches == 851 + len(DANGEROUS) + 1
    for row in breaches.iter_rows(min_row=2, max_row=60, values_only=True):
        assert isinstance(row[0], datetime)  # Excel dates come back as datetimes
        assert all(isinstance(v, int) for v in (row[10], row[12], row[14], row[16]))
    weekly = list(book["Weekly totals"].iter_rows(min_row=2, values_only=True))
    assert isinstance(weekly[0][0], int) and isinstance(weekly[0][1], datetime)
    assert weekly[0][3:8] == (251 + len(DANGEROUS) + 1, 153 + len(DANGEROUS) + 1, 13, 23, 438)


def test_the_totals_are_those_of_the_command_line(public, demo_path):
    report, book = public
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "totals", "--db",
                             str(demo_path), "--format", "json"], capture_output=True,
                            text=True, cwd=ROOT)
    weeks = json.loads(result.stdout)
    rows = list(book["Weekly totals"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(weeks) + 1
    for week, row in zip(weeks, rows):
        assert row[0] == week["week"]
        assert row[1].date() == date.fromisoformat(week["from"])
        assert list(row[3:]) == [week[k] for k in ("breaches", "killed", "women", "children",
                                                   "injured", "killed_max", "women_max",
                                                   "children_max", "injured_max")]
    total = rows[-1]
    assert total[0] == "Total" and total[3] == sum(w["breaches"] for w in weeks)
    summary = {row[0]: row[1:] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Killed"] == (sum(w["killed"] for w in weeks),
                                 sum(w["killed_max"] for w in weeks))
    assert summary["Press sentence"][0].startswith("In the ")
    assert "Public" in summary["Export"][0]
    groups = list(book["By governorate"].iter_rows(min_row=2, values_only=True))
    assert groups[-1][0] == "Total" and groups[-1][1] == total[3]


def test_the_chart_of_breaches_and_killed_is_there(public):
    report, book = public
    charts = book["Weekly totals"]._charts
    assert len(charts) == 1
    assert [s.tx.strRef.f for s in charts[0].series] == ["'Weekly totals'!D1",
                                                         "'Weekly totals'!E1"]


def test_nothing_confidential_is_in_a_public_export(public, demo_path, tmp_path):
    report, book = public
    values = [str(v) for v in every_value(book)]
    with db.open_ledger(demo_path) as ledger:
        contacts = [s.contact for s, _ in db.sources(ledger) if s.contact]
        # Names given only to confidential victims (the demo reuses names).
        secret = [r[0] for r in ledger.conn.execute(
            "SELECT name FROM victim GROUP BY name HAVING min(confidential) = 1")]
    assert contacts and secret
    for value in values:
        assert not any(c in value for c in contacts)
        assert not any(name == value for name in secret)
    assert "Secret Witness Name" not in values
    assert report.left_out >= len(secret)
    # The full export holds them, and says so.
    full = load_workbook(tmp_path / "full.xlsx") if export(
        demo_path, tmp_path / "full.xlsx", full=True) else None
    full_values = [str(v) for v in every_value(full)]
    assert "Secret Witness Name" in full_values and contacts[0] in full_values
    summary = {row[0]: row[1] for row in full["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Export"].startswith("FULL")


def test_dangerous_text_stays_text(public):
    report, book = public
    cells = [cell for ws in book for row in ws.iter_rows() for cell in row
             if isinstance(cell.value, str) and cell.value in DANGEROUS]
    found = {cell.value for cell in cells}
    assert found == set(DANGEROUS)
    assert all(cell.data_type == "s" for cell in cells)
    # Places, descriptions, sources and victims' names all came through as typed.
    sheets = {cell.parent.title for cell in cells}
    assert {"Breaches", "Victims"} <= sheets


def test_a_leading_tab_or_an_error_code_is_written_as_text(tmp_path):
    from openpyxl import Workbook

    from db.cells import SafeText
    book = Workbook(write_only=True)
    sheet = book.create_sheet("x")
    guard = SafeText(lambda: sheet)
    sheet.append([guard("\tshelling"), guard(" #div/0! "), guard("plain"), guard(3)])
    book.save(tmp_path / "x.xlsx")
    row = [c for c in load_workbook(tmp_path / "x.xlsx")["x"][1]]
    assert [c.value for c in row] == ["\tshelling", " #div/0! ", "plain", 3]
    assert [c.data_type for c in row] == ["s", "s", "s", "n"]


def test_control_characters_are_removed_and_counted(public):
    report, book = public
    descriptions = [row[18] for row in book["Breaches"].iter_rows(min_row=2, values_only=True)]
    assert "a bell  and a form feed  in the text" in descriptions
    assert report.removed_characters == 2
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Characters removed"] == 2


def test_a_cancelled_or_failed_export_leaves_no_file(demo_path, tmp_path):
    target = tmp_path / "cancelled.xlsx"
    with db.open_ledger(demo_path) as ledger:
        with pytest.raises(db.LedgerError) as cancelled:
            export_workbook(ledger, target, ExportOptions(scheme=scheme_for(ledger)),
                            progress=lambda done, total: False)
        assert cancelled.value.code == "cancelled"
        assert list(tmp_path.iterdir()) == []
        with pytest.raises(db.LedgerError):
            export_workbook(ledger, tmp_path / "no such folder" / "x.xlsx",
                            ExportOptions(scheme=scheme_for(ledger)))
    assert list(tmp_path.iterdir()) == []


def test_filters_narrow_the_workbook_and_sheets_can_read_right_to_left(demo_path, tmp_path):
    with db.open_ledger(demo_path) as ledger:
        aleppo = db.find_by_name(ledger, "governorate", "Aleppo")
    report = export(demo_path, tmp_path / "aleppo.xlsx", right_to_left=True,
                    where=TotalsFilter(governorate_id=aleppo, date_to="2017-01-04"))
    book = load_workbook(tmp_path / "aleppo.xlsx")
    governorates = {row[2] for row in book["Breaches"].iter_rows(min_row=2, values_only=True)}
    assert governorates == {"Aleppo"} and report.breaches == 70
    assert all(ws.sheet_view.rightToLeft for ws in book)
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert "governorate: Aleppo" in summary["Filters"]


def test_the_command_line_exports(demo_path, tmp_path):
    target = tmp_path / "press.xlsx"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", "--db",
                             str(demo_path), "--out", str(target), "--to", "2017-01-04"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "public workbook" in result.stdout
    assert load_workbook(target)["Weekly totals"]["D2"].value == 251 + len(DANGEROUS) + 1


def test_calendar_weeks_are_dates_and_a_late_cancel_still_cancels(demo_path, tmp_path):
    from db.totals import WeekScheme
    export(demo_path, tmp_path / "calendar.xlsx", scheme=WeekScheme(week_start="saturday"))
    first = load_workbook(tmp_path / "calendar.xlsx")["Weekly totals"]["A2"]
    assert isinstance(first.value, datetime) and first.value.date() == date(2016, 12, 24)
    asked = []

    def cancel_at_the_end(done, total):
        asked.append(done)
        return len(asked) < 3  # go on through the Breaches sheet, then cancel

    with db.open_ledger(demo_path) as ledger, pytest.raises(db.LedgerError):
        export_workbook(ledger, tmp_path / "late.xlsx", ExportOptions(scheme=scheme_for(ledger)),
                        progress=cancel_at_the_end)
    assert not (tmp_path / "late.xlsx").exists()


def test_the_workbook_and_the_command_line_agree_on_a_truce_that_ended(tmp_path, ledger,
                                                                       make_breach, lists):
    db.add_truce(ledger, db.Truce("Short truce", "2016-12-29", end_date="2017-01-07"))
    for day in ("2017-01-05", "2017-01-06", "2017-01-09"):
        db.save_breach(ledger, make_breach(occurred_on=day, place=day))
    report = export(ledger.path, tmp_path / "short.xlsx")
    book = load_workbook(tmp_path / "short.xlsx")
    weekly = [row for row in book["Weekly totals"].iter_rows(min_row=2, values_only=True)]
    # Week 1 (29 December – 4 January) is empty; week 2 ends with the truce.
    assert [(row[0], row[3]) for row in weekly] == [(1, 0), (2, 2), ("Total", 2)]
    assert book["By governorate"]["B2"].value == 2
    assert report.breaches == 2


@pytest.mark.parametrize("narrowed", [{}, {"governorate": "Aleppo"}, {"confirmed_only": True}],
                         ids=["the week", "one governorate", "confirmed only"])
def test_a_week_reads_as_much_however_many_other_breaches_the_file_holds(tmp_path, narrowed):
    """The workbook of a week reads that week's breaches by an index that holds their day,
    and its totals from the kept sums: exporting the demo's first week from a file that
    holds 1,000 more breaches, all later, runs as many of SQLite's steps (counted by its
    progress handler) as from a file that holds that week alone. Reading every breach (or
    every confirmed one) once, as a condition the date index cannot serve does, adds
    about half as many again."""
    def steps(size: int) -> tuple[int, int]:
        path = tmp_path / f"demo-{size}.sqlite3"
        create_demo(path, size=size)
        done = [0]

        def count() -> int:
            done[0] += 1
            return 0  # go on

        with db.open_ledger(path, read_only=True) as ledger:
            where = TotalsFilter(date_from="2016-12-29", date_to="2017-01-04",
                                 confirmed_only=narrowed.get("confirmed_only", False))
            if "governorate" in narrowed:
                where.governorate_id = db.find_by_name(ledger, "governorate",
                                                       narrowed["governorate"])
            ledger.conn.set_progress_handler(count, 100)
            report = export_workbook(ledger, tmp_path / f"week-{size}.xlsx", ExportOptions(
                scheme=scheme_for(ledger), where=where))
        return report.breaches, done[0]

    (listed, alone), (among_many_listed, among_many) = steps(0), steps(1000)
    assert listed == among_many_listed > 0
    assert among_many < 1.1 * alone
