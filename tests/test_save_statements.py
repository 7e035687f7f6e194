"""A save from the window is one call into the core (issue 11): a breach typed with the
keyboard and saved with Ctrl+S, or one field of a saved breach changed and saved, costs at
most ten SQL statements on the ledger's connection, everything the window does after the
key counted (the core's validation and write, the table, the summary line, the editor
showing the breach as saved). Undo and redo of those saves still work from the keys.

What is counted: the statements run on the connection of the UI thread, as
`set_trace_callback` reports them, less what SQLite runs inside them: the triggers' inner
statements. SQLite reports each firing of a trigger by repeating the text of the write
that fired it, and the statements of the full-text index's own module either behind "--"
or addressed to 'main'.… (a quoting only SQLite's modules use); none of them is counted.
"""
from __future__ import annotations


from PySide6.QtCore import QThreadPool, Qt

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db

from test_window_editing import focused, key, type_text

MOST = 10


def counted(statements: list[str]) -> list[str]:
    """The statements of `statements` (as traced) that our code ran."""
    ours = []
    for statement in statements:
        if statement.startswith("--") or "'main'." in statement:
            continue  # a statement of the full-text index's module, inside a trigger's
        if ours and statement == ours[-1] and statement.lstrip().upper().startswith(
                ("INSERT", "UPDATE", "DELETE")):
            continue  # a trigger of the write just run, firing
        ours.append(statement)
    return ours


class Traced:
    """The statements run on the ledger's connection within `with`, once the window has
    done everything the keys made it do."""

    def __init__(self, qtbot, ledger: db.Ledger):
        self.qtbot, self.ledger, self.statements = qtbot, ledger, []

    def __enter__(self) -> "Traced":
        self.ledger.conn.set_trace_callback(self.statements.append)
        return self

    def __exit__(self, *exc) -> None:
        # What the window left for the event loop, or for a thread whose answer the event
        # loop then takes, is done too.
        self.qtbot.wait(50)
        QThreadPool.globalInstance().waitForDone(10_000)
        self.qtbot.wait(50)
        self.ledger.conn.set_trace_callback(None)

    @property
    def ours(self) -> list[str]:
        return counted(self.statements)


def test_the_count_leaves_out_only_what_triggers_run(ledger):
    """What `counted` leaves out is what SQLite runs for a trigger: a query run twice by us
    counts twice, a trigger's firing does not."""
    conn = ledger.conn
    conn.execute("CREATE TEMP TABLE seen (n)")
    conn.execute("CREATE TEMP TABLE said (n)")
    conn.execute("CREATE TEMP TRIGGER saying AFTER INSERT ON seen BEGIN"
                 " INSERT INTO said VALUES (NEW.n); INSERT INTO said VALUES (NEW.n); END")
    traced = []
    conn.set_trace_callback(traced.append)
    conn.execute("INSERT INTO seen VALUES (1)")
    conn.execute("SELECT count(*) FROM said")
    conn.execute("SELECT count(*) FROM said")
    conn.set_trace_callback(None)
    assert len(traced) > 3  # the trigger's firing was reported
    assert len(counted(traced)) == 3


def stored(path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def type_a_breach(qtbot) -> None:
    """Ctrl+N and the quick path: date, governorate, place, perpetrator, type, killed, the
    source from its list of completions (README: a breach in nine keys)."""
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    for text in ("4.1.2017", "Idl", "Saraqib", "regime", "Air", "5"):
        type_text(qtbot, text)
        key(qtbot, Qt.Key_Return)
    type_text(qtbot, "Aleppo Media")
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Return)


def test_a_new_breach_typed_and_saved_with_the_keyboard_costs_ten_statements_at_most(
        qtbot, lists, window, ledger, ledger_path):  # the lists made before the window opens
    type_a_breach(qtbot)
    with Traced(qtbot, ledger) as traced:
        key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert stored(ledger_path, "SELECT place, killed FROM breach") == [("Saraqib", 5)]
    editor = window.breaches.editor
    assert editor.loaded is not None and editor.loaded.place == "Saraqib"  # shown as saved
    assert window.breaches.model.breach_id(0) == editor.loaded.id  # and in the table
    assert len(traced.ours) <= MOST, "\n".join(traced.ours)


def test_an_edit_of_one_field_costs_ten_statements_at_most(qtbot, lists, window, ledger,
                                                           ledger_path, make_breach):
    saved = db.save_breach(ledger, make_breach(killed=3))
    window.breaches.refresh(select=saved.id)
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Return)  # open it
    key(qtbot, Qt.Key_K, Qt.AltModifier)  # to Killed
    assert focused() is window.breaches.editor.form.least["killed"]
    key(qtbot, Qt.Key_A, Qt.ControlModifier)
    type_text(qtbot, "7")
    with Traced(qtbot, ledger) as traced:
        key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert stored(ledger_path, "SELECT killed FROM breach") == [(7,)]
    history = window.breaches.editor.history.lines()
    assert "Killed: 3 → 7" in history  # the editor shows the edit in the history
    assert len(traced.ours) <= MOST, "\n".join(traced.ours)


def test_undo_and_redo_of_a_new_breach_from_the_keys(qtbot, window, lists, ledger_path):
    type_a_breach(qtbot)
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    window.breaches.table.setFocus()
    live = "SELECT place FROM breach WHERE deleted_at IS NULL"
    assert stored(ledger_path, live) == [("Saraqib",)]
    key(qtbot, Qt.Key_Z, Qt.ControlModifier)  # the new breach goes to the Trash
    assert stored(ledger_path, live) == []
    assert window.breaches.model.count.breaches == 0
    key(qtbot, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)  # and comes back
    assert stored(ledger_path, live) == [("Saraqib",)]


def test_undo_of_an_edit_and_of_a_delete_from_the_keys(qtbot, window, ledger, ledger_path,
                                                        make_breach):
    saved = db.save_breach(ledger, make_breach(killed=3))
    window.breaches.refresh(select=saved.id)
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Return)
    key(qtbot, Qt.Key_K, Qt.AltModifier)
    key(qtbot, Qt.Key_A, Qt.ControlModifier)
    type_text(qtbot, "9")
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert stored(ledger_path, "SELECT killed FROM breach") == [(9,)]
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Z, Qt.ControlModifier)  # the edit taken back
    assert stored(ledger_path, "SELECT killed FROM breach") == [(3,)]
    assert window.breaches.editor.form.least["killed"].value() == 3  # the editor follows
    key(qtbot, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)  # and made again
    assert stored(ledger_path, "SELECT killed FROM breach") == [(9,)]
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Escape)  # the editor closed: Delete goes to the table
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Delete)
    assert stored(ledger_path, "SELECT deleted_at IS NOT NULL FROM breach") == [(1,)]
    key(qtbot, Qt.Key_Z, Qt.ControlModifier)  # the delete taken back
    assert stored(ledger_path, "SELECT deleted_at IS NOT NULL FROM breach") == [(0,)]
    assert [c.action for c in db.record_history(ledger, saved.id)] == [
        "insert", "update", "update", "update", "delete", "restore"]
