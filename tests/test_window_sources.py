"""Sources in the window, driven from the keyboard: completion that never makes junk,
dates reported read in any form, and the Sources view's rename, merge and delete."""
from __future__ import annotations


from PySide6.QtCore import Qt

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db


# Where a key goes: the list of completions while it is open, else the focus.
from test_window_editing import keyboard_target as focused, key, type_text  # noqa: E402


def cited(ledger_path, breach_id=None):
    """(source name, reference, date reported) of each live citation in the file."""
    conn = sqlite3.connect(ledger_path)
    try:
        return conn.execute(
            "SELECT s.name, c.reference, c.reported_on FROM citation c JOIN source s"
            " ON s.id = c.source_id WHERE c.deleted_at IS NULL"
            + (" AND c.breach_id = ?" if breach_id else "") + " ORDER BY c.position",
            (breach_id,) if breach_id else ()).fetchall()
    finally:
        conn.close()


def source_names(ledger_path):
    conn = sqlite3.connect(ledger_path)
    try:
        return sorted(r[0] for r in conn.execute(
            "SELECT name FROM source WHERE deleted_at IS NULL"))
    finally:
        conn.close()


def open_sources_box(qtbot, window, ledger, make_breach, new=False):
    """A saved breach (citing Aleppo Media Center) open in the editor, or a new breach
    (`new`), the cursor in the Sources box, where a person clicks."""
    if new:
        saved = None
        key(qtbot, Qt.Key_N, Qt.ControlModifier)
    else:
        saved = db.save_breach(ledger, make_breach())
        window.breaches.open_breach(saved.id)
    panel = window.breaches.editor.form.citations
    panel.source_edit.setFocus()  # not yet in the sources: the editor scrolls to it
    qtbot.mouseClick(panel.source_edit, Qt.LeftButton)
    assert focused() is panel.source_edit
    return saved, panel


def popup_shown(qtbot, panel):
    qtbot.waitUntil(lambda: panel.completer.popup().isVisible(), timeout=2000)


# Completion.
def test_enter_with_one_completion_cites_that_source_not_the_fragment(
        qtbot, lists, window, ledger, ledger_path, make_breach, dialogs):
    db.save_source(ledger, db.Source(name="Local activists"))
    saved, panel = open_sources_box(qtbot, window, ledger, make_breach)
    type_text(qtbot, "Local act")
    popup_shown(qtbot, panel)
    key(qtbot, Qt.Key_Return)
    assert [c.source_name for c in panel.citations()] == [
        "Aleppo Media Center", "Local activists"]
    assert panel.source_edit.text() == ""
    assert not dialogs.asked  # a known source: nothing to ask
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert cited(ledger_path, saved.id) == [("Aleppo Media Center", "https://example.org/1",
                                             "2017-01-02"), ("Local activists", "", None)]
    assert "Local act" not in source_names(ledger_path)


def test_enter_with_several_completions_highlights_the_first_and_a_second_enter_cites_it(
        qtbot, lists, window, ledger, make_breach):
    for name in ("Local activists", "Local council"):
        db.save_source(ledger, db.Source(name=name))
    _saved, panel = open_sources_box(qtbot, window, ledger, make_breach, new=True)
    type_text(qtbot, "local")
    popup_shown(qtbot, panel)
    key(qtbot, Qt.Key_Return)
    assert panel.model.rowCount() == 0  # which of the two? Nothing is cited yet
    assert panel.completer.popup().currentIndex().data() == "Local activists"
    assert panel.source_edit.text() == "Local activists"
    key(qtbot, Qt.Key_Return)
    assert [c.source_name for c in panel.model.rows()] == ["Local activists"]
    assert panel.source_edit.text() == ""


def test_down_and_enter_cites_the_highlighted_source_once_and_empties_the_box(
        qtbot, lists, window, ledger, ledger_path, make_breach):
    saved, panel = open_sources_box(qtbot, window, ledger, make_breach)
    type_text(qtbot, "khan")
    popup_shown(qtbot, panel)
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Return)
    assert panel.source_edit.text() == ""
    assert not panel.completer.popup().isVisible()
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert [row[0] for row in cited(ledger_path, saved.id)] == [
        "Aleppo Media Center", "Activist in Khan Tuman"]


def test_a_click_on_a_completion_cites_it_and_empties_the_box(qtbot, lists, window, ledger,
                                                                make_breach):
    _saved, panel = open_sources_box(qtbot, window, ledger, make_breach, new=True)
    type_text(qtbot, "media")
    popup_shown(qtbot, panel)
    popup = panel.completer.popup()
    rect = popup.visualRect(popup.model().index(0, 0))
    qtbot.mouseClick(popup.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=2000)
    assert [c.source_name for c in panel.model.rows()] == ["Aleppo Media Center"]
    assert panel.source_edit.text() == ""


