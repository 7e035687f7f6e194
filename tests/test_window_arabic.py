"""The window in Arabic, as an Arabic-speaking office meets it: every view, the editor,
the dialogs and the message boxes read right to left, with no word of English left
(user data, file names, numbers and key names aside); and Settings → Language, which
takes effect at a restart the user is offered at once."""
from __future__ import annotations

import html
import re
import sys

import pytest
from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QApplication, QComboBox,
                               QDialog, QDockWidget, QGroupBox, QLabel, QLineEdit, QMenuBar,
                               QMessageBox, QPlainTextEdit, QSpinBox, QStatusBar, QTabBar,
                               QTableView, QTextEdit, QToolBar, QTreeView, QWidget)

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.demo import create_demo
from tests.conftest import show_window
from tests.test_window_editing import focused, key, type_text

LATIN = re.compile(r"[A-Za-z]")
ARABIC = re.compile(r"[\u0600-\u06ff]")
# Not words to translate: file names and paths, file patterns, key combinations; names of
# languages (each in its own words), of programs and of encodings.
FILES = re.compile(r"\*\.\w+|[\w.-]+\.(?:sqlite3|sqlite|db|xlsx|csv|json|txt)\b|/\S+")
SHORTCUT = re.compile(r"\b(?:(?:Ctrl|Alt|Shift|Meta)\+)+(?:\w+|\S)")
KEY_NAMES = re.compile(r"\b(?:Enter|Return|Escape|Esc|Tab|Insert|Delete|Backspace|Space|"
                       r"Home|End|PgUp|PgDown|Up|Down|Left|Right|F\d{1,2})\b")
NAMES = ("English", "Excel", "LibreOffice", "CSV", "UTF-8", "UTF-16", "Windows-1256")


def user_data(path) -> list[str]:
    """The texts the office typed into `path` (the demo's places, sources, truces…), read
    with another program: the window may show them in Latin letters."""
    columns = {"breach": ("place", "district", "description"),
               "source": ("name", "contact", "notes"), "citation": ("reference", "note"),
               "truce": ("name", "brokered_by", "notes"), "victim": ("name", "notes")}
    conn = sqlite3.connect(path)
    try:
        texts = {value for table, names in columns.items() for name in names
                 for (value,) in conn.execute(f"SELECT DISTINCT {name} FROM {table}") if value}
        texts |= {name for (name,) in conn.execute("SELECT name FROM actor WHERE name_ar = ''")}
    finally:
        conn.close()
    return sorted(texts | {str(path), path.name, "Rima", "Gaziantep"}, key=len, reverse=True)


def english_left(text: str, data: list[str]) -> str:
    """What stays of `text` in Latin letters once user data, file names, numbers and key
    names are taken out: "" when it is all Arabic."""
    text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    for value in data:
        text = text.replace(value, " ")
    text = SHORTCUT.sub(" ", FILES.sub(" ", text))
    if ARABIC.search(text):  # "اضغط Enter": a key named in an Arabic sentence
        text = KEY_NAMES.sub(" ", text)
    for name in NAMES:
        text = text.replace(name, " ")
    return text.strip() if LATIN.search(text) else ""


def action_texts(action, where: str) -> list[tuple[str, str]]:
    found = [(f"{where} action", action.text()), (f"{where} action tip", action.toolTip()),
             (f"{where} action status tip", action.statusTip())]
    menu = action.menu()
    if menu is not None:
        found.append((f"{where} menu", menu.title()))
        for inner in menu.actions():
            found += action_texts(inner, f"{where} › {menu.title()}")
    return found


