"""Editing and deleting truces, each as one transaction, with what it does to breaches.

A breach belongs to one truce (picked from its date when saved, or chosen). Weeks since a
truce count from its start date, so moving that date moves its breaches to other weeks;
moving either date changes which days the truce covers:
- a breach of the truce whose day it no longer covers leaves it, for the truce in force
  that day (the latest to start, if several), or none;
- a breach of no truce whose day it now covers joins it.
Breaches of other truces, and breaches in the Trash, keep their truce. Each breach moved
is written to the change log, as the truce is.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .breaches import breach_document, log_change, truce_for_date
from .errors import LedgerError, NotFoundError
from .lists import checked_truce, truce_of
from .records import Truce, as_date, timestamp_after
from .store import Ledger, fetch_dicts

_EDITABLE = ("name", "start_date", "end_date", "brokered_by", "notes")


@dataclass
class TruceEffect:
    """What saving a truce's new dates does to the live breaches (their keys)."""

    change_week: list[str] = field(default_factory=list)  # stay, in another week since it
    leave: list[str] = field(default_factory=list)  # its days no longer hold them
    join: list[str] = field(default_factory=list)  # of no truce, now within its days

    @property
    def change_truce(self) -> list[str]:
        """The breaches whose truce changes: those that leave it and those that join it."""
        return self.leave + self.join

    def __bool__(self) -> bool:
        return bool(self.change_week or self.leave or self.join)


@dataclass
class TruceChanges:
    """What a user's action on a truce changed."""

    truce_id: str
    action: str  # "update", "delete", or "" when nothing changed
    truce: Truce | None  # as stored now; None once deleted
    breaches: TruceEffect = field(default_factory=TruceEffect)

    @property
    def changed_breaches(self) -> list[str]:
        """Keys of the breaches whose stored truce changed (others only changed week)."""
        return self.breaches.change_truce


def get_truce(ledger: Ledger, key: str) -> Truce:
    """The live truce with this key; NotFoundError if there is none (or it was deleted)."""
    row = _stored(ledger.conn, key)
    if row is None:
        raise NotFoundError("no_truce")
    return truce_of(row)


def truce_breach_counts(ledger: Ledger, key: str) -> tuple[int, int]:
    """How many breaches belong to the truce: (live, in the Trash)."""
    live, trashed = ledger.conn.execute(
        "SELECT count(*) FILTER (WHERE deleted_at IS NULL),"
        " count(*) FILTER (WHERE deleted_at IS NOT NULL) FROM breach WHERE truce_id = ?",
        (key,)).fetchone()
    return live, trashed


def truce_edit_effect(ledger: Ledger, truce: Truce) -> TruceEffect:
    """What saving `truce` (an edit of a stored one, with its `id`) would do to breaches,
    without saving: which would fall in another week since it, which would leave it and
    which would join it. Raises ValidationError for dates that are not dates, NotFoundError
    for a truce not in the file."""
    checked = checked_truce(truce)
    before = _stored(ledger.conn, truce.id)
    if before is None:
        raise NotFoundError("no_truce")
    return _effect(ledger.conn, before, checked)


def update_truce(ledger: Ledger, truce: Truce) -> TruceChanges:
    """Save the edits of a truce (name, dates, brokered by, notes), and move the breaches
    its new dates take in or leave out (see the module's words). One transaction; the
    truce and each breach moved are written to the change log.

    Raises ValidationError (name missing, a date that is not one, an end before the
    start) or NotFoundError (no such live truce); then nothing is saved.
    """
    checked = checked_truce(truce)
    with ledger.transaction() as conn:
        before = _stored(conn, truce.id)
        if before is None:
            raise NotFoundError("no_truce")
        if all(before[c] == checked[c] for c in _EDITABLE):
            return TruceChanges(truce.id, "", truce_of(before))
        effect = _effect(conn, before, checked)
        now = timestamp_after(before["updated_at"])
        conn.execute("UPDATE truce SET name = ?, start_date = ?, end_date = ?, brokered_by = ?,"
                     " notes = ?, updated_at = ? WHERE id = ?",
                     [checked[c] for c in _EDITABLE] + [now, truce.id])
        after = _stored(conn, truce.id)
        log_change(conn, ledger, "truce", truce.id, "update", before, after, now)
        for key in effect.leave:
            day = conn.execute("SELECT occurred_on FROM breach WHERE id = ?", (key,)).fetchone()[0]
            _move_breach(conn, ledger, key, truce_for_date(conn, day))
        for key in effect.join:
            _move_breach(conn, ledger, key, truce.id)
    return TruceChanges(truce.id, "update", truce_of(after), effect)


