"""Cells that Excel and LibreOffice show as they were typed: text is text (never a
formula or an error), control characters the format cannot hold are removed and counted,
texts longer than a cell holds are cut and counted (never silently); and the few cell
styles the workbook uses.

openpyxl is loaded by what makes cells (a workbook being written), not by what only
judges texts (the command line's CSV): the styles BOLD and WRAP are made when first
asked for."""
from __future__ import annotations

import functools
import unicodedata
from typing import Callable

# The most characters a cell holds (Excel counts them in UTF-16 units, as here).
TEXT_LIMIT = 32_767
# A text that Excel or LibreOffice could take for a formula or an error, were it typed
# (or pasted, or read from a CSV file): its first character, after any spaces. The
# full-width forms are there because an East Asian Excel reads them as the ASCII ones.
_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# The error values a cell shows (openpyxl's ERROR_CODES, without loading openpyxl).
ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")


@functools.cache
def _styles() -> dict:
    from openpyxl.styles import Alignment, Font
    return {"BOLD": Font(bold=True), "WRAP": Alignment(wrap_text=True, vertical="top")}


def __getattr__(name: str):
    """BOLD and WRAP, made at the first use."""
    if name in ("BOLD", "WRAP"):
        return _styles()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def risky(value: str) -> bool:
    """Whether a spreadsheet could take `value` for a formula or an error code: judged by
    its first visible character, since Excel and LibreOffice may drop what comes before it
    (spaces of any kind, a byte-order mark, the marks of direction LRM, RLM and ALM, any
    other invisible format character) and then evaluate what is left."""
    if value.startswith(_RISKY_START):
        return True
    visible = _visible(value)
    return visible.startswith(_RISKY_START) or visible.upper() in ERROR_CODES


def _visible(value: str) -> str:
    """`value` without the invisible characters around it: white space and separators
    (Unicode categories Z*, and the control characters among them), and format
    characters (Cf)."""
    start, end = 0, len(value)
    while start < end and _invisible(value[start]):
        start += 1
    while end > start and _invisible(value[end - 1]):
        end -= 1
    return value[start:end]


def _invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in _INVISIBLE


_INVISIBLE = frozenset({"Cf", "Zs", "Zl", "Zp"})


def cut_to_limit(value: str, limit: int = TEXT_LIMIT) -> str:
    """The longest beginning of `value` a cell holds: at most `limit` UTF-16 units, never
    half of a character outside the Basic Multilingual Plane (an emoji, say)."""
    if len(value) * 2 <= limit:  # quick answer: even all astral, it fits
        return value
    units = value.encode("utf-16-le")
    if len(units) <= 2 * limit:
        return value
    return units[:2 * limit].decode("utf-16-le", errors="ignore")


class SafeText:
    """Makes every text safe for a cell, and counts what it had to change: control
    characters removed (`removed`) and texts cut to TEXT_LIMIT (`cut`). Whether any text
    held a carriage return is noted too (`carriage_returns`): the XML writer leaves it
    bare, and a bare one is read back as a line feed unless the sheet is mended (see
    db/workbook.py)."""

    def __init__(self, sheet_of: Callable[[], object]):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        self._new_cell = WriteOnlyCell
        self._illegal = ILLEGAL_CHARACTERS_RE
        self.removed = 0
        self.cut = 0
        self.carriage_returns = False
        self._sheet_of = sheet_of

    def __call__(self, value):
        """`value` as it may go into a row: a plain value, or a cell that stays text."""
        if not isinstance(value, str):
            return value
        value = self.clean(value)
        return self._text_cell(value) if risky(value) else value

    def cell(self, value, **style):
        """A cell of `value` with the given style (font=…, alignment=…, number_format=…),
        its text made safe as every other."""
        if isinstance(value, str):
            value = self.clean(value)
            if risky(value):
                cell = self._text_cell(value)
            else:
                cell = self._new_cell(self._sheet_of(), value=value)
        else:
            cell = self._new_cell(self._sheet_of(), value=value)
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell

    def clean(self, value: str) -> str:
        """The text without the characters a cell cannot hold, and no longer than one
        holds; both counted."""
        if self._illegal.search(value):
            cleaned = self._illegal.sub("", value)
            self.removed += len(value) - len(cleaned)
            value = cleaned
        shorter = cut_to_limit(value)
        if shorter is not value:
            self.cut += 1
            value = shorter
        if "\r" in value:
            self.carriage_returns = True
        return value

    def _text_cell(self, value: str):
        cell = self._new_cell(self._sheet_of(), value=value)
        cell.data_type = "s"  # a string, whatever it looks like
        cell.quotePrefix = True  # and one that stays text when the cell is edited
        return cell


def letter(number: int) -> str:
    """The column letter of a column number (1 is A)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)


def header(ws, names: list[str]) -> None:
    """A bold header row, the first of its sheet, whose names wrap in their columns (set
    the columns' widths first): the row is as tall as its most wrapped name, since
    LibreOffice keeps a row's default height and draws the lines below it over the first
    row of data."""
    row = []
    for name in names:
        cell = _cell(ws, name)
        cell.font, cell.alignment = _styles()["BOLD"], _styles()["WRAP"]
        row.append(cell)
    lines = max((wrapped_lines(name, ws.column_dimensions[letter(number)].width)
                 for number, name in enumerate(names, start=1)), default=1)
    if lines > 1:
        ws.row_dimensions[1].height = LINE_HEIGHT * lines + 2
    ws.append(row)


LINE_HEIGHT = 15  # points: one line of the default font (Calibri 11)


def header_width(name: str) -> int:
    """The narrowest column in which `name`, a header, wraps between its words and never
    inside one (wrapped_lines' measure: its longest word on a line of its own)."""
    longest = max((len(word) for word in str(name).split()), default=1)
    return -(-(longest + 1) * 100 // 85)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes in bold, wrapped at its spaces in a column `width`
    characters wide (a spreadsheet's unit: the width of a digit). Counted generously, as a
    bold letter is wider than a digit: a line too many leaves room, one too few hides a
    line."""
    room = max(1, int(width * 0.85) - 1)
    count = 0
    for paragraph in str(text).split("\n"):
        used = None  # characters on the line being filled; None: no line begun
        for part in paragraph.split():
            if used is not None and used + 1 + len(part) <= room:
                used += 1 + len(part)
                continue
            count += 1 + (len(part) - 1) // room  # a word wider than the column breaks
            used = (len(part) - 1) % room + 1
        count += used is None  # an empty line still takes its height
    return count


def bold(ws, value):
    cell = _cell(ws, value)
    cell.font = _styles()["BOLD"]
    return cell


def side(ws, number: int, start: str = "left"):
    """A number beside text in the Summary, where one aligned away from its label would
    drift off: at the side where the sheet's lines begin ("left", or "right" in a sheet
    that reads right to left)."""
    from openpyxl.styles import Alignment

    cell = _cell(ws, number)
    cell.alignment = Alignment(horizontal=start, vertical="top")  # beside a label's 1st line
    return cell


def _cell(ws, value):
    from openpyxl.cell import WriteOnlyCell

    return WriteOnlyCell(ws, value=value)
