"""The workbook as it leaves the office (issue 13): printed to PDF by LibreOffice, as an
office's printer or a journalist's "Save as PDF" does, every page is read back with
poppler: legible, every header whole, no ###, the chart below its table; and a public
workbook carries nothing of the people of the office, read in every cell and every XML
part of the file."""
from __future__ import annotations

import re
import shutil
import zipfile
from collections import Counter

import pytest
from openpyxl import load_workbook

import db
from db.demo import create_demo
from db.totals import scheme_for
from db.workbook import BREACH_HEADERS, ExportOptions, export_workbook
from scripts.print_workbook import pages, to_pdf

NEEDS_PRINTING = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler is not installed "
           "(apt-get install libreoffice-calc-nogui poppler-utils)")


def export(path, target, **options):
    with db.open_ledger(path) as ledger:
        options.setdefault("scheme", scheme_for(ledger))
        return export_workbook(ledger, target, ExportOptions(**options))


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("print") / "demo.sqlite3"
    create_demo(path)
    return path


@NEEDS_PRINTING
@pytest.mark.parametrize("full, weeks", [(False, "truce"), (True, "truce"),
                                         (False, "calendar")],
                         ids=["public", "full", "calendar weeks"])
def test_every_page_prints_legibly_with_every_header_whole(demo_path, tmp_path, full, weeks):
    """(Calendar weeks are named by their first day, a date, in the Week column.)"""
    from db.totals import WeekScheme
    workbook = tmp_path / "week.xlsx"
    export(demo_path, workbook, full=full,
           **({"scheme": WeekScheme(week_start="saturday")} if weeks == "calendar" else {}))
    printed = pages(to_pdf(workbook, tmp_path))
    sheets = load_workbook(workbook).sheetnames
    # Every page says in its footer which sheet it prints ("Breaches · Page 6 of 31"),
    # and every sheet prints.
    assert [page.sheet for page in printed if page.sheet is None] == []
    assert sorted(set(page.sheet for page in printed)) == sorted(sheets)
    for page in printed:
        assert "###" not in page.text, f"page {page.number} ({page.sheet}) prints ###"
        # No text under 8 points (on A4, as printed): the Breaches sheet fitted to one
        # page wide printed at about 3.
        assert page.smallest_text >= 8, (page.number, page.sheet, page.smallest_text)
    # The Breaches sheet prints several pages wide; each page repeats the header row and
    # the first column, and every header prints whole: all its words, none broken.
    breaches = [page for page in printed if page.sheet == "Breaches"]
    first_column = "ID" if full else "Date"
    headers = [h for h in BREACH_HEADERS
               if full or h not in ("ID", "Office", "Entered by", "Created", "Updated")]
    rows_of_pages = sum(1 for page in breaches if headers[1] in page.first_row())
    across = len(breaches) // rows_of_pages
    assert across >= 2 and len(breaches) == across * rows_of_pages
    assert all(page.first_row()[0] == first_column for page in breaches)
    seen = Counter(word for page in breaches for word in page.first_row())
    expected = Counter(word for header in headers for word in header.split())
    for word, times in expected.items():
        repeated = (across - 1) * (word in first_column.split())
        assert seen[word] == rows_of_pages * (times + repeated), (word, seen[word])
    # The chart of the weeks stands below its table, not beside it.
    weekly = next(page for page in printed if page.sheet == "Weekly totals")
    total_row = next(w for w in weekly.words if w.text == "Total")
    title = next(w for w in weekly.words if w.text == "killed" and w.y0 > total_row.y1)
    assert title.y0 > total_row.y1


