"""Lists in both languages, stored by key (issue 10): the pickers show the window's
language and find an entry by either name, in any spelling of Arabic; a perpetrator the
office adds carries both names; and the language of the window never changes what is
stored."""
from __future__ import annotations


import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db

from test_window_editing import focused, key, type_text
from test_window_entry import Keys, record_quickly


def open_window(qtbot, ledger, language: str):
    """The main window on `ledger`, in `language`, as a user meets it."""
    from gui.app import install_translations
    from gui.main_window import MainWindow
    install_translations(QApplication.instance(), language)
    main = MainWindow(ledger)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(lambda: main.isAncestorOf(QApplication.focusWidget()))
    return main


@pytest.fixture
def in_language(qtbot, ledger, dialogs):
    """Opens the window in a language; the next test finds English again."""
    def make(language: str):
        return open_window(qtbot, ledger, language)
    yield make
    from gui.app import install_translations
    install_translations(QApplication.instance(), "en")


def stored_keys(ledger_path) -> list[tuple]:
    with sqlite3.connect(ledger_path) as conn:
        return conn.execute(
            "SELECT governorate_id, actor_id, breach_type_id, status FROM breach"
            " WHERE deleted_at IS NULL ORDER BY created_at").fetchall()


def shown(combo) -> list[str]:
    return [combo.itemText(n) for n in range(combo.count())]


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("typed, governorate", [
    ("حلب", "Aleppo"), ("Ale", "Aleppo"), ("ادلب", "Idlib"), ("idl", "Idlib"),
    ("حماه", "Hama"), ("ريف", "Rural Damascus")])
def test_the_governorate_is_found_by_either_name_in_either_window(
        qtbot, in_language, lists, language, typed, governorate):
    window = in_language(language)
    names = {"Aleppo": "حلب", "Idlib": "إدلب", "Hama": "حماة", "Rural Damascus": "ريف دمشق"}
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    type_text(qtbot, "4.1.2017")
    key(qtbot, Qt.Key_Return)
    form = window.breaches.editor.form
    assert focused() is form.governorate
    type_text(qtbot, typed)
    key(qtbot, Qt.Key_Return)
    assert focused() is form.place  # Enter went on, with the entry found
    assert form.governorate.currentText() == (names[governorate] if language == "ar"
                                              else governorate)


def test_the_list_of_completions_shows_the_other_name_beside(qtbot, in_language, lists):
    window = in_language("ar")
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    type_text(qtbot, "4.1.2017")
    key(qtbot, Qt.Key_Return)
    type_text(qtbot, "Ale")
    popup = window.breaches.editor.form.governorate.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    rows = [popup.model().index(n, 0).data() for n in range(popup.model().rowCount())]
    assert rows == ["حلب — Aleppo"]


def test_an_arabic_window_shows_and_sorts_the_lists_in_arabic(qtbot, in_language, lists,
                                                              ledger, make_breach):
    db.save_breach(ledger, make_breach(breach_type_id=lists["air"]))
    window = in_language("ar")
    window.breaches.refresh()
    form = window.breaches.editor.form
    window.breaches.new_breach()
    governorates = shown(form.governorate)
    assert governorates[:3] == ["إدلب", "الحسكة", "الرقة"]  # إ sorts with ا
    assert "Aleppo" not in governorates and "حلب" in governorates
    assert shown(form.breach_type)[:2] == ["قصف مدفعي", "غارة جوية"]  # most common first
    assert "قوات النظام" in shown(form.actor) and "مجهول" in shown(form.actor)
    bar = window.breaches.filter_bar
    assert shown(bar.governorate)[1:4] == ["إدلب", "الحسكة", "الرقة"]
    assert "غارة جوية" in shown(bar.breach_type)
    table = window.breaches.table.model()
    row = [table.index(0, c).data() for c in range(4)]
    assert row[1:4] == ["حلب", "Khan Tuman", "قوات النظام"]
    assert table.index(0, 4).data() == "غارة جوية"


def test_an_english_window_shows_the_lists_in_english(qtbot, in_language, lists):
    window = in_language("en")
    form = window.breaches.editor.form
    window.breaches.new_breach()
    assert shown(form.governorate)[:3] == ["Al-Hasakah", "Aleppo", "As-Suwayda"]
    assert shown(form.breach_type)[:2] == ["Shelling", "Air strike"]
    assert "Assad regime forces" in shown(form.actor)


