"""The search form of a text: Arabic spelling variants folded, so that a search finds a
word however it was typed.

People write one Arabic word several ways: with or without hamza on the alef (إعزاز,
اعزاز), with ta marbuta or ha at the end (مدرسة, مدرسه), with or without the vowel marks
and shadda (مُحَمَّد, محمد), stretched with tatweel (مـدرسة), on a Persian keyboard
(ی, ک), with Arabic-Indic digits, or pasted from a web page with marks of direction in
it. `fold` makes them all one text, which is only ever compared, never shown or stored
in place of what was typed.

The file keeps the folded forms of each breach's place and text in `breach_key` (schema
migration 2). `keep_folded` is called on every connection that the program writes with:
it registers `fold` with SQLite and adds temporary triggers (they live in the connection,
not in the file) that write a breach's folded forms in the same statement, hence the same
transaction, as the breach itself: a save, an import's INSERT … SELECT, a merge, a
restore and the demo alike. A tool that writes the file without the program (the sqlite3
shell) still can; it leaves the folded forms of the rows it changed as they were.
"""
from __future__ import annotations

import unicodedata

from .cipher import sqlite3

# Each letter folded to the one people also write for it.
_LETTERS = {
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # أ إ آ ٱ → ا
    "\u0629": "\u0647",  # ة → ه
    "\u0649": "\u064a",  # ى → ي
    "\u0624": "\u0648",  # ؤ → و
    "\u0626": "\u064a",  # ئ → ي
    "\u06cc": "\u064a",  # Persian ی → ي
    "\u06a9": "\u0643",  # Persian ک → ك
}
_DIGITS = {ord(c): str(i % 10) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")}
# Marks that change no letter: harakat, tanwin, shadda, sukun and the combining madda and
# hamza (U+064B–U+065F), superscript alef (U+0670), the Quranic marks, tatweel; marks of
# direction and characters of zero width (a copy from a web page holds them).
_DROPPED = ([*range(0x064B, 0x0660), 0x0670, *range(0x0610, 0x061B), *range(0x06D6, 0x06EE),
             0x0640, 0x061C, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
             *range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF, 0x00AD])
_TABLE = {ord(k): v for k, v in _LETTERS.items()} | _DIGITS | dict.fromkeys(_DROPPED, None)

# Between the folded place, district and description in `breach_key.text_key`: a
# search never holds it (fold makes it a space), so a match never spans two fields.
FIELD_SEPARATOR = "\x1f"


def fold(text: object) -> str:
    """`text` in the form searches compare: Arabic letters folded (أ إ آ ٱ → ا, ة → ه,
    ى → ي, ؤ → و, ئ → ي, Persian ی ک → ي ك), vowel marks, shadda and tatweel dropped,
    digits as 0-9, Latin letters in one case, marks of direction and zero-width
    characters dropped, compatibility forms (ﻻ, full-width letters) as their letters,
    and every run of spaces as one space, none at either end."""
    if text is None:
        return ""
    text = str(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_TABLE)
    return " ".join(text.casefold().split())


def search_text(place: object, district: object, description: object) -> str:
    """What the filter's text is looked for in: the folded place, district and description,
    kept apart."""
    return FIELD_SEPARATOR.join((fold(place), fold(district), fold(description)))


def fold_prefix_bounds(prefix: str) -> tuple[str, str]:
    """The range of folded texts that start with the folded `prefix` (low inclusive, high
    exclusive), for an index to read: no folded text holds U+10FFFF."""
    folded = fold(prefix)
    return folded, folded + "\U0010ffff"


# An upsert, not INSERT OR REPLACE: in a trigger, the OR of the statement that fired it
# (an upsert of the breach) would decide instead.
_KEEP_KEY = """
        INSERT INTO breach_key (breach_id, place_key, text_key)
        VALUES (NEW.id, ledger_fold(NEW.place),
                ledger_search_text(NEW.place, NEW.district, NEW.description))
        ON CONFLICT (breach_id) DO UPDATE SET
            place_key = excluded.place_key, text_key = excluded.text_key;"""
_TRIGGERS = (
    f"""CREATE TEMP TRIGGER IF NOT EXISTS breach_key_on_insert AFTER INSERT ON main.breach
    BEGIN{_KEEP_KEY}
    END""",
    f"""CREATE TEMP TRIGGER IF NOT EXISTS breach_key_on_update
    AFTER UPDATE OF id, place, district, description ON main.breach
    BEGIN
        DELETE FROM breach_key WHERE breach_id = OLD.id AND OLD.id IS NOT NEW.id;{_KEEP_KEY}
    END""",
    """CREATE TEMP TRIGGER IF NOT EXISTS breach_key_on_delete AFTER DELETE ON main.breach
    BEGIN
        DELETE FROM breach_key WHERE breach_id = OLD.id;
    END""",
)


def register_fold(conn: sqlite3.Connection) -> None:
    """Make `fold` and `search_text` callable from SQL on `conn`."""
    conn.create_function("ledger_fold", 1, fold, deterministic=True)
    conn.create_function("ledger_search_text", 3, search_text, deterministic=True)


def keep_folded(conn: sqlite3.Connection) -> None:
    """From now on, every breach that `conn` writes gets its folded forms in `breach_key`
    in the same statement. Call once the file holds `breach_key` (schema 2)."""
    register_fold(conn)
    for trigger in _TRIGGERS:
        conn.execute(trigger)


class NamedEntries:
    """The live entries of a list (`table`: actor, breach_type, gazetteer, source, truce),
    read once, found by name as `find_named` says. An import holds one for each list it
    names entries of, so that 100,000 rows ask the file nothing more."""

    def __init__(self, conn: sqlite3.Connection, table: str):
        columns = [d[0] for d in conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
        rows = conn.execute(
            f"SELECT id, name, {'name_ar' if 'name_ar' in columns else chr(39) * 2}"
            f" FROM {table} WHERE deleted_at IS NULL ORDER BY created_at, rowid")
        # Each name to (its entry's place in the list's order, key): the first of equals.
        self.by_name: dict[str, tuple[int, str]] = {}  # any case
        self.by_arabic: dict[str, tuple[int, str]] = {}
        self.by_fold: dict[str, tuple[int, str]] = {}
        for place, (key, own, own_ar) in enumerate(rows):
            self.by_name.setdefault(own.casefold(), (place, key))
            self.by_fold.setdefault(fold(own), (place, key))
            if own_ar:
                self.by_arabic.setdefault(own_ar, (place, key))
                self.by_fold.setdefault(fold(own_ar), (place, key))

    def find(self, name: str) -> str | None:
        """The key of the entry called `name`, as `find_named` finds it."""
        folded = fold(name)
        if not folded:
            return None
        written = str(name).strip()
        found = [hit for hit in (self.by_name.get(written.casefold()),
                                 self.by_arabic.get(written)) if hit]
        if found:
            return min(found)[1]
        hit = self.by_fold.get(folded)
        return hit[1] if hit else None


def find_named(conn: sqlite3.Connection, table: str, name: str) -> str | None:
    """The key of the live entry of a list (`table`: actor, breach_type, gazetteer, source,
    truce) called `name`, in its name or, where the list has one, its Arabic name: one
    written so (any case) first, else one whose name folds to the same text
    ("الجيش السّوري" is "الجيش السوري"); the oldest of several. None if there is none.
    The lists are short: their names are folded here, as they are read."""
    return NamedEntries(conn, table).find(name)


def readable_keys(conn: sqlite3.Connection) -> None:
    """Let searches read `breach_key` on a connection that cannot write: a file of
    schema 1 opened read-only (nothing may be migrated) gets a temporary view that folds
    each breach as it is read (slower, and only on this connection)."""
    if conn.execute("SELECT 1 FROM main.sqlite_master WHERE type = 'table'"
                    " AND name = 'breach_key'").fetchone():
        return
    register_fold(conn)
    conn.execute(
        "CREATE TEMP VIEW IF NOT EXISTS breach_key AS SELECT id AS breach_id,"
        " ledger_fold(place) AS place_key,"
        " ledger_search_text(place, district, description) AS text_key FROM main.breach")


def fill_breach_keys(conn: sqlite3.Connection) -> None:
    """Write the folded forms of every breach the file holds (migration 2)."""
    rows = conn.execute("SELECT id, place, district, description FROM breach")
    conn.executemany(
        "INSERT OR REPLACE INTO breach_key (breach_id, place_key, text_key) VALUES (?, ?, ?)",
        ((key, fold(place), search_text(place, district, description))
         for key, place, district, description in rows))
