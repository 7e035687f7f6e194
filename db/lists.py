"""The lists behind the pickers (governorates, actors, breach types), truces and sources."""
from __future__ import annotations

from dataclasses import replace

from .history import log_change
from .errors import NotFoundError, ValidationError
from .fold import find_named, fold, fold_prefix_bounds
from .records import (RELIABILITY, SOURCE_KINDS, Choice, Source, Truce, as_date, new_id,
                      timestamp_after, utc_now)
from .rules import MAX_SHORT_TEXT, Problems, clean_text, holds_separator
from .store import Ledger, fetch_dicts

SOURCE_COLUMNS = ("id", "name", "kind", "reliability", "contact", "notes")


def governorates(ledger: Ledger) -> list[Choice]:
    """The gazetteer's governorates, by English name."""
    return [Choice(*row) for row in ledger.conn.execute(
        "SELECT id, name, name_ar FROM gazetteer WHERE kind = 'governorate'"
        " AND deleted_at IS NULL ORDER BY name")]


def actors(ledger: Ledger) -> list[Choice]:
    """The office's list of perpetrators, "Unknown" included."""
    return [Choice(*row) for row in ledger.conn.execute(
        "SELECT id, name, name_ar FROM actor WHERE deleted_at IS NULL ORDER BY name")]


def breach_types(ledger: Ledger) -> list[Choice]:
    """The kinds of breach, in the order they ship (most common first), then added ones."""
    return [Choice(*row) for row in ledger.conn.execute(
        "SELECT id, name, name_ar FROM breach_type WHERE deleted_at IS NULL"
        " ORDER BY created_at, rowid")]


def find_by_name(ledger: Ledger, kind: str, name: str) -> str | None:
    """The key of the live governorate, actor, breach type, source or truce called `name`.

    The match ignores case and also looks at Arabic names where the list has them; a name
    written as typed wins, else one spelt another way (db/fold.py: "الجيش السوري" finds
    "الجيش السّوري", "اعزاز" finds "إعزاز").
    """
    table = {"governorate": "gazetteer", "actor": "actor", "breach_type": "breach_type",
             "source": "source", "truce": "truce"}[kind]
    return find_named(ledger.conn, table, clean_text(name))


def add_actor(ledger: Ledger, name: str, name_ar: str = "", key: str | None = None) -> str:
    """Add a perpetrator to the office's list, or return the one already called so."""
    return _add_choice(ledger, "actor", name, name_ar, key)


def add_breach_type(ledger: Ledger, name: str, name_ar: str = "") -> str:
    """Add a kind of breach to the list, or return the one already called so."""
    return _add_choice(ledger, "breach_type", name, name_ar)


def _add_choice(ledger: Ledger, table: str, name: str, name_ar: str,
                key: str | None = None) -> str:
    name, name_ar = clean_text(name), clean_text(name_ar)
    if not name:
        raise ValidationError.of("name", "required", field="name")
    existing = find_by_name(ledger, table, name)
    if existing:
        return existing
    key, now = key or new_id(), utc_now()
    with ledger.transaction() as conn:
        extra = ("code", ) if table == "breach_type" else ()
        columns = ("id", "name", "name_ar") + extra + ("created_at", "updated_at")
        values = [key, name, name_ar] + ([name.lower()] if extra else []) + [now, now]
        conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES"
                     f" ({', '.join('?' * len(columns))})", values)
        log_change(conn, ledger, table, key, "insert", None,
                   fetch_dicts(conn, f"SELECT * FROM {table} WHERE id = ?", (key,))[0], now)
    return key


def places(ledger: Ledger, prefix: str = "", limit: int = 50) -> list[str]:
    """Places of earlier breaches that start with `prefix`, most used first, for completion.

    The prefix is matched with spelling folded (db/fold.py: "مدرسه" offers "مدرسة"), through
    the counts of places kept as breaches are written (db/place_uses.py); each place is
    offered as it was written."""
    low, high = fold_prefix_bounds(prefix)
    return [row[0] for row in ledger.conn.execute(
        "SELECT place FROM place_use WHERE place_key >= ? AND place_key < ?"
        " ORDER BY breaches DESC, place LIMIT ?", (low, high, limit))]


