"""The Breaches view: the filter bar, the table, the line of totals, and the editor
beside them. The table pages its rows from the file as it scrolls, and keeps its place:
after a save, a delete, an undo, a new filter or sort, the breach being worked on stays
selected and in sight (or, when it left the list, the row where it stood).

The editor is made when first needed (a breach opened, a new one, a draft offered back):
a start shows the table without it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QPushButton, QSplitter,
                               QStyledItemDelegate, QTableView, QVBoxLayout, QWidget)

import db

from . import dialogs
from .bidi import TextDirectionDelegate, isolate
from .breach_model import BreachTableModel
from .drafts import orphan_drafts, read_draft, remove_draft
from .filter_bar import FilterBar
from .keys import bind
from .messages import error_text
from .wheel import guard_wheel
from .i18n import tr

if TYPE_CHECKING:
    from .breach_editor import BreachEditor
    from .empty_page import EmptyPage

ROW_HEIGHT = 24
# Date, governorate, place, perpetrator, type, killed, women, children, injured, grading,
# sources: wide enough for their usual text, without measuring every row.
COLUMN_WIDTHS = (128, 120, 150, 170, 130, 64, 64, 70, 64, 90, 64)


def make_table(model) -> QTableView:
    """A table with fixed row heights, whole-row selection and sorting done by the model."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setItemDelegate(TextDirectionDelegate(table))  # a Latin description in an
    # Arabic table reads left to right, its full stop at its end
    plain = QStyledItemDelegate(table)  # the model's columns of digits: Qt's own delegate
    for column, key in enumerate(getattr(model, "COLUMNS", ())):
        if key in getattr(model, "PLAIN", ()):
            table.setItemDelegateForColumn(column, plain)
    header = table.verticalHeader()
    header.setSectionResizeMode(QHeaderView.Fixed)
    header.setDefaultSectionSize(ROW_HEIGHT)
    header.hide()
    table.horizontalHeader().setSectionsMovable(True)
    table.horizontalHeader().setStretchLastSection(True)
    # The model starts sorted newest first: say so before sorting is switched on, or the
    # header would ask for an ascending sort, read again from the file.
    table.horizontalHeader().setSortIndicator(0, Qt.DescendingOrder)
    table.setSortingEnabled(True)
    return table


def selection_start(table: QTableView) -> int:
    """The first row selected (else the current row; -1 if none)."""
    rows = [index.row() for index in table.selectionModel().selectedRows()]
    return min(rows) if rows else table.currentIndex().row()


def select_breach(table: QTableView, key: str | None, where: int = -1) -> None:
    """Make the breach `key` the table's one selected row, scrolled into sight (its rows
    read down to it, if it is near); if the list does not hold it, the row `where` (or the
    last row), if given. A table of a BreachTableModel."""
    model = table.model()
    row = model.reach(key) if key else None
    if row is None and where >= 0 and model.rowCount():
        row = min(where, model.rowCount() - 1)
    if row is None:
        return
    index = model.index(row, max(table.currentIndex().column(), 0))
    table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
    table.scrollTo(index)


