"""The sheets of totals of the workbook (db/workbook.py): Weekly totals with its chart, By
governorate, By actor and By type, and the Summary. In English or in Arabic: the words
are those of db/workbook_words.py; dates stay dates and numbers stay numbers in both."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font

from .cells import BOLD, TEXT_LIMIT, bold, header, letter, side, wrapped_lines
from .press import WeeklyReport, day_text, span_text, week_sentence, weekly_report
from .records import as_date
from .totals import COUNT_NAMES, Counts, TotalsFilter, grand_total
from .workbook_words import word

COUNT_HEADERS = ["Breaches", "Killed", "Women killed", "Children killed", "Injured",
                 "Killed (up to)", "Women killed (up to)", "Children killed (up to)",
                 "Injured (up to)"]
_GROUP_HEADERS = {"governorate": "Governorate", "actor": "Actor", "type": "Type"}
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


class Wording:
    """The words of one export: its language, and the digits of its Arabic text."""

    def __init__(self, language: str = "en", digits: str = "western"):
        self.language, self.digits = language, digits

    def __call__(self, text: str, **values) -> str:
        """`text` in the export's language, its {values} filled in (numbers in the digits
        of the export's Arabic text; texts as they are)."""
        said = word(text, self.language)
        if values:
            said = said.format(**{k: v if isinstance(v, str) else self.number(v)
                                  for k, v in values.items()})
        return said

    def number(self, value: int) -> str:
        """A whole number as the export's text writes it: 32,767, or ٣٢٬٧٦٧."""
        written = f"{value:,}"
        if self.language == "ar" and self.digits == "arabic":
            return written.translate(_ARABIC_DIGITS).replace(",", "٬")
        return written

    def name(self, name: str, name_ar: str = "") -> str:
        """A list entry's name: its Arabic one in an Arabic workbook, where it has one."""
        return name_ar or name if self.language == "ar" else name

    def day(self, day) -> str:
        """A day in words: 29 December 2016, 29 كانون الأول 2016."""
        return day_text(day, language=self.language, digits=self.digits)

    def span(self, first, last) -> str:
        return span_text(first, last, language=self.language, digits=self.digits)


def _counts(row: Counts) -> list[int]:
    return [getattr(row, name) for name in COUNT_NAMES]


