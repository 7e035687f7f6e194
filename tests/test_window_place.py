"""The breaches table keeps its place (issue 11): after a save, a delete, an undo, a new
breach and a filter typed then cleared, the breach being worked on is still selected and
in sight, and the table has not jumped back to its first pages. Driven with the keys a
user presses, on a file of about 2,000 breaches."""
from __future__ import annotations

import random
import shutil
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

import db
from conftest import show_window
from db.demo import create_demo
from gui.breach_model import ID_ROLE, BreachTableModel, count_text
from test_window_editing import focused, key, type_text
from test_window_entry import Keys, record_quickly

ROW = 900


@pytest.fixture(scope="module")
def made_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("place") / "made.sqlite3"
    create_demo(path, size=1750)  # and the demo week's 251: 2,001 breaches
    return path


@pytest.fixture
def window(qtbot, made_file, tmp_path, dialogs):
    """The window on a copy of the file, the table's cursor moved down to row 900 with
    Page Down and the arrow keys."""
    path = tmp_path / "office.sqlite3"
    shutil.copy(made_file, path)
    main = show_window(qtbot, db.open_ledger(path))
    table = main.breaches.table
    table.setFocus()
    qtbot.waitUntil(lambda: focused() is table)
    key(qtbot, Qt.Key_Down)
    while table.currentIndex().row() < ROW:
        key(qtbot, Qt.Key_PageDown)
    while table.currentIndex().row() > ROW:
        key(qtbot, Qt.Key_Up)
    assert focused() is table and table.currentIndex().row() == ROW
    return main


class Place:
    """Where the table stands: the breach selected, its row, and the scroll bar."""

    def __init__(self, window):
        self.table, self.model = window.breaches.table, window.breaches.model
        self.row = self.table.currentIndex().row()
        self.breach = self.selected()
        self.scrolled = self.table.verticalScrollBar().value()

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        current = self.table.currentIndex()
        if len(rows) != 1 or rows[0].row() != current.row():
            return None  # no row, or not the current one alone
        return self.model.breach_id(current.row())

    def in_sight(self) -> bool:
        """The current row shown whole in the table."""
        index = self.table.currentIndex()
        rect = self.table.visualRect(index)
        return index.isValid() and self.table.viewport().rect().contains(rect.topLeft()) \
            and self.table.viewport().rect().contains(rect.bottomLeft())

    def scrolled_now(self) -> int:
        return self.table.verticalScrollBar().value()


def test_a_saved_edit_leaves_its_breach_selected_and_the_table_where_it_was(qtbot, window):
    before = Place(window)
    assert before.breach and before.in_sight() and before.scrolled > 0
    key(qtbot, Qt.Key_Return)  # open it in the editor
    editor = window.breaches.editor
    assert editor.loaded.id == before.breach
    key(qtbot, Qt.Key_P, Qt.AltModifier)
    key(qtbot, Qt.Key_A, Qt.ControlModifier)
    type_text(qtbot, "Tell Nine Hundred")
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert db.get_breach(window.ledger, before.breach).place == "Tell Nine Hundred"
    assert before.selected() == before.breach
    assert before.table.currentIndex().row() == ROW
    assert before.model.index(ROW, 2).data() == "Tell Nine Hundred"  # the row shows the save
    assert before.in_sight() and before.scrolled_now() == before.scrolled


def test_a_delete_selects_the_next_breach_and_undo_the_one_deleted(qtbot, window):
    before = Place(window)
    following = before.model.breach_id(ROW + 1)
    key(qtbot, Qt.Key_Delete)
    assert db.get_breach(window.ledger, before.breach).deleted_at
    assert before.selected() == following and before.table.currentIndex().row() == ROW
    assert before.in_sight() and before.scrolled_now() == before.scrolled
    key(qtbot, Qt.Key_Z, Qt.ControlModifier)  # undo the delete
    assert not db.get_breach(window.ledger, before.breach).deleted_at
    assert before.selected() == before.breach and before.table.currentIndex().row() == ROW
    assert before.in_sight() and before.scrolled_now() == before.scrolled
    key(qtbot, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)  # and redo it
    assert before.selected() == following and before.in_sight()
    assert before.scrolled_now() == before.scrolled


def test_a_new_breach_is_selected_among_the_breaches_of_its_day(qtbot, window):
    before = Place(window)
    day = db.get_breach(window.ledger, before.breach).occurred_on
    record_quickly(Keys(qtbot), day, "Alep", "Qaryat Tisami'a", "regime", "Shel", "1",
                   "Aleppo Media")
    new = window.breaches.editor.loaded
    assert new is not None and new.occurred_on == day and new.id != before.breach
    assert before.selected() == new.id and before.in_sight()
    # Among the breaches of that day, near where the table was: not back at the top.
    assert abs(before.table.currentIndex().row() - ROW) < 100
    assert abs(before.scrolled_now() - before.scrolled) < 100 * before.table.rowHeight(0)


