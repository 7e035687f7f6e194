"""Every column of an imported file is read or named (issue 10): headers in the window's
Arabic words and in the workbook's, old Arabic workbooks, list values in either vocabulary,
and a column the import does not read said by the report and by the command line."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from openpyxl import Workbook

import db
from db.importer import ImportRefused, import_file
from tests.conftest import ROOT, read_rows

# The reviewer's file: headed with the words of the window's own table.
WINDOW_HEADERS = ("التاريخ,المحافظة,المكان,الجهة المنفذة,النوع,التصنيف,القتلى,"
                  "القتلى (الحد الأعلى),النساء,النساء (الحد الأعلى),الأطفال,"
                  "الأطفال (الحد الأعلى),الجرحى,الوصف,المصادر\n")


def breach_counts(path) -> list[tuple]:
    return read_rows(path, "SELECT killed, killed_max, women, women_max, children,"
                     " children_max, injured, status FROM breach ORDER BY occurred_on")


def test_the_window_s_arabic_headers_import_women_and_children(ledger, ledger_path,
                                                               tmp_path):
    path = tmp_path / "office.csv"
    path.write_text(WINDOW_HEADERS
                    + "2017-01-02,حلب,خان طومان,,قصف مدفعي,مُختلَف عليه,12,15,3,4,4,6,5,"
                      "قصف على البلدة,مركز حلب الإعلامي\n"
                    + "2017-01-03,ريف دمشق,وادي بردى,,غارة جوية,متنازع عليه,2,,1,,0,,0,,"
                      "مركز حلب الإعلامي\n", encoding="utf-8")
    report = import_file(ledger, path)
    assert (report.new, report.ignored_columns) == (2, [])
    # "contested" in the window's words, and in the older workbooks' words.
    assert breach_counts(ledger_path) == [(12, 15, 3, 4, 4, 6, 5, "contested"),
                                          (2, None, 1, None, 0, None, 0, "contested")]


def test_an_arabic_workbook_written_before_the_window_s_words_still_imports(
        ledger, ledger_path, tmp_path):
    book = Workbook()
    breaches = book.active
    breaches.title = "الخروقات"
    breaches.append(["المعرّف", "التاريخ", "المحافظة", "نوع الخرق", "درجة التوثيق",
                     "القتلى", "القتلى من النساء", "الجرحى", "المصادر", "تاريخ الإنشاء",
                     "تاريخ آخر تعديل"])
    breaches.append(["1", "2017-01-02", "حلب", "قصف مدفعي", "مؤكد", 3, 1, 1,
                     "مركز حلب الإعلامي", "2017-01-02T10:00:00Z", "2017-01-02T11:00:00Z"])
    victims = book.create_sheet("الضحايا")
    victims.append(["معرّف الخرق", "الاسم", "الاسم بالحروف اللاتينية", "الجنس", "المصير"])
    victims.append(["1", "سامر", "Samer", "ذكر", "جريح"])
    sources = book.create_sheet("المصادر")
    sources.append(["الاسم", "نوع المصدر", "الموثوقية", "وسيلة التواصل"])
    sources.append(["مركز حلب الإعلامي", "شبكة إخبارية", "ب", "desk@example.org"])
    book.save(tmp_path / "old.xlsx")
    report = import_file(ledger, tmp_path / "old.xlsx")
    assert (report.new, report.victims, report.ignored_columns) == (1, 1, [])
    assert read_rows(ledger_path, "SELECT status, killed, women, created_at FROM breach") == [
        ("confirmed", 3, 1, "2017-01-02T10:00:00.000000Z")]
    assert read_rows(ledger_path, "SELECT name_latin, sex, outcome FROM victim") == [
        ("Samer", "male", "injured")]
    assert read_rows(ledger_path, "SELECT kind, reliability, contact FROM source") == [
        ("news network", "B", "desk@example.org")]


CSV_WITH_NOTES = ("Date,Governorate,Type,Sources,Killed,Notes2,,\n"
                  "2017-01-02,Aleppo,Shelling,Aleppo Media Center,2,seen by Rami,,x\n"
                  "2017-01-03,Aleppo,Shelling,Aleppo Media Center,1,,,\n")


def test_a_column_not_read_is_in_the_report(ledger, tmp_path, english):
    from gui.report_words import ignored_columns
    path = tmp_path / "office.csv"
    path.write_text(CSV_WITH_NOTES, encoding="utf-8")
    dry = import_file(ledger, path, dry_run=True)
    # Notes2, and the last column: no header, but a value. The empty one is no column.
    assert [(c.sheet, c.header, c.number) for c in dry.ignored_columns] == [
        ("Breaches", "Notes2", 6), ("Breaches", "", 8)]
    assert ignored_columns(dry) == ('2 columns not read, their values not imported: '
                                    '"Notes2", column 8, which has no header')
    assert import_file(ledger, path).new == 2  # said, not refused


def test_a_refused_import_still_names_the_columns_it_would_not_read(ledger, tmp_path):
    path = tmp_path / "office.csv"
    path.write_text("Date,Governorate,Type,Sources,Casualties\n"
                    "2017-01-02,Aleppo,Shelling,Aleppo Media Center,4\n"
                    "2017-13-40,Aleppo,Shelling,Aleppo Media Center,1\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        import_file(ledger, path)
    assert [c.header for c in refused.value.report.ignored_columns] == ["Casualties"]


def test_the_command_line_names_a_column_it_did_not_read(ledger_path, tmp_path):
    db.open_ledger(ledger_path, user="Rima", office="Gaziantep").close()
    path = tmp_path / "office.csv"
    path.write_text(CSV_WITH_NOTES, encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", "--db",
                           str(ledger_path), str(path)], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "LANG": "C", "LANGUAGE": ""})
    assert done.returncode == 0, done.stderr
    assert "2 new" in done.stdout
    assert done.stderr.startswith("truce-ledger: warning: ")
    assert '"Notes2"' in done.stderr and "column 8" in done.stderr
    assert read_rows(ledger_path, "SELECT count(*) FROM breach") == [(2,)]


def test_a_victims_sheet_column_not_read_is_named_with_its_sheet(ledger, tmp_path):
    from gui.report_words import ignored_columns
    book = Workbook()
    book.active.title = "Breaches"
    book.active.append(["ID", "Date", "Governorate", "Type", "Sources", "Killed"])
    book.active.append(["1", "2017-01-02", "Aleppo", "Shelling", "Aleppo Media Center", 1])
    victims = book.create_sheet("Victims")
    victims.append(["Breach ID", "Breach date", "Name", "Phone"])  # Breach date: the export's
    victims.append(["1", "2017-01-02", "Samer", "+963 900"])
    book.save(tmp_path / "office.xlsx")
    report = import_file(ledger, tmp_path / "office.xlsx", dry_run=True)
    assert ignored_columns(report).endswith(': "Phone" on the Victims sheet')


def test_a_refused_list_value_says_the_allowed_values_in_arabic(arabic, ledger, tmp_path):
    from gui.report_words import import_refusal
    path = tmp_path / "office.csv"
    path.write_text("التاريخ,المحافظة,النوع,المصادر,التصنيف\n"
                    "2017-01-02,حلب,قصف مدفعي,مركز حلب الإعلامي,ربما\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        import_file(ledger, path)
    said = "\n".join(import_refusal(refused.value.report))
    assert "مُبلَّغ عنه، مؤكَّد، مُختلَف عليه، مستبعَد" in said
    assert "reported" not in said and "ربما" in said