def test_a_name_no_source_has_is_cited_only_after_asking(qtbot, lists, window, ledger,
                                                         ledger_path, make_breach, dialogs):
    saved, panel = open_sources_box(qtbot, window, ledger, make_breach)
    dialogs.yes = False
    type_text(qtbot, "Halab Today")
    key(qtbot, Qt.Key_Return)
    assert dialogs.asked and "Halab Today" in dialogs.asked[-1][1]
    assert panel.model.rowCount() == 1  # not cited
    assert panel.source_edit.text() == "Halab Today" and focused() is panel.source_edit
    dialogs.yes = True
    key(qtbot, Qt.Key_Return)
    assert panel.model.rowCount() == 2 and panel.source_edit.text() == ""
    assert panel.model.data(panel.model.index(1, 0)) == "Halab Today (new source)"
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert "Halab Today" in source_names(ledger_path)


def test_citing_a_source_again_is_refused_with_a_message(qtbot, lists, window, ledger,
                                                         ledger_path, make_breach):
    saved, panel = open_sources_box(qtbot, window, ledger, make_breach)
    type_text(qtbot, "aleppo media center")
    key(qtbot, Qt.Key_Escape)  # the list of completions closes, the text stays
    assert panel.source_edit.text() == "aleppo media center"
    key(qtbot, Qt.Key_Return)
    assert panel.model.rowCount() == 1
    assert "already cited" in panel.error.text() and panel.error.isVisible()
    assert panel.source_edit.text() == ""
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert len(cited(ledger_path, saved.id)) == 1


def test_a_save_citing_one_source_twice_is_refused_by_the_rules(qtbot, lists, window, ledger,
                                                                ledger_path, make_breach):
    saved, panel = open_sources_box(qtbot, window, ledger, make_breach)
    panel.model.append(db.Citation(lists["source"], source_name="Aleppo Media Center"))
    assert not window.breaches.editor.save()
    assert "already cited" in window.breaches.editor.form.problem_text("citations")
    assert len(cited(ledger_path, saved.id)) == 1


def test_escape_closes_the_list_and_puts_back_what_was_typed(qtbot, lists, window, ledger,
                                                             make_breach):
    _saved, panel = open_sources_box(qtbot, window, ledger, make_breach, new=True)
    editor = window.breaches.editor
    type_text(qtbot, "khan")
    popup_shown(qtbot, panel)
    key(qtbot, Qt.Key_Down)
    assert panel.source_edit.text() == "Activist in Khan Tuman"  # shown while highlighted
    key(qtbot, Qt.Key_Escape)
    assert not panel.completer.popup().isVisible()
    assert panel.source_edit.text() == "khan" and focused() is panel.source_edit
    assert editor.isVisible()  # Escape closed the list, not the editor
    assert panel.model.rowCount() == 0


def test_tab_takes_the_highlighted_name_and_goes_on_to_the_reference(
        qtbot, lists, window, ledger, ledger_path, make_breach):
    saved, panel = open_sources_box(qtbot, window, ledger, make_breach)
    type_text(qtbot, "khan")
    popup_shown(qtbot, panel)
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Tab)
    assert not panel.completer.popup().isVisible()
    assert panel.source_edit.text() == "Activist in Khan Tuman"
    assert focused() is panel.reference_edit
    type_text(qtbot, "https://example.org/k")
    key(qtbot, Qt.Key_Return)
    assert panel.source_edit.text() == "" and panel.reference_edit.text() == ""
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert cited(ledger_path, saved.id)[1:] == [("Activist in Khan Tuman",
                                                 "https://example.org/k", None)]


def test_tab_with_nothing_highlighted_leaves_what_was_typed(qtbot, lists, window, ledger,
                                                            make_breach):
    _saved, panel = open_sources_box(qtbot, window, ledger, make_breach, new=True)
    type_text(qtbot, "khan")
    popup_shown(qtbot, panel)
    key(qtbot, Qt.Key_Tab)
    assert not panel.completer.popup().isVisible()
    assert panel.source_edit.text() == "khan" and focused() is panel.reference_edit


# The date reported, typed in the table.
def _date_cell(qtbot, panel, row=0):
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(row, 2))
    key(qtbot, Qt.Key_F2)
    return focused()


