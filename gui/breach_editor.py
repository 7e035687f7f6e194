"""The breach editor: the form, its Save / Save and new / Cancel, the duplicate warning,
and the record's history. Nothing typed is lost: leaving asks to save, discard or go back.
"""
from __future__ import annotations

import html
from dataclasses import asdict, replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QTabWidget, QVBoxLayout, QWidget)

import db
from db.records import BreachChanges

from . import dialogs
from .bidi import follow_own_direction, isolate
from .breach_form import COUNTS, MAX_COUNT, BreachForm
from .breach_parts import (breach_title, cited_again, entry_names, name_the_user_once,
                           new_actor_question, next_template, out_of_range_text,
                           twin_details, twin_summary, typed_actor)
from .drafts import draft_path, new_owner, remove_draft, write_draft
from .history_view import HistoryView
from .messages import error_text, problem_texts
from .keys import bind
from .save_waiting import WRITE_WAIT_MS, SaveWaiting
from .i18n import tr
from .styles import styled


DRAFT_DELAY_MS = 1500
__all__ = ["BreachEditor", "WRITE_WAIT_MS", "cited_again"]


class BreachEditor(SaveWaiting, QWidget):
    """Edits one breach at a time, new or saved."""

    saved = Signal(object, object)  # the breach before (None if new), the breach as saved
    closed = Signal()

    def __init__(self, ledger: db.Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.loaded: db.Breach | None = None  # the saved breach being edited; None if new
        self._snapshot: dict | None = None
        self._twin: str | None = None
        self._twin_and_new = False  # the save that found the twin was a "save and new"
        # A new perpetrator the user agreed to add: as typed, and (name, Arabic name).
        self._agreed_actor: tuple[str | None, tuple[str, str]] = (None, ("", ""))
        self.title = QLabel()
        self.title.setObjectName("editorTitle")
        self.form = BreachForm()
        follow_own_direction(self.form.description)
        self.history = HistoryView()
        self.banner = QFrame()
        styled(self.banner, "duplicateBanner")
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextInteractionFlags(Qt.TextBrowserInteraction)
        self.show_twin_button = QPushButton(tr("Show that breach"))
        self.save_anyway_button = QPushButton(tr("Save an&yway"))
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.show_twin_button)
        banner_layout.addWidget(self.save_anyway_button)
        self.banner.hide()
        self._make_wait_banner()
        self.general_error = QLabel()
        styled(self.general_error, "fieldError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setMinimumWidth(480)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QFrame.NoFrame)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, tr("Breach"))
        self.tabs.addTab(self.history, tr("History"))
        self.save_button = QPushButton(tr("Save"))
        self.save_button.setToolTip(tr("Save (Ctrl+S)"))
        self.save_new_button = QPushButton(tr("Save and new"))
        self.save_new_button.setToolTip(tr("Save, then start a breach with the same date, "
                                           "place and source (Ctrl+Shift+S)"))
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setToolTip(tr("Close the editor (Esc)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.save_new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.wait_banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.general_error)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(lambda: self.save())
        self.save_new_button.clicked.connect(lambda: self.save(and_new=True))
        self.cancel_button.clicked.connect(self.cancel)
        self.save_anyway_button.clicked.connect(
            lambda: self.save(and_new=self._twin_and_new, allow_duplicate=True))
        self.show_twin_button.clicked.connect(self._show_twin)
        self.banner_text.linkActivated.connect(lambda _link: self._show_twin())
        self.form.edited.connect(self._hide_banner)
        self.form.edited.connect(self.notice.hide)
        # What is typed is kept in a draft beside the database a moment after each edit.
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        self.draft_owner = new_owner()
        self.form.edited.connect(self._draft_timer.start)
        self._lists_read = False
        self.names: dict[str, str] = {}  # list entries' shown names, by key (entry_names)
        self._history: list[db.Change] = []  # the history shown
        bind(self, "Ctrl+Shift+V", self.form.victims.add_victim, Qt.WidgetWithChildrenShortcut)
        QApplication.instance().focusChanged.connect(self._focus_moved)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """Whatever takes the focus in the form (Ctrl+N, a refused save, Ctrl+Shift+V, a
        label's Alt key, Tab) is scrolled into sight, and a list of completions left
        open by the field it came from is closed: the next key goes where the cursor is."""
        if new is None or not self.form.isAncestorOf(new):
            return
        for completer in self.form.completers():
            popup = completer.popup()
            if popup.isVisible() and completer.widget() is not new and \
                    not (completer.widget() and completer.widget().isAncestorOf(new)):
                popup.hide()
        self.scroll.ensureWidgetVisible(self.form.part_to_show(new), 0, 24)

    # Loading.
    def reload_lists(self) -> None:
        """Read the pickers' lists again (after a new actor, source or truce). The places
        are read once, when the editor is first used, then kept up to date by saves."""
        ledger = self.ledger
        governorates, actors, kinds, truces = (db.governorates(ledger), db.actors(ledger),
                                               db.breach_types(ledger), db.truces(ledger))
        self.form.set_lists(governorates, actors, kinds, truces, db.source_choices(ledger))
        self.names = entry_names(governorates + actors + kinds, truces)
        if not self._lists_read:
            self.form.set_places(db.places(ledger, limit=5000))
            self._lists_read = True

    def _ensure_lists(self) -> None:
        if not self._lists_read:
            self.reload_lists()

    def start_new(self, template: db.Breach | None = None) -> None:
        """An empty form, or one filled from `template` (a copy, without its identity)."""
        breach = template or db.Breach(occurred_on=None)
        breach = replace(breach, id=None, created_at=None, updated_at=None, deleted_at=None,
                         office="", entered_by="")
        self._ensure_lists()
        self.loaded = None
        self.form.set_breach(breach)
        self._after_load(tr("New breach"))
        self._show_history([])

    def load(self, breach_id: str, focus: bool = True) -> None:
        """Show a saved breach for editing (`focus`: and put the cursor in its first field)."""
        breach = db.get_breach(self.ledger, breach_id)
        self._ensure_lists()
        self.loaded = breach
        self.form.set_breach(breach)
        self._after_load(breach_title(breach), focus)
        self._show_history(db.record_history(self.ledger, breach_id))
        self._say_counts_out_of_range(breach)

    def _show_history(self, changes: list[db.Change]) -> None:
        """The History tab: the changes of the breach in the form (a new one has none)."""
        self._history = changes
        self.history.show_history(changes, self.names)
        self.tabs.setTabEnabled(1, self.loaded is not None)

    def _say_counts_out_of_range(self, breach: db.Breach) -> None:
        """A count an older version let in, beyond what the form's number field holds
        (0 to MAX_COUNT), is said rather than silently shown as the nearest it can hold;
        and the form counts as edited, so that leaving it asks first."""
        wrong = [(name, getattr(breach, name)) for name in COUNTS
                 if not (isinstance(getattr(breach, name), int)
                         and 0 <= getattr(breach, name) <= MAX_COUNT)]
        if not wrong:
            return
        for name, stored in wrong:
            self._snapshot[name] = stored
        self.general_error.setText(out_of_range_text(wrong, MAX_COUNT))
        self.general_error.show()

    def keep_draft(self) -> None:
        """Write the form to the draft file if it holds unsaved edits, else remove it."""
        if self.is_dirty():
            write_draft(self.ledger.path, self.draft_owner, self.form.breach(),
                        self.loaded.id if self.loaded else None,
                        self.loaded.updated_at if self.loaded else None)
        else:
            self._drop_draft()

    def _drop_draft(self) -> None:
        remove_draft(draft_path(self.ledger.path, self.draft_owner))

    def restore_draft(self, breach: db.Breach, editing: str | None,
                      editing_updated_at: str | None) -> None:
        """Put a draft back in the form: the edits of a saved breach, or a new one."""
        try:
            if editing:
                self.load(editing)
            else:
                self.start_new()
        except db.NotFoundError:
            self.start_new()
        if self.loaded is not None and editing_updated_at:
            # A save is refused if another copy saved this breach since the draft began.
            self.loaded.updated_at = editing_updated_at
        self.form.set_breach(breach)
        self.keep_draft()

    def _after_load(self, title: str, focus: bool = True) -> None:
        self.title.setText(f"<b>{html.escape(title)}</b>")
        self._snapshot = self._state()
        self._end_wait()  # a save still waiting was of the breach that left the form
        self._agreed_actor = (None, ("", ""))
        self._hide_banner()
        self.notice.hide()
        self.general_error.hide()
        self.tabs.setCurrentIndex(0)
        self.scroll.verticalScrollBar().setValue(0)
        if focus:
            self.form.date.setFocus(Qt.OtherFocusReason)

    # Unsaved edits.
    def _state(self) -> dict:
        return asdict(self.form.breach())

    def is_dirty(self) -> bool:
        """Whether the form differs from what was loaded, counting text still being typed."""
        return self._snapshot is not None and self._state() != self._snapshot

    def release(self, what: str) -> bool:
        """Before the form is left: True if it may be, after saving or discarding edits."""
        if not self.is_dirty():
            return True
        answer = dialogs.ask_unsaved(self, what)
        if answer == "save":
            return self.save()
        if answer == "discard":
            self._end_wait()
            self._drop_draft()
        return answer == "discard"

    def leave_as_draft(self) -> bool:
        """Quitting while a save waits for another copy: True if the user agrees to quit,
        the breach kept as a draft beside the database (offered back at the next start)."""
        name = self.ledger.path.name
        if not dialogs.ask_yes_no(self, tr("The breach is not saved yet"), tr(
                "Another copy of Truce Ledger is still writing to {name}, so the breach in "
                "the editor is not saved yet. Quit anyway? The breach is kept as a draft, and "
                "offered back the next time Truce Ledger opens {name}.").format(
                name=isolate(name)),
                default_yes=False):
            return False
        self._draft_timer.stop()
        self._end_wait()
        self.keep_draft()
        return True

    def cancel(self) -> None:
        """Esc: close the editor, asking first if there are unsaved edits. An Esc meant
        for an open list of completions only closes that list."""
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.hide()
            return
        if self.release(tr("Close the editor?")):
            self.close_form()

    def close_form(self) -> None:
        """Forget the form without asking (its edits were saved or discarded)."""
        self._draft_timer.stop()
        self._end_wait()
        self._drop_draft()
        self._snapshot = None
        self.loaded = None
        self.closed.emit()

    @property
    def is_open(self) -> bool:
        """Whether a breach (new or saved) is in the form."""
        return self._snapshot is not None

    # Saving.
    def save(self, and_new: bool = False, allow_duplicate: bool = False) -> bool:
        """Save the form; on success emit `saved` and show the saved breach (or a new form).
        If another copy of the program holds the file's write lock, the save waits (see
        `_wait_to_save`) and False is returned: the breach stays in the form."""
        was_waiting = self.waiting
        self._end_wait()
        if not self.form.citations.confirm_typed():
            return False  # a name typed in Sources is cited first, or the save waits
        name_the_user_once(self, self.ledger)
        breach = self.form.breach()
        if self.loaded is not None:
            # updated_at: refused if another copy saved this breach since it was opened.
            breach.id, breach.updated_at = self.loaded.id, self.loaded.updated_at
        try:
            new_actor = typed_actor(breach, lambda key: self.form.actor.findData(key) >= 0)
            if new_actor and new_actor != self._agreed_actor[0]:
                # The rules first: only a breach that may be saved asks about its new
                # perpetrator. (Checked once more by the save: this happens only once.)
                db.validate_breach(self.ledger, breach)
                self._clear_problems()
                names = dialogs.ask_entry_names(self, tr("New perpetrator"),
                                                new_actor_question(new_actor), new_actor)
                if names is None:
                    self.form.show_problems({"actor_id": tr("Choose a perpetrator from the "
                                                            "list, or agree to add this one.")})
                    self.form.focus_field("actor_id")
                    return False
                # Not asked again when a waiting save retries.
                self._agreed_actor = (new_actor, names)
            if new_actor:
                breach.actor_name, breach.actor_name_ar = self._agreed_actor[1]
            changes = db.save_breach_changes(self.ledger, breach, allow_duplicate=allow_duplicate)
        except db.ValidationError as refused:
            problems = problem_texts(refused)
            self.form.show_problems(problems)
            self.general_error.setText(problems.get("id", ""))
            self.general_error.setVisible("id" in problems)
            self.tabs.setCurrentIndex(0)
            self.form.focus_field(self.form.first_field(problems))
            return False
        except db.DuplicateBreachError as twin:
            self._clear_problems()
            self._twin, self._twin_and_new = twin.resembles_id, and_new
            summary = twin_summary(self.ledger, twin.resembles_id, self.names)
            link = f'<a href="twin">{html.escape(summary)}</a>'
            self.banner_text.setText(tr("This looks like a breach already recorded: {summary}. "
                                        "Save it only if it is a different incident.")
                                     .format(summary=link))
            self.banner.show()
            self.save_anyway_button.setFocus()
            return False
        except db.BusyError:
            self._clear_problems()  # every rule holds: the save only waits
            self._wait_to_save(and_new, allow_duplicate, again=was_waiting)
            return False
        except (db.LedgerError, db.SQLiteError, OSError) as error:
            self._clear_problems()
            dialogs.show_error(self, tr("The breach was not saved"),
                               tr("Your edits are still in the form. The reason: {reason}")
                               .format(reason=error_text(error)))
            return False
        self._show_saved(changes, and_new)
        if was_waiting:
            self.notice.setText(tr("The breach was saved: the other copy of Truce Ledger "
                                   "finished writing to {name}.").format(
                name=isolate(self.ledger.path.name)))
            self.notice.show()
        return True

    def _clear_problems(self) -> None:
        """Every rule holds (the save got past them): clear what a refused save showed."""
        self.form.show_problems({})
        self.general_error.hide()

    def _show_saved(self, changes: BreachChanges, and_new: bool) -> None:
        """After a save: tell the views, and show the breach as stored (or, `and_new`, the
        next one), from what the save returned; the lists are read again only if the save
        added to them."""
        saved = changes.breach
        before, self.loaded = self.loaded, saved
        self._draft_timer.stop()
        self._drop_draft()
        if changes.change is not None:  # a save that changed nothing wrote nothing to undo
            self.saved.emit(before, saved)
        if changes.lists:
            self.reload_lists()
        self.form.add_place(saved.place)
        if and_new:
            self.start_new(self.next_template(saved))
            self.form.breach_type.setFocus()
            return
        self.form.set_breach(saved)
        self._after_load(breach_title(saved))
        self._show_history(self._history + ([changes.change] if changes.change else []))

    next_template = staticmethod(next_template)

    def _hide_banner(self) -> None:
        self.banner.hide()
        self._twin = None

    def _show_twin(self) -> None:
        if not self._twin:
            return
        dialogs.show_info(self, tr("The breach it resembles"),
                          twin_details(db.get_breach(self.ledger, self._twin)))
