"""Benchmark of weekly totals and the workbook.

Prints, on the same machine:
- the time to compute weekly totals over 100,000 and 1,000,000 breaches, beside a bare
  sqlite3 GROUP BY over the same file;
- the time and peak memory to export 100,000 breaches, beside bare openpyxl write-only
  writing the same cells (read with a plain sqlite3 query). The export must stay within
  1.3 times the bare time and under 200 MB.

    python bench/bench_reports.py [--sizes 100000 1000000] [--export-size 100000]

Each export runs in a fresh process, so that its peak memory is its own.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import db  # noqa: E402
from db.demo import create_demo  # noqa: E402
from db.totals import scheme_for, weekly_totals  # noqa: E402

BARE_GROUP_BY = """
SELECT CAST((julianday(occurred_on) - julianday('2016-12-29')) AS INTEGER) / 7 AS week,
       count(*), sum(killed), sum(women), sum(children), sum(injured),
       sum(coalesce(killed_max, killed)), sum(coalesce(women_max, women)),
       sum(coalesce(children_max, children)), sum(coalesce(injured_max, injured))
FROM breach WHERE deleted_at IS NULL AND status != 'discounted'
      AND occurred_on >= '2016-12-29'
GROUP BY week ORDER BY week
"""

CHILD = r"""
import resource, sys, time
sys.path.insert(0, sys.argv[1])
mode, source, target = sys.argv[2], sys.argv[3], sys.argv[4]
start = time.perf_counter()
if mode == "ours":
    import db
    from db.totals import scheme_for
    from db.workbook import ExportOptions, export_workbook
    with db.open_ledger(source) as ledger:
        export_workbook(ledger, target, ExportOptions(scheme=scheme_for(ledger)))
else:
    # The same cells of the Breaches sheet, as plainly as openpyxl can be given them:
    # the same query, dates and times made dates and times, nothing else.
    import sqlite3
    from datetime import date, datetime, time as clock
    from openpyxl import Workbook
    from db.workbook import _BREACHES_SQL
    conn = sqlite3.connect(source)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Breaches")
    for row in conn.execute(_BREACHES_SQL.format(where="b.deleted_at IS NULL")):
        row = list(row)
        row[1] = date.fromisoformat(row[1])
        row[2] = clock.fromisoformat(row[2]) if row[2] else None
        row[24] = datetime.fromisoformat(row[24][:-1])
        row[25] = datetime.fromisoformat(row[25][:-1])
        sheet.append(row)
    book.save(target)
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def timed(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def export_run(mode: str, source: Path, target: Path) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), mode, str(source),
                          str(target)], capture_output=True, text=True, check=True).stdout
    seconds, megabytes = out.split()
    return float(seconds), float(megabytes)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--export-size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="truce-bench-reports-"))
    ok = True
    try:
        files = {}
        for size in sorted(set(args.sizes + [args.export_size])):
            path = folder / f"demo-{size}.sqlite3"
            start = time.perf_counter()
            create_demo(path, size=max(size - 251, 0))
            files[size] = path
            print(f"demo of {size} breaches: {time.perf_counter() - start:.0f} s, "
                  f"{path.stat().st_size / 1e6:.0f} MB")
        print(f"\n{'weekly totals':34} {'Truce Ledger':>12} {'bare GROUP BY':>14}  ratio")
        for size in args.sizes:
            import sqlite3
            with db.open_ledger(files[size]) as ledger:
                scheme = scheme_for(ledger)
                ours = timed(lambda: weekly_totals(ledger, scheme), args.runs)
            conn = sqlite3.connect(files[size])
            bare = timed(lambda: conn.execute(BARE_GROUP_BY).fetchall(), args.runs)
            conn.close()
            print(f"{f'{size:,} breaches':34} {ours:11.3f}s {bare:13.3f}s  {ours / bare:5.2f}")
        source = files[args.export_size]
        runs = {"ours": [], "bare": []}
        for _ in range(args.runs):  # interleaved, so that drift hits both alike
            for mode in ("bare", "ours"):
                runs[mode].append(export_run(mode, source, folder / f"{mode}.xlsx"))
        ours_s = statistics.median(r[0] for r in runs["ours"])
        bare_s = statistics.median(r[0] for r in runs["bare"])
        ours_mb = max(r[1] for r in runs["ours"])
        bare_mb = max(r[1] for r in runs["bare"])
        print(f"\n{f'export of {args.export_size:,} breaches':34} {'Truce Ledger':>12} "
              f"{'bare openpyxl':>14}  ratio")
        print(f"{'time (median of ' + str(args.runs) + ')':34} {ours_s:11.2f}s {bare_s:13.2f}s"
              f"  {ours_s / bare_s:5.2f}")
        print(f"{'peak memory':34} {ours_mb:10.0f}MB {bare_mb:12.0f}MB  {ours_mb / bare_mb:5.2f}")
        ok = ours_s <= 1.3 * bare_s and ours_mb < 200
        print(f"\nexport within 1.3 × bare time and under 200 MB: {'ok' if ok else 'NO'}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