def test_a_date_reported_typed_in_any_form_is_stored_as_iso(qtbot, lists, window, ledger,
                                                            ledger_path, make_breach):
    saved, panel = open_sources_box(qtbot, window, ledger, make_breach)
    for typed, stored in (("4.1.2017", "2017-01-04"), ("20170105", "2017-01-05"),
                          ("6 Jan 2017", "2017-01-06"), ("٧/١/٢٠١٧", "2017-01-07")):
        cell = _date_cell(qtbot, panel)
        cell.selectAll()
        key(qtbot, Qt.Key_Delete)
        type_text(qtbot, typed)
        assert panel.citations()[0].reported_on == stored  # already while typing
        key(qtbot, Qt.Key_Return)
        qtbot.waitUntil(lambda: panel.table.state() != panel.table.State.EditingState,
                        timeout=2000)
        assert panel.model.data(panel.model.index(0, 2)) == stored
        assert not panel.error.isVisible()
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert cited(ledger_path, saved.id)[0][2] == "2017-01-07"


def test_an_unreadable_date_reported_is_refused_with_a_message_and_not_stored(
        qtbot, lists, window, ledger, ledger_path, make_breach):
    saved, panel = open_sources_box(qtbot, window, ledger, make_breach)
    _date_cell(qtbot, panel).selectAll()
    key(qtbot, Qt.Key_Delete)
    type_text(qtbot, "31.2.2017")
    key(qtbot, Qt.Key_Return)
    qtbot.waitUntil(panel.error.isVisible, timeout=2000)  # Qt closes the cell queued
    assert "Row 1" in panel.error.text() and "31.2.2017" in panel.error.text()
    assert panel.model.data(panel.model.index(0, 2)) == "2017-01-02"  # as it was
    _date_cell(qtbot, panel).selectAll()
    type_text(qtbot, "soon")
    assert panel.citations()[0].reported_on == "soon"  # a save now would say why not
    key(qtbot, Qt.Key_Escape)
    qtbot.waitUntil(lambda: panel.table.state() != panel.table.State.EditingState, timeout=2000)
    assert panel.model.data(panel.model.index(0, 2)) == "2017-01-02"
    assert window.breaches.editor.isVisible()  # Escape closed the cell, not the editor
    assert window.breaches.editor.save()
    assert cited(ledger_path, saved.id)[0][2] == "2017-01-02"


# The Sources view.
def _sources_view(qtbot, window, name):
    """The Sources view (Ctrl+3), the source `name` chosen with the arrow keys."""
    key(qtbot, Qt.Key_3, Qt.ControlModifier)
    view = window.sources
    assert focused() is view.table
    for _ in range(view.model.rowCount()):
        if view.name.text() == name:
            return view
        key(qtbot, Qt.Key_Down)
    raise AssertionError(f"{name} is not in the Sources view")


def alt(qtbot, letter):
    """Alt+letter on a button: Qt clicks it a moment later, as it shows the press."""
    key(qtbot, letter, Qt.AltModifier)
    qtbot.wait(200)


def _log(ledger_path, key_):
    conn = sqlite3.connect(ledger_path)
    try:
        return [r[0] for r in conn.execute(
            "SELECT action FROM change_log WHERE record_id = ? ORDER BY changed_at, rowid",
            (key_,))]
    finally:
        conn.close()


def test_rename_a_source_from_the_keyboard(qtbot, lists, window, ledger, ledger_path,
                                           make_breach):
    saved = db.save_breach(ledger, make_breach(citations=[db.Citation(lists["activist"])]))
    view = _sources_view(qtbot, window, "Activist in Khan Tuman")
    alt(qtbot, Qt.Key_R)
    assert focused() is view.name and view.name.selectedText() == "Activist in Khan Tuman"
    type_text(qtbot, "Khan Tuman coordination")
    key(qtbot, Qt.Key_Return)
    assert source_names(ledger_path) == ["Aleppo Media Center", "Khan Tuman coordination"]
    assert _log(ledger_path, lists["activist"]) == ["insert", "update"]
    assert [row[0] for row in cited(ledger_path, saved.id)] == ["Khan Tuman coordination"]
    assert view.name.text() == "Khan Tuman coordination"
    selected = view.table.selectionModel().selectedRows()
    assert [view.model.item(i.row(), 0).text() for i in selected] == ["Khan Tuman coordination"]


def test_a_rename_to_a_name_taken_is_refused_with_a_message(qtbot, lists, window, ledger_path):
    view = _sources_view(qtbot, window, "Activist in Khan Tuman")
    alt(qtbot, Qt.Key_R)
    type_text(qtbot, "aleppo media center")
    key(qtbot, Qt.Key_Return)
    assert view.error.isVisible() and "merge" in view.error.text()
    assert source_names(ledger_path) == ["Activist in Khan Tuman", "Aleppo Media Center"]


