"""Benchmark of bringing data in.

Prints, on the same machine:
- how long the readers take to read the Breaches sheet of an exported workbook of N
  breaches: python-calamine (which the import uses) and openpyxl's read-only mode (the
  measurement behind that choice), and Python's csv module for the same rows as CSV;
- the time and peak memory to import those N rows from .xlsx and from .csv into an
  empty database, beside reading the same file with the bare library;
- the time to merge two databases of N breaches (half of them shared, each with its own
  edits), beside copying N breaches with a bare INSERT … SELECT;
- how long an import of L rows (60,000 by default), and a merge of the file they came
  from into an empty one, hold the file's write lock (another copy's save waits that long
  at most), beside writing the same rows (the breaches,
  citations, victims and change-log entries the import wrote) into an empty file in one
  transaction with bare sqlite3: by executemany, and by INSERT … SELECT from a staged copy
  (what the import does).

    python bench/bench_import.py [--size 100000] [--lock-size 60000] [--lock-only]
                                 [--import-sizes 10000,100000] [--import-only]

First, for each of --import-sizes: an import of a full export into an empty file (time,
peak memory, ratio) beside a bare python-calamine read of the same sheets + executemany
of the rows that import wrote, in the same run, and the same import with the schema-3
TEMP triggers dropped (their share of the time).

Each timed run is a fresh process, so that its peak memory is its own.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import csv, resource, sys, time
sys.path.insert(0, sys.argv[1])
mode, path, target = sys.argv[2], sys.argv[3], sys.argv[4]
start = time.perf_counter()
if mode == "calamine":
    from python_calamine import CalamineWorkbook
    rows = CalamineWorkbook.from_path(path).get_sheet_by_name("Breaches").to_python()
elif mode == "openpyxl":
    from openpyxl import load_workbook
    book = load_workbook(path, read_only=True)
    rows = list(book["Breaches"].iter_rows(values_only=True))
elif mode == "csv":
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
elif mode in ("import", "import-untriggered"):
    import db
    from db.importer import import_file
    with db.open_ledger(target, user="bench") as ledger:
        db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
        if mode == "import-untriggered":  # the share of the schema-3 TEMP triggers
            for (name,) in ledger.conn.execute(
                    "SELECT name FROM temp.sqlite_master WHERE type = 'trigger'").fetchall():
                ledger.conn.execute(f"DROP TRIGGER temp.{name}")
        start = time.perf_counter()
        report = import_file(ledger, path)
    rows = range(report.new)
elif mode == "bare-import":  # a bare calamine read of the sheets + executemany of the rows
    import sqlite3                            # the import wrote (sys.argv[5]), read untimed
    from python_calamine import CalamineWorkbook
    tables = ("source", "actor", "truce", "breach", "citation", "victim", "change_log")
    with sqlite3.connect(sys.argv[5]) as imported:
        written = {t: imported.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    start = time.perf_counter()
    book = CalamineWorkbook.from_path(path)
    sheets = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names
              if name in ("Breaches", "Victims", "Sources")}
    conn.execute("BEGIN IMMEDIATE")
    for table in tables:
        if written[table]:
            marks = ", ".join("?" * len(written[table][0]))
            conn.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", written[table])
    conn.execute("COMMIT")
    rows = written["breach"]
elif mode == "merge":
    import db
    from db.merge import merge_file
    with db.open_ledger(target, user="bench") as ledger:
        report = merge_file(ledger, path)
    rows = range(report.added + report.updated)
elif mode in ("lock", "merge-lock"):  # how long an import (a merge) holds the write lock
    import contextlib
    import db
    from db.importer import import_file
    from db.merge import merge_file
    from db.store import Ledger
    held = []
    transaction = Ledger.transaction

    @contextlib.contextmanager
    def timed(self):
        outer = not self._depth
        with transaction(self) as conn:
            begun = time.perf_counter()
            yield conn
        if outer:
            held.append(time.perf_counter() - begun)

    Ledger.transaction = timed
    with db.open_ledger(target, user="bench") as ledger:
        if mode == "lock":
            db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
        held.clear()
        if mode == "lock":
            count = import_file(ledger, path).new
        else:
            count = merge_file(ledger, path).added
    print(max(held), count)
    sys.exit(0)
elif mode == "bare-lock":
    import sqlite3
    import db
    rows = {}
    with sqlite3.connect(path) as imported:  # the rows the import wrote, as it wrote them
        for table in ("source", "actor", "truce", "breach", "citation", "victim",
                      "change_log"):
            rows[table] = imported.execute(f"SELECT * FROM {table}").fetchall()
    db.open_ledger(target).close()
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    for table in ("source", "actor", "truce"):  # the lists the rows point to, untimed
        marks = ", ".join("?" * len(rows[table][0]))
        conn.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", rows[table])
    if sys.argv[5:] == ["select"]:  # the rows staged first, then copied in one statement each
        conn.execute("ATTACH DATABASE '' AS stage")
        for table in ("breach", "citation", "victim", "change_log"):
            conn.execute(f"CREATE TABLE stage.{table} AS SELECT * FROM main.{table} WHERE 0")
            marks = ", ".join("?" * len(rows[table][0]))
            conn.executemany(f"INSERT INTO stage.{table} VALUES ({marks})", rows[table])
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for table in ("breach", "citation", "victim", "change_log"):
        if sys.argv[5:] == ["select"]:
            conn.execute(f"INSERT OR IGNORE INTO main.{table} SELECT * FROM stage.{table}")
        elif rows[table]:
            marks = ", ".join("?" * len(rows[table][0]))
            conn.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", rows[table])
    conn.execute("COMMIT")
    print(time.perf_counter() - start, len(rows["breach"]))
    sys.exit(0)
elif mode == "bare-merge":
    import sqlite3
    conn = sqlite3.connect(target)
    conn.execute("ATTACH DATABASE ? AS theirs", (path,))
    with conn:
        for table in ("breach", "citation", "victim"):
            conn.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM theirs.{table}")
    rows = [1]
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(rows),
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def child(mode: str, path: Path, target: Path | str = "-", *more: str,
          readers: list | None = None) -> tuple[float, float, int]:
    """Seconds, peak MB and rows of one timed run in a fresh process; `readers`, if given,
    is told the peak MB of the processes it started (the workbook reader)."""
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), mode, str(path), str(target),
                          *more], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    seconds, megabytes, rows, theirs = out.stdout.split()
    if readers is not None:
        readers.append(float(theirs))
    return float(seconds), float(megabytes), int(rows)


def import_figures(folder: Path, size: int) -> None:
    """An import of a full export of `size` breaches into an empty file (time, peak memory
    of the import's process and of its workbook reader's), the same import with the
    schema-3 TEMP triggers (folded keys, FTS, day sums) dropped, and, beside them in the
    same run, a bare python-calamine read of the same sheets + executemany of the rows the
    import wrote (breaches, citations, victims, lists, change log) into an empty file."""
    import db
    from db.demo import create_demo
    from db.totals import scheme_for
    from db.workbook import ExportOptions, export_workbook
    demo, xlsx = folder / f"demo-{size}.sqlite3", folder / f"breaches-{size}.xlsx"
    create_demo(demo, size=max(size - 251, 0))
    with db.open_ledger(demo) as ledger:
        export_workbook(ledger, xlsx, ExportOptions(scheme=scheme_for(ledger), full=True))
    imported, untriggered, bare = (folder / f"{name}-{size}.sqlite3"
                                   for name in ("import", "untriggered", "bare"))
    reader = []
    seconds, megabytes, rows = child("import", xlsx, imported, readers=reader)
    quiet, quiet_mb, _ = child("import-untriggered", xlsx, untriggered)
    db.open_ledger(bare).close()  # our schema, empty
    bare_seconds, bare_mb, _ = child("bare-import", xlsx, bare, str(imported))
    print(f"{f'import of {size:,} rows (.xlsx, {xlsx.stat().st_size / 1e6:.0f} MB)':46} "
          f"{'seconds':>8} {'peak MB':>8} {'× bare':>7}")
    print(f"{f'Truce Ledger ({rows:,} new)':46} {seconds:8.2f} {megabytes:8.0f} "
          f"{seconds / bare_seconds:7.2f}  (reader process {reader[0]:.0f} MB)")
    print(f"{'the same, TEMP triggers dropped':46} {quiet:8.2f} {quiet_mb:8.0f} "
          f"{quiet / bare_seconds:7.2f}  (triggers: {1 - quiet / seconds:.0%} of the import)")
    print(f"{'bare calamine read + executemany':46} {bare_seconds:8.2f} {bare_mb:8.0f}\n")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--skip-openpyxl", action="store_true",
                        help="leave out openpyxl's read-only reading (slow)")
    parser.add_argument("--lock-size", type=int, default=60_000)
    parser.add_argument("--lock-only", action="store_true",
                        help="only the write lock of an import of --lock-size rows")
    parser.add_argument("--import-sizes", default="10000,100000",
                        help="the imports measured beside the bare library (comma-separated)")
    parser.add_argument("--import-only", action="store_true",
                        help="only the imports of --import-sizes beside the bare library")
    args = parser.parse_args()
    import db
    from db.demo import create_demo
    from db.totals import scheme_for
    from db.workbook import ExportOptions, export_workbook
    folder = Path(tempfile.mkdtemp(prefix="truce-bench-import-"))
    try:
        if not args.lock_only:
            for size in (int(n) for n in args.import_sizes.split(",") if n):
                import_figures(folder, size)
            if args.import_only:
                return 0
        lock_figures(folder, args.lock_size)
        if args.lock_only:
            return 0
        demo = folder / "demo.sqlite3"
        create_demo(demo, size=max(args.size - 251, 0))
        xlsx, csv_path = folder / "breaches.xlsx", folder / "breaches.csv"
        with db.open_ledger(demo) as ledger:
            export_workbook(ledger, xlsx, ExportOptions(scheme=scheme_for(ledger), full=True))
        subprocess.run([sys.executable, "-c", CSV_FROM_XLSX, str(xlsx), str(csv_path)],
                       check=True)
        print(f"{args.size:,} breaches: {xlsx.stat().st_size / 1e6:.0f} MB .xlsx, "
              f"{csv_path.stat().st_size / 1e6:.0f} MB .csv\n")
        print(f"{'reading the Breaches rows':40} {'seconds':>8} {'peak MB':>8}")
        readers = ["calamine"] + ([] if args.skip_openpyxl else ["openpyxl"])
        bare = {}
        for mode, path in [(m, xlsx) for m in readers] + [("csv", csv_path)]:
            seconds, megabytes, rows = child(mode, path)
            bare[mode] = seconds
            print(f"{mode + ' (' + str(rows - 1) + ' rows)':40} {seconds:8.2f} {megabytes:8.0f}")
        print(f"\n{'import into an empty database':40} {'seconds':>8} {'peak MB':>8} "
              f"{'× bare read':>11}")
        for label, path, reader in (("from .xlsx", xlsx, "calamine"), ("from .csv", csv_path,
                                                                     "csv")):
            target = folder / f"import-{reader}.sqlite3"
            seconds, megabytes, rows = child("import", path, target)
            print(f"{label + ' (' + str(rows) + ' new)':40} {seconds:8.2f} {megabytes:8.0f} "
                  f"{seconds / bare[reader]:11.1f}")
        # Two offices: the field office has the first half and edits of its own.
        field = folder / "field.sqlite3"
        shutil.copy(demo, field)
        with db.open_ledger(field, user="field") as ledger:
            keys = [r[0] for r in ledger.conn.execute(
                "SELECT id FROM breach ORDER BY id LIMIT ?", (args.size // 2,))]
            with ledger.transaction():
                for key in keys[: args.size // 20]:
                    breach = db.get_breach(ledger, key)
                    breach.description += " (field office)"
                    db.save_breach(ledger, breach, allow_duplicate=True)
        main_office = folder / "main.sqlite3"
        shutil.copy(demo, main_office)
        with db.open_ledger(main_office) as ledger, ledger.transaction():
            ledger.conn.execute("DELETE FROM citation WHERE breach_id IN (SELECT id FROM breach"
                                " ORDER BY id DESC LIMIT ?)", (args.size // 2,))
            ledger.conn.execute("DELETE FROM victim WHERE breach_id IN (SELECT id FROM breach"
                                " ORDER BY id DESC LIMIT ?)", (args.size // 2,))
            ledger.conn.execute("DELETE FROM breach WHERE id IN (SELECT id FROM breach"
                                " ORDER BY id DESC LIMIT ?)", (args.size // 2,))
        bare_target = folder / "bare.sqlite3"
        shutil.copy(main_office, bare_target)
        seconds, megabytes, changed = child("merge", field, main_office)
        bare_seconds, _, _ = child("bare-merge", field, bare_target)
        print(f"\n{'merge two databases of ' + f'{args.size:,}':40} {'seconds':>8} "
              f"{'peak MB':>8} {'× bare':>11}")
        print(f"{f'({changed:,} added or updated)':40} {seconds:8.2f} {megabytes:8.0f} "
              f"{seconds / bare_seconds:11.1f}")
        print(f"{'bare INSERT … SELECT of the same tables':40} {bare_seconds:8.2f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def lock_figures(folder: Path, size: int) -> None:
    """The write lock an import of `size` rows (a full export: breaches, victims, sources)
    holds, beside bare sqlite3 writing the same rows."""
    import db
    from db.demo import create_demo
    from db.totals import scheme_for
    from db.workbook import ExportOptions, export_workbook
    demo, xlsx = folder / "lock-demo.sqlite3", folder / "lock.xlsx"
    create_demo(demo, size=max(size - 251, 0))
    with db.open_ledger(demo) as ledger:
        export_workbook(ledger, xlsx, ExportOptions(scheme=scheme_for(ledger), full=True))
    target = folder / "lock-import.sqlite3"
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), "lock", str(xlsx),
                          str(target)], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    held, rows = out.stdout.split()
    bare = {}
    for how in ("executemany", "select"):
        out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), "bare-lock", str(target),
                              str(folder / f"lock-bare-{how}.sqlite3"), how],
                             capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(out.stderr)
        bare[how] = float(out.stdout.split()[0])
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), "merge-lock", str(demo),
                          str(folder / "lock-merge.sqlite3")], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    merged, merged_rows = float(out.stdout.split()[0]), int(out.stdout.split()[1])
    held = float(held)
    print(f"{'write lock of an import of ' + f'{int(rows):,} rows':46} {'seconds':>8} "
          f"{'import ×':>8}")
    print(f"{'held by the import':46} {held:8.2f}")
    print(f"{'held by a merge of ' + f'{merged_rows:,} new breaches':46} {merged:8.2f} "
          f"{merged / bare['select']:8.2f}  (× bare INSERT … SELECT below)")
    print(f"{'bare executemany of the same rows':46} {bare['executemany']:8.2f} "
          f"{held / bare['executemany']:8.2f}")
    print(f"{'bare INSERT … SELECT of them, staged first':46} {bare['select']:8.2f} "
          f"{held / bare['select']:8.2f}\n")


CSV_FROM_XLSX = r"""
import csv, sys
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name("Breaches").to_python()
with open(sys.argv[2], "w", newline="", encoding="utf-8-sig") as handle:
    csv.writer(handle).writerows(rows)
"""

if __name__ == "__main__":
    sys.exit(main())
