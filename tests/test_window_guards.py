"""Edits are never thrown away behind the user's back: from another tab, by an undo, by a
delete; a refused save adds nothing to the lists; Escape closes a completion list first."""
from __future__ import annotations

from datetime import date


from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from tests.test_window_editing import key, type_text


def test_quitting_from_another_tab_still_asks_about_the_editors_edits(qtbot, window, ledger,
                                                                      make_breach, dialogs):
    saved = db.save_breach(ledger, make_breach())
    window.breaches.open_breach(saved.id)
    window.breaches.editor.form.place.setText("Al-Eis")
    key(qtbot, Qt.Key_3, Qt.ControlModifier)  # to Sources: the editor is out of sight
    assert window.tabs.currentWidget() is window.sources
    dialogs.unsaved_answer = "cancel"
    assert not window.close()
    assert dialogs.asked[-1] == ("unsaved", "Quit Truce Ledger?")
    dialogs.unsaved_answer = "save"
    assert window.close()
    assert db.get_breach(db.open_ledger(window.ledger.path), saved.id).place == "Al-Eis"


def test_undo_asks_before_throwing_away_edits_in_the_form(qtbot, window, ledger, make_breach,
                                                          dialogs):
    saved = db.save_breach(ledger, make_breach(killed=3))
    window.breaches.open_breach(saved.id)
    editor = window.breaches.editor
    editor.form.least["killed"].setValue(5)
    assert editor.save()
    editor.form.district.setText("typed, not saved")
    editor.form.breach_type.setFocus()  # a combo box does not take Ctrl+Z for itself
    dialogs.yes = False
    key(qtbot, Qt.Key_Z, Qt.ControlModifier)
    assert "not saved" in dialogs.asked[-1][1]
    assert db.get_breach(ledger, saved.id).killed == 5  # nothing undone
    assert editor.form.district.text() == "typed, not saved"
    dialogs.yes = True
    key(qtbot, Qt.Key_Z, Qt.ControlModifier)
    assert db.get_breach(ledger, saved.id).killed == 3
    assert window.redo_action.text() == "&Redo edit of a breach"
    assert window.redo_action.isEnabled() and not window.undo_action.isEnabled()


def test_cancel_in_the_question_of_a_delete_keeps_the_breach_and_the_edits(
        qtbot, window, ledger, make_breach, dialogs):
    saved = db.save_breach(ledger, make_breach())
    other = db.save_breach(ledger, make_breach(place="Zitan", occurred_on="2017-01-01"))
    window.breaches.refresh(select=saved.id)
    window.breaches.open_breach(saved.id)
    window.breaches.editor.form.place.setText("Al-Eis")
    window.breaches.table.setFocus()
    dialogs.unsaved_answer = "cancel"
    key(qtbot, Qt.Key_Delete)
    assert db.count_breaches(ledger).breaches == 2
    assert window.breaches.editor.form.place.text() == "Al-Eis"
    dialogs.unsaved_answer = "discard"
    key(qtbot, Qt.Key_Delete)
    assert db.count_breaches(ledger).breaches == 1
    assert not window.breaches.editor.is_open
    # The next row is current: Delete can go on.
    assert window.breaches.current_id() == other.id


def test_a_new_perpetrator_is_added_only_with_a_saved_breach_and_a_yes(qtbot, window, lists,
                                                                       ledger, dialogs):
    window.breaches.new_breach()
    editor = window.breaches.editor
    form = editor.form
    form.date.set_date(date(2017, 1, 2))
    form.actor.setEditText("Wagner Group")
    form.governorate.setEditText("Atlantis")  # the breach is refused
    form.citations.source_edit.setText("Aleppo Media Center")
    assert not editor.save()
    assert db.find_by_name(ledger, "actor", "Wagner Group") is None
    assert not [a for a in dialogs.asked if a[0] == "yes_no"]  # not even asked
    form.governorate.setEditText("Aleppo")
    dialogs.yes = False
    assert not editor.save()
    assert "agree to add" in form.problem_text("actor_id")
    assert db.find_by_name(ledger, "actor", "Wagner Group") is None
    dialogs.yes = True
    assert editor.save()
    actor = db.find_by_name(ledger, "actor", "Wagner Group")
    assert actor and editor.loaded.actor_id == actor


def test_part_of_a_name_picks_the_one_entry_it_names(qtbot, window, lists, ledger):
    window.breaches.new_breach()
    form = window.breaches.editor.form
    form.date.set_date(date(2017, 1, 2))
    form.governorate.setEditText("alep")
    form.actor.setEditText("regime")
    form.citations.source_edit.setText("Aleppo Media Center")
    assert window.breaches.editor.save()
    saved = window.breaches.editor.loaded
    assert saved.governorate_id == lists["aleppo"] and saved.actor_id == lists["regime"]
    form.governorate.setEditText("dam")  # Damascus or Rural Damascus: not for us to guess
    assert not window.breaches.editor.save()
    assert "gazetteer" in form.problem_text("governorate_id")


