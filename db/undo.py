"""Undo and redo of the window's steps (a save, a delete, a restore): each is one call, one
transaction, and returns what it changed (db.records.BreachChanges), so that the window
updates its views from that alone.

A deleted breach is a tombstone, so undoing a new breach moves it to the Trash and redoing
brings it back; undoing an edit saves the version from before it, and is refused
(ConflictError) if another copy of the program saved the breach meanwhile: an undo never
overwrites someone else's save.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from .breach_read import _content, get_breach
from .breaches import delete_breaches, restore_breaches, save_breach_changes
from .records import Breach, BreachChanges
from .store import Ledger


@dataclass
class SaveStep:
    """A save: the breach before it (None if it was new) and as saved. `version` is the
    `updated_at` this step last wrote, which the next undo or redo expects to find."""

    before: Breach | None
    after: Breach
    version: str | None = None

    def __post_init__(self):
        self.version = self.version or self.after.updated_at


@dataclass
class TrashStep:
    """Breaches moved to the Trash, or (`restoring`) brought back from it."""

    keys: list[str]
    restoring: bool = False


def take_step(ledger: Ledger, step: SaveStep | TrashStep, forward: bool) -> BreachChanges:
    """Make `step` again (`forward`) or take it back. Raises BusyError when another copy
    holds the file's write lock (nothing is written, the step can be tried again), and
    another LedgerError when the file has moved on so that it can no longer be taken."""
    if isinstance(step, TrashStep):
        deleting = forward != step.restoring
        return (delete_breaches if deleting else restore_breaches)(ledger, list(step.keys))
    if step.before is None:
        return (restore_breaches if forward else delete_breaches)(ledger, [step.after.id])
    # Undone, the step finds the breach as it left it; made again, as its undo left it.
    found = step.before if forward else step.after
    expected = _expected_version(ledger, step.after.id, step.version, found)
    version = replace(step.after if forward else step.before, updated_at=expected)
    changes = save_breach_changes(ledger, version, allow_duplicate=True)
    step.version = changes.breach.updated_at
    return changes


def _expected_version(ledger: Ledger, key: str, version: str | None,
                      found: Breach) -> str | None:
    """The `updated_at` an undo or redo of a save expects to find: the one the step wrote,
    or a later one when the breach says just what the step left it saying (`found`): the
    later steps of the same breach were undone (edit, edit, undo, undo: the second undo
    finds the first edit, written again by the first undo), or it only went to the Trash
    and came back (an edit, deleted, then restored, is undone as the user expects: nobody
    changed what it says). Any other change since, by whoever, keeps the step's own, and
    the save is refused."""
    row = ledger.conn.execute("SELECT updated_at FROM breach WHERE id = ?", (key,)).fetchone()
    if row is None or version is None or row[0] == version:
        return version
    if _content(asdict(get_breach(ledger, key))) == _content(asdict(found)):
        return row[0]
    other = ledger.conn.execute(
        "SELECT 1 FROM change_log WHERE record_id = ? AND changed_at > ?"
        " AND action NOT IN ('delete', 'restore') LIMIT 1", (key, version)).fetchone()
    return version if other else row[0]
