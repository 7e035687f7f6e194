"""The workbook in Arabic (issue 10): exported from the demo, opened with openpyxl and with
LibreOffice, imported back into a new ledger to the same totals, and chosen in the window."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from datetime import datetime
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

import db
from db.demo import create_demo
from db.importer import import_file
from db.press import week_sentence
from db.totals import scheme_for, totals_by, weekly_totals
from db.workbook import ExportOptions, export_workbook
from db.workbook_words import HEADERS, VALUES
from tests.conftest import ROOT, show_window
from tests.test_window_editing import focused, key

SHEETS = ["الملخص", "الحصيلة الأسبوعية", "حسب المحافظة", "حسب الجهة المنفذة", "حسب النوع",
          "الخروقات", "الضحايا", "المصادر"]
BREACH_HEADERS = [
    "المعرّف", "التاريخ", "الوقت", "المحافظة", "المنطقة", "المكان", "خط العرض", "خط الطول",
    "الجهة المنفذة", "النوع", "التصنيف", "القتلى", "القتلى (الحد الأعلى)",
    "القتلى من النساء", "القتلى من النساء (الحد الأعلى)", "القتلى من الأطفال",
    "القتلى من الأطفال (الحد الأعلى)", "الجرحى", "الجرحى (الحد الأعلى)", "الوصف", "المصادر",
    "الهدنة", "المكتب", "المُدخِل", "أُنشئ في", "حُدّث في"]
LATIN = re.compile("[A-Za-z]")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo, exported in full in Arabic (and in English, to compare)."""
    folder = tmp_path_factory.mktemp("arabic")
    path = folder / "demo.sqlite3"
    create_demo(path, size=300)
    with db.open_ledger(path) as ledger:
        for name, language in (("ar.xlsx", "ar"), ("en.xlsx", "en")):
            export_workbook(ledger, folder / name, ExportOptions(
                scheme=scheme_for(ledger), full=True, language=language))
    return folder


def rows(book, sheet: str) -> list[tuple]:
    return list(book[sheet].iter_rows(values_only=True))


def test_sheet_names_headers_and_every_sheet_right_to_left(demo):
    book = load_workbook(demo / "ar.xlsx")
    assert book.sheetnames == SHEETS
    assert all(len(name) <= 31 and not re.search(r"[:\\/?*\[\]]", name) for name in SHEETS)
    assert all(ws.sheet_view.rightToLeft for ws in book)
    assert list(rows(book, "الخروقات")[0]) == BREACH_HEADERS
    for sheet in SHEETS[1:]:  # no header left in English
        assert not any(LATIN.search(str(h)) for h in rows(book, sheet)[0] if h), sheet
    labels = [row[0] for row in rows(book, "الملخص") if row[0]]
    assert not any(LATIN.search(label) for label in labels), labels
    # The English export is as it was.
    assert load_workbook(demo / "en.xlsx").sheetnames[0] == "Summary"


def test_the_summary_sentence_is_the_arabic_press_sentence(demo):
    summary = {row[0]: row[1] for row in rows(load_workbook(demo / "ar.xlsx"), "الملخص")
               if row[0]}
    with db.open_ledger(demo / "demo.sqlite3") as ledger:
        scheme = scheme_for(ledger)
        week = [w for w in weekly_totals(ledger, scheme) if w.breaches][-1]
        expected = week_sentence(ledger, scheme, week, language="ar")
    sentence = summary["الفقرة الصحفية"]
    assert sentence == expected and not LATIN.search(sentence)
    assert summary["الفترة"].startswith("29") and "كانون الأول" in summary["الفترة"]
    assert summary["بيانات تجريبية"].startswith("نعم")
    assert isinstance(summary["تاريخ الإصدار"], datetime)


def test_dates_are_dates_numbers_are_numbers_and_list_values_arabic(demo):
    book = load_workbook(demo / "ar.xlsx")
    breaches = rows(book, "الخروقات")[1:]
    assert all(isinstance(row[1], datetime) for row in breaches)
    assert all(isinstance(row[11], int) and isinstance(row[17], int) for row in breaches)
    assert {row[3] for row in breaches} >= {"حلب", "ريف دمشق"}
    assert {row[10] for row in breaches} <= {"مُبلَّغ عنه", "مؤكَّد", "مُختلَف عليه", "مستبعَد"}
    weekly = rows(book, "الحصيلة الأسبوعية")
    assert isinstance(weekly[1][1], datetime) and weekly[1][3] == 251
    assert weekly[-1][0] == "المجموع"
    victims = rows(book, "الضحايا")[1:]
    assert {row[4] for row in victims} <= {"أنثى", "ذكر", "غير معروف"}
    assert {row[7] for row in victims} <= {"قتيل", "جريح", "مفقود"}
    assert {row[9] for row in victims} <= {"نعم", "لا"}
    kinds = {row[1] for row in rows(book, "المصادر")[1:]}
    assert kinds and not any(LATIN.search(kind) for kind in kinds)
    reliability = {row[2] for row in rows(book, "المصادر")[1:]}  # as the window says it
    assert "ب: موثوق عادةً" in reliability and not any(LATIN.search(r) for r in reliability)
    chart = book["الحصيلة الأسبوعية"]._charts[0]
    assert "الخروقات" in "".join(r.t for p in chart.title.tx.rich.p for r in p.r)


