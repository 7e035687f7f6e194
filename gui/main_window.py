"""The main window: the Breaches, Weekly totals, Sources and Trash views, the status bar,
the files it opens, its settings and its geometry.

It owns the open ledger and the undo stack; the views call the core themselves. Its
actions, menus and toolbar, and what the Edit and View menus do, are WindowActions'
(gui/window_actions.py).

The window shows the Breaches first; the other views are made when first shown (or first
asked for), so that a start loads neither their modules (QtCharts) nor what they read.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QThreadPool, QTimer, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

import db
from db.listing import count_shown
from db.paths import user_data_folder
from db.store import open_reader

from . import dialogs, settings
from .breaches_view import BreachesView
from .messages import error_text
from .save_waiting import WRITE_WAIT_MS
from .wheel import guard_wheel
from .window_actions import WindowActions
from .worker import Latest, run_with_progress
from .i18n import tr

if TYPE_CHECKING:  # each imported when first made: a start loads none of their modules
    from .sources_view import SourcesView
    from .totals_view import TotalsView
    from .trash_view import TrashView

# The views of the tabs, in their order.
TABS = ("breaches", "totals", "sources", "trash")


class MainWindow(WindowActions, QMainWindow):
    def __init__(self, ledger: db.Ledger):
        super().__init__()
        self.ledger: db.Ledger | None = None
        self.undo_stack = QUndoStack(self)
        self._counter = Latest(self._file_counted)  # the counts of the status bar
        self._views: dict[str, QWidget] = {}  # the views of the other tabs made so far
        self._recent: list[str] = []
        self._unremembered = False  # the recent files, not yet written to the settings
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.setCentralWidget(self.tabs)
        self._make_actions()
        self._make_menus()
        from .lock import Locker
        self.locker = Locker(self)
        self.set_ledger(ledger)
        self._restore_geometry()

    # The open file.
    def set_ledger(self, ledger: db.Ledger) -> None:
        """Show `ledger`; the one shown before is closed."""
        old, self.ledger = self.ledger, ledger
        ledger.user, ledger.office = settings.user_name(), settings.office_name(ledger)
        # A write of the window waits little for another copy's (an import, a merge), then
        # says so: the editor waits and tries again, the other views tell the user.
        ledger.wait_for_writers(WRITE_WAIT_MS)
        # A plain file is readable anyway: nothing to lock, no passphrase to change.
        for action in (self.lock_action, self.passphrase_action):
            action.setEnabled(ledger.encrypted)
        self.encrypt_action.setEnabled(not ledger.encrypted)
        self.undo_stack.clear()
        self._drop_views()
        if old is not None and old is not ledger:
            self._close_ledger(old)
        self.breaches = BreachesView(ledger, self.undo_stack)
        self.breaches.default_truce = settings.get(settings.DEFAULT_TRUCE) or None
        # No Alt keys on the tabs (Ctrl+1 to 4 and the View menu): the form's labels need
        # the letters. The other tabs hold a blank page until their view is made.
        self.tabs.addTab(self.breaches, tr("Breaches"))
        for title in (tr("Weekly totals"), tr("Sources"), tr("Trash")):
            self.tabs.addTab(QWidget(), title)
        self.breaches.changed.connect(self._file_changed)
        self.breaches.demo_requested.connect(self.open_demo)
        self.breaches.table.addAction(self.delete_action)
        # The wheel: the filter bar's pickers take it only with the focus (gui/wheel.py),
        # and the editor guards its own when made; a search of the whole window for
        # pickers, through every child, would cost the start 10 ms.
        # The file is remembered once the window is shown (a write that waits for the
        # disk), or at close if that comes first; the menu has it now.
        self._recent = settings.recent_with(str(ledger.path),
                                            self._recent if self._unremembered else None)
        self._unremembered = True
        QTimer.singleShot(0, self._remember_recent)
        self._fill_recent_menu()
        self._file_changed(fresh=True)
        self.breaches.table.setFocus()
        self.breaches.offer_draft()

    def _remember_recent(self) -> None:
        """Write the recent files, the open one first, to the settings (once)."""
        if self._unremembered and shiboken6.isValid(self):
            self._unremembered = False
            settings.remember_files(self._recent)

    def _drop_views(self) -> None:
        """Let go of the views of the file shown before: none may read it once closed."""
        self._counter.drop()  # nor a count of it come late
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
        self._views.clear()
        self.tabs.blockSignals(False)

    # The views of the other tabs, made when first asked for.
    @property
    def totals(self) -> TotalsView:
        return self._view("totals")

    @property
    def sources(self) -> SourcesView:
        return self._view("sources")

    @property
    def trash(self) -> TrashView:
        return self._view("trash")

    def _view(self, name: str) -> QWidget:
        """The view of the tab `name` (of TABS), made and put in its tab if not yet."""
        view = self._views.get(name)
        if view is None:
            view = self._views[name] = getattr(self, f"_make_{name}")()
            self._put_in_tab(TABS.index(name), view)
        return view

    def _make_totals(self) -> TotalsView:
        from .totals_view import TotalsView  # with QtCharts: only once the tab is used
        return TotalsView(self.ledger)

    def _make_sources(self) -> SourcesView:
        from .sources_view import SourcesView
        view = SourcesView(self.ledger)
        view.changed.connect(self._file_changed)
        view.sources_changed.connect(lambda _changes: self._lists_changed())
        return view

    def _make_trash(self) -> TrashView:
        from .trash_view import TrashView
        view = TrashView(self.ledger, self.undo_stack)
        view.restored.connect(self.breaches.after_undo)
        return view

    def _put_in_tab(self, number: int, view: QWidget) -> None:
        """Put `view` in the tab `number` in place of its blank page, its title kept; the
        tab shown stays shown."""
        tabs = self.tabs
        shown, title, blank = tabs.currentIndex(), tabs.tabText(number), tabs.widget(number)
        tabs.blockSignals(True)
        tabs.removeTab(number)
        tabs.insertTab(number, view, title)
        tabs.setCurrentIndex(shown)
        tabs.blockSignals(False)
        blank.deleteLater()
        guard_wheel(view)

    def _tab_shown(self, number: int) -> None:
        """A view is read, or counted, when shown: made then, or stale since it was."""
        if not 0 < number < len(TABS):
            return
        name = TABS[number]
        view = self._view(name)
        if view.stale and name == "totals":
            view.recount()  # counted when shown, not on every save
        elif view.stale:
            view.refresh()  # sources the editor made, deletes made meanwhile

    def _file_changed(self, fresh: bool = False) -> None:
        """Counts and lists elsewhere are stale (`fresh`: the views were just made): the
        views not shown are read again when shown, and the counts of the status bar and
        of the Trash's tab are made off the UI thread (at start, once the list is counted:
        two counts of a large file at once would slow the first paint)."""
        ledger = self.ledger
        for name, view in self._views.items():
            if self.tabs.currentWidget() is view and name != "totals":
                view.refresh()
            else:
                view.stale = True  # read again (counted again) when shown
        if fresh:
            demo = tr(" — demo") if ledger.is_demo else ""
            self.setWindowTitle(tr("{file}{demo} — Truce Ledger").format(
                file=ledger.path.name, demo=demo))
        path = ledger.path

        def work() -> tuple[int, int, int]:
            with open_reader(path) as reader:
                return (count_shown(reader)[0].breaches,
                        count_shown(reader, db.BreachFilter(deleted=True))[0].breaches,
                        db.count_sources(reader))
        if fresh:  # after the list's own count, not beside it: the window shows sooner
            self.breaches.model.counted.connect(lambda: self._counter.ask(work),
                                                Qt.SingleShotConnection)
        else:
            self._counter.ask(work)

    def _file_counted(self, counts, error) -> None:
        if not shiboken6.isValid(self) or error is not None or self.locker.locked:
            return  # the window is gone, or the file (not counted: the counts stay unsaid)
        live, trashed, sources = counts
        self.tabs.setTabText(TABS.index("trash"), tr("Trash ({n})").format(n=trashed))
        # The line as a whole reads in the direction of its own words (an isolate takes
        # that from its first letter), whatever the layout's.
        words = (tr("%n breach(es)", "", live), tr("{n} in the Trash").format(n=trashed),
                 tr("%n source(s)", "", sources),
                 tr("encrypted") if self.ledger.encrypted else tr("not encrypted"))
        self.statusBar().showMessage("\u2068" + " · ".join(
            [f"\u2066{self.ledger.path}\u2069"] + [f"\u2068{part}\u2069" for part in words])
            + "\u2069")

    # Files.
    def release(self, what: str) -> bool:
        """True if the open file may be left: edits in forms saved or discarded."""
        return self.breaches.release(what) and self._sources_released(what)

    def _sources_released(self, what: str) -> bool:
        """True if the Sources view's form may be left (a view not made has none)."""
        return "sources" not in self._views or self.sources.release(what)

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
        from .passphrase_dialog import open_asking
        try:
            ledger = open_asking(self, path, create=create)
        except db.LedgerError as error:
            dialogs.show_error(self, tr("Cannot open the database"), error_text(error))
            return False
        if ledger is None:  # the passphrase was not given
            return False
        self.set_ledger(ledger)
        return True

    def open_demo(self) -> None:
        """The demo week, always in a file of its own."""
        from db.demo import create_demo  # only this action makes the demo
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
        from db.backup import save_copy  # only this action copies
        source = self.ledger.path
        _, error = run_with_progress(self, tr("Saving a copy of the database…"),
                                     lambda progress: save_copy(source, path, progress))
        if error is not None:
            if getattr(error, "code", None) != "cancelled":
                dialogs.show_error(self, tr("The copy was not saved"), error_text(error))
            return
        self.statusBar().showMessage(tr("Copy saved to {path}").format(path=path), 8000)

    def edit_settings(self) -> None:
        from .settings_dialog import SettingsDialog
        if SettingsDialog(self.ledger, self).exec():
            self.locker.restart()
            self.ledger.user = settings.user_name()
            self.ledger.office = settings.office_name(self.ledger)
            self.breaches.default_truce = settings.get(settings.DEFAULT_TRUCE) or None

    def edit_truces(self) -> None:
        from .truces_dialog import TrucesDialog
        dialog = TrucesDialog(self.ledger, self)
        dialog.exec()
        # Deleting the default truce resets the setting.
        self.breaches.default_truce = settings.get(settings.DEFAULT_TRUCE) or None
        self._lists_changed(dialog.moved_breaches)
        if "totals" in self._views:  # else made with the truces as they are
            self.totals.refresh_lists()
            self.totals.stale = True

    def _lists_changed(self, changed_breaches=()) -> None:
        """Sources or truces were renamed, merged, deleted or moved breaches: the editor
        reads its lists again (one not made yet reads them when made), and a breach it
        shows unedited is read again."""
        editor, shown = self.breaches.existing_editor, None
        if editor is not None:
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
        editor = self.breaches.existing_editor
        if editor is not None and editor.waiting:
            return self._sources_released(what) and editor.leave_as_draft()
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
            self.breaches.restore_split(splitter)

    def closeEvent(self, event) -> None:
        if not self._may_quit():
            event.ignore()
            return
        self._remember_recent()
        settings.put(settings.WINDOW_GEOMETRY, self.saveGeometry())
        settings.put(settings.WINDOW_STATE, self.saveState())
        splitter = self.breaches.split_state()
        if splitter is not None:
            settings.put(settings.SPLITTER_STATE, splitter)
        self._drop_views()
        self._close_ledger(self.ledger)
        event.accept()

    def close_ledger_for_a_while(self) -> None:
        """Close the file shown (for work that needs it closed), its views gone first;
        set_ledger shows it, or another, again."""
        self._drop_views()
        self._close_ledger(self.ledger)

    @staticmethod
    def _close_ledger(ledger: db.Ledger) -> None:
        """Close `ledger` once the counts still reading it (off the UI thread) are done: a
        reader left open keeps its clean close from being marked (db/close_mark.py), and the
        next opening would read every page."""
        QThreadPool.globalInstance().waitForDone()
        ledger.close()