def widget_texts(widget: QWidget) -> list[tuple[str, str]]:
    """The words `widget` shows: its text, title, placeholder, tooltip, headers, tabs."""
    kind = type(widget).__name__
    found = [(f"{kind} tooltip", widget.toolTip())]
    if widget.isWindow() or isinstance(widget, (QDockWidget, QToolBar)):
        found.append((f"{kind} title", widget.windowTitle()))
    for action in widget.actions():
        found += action_texts(action, kind)
    if isinstance(widget, QLabel):
        found.append((kind, widget.text()))
    elif isinstance(widget, QAbstractButton):
        found.append((kind, widget.text()))
    elif isinstance(widget, QGroupBox):
        found.append((kind, widget.title()))
    elif isinstance(widget, QLineEdit):
        found.append((f"{kind} placeholder", widget.placeholderText()))
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        # Their text is the user's (or the English press sentence, offered in any language).
        found.append((f"{kind} placeholder", widget.placeholderText()))
    elif isinstance(widget, QComboBox):
        found += [(f"{kind} item", widget.itemText(i)) for i in range(widget.count())]
    elif isinstance(widget, QTabBar):
        for i in range(widget.count()):
            found += [(f"{kind} tab", widget.tabText(i)), (f"{kind} tab tip", widget.tabToolTip(i))]
    elif isinstance(widget, (QTableView, QTreeView)):
        model = widget.model()
        if model is not None:
            for column in range(model.columnCount()):
                for role in (Qt.DisplayRole, Qt.ToolTipRole):
                    value = model.headerData(column, Qt.Horizontal, role)
                    found.append((f"{kind} header", value if isinstance(value, str) else ""))
    elif isinstance(widget, QAbstractSpinBox):
        found.append((f"{kind} special value", widget.specialValueText()))
        if isinstance(widget, QSpinBox):
            found += [(f"{kind} prefix", widget.prefix()), (f"{kind} suffix", widget.suffix())]
    elif isinstance(widget, QStatusBar):
        found.append((kind, widget.currentMessage()))
    elif isinstance(widget, QChartView):
        chart = widget.chart()
        found.append((f"{kind} title", chart.title()))
        found += [(f"{kind} axis", axis.titleText()) for axis in chart.axes()]
        found += [(f"{kind} legend", marker.label()) for marker in chart.legend().markers()]
    return found


def english_shown(top: QWidget, data: list[str]) -> list[str]:
    """Each text `top` and its visible widgets show with English left in it."""
    widgets = [top] + [w for w in top.findChildren(QWidget) if w.isVisible()]
    texts = [pair for widget in widgets for pair in widget_texts(widget)]
    if isinstance(top, QDialog) or top.isWindow():
        for bar in top.findChildren(QMenuBar):
            texts += [pair for action in bar.actions() for pair in action_texts(action, "menu")]
    return sorted({f"{where}: {text!r}" for where, text in texts
                   if text and english_left(text, data)})


def in_modal(qtbot, open_it, data: list[str]) -> list[str]:
    """Open a modal box with `open_it`, read the English it shows, and close it."""
    seen: list[list[str]] = []

    def read() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, read)
            return
        try:
            seen.append(english_shown(box, data))
        except Exception as error:  # reported by the test, after the box is closed
            seen.append([f"reading the box failed: {error!r}"])
        finally:
            box.reject() if isinstance(box, QDialog) else box.close()

    QTimer.singleShot(0, read)
    open_it()
    qtbot.waitUntil(lambda: bool(seen))
    return seen[0]


@pytest.fixture
def demo_path(tmp_path):
    path = tmp_path / "demo.sqlite3"
    create_demo(path)
    return path


@pytest.fixture
def arabic_demo(qtbot, arabic, demo_path, dialogs):
    return show_window(qtbot, db.open_ledger(demo_path, user="Rima", office="Gaziantep"))


def test_an_empty_ledger_opens_right_to_left_with_no_english(qtbot, arabic, ledger, dialogs,
                                                            ledger_path):
    window = show_window(qtbot, ledger)
    assert QApplication.layoutDirection() == Qt.RightToLeft
    assert window.layoutDirection() == Qt.RightToLeft
    assert window.breaches.demo_button.isVisible()
    assert english_shown(window, user_data(ledger_path)) == []


