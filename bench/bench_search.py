"""Benchmark of the filter's text search with Arabic spelling folded, on 100,000 breaches.

On one demo file (`demo --size 100000`), for a few searches, prints:
- the time of the list's first page (200 rows, newest first) and of its count, through
  db.list_breaches / db.count_breaches, which look in the folded forms (`breach_key`);
- beside them, the same page and count with the search the filter made before folding:
  LIKE on the raw place, district and description, through bare sqlite3;
- the ratio, and how many breaches each finds (folding finds spellings LIKE misses).
Also what the folded forms cost: their share of the file, and of the demo's making.

    python bench/bench_search.py [--size 100000] [--db /tmp/search-bench.sqlite3]

With --db, the demo is made there once and used again by later runs (kept); without,
it is made in a temporary folder, removed at the end.
"""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import db  # noqa: E402
from db.demo import create_demo  # noqa: E402
from db.listing import breach_list_query  # noqa: E402

# What a user types: common Latin, an Arabic phrase as stored, the same spelt another way
# (ة as ه), a phrase with a vowel mark typed, and a text found nowhere (every row read).
SEARCHES = ["Khan", "غارة جوية", "غاره جويه", "قَصف", "nowhere at all"]
REPEAT = 7


def timed(work) -> tuple[float, object]:
    """The median time of `work` over REPEAT runs, and its last result."""
    times, result = [], None
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def bare_queries(text: str) -> tuple[str, str, list]:
    """The page and the count as the filter ran them before folding: LIKE on raw text."""
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    like = ("(b.place LIKE ? ESCAPE '\\' OR b.district LIKE ? ESCAPE '\\'"
            " OR b.description LIKE ? ESCAPE '\\')")
    page, _params = breach_list_query(db.BreachFilter())
    page = page.replace("WHERE b.deleted_at IS NULL", f"WHERE b.deleted_at IS NULL AND {like}")
    count = ("SELECT count(*), coalesce(sum(CASE WHEN b.status != 'discounted' THEN b.killed"
             f" END), 0) FROM breach b WHERE b.deleted_at IS NULL AND {like}")
    return page, count, [pattern] * 3


def bare_narrowed(text: str, governorate: str) -> tuple[str, str, list]:
    """bare_queries, narrowed as bench_core.py narrows: a governorate and four years."""
    page, count, params = bare_queries(text)
    narrow = ("WHERE b.deleted_at IS NULL AND b.governorate_id = ?"
              " AND b.occurred_on BETWEEN '2018-01-01' AND '2021-12-31' AND")
    return (page.replace("WHERE b.deleted_at IS NULL AND", narrow),
            count.replace("WHERE b.deleted_at IS NULL AND", narrow), [governorate] + params)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="truce-search-")) / "demo.sqlite3"
    if not path.exists():
        start = time.perf_counter()
        create_demo(path, size=args.size)
        print(f"demo --size {args.size}: {time.perf_counter() - start:.1f} s")
    bare = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    pages = bare.execute("PRAGMA page_count").fetchone()[0]
    key_pages = bare.execute(
        "SELECT count(*) FROM dbstat WHERE name IN ('breach_key', 'breach_key_by_place',"
        " 'sqlite_autoindex_breach_key_1')"
    ).fetchone()[0] if _has_dbstat(bare) else None
    breaches = bare.execute("SELECT count(*) FROM breach").fetchone()[0]
    print(f"{path}: {breaches:,} breaches, {path.stat().st_size / 1e6:.0f} MB"
          + (f", folded forms {key_pages / pages:.0%} of it" if key_pages is not None else ""))
    ledger = db.open_ledger(path, read_only=True)
    rows = []
    try:
        aleppo = db.find_by_name(ledger, "governorate", "Aleppo")
        for text, narrowed in [(text, False) for text in SEARCHES] + [("Khan", True)]:
            where = db.BreachFilter(text=text)
            if narrowed:
                where = db.BreachFilter(text=text, governorate_id=aleppo,
                                        date_from="2018-01-01", date_to="2021-12-31")
            ours_page, _ = timed(lambda: db.list_breaches(ledger, where, limit=200))
            ours_count, counted = timed(lambda: db.count_breaches(ledger, where))
            page_sql, count_sql, params = (bare_narrowed(text, aleppo) if narrowed
                                           else bare_queries(text))
            bare_page, _ = timed(lambda: bare.execute(page_sql, params + [200, 0]).fetchall())
            bare_count, (found_bare, _killed) = timed(
                lambda: bare.execute(count_sql, params).fetchone())
            label = text + (" (Aleppo, 2018–21)" if narrowed else "")
            rows.append((label, ours_page, bare_page, ours_count, bare_count,
                         counted.breaches, found_bare))
    finally:
        ledger.close()
        bare.close()
    if args.db is None:
        shutil.rmtree(path.parent, ignore_errors=True)
    print(f"\n{'search':26} {'page folded':>12} {'page LIKE':>10} {'ratio':>6}"
          f" {'count folded':>13} {'count LIKE':>11} {'ratio':>6} {'found':>8} {'by LIKE':>8}")
    for text, ours_page, bare_page, ours_count, bare_count, found, found_bare in rows:
        print(f"{text:26} {ms(ours_page):>12} {ms(bare_page):>10} {ours_page / bare_page:6.2f}"
              f" {ms(ours_count):>13} {ms(bare_count):>11} {ours_count / bare_count:6.2f}"
              f" {found:8,} {found_bare:8,}")
    return 0


def _has_dbstat(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("SELECT 1 FROM dbstat LIMIT 1").fetchall()
        return True
    except sqlite3.Error:
        return False


if __name__ == "__main__":
    sys.exit(main())
