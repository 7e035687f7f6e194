"""Completion that folds Arabic spelling (issue 10): the lists the editor opens as you type
(sources, places, perpetrators) find a name however its Arabic is spelled, and put in
the field the name as it is stored."""
from __future__ import annotations


from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db

from test_window_editing import focused, key, type_text


def listed(popup) -> list[str]:
    """The names a list of completions shows, top to bottom."""
    model = popup.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def open_list(qtbot):
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=2000)
    return QApplication.activePopupWidget()


def cited_names(ledger_path) -> list[str]:
    with sqlite3.connect(ledger_path) as conn:
        return [r[0] for r in conn.execute(
            "SELECT s.name FROM citation c JOIN source s ON s.id = c.source_id"
            " WHERE c.deleted_at IS NULL ORDER BY c.position")]


def source_count(ledger_path) -> int:
    with sqlite3.connect(ledger_path) as conn:
        return conn.execute("SELECT count(*) FROM source WHERE deleted_at IS NULL").fetchone()[0]


def start_breach(qtbot) -> None:
    """Ctrl+N, a date, Alt+G Aleppo, Alt+T Air strike: a breach that can be saved."""
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    type_text(qtbot, "4.1.2017")
    key(qtbot, Qt.Key_G, Qt.AltModifier)
    type_text(qtbot, "Aleppo")
    key(qtbot, Qt.Key_T, Qt.AltModifier)
    type_text(qtbot, "Air")


def new_breach_at_sources(qtbot, window):
    """A breach begun (start_breach), then the cursor in the Sources box."""
    start_breach(qtbot)
    panel = window.breaches.editor.form.citations
    panel.source_edit.setFocus(Qt.TabFocusReason)
    assert focused() is panel.source_edit
    return panel


def test_a_source_typed_without_hamza_is_listed_and_cited_as_stored(
        qtbot, lists, window, ledger, ledger_path, dialogs):
    db.save_source(ledger, db.Source(name="مركز إعزاز الإعلامي"))
    window.breaches.editor.reload_lists()
    panel = new_breach_at_sources(qtbot, window)
    type_text(qtbot, "اعزاز")
    assert listed(open_list(qtbot)) == ["مركز إعزاز الإعلامي"]
    key(qtbot, Qt.Key_Return)  # the only one listed
    assert [c.source_name for c in panel.model.rows()] == ["مركز إعزاز الإعلامي"]
    assert panel.source_edit.text() == ""
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert not dialogs.asked  # a known source: no new one to agree to
    assert cited_names(ledger_path) == ["مركز إعزاز الإعلامي"]
    assert source_count(ledger_path) == 3  # the two of `lists` and this one, no new one


def test_a_name_typed_without_its_vowel_marks_lists_it_and_tab_takes_it_as_written(
        qtbot, lists, window, ledger, ledger_path):
    db.save_source(ledger, db.Source(name="مُحَمَّد الحلبي"))
    db.save_source(ledger, db.Source(name="محمود الإدلبي"))
    window.breaches.editor.reload_lists()
    panel = new_breach_at_sources(qtbot, window)
    type_text(qtbot, "محمد")
    popup = open_list(qtbot)
    assert listed(popup) == ["مُحَمَّد الحلبي"]
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Tab)  # takes the highlighted name, on to Reference
    assert panel.source_edit.text() == "مُحَمَّد الحلبي"
    assert focused() is panel.reference_edit
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert cited_names(ledger_path) == ["مُحَمَّد الحلبي"]


def test_several_folded_matches_keep_the_enter_rules(qtbot, lists, window, ledger,
                                                     ledger_path):
    for name in ("تنسيقية إدلب", "شبكة أخبار إدلب"):
        db.save_source(ledger, db.Source(name=name))
    window.breaches.editor.reload_lists()
    panel = new_breach_at_sources(qtbot, window)
    type_text(qtbot, "ادلب")
    popup = open_list(qtbot)
    assert sorted(listed(popup)) == ["تنسيقية إدلب", "شبكة أخبار إدلب"]
    key(qtbot, Qt.Key_Return)  # several: the first is highlighted, nothing cited yet
    assert panel.model.rowCount() == 0
    first = popup.currentIndex().data()
    assert panel.source_edit.text() == first
    key(qtbot, Qt.Key_Return)
    assert [c.source_name for c in panel.model.rows()] == [first]
    type_text(qtbot, "ادلب")
    open_list(qtbot)
    key(qtbot, Qt.Key_Escape)  # closes the list, leaves what was typed
    assert QApplication.activePopupWidget() is None
    assert panel.source_edit.text() == "ادلب"
    assert window.breaches.editor.isVisible()


