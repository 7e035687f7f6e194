"""Cells that Excel and LibreOffice show as they were typed: text is text (never a
formula or an error), control characters the format cannot hold are removed and counted;
and the few cell styles the workbook uses."""
from __future__ import annotations

from typing import Callable

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

# A text that Excel or LibreOffice could take for a formula or an error, were it typed.
_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
LEFT = Alignment(horizontal="left")


class SafeText:
    """Makes every text safe for a cell, and counts what it had to remove."""

    def __init__(self, sheet_of: Callable[[], object]):
        self.removed = 0
        self._sheet_of = sheet_of

    def __call__(self, value):
        if not isinstance(value, str):
            return value
        if ILLEGAL_CHARACTERS_RE.search(value):
            cleaned = ILLEGAL_CHARACTERS_RE.sub("", value)
            self.removed += len(value) - len(cleaned)
            value = cleaned
        if value.startswith(_RISKY_START) or value.strip().upper() in ERROR_CODES:
            cell = WriteOnlyCell(self._sheet_of(), value=value)
            cell.data_type = "s"  # a string, whatever it looks like
            cell.quotePrefix = True  # and one that stays text when the cell is edited
            return cell
        return value


def letter(number: int) -> str:
    """The column letter of a column number (1 is A)."""
    return get_column_letter(number)


def header(ws, names: list[str]) -> None:
    """A bold header row whose names wrap in their columns."""
    row = []
    for name in names:
        cell = WriteOnlyCell(ws, value=name)
        cell.font, cell.alignment = BOLD, WRAP
        row.append(cell)
    ws.append(row)


def bold(ws, value):
    cell = WriteOnlyCell(ws, value=value)
    cell.font = BOLD
    return cell


def left(ws, number: int):
    """A number beside text in the Summary, where a right-aligned one would drift away."""
    cell = WriteOnlyCell(ws, value=number)
    cell.alignment = LEFT
    return cell
