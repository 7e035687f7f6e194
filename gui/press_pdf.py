"""The press release as a PDF: what the workbook's Summary says (the week of the sentence
and the sentence, in English and in Arabic), the week's figures, the chart of the weeks
as a picture, and the Weekly totals, in one or two pages a journalist reads as they are.

Written with Qt's own PDF writer (QTextDocument printed on a QPdfWriter), from the same
question as the view and the workbook (db.question.Question), in the workbook's words
(db/workbook_words.py), English or Arabic, right to left in Arabic. Nothing of the
office's people is in it: no names, no contacts, no IDs. The file is written under a
temporary name beside the target and moved into place when complete.
"""
from __future__ import annotations

import contextlib
import html
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF, Qt, QUrl
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument, QTextOption

import db
from db.question import Question
from db.workbook import _not_written as not_written
from db.workbook import refuse_ledger_target
from db.workbook_summary import COUNT_HEADERS, Wording, press_release, sentence_week

_CHART = QUrl("truce-ledger:chart.png")


@dataclass
class PdfReport:
    path: Path
    weeks: int
    breaches: int  # counted in the weeks
    sentence: str  # the press sentence given, in the PDF's language ("" when none)


def write_press_pdf(ledger: db.Ledger, target: str | os.PathLike, question: Question,
                    office: str = "", language: str = "en",
                    digits: str = "western") -> PdfReport:
    """Write the PDF of `question` to `target`. Raises LedgerError "not_written" (with the
    reason) when the file cannot be written; nothing is left at `target` then."""
    target = Path(target)
    refuse_ledger_target(ledger.path, target)
    say = Wording(language, digits)
    release = press_release(ledger, question, office, say)
    report, facts = release.report, release.facts
    document = QTextDocument()
    if language == "ar":  # every paragraph and table reads from the right
        option = QTextOption()
        option.setTextDirection(Qt.RightToLeft)
        document.setDefaultTextOption(option)
    document.addResource(QTextDocument.ImageResource, _CHART, chart_png(report.weeks, say))
    document.setHtml(_html(facts, release.other, report, question.week, say))
    # Drawn into memory, then written by Python: a full disk or a folder that cannot be
    # written is said as what it is (a PDF writer on a file says nothing of either).
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    pdf = QPdfWriter(buffer)
    pdf.setTitle(say("Breaches of the ceasefire"))
    pdf.setCreator("Truce Ledger")
    layout = QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait,
                         QMarginsF(15, 15, 15, 15), QPageLayout.Millimeter)
    pdf.setPageLayout(layout)
    # The page's text width, in the document's own pixels (96 to the inch): the tables
    # spread over the whole of it.
    document.setPageSize(QSizeF(layout.paintRectPixels(96).size()))
    document.print_(pdf)
    del pdf  # the PDF is complete once its writer is gone
    buffer.close()
    written = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        with open(written, "wb") as handle:
            handle.write(bytes(data))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(written, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            written.unlink(missing_ok=True)
        raise not_written(target, error) from None
    sentence = dict(facts).get("Press sentence", "")
    return PdfReport(target, len(report.weeks), report.total.breaches, sentence)


def _html(facts, other: str, report, question_week, say: Wording) -> str:
    rtl = say.language == "ar"
    side = "right" if rtl else "left"
    esc = html.escape

    def row(cells: list[tuple[str, str]], tag: str = "td") -> str:
        """A table's row: (text, "text" or "number") cells, from the right in Arabic (Qt's
        tables do not turn with the text)."""
        styled = [f'<{tag} style="padding: 2px 8px; text-align: '
                  f'{"right" if kind == "number" else side}">{text}</{tag}>'
                  for text, kind in cells]
        return "<tr>" + "".join(reversed(styled) if rtl else styled) + "</tr>"

    def table(rows: str, border: bool = True, width: str = "") -> str:
        lines = ' border="1" style="border-collapse: collapse"' if border else ""
        wide = f' width="{width}"' if width else ""
        return f'<table align="{side}" cellspacing="0"{wide}{lines}>{rows}</table>'

    sentence = dict(facts).get("Press sentence", "")
    parts = [f'<h1 align="{side}">{esc(say("Breaches of the ceasefire"))}</h1>']
    if sentence:
        parts.append(f'<p style="font-size: 13pt" align="{side}">{esc(sentence)}</p>')
        if other:  # for the journalist who writes in the other language
            other_side, other_dir = ("left", "ltr") if rtl else ("right", "rtl")
            parts.append(f'<p dir="{other_dir}" align="{other_side}" style="font-size: 12pt">'
                         f'{esc(other)}</p>')
    # The figures of the week of the sentence (of every week counted when no week has a
    # sentence), as the sentence gives them, with the "up to" beside.
    week, _chosen = sentence_week(report.weeks, question_week)
    shown = week if week is not None else report.total
    heading = dict(facts).get("Week of the press sentence") or say("Totals")
    figures = row([("", "text"), (esc(say("At least")), "number"),
                   (esc(say("Up to")), "number")], "th")
    figures += row([(esc(say("Breaches")), "text"), (say.number(shown.breaches), "number"),
                    ("", "number")])
    for label, name in (("Killed", "killed"), ("Women killed", "women"),
                        ("Children killed", "children"), ("Injured", "injured")):
        figures += row([(esc(say(label)), "text"),
                        (say.number(getattr(shown, name)), "number"),
                        (say.number(getattr(shown, name + "_max")), "number")])
    parts.append(f'<h2 align="{side}">{esc(heading)}</h2>{table(figures)}')
    if report.weeks:
        parts.append(f'<p align="center"><img src="{_CHART.toString()}" width="600"></p>')
    parts.append(table("".join(row([(f"<b>{esc(say(label))}</b>", "text"),
                                    (esc(str(value)), "text")])
                               for label, value in facts if label != "Press sentence"),
                       border=False))
    counts = ("breaches", "killed", "women", "children", "injured")
    weeks = row([(esc(say(h)), "number") for h in ["Week", "From", "To"] + COUNT_HEADERS[:5]],
                "th")
    for w in report.weeks:  # days as the workbook's sheets write them: 2017-01-04
        first, last = (_digits(day.isoformat(), say) for day in (w.first, w.last))
        number = say.number(w.number) if w.number is not None else first
        weeks += row([(number, "number"), (first, "number"), (last, "number")]
                     + [(say.number(getattr(w, n)), "number") for n in counts])
    weeks += row([(f"<b>{esc(say('Total'))}</b>", "text"), ("", "text"), ("", "text")]
                 + [(f"<b>{say.number(getattr(report.total, n))}</b>", "number")
                    for n in counts])
    parts.append(f'<h2 align="{side}">{esc(say("Weekly totals"))}</h2>'
                 f'{table(weeks, width="100%")}')
    direction = ' dir="rtl"' if rtl else ""
    return (f'<html{direction}><body style="font-family: \'DejaVu Sans\', \'Noto Sans\', '
            f'Arial; font-size: 9pt">{"".join(parts)}</body></html>')


def _digits(text: str, say: Wording) -> str:
    """A day written with digits, in the digits of the PDF's Arabic text."""
    return "".join(say.number(int(c)) if c.isdigit() else c for c in text)


def chart_png(weeks, say: Wording) -> QByteArray:
    """The chart of the weeks (as the Weekly totals view draws it), as a PNG."""
    from .week_chart import WeekChart
    chart = WeekChart(words=say)
    chart.resize(760, 340)
    chart.show_weeks(weeks)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    chart.grab().save(buffer, "PNG")
    buffer.close()
    chart.deleteLater()
    return data


def _drawing_without_a_screen() -> None:
    """The command line draws (a PDF, a chart) with Qt, on no screen."""
    from PySide6.QtWidgets import QApplication
    if QApplication.instance() is None:
        _KEPT.append(QApplication(["truce-ledger", "-platform", "offscreen"]))


def write_press_pdf_here(ledger: db.Ledger, target: str | os.PathLike, options) -> PdfReport:
    """The command line's PDF (`export --pdf`), of the workbook's options (no week
    selected: the latest with breaches)."""
    _drawing_without_a_screen()
    question = Question(options.scheme, options.where, options.week)
    return write_press_pdf(ledger, target, question, options.office, options.language,
                           options.digits)


_KEPT: list = []  # the application made for the command line, kept while it runs


def chart_png_here(ledger: db.Ledger, options) -> bytes:
    """The command line's picture of the chart, for the sheet "For the press release"."""
    from db.totals import weekly_totals
    _drawing_without_a_screen()
    weeks = weekly_totals(ledger, options.scheme, options.where)
    return bytes(chart_png(weeks, Wording(options.language, options.digits)))
