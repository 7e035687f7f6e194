"""Benchmark of a merge: two offices' files of N breaches (100,000 by default), the field
office's holding half of ours (with its own corrections to N/20 of them) and the half we
lack; merging it into ours adds N/2 breaches and updates N/20.

Prints, on the same machine and the same files, each a fresh process (so that its peak
memory, ru_maxrss, is its own; our file was opened and closed once before, so that the run
opens it as a start does, without the full check of a file not closed cleanly):
- Truce Ledger's merge (db.merge.merge_file): its time, its peak memory, and how long it
  held our file's write lock (another copy's save waits that long at most);
- the bare library doing the same writes: ATTACH of their file (read-only), INSERT … SELECT
  of the breaches new to us with their citations and victims, UPDATE … FROM of the breaches
  changed later there, INSERT OR IGNORE … SELECT of their change log, in one transaction,
  on a connection set up as ours is (WAL, synchronous FULL, foreign keys).

    python bench/bench_merge.py [--size 100000] [--keep FOLDER] [--rounds 2]

The two runs alternate --rounds times and the fastest of each is compared, in seconds and
in CPU seconds (which the machine's other work disturbs less).

The goal (issue 11): the merge in at most 2 times the bare writes, in at most 100 MB.
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
import resource, sys, time
sys.path.insert(0, sys.argv[1])
mode, theirs, target = sys.argv[2], sys.argv[3], sys.argv[4]
held = [0.0]
if mode == "open":  # opened and closed once, as the program leaves a file it used
    import db
    db.open_ledger(target).close()
    sys.exit(0)
if mode == "merge":
    import contextlib
    import db
    from db.merge import merge_file
    from db.store import Ledger
    transaction = Ledger.transaction

    @contextlib.contextmanager
    def timed(self):  # how long the outermost transaction (the write lock) is held
        outer = not self._depth
        with transaction(self) as conn:
            begun = time.perf_counter()
            yield conn
        if outer:
            held[0] = max(held[0], time.perf_counter() - begun)

    Ledger.transaction = timed
    with db.open_ledger(target, user="bench") as ledger:
        start, cpu_start = time.perf_counter(), time.process_time()
        report = merge_file(ledger, theirs)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    added, updated = report.added, report.updated
else:  # the bare library: the same rows, in one transaction
    import sqlite3
    from urllib.parse import quote
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    start, cpu_start = time.perf_counter(), time.process_time()
    conn.execute("ATTACH DATABASE ? AS theirs", (f"file:{quote(theirs)}?mode=ro",))
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("CREATE TEMP TABLE new_key (id TEXT PRIMARY KEY)")
    conn.execute("INSERT INTO new_key SELECT id FROM theirs.breach"
                 " WHERE id NOT IN (SELECT id FROM main.breach)")
    added = conn.execute("INSERT INTO main.breach SELECT * FROM theirs.breach"
                         " WHERE id IN new_key").rowcount
    for table in ("citation", "victim"):
        conn.execute(f"INSERT INTO main.{table} SELECT * FROM theirs.{table}"
                     " WHERE breach_id IN new_key")
    names = [r[1] for r in conn.execute("PRAGMA main.table_info(breach)") if r[1] != "id"]
    updated = conn.execute(
        f"UPDATE main.breach SET ({', '.join(names)}) = ({', '.join('t.' + n for n in names)})"
        " FROM theirs.breach t WHERE t.id = breach.id AND t.updated_at > breach.updated_at"
        ).rowcount
    conn.execute("INSERT OR IGNORE INTO main.change_log SELECT * FROM theirs.change_log")
    conn.execute("COMMIT")
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    held[0] = elapsed
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, added, updated,
      held[0], cpu)
"""


