"""Benchmark of opening a ledger, and of starting the command line.

At each size, beside the bare library on the same file in the same run:
- `db.open_ledger` after a clean close (the mark lets it skip quick_check), beside a bare
  `sqlite3.connect` and one SELECT;
- `db.open_ledger` after an unclean end (a process that wrote and exited without
  closing: quick_check reads every page), beside a bare `PRAGMA quick_check`;
- the growth of the first from 100,000 to 1,000,000 breaches (the goal: flat).
Then the start of `main.py totals --help` beside the same start with openpyxl imported
(as every command imported it before), and a bare `python -c pass`, in processor time
(the machine may be busy with other work).

    python bench/bench_open.py [--sizes 10000 100000] [--million /tmp/big/c1.sqlite3]
                               [--repeat 21] [--unclean 3]

10,000 and 100,000 are made here (about a minute); 1,000,000 is a ledger given with
--million (it is written to: give a copy), skipped when absent.
"""
from __future__ import annotations

import argparse
import resource
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
from db.cipher import sqlite3  # noqa: E402
from db.demo import create_demo  # noqa: E402

# A process that writes and ends without closing, as a crash does.
# (A new value each time: a row written as it was is not written at all.)
UNCLEAN = ("import os, sys, time, db\n"
           "ledger = db.open_ledger(sys.argv[1])\n"
           "ledger.set_meta('bench', str(time.time_ns()))\n"
           "os._exit(0)\n")


def interleaved(works: list, repeat: int) -> list[float]:
    """The median time of each of `works` (each returns a function to run after it,
    untimed, or None), run in turn `repeat` times: a machine busy with other work slows
    them alike."""
    times: list[list[float]] = [[] for _ in works]
    for _ in range(repeat):
        for number, work in enumerate(works):
            start = time.perf_counter()
            after = work()
            times[number].append(time.perf_counter() - start)
            if after is not None:
                after()
    return [statistics.median(each) for each in times]


def bare_open(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("SELECT id FROM breach LIMIT 1").fetchall()
    conn.close()


def bare_quick_check(path: Path) -> None:
    """quick_check through a bare read-only connection, as the opening's (a read-write
    connection's takes about twice as long here)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.execute("PRAGMA quick_check").fetchall()
    conn.close()


def unclean_end(path: Path) -> None:
    subprocess.run([sys.executable, "-c", UNCLEAN, str(path)], cwd=ROOT, check=True)


def unclean_open(path: Path):
    """The time of opening `path` after a process wrote to it and ended without closing
    (that process untimed), and the ledger opened."""
    unclean_end(path)
    start = time.perf_counter()
    ledger = db.open_ledger(path)
    return time.perf_counter() - start, ledger


def bench_size(path: Path, repeat: int, unclean_repeat: int) -> dict[str, float]:
    db.open_ledger(path).close()  # a clean close: the mark
    bare_quick_check(path)  # every page read once, untimed: neither side reads a cold disk
    clean, bare = interleaved([lambda: db.open_ledger(path).close, lambda: bare_open(path)],
                              repeat)
    unclean, bare_check = [], []
    for _ in range(unclean_repeat):  # in turn, as interleaved()
        seconds, ledger = unclean_open(path)
        ledger.close()
        unclean.append(seconds)
        start = time.perf_counter()
        bare_quick_check(path)
        bare_check.append(time.perf_counter() - start)
    return {"clean": clean, "bare": bare, "unclean": statistics.median(unclean),
            "bare_check": statistics.median(bare_check)}


def start_cpu(code: list[str], repeat: int) -> float:
    """The median processor time (user and system) of starting Python with `code`: what
    the start itself costs, however busy the machine is with other work."""
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, *code], cwd=ROOT, check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--million", type=Path, default=Path("/tmp/big/c1.sqlite3"),
                        help="a ledger of 1,000,000 breaches that may be written (a copy)")
    parser.add_argument("--repeat", type=int, default=21, help="opens after a clean close")
    parser.add_argument("--unclean", type=int, default=3, help="opens after an unclean end")
    args = parser.parse_args()
    results: dict[int, dict[str, float]] = {}
    folder = Path(tempfile.mkdtemp(prefix="truce-bench-open-"))
    try:
        for size in args.sizes:
            path = folder / f"ledger-{size}.sqlite3"
            create_demo(path, size=size)
            results[size] = bench_size(path, args.repeat, args.unclean)
            path.unlink()
        if args.million.exists():
            results[1_000_000] = bench_size(args.million, args.repeat, args.unclean)
        else:
            print(f"{args.million}: absent, 1,000,000 skipped")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    help_start = ["main.py", "totals", "--help"]
    with_openpyxl = ["-c", "import openpyxl, runpy, sys; sys.argv = ['main.py', 'totals', "
                     "'--help']; runpy.run_path('main.py', run_name='__main__')"]
    starts = [(name, start_cpu(code, 7)) for name, code in (
        ("main.py totals --help", help_start),
        ("the same, openpyxl imported first (as before)", with_openpyxl),
        ("python -c pass", ["-c", "pass"]))]

    print(f"\n{'breaches':>10} {'open, clean close':>18} {'bare connect':>13} {'ratio':>7}"
          f" {'open, unclean':>15} {'bare quick_check':>17} {'ratio':>6}")
    for size, row in results.items():
        print(f"{size:>10,} {ms(row['clean']):>18} {ms(row['bare']):>13}"
              f" {row['clean'] / row['bare']:7.1f} {ms(row['unclean']):>15}"
              f" {ms(row['bare_check']):>17} {row['unclean'] / row['bare_check']:6.2f}")
    if 100_000 in results and 1_000_000 in results:
        growth = results[1_000_000]["clean"] / results[100_000]["clean"]
        print(f"\nopen after a clean close, growth from 100,000 to 1,000,000: {growth:.2f}x")
    print(f"\n{'start (processor time, median)':48} {'':>9}")
    for name, seconds in starts:
        print(f"{name:48} {ms(seconds)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
