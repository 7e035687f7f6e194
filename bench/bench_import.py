"""Benchmark of importing a spreadsheet.

Prints, on the same machine:
- how long the readers take to read the Breaches sheet of an exported workbook of N
  breaches: python-calamine (which the import uses) and openpyxl's read-only mode (the
  measurement behind that choice), and Python's csv module for the same rows as CSV;
- the time and peak memory to import those N rows from .xlsx and from .csv into an
  empty database, beside reading the same file with the bare library;
- how long an import of L rows (60,000 by default) holds the file's write lock (another
  copy's save waits that long at most), beside writing the same rows (the breaches,
  citations, victims and change-log entries the import wrote) into an empty file in one
  transaction with bare sqlite3: by executemany, and by INSERT … SELECT from a staged copy
  (what the import does).

    python bench/bench_import.py [--size 100000] [--lock-size 60000] [--lock-only]
                                 [--import-sizes 10000,100000] [--import-only] [--rounds 2]
                                 [--workbook FILE.xlsx …]  (an export made before, a size)

First, for each of --import-sizes: an import of a full export into an empty file (time,
peak memory, ratio) beside a bare python-calamine read of the same sheets + executemany
of the rows that import wrote, in the same run; each of the two is run --rounds times,
one after the other in turn, and the fastest of each is compared (the machine may be
busy with other work for part of a run). (bench/bench_merge.py measures merges.)

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

def cpu():  # CPU seconds of this process and of the ones it waited for (the workbook reader)
    own, theirs = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + theirs.ru_utime + theirs.ru_stime

start, cpu_start = time.perf_counter(), cpu()
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
elif mode == "import":
    import db
    from db.importer import import_file
    with db.open_ledger(target, user="bench") as ledger:
        db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
        start, cpu_start = time.perf_counter(), cpu()
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
    start, cpu_start = time.perf_counter(), cpu()
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
elif mode == "lock":  # how long an import holds the write lock
    import contextlib
    import db
    from db.importer import import_file
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
        db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
        held.clear()
        count = import_file(ledger, path).new
    print(max(held), count)
    sys.exit(0)
elif mode == "bare-lock":
    import db
    from db.cipher import sqlite3  # bare SQLite as the program has it (see tests/conftest.py)
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
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(rows),
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, cpu() - cpu_start)
"""


def child(mode: str, path: Path, target: Path | str = "-", *more: str,
          readers: list | None = None) -> tuple[float, float, int, float]:
    """Seconds, peak MB, rows and CPU seconds (its own and its workbook reader's) of one
    timed run in a fresh process; `readers`, if given, is told the peak MB of the
    processes it started (the workbook reader)."""
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), mode, str(path), str(target),
                          *more], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    seconds, megabytes, rows, theirs, cpu = out.stdout.split()
    if readers is not None:
        readers.append(float(theirs))
    return float(seconds), float(megabytes), int(rows), float(cpu)


def import_figures(folder: Path, size: int, rounds: int, workbook: Path | None = None) -> None:
    """An import of a full export of `size` breaches into an empty file (time, peak memory
    of the import's process and of its workbook reader's) beside, in the same run, a bare
    python-calamine read of the same sheets + executemany of the rows the import wrote
    (breaches, citations, victims, lists, change log) into an empty file: each `rounds`
    times in turn, the fastest of each compared, in seconds and in CPU seconds (which
    other work on the machine disturbs less). `workbook`: a full export made before (of a
    demo of `size` breaches), imported instead of making one."""
    import db
    from db.demo import create_demo
    from db.totals import scheme_for
    from db.workbook import ExportOptions, export_workbook
    demo, xlsx = folder / f"demo-{size}.sqlite3", folder / f"breaches-{size}.xlsx"
    if workbook is not None:
        xlsx = workbook
    else:
        create_demo(demo, size=max(size - 251, 0))
        with db.open_ledger(demo) as ledger:
            export_workbook(ledger, xlsx, ExportOptions(scheme=scheme_for(ledger), full=True))
    imported, bare = folder / f"import-{size}.sqlite3", folder / f"bare-{size}.sqlite3"
    ours, theirs, reader = [], [], []
    for _round in range(rounds):
        imported.unlink(missing_ok=True)
        ours.append(child("import", xlsx, imported, readers=reader))
        bare.unlink(missing_ok=True)
        db.open_ledger(bare).close()  # our schema, empty
        theirs.append(child("bare-import", xlsx, bare, str(imported)))
    (seconds, rows), bare_seconds = min(ours)[:3:2], min(theirs)[0]
    cpu, bare_cpu = min(run[3] for run in ours), min(run[3] for run in theirs)
    print(f"{f'import of {size:,} rows (.xlsx, {xlsx.stat().st_size / 1e6:.0f} MB)':46} "
          f"{'seconds':>8} {'CPU s':>7} {'peak MB':>8} {'× bare':>7} {'CPU × bare':>10}")
    print(f"{f'Truce Ledger ({rows:,} new)':46} {seconds:8.2f} {cpu:7.2f} "
          f"{max(run[1] for run in ours):8.0f} {seconds / bare_seconds:7.2f} "
          f"{cpu / bare_cpu:10.2f}  (reader process {max(reader):.0f} MB)")
    print(f"{'bare calamine read + executemany':46} {bare_seconds:8.2f} {bare_cpu:7.2f} "
          f"{max(run[1] for run in theirs):8.0f}")
    if rounds > 1:
        print(f"{'(each round: ours / bare, seconds)':46} " + ", ".join(
            f"{a[0]:.2f} / {b[0]:.2f}" for a, b in zip(ours, theirs)))
    print()


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
    parser.add_argument("--rounds", type=int, default=2,
                        help="times each import and its bare equal run, in turn")
    parser.add_argument("--workbook", type=Path, action="append", default=[],
                        help="a full export to import instead of making one, for the size of"
                        " --import-sizes in the same place (repeat for each size)")
    args = parser.parse_args()
    import db
    from db.demo import create_demo
    from db.totals import scheme_for
    from db.workbook import ExportOptions, export_workbook
    folder = Path(tempfile.mkdtemp(prefix="truce-bench-import-"))
    try:
        if not args.lock_only:
            sizes = [int(n) for n in args.import_sizes.split(",") if n]
            for index, size in enumerate(sizes):
                import_figures(folder, size, args.rounds, (args.workbook[index] if index <
                                                           len(args.workbook) else None))
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
            seconds, megabytes, rows, _cpu = child(mode, path)
            bare[mode] = seconds
            print(f"{mode + ' (' + str(rows - 1) + ' rows)':40} {seconds:8.2f} {megabytes:8.0f}")
        print(f"\n{'import into an empty database':40} {'seconds':>8} {'peak MB':>8} "
              f"{'× bare read':>11}")
        for label, path, reader in (("from .xlsx", xlsx, "calamine"), ("from .csv", csv_path,
                                                                     "csv")):
            target = folder / f"import-{reader}.sqlite3"
            seconds, megabytes, rows, _cpu = child("import", path, target)
            print(f"{label + ' (' + str(rows) + ' new)':40} {seconds:8.2f} {megabytes:8.0f} "
                  f"{seconds / bare[reader]:11.1f}")
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
    held = float(held)
    print(f"{'write lock of an import of ' + f'{int(rows):,} rows':46} {'seconds':>8} "
          f"{'import ×':>8}")
    print(f"{'held by the import':46} {held:8.2f}")
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
