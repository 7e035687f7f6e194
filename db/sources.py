"""What a user does to the list of sources itself: rename one, merge two that are the
same, delete one that no breach cites. Each is one transaction, written to the change
log, and returns what changed.

Adding and editing a source's details is `save_source` (db/lists.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .cipher import sqlite3
from .breaches import breach_document, log_change
from .errors import NotFoundError, ValidationError
from .lists import source_name_problem
from .records import timestamp_after
from .rules import clean_text
from .store import Ledger, fetch_dicts


@dataclass
class SourceChanges:
    """What a Sources action changed, so that each view refreshes only what it shows."""

    changed: list[str] = field(default_factory=list)  # sources whose row changed
    removed: list[str] = field(default_factory=list)  # sources now tombstones
    breaches: list[str] = field(default_factory=list)  # breaches whose citations changed
    moved: int = 0  # citations that now cite the source kept by a merge
    joined: int = 0  # citations folded into the kept source's citation of the same breach

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed or self.breaches)


def rename_source(ledger: Ledger, key: str, name: str) -> SourceChanges:
    """Give the live source `key` a new name.

    Raises ValidationError ("required", "semicolon", "too_long", or "source_name_taken"
    when another live source is called so: merge the two instead) and NotFoundError when
    there is no such live source. Nothing changes when the name is the same.
    """
    name = clean_text(name)
    with ledger.transaction() as conn:
        before = _live_source(conn, key)
        problem = source_name_problem(conn, name, key)
        if problem:
            raise ValidationError({"name": problem})
        if before["name"] == name:
            return SourceChanges()
        now = timestamp_after(before["updated_at"])
        conn.execute("UPDATE source SET name = ?, updated_at = ? WHERE id = ?", (name, now, key))
        log_change(conn, ledger, "source", key, "update", before, _source_row(conn, key), now)
    return SourceChanges(changed=[key])


def merge_sources(ledger: Ledger, merged_key: str, kept_key: str) -> SourceChanges:
    """Merge the source `merged_key` into `kept_key`: every citation of the one cites the
    other (in the Trash's breaches too), and the merged source becomes a tombstone.

    A breach that cited both cites the kept source once: its citation of the merged
    source is folded into the other, whose empty reference, date and note take the
    merged one's (two different texts are both kept). The kept source takes the merged
    one's contact if it has none, and its notes. Every breach touched gets a change-log
    entry and a newer `updated_at`, so that the change reaches other offices by merge.

    Raises ValidationError "merge_same_source" when both keys are one, NotFoundError
    when either is not a live source.
    """
    if merged_key == kept_key:
        raise ValidationError.of("source", "merge_same_source")
    changes = SourceChanges(changed=[kept_key], removed=[merged_key])
    with ledger.transaction() as conn:
        merged, kept = _live_source(conn, merged_key), _live_source(conn, kept_key)
        breach_keys = [row[0] for row in conn.execute(
            "SELECT DISTINCT breach_id FROM citation WHERE source_id = ? AND deleted_at IS NULL"
            " ORDER BY breach_id", (merged_key,))]
        for breach_key in breach_keys:
            moved, joined = _move_citations(conn, ledger, breach_key, merged_key, kept_key)
            changes.moved += moved
            changes.joined += joined
            changes.breaches.append(breach_key)
        now = timestamp_after(max(merged["updated_at"], kept["updated_at"]))
        contact = kept["contact"] or merged["contact"]
        notes = kept["notes"]
        if merged["notes"] and merged["notes"] not in notes:
            notes = f"{notes}\n{merged['notes']}" if notes else merged["notes"]
        conn.execute("UPDATE source SET contact = ?, notes = ?, updated_at = ? WHERE id = ?",
                     (contact, notes, now, kept_key))
        log_change(conn, ledger, "source", kept_key, "update", kept, _source_row(conn, kept_key),
                   now)
        conn.execute("UPDATE source SET deleted_at = ?, updated_at = ? WHERE id = ?",
                     (now, now, merged_key))
        log_change(conn, ledger, "source", merged_key, "delete", merged,
                   _source_row(conn, merged_key), now)
    return changes


def delete_source(ledger: Ledger, key: str) -> SourceChanges:
    """Move a source that no live breach cites to the tombstones.

    Raises ValidationError "source_cited" with `count`, the number of live breaches
    citing it (merge it into another source instead), and NotFoundError when there is
    no such live source. Citations by breaches in the Trash keep pointing at it.
    """
    with ledger.transaction() as conn:
        before = _live_source(conn, key)
        count = citing_breaches(conn, key)
        if count:
            raise ValidationError.of("source", "source_cited", count=count)
        now = timestamp_after(before["updated_at"])
        conn.execute("UPDATE source SET deleted_at = ?, updated_at = ? WHERE id = ?",
                     (now, now, key))
        log_change(conn, ledger, "source", key, "delete", before, _source_row(conn, key), now)
    return SourceChanges(removed=[key])


def citing_breaches(conn: sqlite3.Connection, key: str) -> int:
    """How many live breaches cite the source `key`."""
    return conn.execute(
        "SELECT count(DISTINCT c.breach_id) FROM citation c JOIN breach b ON b.id = c.breach_id"
        " WHERE c.source_id = ? AND c.deleted_at IS NULL AND b.deleted_at IS NULL",
        (key,)).fetchone()[0]


def _move_citations(conn: sqlite3.Connection, ledger: Ledger, breach_key: str, merged_key: str,
                    kept_key: str) -> tuple[int, int]:
    """Make one breach's citations of `merged_key` cite `kept_key`, once; log the breach."""
    before = breach_document(conn, breach_key)
    now = timestamp_after(before["updated_at"])
    kept = next((c for c in before["citations"] if c["source_id"] == kept_key), None)
    moved = joined = 0
    for citation in before["citations"]:
        if citation["source_id"] != merged_key:
            continue
        if kept is None:
            conn.execute("UPDATE citation SET source_id = ?, updated_at = ? WHERE id = ?",
                         (kept_key, now, citation["id"]))
            kept = dict(citation, source_id=kept_key)
            moved += 1
            continue
        for column in ("reference", "note"):
            kept[column] = _joined(kept[column], citation[column])
        kept["reported_on"] = kept["reported_on"] or citation["reported_on"]
        conn.execute("UPDATE citation SET reference = ?, note = ?, reported_on = ?,"
                     " updated_at = ? WHERE id = ?",
                     (kept["reference"], kept["note"], kept["reported_on"], now, kept["id"]))
        conn.execute("UPDATE citation SET deleted_at = ?, updated_at = ? WHERE id = ?",
                     (now, now, citation["id"]))
        joined += 1
    conn.execute("UPDATE breach SET updated_at = ? WHERE id = ?", (now, breach_key))
    log_change(conn, ledger, "breach", breach_key, "update", before,
               breach_document(conn, breach_key), now)
    return moved, joined


def _joined(kept: str, merged: str) -> str:
    """Two citations' texts as one: either, or both when they differ."""
    if not merged or merged == kept:
        return kept
    return f"{kept} | {merged}" if kept else merged


def _live_source(conn: sqlite3.Connection, key: str) -> dict:
    rows = fetch_dicts(conn, "SELECT * FROM source WHERE id = ? AND deleted_at IS NULL", (key,))
    if not rows:
        raise NotFoundError("no_such_source")
    return rows[0]


def _source_row(conn: sqlite3.Connection, key: str) -> dict:
    return fetch_dicts(conn, "SELECT * FROM source WHERE id = ?", (key,))[0]
