"""Settings → Truces: the ceasefires the office follows. Weeks are counted from a truce's
start date; a breach belongs to the truce in force on its date.

A truce is added, edited (a change of its dates says first which breaches it moves to
another week or another truce) or deleted (only one that no breach belongs to)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout)

import db
from db.records import as_date

from . import dialogs, settings
from .bidi import isolate
from .date_field import DateField
from .i18n import tr
from .styles import styled
from .wheel import guard_wheel
from .messages import error_text, problem_texts


class TrucesDialog(QDialog):
    def __init__(self, ledger: db.Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.editing: str | None = None  # the key of the truce in the form; None: a new one
        # Breaches whose stored truce an edit changed: an editor holding one reads it again.
        self.moved_breaches: list[str] = []
        self.setWindowTitle(tr("Truces"))
        self.setMinimumWidth(480)
        self.list = QListWidget()
        self.new_button = QPushButton(tr("&New truce"))
        self.delete_button = QPushButton(tr("&Delete truce"))
        self.form_title = QLabel()
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("e.g. Nationwide ceasefire"))
        self.start = DateField(words_below=True, label=tr("Start date"))
        self.end = DateField(optional=True, words_below=True, label=tr("End date"))
        self.end.edit.setPlaceholderText(tr("empty while it holds"))
        self.brokered_by = QLineEdit()
        self.held = QLabel()  # how many breaches belong to the truce in the form
        self.held.setWordWrap(True)
        self.error = QLabel()
        styled(self.error, "fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.report = QLabel()  # what the last save did
        self.report.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        form = QFormLayout()
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("In force from"), self.start)
        form.addRow(tr("Ended on"), self.end)
        form.addRow(tr("Brokered by"), self.brokered_by)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.delete_button)
        list_buttons.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        hint = QLabel(tr("Weekly totals count weeks from a truce's start date: week 1 is that "
                         "day and the six days after it."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("The truces of this database:")))
        layout.addWidget(self.list)
        layout.addLayout(list_buttons)
        layout.addWidget(hint)
        layout.addWidget(self.form_title)
        layout.addLayout(form)
        layout.addWidget(self.held)
        layout.addWidget(self.error)
        layout.addWidget(self.report)
        layout.addWidget(self.save_button, 0, Qt.AlignLeft)
        layout.addWidget(buttons)
        for first, second in ((self.name, self.start), (self.start, self.end),
                              (self.end, self.brokered_by), (self.brokered_by, self.save_button)):
            self.setTabOrder(first, second)
        self.list.currentItemChanged.connect(lambda item, _old: self._show(item))
        self.new_button.clicked.connect(self.start_new)
        self.delete_button.clicked.connect(self.delete)
        self.save_button.clicked.connect(self.save)
        # A refusal is of what the form held then: gone once the user changes it.
        for line in (self.name, self.brokered_by):
            line.textEdited.connect(self.error.hide)
        for field in (self.start, self.end):
            field.edit.textEdited.connect(self.error.hide)
        buttons.rejected.connect(self.reject)
        self.refresh()
        self.start_new()
        guard_wheel(self)

    # The list.
    def refresh(self, select: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for truce in db.truces(self.ledger):
            # Each value isolated: in Arabic, 2017-01-04 beside Arabic words reads 04-01-2017.
            end = tr(" to {day}").format(day=isolate(truce.end_date)) if truce.end_date else ""
            item = QListWidgetItem(tr("{name}: from {start}{end}").format(
                name=isolate(truce.name), start=isolate(truce.start_date), end=end))
            item.setData(Qt.UserRole, truce.id)
            self.list.addItem(item)
            if truce.id == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def _show(self, item: QListWidgetItem | None) -> None:
        """Put the chosen truce in the form, to edit it."""
        if item is None:
            return
        truce = db.get_truce(self.ledger, item.data(Qt.UserRole))
        self.editing = truce.id
        self.name.setText(truce.name)
        self.start.set_date(as_date(truce.start_date))
        self.end.set_date(as_date(truce.end_date))
        self.brokered_by.setText(truce.brokered_by)
        live, trashed = db.truce_breach_counts(self.ledger, truce.id)
        held = tr("This truce has %n breach(es).", "", live) if live else \
            tr("No breach belongs to this truce.")
        if trashed:
            held += " " + tr("It also has %n breach(es) in the Trash.", "", trashed)
        self.held.setText(held)
        self.held.show()
        self._set_mode()

    def start_new(self) -> None:
        """An empty form, to add a truce."""
        self.list.blockSignals(True)
        self.list.setCurrentItem(None)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self.editing = None
        for field in (self.name, self.brokered_by):
            field.clear()
        self.start.set_date(None)
        self.end.set_date(None)
        self.held.hide()
        self._set_mode()
        self.name.setFocus()

    def _set_mode(self) -> None:
        self.error.hide()
        editing = self.editing is not None
        self.form_title.setText(tr("Edit the truce:") if editing else tr("A new truce:"))
        self.save_button.setText(tr("&Save changes") if editing else tr("&Add truce"))
        self.delete_button.setEnabled(editing)

    # Saving and deleting.
    def _truce(self) -> db.Truce | None:
        """The truce of the form; None, with the reason shown, if a date cannot be read."""
        problems = [field.problem() for field in (self.start, self.end) if field.problem()]
        if problems:
            self._fail("\n".join(problems))
            return None
        return db.Truce(name=self.name.text(), start_date=self.start.value(),
                        end_date=self.end.value(), brokered_by=self.brokered_by.text(),
                        id=self.editing)

    def save(self) -> bool:
        """Add the truce of the form, or save the edits of the one chosen."""
        truce = self._truce()
        if truce is None:
            return False
        try:
            if self.editing is None:
                key = db.add_truce(self.ledger, truce)
                self.report.setText(tr("Truce {name} added.").format(
                    name=isolate(truce.name.strip())))
            else:
                effect = db.truce_edit_effect(self.ledger, truce)
                if effect and not dialogs.ask_yes_no(
                        self, tr("Change the truce's dates?"),
                        self._effect_text(effect) + "\n\n" + tr("Save the new dates?"),
                        default_yes=False):
                    return False
                changes = db.update_truce(self.ledger, truce)
                key = changes.truce_id
                self.moved_breaches += changes.changed_breaches
                saved = tr("Truce {name} saved.").format(name=isolate(truce.name.strip()))
                self.report.setText(saved + (" " + self._effect_text(effect, done=True)
                                             if effect else ""))
        except db.LedgerError as error:
            self._fail(error_text(error) if not isinstance(error, db.ValidationError)
                       else "\n".join(problem_texts(error).values()))
            return False
        self.error.hide()
        self.refresh(select=key)
        if self.editing is None:
            self.start_new()
        else:
            self._show(self.list.currentItem())
        return True

    def delete(self) -> bool:
        if self.editing is None:
            return False
        name = db.get_truce(self.ledger, self.editing).name  # as stored, not as typed
        if not dialogs.ask_yes_no(self, tr("Delete the truce?"), tr(
                "Delete the truce {name}?").format(name=isolate(name)), default_yes=False):
            return False
        deleted = self.editing
        try:
            db.delete_truce(self.ledger, deleted)
        except db.LedgerError as error:
            self._fail(error_text(error))
            return False
        if settings.get(settings.DEFAULT_TRUCE) == deleted:
            settings.put(settings.DEFAULT_TRUCE, "")  # new breaches: the truce by date again
        self.report.setText(tr("Truce {name} deleted.").format(name=isolate(name)))
        self.refresh()
        self.start_new()
        return True

    @staticmethod
    def _effect_text(effect: db.TruceEffect, done: bool = False) -> str:
        lines = []
        if effect.change_week:
            n = len(effect.change_week)
            lines.append(tr("%n breach(es) moved to another week since the truce.", "", n)
                         if done else
                         tr("%n breach(es) will be in another week since the truce.", "", n))
        if effect.leave:
            n = len(effect.leave)
            lines.append(tr("%n breach(es) left the truce (no longer within its dates).",
                            "", n) if done else
                         tr("%n breach(es) will leave the truce: the new dates leave their "
                            "days out.", "", n))
        if effect.join:
            n = len(effect.join)
            lines.append(tr("%n breach(es) of no truce joined it.", "", n) if done else
                         tr("%n breach(es) of no truce will join it: the new dates take in "
                            "their days.", "", n))
        return " ".join(lines) if done else "\n".join(lines)

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
