"""The start of the window: what it does before its first paint, and what it leaves for
later, as a user meets it (bench/bench_window.py times it beside a bare window).

- The modules of views, dialogs and commands not shown at start are not imported by it
  (each is imported when first used), nor is the application styled as a whole (each
  widget that has a look of its own carries it: gui/styles.py).
- What moved after the first paint still happens before a user could miss it: the file
  is remembered among the recent files once the window shows (or when it closes first),
  keys typed at once reach the window, an error is still said in red.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db.demo import create_demo
from gui import settings
from gui.main_window import MainWindow
from tests.conftest import show_window

ROOT = Path(__file__).resolve().parent.parent

# Imported by nothing a start shows: the other tabs, the dialogs, the editor, the undo
# steps, the commands' modules and their libraries.
NOT_AT_START = {
    "gui.totals_view", "gui.sources_view", "gui.trash_view", "gui.truces_dialog",
    "gui.settings_dialog", "gui.breach_editor", "gui.breach_form", "gui.breach_parts",
    "gui.undo", "gui.history_view", "gui.bring_in", "db.undo", "db.totals", "db.press",
    "db.press_ar", "db.sources", "db.truces", "db.workbook", "db.importer", "db.merge",
    "db.demo", "db.backup", "db.workbook_words", "db.breaches", "db.breach_read", "gui.empty_page",
    "openpyxl", "python_calamine", "PySide6.QtCharts",
}

START = r"""
import json, os, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
if sys.argv[3] == "cli":
    import cli
    print(json.dumps({"modules": sorted(sys.modules)}))
    raise SystemExit
import db
from gui.app import make_application
from gui.main_window import MainWindow
from tests.conftest import show_window
app = make_application(["start"])
window = MainWindow(db.open_ledger(Path(sys.argv[2])))
window.resize(1000, 600)
window.show()
app.processEvents()
window.grab()
print(json.dumps({"modules": sorted(sys.modules), "style": app.styleSheet()}))
window.close()
"""


def started(tmp_path: Path, what: str = "window") -> dict:
    """What a fresh process imported (and the application's style sheet) once it showed
    the window on a demo file (`what`: "cli", only the command line imported)."""
    path = tmp_path / "demo.sqlite3"
    if not path.exists():
        create_demo(path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", START, str(ROOT), str(path), what],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_start_imports_no_view_dialog_or_command_it_does_not_show(tmp_path):
    shown = started(tmp_path)
    assert NOT_AT_START.isdisjoint(shown["modules"]), \
        sorted(NOT_AT_START.intersection(shown["modules"]))
    assert "gui.breaches_view" in shown["modules"]  # the test would see a start
    assert shown["style"] == ""  # no style sheet on the whole application


def test_the_command_line_imports_no_report_module_before_its_command(tmp_path):
    modules = started(tmp_path, "cli")["modules"]
    assert {"db.press", "db.press_ar", "db.workbook", "openpyxl"}.isdisjoint(modules)


def test_the_file_is_remembered_once_the_window_shows(qtbot, ledger, ledger_path, dialogs):
    settings.put(settings.LAST_DATABASE, "")
    window = MainWindow(ledger)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: settings.get(settings.LAST_DATABASE) == str(ledger_path))
    assert settings.get(settings.RECENT_FILES)[0] == str(ledger_path)
    assert [a.text() for a in window.recent_menu.actions()][0] == str(ledger_path)


def test_keys_typed_at_once_reach_the_window(qtbot, ledger, lists, dialogs):
    """Ctrl+N pressed as soon as the window is shown and active opens the editor (made
    then), and the date typed lands in its date field: nothing the keys need waits."""
    window = show_window(qtbot, ledger)
    qtbot.waitUntil(window.isActiveWindow)
    assert window.breaches.existing_editor is None  # made when first needed
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_N, Qt.ControlModifier)
    editor = window.breaches.editor
    assert editor.isVisible()
    qtbot.keyClicks(QApplication.focusWidget(), "2017-01-02")
    assert editor.form.date.text() == "2017-01-02"


def _red_pixels(widget) -> int:
    image = widget.grab().toImage()
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if image.pixelColor(x, y).red() > 150 and image.pixelColor(x, y).green() < 80)


def test_an_error_of_the_editor_is_still_said_in_red(qtbot, window, lists):
    """The labels of errors carry their own red, the application having no style sheet."""
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key_N, Qt.ControlModifier)
    editor = window.breaches.editor
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_S, Qt.ControlModifier)  # nothing typed
    shown = [label for label in editor.findChildren(type(editor.general_error))
             if label.objectName() == "fieldError" and label.isVisible() and label.text()]
    assert shown, "the save of an empty form says what is missing"
    assert all(_red_pixels(label) > 20 for label in shown)