def test_merge_two_sources_from_the_keyboard(qtbot, lists, window, ledger, ledger_path,
                                             make_breach, dialogs):
    one = db.save_breach(ledger, make_breach(citations=[db.Citation(lists["activist"], "a")]))
    both = db.save_breach(ledger, make_breach(place="Anadan", citations=[
        db.Citation(lists["source"], "s"), db.Citation(lists["activist"], "b")]))
    key(qtbot, Qt.Key_N, Qt.ControlModifier)  # the editor, with both sources to complete
    key(qtbot, Qt.Key_Escape)
    assert sorted(window.breaches.editor.form.citations.completer.model().stringList()) == [
        "Activist in Khan Tuman", "Aleppo Media Center"]
    view = _sources_view(qtbot, window, "Activist in Khan Tuman")
    key(qtbot, Qt.Key_M, Qt.AltModifier)
    assert focused() in (view.merge_into, view.merge_into.lineEdit())
    type_text(qtbot, "Aleppo Media Center")
    key(qtbot, Qt.Key_Escape)  # the list of completions, if open
    if focused() in (view.merge_into, view.merge_into.lineEdit()):
        key(qtbot, Qt.Key_Return)
    assert dialogs.asked and "2 breaches" in dialogs.asked[-1][1]
    assert source_names(ledger_path) == ["Aleppo Media Center"]
    assert cited(ledger_path, one.id) == [("Aleppo Media Center", "a", None)]
    assert cited(ledger_path, both.id) == [("Aleppo Media Center", "s | b", None)]
    assert _log(ledger_path, lists["activist"])[-1] == "delete"
    assert [view.model.item(r, 0).text() for r in range(view.model.rowCount())] == [
        "Aleppo Media Center"]
    assert view.model.item(0, 3).data(Qt.DisplayRole) == 2
    assert "2 breaches" in view.done.text()
    # The editor completes only the sources that are left.
    assert window.breaches.editor.form.citations.completer.model().stringList() == [
        "Aleppo Media Center"]


def test_a_cited_source_is_not_deleted_and_the_message_says_how_many_cite_it(
        qtbot, lists, window, ledger, ledger_path, make_breach, dialogs):
    db.save_breach(ledger, make_breach())
    view = _sources_view(qtbot, window, "Aleppo Media Center")
    alt(qtbot, Qt.Key_D)
    assert view.error.isVisible() and "cited by 1 breach." in view.error.text()
    assert not dialogs.asked
    assert source_names(ledger_path) == ["Activist in Khan Tuman", "Aleppo Media Center"]


def test_delete_a_source_no_breach_cites(qtbot, lists, window, ledger, ledger_path, dialogs):
    view = _sources_view(qtbot, window, "Activist in Khan Tuman")
    alt(qtbot, Qt.Key_D)
    assert dialogs.asked and "Activist in Khan Tuman" in dialogs.asked[-1][1]
    assert source_names(ledger_path) == ["Aleppo Media Center"]
    assert _log(ledger_path, lists["activist"])[-1] == "delete"
    assert view.model.rowCount() == 1


def test_merge_into_finds_the_source_that_stays_however_its_arabic_is_spelled(
        qtbot, lists, window, ledger, ledger_path, make_breach, dialogs):
    db.save_source(ledger, db.Source(name="مركز إعزاز الإعلامي", kind="news network"))
    saved = db.save_breach(ledger, make_breach(citations=[db.Citation(lists["activist"], "a")]))
    view = _sources_view(qtbot, window, "Activist in Khan Tuman")
    key(qtbot, Qt.Key_M, Qt.AltModifier)
    type_text(qtbot, "اعزاز")  # without the hamza
    popup = view.merge_names.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == [
        "مركز إعزاز الإعلامي"]
    key(qtbot, Qt.Key_Down)  # to the open list, as a keyboard does
    assert view.merge_into.currentText() == "مركز إعزاز الإعلامي"  # the name as stored
    key(qtbot, Qt.Key_Return)
    if not dialogs.asked and focused() in (view.merge_into, view.merge_into.lineEdit()):
        key(qtbot, Qt.Key_Return)
    assert dialogs.asked and "مركز إعزاز الإعلامي" in dialogs.asked[-1][1]
    assert source_names(ledger_path) == ["Aleppo Media Center", "مركز إعزاز الإعلامي"]
    assert cited(ledger_path, saved.id) == [("مركز إعزاز الإعلامي", "a", None)]


def test_new_source_leaves_no_source_of_the_list_marked(qtbot, lists, window, dialogs):
    """New source empties the form, and no row of the list stays marked beside it as if
    the form were that source's; the arrow keys then choose one again."""
    view = _sources_view(qtbot, window, "Aleppo Media Center")
    assert view.table.selectionModel().selectedRows()
    qtbot.mouseClick(view.new_button, Qt.LeftButton)
    assert view.name.text() == ""
    assert view.table.selectionModel().selectedRows() == []
    view.table.setFocus()
    key(qtbot, Qt.Key_Down)
    chosen = view.table.selectionModel().selectedRows()
    assert len(chosen) == 1 and view.name.text() == chosen[0].data()