def delete_truce(ledger: Ledger, key: str) -> TruceChanges:
    """Delete a truce that no breach belongs to (it stays in the file as a tombstone, so
    that the delete reaches other offices when they merge).

    Raises LedgerError with code "truce_in_use" (params `count`, `trashed`) when breaches
    belong to it, live or in the Trash: a restored breach would name a truce that is gone.
    NotFoundError when there is no such live truce. Nothing is changed then.
    """
    with ledger.transaction() as conn:
        before = _stored(conn, key)
        if before is None:
            raise NotFoundError("no_truce")
        live, trashed = truce_breach_counts(ledger, key)
        if live + trashed:
            count = live + trashed
            raise LedgerError(
                "truce_in_use", count=count, trashed=trashed, name=before["name"])
        now = timestamp_after(before["updated_at"])
        conn.execute("UPDATE truce SET deleted_at = ?, updated_at = ? WHERE id = ?",
                     (now, now, key))
        log_change(conn, ledger, "truce", key, "delete", before,
                   fetch_dicts(conn, "SELECT * FROM truce WHERE id = ?", (key,))[0], now)
    return TruceChanges(key, "delete", None)


# Helpers.
def _stored(conn, key: str | None) -> dict | None:
    if not key:
        return None
    rows = fetch_dicts(conn, "SELECT * FROM truce WHERE id = ? AND deleted_at IS NULL", (key,))
    return rows[0] if rows else None


def _covers(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or day <= end)


def _effect(conn, before: dict, after: dict) -> TruceEffect:
    old_start, old_end = as_date(before["start_date"]), as_date(before["end_date"])
    new_start, new_end = as_date(after["start_date"]), as_date(after["end_date"])
    effect = TruceEffect()
    if (old_start, old_end) == (new_start, new_end):
        return effect
    for key, day_text in conn.execute(
            "SELECT id, occurred_on FROM breach WHERE truce_id = ? AND deleted_at IS NULL"
            " ORDER BY occurred_on, id", (before["id"],)):
        day = as_date(day_text)
        if _covers(old_start, old_end, day) and not _covers(new_start, new_end, day):
            effect.leave.append(key)
        elif (day - old_start).days // 7 != (day - new_start).days // 7:
            effect.change_week.append(key)
    # Only the days the edit adds: a breach the truce already covered, yet saved with no
    # truce, was saved so on purpose or before the truce was set up, and is left alone.
    for key, day_text in conn.execute(
            "SELECT id, occurred_on FROM breach WHERE truce_id IS NULL AND deleted_at IS NULL"
            " AND occurred_on >= ? ORDER BY occurred_on, id", (new_start.isoformat(),)):
        day = as_date(day_text)
        if _covers(new_start, new_end, day) and not _covers(old_start, old_end, day):
            effect.join.append(key)
    return effect


def _move_breach(conn, ledger: Ledger, key: str, truce_id: str | None) -> None:
    """Give a breach another truce (or none), logged like any edit of a breach."""
    before = breach_document(conn, key)
    if before["truce_id"] == truce_id:
        return
    now = timestamp_after(before["updated_at"])
    conn.execute("UPDATE breach SET truce_id = ?, updated_at = ? WHERE id = ?",
                 (truce_id, now, key))
    log_change(conn, ledger, "breach", key, "update", before, breach_document(conn, key), now)