def weekly_sheet(ws, weeks, total: Counts, say: Wording) -> None:
    header(ws, [say(h) for h in ["Week", "From", "To"] + COUNT_HEADERS])
    for week in weeks:  # the week's number since the truce, or its first day (a date)
        ws.append([week.number if week.number is not None else (week.starts or week.first),
                   week.first,
                   week.last] + _counts(week))
    if weeks:
        ws.auto_filter.ref = f"A1:{letter(12)}{len(weeks) + 1}"
    _total_row(ws, say("Total"), total, blanks=2)
    if weeks:
        chart = BarChart()
        chart.type = "col"
        chart.title = say("Breaches and people killed per week")
        chart.y_axis.title = say("Count")
        chart.x_axis.title = say("Week")
        last = len(weeks) + 1
        chart.add_data(Reference(ws, min_col=4, max_col=5, min_row=1, max_row=last),
                       titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
        # Below the table, as wide as the printed page: beside it, it shrank the table.
        chart.width, chart.height = 24, 12
        ws.add_chart(chart, f"A{len(weeks) + 4}")


def groups_sheet(ws, by: str, groups, text, say: Wording) -> None:
    header(ws, [say(_GROUP_HEADERS[by])] + [say(h) for h in COUNT_HEADERS])
    for group in groups:
        ws.append([text(say.name(group.name, group.name_ar))] + _counts(group))
    if groups:
        ws.auto_filter.ref = f"A1:{letter(10)}{len(groups) + 1}"
    _total_row(ws, say("Total"), grand_total(groups))


def _total_row(ws, label: str, total: Counts, blanks: int = 0) -> None:
    cells = [WriteOnlyCell(ws, value=label)] + [None] * blanks + [
        WriteOnlyCell(ws, value=v) for v in _counts(total)]
    for cell in cells:
        if cell is not None:
            cell.font = BOLD
    ws.append(cells)


_FULL = ("FULL: everything the database holds, confidential victims, the contacts and notes "
         "of sources, and who entered each breach, from which office and when, included. Not "
         "for publication.")
_PUBLIC = ("Public, for the press. Left out: confidential victims, victims' notes, the "
           "contacts and notes of sources, who entered or changed each breach, the office "
           "that entered it and when, and the breaches' IDs.")
_PUBLIC_WITH_IDS = ("Public, for the press. Left out: confidential victims, victims' notes, "
                    "the contacts and notes of sources, who entered or changed each breach, "
                    "the office that entered it and when. Kept, for corrections: the "
                    "breaches' IDs and when each was last changed.")


def summary_facts(ledger, scheme, where, first_day, weeks, office: str,
                  say: Wording) -> list[tuple[str, str]]:
    """What a report of these weeks says before its figures, (label, text) in the order
    read: office, period, how weeks are counted, filters, whether it is the demo, the week
    of the press sentence (the one starting on `first_day`, else the latest with
    breaches, said to be so) and the sentence, and how the figures are counted. The
    workbook's Summary and the PDF for the press say the same."""
    period = say.span(weeks[0].first, weeks[-1].last) if weeks else say("no breaches")
    counted = (say("Weeks since {truce} went into force on {day}", truce=scheme.truce.name,
                   day=say.day(as_date(scheme.truce.start_date)) if say.language == "ar"
                   else scheme.truce.start_date)
               if scheme.truce else
               say("Calendar weeks starting on {day}", day=_weekday(scheme.week_start, say)))
    lines = [
        ("Office", office or "—"),
        ("Period", period),
        ("Weeks", counted),
        ("Filters", _filters_text(ledger, where, say)),
    ]
    if ledger.is_demo:  # seen by a reader, and by the importer, which keeps the demo apart
        lines.append(("Demo", say("Yes: these are the demo's breaches, not real ones. They "
                                  "are never imported into a database of real breaches.")))
    week, chosen = sentence_week(weeks, first_day)
    if week is not None:
        named = (say("Week {number}: {span}", number=week.number,
                     span=say.span(week.first, week.last))
                 if week.number is not None else say.span(week.first, week.last))
        lines.append(("Week of the press sentence", named if chosen else say(
            "{week} (the latest week with breaches)", week=named)))
        lines.append(("Press sentence", week_sentence(
            ledger, scheme, week, where, language=say.language, digits=say.digits)))
    lines.append(("How counted", say(
        "Each figure is the sum of the \"at least\" count of every breach (\"up to\" beside "
        "it, where a missing \"up to\" counts as its \"at least\"). Discounted reports and "
        "deleted entries are left out of every total. Children are under 18; women are "
        "adult females.")))
    return lines


@dataclass
class PressRelease:
    """What the PDF for the press says (gui/press_pdf.py), read in one snapshot."""

    report: WeeklyReport  # the weeks and their total
    facts: list[tuple[str, str]]  # summary_facts: the Summary's lines, the sentence among them
    other: str  # the press sentence in the other language ("" when there is none)


def press_release(ledger, question, office: str, say: Wording) -> PressRelease:
    """The weeks, the Summary's lines and both press sentences of `question` (weeks,
    filters, the week selected), from one snapshot of the file."""
    with ledger.snapshot():
        report = weekly_report(ledger, question.scheme, question.where, say.digits,
                               every_week=False, shown=question.week)
        facts = summary_facts(ledger, question.scheme, question.where, question.week,
                              report.weeks, office, say)
        week, _chosen = sentence_week(report.weeks, question.week)
        other = ""
        if week is not None:
            row = report.weeks.index(week)
            report.read_week(ledger, row)
            other = (report.sentences if say.language == "ar" else report.sentences_ar)[row]
    return PressRelease(report, facts, other)


def summary_sheet(ledger, ws, options, weeks, total: Counts, report, text,
                  say: Wording) -> None:
    """The Summary: title, office, period, filters, when generated, what kind of export,
    the press sentence, the totals, how they were counted, and what the guard of texts
    removed or cut."""
    rows = [0]
    start = "right" if say.language == "ar" else "left"  # where a line of text begins
    # Arabic text reads right to left in its cell, whatever character it begins with (a
    # day's number, a name in Latin letters): LibreOffice otherwise lays it out left to right.
    order = 2 if say.language == "ar" else 0

    label_width, text_width = ws.column_dimensions["A"].width, ws.column_dimensions["B"].width

    def put(values: list, text: str = "") -> None:
        """Append a row; a long text wraps in column B, and a long label in column A, so
        its row is made tall enough (a write-only sheet sets a row's height before writing
        it), up to the 409 points that Excel allows a row (more, and it calls the file
        damaged)."""
        rows[0] += 1
        lines = wrapped_lines(text, text_width) if text else 1
        if values and isinstance(values[0], str):
            lines = max(lines, wrapped_lines(values[0], label_width))
            label = WriteOnlyCell(ws, value=values[0])
            label.alignment = Alignment(wrap_text=True, vertical="top", readingOrder=order)
            values = [label] + values[1:]
        if lines > 1:
            ws.row_dimensions[rows[0]].height = min(409, 15 * lines)
        ws.append(values)

    def near(number: int):
        return side(ws, number, start)

    put([text.cell(options.title or say("Breaches of the ceasefire"),
                   font=Font(bold=True, size=14))])
    lines = summary_facts(ledger, options.scheme, options.where, options.week, weeks,
                          options.office, say)
    lines.insert(4, ("Generated", datetime.now(timezone.utc).replace(tzinfo=None,
                                                                   microsecond=0)))
    lines.insert(5, ("Export", say(_FULL) if options.full else
                     say(_PUBLIC_WITH_IDS) if options.with_ids else say(_PUBLIC)))
    for label, value in lines:
        cell = text.cell(value, alignment=Alignment(wrap_text=True, vertical="top",
                                                    horizontal=start, readingOrder=order))
        if label == "Generated":
            cell.number_format = "yyyy-mm-dd hh:mm \"UTC\""
        name = WriteOnlyCell(ws, value=say(label))
        name.alignment = Alignment(vertical="top", readingOrder=order)
        put([name, cell], value if isinstance(value, str) else "")
    put([])
    put([bold(ws, say("Totals")), bold(ws, say("At least")), bold(ws, say("Up to"))])
    put([say("Breaches"), near(total.breaches)])
    for label, name in (("Killed", "killed"), ("Women killed", "women"),
                        ("Children killed", "children"), ("Injured", "injured")):
        put([say(label), near(getattr(total, name)), near(getattr(total, f"{name}_max"))])
    put([])
    put([say("Breaches listed"), near(report.breaches)])
    put([say("of which discounted (listed, not counted)"), near(report.discounted)])
    if not options.full:
        put([say("Confidential victims left out"), near(report.left_out)])
    put([say("Characters removed"), near(text.removed)])
    put([say("Texts cut to {limit} characters (the most a cell holds)",
             limit=TEXT_LIMIT), near(text.cut)])


def sentence_week(weeks, first_day) -> tuple:
    """The week whose press sentence the Summary gives: the one that starts on `first_day`
    (the week selected in the view), else the latest with breaches; and whether it was
    chosen. (None, False) when no week has breaches."""
    chosen = [w for w in weeks if first_day is not None and w.starts == first_day]
    if chosen:
        return chosen[-1], True
    busy = [w for w in weeks if w.breaches]
    return (busy[-1] if busy else None), False


def _weekday(name: str, say: Wording) -> str:
    """A day of the week, as a sentence names it: Monday, الاثنين."""
    said = say(name)
    return said.capitalize() if say.language == "en" else said


def _filters_text(ledger, where: TotalsFilter, say: Wording) -> str:
    parts = []
    for bound, day in (("from {day}", where.date_from), ("to {day}", where.date_to)):
        if day:
            written = say.day(as_date(day)) if say.language == "ar" else str(day)
            parts.append(say(bound, day=written))
    for field_name, table, label in (("governorate_id", "gazetteer", "governorate: {name}"),
                                     ("actor_id", "actor", "actor: {name}"),
                                     ("breach_type_id", "breach_type", "type: {name}")):
        key = getattr(where, field_name)
        if key:
            row = ledger.conn.execute(f"SELECT name, name_ar FROM {table} WHERE id = ?",
                                      (key,)).fetchone()
            parts.append(say(label, name=say.name(*row) if row else key))
    if where.confirmed_only:
        parts.append(say("confirmed breaches only"))
    return ("؛ " if say.language == "ar" else "; ").join(parts) or say("none")