def test_a_latin_name_is_still_found_in_any_case(qtbot, lists, window, ledger_path):
    panel = new_breach_at_sources(qtbot, window)
    type_text(qtbot, "aleppo")
    assert listed(open_list(qtbot)) == ["Aleppo Media Center"]
    key(qtbot, Qt.Key_Return)
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert [c.source_name for c in panel.model.rows()] == ["Aleppo Media Center"]
    assert cited_names(ledger_path) == ["Aleppo Media Center"]


def cite_save_and_read(qtbot, ledger_path, sql: str) -> list:
    """In the Sources box (focused): cite Aleppo Media Center, Ctrl+S, then the first
    column of `sql` as sqlite3 reads the file."""
    type_text(qtbot, "Aleppo Med")
    key(qtbot, Qt.Key_Return)
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    with sqlite3.connect(ledger_path) as conn:
        return [row[0] for row in conn.execute(sql)]


def test_a_place_typed_with_ha_lists_the_one_written_with_ta_marbuta(
        qtbot, lists, window, ledger, ledger_path, make_breach):
    db.save_breach(ledger, make_breach(place="مدرسة الشهداء", occurred_on="2017-01-02"))
    db.save_breach(ledger, make_breach(place="مدرج الجامعة", occurred_on="2017-01-03"))
    window.breaches.refresh()
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    form = window.breaches.editor.form
    type_text(qtbot, "4.1.2017")
    key(qtbot, Qt.Key_Return)
    type_text(qtbot, "Idl")
    key(qtbot, Qt.Key_Return)
    assert focused() is form.place
    type_text(qtbot, "مدرسه")
    assert listed(open_list(qtbot)) == ["مدرسة الشهداء"]
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Return)  # takes it and goes on to the perpetrator
    assert form.place.text() == "مدرسة الشهداء"
    assert focused() in (form.actor, form.actor.lineEdit())
    for text in ("regime", "Air", "5"):
        type_text(qtbot, text)
        key(qtbot, Qt.Key_Return)
    assert focused() is form.citations.source_edit
    assert cite_save_and_read(qtbot, ledger_path, "SELECT place FROM breach"
                              " WHERE occurred_on = '2017-01-04'") == ["مدرسة الشهداء"]


def test_a_place_typed_with_hamza_lists_the_one_written_without(qtbot, lists, window, ledger,
                                                                 make_breach):
    db.save_breach(ledger, make_breach(place="الاتارب"))
    window.breaches.refresh()
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    window.breaches.editor.form.place.setFocus(Qt.TabFocusReason)
    type_text(qtbot, "الأتارب")
    assert listed(open_list(qtbot)) == ["الاتارب"]


def test_the_perpetrator_picker_finds_a_name_typed_without_hamza_or_vowel_marks(
        qtbot, lists, window, ledger, ledger_path):
    db.add_actor(ledger, "Ahrar al-Sham", "حركة أحرار الشام")
    db.add_actor(ledger, "Muhammad Brigade", "لواء مُحَمَّد")
    window.breaches.editor.reload_lists()
    start_breach(qtbot)
    form = window.breaches.editor.form
    key(qtbot, Qt.Key_R, Qt.AltModifier)
    assert focused() in (form.actor, form.actor.lineEdit())
    type_text(qtbot, "احرار")
    assert [n.split(" — ")[0] for n in listed(open_list(qtbot))] == ["Ahrar al-Sham"]
    key(qtbot, Qt.Key_Escape)
    form.actor.lineEdit().selectAll()
    key(qtbot, Qt.Key_Backspace)
    type_text(qtbot, "xyz")  # nothing listed; then a name again
    key(qtbot, Qt.Key_Backspace, times=3)
    type_text(qtbot, "محمد")
    assert [n.split(" — ")[0] for n in listed(open_list(qtbot))] == ["Muhammad Brigade"]
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Return)  # takes it, on to the type
    form.citations.source_edit.setFocus(Qt.TabFocusReason)
    assert cite_save_and_read(qtbot, ledger_path, "SELECT a.name FROM breach b"
                              " JOIN actor a ON a.id = b.actor_id") == ["Muhammad Brigade"]
