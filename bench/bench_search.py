"""Benchmark of the filter's text search, read from the trigram index, and of pages deep
in the list, at 10,000, 100,000 and 1,000,000 breaches.

For each file, opened read-only, prints beside the bare library on the same file in the
same run (bare sqlite3), each the best of up to fifteen runs, in processor time
(--wall: wall-clock time):
- the first page of a search (200 rows, newest first), through db.list_breaches, for a
  rare phrase, a word in about 1% of the breaches, a word in about a quarter of them
  (common), Arabic words, and two letters (too short for trigrams). Bare: FTS5 MATCH of
  the phrase, joined to the breaches and sorted by date (what a page needs), and, as a
  floor, the first 200 matches of MATCH alone, in the index's order. For two letters,
  bare is instr over the folded texts walking the date index.
- the page after the tenth of the common word's search (keyset, `after=`), beside MATCH
  sorted from that row's key;
- the count of a search, through db.count_breaches (breaches and killed), beside a bare
  `count(*)` of MATCH alone;
- a page in the middle of the whole list by keyset (`after=`) and by OFFSET, beside a
  bare keyset SELECT from the same row's key;
then, for two files or more, how each time grew from one size to the next.

    python bench/bench_search.py --db /tmp/big/m1.sqlite3 --db /tmp/x100k.sqlite3
    python bench/bench_search.py --size 10000 --size 100000 [--wall]

--db reads a file that exists (never written); --size makes a demo of that size in a
temporary folder, removed at the end.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import db  # noqa: E402
from db.cipher import sqlite3  # noqa: E402
from db.demo import create_demo  # noqa: E402
from db.fold import fold  # noqa: E402

# (label, what a user types): the demo's texts as they fall at any size.
SEARCHES = [
    ("rare phrase", "Families forced to leave Al-Hamidiyah"),
    ("1% word", "Hamidiyah"),
    ("common word (24%)", "shelling"),
    ("Arabic, 10%", "قصف مدفعي"),
    ("Arabic, 0.4%", "تهجير"),
    ("found nowhere", "nowhere at all"),
    ("two letters", "al"),
]
COMMON = "shelling"
PAGE = 200
_KEY = "b.occurred_on, coalesce(b.occurred_at, ''), b.created_at, b.id"
_ORDER = ("b.occurred_on DESC, coalesce(b.occurred_at, '') DESC, b.created_at DESC,"
          " b.id DESC")
_MATCHED = ("SELECT b.* FROM breach_text f JOIN breach_key k ON k.n = f.rowid"
            " JOIN breach b ON b.id = k.breach_id WHERE breach_text MATCH ?"
            " AND b.deleted_at IS NULL")


# What a time is: the processor time of this process (SQLite works in it), which other
# work on a shared machine does not lengthen; --wall takes the wall clock's instead.
clock = time.process_time


def timed(work) -> float:
    """The shortest time of `work` in up to fifteen runs, as many as fit in two seconds
    (at least two)."""
    times: list[float] = []
    began = time.perf_counter()
    while len(times) < 2 or (len(times) < 15 and time.perf_counter() - began < 2):
        start = clock()
        work()
        times.append(clock() - start)
    return min(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def phrase(text: str) -> str:
    """The FTS5 phrase of a folded text, quoted: its bare query."""
    return '"' + fold(text).replace('"', '""') + '"'


def measure(path: Path) -> tuple[int, list[tuple[str, float, float, str]]]:
    """The number of breaches in the file and, for each work, (label, ours, bare, note)."""
    ledger = db.open_ledger(path, read_only=True)
    bare = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows: list[tuple[str, float, float, str]] = []
    try:
        (size,) = bare.execute("SELECT count(*) FROM breach WHERE deleted_at IS NULL").fetchone()
        for label, text in SEARCHES:
            where = db.BreachFilter(text=text)
            ours = timed(lambda: db.list_breaches(ledger, where, limit=PAGE))
            if len(fold(text)) < 3:
                sql = (f"SELECT b.* FROM breach b WHERE b.deleted_at IS NULL AND EXISTS"
                       " (SELECT 1 FROM breach_key k WHERE k.breach_id = b.id AND"
                       f" instr(k.text_key, ?) > 0) ORDER BY {_ORDER} LIMIT {PAGE}")
                plain = timed(lambda: bare.execute(sql, [fold(text)]).fetchall())
                rows.append((f"first page: {label}", ours, plain, "bare: instr walk"))
                continue
            sql = f"{_MATCHED} ORDER BY {_ORDER} LIMIT {PAGE}"
            plain = timed(lambda: bare.execute(sql, [phrase(text)]).fetchall())
            floor = timed(lambda: bare.execute(
                f"SELECT rowid FROM breach_text WHERE breach_text MATCH ? LIMIT {PAGE}",
                [phrase(text)]).fetchall())
            rows.append((f"first page: {label}", ours, plain, f"MATCH alone {ms(floor)}"))
        rows.append(_next_page(ledger, bare))
        for label, text in SEARCHES[:4]:
            where = db.BreachFilter(text=text)
            ours = timed(lambda: db.count_breaches(ledger, where))
            found = db.count_breaches(ledger, where).breaches
            plain = timed(lambda: bare.execute(
                "SELECT count(*) FROM breach_text WHERE breach_text MATCH ?",
                [phrase(text)]).fetchone())
            rows.append((f"count: {label}", ours, plain, f"{found:,} found"))
        rows += _middle(ledger, bare, size)
    finally:
        ledger.close()
        bare.close()
    return size, rows


def _next_page(ledger: db.Ledger, bare: sqlite3.Connection) -> tuple[str, float, float, str]:
    """The 11th page of the common word's search, after the 10th page's last row."""
    where = db.BreachFilter(text=COMMON)
    rows = db.list_breaches(ledger, where, limit=10 * PAGE)
    after = rows[-1].id
    ours = timed(lambda: db.list_breaches(ledger, where, after=after, limit=PAGE))
    key = bare.execute(f"SELECT {_KEY} FROM breach b WHERE b.id = ?", [after]).fetchone()
    sql = f"{_MATCHED} AND ({_KEY}) < (?, ?, ?, ?) ORDER BY {_ORDER} LIMIT {PAGE}"
    plain = timed(lambda: bare.execute(sql, [phrase(COMMON), *key]).fetchall())
    return (f"11th page of '{COMMON}' (keyset)", ours, plain, "bare: MATCH sorted")


def _middle(ledger: db.Ledger, bare: sqlite3.Connection, size: int
            ) -> list[tuple[str, float, float, str]]:
    """A page in the middle of the whole list: by keyset and by OFFSET."""
    middle = size // 2
    key = bare.execute(f"SELECT {_KEY} FROM breach b WHERE b.deleted_at IS NULL"
                       f" ORDER BY {_ORDER} LIMIT 1 OFFSET ?", [middle - 1]).fetchone()
    sql = (f"SELECT b.* FROM breach b WHERE b.deleted_at IS NULL AND ({_KEY}) < (?, ?, ?, ?)"
           f" ORDER BY {_ORDER} LIMIT {PAGE}")
    plain = timed(lambda: bare.execute(sql, key).fetchall())
    keyset = timed(lambda: db.list_breaches(ledger, after=key[-1], limit=PAGE))
    offset = timed(lambda: db.list_breaches(ledger, offset=middle, limit=PAGE))
    assert [r.id for r in db.list_breaches(ledger, after=key[-1], limit=PAGE)] == \
        [r.id for r in db.list_breaches(ledger, offset=middle, limit=PAGE)]
    note = f"row {middle:,}; bare: keyset SELECT"
    return [("page in the middle: keyset", keyset, plain, note),
            ("page in the middle: OFFSET", offset, plain, note)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, action="append", default=[])
    parser.add_argument("--size", type=int, action="append", default=[])
    parser.add_argument("--wall", action="store_true")
    args = parser.parse_args()
    global clock
    clock = time.perf_counter if args.wall else time.process_time
    folder = Path(tempfile.mkdtemp(prefix="truce-search-"))
    results = []
    try:
        paths = list(args.db)
        for size in args.size:
            paths.append(folder / f"demo{size}.sqlite3")
            start = time.perf_counter()
            create_demo(paths[-1], size=size)
            print(f"demo --size {size}: {time.perf_counter() - start:.1f} s", flush=True)
        for path in paths:
            size, rows = measure(path)
            results.append((size, rows))
            print(f"\n{path}: {size:,} live breaches")
            print(f"{'work':44} {'ours':>10} {'bare':>10} {'ratio':>6}  note")
            for label, ours, plain, note in rows:
                print(f"{label:44} {ms(ours):>10} {ms(plain):>10} {ours / plain:6.2f}  {note}",
                      flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    results.sort(key=lambda result: result[0])
    for (small, before), (large, after) in zip(results, results[1:]):
        print(f"\ngrowth {small:,} → {large:,} breaches ({large / small:.0f}×)")
        print(f"{'work':44} {'ours':>7} {'bare':>7}")
        for (label, ours, plain, _), (_, ours_large, plain_large, _) in zip(before, after):
            print(f"{label:44} {ours_large / ours:6.1f}×"
                  f" {plain_large / plain:6.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