def test_a_public_workbook_carries_nothing_of_the_office_s_people(tmp_path, ledger_path):
    """Nobody's name, no office, no note, no internal ID, no time of entry: in no cell and
    in no part of the file. The full workbook keeps them all, and says so."""
    with db.open_ledger(ledger_path, user="Rima Haddad", office="Idlib field office") as ledger:
        source = db.save_source(ledger, db.Source(
            name="Halab Today", contact="+963 944 555 0199",
            notes="Met through Abu Omar; do not call after dark"))
        breach = db.save_breach(ledger, db.Breach(
            occurred_on="2017-01-02", governorate_id=db.find_by_name(ledger, "governorate",
                                                                     "Aleppo"),
            breach_type_id=db.find_by_name(ledger, "breach_type", "Shelling"),
            place="Khan Tuman", description="Shelling of the market", killed=2,
            citations=[db.Citation(source_id=source.id, note="Called the hospital twice")],
            victims=[db.Victim(name="Ahmad Saleh", notes="Brother is a detainee"),
                     db.Victim(name="Secret Witness", confidential=True)]))
    personal = ["Rima Haddad", "Idlib field office", "Abu Omar", "Called the hospital",
                "Brother is a detainee", "Secret Witness", "+963 944 555 0199", breach.id]
    public = tmp_path / "public.xlsx"
    report = export(ledger_path, public)
    assert report.breaches == 1 and report.victims == 1
    book = load_workbook(public)
    cells = [str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value]
    assert "Shelling of the market" in cells and "Ahmad Saleh" in cells
    with zipfile.ZipFile(public) as archive:
        parts = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    for text in personal:
        assert not [c for c in cells if text in c], text
        assert not [name for name, part in parts.items() if text in part], text
    # Nor the columns that held them: who, which office, when, which ID.
    assert [c.value for c in book["Breaches"][1]] == [
        h for h in BREACH_HEADERS if h not in ("ID", "Office", "Entered by", "Created",
                                              "Updated")]
    assert "Breach ID" not in [c.value for c in book["Victims"][1]]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert "who entered or changed each breach" in summary["Export"]
    assert "the breaches' IDs" in summary["Export"]
    # The office that asks for the breaches' IDs (to import corrections) gets them, and
    # nothing more.
    with_ids = tmp_path / "with-ids.xlsx"
    export(ledger_path, with_ids, breach_ids=True)
    cells = [str(c.value) for ws in load_workbook(with_ids) for row in ws.iter_rows()
             for c in row if c.value]
    assert cells.count(breach.id) == 2  # its row of Breaches, its victim's row
    for text in personal:
        if text != breach.id:
            assert not [c for c in cells if text in c], text
    # The full workbook keeps everything, and says so.
    full = tmp_path / "full.xlsx"
    export(ledger_path, full, full=True)
    book = load_workbook(full)
    cells = [str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value]
    for text in ("Rima Haddad", "Idlib field office", "Brother is a detainee",
                 "Secret Witness", "+963 944 555 0199", "Entered by", breach.id):
        assert [c for c in cells if text in c], text
    assert re.match("FULL", book["Summary"]["B7"].value)


NEEDS_POPPLER = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler is not installed "
                                          "(apt-get install poppler-utils)")


def _pdf_text(path) -> str:
    """The PDF's text as a reader copies it (ligatures such as "fi" as their letters)."""
    import subprocess
    import unicodedata
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


