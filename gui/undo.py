"""Undo and redo of saves, deletes and restores, through the core's own calls.

A deleted breach is a tombstone, so undoing a new breach moves it to the Trash and
redoing brings it back; undoing an edit saves the version from before it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from PySide6.QtGui import QUndoCommand

import db

from .messages import error_text
from .i18n import tr

Changed = Callable[[list[str]], None]  # told the keys of the breaches an undo touched


class LedgerCommand(QUndoCommand):
    """A change already made when pushed (the first redo() does nothing).

    `run(forward)` makes the change again (True) or takes it back (False) and returns
    the keys of the breaches it touched. If another copy of the program holds the file's
    write lock, nothing is written: `busy` holds the BusyError, and the next call (the
    stack moving back to where it was) does nothing, so that the step can be tried again.
    """

    def __init__(self, text: str, run: Callable[[bool], list[str]], changed: Changed,
                 failed: Callable[[str], None] | None = None):
        super().__init__(text)
        self._run, self._changed = run, changed
        self._skip_next = True  # the stack's first redo(): the change is already made
        self._failed = failed
        self.busy: db.BusyError | None = None

    def do(self) -> None:
        """Make the change for the first time; push the command after."""
        self._changed(self._run(True))

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
            self._changed(self._run(forward))
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
    expected = {"updated_at": after.updated_at}  # the version this command last wrote

    def run(forward: bool) -> list[str]:
        if before is None:
            (db.restore_breach if forward else db.delete_breach)(ledger, after.id)
        else:
            # Refused (ConflictError) if another copy saved the breach meanwhile: an undo
            # never overwrites someone else's save.
            version = replace(after if forward else before, updated_at=expected["updated_at"])
            saved = db.save_breach(ledger, version, allow_duplicate=True)
            expected["updated_at"] = saved.updated_at
        return [after.id]
    text = tr("New breach") if before is None else tr("Edit of a breach")
    return LedgerCommand(text, run, changed, failed)


def delete_command(ledger: db.Ledger, keys: list[str], changed: Changed,
                   restoring: bool = False,
                   failed: Callable[[str], None] | None = None) -> LedgerCommand:
    """The delete of breaches into the Trash, or (`restoring`) their restore from it."""
    keys = list(keys)

    def run(forward: bool) -> list[str]:
        deleting = forward != restoring
        return (db.delete_breaches if deleting else db.restore_breaches)(ledger, keys)
    text = (tr("Restore of %n breach(es)", "", len(keys)) if restoring
            else tr("Delete of %n breach(es)", "", len(keys)))
    return LedgerCommand(text, run, changed, failed)