def test_a_perpetrator_found_by_its_arabic_name_in_any_spelling(qtbot, in_language, lists,
                                                                ledger, ledger_path):
    front = db.add_actor(ledger, "Azaz Front", "جبهة إعزاز")
    window = in_language("en")
    keys = Keys(qtbot)
    record_quickly(keys, "4.1.2017", "Alep", "Azaz", "اعزاز", "Shel", "1", "Aleppo Media")
    with sqlite3.connect(ledger_path) as conn:
        assert conn.execute("SELECT actor_id FROM breach").fetchall() == [(front,)]
        assert conn.execute("SELECT count(*) FROM actor").fetchone()[0] == 3  # none added
    assert window.breaches.editor.form.actor.currentText() == "Azaz Front"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_language_of_the_window_never_changes_what_is_stored(
        qtbot, in_language, lists, ledger_path, language):
    """Picked by typing in the other script, then in the window's own: the same keys."""
    window = in_language(language)
    keys = Keys(qtbot)
    other = ("حلب", "قوات", "غارة") if language == "en" else ("Alep", "regime", "Air")
    own = ("Alep", "regime", "Air") if language == "en" else ("حلب", "قوات", "غارة")
    for (governorate, actor, kind), place in ((other, "Zitan"), (own, "Anadan")):
        keys(Qt.Key_N, Qt.ControlModifier)
        for text in ("4.1.2017", governorate, place, actor, kind, "1"):
            type_text(qtbot, text)
            keys(Qt.Key_Return)
        type_text(qtbot, "Aleppo Media")
        keys(Qt.Key_Down)
        keys(Qt.Key_Return)  # the source cited
        form = window.breaches.editor.form
        form.status.setFocus()
        keys(Qt.Key_Down)  # the grading after "reported": "confirmed", in its words
        keys(Qt.Key_S, Qt.ControlModifier)
        assert window.breaches.editor.loaded is not None  # saved
    expected = (lists["aleppo"], lists["regime"], lists["air"], "confirmed")
    assert stored_keys(ledger_path) == [expected, expected]


def when_a_dialog_opens(do) -> None:
    """`do(dialog)` once a modal dialog is open; a dialog still open two seconds later is
    closed (the test then fails instead of waiting for ever)."""
    tries = []

    def look():
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            do(dialog)
            QTimer.singleShot(2000, dialog, dialog.reject)  # not once the dialog is gone
        elif len(tries) < 250:
            tries.append(1)
            QTimer.singleShot(20, look)
    QTimer.singleShot(0, look)


def type_into(widget, text: str) -> None:
    """Keys into `widget` as a keyboard types them (Arabic letters as their text)."""
    for char in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, char))


def press(widget, key_: int) -> None:
    for kind in (QEvent.KeyPress, QEvent.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key_, Qt.NoModifier))


def answer_the_new_entry_dialog(typed: str, seen: list, last_key: int = Qt.Key_Return) -> None:
    """When the dialog opens: note the names already in its fields, type `typed` into the
    field that has the cursor, and press Enter (or `last_key`)."""
    def answer(dialog):
        seen.append((dialog.name_ar.text(), dialog.name.text()))
        field = dialog.focusWidget()  # the dialog's cursor, where a keyboard types
        type_into(field, typed)
        press(field, last_key)
    when_a_dialog_opens(answer)


@pytest.mark.parametrize("language, typed, other", [
    ("ar", "فاغنر", "Wagner Group"), ("en", "Wagner Group", "فاغنر")])
def test_a_new_perpetrator_is_added_with_both_names_typed(
        qtbot, in_language, lists, ledger_path, monkeypatch, language, typed, other):
    from gui import dialogs
    from gui.entry_names_dialog import ask_entry_names
    monkeypatch.setattr(dialogs, "ask_entry_names", ask_entry_names)  # the real dialog
    window = in_language(language)
    keys = Keys(qtbot)
    seen: list = []
    answer_the_new_entry_dialog(other, seen)
    record_quickly(keys, "4.1.2017", "Alep", "Zitan", typed, "Shel", "1", "Aleppo Media")
    assert seen == ([("فاغنر", "")] if language == "ar" else [("", "Wagner Group")])
    with sqlite3.connect(ledger_path) as conn:
        added = conn.execute("SELECT a.name, a.name_ar FROM breach b JOIN actor a"
                             " ON a.id = b.actor_id").fetchall()
    assert added == [("Wagner Group", "فاغنر")]
    # Found again by either name, and shown in the window's language.
    keys(Qt.Key_N, Qt.ControlModifier)
    form = window.breaches.editor.form
    form.actor.setFocus()
    type_text(qtbot, "wagner" if language == "ar" else "فاغ")
    key(qtbot, Qt.Key_Return)
    assert form.actor.currentText() == ("فاغنر" if language == "ar" else "Wagner Group")