@NEEDS_POPPLER
def test_the_pdf_for_the_press_of_the_week_selected(qtbot, dialogs, tmp_path):
    """Week 1 selected in Weekly totals, PDF for press: its text has week 1's sentence, its
    figures and the sentence in Arabic; the command line's names the latest week."""
    from PySide6.QtCore import Qt

    from tests.conftest import ROOT, show_window
    from tests.test_totals import PRESS
    from tests.test_window_editing import key
    path = tmp_path / "demo.sqlite3"
    create_demo(path, size=400)
    window = show_window(qtbot, db.open_ledger(path))
    view = window.totals
    qtbot.waitUntil(window.isActiveWindow)  # the keys go to this window
    with qtbot.waitSignal(view.counted, timeout=10_000):
        key(qtbot, Qt.Key_2, Qt.ControlModifier)
    qtbot.mouseClick(view.table.viewport(), Qt.LeftButton,
                     pos=view.table.visualRect(view.model.index(0, 1)).center())
    assert view.sentence.toPlainText() == PRESS
    dialogs.paths = [tmp_path / "week-one.pdf"]
    qtbot.mouseClick(view.pdf_button, Qt.LeftButton)
    assert dialogs.asked[-1][0] == "info"
    text = _pdf_text(tmp_path / "week-one.pdf")
    assert re.sub(r"\s+", " ", PRESS) in text
    for figure in ("251", "153", "191", "438"):
        assert figure in text
    assert "Week 1: 29 December 2016 – 4 January 2017" in text
    assert "Rural Damascus" in text and "Weekly totals" in text
    # The Arabic sentence too (its words; pdftotext gives Arabic in the order drawn).
    arabic = unicodedata_words(view.sentence_ar.toPlainText())
    assert sum(word in text for word in arabic) >= len(arabic) // 2
    # The command line: no week selected, the latest with breaches, said to be so.
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "main.py", "export", "--db", str(path), "--pdf",
                           str(tmp_path / "cli.pdf")], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "PDF for the press" in done.stdout
    text = _pdf_text(tmp_path / "cli.pdf")
    assert "(the latest week with breaches)" in text and PRESS not in text


def unicodedata_words(text: str) -> list[str]:
    import unicodedata
    return [w for w in unicodedata.normalize("NFKC", text).split() if len(w) > 3
            and not any(c.isdigit() for c in w)]


def test_a_sheet_for_the_press_release_with_the_chart_as_a_picture(tmp_path, demo_path):
    """`export --press-sheet`: the week's sentence in English and in Arabic, its figures,
    and the chart as a PNG picture a word processor takes whole."""
    import struct
    import subprocess
    import sys

    from tests.conftest import ROOT
    from tests.test_totals import PRESS
    target = tmp_path / "press.xlsx"
    done = subprocess.run([sys.executable, "main.py", "export", "--db", str(demo_path),
                           "--out", str(target), "--press-sheet"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    book = load_workbook(target)
    assert book.sheetnames[:2] == ["Summary", "For the press release"]
    rows = [row for row in book["For the press release"].iter_rows(values_only=True)]
    texts = [row[0] for row in rows if row[0]]
    assert PRESS in texts
    assert any(text.startswith("في الأسبوع الأول") and "251" in text for text in texts)
    figures = {row[0]: row[1:3] for row in rows if row[0] in ("Breaches", "Killed",
                                                             "Women killed", "Injured")}
    assert figures == {"Breaches": (251, None), "Killed": (153, 191),
                       "Women killed": (13, 13), "Injured": (438, 502)}
    with zipfile.ZipFile(target) as archive:
        pictures = [n for n in archive.namelist() if n.startswith("xl/media/")]
        assert len(pictures) == 1
        png = archive.read(pictures[0])
    assert png.startswith(b"\x89PNG") and struct.unpack(">II", png[16:24])[0] >= 400


def test_a_press_workbook_without_ids_is_not_imported_twice(tmp_path, demo_path):
    """Our own press workbook, imported back into the file it came from, would add every
    breach again: refused, nothing changed. Into an empty file its breaches come in (its
    victims, tied to nothing, are named as not read)."""
    from db.importer import import_file
    from gui.messages import error_text
    public = tmp_path / "press.xlsx"
    export(demo_path, public)
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(demo_path, copy)
    with db.open_ledger(copy) as ledger:
        with pytest.raises(db.LedgerError) as refused:
            import_file(ledger, public)
    assert "a second time" in error_text(refused.value)
    assert "Breach IDs in press files" in error_text(refused.value)
    with db.open_ledger(copy) as ledger:
        assert ledger.conn.execute("SELECT count(*) FROM breach").fetchone()[0] == 251
    fresh = tmp_path / "fresh.sqlite3"
    with db.open_ledger(fresh) as ledger:
        db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
        report = import_file(ledger, public)
        assert report.new == 251 and report.victims == 0
        assert "Victims" in {column.sheet for column in report.ignored_columns}