def test_every_view_and_the_editor_of_the_demo_have_no_english(qtbot, arabic_demo, demo_path):
    window, data = arabic_demo, user_data(demo_path)
    assert window.layoutDirection() == Qt.RightToLeft
    english = {}
    for number, name in enumerate(("breaches", "totals", "sources", "trash"), start=1):
        key(qtbot, getattr(Qt, f"Key_{number}"), Qt.ControlModifier)
        qtbot.waitUntil(lambda: window.tabs.currentWidget().isVisible())
        if name == "sources":  # a source chosen shows its details
            window.sources.table.setFocus()
            key(qtbot, Qt.Key_Down)
        english[name] = english_shown(window, data)
    # The editor, on a breach of the demo, then on its History tab.
    key(qtbot, Qt.Key_1, Qt.ControlModifier)
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Return)
    editor = window.breaches.editor
    qtbot.waitUntil(editor.isVisible)
    english["editor"] = english_shown(window, data)
    editor.tabs.tabBar().setFocus()
    key(qtbot, Qt.Key_Left)  # right to left: the next tab is on the left
    assert editor.tabs.currentWidget() is editor.history
    english["history"] = english_shown(window, data)
    # A new breach saved empty: the rules say, under each field, what is wrong.
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    key(qtbot, Qt.Key_S, Qt.ControlModifier)
    english["refused save"] = english_shown(window, data)
    assert {name: texts for name, texts in english.items() if texts} == {}


def test_numbers_in_the_arabic_window_are_written_0_to_9(qtbot, arabic_demo):
    """The program's choice (most Syrian outlets): Western digits in the window."""
    window = arabic_demo
    window.breaches.table.setFocus()
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Return)
    shown = [box.text() for box in window.breaches.editor.findChildren(QSpinBox)]
    shown += [window.breaches.summary.text()]
    words = window.breaches.editor.form.date.words.text()  # the day, in words
    shown += [words, window.breaches.editor.title.text()]
    assert any(re.search(r"[1-9]", text) for text in shown)
    assert not [text for text in shown if re.search("[٠-٩۰-۹]", text)]
    # Syria's month names, as the press sentence writes them (not Egypt's "يناير").
    assert "كانون الثاني 2017" in words and "يناير" not in words


def test_the_dialogs_of_the_window_have_no_english(qtbot, arabic_demo, demo_path):
    window, data = arabic_demo, user_data(demo_path)
    english = {
        "settings": in_modal(qtbot, window.settings_action.trigger, data),
        "truces": in_modal(qtbot, window.truces_action.trigger, data),
    }
    assert {name: texts for name, texts in english.items() if texts} == {}


def test_message_boxes_and_file_dialogs_have_no_english(qtbot, arabic, tmp_path):
    """The boxes of gui/dialogs.py themselves (the window's tests stand in for them)."""
    from gui import dialogs, settings_dialog
    from gui.i18n import tr
    data = [str(tmp_path)]
    parent = QWidget()
    qtbot.addWidget(parent)
    english = {
        "unsaved": in_modal(qtbot, lambda: dialogs.ask_unsaved(
            parent, tr("Quit Truce Ledger?")), data),
        "yes or no": in_modal(qtbot, lambda: dialogs.ask_yes_no(
            parent, tr("Import"), tr("Close the editor?")), data),
        "error": in_modal(qtbot, lambda: dialogs.show_error(
            parent, tr("Not imported"), tr("Cannot open the database")), data),
        "open a database": in_modal(qtbot, lambda: dialogs.open_database_path(
            parent, str(tmp_path)), data),
        "restart": in_modal(qtbot, lambda: settings_dialog.ask_restart(parent), data),
    }
    box = dialogs.progress_box(parent, tr("Importing {name}…").format(name="office.csv"))
    english["progress"] = english_shown(box, data)
    box.close()
    assert {name: texts for name, texts in english.items() if texts} == {}


# Settings → Language.
def choose_language(qtbot, window, steps: int, answer: bool, monkeypatch) -> list[str]:
    """Open Settings, move the Language picker `steps` up with the keyboard, press Enter;
    the restart question is answered `answer`. Returns the questions asked."""
    from gui import settings_dialog
    asked = []
    monkeypatch.setattr(settings_dialog, "ask_restart",
                        lambda parent: asked.append("restart") or answer)

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, choose)
            return
        try:
            dialog.activateWindow()
            dialog.language.setFocus()
            for _ in range(steps):
                qtbot.keyClick(dialog.language, Qt.Key_Up)
            qtbot.keyClick(dialog.language, Qt.Key_Return)
        finally:
            if dialog.isVisible():
                asked.append("the dialog stayed open")
                dialog.reject()

    QTimer.singleShot(0, choose)
    window.settings_action.trigger()
    return asked