def test_an_arabic_export_imports_back_to_the_same_totals(demo, tmp_path):
    path = tmp_path / "office.sqlite3"
    with db.open_ledger(path, user="Sami", office="Idlib office") as ledger:
        db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
        report = import_file(ledger, demo / "ar.xlsx")
        assert report.refused == 0 and report.new > 251 and report.victims > 0
        assert report.ignored_columns == []  # every column an export writes is known
        imported = (weekly_totals(ledger, scheme_for(ledger)),
                    totals_by(ledger, "governorate"), totals_by(ledger, "type"))
        statuses = ledger.conn.execute(
            "SELECT status, count(*) FROM breach GROUP BY status").fetchall()
        victims = ledger.conn.execute(
            "SELECT sex, age_group, outcome, civilian, confidential, count(*) FROM victim"
            " GROUP BY 1, 2, 3, 4, 5").fetchall()
        sources = ledger.conn.execute("SELECT name, kind, reliability FROM source"
                                      " ORDER BY name").fetchall()
    with db.open_ledger(demo / "demo.sqlite3") as ledger:
        assert sources == ledger.conn.execute(
            "SELECT name, kind, reliability FROM source WHERE id IN (SELECT source_id"
            " FROM citation) ORDER BY name").fetchall()
        assert imported == (weekly_totals(ledger, scheme_for(ledger)),
                            totals_by(ledger, "governorate"), totals_by(ledger, "type"))
        assert statuses == ledger.conn.execute(
            "SELECT status, count(*) FROM breach GROUP BY status").fetchall()
        assert victims == ledger.conn.execute(
            "SELECT sex, age_group, outcome, civilian, confidential, count(*) FROM victim"
            " GROUP BY 1, 2, 3, 4, 5").fetchall()
    with db.open_ledger(path) as ledger:  # and again: nothing changes
        assert import_file(ledger, demo / "ar.xlsx").unchanged == report.new


def _window_arabic() -> dict[str, str]:
    """The window's Arabic for each English text, as the .ts holds it (plurals left out)."""
    root = ElementTree.parse(ROOT / "resources/translations/truce_ledger_ar.ts").getroot()
    return {m.findtext("source"): m.findtext("translation") for m in root.iter("message")
            if m.get("numerus") != "yes"}


def test_the_workbook_s_arabic_words_are_the_window_s(english):
    """One vocabulary: each list value and column header the workbook writes in Arabic is
    the window's translation of the same English word."""
    from gui.labels import choice_label
    window = _window_arabic()
    for value, arabic in VALUES.items():  # "contested" is "مُختلَف عليه" in both
        assert window[choice_label(value)] == arabic, value
    compared = 0
    for english_word, arabic in HEADERS.items():
        shown = "Grading" if english_word == "Status" else english_word  # its name there
        if shown in window:
            assert window[shown] == arabic, english_word
            compared += 1
    assert compared >= 40  # the window has a word for (nearly) every header


def test_the_command_line_exports_in_arabic(demo, tmp_path):
    target = tmp_path / "press.xlsx"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", "--db",
                           str(demo / "demo.sqlite3"), "--out", str(target), "--language", "ar"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    book = load_workbook(target)
    assert book.sheetnames == SHEETS and book["الحصيلة الأسبوعية"]["D2"].value == 251


def _words(text: str) -> set[str]:
    """The Arabic words of a text, as LibreOffice's PDF gives them to pdftotext: letters in
    their presentation forms are folded back, and a word may come out reversed."""
    text = unicodedata.normalize("NFKC", text)
    words = set(re.findall(r"[\u0621-\u064a]+", text))
    return words | {w[::-1] for w in words}


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice and pdftotext are needed")
def test_libreoffice_prints_the_arabic_summary(demo, tmp_path):
    shutil.copy(demo / "ar.xlsx", tmp_path / "ar.xlsx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "ar.xlsx")],
                   capture_output=True, timeout=180, check=True)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "ar.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    found = _words(text)
    for word in ("الخروقات", "المجاميع", "دمشق", "امرأة", "حلب"):
        assert word in found, word


def test_the_window_exports_in_the_language_chosen(qtbot, tmp_path, dialogs):
    from gui import settings
    path = tmp_path / "demo.sqlite3"
    create_demo(path, size=0)
    window = show_window(qtbot, db.open_ledger(path))
    qtbot.waitUntil(lambda: focused() is not None, timeout=5000)  # the window has the keys
    view = window.totals
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    key(qtbot, Qt.Key_K, Qt.AltModifier)  # Workbook language
    assert focused() is view.export_language
    key(qtbot, Qt.Key_Down)  # the window's language → Arabic
    assert settings.get(settings.EXPORT_LANGUAGE) == "ar"
    dialogs.paths = [tmp_path / "press.xlsx"]
    key(qtbot, Qt.Key_X, Qt.AltModifier)  # Export for press (a button's Alt key clicks soon)
    qtbot.waitUntil((tmp_path / "press.xlsx").exists, timeout=20_000)
    book = load_workbook(tmp_path / "press.xlsx")
    assert book.sheetnames == SHEETS and all(ws.sheet_view.rightToLeft for ws in book)
    summary = {row[0]: row[1] for row in rows(book, "الملخص") if row[0]}
    assert "251" in summary["الفقرة الصحفية"]
    # English again, with the keys; remembered.
    window.activateWindow()  # back to the window, once the progress has gone
    qtbot.waitUntil(lambda: focused() is not None, timeout=5000)
    key(qtbot, Qt.Key_K, Qt.AltModifier)
    key(qtbot, Qt.Key_Down)
    assert settings.get(settings.EXPORT_LANGUAGE) == "en"
    dialogs.paths = [tmp_path / "english.xlsx"]
    key(qtbot, Qt.Key_X, Qt.AltModifier)
    qtbot.waitUntil((tmp_path / "english.xlsx").exists, timeout=20_000)
    assert load_workbook(tmp_path / "english.xlsx").sheetnames[0] == "Summary"
