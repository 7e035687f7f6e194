"""Undo and redo of saves, deletes and restores on the window's undo stack. Each step is
taken by one call of the core (db/undo.py), which writes in one transaction and returns
what changed; this module holds no SQL and opens no transaction.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand

import db
from db.records import BreachChanges
from db.undo import SaveStep, TrashStep, take_step

from .messages import error_text
from .i18n import tr

# Told what a step changed (it reads as the keys of the breaches it touched).
Changed = Callable[[BreachChanges], None]


class LedgerCommand(QUndoCommand):
    """A change already made when pushed (the first redo() does nothing).

    Each run makes `step` again (forward) or takes it back, by one call of the core
    (db.undo.take_step), and tells `changed` what it changed. If another copy of the
    program holds the file's write lock, nothing is written: `busy` holds the BusyError,
    and the next call (the stack moving back to where it was) does nothing, so that the
    step can be tried again.
    """

    def __init__(self, text: str, ledger: db.Ledger, step: SaveStep | TrashStep,
                 changed: Changed, failed: Callable[[str], None] | None = None):
        super().__init__(text)
        self._ledger, self._step, self._changed = ledger, step, changed
        self._skip_next = True  # the stack's first redo(): the change is already made
        self._failed = failed
        self.busy: db.BusyError | None = None

    def do(self) -> None:
        """Make the change for the first time; push the command after."""
        self._changed(take_step(self._ledger, self._step, True))

    def redo(self) -> None:
        if self._skip_next:
            self._skip_next = False
            return
        self._apply(True)

    def undo(self) -> None:
        if self._skip_next:
            self._skip_next = False
            return
        self._apply(False)

    def _apply(self, forward: bool) -> None:
        self.busy = None
        try:
            self._changed(take_step(self._ledger, self._step, forward))
        except db.BusyError as error:
            # Nothing was written; the step stays on the stack, to be taken once the other
            # copy is done. The caller moves the stack back: that move must do nothing.
            self.busy = error
            self._skip_next = True
        except db.LedgerError as error:
            # The file has moved on (another copy changed or deleted the breach): this
            # step can no longer be taken; the stack drops it and the user is told.
            self.setObsolete(True)
            if self._failed:
                self._failed(error_text(error))


def save_command(ledger: db.Ledger, before: db.Breach | None, after: db.Breach,
                 changed: Changed, failed: Callable[[str], None] | None = None) -> LedgerCommand:
    """The save of a new breach (`before` None) or of the edits of one."""
    text = tr("New breach") if before is None else tr("Edit of a breach")
    return LedgerCommand(text, ledger, SaveStep(before, after), changed, failed)


def delete_command(ledger: db.Ledger, keys: list[str], changed: Changed,
                   restoring: bool = False,
                   failed: Callable[[str], None] | None = None) -> LedgerCommand:
    """The delete of breaches into the Trash, or (`restoring`) their restore from it."""
    text = (tr("Restore of %n breach(es)", "", len(keys)) if restoring
            else tr("Delete of %n breach(es)", "", len(keys)))
    return LedgerCommand(text, ledger, TrashStep(list(keys), restoring), changed, failed)
