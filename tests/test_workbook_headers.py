"""The wrapped headers of the workbook's sheets, read back with openpyxl: the header row is
as tall as its names wrapped in their columns, so that no spreadsheet (LibreOffice keeps a
row's default height) draws a header's lines over the first row of data."""
from __future__ import annotations

import textwrap

import pytest
from openpyxl import load_workbook

import db
from db.demo import create_demo
from db.totals import scheme_for
from db.workbook import ExportOptions, export_workbook

LINE = 15  # points: a line of Calibri 11, the workbook's font
SHEETS = {"en": ["Weekly totals", "By governorate", "By actor", "By type", "Breaches"],
          "ar": ["الحصيلة الأسبوعية", "حسب المحافظة", "حسب الجهة المنفذة", "حسب النوع",
                 "الخروقات"]}


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("headers")
    create_demo(folder / "demo.sqlite3")
    with db.open_ledger(folder / "demo.sqlite3") as ledger:
        for language in SHEETS:
            export_workbook(ledger, folder / f"{language}.xlsx", ExportOptions(
                scheme=scheme_for(ledger), language=language))
    return {language: load_workbook(folder / f"{language}.xlsx") for language in SHEETS}


def lines_at_least(text: str, width: float) -> int:
    """The fewest lines `text` can wrap to in a column `width` digits wide (a letter of a
    bold header is never narrower than a digit: a header needs at least these)."""
    return max(1, len(textwrap.wrap(text, width=int(width), break_long_words=True)))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_each_header_row_is_as_tall_as_its_wrapped_names(books, language):
    book = books[language]
    for title in SHEETS[language]:
        ws = book[title]
        needed = max(lines_at_least(cell.value, ws.column_dimensions[cell.column_letter].width)
                     for cell in ws[1] if cell.value)
        assert needed > 1, title  # the sheet has headers that wrap
        assert ws.cell(1, 1).alignment.wrap_text
        height = ws.row_dimensions[1].height
        assert height is not None and height >= needed * LINE, (title, height, needed)
        assert height <= 409  # the most Excel allows a row