def test_a_new_perpetrator_with_only_an_arabic_name(qtbot, in_language, lists, ledger_path,
                                                    monkeypatch):
    from gui import dialogs
    from gui.entry_names_dialog import ask_entry_names
    monkeypatch.setattr(dialogs, "ask_entry_names", ask_entry_names)
    in_language("en")
    seen: list = []
    answer_the_new_entry_dialog("", seen)  # Enter at once: no English name
    record_quickly(Keys(qtbot), "4.1.2017", "Alep", "Zitan", "فاغنر", "Shel", "1",
                   "Aleppo Media")
    with sqlite3.connect(ledger_path) as conn:
        assert conn.execute("SELECT a.name, a.name_ar FROM breach b JOIN actor a"
                            " ON a.id = b.actor_id").fetchall() == [("فاغنر", "فاغنر")]


def test_escape_in_the_new_entry_dialog_adds_nothing(qtbot, in_language, lists, ledger,
                                                     monkeypatch):
    from gui import dialogs
    from gui.entry_names_dialog import ask_entry_names
    monkeypatch.setattr(dialogs, "ask_entry_names", ask_entry_names)
    window = in_language("en")

    answer_the_new_entry_dialog("فاغنر", [], Qt.Key_Escape)
    record_quickly(Keys(qtbot), "4.1.2017", "Alep", "Zitan", "Wagner Group", "Shel", "1",
                   "Aleppo Media")
    assert db.find_by_name(ledger, "actor", "Wagner Group") is None
    assert db.count_breaches(ledger).breaches == 0
    assert "agree to add" in window.breaches.editor.form.problem_text("actor_id")


@pytest.mark.parametrize("language, typed, shown_type", [
    ("en", "غارة", "Air strike"), ("en", "air", "Air strike"),
    ("ar", "Air", "غارة جوية"), ("ar", "اطلاق", "إطلاق نار / اشتباكات")])
def test_the_type_is_found_by_either_name_as_it_is_typed(qtbot, in_language, lists, language,
                                                         typed, shown_type):
    window = in_language(language)
    window.breaches.new_breach()
    form = window.breaches.editor.form
    form.breach_type.setFocus()
    type_text(qtbot, typed)
    assert form.breach_type.currentText() == shown_type


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_filter_finds_a_governorate_by_either_name(qtbot, in_language, lists, ledger,
                                                       make_breach, language):
    db.save_breach(ledger, make_breach(place="Zitan"))
    db.save_breach(ledger, make_breach(place="Duma", governorate_id=lists["rif"]))
    window = in_language(language)
    bar = window.breaches.filter_bar
    for typed, place in (("حلب", "Zitan"), ("Rural", "Duma"), ("ريف", "Duma"), ("alep", "Zitan")):
        window.breaches.table.setFocus()
        bar.governorate.setFocus()  # coming in starts a new search
        type_text(qtbot, typed)
        table = window.breaches.table.model()
        qtbot.waitUntil(lambda: table.rowCount() == 1 and table.index(0, 2).data() == place)


def test_a_source_typed_in_another_spelling_is_the_known_one(qtbot, in_language, lists,
                                                             ledger, ledger_path, dialogs):
    known = db.save_source(ledger, db.Source(name="مركز حلب الإعلامي")).id
    in_language("ar")
    keys = Keys(qtbot)
    keys(Qt.Key_N, Qt.ControlModifier)
    for text in ("4.1.2017", "حلب", "Zitan", "قوات", "قصف", "1"):
        type_text(qtbot, text)
        keys(Qt.Key_Return)
    type_text(qtbot, "مركز حلب الاعلامي")  # without the hamza
    keys(Qt.Key_S, Qt.ControlModifier)
    assert not [a for a in dialogs.asked if a[0] == "yes_no"]  # no new source proposed
    with sqlite3.connect(ledger_path) as conn:
        assert conn.execute("SELECT source_id FROM citation").fetchall() == [(known,)]