def test_escape_closes_the_list_of_completions_before_the_editor(qtbot, window, ledger,
                                                                 make_breach, dialogs):
    db.save_breach(ledger, make_breach(place="Khan Tuman"))
    window.breaches.new_breach()
    form = window.breaches.editor.form
    form.place.setFocus()
    type_text(qtbot, "Kh")
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    key(qtbot, Qt.Key_Escape)
    assert window.breaches.editor.is_open
    assert not [a for a in dialogs.asked if a[0] == "unsaved"]


def test_the_trash_restores_from_the_keyboard(qtbot, window, ledger, make_breach):
    gone = db.save_breach(ledger, make_breach())
    db.delete_breach(ledger, gone.id)
    window.breaches.refresh()
    key(qtbot, Qt.Key_4, Qt.ControlModifier)
    assert QApplication.focusWidget() is window.trash.table
    key(qtbot, Qt.Key_Return)
    assert db.count_breaches(ledger).breaches == 1


def test_an_error_of_the_core_is_shown_in_the_users_words(qtbot, window, lists, ledger,
                                                           ledger_path, make_breach, dialogs):
    saved = db.save_breach(ledger, make_breach())
    window.breaches.open_breach(saved.id)
    with sqlite3.connect(ledger_path) as other:  # another copy saves the same breach
        other.execute("UPDATE breach SET updated_at = '2099-01-01T00:00:00.000000Z'")
    window.breaches.editor.form.place.setText("Al-Eis")
    assert not window.breaches.editor.save()
    assert "changed elsewhere" in dialogs.asked[-1][1]
    assert window.breaches.editor.form.place.text() == "Al-Eis"


def test_a_place_that_looks_like_markup_is_shown_as_typed(qtbot, window, lists, ledger,
                                                          make_breach):
    saved = db.save_breach(ledger, make_breach(place="<i>Tell</i> <Rifaat"))
    window.breaches.open_breach(saved.id)
    assert "&lt;i&gt;Tell&lt;/i&gt; &lt;Rifaat" in window.breaches.editor.title.text()


def test_what_was_typed_survives_a_power_cut(qtbot, window, lists, ledger, ledger_path,
                                             dialogs):
    from gui.drafts import draft_path
    from gui.main_window import MainWindow
    window.breaches.new_breach()
    first_draft = draft_path(ledger_path, window.breaches.editor.draft_owner)
    form = window.breaches.editor.form
    form.date.set_date(date(2017, 1, 2))
    form.governorate.setEditText("Aleppo")
    form.place.setFocus()
    type_text(qtbot, "Khan Tuman")
    form.description.setPlainText("Shelling at dawn, typed and not yet saved.")
    form.citations.source_edit.setText("Aleppo Media Center")
    qtbot.waitUntil(first_draft.exists, timeout=5000)
    # The power goes: no question, no save. The next start offers the breach back. (Here
    # the first copy's process lives on: its draft is made to look left by another.)
    first_draft.rename(ledger_path.with_name(f"{ledger_path.name}.draft-999999999-a.db"))
    window.breaches.editor.draft_owner = "gone"
    again = MainWindow(db.open_ledger(ledger_path))
    qtbot.addWidget(again)
    assert "was being typed" in dialogs.asked[-1][1]
    editor = again.breaches.editor
    assert editor.is_open and editor.is_dirty()
    assert editor.form.place.text() == "Khan Tuman"
    assert editor.form.description.toPlainText().startswith("Shelling at dawn")
    assert editor.save()
    assert list(ledger_path.parent.glob("*.draft-999999999-a.db*")) == []
    assert db.count_breaches(again.ledger).breaches == 1
    window.breaches.editor.close_form()  # the first window's form, gone with the power


def test_a_discarded_breach_leaves_no_draft(qtbot, window, lists, ledger, ledger_path,
                                            dialogs):
    from gui.drafts import draft_path, orphan_drafts
    window.breaches.new_breach()
    window.breaches.editor.form.place.setText("Zitan")
    window.breaches.editor.keep_draft()
    mine = draft_path(ledger_path, window.breaches.editor.draft_owner)
    assert mine.exists()
    assert orphan_drafts(ledger_path) == []  # a running copy's draft is not offered
    dialogs.unsaved_answer = "discard"
    window.breaches.editor.cancel()
    assert not mine.exists()


def test_undo_never_overwrites_a_save_made_by_another_copy(qtbot, window, ledger, ledger_path,
                                                           make_breach, dialogs):
    saved = db.save_breach(ledger, make_breach(killed=3))
    window.breaches.open_breach(saved.id)
    window.breaches.editor.form.least["killed"].setValue(5)
    assert window.breaches.editor.save()
    with db.open_ledger(ledger_path, user="Other copy") as other:
        theirs = db.get_breach(other, saved.id)
        theirs.victims.append(db.Victim(name="Named by the other copy", age=30, sex="male"))
        db.save_breach(other, theirs)
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Z, Qt.ControlModifier)
    assert dialogs.asked[-1][0] == "error" and "changed elsewhere" in dialogs.asked[-1][1]
    kept = db.get_breach(ledger, saved.id)
    assert [v.name for v in kept.victims] == ["Named by the other copy"] and kept.killed == 5
    assert not window.undo_action.isEnabled()  # that step is gone from the stack