class BreachesView(QWidget):
    """Browse, find, record, correct and delete breaches."""

    changed = Signal()  # the file changed: counts elsewhere are stale
    demo_requested = Signal()

    def __init__(self, ledger: db.Ledger, undo_stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.ledger, self.undo_stack = ledger, undo_stack
        self.default_truce: str | None = None  # from Settings; None: picked by date
        self.filter_bar = FilterBar()
        self.model = BreachTableModel(ledger, parent=self)
        self._kept: str | None = None  # the breach selected before the list was read again
        self.table = make_table(self.model)
        self.table.sortByColumn(0, Qt.DescendingOrder)
        header = self.table.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):  # never narrower than its header
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        self.summary = QLabel()
        self.summary.setWordWrap(True)  # the reason a sum is not given can be long
        self.summary.setObjectName("filterSummary")
        bold = self.summary.font()  # a font, not a style sheet: one costs every widget
        bold.setBold(True)
        self.summary.setFont(bold)
        self.summary.setMargin(2)
        self._empty: EmptyPage | None = None  # the page of a file with no breach, made if shown
        self._editor: BreachEditor | None = None
        self._split = None  # the sizes of the table and the editor, to restore (restore_split)
        left = QWidget()
        left_layout = self._left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.filter_bar.set_lists(db.governorates(ledger), db.actors(ledger),
                                  db.breach_types(ledger))
        self.filter_bar.changed.connect(self.set_filter)
        self.model.counted.connect(self._update_summary)
        self.model.modelAboutToBeReset.connect(self._remember_selected)
        self.model.modelReset.connect(self._read_again)
        # After the view's own slot has sorted the model: the breach selected, found again.
        header.sortIndicatorChanged.connect(lambda *_: select_breach(self.table, self._kept))
        self.table.doubleClicked.connect(lambda index: self.open_breach(
            self.model.breach_id(index.row())))
        for key in (Qt.Key_Return, Qt.Key_Enter):
            bind(self.table, key, self.open_current)
        self._read_again()

    # The page of a file with no breach at all, made when first shown.
    @property
    def empty(self) -> EmptyPage:
        if self._empty is None:
            from .empty_page import EmptyPage  # a file with breaches never makes it
            empty = self._empty = EmptyPage()
            empty.demo_button.clicked.connect(self.demo_requested)
            empty.hide()
            self._left_layout.addWidget(empty, 1)
        return self._empty

    @property
    def empty_text(self) -> QLabel:
        return self.empty.text

    @property
    def demo_button(self) -> QPushButton:
        return self.empty.demo_button

    # The editor, made when first needed.
    @property
    def editor(self) -> BreachEditor:
        if self._editor is None:
            self._make_editor()
        return self._editor

    @property
    def existing_editor(self) -> BreachEditor | None:
        """The editor if it was made (one not made holds no breach and no edits)."""
        return self._editor

    def _make_editor(self) -> None:
        """The editor, hidden, beside the table, at the size the user left it."""
        from .breach_editor import BreachEditor  # the form's modules: once it is needed
        editor = self._editor = BreachEditor(self.ledger)
        editor.hide()
        self.splitter.addWidget(editor)
        self.splitter.setStretchFactor(1, 1)
        if self._split:
            self.splitter.restoreState(self._split)
        guard_wheel(editor)
        bind(editor, Qt.Key_Escape, editor.cancel, Qt.WidgetWithChildrenShortcut)
        editor.saved.connect(self._saved)
        editor.closed.connect(self._editor_closed)

    def restore_split(self, state) -> None:
        """The sizes of the table and the editor as saved by `split_state` (kept until the
        editor is made)."""
        self._split = state
        if self._editor is not None:
            self.splitter.restoreState(state)

    def split_state(self):
        """The sizes of the table and the editor, to keep for the next start."""
        return self.splitter.saveState() if self._editor is not None else self._split

    def release(self, what: str) -> bool:
        """True if the editor may be left: its edits saved or discarded (`what` asks)."""
        return self._editor is None or self._editor.release(what)

    def _in_editor(self) -> str | None:
        """The key of the saved breach open in the editor, if any."""
        editor = self._editor
        if editor is None or not editor.is_open or editor.loaded is None:
            return None
        return editor.loaded.id

    # Opening the editor.
    def new_breach(self) -> None:
        if not self.editor.release(tr("Start a new breach?")):
            return
        self.editor.start_new(db.Breach(truce_id=self.default_truce or None))
        self._show_editor()

    def duplicate_current(self) -> None:
        """Ctrl+D: a new breach filled from the selected one (without its victims)."""
        key = self.current_id()
        if key is None:
            return
        if not self.editor.release(tr("Duplicate another breach?")):
            return
        template = db.get_breach(self.ledger, key)
        template.victims = []
        from .breach_parts import cited_again  # with the editor's modules
        template.citations = cited_again(template.citations, with_references=True)
        self.editor.start_new(template)
        self._show_editor()

    def open_current(self) -> None:
        self.open_breach(self.current_id())

    def open_breach(self, key: str | None) -> None:
        if key is None:
            return
        if self._in_editor() == key:
            self.editor.form.date.setFocus()
            return
        if not self.editor.release(tr("Open another breach?")):
            return
        self.editor.load(key)
        self._show_editor()

    def offer_draft(self) -> None:
        """At start: a breach typed but not saved when the program last stopped (a power
        cut, a crash) is offered back."""
        drafts = orphan_drafts(self.ledger.path)
        draft = read_draft(drafts[0]) if drafts else None
        if draft is None:
            for path in drafts[:1]:
                remove_draft(path)  # not readable: nothing to offer
            return
        breach, editing, editing_updated_at = draft
        self.editor.restore_draft(breach, editing, editing_updated_at)
        if not self.editor.is_dirty():  # its edits were put back: nothing to offer
            self.editor.close_form()
            remove_draft(drafts[0])
            return
        what = breach.place or tr("no place given")
        if dialogs.ask_yes_no(self, tr("A breach was not saved"), tr(
                "The program stopped while a breach ({day}, {place}) was being typed, "
                "before it was saved. Open it in the editor to finish it?").format(
                day=isolate(breach.occurred_on or "—"), place=isolate(what))):
            self._show_editor()
        else:
            self.editor.close_form()
        remove_draft(drafts[0])  # from now on, the editor keeps a draft of its own

    def _show_editor(self) -> None:
        self.editor.show()
        if self._empty is not None:
            self._empty.hide()
        self.table.show()
        self.editor.form.date.setFocus(Qt.ShortcutFocusReason)

    def _editor_closed(self) -> None:
        self.editor.hide()
        self._update_summary()
        self.table.setFocus()

    # Changes.
    def _saved(self, before: db.Breach | None, after: db.Breach) -> None:
        from .undo import save_command  # a start saves nothing: imported at the first save
        command = save_command(self.ledger, before, after, self.after_undo, self.undo_failed)
        self.undo_stack.push(command)
        self._lists_may_have_grown(after)
        self.show_changes([after.id], select=after.id)

    def delete_selected(self) -> None:
        keys = self.selected_ids()
        if not keys:
            return
        if self._in_editor() in keys:
            if not self.editor.release(tr("Delete this breach?")):
                return
            self.editor.close_form()
        from .undo import delete_command
        command = delete_command(self.ledger, keys, self.after_undo, failed=self.undo_failed)
        try:
            command.do()  # the rows go; the row after them is selected, so Delete can go on
        except db.LedgerError as error:
            dialogs.show_error(self, tr("Not deleted"), error_text(error))
            return
        self.undo_stack.push(command)

    def after_undo(self, keys: list[str]) -> None:
        """After an undo, a redo, a delete or a restore: the rows of the breaches `keys`
        change in place (none given: an import or a merge, the list is read again)."""
        if self._in_editor() in keys:
            if db.get_breach(self.ledger, self.editor.loaded.id).deleted_at:
                self.editor.close_form()
            else:
                self.editor.load(self.editor.loaded.id, focus=False)
        if keys:
            self.show_changes(keys, select=keys[0])
        else:
            self.refresh()

    def undo_failed(self, reason: str) -> None:
        dialogs.show_error(self, tr("This step cannot be undone"), reason)
        self.refresh()

    def show_changes(self, keys: list[str], select: str | None = None) -> None:
        """The breaches `keys` were written: their rows change, move, come or go in place,
        and the breach `select` is selected and in sight; if it is not in the list (deleted,
        filtered out), the row where the selection began is."""
        where = selection_start(self.table)
        self.model.breaches_changed(keys)
        select_breach(self.table, select, where)
        self._show_empty()
        self.changed.emit()

    def refresh(self, select: str | None = None) -> None:
        """Read the list and the filter's lists again (an import, a merge, renamed lists):
        as many rows as were shown, the scroll where it was, `select` (or the breach
        selected) selected."""
        kept = select or self.current_id()
        scrolled = self.table.verticalScrollBar().value()
        self.model.refresh(keep=self.model.loaded)
        self.filter_bar.set_lists(db.governorates(self.ledger), db.actors(self.ledger),
                                  db.breach_types(self.ledger))
        self.table.verticalScrollBar().setValue(scrolled)
        select_breach(self.table, kept)
        self.changed.emit()

    def _lists_may_have_grown(self, breach: db.Breach) -> None:
        """A save may have added a perpetrator: the filter's lists are read again only if
        the breach names an entry they lack."""
        bar = self.filter_bar
        if any(key and picker.findData(key) < 0 for picker, key in (
                (bar.governorate, breach.governorate_id), (bar.actor, breach.actor_id),
                (bar.breach_type, breach.breach_type_id))):
            bar.set_lists(db.governorates(self.ledger), db.actors(self.ledger),
                          db.breach_types(self.ledger))

    def _remember_selected(self) -> None:
        self._kept = self.current_id() or self._kept

    def set_filter(self, where: db.BreachFilter) -> None:
        self.model.set_filter(where)
        select_breach(self.table, self._kept)

    def focus_filter(self) -> None:
        self.filter_bar.text.setFocus(Qt.ShortcutFocusReason)
        self.filter_bar.text.selectAll()

    # What is selected, and what the filter shows.
    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.breach_id(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [k for k in (self.model.breach_id(r) for r in rows) if k]

    def _update_summary(self) -> None:
        count, problem = self.model.count, self.model.count_problem
        if problem is not None and count.killed is not None:  # not counted at all
            self.summary.setText(error_text(problem))
        elif count.killed is None:  # a count out of range: no sum, and the reason instead
            self.summary.setText(tr("Breaches shown: {n}. The killed are not added up: "
                                    "{reason}").format(n=count.breaches,
                                                       reason=error_text(problem)))
        else:
            self.summary.setText(tr("%n breach(es) shown, at least {killed} killed", "",
                                    count.breaches).format(killed=count.killed))
        self._show_empty()

    def _read_again(self) -> None:
        """The list was read again: its count is on its way."""
        self.summary.setText(tr("Counting…"))
        self._show_empty()

    def _show_empty(self) -> None:
        """The page that says how to begin instead of the table, in a file with no breach
        at all while the editor is closed."""
        nothing_at_all = self.model.rowCount() == 0 and not db.has_any_breach(self.ledger)
        show_empty = nothing_at_all and (self._editor is None or self._editor.isHidden())
        if show_empty or self._empty is not None:
            self.empty.setVisible(show_empty)
        self.table.setVisible(not show_empty)
