"""The main window: menus, toolbar, the Breaches, Sources and Trash views, the status bar.

It owns the open ledger and the undo stack; the views call the core themselves.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QTabWidget

import db
from db.backup import save_copy
from db.breaches import count_shown
from db.demo import create_demo
from db.paths import user_data_folder

from . import dialogs, settings
from .breach_editor import WRITE_WAIT_MS
from .breaches_view import BreachesView
from .bring_in import bring_in_file, merge_office_file
from .messages import error_text
from .settings_dialog import SettingsDialog
from .sources_view import SourcesView
from .totals_view import TotalsView
from .trash_view import TrashView
from .truces_dialog import TrucesDialog
from .wheel import guard_wheel
from .worker import run_with_progress
from .i18n import tr


class MainWindow(QMainWindow):
    def __init__(self, ledger: db.Ledger):
        super().__init__()
        self.ledger: db.Ledger | None = None
        self.undo_stack = QUndoStack(self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.setCentralWidget(self.tabs)
        self._make_actions()
        self._make_menus()
        self.set_ledger(ledger)
        self._restore_geometry()

    # The open file.
    def set_ledger(self, ledger: db.Ledger) -> None:
        """Show `ledger`; the one shown before is closed."""
        old, self.ledger = self.ledger, ledger
        ledger.user, ledger.office = settings.user_name(), settings.get(settings.OFFICE_NAME)
        # A write of the window waits little for another copy's (an import, a merge), then
        # says so: the editor waits and tries again, the other views tell the user.
        ledger.wait_for_writers(WRITE_WAIT_MS)
        self.undo_stack.clear()
        self._drop_views()
        self.breaches = BreachesView(ledger, self.undo_stack)
        self.breaches.default_truce = settings.get(settings.DEFAULT_TRUCE) or None
        self.sources = SourcesView(ledger)
        self.trash = TrashView(ledger, self.undo_stack)
        self.totals = TotalsView(ledger)
        # No Alt keys on the tabs (Ctrl+1 to 4 and the View menu): the form's labels need
        # the letters.
        self.tabs.addTab(self.breaches, tr("Breaches"))
        self.tabs.addTab(self.totals, tr("Weekly totals"))
        self.tabs.addTab(self.sources, tr("Sources"))
        self.tabs.addTab(self.trash, tr("Trash"))
        self.breaches.changed.connect(self._file_changed)
        self.sources.changed.connect(self._file_changed)
        self.sources.sources_changed.connect(lambda _changes: self._lists_changed())
        self.trash.restored.connect(self.breaches.after_undo)
        self.breaches.demo_requested.connect(self.open_demo)
        self.breaches.table.addAction(self.delete_action)
        guard_wheel(self)
        if old is not None and old is not ledger:
            old.close()
        self._recent = settings.remember_file(str(ledger.path))
        self._fill_recent_menu()
        self._file_changed(fresh=True)
        self.breaches.table.setFocus()
        self.breaches.offer_draft()

    def _drop_views(self) -> None:
        """Let go of the views of the file shown before: none may read it once closed."""
        self.tabs.blockSignals(True)  # no view is shown (and counts) while they go
        for number in reversed(range(self.tabs.count())):
            view = self.tabs.widget(number)
            self.tabs.removeTab(number)
            model = getattr(view, "model", None)
            if hasattr(model, "set_ledger"):
                model.set_ledger(None)
            if hasattr(view, "detach"):
                view.detach()
            view.deleteLater()
        self.tabs.blockSignals(False)

    def _tab_shown(self, number: int) -> None:
        if self.tabs.widget(number) is getattr(self, "sources", None) and self.sources.stale:
            self.sources.refresh()  # the editor may have made sources meanwhile
        if self.tabs.widget(number) is getattr(self, "totals", None) and self.totals.stale:
            self.totals.recount()  # counted when shown, not on every save

    def _file_changed(self, fresh: bool = False) -> None:
        """Counts and lists elsewhere are stale (`fresh`: the views were just made)."""
        ledger = self.ledger
        if not fresh:
            self.trash.refresh()
        live = count_shown(ledger)[0].breaches
        trashed = self.trash.model.count.breaches
        self.tabs.setTabText(self.tabs.indexOf(self.trash), tr("Trash ({n})").format(n=trashed))
        if self.tabs.currentWidget() is self.sources:
            self.sources.refresh()
        else:
            self.sources.stale = True  # read again when shown
        self.totals.stale = True
        demo = tr(" — demo") if ledger.is_demo else ""
        self.setWindowTitle(tr("{file}{demo} — Truce Ledger").format(file=ledger.path.name,
                                                                      demo=demo))
        # The line as a whole reads in the direction of its own words (an isolate takes
        # that from its first letter), whatever the layout's.
        counts = (tr("%n breach(es)", "", live), tr("{n} in the Trash").format(n=trashed),
                  tr("%n source(s)", "", db.count_sources(ledger)))
        self.statusBar().showMessage("\u2068" + " · ".join(
            [f"\u2066{ledger.path}\u2069"] + [f"\u2068{part}\u2069" for part in counts])
            + "\u2069")

    # Actions and menus.
    def _action(self, text: str, slot, shortcut=None, context=Qt.WindowShortcut) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # every binding the platform has for it
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(context)
        action.triggered.connect(lambda *_: slot())
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.new_file_action = self._action(tr("&New database…"), self.new_database)
        self.open_action = self._action(tr("&Open…"), self.open_database, QKeySequence.Open)
        self.copy_action = self._action(tr("Save a &copy…"), self.save_a_copy)
        self.export_action = self._action(tr("&Export workbook for press…"),
                                          lambda: self._export(full=False), "Ctrl+E")
        self.export_full_action = self._action(tr("Export &full workbook…"),
                                               lambda: self._export(full=True))
        self.import_action = self._action(tr("&Import breaches…"), self.import_breaches)
        self.merge_action = self._action(tr("&Merge office database…"), self.merge_office)
        self.quit_action = self._action(tr("&Quit"), self.close, QKeySequence.Quit)
        self.new_breach_action = self._action(tr("&New breach"), lambda: self._breaches().new_breach(),
                                              QKeySequence.New)
        self.save_action = self._action(tr("&Save breach"), lambda: self._editor_save(False),
                                        QKeySequence.Save)
        self.save_new_action = self._action(tr("Save and new with the same date, place and "
                                               "source"), lambda: self._editor_save(True),
                                            "Ctrl+Shift+S")
        self.duplicate_action = self._action(tr("&Duplicate breach"),
                                             lambda: self._breaches().duplicate_current(),
                                             "Ctrl+D")
        # Delete only: the platform's standard Delete is also Ctrl+D on X11 (Duplicate).
        self.delete_action = self._action(tr("De&lete breach"),
                                          lambda: self._breaches().delete_selected(),
                                          QKeySequence(Qt.Key_Delete))
        # Delete deletes breaches only from the table: in a text field it deletes text.
        self.delete_action.setShortcutContext(Qt.WidgetShortcut)
        self.undo_action = self._action(tr("&Undo"), lambda: self._undo(forward=False),
                                        QKeySequence.Undo)
        self.redo_action = self._action(tr("&Redo"), lambda: self._undo(forward=True))
        for action, can, text, label in (
                (self.undo_action, self.undo_stack.canUndoChanged,
                 self.undo_stack.undoTextChanged, tr("&Undo {what}")),
                (self.redo_action, self.undo_stack.canRedoChanged,
                 self.undo_stack.redoTextChanged, tr("&Redo {what}"))):
            action.setEnabled(False)
            can.connect(action.setEnabled)
            text.connect(lambda what, a=action, t=label: a.setText(t.format(what=what.lower())))
        redo_keys = QKeySequence.keyBindings(QKeySequence.Redo)
        for extra in (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")):
            if extra not in redo_keys:
                redo_keys.append(extra)
        self.redo_action.setShortcuts(redo_keys)
        self.find_action = self._action(tr("&Find…"), self._find, QKeySequence.Find)
        self.view_actions = [
            self._action(tr("&Breaches"), lambda: self._show_view("breaches"), "Ctrl+1"),
            self._action(tr("&Weekly totals"), lambda: self._show_view("totals"), "Ctrl+2"),
            self._action(tr("&Sources"), lambda: self._show_view("sources"), "Ctrl+3"),
            self._action(tr("Tr&ash"), lambda: self._show_view("trash"), "Ctrl+4"),
        ]
        self.settings_action = self._action(tr("&Settings…"), self.edit_settings)
        self.truces_action = self._action(tr("&Truces…"), self.edit_truces)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        file_menu.addActions([self.new_file_action, self.open_action])
        self.recent_menu = file_menu.addMenu(tr("Open &recent"))
        file_menu.addAction(self.copy_action)
        file_menu.addSeparator()
        file_menu.addActions([self.export_action, self.export_full_action])
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.merge_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(tr("&Edit"))
        edit_menu.addActions([self.new_breach_action, self.save_action, self.save_new_action,
                              self.duplicate_action, self.delete_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.undo_action, self.redo_action, self.find_action])
        view_menu = bar.addMenu(tr("&View"))
        view_menu.addActions(self.view_actions)
        settings_menu = bar.addMenu(tr("&Settings"))
        settings_menu.addActions([self.settings_action, self.truces_action])
        toolbar = self.addToolBar(tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.addActions([self.new_breach_action, self.save_action, self.delete_action,
                            self.undo_action, self.find_action])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self._recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(Path(p)))
        self.recent_menu.setEnabled(bool(self._recent))

    def _undo(self, forward: bool) -> None:
        """Undo (or redo) the last save, delete or restore; edits in the form are not
        thrown away without asking."""
        stack = self.undo_stack
        if not (stack.canRedo() if forward else stack.canUndo()):
            return
        editor = self.breaches.editor
        if editor.is_dirty():
            if not dialogs.ask_yes_no(self, tr("Unsaved changes"), tr(
                    "The breach in the editor has changes that are not saved. Throw them away "
                    "and undo?") if not forward else tr(
                    "The breach in the editor has changes that are not saved. Throw them away "
                    "and redo?"), default_yes=False):
                return
            editor.close_form()
        command = stack.command(stack.index() if forward else stack.index() - 1)
        if forward:
            stack.redo()
        else:
            stack.undo()
        busy = getattr(command, "busy", None)
        if busy is not None:
            # Another copy held the file's write lock: the step was not taken, and the
            # stack goes back to where it was (the command lets that move pass).
            (stack.undo if forward else stack.redo)()
            self._not_taken(busy, forward)

    def _not_taken(self, busy: db.BusyError, forward: bool) -> None:
        """Say that an undo (or redo) waits for another copy of the program."""
        name = self.ledger.path.name
        if forward:
            dialogs.show_error(self, tr("Not redone yet"), tr(
                "Another copy of Truce Ledger is writing to {name} (an import or a merge). "
                "Nothing was redone: press Ctrl+Shift+Z again in a moment.").format(name=name))
        else:
            dialogs.show_error(self, tr("Not undone yet"), tr(
                "Another copy of Truce Ledger is writing to {name} (an import or a merge). "
                "Nothing was undone: press Ctrl+Z again in a moment.").format(name=name))

    def _show_view(self, name: str) -> None:
        """Ctrl+1 to 4: the view, with the keyboard in its list."""
        self.tabs.setCurrentWidget(getattr(self, name))
        table = self.tabs.currentWidget().table
        table.setFocus(Qt.ShortcutFocusReason)
        if not table.currentIndex().isValid() and table.model().rowCount():
            table.setCurrentIndex(table.model().index(0, 0))

    def import_breaches(self) -> None:
        """File → Import: a spreadsheet, checked whole, then written whole."""
        if self.release(tr("Import breaches?")) and bring_in_file(self, self.ledger):
            self.breaches.editor.reload_lists()
            self.breaches.after_undo([])
            self.undo_stack.clear()  # the import is not one of the steps undo takes back

    def merge_office(self) -> None:
        """File → Merge office database."""
        if self.release(tr("Merge another office's database?")) and \
                merge_office_file(self, self.ledger):
            self.breaches.editor.reload_lists()
            self.breaches.after_undo([])
            self.undo_stack.clear()

    def _export(self, full: bool) -> None:
        """File → Export: the workbook of the Weekly totals as they are set there."""
        self.tabs.setCurrentWidget(self.totals)
        self.totals.export(full=full)

    def _breaches(self) -> BreachesView:
        self.tabs.setCurrentWidget(self.breaches)
        return self.breaches

    def _editor_save(self, and_new: bool) -> None:
        if self.tabs.currentWidget() is self.sources:
            self.sources.save()
        elif self.breaches.editor.is_open:
            self.breaches.editor.save(and_new=and_new)

    def _find(self) -> None:
        self._breaches().focus_filter()

    # Files.
    def release(self, what: str) -> bool:
        """True if the open file may be left: edits in forms saved or discarded."""
        if not self.breaches.editor.release(what):
            return False
        return self.sources.release(what)

    def open_database(self) -> None:
        path = dialogs.open_database_path(self, str(self.ledger.path.parent))
        if path:
            self.open_path(path)

    def new_database(self) -> None:
        path = dialogs.new_database_path(self, str(self.ledger.path.parent))
        if path is None:
            return
        if path.exists():
            dialogs.show_error(self, tr("Not created"), tr(
                "{name} already exists. Choose Open to use it, or another name.").format(
                name=path.name))
            return
        self.open_path(path, create=True)

    def open_path(self, path: Path, create: bool = False) -> bool:
        if path.resolve() == self.ledger.path.resolve():
            return True
        if not self.release(tr("Open another database?")):
            return False
        try:
            ledger = db.open_ledger(path, create=create)
        except db.LedgerError as error:
            dialogs.show_error(self, tr("Cannot open the database"), error_text(error))
            return False
        self.set_ledger(ledger)
        return True

    def open_demo(self) -> None:
        """The demo week, always in a file of its own."""
        path = user_data_folder() / "demo.sqlite3"
        try:
            if not path.exists():
                create_demo(path)
        except db.LedgerError as error:
            dialogs.show_error(self, tr("Cannot make the demo"), error_text(error))
            return
        self.open_path(path)

    def save_a_copy(self) -> None:
        path = dialogs.save_copy_path(self, str(self.ledger.path.parent))
        if path is None:
            return
        source = self.ledger.path
        _, error = run_with_progress(self, tr("Saving a copy of the database…"),
                                     lambda progress: save_copy(source, path, progress))
        if error is not None:
            if getattr(error, "code", None) != "cancelled":
                dialogs.show_error(self, tr("The copy was not saved"), error_text(error))
            return
        self.statusBar().showMessage(tr("Copy saved to {path}").format(path=path), 8000)

    def edit_settings(self) -> None:
        if SettingsDialog(self.ledger, self).exec():
            self.ledger.user = settings.user_name()
            self.ledger.office = settings.get(settings.OFFICE_NAME)
            self.breaches.default_truce = settings.get(settings.DEFAULT_TRUCE) or None

    def edit_truces(self) -> None:
        dialog = TrucesDialog(self.ledger, self)
        dialog.exec()
        # Deleting the default truce resets the setting.
        self.breaches.default_truce = settings.get(settings.DEFAULT_TRUCE) or None
        self._lists_changed(dialog.moved_breaches)
        self.totals.refresh_lists()
        self.totals.stale = True

    def _lists_changed(self, changed_breaches=()) -> None:
        """Sources or truces were renamed, merged, deleted or moved breaches: the editor
        reads its lists again, and a breach it shows unedited is read again."""
        editor = self.breaches.editor
        editor.reload_lists()
        shown = editor.loaded
        if shown is not None and not editor.is_dirty():
            editor.load(shown.id, focus=False)
        elif shown is not None and shown.id in changed_breaches:
            # Only its truce changed, which the form picks again from the date when it is
            # saved: the edits stay, and the save is not refused as made elsewhere.
            editor.loaded = db.get_breach(self.ledger, shown.id)
        self.breaches.refresh(select=shown.id if shown is not None else None)

    # Geometry and closing.
    def _may_quit(self) -> bool:
        """True if the window may close: edits saved or discarded, or, while a save waits
        for another copy of the program, the breach kept as a draft if the user agrees."""
        what = tr("Quit Truce Ledger?")
        editor = self.breaches.editor
        if editor.waiting:
            return self.sources.release(what) and editor.leave_as_draft()
        return self.release(what)

    def _restore_geometry(self) -> None:
        geometry = settings.get(settings.WINDOW_GEOMETRY)
        if not geometry or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = settings.get(settings.WINDOW_STATE)
        if state:
            self.restoreState(state)
        splitter = settings.get(settings.SPLITTER_STATE)
        if splitter:
            self.breaches.splitter.restoreState(splitter)

    def closeEvent(self, event) -> None:
        if not self._may_quit():
            event.ignore()
            return
        settings.put(settings.WINDOW_GEOMETRY, self.saveGeometry())
        settings.put(settings.WINDOW_STATE, self.saveState())
        settings.put(settings.SPLITTER_STATE, self.breaches.splitter.saveState())
        self._drop_views()
        self.ledger.close()
        event.accept()