def add_truce(ledger: Ledger, truce: Truce) -> str:
    """Record a truce; its start date is where its weeks are counted from."""
    values = checked_truce(truce)
    key, now = truce.id or new_id(), utc_now()
    with ledger.transaction() as conn:
        conn.execute(
            "INSERT INTO truce (id, name, start_date, end_date, brokered_by, notes, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (key, values["name"], values["start_date"], values["end_date"],
             values["brokered_by"], values["notes"], now, now))
        log_change(conn, ledger, "truce", key, "insert", None,
                   fetch_dicts(conn, "SELECT * FROM truce WHERE id = ?", (key,))[0], now)
    return key


def truces(ledger: Ledger) -> list[Truce]:
    """The truces, latest first."""
    return [truce_of(r) for r in fetch_dicts(
        ledger.conn, "SELECT * FROM truce WHERE deleted_at IS NULL ORDER BY start_date DESC")]


def truce_of(row: dict) -> Truce:
    """A truce as read from its row."""
    return Truce(name=row["name"], start_date=row["start_date"], end_date=row["end_date"],
                 brokered_by=row["brokered_by"], notes=row["notes"], id=row["id"])


def checked_truce(truce: Truce) -> dict:
    """The truce's values as stored (text, ISO dates); ValidationError if they break a rule
    (a new truce and an edited one alike)."""
    start, end = as_date(truce.start_date), as_date(truce.end_date)
    problems = Problems()
    if not clean_text(truce.name):
        problems.fail("name", "required", field="name")
    if start is None:
        problems.fail("start_date", "not_a_date", field="start_date")
    if truce.end_date not in (None, "") and end is None:
        problems.fail("end_date", "not_a_date", field="end_date")
    elif end is not None and start is not None and end < start:
        problems.fail("end_date", "end_before_start")
    if problems:
        raise ValidationError(problems.codes)
    return {"name": clean_text(truce.name), "start_date": start.isoformat(),
            "end_date": end.isoformat() if end else None,
            "brokered_by": clean_text(truce.brokered_by), "notes": clean_text(truce.notes)}


