"""Every key of a window, as Qt's shortcut map sees it: actions, shortcuts and the Alt
mnemonics of labels, buttons, tabs, group boxes and menus. `clashes(window)` puts the
focus on every field the window can focus, in turn, and lists each key that two things
answer to at that moment: Qt then does neither ("Ambiguous shortcut overload").

Run as a script (under Xvfb, `QT_QPA_PLATFORM=xcb`) it walks the main window and its
dialogs and prints the clashes, one a line: the platform's own bindings of standard keys
(Delete is also Ctrl+D on X11) are only there."""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractButton, QApplication, QGroupBox, QLabel, QMenuBar,
                               QTabBar, QWidget)

WINDOW_WIDE = (Qt.WindowShortcut, Qt.ApplicationShortcut)


def _name(obj) -> str:
    text = obj.text() if hasattr(obj, "text") and callable(obj.text) else ""
    return f"{type(obj).__name__}({obj.objectName() or text!s})"


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.window() is window and widget.isVisible() and widget.isEnabled()


def _in_context(widget: QWidget, context, focus: QWidget | None, window: QWidget) -> bool:
    if not _shown(widget, window):
        return False
    if context in WINDOW_WIDE:
        return True
    if context == Qt.WidgetShortcut:
        return focus is widget
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


def _mnemonic(text: str) -> str:
    return QKeySequence.mnemonic(text).toString(QKeySequence.PortableText)


def active_keys(window: QWidget, focus: QWidget | None) -> dict[str, set[str]]:
    """Each key that something in `window` answers to while `focus` has the focus."""
    keys: dict[str, set[str]] = defaultdict(set)
    for action in set(window.findChildren(QAction)) | set(window.actions()):
        if not action.isEnabled():
            continue
        owners = [w for w in action.associatedObjects() if isinstance(w, QWidget)]
        if any(_in_context(w, action.shortcutContext(), focus, window) for w in owners):
            for sequence in action.shortcuts():
                keys[sequence.toString(QKeySequence.PortableText)].add(_name(action))
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.isEnabled() and isinstance(parent, QWidget) and _in_context(
                parent, shortcut.context(), focus, window):
            for sequence in shortcut.keys():
                keys[sequence.toString(QKeySequence.PortableText)].add(
                    f"QShortcut on {_name(parent)}")
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            texts = [widget.text()]
        elif isinstance(widget, (QAbstractButton, QGroupBox)):
            texts = [widget.text() if isinstance(widget, QAbstractButton) else widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(n) for n in range(widget.count()) if widget.isTabEnabled(n)]
        elif isinstance(widget, QMenuBar):
            texts = [action.text() for action in widget.actions() if action.isVisible()]
        else:
            continue
        for text in texts:
            key = _mnemonic(text)
            if key:
                keys[key].add(f"{type(widget).__name__} “{text}”")
    keys.pop("", None)
    return keys


def clashes(window: QWidget) -> dict[str, set[str]]:
    """Each key that two things answer to, with the focus on any field of `window`."""
    found: dict[str, set[str]] = {}
    targets = [w for w in window.findChildren(QWidget)
               if w.focusPolicy() != Qt.NoFocus and _shown(w, window)]
    for focus in [None] + targets:
        for key, owners in active_keys(window, focus).items():
            if len(owners) > 1:
                found.setdefault(key, set()).update(owners)
    return found


def walk_main_window(window) -> dict[str, set[str]]:
    """Clashes of the main window in each of its states: each view, the editor open on a
    new breach, each tab of the editor; then of each dialog of the Settings menu."""
    from gui.settings_dialog import SettingsDialog
    from gui.truces_dialog import TrucesDialog
    found: dict[str, set[str]] = {}

    def note(more: dict[str, set[str]]) -> None:
        for key, owners in more.items():
            found.setdefault(key, set()).update(owners)

    for number in range(window.tabs.count()):
        window.tabs.setCurrentIndex(number)
        QApplication.processEvents()
        note(clashes(window))
    window.tabs.setCurrentWidget(window.breaches)
    window.breaches.new_breach()
    QApplication.processEvents()
    for number in range(window.breaches.editor.tabs.count()):
        window.breaches.editor.tabs.setCurrentIndex(number)
        QApplication.processEvents()
        note(clashes(window))
    window.breaches.editor.tabs.setCurrentIndex(0)
    for dialog in (SettingsDialog(window.ledger, window), TrucesDialog(window.ledger, window)):
        dialog.show()
        QApplication.processEvents()
        note(clashes(dialog))
        dialog.close()
    return found


def main() -> int:
    """Under a real X server: the main window on a new ledger in a temporary folder."""
    import tempfile
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import db
    from gui.app import install_translations, make_application
    from gui.main_window import MainWindow
    from PySide6.QtCore import QSettings
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.NativeFormat, QSettings.UserScope, folder)
        app = make_application()
        install_translations(app)
        window = MainWindow(db.open_ledger(Path(folder) / "office.sqlite3", create=True))
        window.resize(1366, 768)
        window.show()
        QApplication.processEvents()
        print(app.platformName())
        for key, owners in sorted(walk_main_window(window).items()):
            print(f"{key}: {' / '.join(sorted(owners))}")
        window.ledger.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