@pytest.fixture
def started(monkeypatch):
    """What the program would start again (nothing is started)."""
    from gui import app
    runs = []
    monkeypatch.setattr(app.QProcess, "startDetached",
                        staticmethod(lambda program, arguments: runs.append(
                            [program, *arguments]) or (True, 1)))
    return runs


def test_choosing_arabic_offers_a_restart_that_starts_the_program_again(
        qtbot, window, monkeypatch, started):
    from gui import settings
    from gui.app import restart_if_asked
    asked = choose_language(qtbot, window, 2, True, monkeypatch)
    assert settings.get(settings.LANGUAGE) == "ar"
    assert asked == ["restart"]
    qtbot.waitUntil(lambda: not window.isVisible())
    assert restart_if_asked(QApplication.instance())
    assert started == [[sys.executable, *sys.argv]]


def test_later_keeps_the_window_and_the_new_language_waits_for_the_next_start(
        qtbot, window, monkeypatch, started):
    from gui import settings
    from gui.app import restart_if_asked
    assert choose_language(qtbot, window, 2, False, monkeypatch) == ["restart"]
    qtbot.wait(50)
    assert window.isVisible() and settings.get(settings.LANGUAGE) == "ar"
    assert not restart_if_asked(QApplication.instance()) and started == []


def test_an_unsaved_edit_kept_open_stops_the_restart(qtbot, window, dialogs, monkeypatch,
                                                     started):
    from gui.app import restart_if_asked
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    qtbot.keyClicks(focused(), "2.1.2017")
    dialogs.unsaved_answer = "cancel"
    choose_language(qtbot, window, 2, True, monkeypatch)
    qtbot.waitUntil(lambda: any(kind == "unsaved" for kind, _ in dialogs.asked))
    assert window.isVisible()
    assert not restart_if_asked(QApplication.instance()) and started == []


def test_the_language_already_shown_asks_for_no_restart(qtbot, window, monkeypatch):
    """English on an English system: "English" and "System language" change nothing."""
    from gui import settings
    assert choose_language(qtbot, window, 1, True, monkeypatch) == []
    assert settings.get(settings.LANGUAGE) == "en" and window.isVisible()


def test_arabic_chosen_in_settings_is_the_language_of_the_next_start(qtbot, qapp):
    from gui import settings
    from gui.app import install_translations
    from gui.i18n import language, tr
    settings.put(settings.LANGUAGE, "ar")
    try:
        install_translations(qapp)
        assert language() == "ar" and qapp.layoutDirection() == Qt.RightToLeft
        assert tr("Restart now") == "إعادة التشغيل الآن"
        box = QMessageBox(QMessageBox.Question, "", "", QMessageBox.Ok | QMessageBox.Cancel)
        assert all(ARABIC.search(button.text()) for button in box.buttons())
    finally:
        settings.put(settings.LANGUAGE, "en")
        install_translations(qapp)
    assert language() == "en" and qapp.layoutDirection() == Qt.LeftToRight


def test_the_unsaved_question_offers_arabic_nouns_not_qt_imperatives(qtbot, arabic):
    """Qt's Arabic says "احفظ، ارفض، ألغِ"; Arabic programs write "حفظ، عدم الحفظ، إلغاء"."""
    from gui import dialogs
    from gui.i18n import tr
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = []

    def read() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, read)
            return
        seen.append(sorted(button.text() for button in box.buttons()))
        qtbot.keyClick(box, Qt.Key_Escape)

    QTimer.singleShot(0, read)
    assert dialogs.ask_unsaved(parent, tr("Quit Truce Ledger?")) == "cancel"
    assert seen == [sorted(["حفظ", "عدم الحفظ", "إلغاء"])]


def test_a_filter_that_finds_nothing_says_so_in_words(qtbot, arabic_demo):
    """No "0 خرق معروض، وعدد القتلى 0": a zero is said in words."""
    window = arabic_demo
    key(qtbot, Qt.Key_F, Qt.ControlModifier)
    type_text(qtbot, "لا مكان بهذا الاسم")
    summary = window.breaches.summary
    qtbot.waitUntil(lambda: "لا توجد" in summary.text())
    assert summary.text() == "لا توجد خروقات مطابقة"
    assert not re.search(r"\b0\b", summary.text())
