"""A bar chart of breaches and people killed per week (QtCharts)."""
from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPainter

from db.totals import Week

from .i18n import date_text, language, tr


class WeekChart(QChartView):
    def __init__(self, parent=None, words=None):
        """`words`: the words of a file the chart is drawn for (db.workbook_summary.
        Wording: the PDF's language), else the window's."""
        super().__init__(parent)
        self.words = words
        self.setRenderHint(QPainter.Antialiasing)
        self.setMinimumHeight(160)
        self.show_weeks([])

    def show_weeks(self, weeks: list[Week]) -> None:
        chart = QChart()
        if self.words is None:
            title, breaches, killed, week_word = (
                tr("Breaches and people killed per week"), tr("Breaches"), tr("Killed"),
                tr("Week"))
        else:
            title, breaches, killed, week_word = (self.words(text) for text in (
                "Breaches and people killed per week", "Breaches", "Killed", "Week"))
        chart.setTitle(title)
        chart.legend().setAlignment(Qt.AlignBottom)
        self.breaches, self.killed = QBarSet(breaches), QBarSet(killed)
        labels = []
        # A calendar week by its first day; in Arabic with the whole month and year
        # ("29 كانون الأول 2016"): "16" after a month's name reads as no year.
        pattern = "d MMMM yyyy" if language() == "ar" else "d MMM yy"
        for week in weeks:
            self.breaches.append(week.breaches)
            self.killed.append(week.killed)
            labels.append(str(week.number) if week.number is not None
                          else date_text(QDate(week.first), pattern))
        series = QBarSeries()
        series.append(self.breaches)
        series.append(self.killed)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(labels)
        axis_x.setTitleText(week_word)
        axis_y = QValueAxis()
        axis_y.setRange(0, max([w.breaches for w in weeks] + [w.killed for w in weeks] + [1]))
        axis_y.applyNiceNumbers()
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_x, Qt.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        old = self.chart()
        self.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()

    def values(self) -> tuple[list[int], list[int]]:
        """The heights of the bars, breaches and killed (for tests)."""
        return ([int(self.breaches.at(i)) for i in range(self.breaches.count())],
                [int(self.killed.at(i)) for i in range(self.killed.count())])