def test_a_filter_typed_then_cleared_keeps_the_breach_selected(qtbot, window):
    before = Place(window)
    model = before.model
    place = db.get_breach(window.ledger, before.breach).place
    key(qtbot, Qt.Key_F, Qt.ControlModifier)
    type_text(qtbot, place)
    qtbot.waitUntil(lambda: 0 < model.rowCount() < ROW)  # the filter's few breaches
    assert before.selected() == before.breach and before.in_sight()
    key(qtbot, Qt.Key_A, Qt.ControlModifier)
    key(qtbot, Qt.Key_Backspace)
    qtbot.waitUntil(lambda: model.rowCount() > ROW)
    assert before.selected() == before.breach and before.in_sight()
    assert before.table.currentIndex().row() == ROW


def test_a_save_that_moves_the_breach_keeps_it_selected_in_its_new_row(qtbot, window):
    before = Place(window)
    key(qtbot, Qt.Key_Return)
    key(qtbot, Qt.Key_D, Qt.AltModifier)  # the date: a later day moves it up the list
    later = db.get_breach(window.ledger, before.model.breach_id(ROW - 300)).occurred_on
    type_text(qtbot, later)
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert db.get_breach(window.ledger, before.breach).occurred_on == later
    assert before.selected() == before.breach and before.in_sight()
    row = before.table.currentIndex().row()
    assert row < ROW - 200
    assert [before.model.breach_id(r) for r in range(before.model.rowCount())].count(
        before.breach) == 1  # moved, not copied


@pytest.mark.parametrize("column, order, governorate", [
    (0, Qt.DescendingOrder, None),  # newest first, as the table opens
    (5, Qt.DescendingOrder, None),  # most killed first
    (2, Qt.AscendingOrder, "Aleppo"),  # by place, one governorate
])
def test_rows_changed_in_place_are_the_rows_the_list_reads_again(
        qtbot, made_file, tmp_path, column, order, governorate):
    """Random saves (moving rows up and down), new breaches, deletes and restores, each
    followed in place: the rows the table holds are always the first rows of the list as
    the file gives it now, in its order, each row as stored."""
    path = tmp_path / "office.sqlite3"
    shutil.copy(made_file, path)
    chance = random.Random(11)
    with db.open_ledger(path) as ledger:
        model = BreachTableModel(ledger)
        where = db.BreachFilter(governorate_id=governorate and db.find_by_name(
            ledger, "governorate", governorate))
        model.set_filter(where)
        model.sort(column, order)
        model.fetchMore()  # two pages held: rows move in, within and out of them
        keys = [r[0] for r in ledger.conn.execute("SELECT id FROM breach")]
        days = sorted({r[0] for r in ledger.conn.execute("SELECT occurred_on FROM breach")})
        gone: list[str] = []
        for step in range(50):
            action = chance.choice(["edit", "edit", "edit", "new", "delete", "restore"])
            held = model.breach_id(chance.randrange(model.rowCount()))
            key = held if chance.random() < 0.7 else chance.choice(keys)
            if action == "restore" and gone:
                key = gone.pop(chance.randrange(len(gone)))
                db.restore_breaches(ledger, [key])
            elif action == "delete" and key not in gone:
                db.delete_breaches(ledger, [key])
                gone.append(key)
            elif key not in gone:
                breach = db.get_breach(ledger, key)
                changed = dict(occurred_on=chance.choice(days), killed_max=None,
                               killed=breach.killed + chance.randrange(20),  # still valid
                               place=f"Place {chance.randrange(1000):03}")
                if action == "new":
                    breach = db.Breach(**{**{f: getattr(breach, f) for f in (
                        "governorate_id", "actor_id", "breach_type_id")}, **changed},
                        citations=[db.Citation(source_id=breach.citations[0].source_id)])
                else:
                    breach = replace(breach, **changed)
                key = db.save_breach(ledger, breach, allow_duplicate=True).id
                keys.append(key)
            model.breaches_changed([key])
            shown = [(model.index(r, 0).data(ID_ROLE), model.index(r, 2).data(),
                      model.index(r, 5).data())
                     for r in range(model.rowCount())]
            listed = db.list_breaches(ledger, where, sort=model.COLUMNS[column],
                                      descending=order == Qt.DescendingOrder,
                                      limit=len(shown))
            assert shown == [(r.id, r.place, count_text(r.killed, r.killed_max))
                             for r in listed], (step, action)
