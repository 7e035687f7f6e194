"""The sheet "For the press release" of the workbook (db/workbook.py), when asked for: the
week of the press sentence, the sentence in English and in Arabic, the week's figures in
a small table, and the chart of the weeks as a picture, so that a journalist who copies
them into a word processor gets them whole (a chart of Excel's own pastes as a link to
cells the word processor does not have).

The picture is drawn by the caller (the window, or the command line, with Qt) and given
as PNG bytes: the core draws nothing.
"""
from __future__ import annotations

import struct

from openpyxl.cell import WriteOnlyCell
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font

from .press import week_sentence
from .cells import BOLD, wrapped_lines
from .workbook_summary import Wording, sentence_week

PRESS_SHEET = "For the press release"
WIDTHS = [70, 14, 14]  # the sentences wrap in the first column


class Picture(Image):
    """A PNG picture for openpyxl without Pillow: its size read from its own header."""

    def __init__(self, png: bytes):
        if png[:8] != b"\x89PNG\r\n\x1a\n":
            raise ValueError("not a PNG picture")
        self.ref = png
        self.width, self.height = struct.unpack(">II", png[16:24])
        self.format = "png"

    def _data(self) -> bytes:
        return self.ref


def press_sheet(ledger, ws, options, weeks, say: Wording) -> None:
    """Fill the sheet `ws` (write-only, its columns WIDTHS wide)."""
    order = 2 if say.language == "ar" else 0
    start = "right" if say.language == "ar" else "left"
    row = [0]

    def put(values: list, lines: int = 1) -> None:
        row[0] += 1
        if lines > 1:
            ws.row_dimensions[row[0]].height = min(409, 15 * lines)
        ws.append(values)

    def text(value: str, bold: bool = False, size: int | None = None) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=value)
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal=start,
                                   readingOrder=order)
        if bold or size:
            cell.font = Font(bold=bold, size=size or 11)
        return cell

    put([text(say(PRESS_SHEET), bold=True, size=14)])
    week, chosen = sentence_week(weeks, options.week)
    if week is None:
        put([text(say("no breaches"))])
        return
    named = (say("Week {number}: {span}", number=week.number,
                 span=say.span(week.first, week.last))
             if week.number is not None else say.span(week.first, week.last))
    put([text(named if chosen else say("{week} (the latest week with breaches)",
                                       week=named), bold=True)])
    put([])
    # Both sentences, whatever the workbook's language: offices publish both.
    for language in ("en", "ar"):
        sentence = week_sentence(ledger, options.scheme, week, options.where,
                                 language=language, digits=options.digits)
        cell = WriteOnlyCell(ws, value=sentence)
        cell.alignment = Alignment(wrap_text=True, vertical="top",
                                   horizontal="right" if language == "ar" else "left",
                                   readingOrder=2 if language == "ar" else 1)
        put([cell], lines=wrapped_lines(sentence, WIDTHS[0]))
        put([])
    put([WriteOnlyCell(ws, value=""), _bold(ws, say("At least")), _bold(ws, say("Up to"))])
    put([say("Breaches"), week.breaches])
    for label, name in (("Killed", "killed"), ("Women killed", "women"),
                        ("Children killed", "children"), ("Injured", "injured")):
        put([say(label), getattr(week, name), getattr(week, f"{name}_max")])
    if options.chart_png:
        picture = Picture(options.chart_png)
        scale = min(1.0, 480 / picture.width)  # so that it prints on the page of the table
        picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
        picture.anchor = f"A{row[0] + 2}"
        ws.add_image(picture)


def _bold(ws, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = BOLD
    return cell
