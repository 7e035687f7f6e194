"""The main window's actions, menus and toolbar, and what the actions of the Edit and View
menus, Import and Merge do: the part of MainWindow (gui/main_window.py) that a user
reaches from its menu bar and its keys. Opening files, the settings and the window
itself are main_window.py's.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

import db

from . import dialogs
from .i18n import tr

if TYPE_CHECKING:
    from .breaches_view import BreachesView


class WindowActions:
    """The part of MainWindow that makes its actions and menus and answers them (it calls
    the window's `ledger`, `tabs`, `undo_stack`, views, `release` and file actions)."""


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
        self.passphrase_action = self._action(tr("Change &passphrase…"),
                                              lambda: self._passphrases().change_passphrase(
                                                  self))
        self.encrypt_action = self._action(tr("Encr&ypt this database…"),
                                           lambda: self._passphrases().encrypt_open_file(self))
        self.export_action = self._action(tr("&Export workbook for press…"),
                                          lambda: self._export(full=False), "Ctrl+E")
        self.export_full_action = self._action(tr("Export &full workbook…"),
                                               lambda: self._export(full=True))
        self.import_action = self._action(tr("&Import breaches…"), self.import_breaches)
        self.merge_action = self._action(tr("&Merge office database…"), self.merge_office)
        self.lock_action = self._action(tr("&Lock"), lambda: self.locker.lock(), "Ctrl+L")
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
        file_menu.addActions([self.copy_action, self.passphrase_action, self.encrypt_action])
        file_menu.addSeparator()
        file_menu.addActions([self.export_action, self.export_full_action])
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.merge_action])
        file_menu.addSeparator()
        file_menu.addActions([self.lock_action, self.quit_action])
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

    @staticmethod
    def _passphrases():
        from . import passphrase_actions  # only these actions need it
        return passphrase_actions

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
        editor = self.breaches.existing_editor
        if editor is not None and editor.is_dirty():
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
        from .bring_in import bring_in_file  # the readers of spreadsheets: only for this
        if self.release(tr("Import breaches?")) and bring_in_file(self, self.ledger):
            self._brought_in()

    def merge_office(self) -> None:
        """File → Merge office database."""
        from .bring_in import merge_office_file  # only this action reads another file
        if self.release(tr("Merge another office's database?")) and \
                merge_office_file(self, self.ledger):
            self._brought_in()

    def _brought_in(self) -> None:
        """After an import or a merge: the lists and the breaches read again; neither is
        one of the steps undo takes back."""
        editor = self.breaches.existing_editor
        if editor is not None:  # else it reads the lists when made
            editor.reload_lists()
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
        editor = self.breaches.existing_editor
        if self.tabs.currentWidget() is self._views.get("sources"):  # made, and shown
            self.sources.save()
        elif editor is not None and editor.is_open:
            editor.save(and_new=and_new)

    def _find(self) -> None:
        self._breaches().focus_filter()
