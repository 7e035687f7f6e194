"""Benchmark: what the ledger writes beyond the rows themselves, beside the rows.

An import or a merge of N breaches writes their rows (breaches, citations, victims,
sources, actors, change-log entries) and, in the same transaction, what the ledger keeps
from them: each breach's folded search text and its trigram index (the text filter), the
sums of each day and month (weekly totals) and the count of each place (the place
field's completion). The bare libraries that bench_import.py and bench_merge.py compare
with write the rows only.

This prints, on the same data in one run:
- the rows of a demo ledger of N breaches written with bare sqlite3 `executemany` into
  an empty ledger, in one transaction;
- then, on that file, the kept data of those same rows written as the migrations write
  them (db/fold.py, db/day_sums.py, db/place_uses.py), each in one transaction;
- the ratio of the second to the first: the least an import or a merge costs beyond the
  bare write of its rows, however fast the rest of its work.

    python bench/bench_floor.py [--size 100000]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROWS = ("source", "actor", "breach", "citation", "victim", "change_log")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    import db
    from db.cipher import sqlite3  # bare SQLite as the program has it (see tests/conftest.py)
    from db.day_sums import fill_day_sums, fill_month_sums
    from db.demo import create_demo
    from db.fold import fill_breach_keys, register_fold
    from db.place_uses import fill_place_uses

    folder = Path(tempfile.mkdtemp(prefix="truce-bench-floor-"))
    try:
        demo, target = folder / "demo.sqlite3", folder / "target.sqlite3"
        create_demo(demo, size=max(args.size - 251, 0))
        db.open_ledger(target).close()  # an empty ledger: its tables, indexes and seeds
        with sqlite3.connect(demo) as source:
            rows = {table: source.execute(f"SELECT * FROM {table}").fetchall()
                    for table in ROWS}
        # A connection of its own: none of the ledger's TEMP triggers, so the rows only.
        conn = sqlite3.connect(target, isolation_level=None)
        conn.execute("PRAGMA synchronous = FULL")
        begin = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for table in ROWS:
            if rows[table]:
                marks = ", ".join("?" * len(rows[table][0]))
                conn.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})",
                                 rows[table])
        conn.execute("COMMIT")
        bare = time.perf_counter() - begin
        register_fold(conn)
        kept = {}
        for name, fill in (("search text and its index", fill_breach_keys),
                           ("sums of each day", fill_day_sums),
                           ("sums of each month", fill_month_sums),
                           ("counts of each place", fill_place_uses)):
            begin = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            fill(conn)
            conn.execute("COMMIT")
            kept[name] = time.perf_counter() - begin
        conn.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    breaches = len(rows["breach"])
    print(f"{breaches:,} breaches, {len(rows['victim']):,} victims, "
          f"{len(rows['change_log']):,} change-log entries")
    print(f"{'the rows, bare executemany':34} {bare:7.2f} s")
    for name, seconds in kept.items():
        print(f"{name:34} {seconds:7.2f} s {seconds / bare:6.2f}")
    total = sum(kept.values())
    print(f"{'all the kept data':34} {total:7.2f} s {total / bare:6.2f}")
    print(f"\nan import or merge writes both: at least {(bare + total) / bare:.2f} times "
          "the bare write of its rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