def child(mode: str, theirs: Path, target: Path
          ) -> tuple[float, float, int, int, float, float]:
    """Seconds, peak MB, breaches added, breaches updated, write lock held and CPU seconds
    of one run
    in a fresh process (started by this one, which stays small: Linux counts the memory of
    the process a child is started from in the child's peak)."""
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), mode, str(theirs),
                          str(target)], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    if mode == "open":
        return 0.0, 0.0, 0, 0, 0.0, 0.0
    seconds, megabytes, added, updated, held, cpu = out.stdout.split()
    return (float(seconds), float(megabytes), int(added), int(updated), float(held),
            float(cpu))


def make_offices(folder: Path, size: int) -> None:
    """Ours and the field office's (ours.sqlite3, field.sqlite3 in `folder`), from one demo
    of `size` breaches: the field office has them all and corrects size/20 of the first
    half; ours lacks the second half."""
    import db
    from db.demo import create_demo
    demo = folder / "demo.sqlite3"
    create_demo(demo, size=max(size - 251, 0))
    field = folder / "field.sqlite3"
    shutil.copy(demo, field)
    with db.open_ledger(field, user="field") as ledger:
        keys = [r[0] for r in ledger.conn.execute(
            "SELECT id FROM breach ORDER BY id LIMIT ?", (size // 2,))]
        with ledger.transaction():
            for key in keys[: size // 20]:
                breach = db.get_breach(ledger, key)
                breach.description += " (field office)"
                db.save_breach(ledger, breach, allow_duplicate=True)
    ours = folder / "ours.sqlite3"
    shutil.copy(demo, ours)
    with db.open_ledger(ours) as ledger, ledger.transaction():
        for table in ("citation", "victim", "breach_key"):
            ledger.conn.execute(f"DELETE FROM {table} WHERE breach_id IN (SELECT id FROM breach"
                                " ORDER BY id DESC LIMIT ?)", (size // 2,))
        ledger.conn.execute("DELETE FROM breach WHERE id IN (SELECT id FROM breach"
                            " ORDER BY id DESC LIMIT ?)", (size // 2,))
    demo.unlink()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="make the two files here once, and reuse"
                        " them on later runs (a copy of ours is merged into)")
    parser.add_argument("--rounds", type=int, default=2, help="the merge and the bare run"
                        " alternate this many times; the fastest of each is compared")
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)  # in a process of its own
    args = parser.parse_args()
    if args.make:
        make_offices(args.make, args.size)
        return 0
    folder = Path(tempfile.mkdtemp(prefix="truce-bench-merge-"))
    try:
        made = args.keep or folder
        made.mkdir(parents=True, exist_ok=True)
        ours, field = made / "ours.sqlite3", made / "field.sqlite3"
        if not (ours.exists() and field.exists()):
            subprocess.run([sys.executable, __file__, "--size", str(args.size), "--make",
                            str(made)], check=True)
        runs: dict[str, list] = {"merge": [], "bare": []}
        for _round in range(args.rounds):  # alternating: both meet the same load
            for mode in ("merge", "bare"):
                target = folder / f"{mode}.sqlite3"
                shutil.copy(ours, target)
                child("open", field, target)  # checked once: opened as a start opens it
                runs[mode].append(child(mode, field, target))
        seconds, megabytes, added, updated, held, cpu = min(runs["merge"])
        bare, bare_mb, bare_added, bare_updated, _, bare_cpu = min(runs["bare"])
        print(f"{f'merge of two files of {args.size:,} breaches':44} {'seconds':>8} "
              f"{'peak MB':>8} {'× bare':>7} {'lock s':>7} {'CPU s':>7} {'× bare':>7}")
        print(f"{f'Truce Ledger ({added:,} added, {updated:,} updated)':44} {seconds:8.2f} "
              f"{megabytes:8.0f} {seconds / bare:7.2f} {held:7.2f} {cpu:7.2f} "
              f"{cpu / bare_cpu:7.2f}")
        print(f"{f'bare ATTACH + INSERT … SELECT ({bare_added:,}, {bare_updated:,})':44} "
              f"{bare:8.2f} {bare_mb:8.0f} {'':7} {'':7} {bare_cpu:7.2f}")
        print("goal: at most 2 × bare, at most 100 MB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
