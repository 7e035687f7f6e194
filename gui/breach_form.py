"""The fields of a breach, laid out in the order a report is read: when, where, who and
what, how many, the description, sources, victims. Reads and writes a db.Breach."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QCompleter, QFormLayout, QGridLayout, QGroupBox,
                               QLabel, QLineEdit, QPlainTextEdit, QSizePolicy, QSpinBox,
                               QVBoxLayout, QWidget)

import db
from db.digits import decimal_text, read_whole
from db.records import GRADINGS, as_date

from .choice_combo import ChoiceCombo, ListPicker
from .citations_panel import CitationsPanel
from .date_field import DateField
from .folded_completer import FoldedCompleter
from .numbers import CountBox, TypedNumberValidator, WholeValidator
from .quick_path import QuickPath
from .wheel import guard_wheel
from .labels import choice_label
from .victims_panel import VictimsPanel
from .bidi import truce_choice
from .i18n import tr
from .styles import styled

COUNTS = ("killed", "women", "children", "injured")
MAX_COUNT = 1_000_000


def held_count(value) -> int:
    """The figure a count field shows for a stored count: the count itself, or, for one
    an older version let in beyond 0..MAX_COUNT (which the field cannot hold), the nearest
    it can; the editor then says what the file holds."""
    if not isinstance(value, int):
        return 0
    return min(max(value, 0), MAX_COUNT)


def error_label() -> QLabel:
    label = QLabel()
    styled(label, "fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


class BreachForm(QWidget):
    """Every field of a breach, each with its error line beneath it."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}  # in the order of the form
        self._holders: dict[QWidget, QWidget] = {}  # a field and its error line
        self._truces: list[db.Truce] = []
        self.date = DateField(label=tr("Date"))
        self.time = QLineEdit()
        self.time.setPlaceholderText(tr("HH:MM, if known"))
        self.time.setValidator(TypedNumberValidator(decimal=False, parent=self.time))
        self.truce = QComboBox()
        self.governorate = ChoiceCombo()
        self.district = QLineEdit()
        self.place = QLineEdit()
        self.place_completer = FoldedCompleter(self)  # "مدرسه" lists "مدرسة"
        self.place.setCompleter(self.place_completer)
        self.latitude = QLineEdit()
        self.latitude.setPlaceholderText(tr("e.g. 36.2021"))
        self.latitude.setValidator(TypedNumberValidator(decimal=True, parent=self.latitude))
        self.longitude = QLineEdit()
        self.longitude.setPlaceholderText(tr("e.g. 37.1343"))
        self.longitude.setValidator(TypedNumberValidator(decimal=True, parent=self.longitude))
        self.actor = ChoiceCombo()
        self.actor.lineEdit().setPlaceholderText(tr("Unknown"))
        self.breach_type = ListPicker()
        self.status = QComboBox()
        for grading in GRADINGS:
            self.status.addItem(choice_label(grading), grading)
        self.least: dict[str, QSpinBox] = {}
        self.most: dict[str, QLineEdit] = {}
        for name in COUNTS:
            spin = CountBox()  # any digits typed, 0-9 shown in every language
            spin.setRange(0, MAX_COUNT)
            spin.setAccessibleName(name)
            self.least[name] = spin
            most = QLineEdit()
            most.setValidator(WholeValidator(MAX_COUNT, most))
            most.setPlaceholderText(tr("—"))
            most.setMaximumWidth(90)
            self.most[name] = most
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(70)
        self.citations = CitationsPanel()
        self.victims = VictimsPanel()
        for picker in (self.truce, self.governorate, self.actor, self.breach_type, self.status):
            # Wide enough on the first layout for a name such as "Nationwide ceasefire".
            picker.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            picker.setMinimumContentsLength(18)
        self._lay_out()
        self._connect()
        guard_wheel(self)
        # Enter moves along the fields of a quick entry (Tab goes through every field).
        self.quick_path = QuickPath(self, [
            self.date.edit, self.governorate, self.place, self.actor, self.breach_type,
            self.least["killed"], self.citations.source_edit],
            [(self.governorate, self.governorate.completer()),
             (self.place, self.place_completer), (self.actor, self.actor.completer())])

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        when = self._group(layout, tr("When"))
        self._row(when, tr("&Date"), self.date, "occurred_on")
        self._row(when, tr("Ti&me"), self.time, "occurred_at")
        self._row(when, tr("Truce"), self.truce, "truce_id")
        where = self._group(layout, tr("Where"))
        self._row(where, tr("&Governorate"), self.governorate, "governorate_id")
        self._row(where, tr("District"), self.district, "district")
        self._row(where, tr("&Place"), self.place, "place")
        self._row(where, tr("Latitude"), self.latitude, "latitude")
        self._row(where, tr("Longitude"), self.longitude, "longitude")
        what = self._group(layout, tr("Who and what"))
        self._row(what, tr("Pe&rpetrator"), self.actor, "actor_id")
        self._row(what, tr("&Type"), self.breach_type, "breach_type_id")
        self._row(what, tr("Gradi&ng"), self.status, "status")
        box = QGroupBox(tr("Casualties"))
        grid = QGridLayout(box)
        grid.addWidget(QLabel(tr("at least")), 0, 1)
        grid.addWidget(QLabel(tr("up to")), 0, 2)
        labels = {"killed": tr("&Killed"), "women": tr("of whom &women"),
                  "children": tr("of whom c&hildren"), "injured": tr("&Injured")}
        for row, name in enumerate(COUNTS, start=1):
            label = QLabel(labels[name])
            label.setBuddy(self.least[name])
            grid.addWidget(label, 2 * row - 1, 0)
            grid.addWidget(self.least[name], 2 * row - 1, 1)
            grid.addWidget(self.most[name], 2 * row - 1, 2)
            self.fields[name], self.fields[f"{name}_max"] = self.least[name], self.most[name]
            error = error_label()
            self.errors[name] = self.errors[f"{name}_max"] = error
            grid.addWidget(error, 2 * row, 0, 1, 3)
        layout.addWidget(box)
        text = self._group(layout, tr("Description"))
        self._row(text, tr("Des&cription"), self.description, "description")
        sources = QGroupBox(tr("Sources"))
        QVBoxLayout(sources).addWidget(self.citations)
        layout.addWidget(sources)
        victims = QGroupBox(tr("Named victims"))
        QVBoxLayout(victims).addWidget(self.victims)
        layout.addWidget(victims)
        self.fields["citations"], self.fields["victims"] = self.citations.source_edit, \
            self.victims.table

    def _group(self, layout: QVBoxLayout, title: str) -> QFormLayout:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        layout.addWidget(box)
        return form

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        holder = QWidget()
        # The whole width of the row, so that a message under a narrow picker wraps there
        # and shows whole.
        holder.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = error_label()
        column.addWidget(error)
        form.addRow(label, holder)
        form.labelForField(holder).setBuddy(widget)
        self.fields[field], self.errors[field] = widget, error
        self._holders[widget] = holder

    def _connect(self) -> None:
        for signal in (self.date.changed, self.time.textEdited, self.truce.activated,
                       self.governorate.editTextChanged, self.district.textEdited,
                       self.place.textEdited, self.latitude.textEdited, self.longitude.textEdited,
                       self.actor.editTextChanged, self.breach_type.activated,
                       self.status.activated, self.description.textChanged,
                       self.citations.edited, self.victims.edited):
            signal.connect(lambda *_: self.edited.emit())
        for name in COUNTS:
            self.least[name].valueChanged.connect(lambda *_: self.edited.emit())
            self.most[name].textEdited.connect(lambda *_: self.edited.emit())
        self.date.edit.textChanged.connect(self._update_truce_label)

    # Lists behind the pickers.
    def set_lists(self, governorates, actors, kinds, truces, sources) -> None:
        self.governorate.set_choices(governorates)
        self.actor.set_choices(actors)
        self.breach_type.set_choices(kinds, ordered=True)  # most common first
        self._truces = truces
        chosen = self.truce.currentData() if self.truce.currentIndex() > 0 else None
        self.truce.clear()
        self.truce.addItem("", None)
        for truce in truces:
            self.truce.addItem(truce_choice(truce), truce.id)
        self.truce.setCurrentIndex(max(self.truce.findData(chosen), 0) if chosen else 0)
        self._update_truce_label()
        self.citations.set_sources(sources)

    def set_places(self, places: list[str]) -> None:
        """Earlier places, most used first, for completion."""
        self.place_completer.set_names(places)

    def add_place(self, place: str) -> None:
        self.place_completer.add_name(place)

    def _truce_in_force(self, day: date | None) -> db.Truce | None:
        """The truce the core would pick for `day`: the latest to start (truces come
        latest first)."""
        if day is None:
            return None
        return db.truce_in_force(((t.start_date, t.end_date, t) for t in self._truces),
                                 day.isoformat())

    def _update_truce_label(self) -> None:
        truce = self._truce_in_force(self.date.date())
        name = truce.name if truce else tr("none")
        self.truce.setItemText(0, tr("By date: {name}").format(name=name))

    # Reading and writing a breach.
    def set_breach(self, breach: db.Breach) -> None:
        self.blockSignals(True)  # filling the form is not an edit
        try:
            self._fill(breach)
        finally:
            self.blockSignals(False)
        self.show_problems({})

    def _fill(self, breach: db.Breach) -> None:
        day = as_date(breach.occurred_on)
        if day is not None or not breach.occurred_on:
            self.date.set_date(day)  # a new breach starts with no date: none is assumed
        else:  # a draft of a date that names no day: kept as it was typed
            self.date.edit.setText(str(breach.occurred_on))
        self.time.setText(breach.occurred_at or "")
        # The truce in force on the date shows as "by date", so that a corrected date
        # picks the truce again; a truce chosen against the date shows as chosen.
        by_date = self._truce_in_force(day)
        chosen = breach.truce_id if breach.truce_id != (by_date.id if by_date else None) else None
        self.truce.setCurrentIndex(max(self.truce.findData(chosen), 0) if chosen else 0)
        self.governorate.set_key(breach.governorate_id)
        self.district.setText(breach.district)
        self.place.setText(breach.place)
        self.latitude.setText("" if breach.latitude is None else str(breach.latitude))
        self.longitude.setText("" if breach.longitude is None else str(breach.longitude))
        self.actor.set_key(breach.actor_id)
        self.breach_type.setCurrentIndex(max(self.breach_type.findData(breach.breach_type_id), 0))
        self.status.setCurrentIndex(max(self.status.findData(breach.status), 0))
        for name in COUNTS:
            self.least[name].setValue(held_count(getattr(breach, name)))
            most = getattr(breach, f"{name}_max")
            self.most[name].setText("" if most is None else str(most))
        self.description.setPlainText(breach.description)
        self.citations.set_citations(breach.citations)
        self.victims.set_victims(breach.victims)
        self._update_truce_label()

    def breach(self) -> db.Breach:
        """The breach as the fields show it now, including what is still being typed."""
        values = dict(
            occurred_on=self.date.value(),
            occurred_at=self.time.text().strip() or None,
            truce_id=self.truce.currentData() if self.truce.currentIndex() > 0 else None,
            governorate_id=self.governorate.key(),
            district=self.district.text(), place=self.place.text(),
            latitude=_number(self.latitude.text()), longitude=_number(self.longitude.text()),
            actor_id=self.actor.key(), breach_type_id=self.breach_type.currentData(),
            status=self.status.currentData(), description=self.description.toPlainText(),
            citations=self.citations.citations(), victims=self.victims.victims(),
        )
        for name in COUNTS:
            values[name] = self.least[name].value()
            text = self.most[name].text().strip()
            whole = read_whole(text)
            values[f"{name}_max"] = whole if whole is not None else (text or None)
        return db.Breach(**values)

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each message beside its field; the first failing field gets the focus."""
        for field, label in self.errors.items():
            text = problems.get(field) or (problems.get(f"{field}_max")
                                           if field in COUNTS else None)
            if field.endswith("_max"):
                continue
            label.setText(text or "")
            # A date that names no day is said once, beside the field, as it is typed.
            label.setVisible(bool(text) and not (field == "occurred_on"
                                                 and text == self.date.problem()))
        self.citations.show_problems([m for f, m in problems.items() if f.startswith("citations")])
        self.victims.show_problems([m for f, m in problems.items() if f.startswith("victims")])

    def problem_text(self, field: str) -> str:
        """The message shown beside `field` (for tests and for the status bar)."""
        if field.startswith("citations"):
            return self.citations.error.text()
        if field.startswith("victims"):
            return self.victims.error.text()
        label = self.errors.get(field)
        if field == "occurred_on" and label.isHidden() and self.date.problem():
            return self.date.problem()
        return label.text() if label and not label.isHidden() else ""

    def focus_field(self, field: str) -> None:
        base = field.split("[")[0].split(".")[0]
        widget = self.fields.get(field) or self.fields.get(base)
        if widget is not None:
            widget.setFocus(Qt.OtherFocusReason)
            if isinstance(widget, QLineEdit):
                widget.selectAll()  # what is typed next replaces what was refused

    def first_field(self, fields) -> str:
        """Of the failing `fields`, the one highest in the form."""
        order = list(self.fields)

        def place(field: str) -> int:
            base = field.split("[")[0].split(".")[0]
            for name in (field, base):
                if name in order:
                    return order.index(name)
            return len(order)
        return min(fields, key=place)

    def part_to_show(self, widget: QWidget) -> QWidget:
        """What must be in sight when `widget` has the focus: the field with the message
        under it, or the panel (sources, victims) that holds it."""
        for panel in (self.citations, self.victims):
            if panel.isAncestorOf(widget):
                return panel
        while widget is not None and widget is not self:
            if widget in self._holders:
                return self._holders[widget]
            widget = widget.parentWidget()
        return widget

    def completers(self) -> list[QCompleter]:
        return [c for c in (self.governorate.completer(), self.actor.completer(),
                            self.place_completer, self.citations.completer) if c]


def _number(text: str):
    """A coordinate as typed: a float, None when empty, or the text if it is not a number
    (36.2, 36,2 and ٣٦٫٢ are one number: see db/digits.py)."""
    plain = decimal_text(text)
    if not plain:
        return None
    try:
        return float(plain) if plain.isascii() else text.strip()
    except ValueError:
        return text.strip()
