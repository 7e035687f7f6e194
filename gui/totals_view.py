"""The Weekly totals view: the week scheme and filters, the table of weeks, a chart of
breaches and killed per week, the press sentence of the selected week, and Export.

Totals are counted on the thread pool, through a connection of their own, so that a
large file never freezes the window; an answer to an older question is dropped. The
sentences of the week shown first come with the counts; those of another week are read
when it is selected (a few rows of the kept sums).
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

import shiboken6

import db
from db.press import weekly_report
from db.store import open_reader
from db.question import Question
from db.totals import Counts, TotalsFilter, WeekScheme, weekly_totals

from . import dialogs, settings
from .export_language import ExportLanguageBox
from .bidi import isolate
from .filter_bar import FilterBar
from .i18n import tr
from .messages import error_text
from .week_chart import WeekChart
from .weeks_model import WeeksModel
from .worker import run_later, run_with_progress


class TotalsView(QWidget):
    counted = Signal()  # the table, chart and sentence show the latest counts

    def __init__(self, ledger: db.Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self._asked = 0  # the number of the latest question put to the thread pool
        self.scheme_box = QComboBox()
        self.filter_bar = FilterBar(for_totals=True)
        self.status = QLabel()
        self.model = WeeksModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setSelectionMode(QTableView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        # Each column as wide as its header and its figures (_fit_columns).
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.chart = WeekChart()
        # Both sentences, whatever the window's language: offices publish both.
        self.sentence_ar = self._sentence_box(Qt.RightToLeft)
        self.sentence = self._sentence_box(Qt.LeftToRight)  # the English one
        self.copy_ar_button = QPushButton(tr("Copy the &Arabic sentence"))
        self.copy_button = QPushButton(tr("&Copy the English sentence"))
        self.export_button = QPushButton(tr("E&xport for press…"))
        self.export_full_button = QPushButton(tr("Export f&ull…"))
        self.pdf_button = QPushButton(tr("&PDF for press…"))
        self.pdf_button.setToolTip(tr("The week's sentence in English and Arabic, its "
                                      "figures, the chart and the weeks, in a PDF"))
        self.export_full_button.setToolTip(tr("With confidential victims and the contacts of "
                                              "sources: not for publication"))
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Weeks")))
        top.addWidget(self.scheme_box, 1)
        top.addStretch(1)
        self.export_language = ExportLanguageBox()  # the workbook's language, remembered
        language_label = QLabel(tr("Wor&kbook language"))
        language_label.setBuddy(self.export_language)
        top.addWidget(language_label)
        top.addWidget(self.export_language)
        top.addWidget(self.export_button)
        top.addWidget(self.pdf_button)
        top.addWidget(self.export_full_button)
        sentence_rows = QHBoxLayout()  # side by side: Arabic first (on the right in Arabic)
        for box, button in ((self.sentence_ar, self.copy_ar_button),
                            (self.sentence, self.copy_button)):
            sentence_rows.addWidget(box, 1)
            sentence_rows.addWidget(button, 0, Qt.AlignTop)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.chart, 1)
        lower_layout.addLayout(sentence_rows)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self._scheme_picked = False  # weeks chosen in the box, not the default
        self.refresh_lists()
        self.scheme_box.activated.connect(lambda _i: self._pick_scheme())
        self.filter_bar.changed.connect(lambda _w: self.recount())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_sentence())
        self.copy_ar_button.clicked.connect(lambda: self.copy_sentence("ar"))
        self.copy_button.clicked.connect(lambda: self.copy_sentence("en"))
        self.export_button.clicked.connect(lambda: self.export(full=False))
        self.export_full_button.clicked.connect(lambda: self.export(full=True))
        self.pdf_button.clicked.connect(self.export_pdf)
        self.stale = True  # counted when first shown
        self._question: Question | None = None  # the one counted and shown
        self._report = None  # the weeks shown, with their sentences (db.press.WeeklyReport)
        self._digits: str | None = None  # of the Arabic sentences shown
        self._detached = False

    # What is counted.
    def refresh_lists(self) -> None:
        """The truces and the filter's lists as the file now has them (after Settings →
        Truces). Weeks the user picked stay while they exist; weeks shown only because
        nothing was picked follow the truces: the first truce added replaces calendar
        weeks, a deleted one gives way to the default."""
        truces = db.truces(self.ledger)
        chosen = self.scheme_box.currentData() if self._scheme_picked else None
        self.scheme_box.clear()
        for truce in truces:
            self.scheme_box.addItem(tr("Since {name} went into force ({day})").format(
                name=isolate(truce.name), day=isolate(truce.start_date)), f"truce:{truce.id}")
        for value, label in (("monday", tr("Calendar weeks from Monday")),
                             ("saturday", tr("Calendar weeks from Saturday")),
                             ("sunday", tr("Calendar weeks from Sunday"))):
            self.scheme_box.addItem(label, f"calendar:{value}")
        if chosen is None or self.scheme_box.findData(chosen) < 0:
            self._scheme_picked = False
            chosen = self._default_scheme(truces)
        self.scheme_box.setCurrentIndex(max(self.scheme_box.findData(chosen), 0))
        self.filter_bar.set_lists(db.governorates(self.ledger), db.actors(self.ledger),
                                  db.breach_types(self.ledger))
        if self.isVisible():  # a truce's dates may have moved the weeks shown
            QTimer.singleShot(0, self, self.recount)  # dropped if the view goes first

    @staticmethod
    def _default_scheme(truces: list[db.Truce]) -> str:
        """The truce of Settings, else the latest truce, else calendar weeks."""
        keys = {truce.id for truce in truces}
        preferred = settings.get(settings.DEFAULT_TRUCE)
        if preferred in keys:
            return f"truce:{preferred}"
        if truces:
            return f"truce:{truces[0].id}"
        return f"calendar:{settings.get(settings.WEEK_START)}"

    def _pick_scheme(self) -> None:
        self._scheme_picked = True
        self.recount()

    def scheme(self) -> WeekScheme:
        # Items hold "truce:<key>" or "calendar:<first day of the week>".
        kind, _, value = (self.scheme_box.currentData() or "calendar:monday").partition(":")
        if kind == "truce":
            for truce in db.truces(self.ledger):
                if truce.id == value:
                    return WeekScheme(truce=truce)
        return WeekScheme(week_start=value if kind == "calendar" else "monday")

    def where(self) -> TotalsFilter:
        return self.filter_bar.totals_filter()

    def recount(self, week: date | None = None) -> None:
        """Count again, off the UI thread; the answer replaces the table and the chart, and
        selects the week that starts on `week` (else the latest with breaches)."""
        if self._detached:
            return  # the file is closing
        self.stale = False
        self._asked += 1
        asked, path, scheme, where = self._asked, self.ledger.path, self.scheme(), self.where()
        digits = self._digits = settings.get(settings.ARABIC_DIGITS)
        self.status.setText(tr("Counting…"))

        def work():
            # The weeks, their total and the sentences of the week selected from one
            # snapshot of the file: they agree, whatever other copies save meanwhile.
            with open_reader(path) as reader:
                return weekly_report(reader, scheme, where, digits, every_week=False,
                                     shown=week)

        run_later(work, lambda report, error: self._counted(asked, report, error,
                                                            Question(scheme, where, week)))

    def _counted(self, asked: int, report, error, question=None) -> None:
        if not shiboken6.isValid(self) or self._detached or asked != self._asked:
            return  # the view is gone (another file), or this answers an older question
        if error is not None:
            # No figure at all rather than figures that no longer answer the question (or
            # are wrong: a count out of range); the reason in their place.
            self._question, self._report = None, None
            self.model.set_weeks([], Counts())
            self._fit_columns()
            self.chart.show_weeks([])
            self._show_sentence()
            self.status.setText(error_text(error))
            return
        weeks, total = report.weeks, report.total
        self._question, self._report = question, report  # the sentence speaks of it
        self.model.set_weeks(weeks, total)
        self._fit_columns()
        self.chart.show_weeks(weeks)
        self.status.setText(tr("{weeks}, {breaches}, at least {killed} killed (discounted "
                               "reports left out)").format(
            weeks=tr("%n week(s)", "", len(weeks)),
            breaches=tr("%n breach(es)", "", total.breaches), killed=total.killed))
        if report.shown is not None:
            # The week whose sentences came with the counts, made current (selectRow
            # leaves no current row in a right-to-left window whose columns do not fill
            # the table's width).
            self.table.setCurrentIndex(self.model.index(report.shown, 0))
            self.table.scrollTo(self.model.index(report.shown, 0))
        self._show_sentence()
        self.counted.emit()

    def question(self) -> Question:
        """What the view shows, or is about to: the weeks and filters the boxes say, and
        the week selected (whose sentence is shown). Boxes changed since the count shown
        (a date typed, not yet counted) are counted again, that week staying selected."""
        row, weeks = self.table.currentIndex().row(), self.model.weeks
        week = weeks[row].starts if self._question and 0 <= row < len(weeks) else None
        asked = Question(self.scheme(), self.where(), week)
        if not self._shows(asked):
            self.recount(week)
        return asked

    def _shows(self, question: Question) -> bool:
        """Whether the weeks shown are those `question` asks for."""
        shown = self._question
        return shown is not None and (shown.scheme, shown.where) == (question.scheme,
                                                                     question.where)

    def _fit_columns(self) -> None:
        """Each column as wide as its header and its widest cell, measured on the rows
        that hold the widest: the first and the last week (their labels and days; weeks
        are numbered upwards, their days all as wide) and the total (its sums are at
        least any week's figure). Measuring every row, as ResizeToContents does, took
        seconds for the few hundred weeks of a long truce."""
        header, weeks = self.table.horizontalHeader(), len(self.model.weeks)
        rows = {0, weeks - 1, weeks} if weeks else set()
        grid = 1 if self.table.showGrid() else 0
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, max([header.sectionSizeHint(column)] + [
                self.table.sizeHintForIndex(self.model.index(row, column)).width() + grid
                for row in rows]))

    def detach(self) -> None:
        """The file is closing: drop any count still on its way."""
        self._asked += 1
        self._detached = True

    # The press sentence.
    @staticmethod
    def _sentence_box(direction: Qt.LayoutDirection) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setReadOnly(True)
        box.setMaximumHeight(90)
        box.setLayoutDirection(direction)  # the sentence's, not the window's
        option = box.document().defaultTextOption()
        option.setTextDirection(direction)
        # Every line from its own side: the Arabic sentence's last line ends at the right
        # (a plain text box aligns each paragraph left, whatever its direction).
        option.setAlignment(Qt.AlignAbsolute | (
            Qt.AlignRight if direction == Qt.RightToLeft else Qt.AlignLeft))
        box.document().setDefaultTextOption(option)
        return box

    def _show_sentence(self) -> None:
        """The selected week's sentences, speaking of the breaches its row counts: read
        with the row, or now if the file still holds the row's counts; if it no longer
        does, the weeks are counted again, this week staying selected."""
        if self._detached:
            return
        row, report = self.table.currentIndex().row(), self._report
        texts = ("", "")
        if report is not None and 0 <= row < len(report.weeks):
            try:
                ready = report.read_week(self.ledger, row)
            except db.LedgerError:  # a count out of range came in: the recount says so
                ready = False
            if ready:
                texts = (report.sentences[row], report.sentences_ar[row])
            else:
                self.recount(report.weeks[row].starts)
        for box, text in zip((self.sentence, self.sentence_ar), texts):
            box.setPlainText(text)

    def copy_sentence(self, language: str = "en") -> None:
        """The English or the Arabic sentence to the clipboard, the latter with its
        direction marks, so that it pastes into a word processor in order."""
        box = self.sentence_ar if language == "ar" else self.sentence
        QGuiApplication.clipboard().setText(box.toPlainText())

    def _follow_digits(self) -> None:
        """Settings changed the digits of Arabic text: the Arabic sentences are written
        again (with the counts, from one snapshot)."""
        if (self.isVisible() and self._digits is not None
                and settings.get(settings.ARABIC_DIGITS) != self._digits):
            self.recount()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.ActivationChange:  # back from the Settings dialog
            self._follow_digits()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._follow_digits()

    # Export.
    def export(self, full: bool) -> None:
        from db.workbook import ExportOptions, export_workbook  # openpyxl: only to export

        if full and not dialogs.ask_yes_no(self, tr("Full export"), tr(
                "A full export holds the confidential victims and the contacts of sources. "
                "Keep it inside the office: never send it to the press. Go on?"),
                default_yes=False):
            return
        question = self.question()
        path = dialogs.export_path(self, self._proposed(question, ".xlsx"), full)
        if path is None:
            return
        password = None
        if full:
            chosen, password = dialogs.ask_workbook_password(self, path.name)
            if not chosen:
                return
        language = self.export_language.language()
        chart = None
        if settings.get(settings.PRESS_SHEET):  # its chart as a picture
            from db.workbook_summary import Wording

            from .press_pdf import chart_png
            chart = bytes(chart_png(self._weeks_of(question),
                                    Wording(language, settings.get(settings.ARABIC_DIGITS))))
        options = ExportOptions.asking(question, full=full, password=password,
                                       breach_ids=settings.get(settings.BREACH_IDS_IN_PRESS),
                                       press_sheet=chart is not None, chart_png=chart,
                                       office=settings.office_name(self.ledger),
                                       right_to_left=self.isRightToLeft(),
                                       language=language,
                                       digits=settings.get(settings.ARABIC_DIGITS))
        source = self.ledger.path

        def work(progress):
            with open_reader(source) as reader:
                return export_workbook(reader, path, options, progress)

        report, error = run_with_progress(self, tr("Writing the workbook…"), work)
        if error is not None:
            if getattr(error, "code", None) != "cancelled":
                dialogs.show_error(self, tr("The workbook was not written"), error_text(error))
            return
        dialogs.show_info(self, tr("Workbook written"), tr(
            "{path}\n{breaches} breaches, {victims} victims, {sources} sources.").format(
            path=report.path, breaches=report.breaches, victims=report.victims,
            sources=report.sources) + ("\n" + tr("Protected with a password.")
                                       if password is not None else ""))

    def export_pdf(self) -> None:
        """The PDF for the press of what the view shows, in the workbook's language."""
        from .press_pdf import write_press_pdf

        question = self.question()
        path = dialogs.pdf_path(self, self._proposed(question, ".pdf"))
        if path is None:
            return
        try:
            done = write_press_pdf(self.ledger, path, question,
                                   settings.office_name(self.ledger),
                                   self.export_language.language(),
                                   settings.get(settings.ARABIC_DIGITS))
        except db.LedgerError as error:
            dialogs.show_error(self, tr("The PDF was not written"), error_text(error))
            return
        dialogs.show_info(self, tr("PDF written"), str(done.path))

    def _proposed(self, question: Question, suffix: str) -> str:
        """The file first offered: the office and the days it covers, beside the database."""
        name = dialogs.export_file_name(settings.office_name(self.ledger)
                                        or self.ledger.path.stem, *self._period(question))
        return str((self.ledger.path.parent / name).with_suffix(suffix))

    def _period(self, question: Question) -> tuple:
        """The first and last day the export of `question` covers; (None, None) when there
        are no weeks."""
        weeks = self._weeks_of(question)
        return (weeks[0].first, weeks[-1].last) if weeks else (None, None)

    def _weeks_of(self, question: Question) -> list:
        """The weeks `question` counts: those shown, or counted here when they answer
        another question (none when they cannot be counted)."""
        if self._shows(question):
            return self.model.weeks
        try:
            return weekly_totals(self.ledger, question.scheme, question.where)
        except db.LedgerError:
            return []