def save_source(ledger: Ledger, source: Source) -> Source:
    """Add a source (no `id`) or save the edits of one. Returns it as stored."""
    source = replace(source, name=clean_text(source.name), contact=clean_text(source.contact),
                     notes=clean_text(source.notes), kind=clean_text(source.kind) or "other",
                     reliability=clean_text(source.reliability) or "unknown")
    problems = Problems()
    problem = source_name_problem(ledger.conn, source.name, source.id)
    if problem:
        problems.fail("name", problem[0], **problem[1])
    if source.kind not in SOURCE_KINDS:
        problems.fail("kind", "one_of", field="kind", allowed=", ".join(SOURCE_KINDS))
    if source.reliability not in RELIABILITY:
        problems.fail("reliability", "one_of", field="reliability",
                      allowed=", ".join(RELIABILITY))
    if problems:
        raise ValidationError(problems.codes)
    with ledger.transaction() as conn:
        before = fetch_dicts(conn, "SELECT * FROM source WHERE id = ?", (source.id,)) if source.id else []
        before = before[0] if before else None
        key = source.id or new_id()
        now = timestamp_after(before["updated_at"] if before else None)
        values = {c: getattr(source, c) for c in SOURCE_COLUMNS}
        values["id"] = key
        if before is None:
            conn.execute(
                "INSERT INTO source (id, name, kind, reliability, contact, notes, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [values[c] for c in SOURCE_COLUMNS] + [now, now])
        elif any(before[c] != values[c] for c in SOURCE_COLUMNS):
            conn.execute(
                "UPDATE source SET name = ?, kind = ?, reliability = ?, contact = ?, notes = ?,"
                " updated_at = ? WHERE id = ?",
                [values[c] for c in SOURCE_COLUMNS[1:]] + [now, key])
        else:
            return get_source(ledger, key)
        after = fetch_dicts(conn, "SELECT * FROM source WHERE id = ?", (key,))[0]
        log_change(conn, ledger, "source", key, "update" if before else "insert", before, after,
                   now)
    return get_source(ledger, key)


def source_name_problem(conn, name: str, key: str | None = None) -> tuple[str, dict] | None:
    """Why `name` (cleaned) cannot be the name of the source `key` (None: a new one), as
    (code, params), or None when it can: it is empty, holds ";", is too long, or another
    live source is called so, in any case (two of one name make junk: merge them)."""
    if not name:
        return "required", {"field": "name"}
    if holds_separator(name):
        return "semicolon", {"field": "name"}
    if len(name) > MAX_SHORT_TEXT:
        return "too_long", {"field": "name", "limit": MAX_SHORT_TEXT}
    if _another_source_named(conn, name, key):
        return "source_name_taken", {"name": name}
    return None


def _another_source_named(conn, name: str, key: str | None) -> bool:
    """Whether a live source other than `key` is called `name`, in any case or spelt another
    way (db/fold.py: "شبكة حلب" and "شبكه حلب" are one name). Two sources of the file whose
    names fold alike (made before this rule) stay as they are: an edit of one that keeps
    its name is refused only by a name written the same."""
    if conn.execute("SELECT 1 FROM source WHERE deleted_at IS NULL AND name = ?"
                    " COLLATE NOCASE AND id IS NOT ? LIMIT 1", (name, key)).fetchone():
        return True
    folded = fold(name)
    if key is not None:
        own = conn.execute("SELECT name FROM source WHERE id = ?", (key,)).fetchone()
        if own and fold(own[0]) == folded:
            return False
    return any(fold(other) == folded for (other,) in conn.execute(
        "SELECT name FROM source WHERE deleted_at IS NULL AND id IS NOT ?", (key,)))


def get_source(ledger: Ledger, key: str) -> Source:
    """The source with this key."""
    rows = fetch_dicts(ledger.conn, "SELECT * FROM source WHERE id = ?", (key,))
    if not rows:
        raise NotFoundError("no_such_source", key=key)
    return Source(**rows[0])


def sources(ledger: Ledger) -> list[tuple[Source, int]]:
    """Every live source with the number of live breaches that cite it, by name.

    Reads every citation: for the Sources view, not for every keystroke.
    """
    # Every citing breach (from an index alone), less those in the Trash (a few).
    cited = dict(ledger.conn.execute(
        "SELECT source_id, count(DISTINCT breach_id) FROM citation WHERE deleted_at IS NULL"
        " GROUP BY source_id"))
    for source_id, trashed in ledger.conn.execute(
            # CROSS JOIN: from the few deleted breaches to their citations, not the other way.
            "SELECT c.source_id, count(DISTINCT c.breach_id) FROM breach b"
            " CROSS JOIN citation c ON c.breach_id = b.id WHERE b.deleted_at IS NOT NULL"
            " AND c.deleted_at IS NULL GROUP BY c.source_id"):
        cited[source_id] -= trashed
    return [(Source(**row), cited.get(row["id"], 0)) for row in fetch_dicts(
        ledger.conn, "SELECT * FROM source WHERE deleted_at IS NULL"
                     " ORDER BY name COLLATE NOCASE")]


def source_choices(ledger: Ledger) -> list[Choice]:
    """The live sources' keys and names, by name: cheap, for completion as one types (match
    what is typed with db.fold.fold on both sides, so that spelling variants are found)."""
    return [Choice(*row) for row in ledger.conn.execute(
        "SELECT id, name, '' FROM source WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE")]


def count_sources(ledger: Ledger) -> int:
    """How many live sources the file holds."""
    return ledger.conn.execute("SELECT count(*) FROM source WHERE deleted_at IS NULL").fetchone()[0]
