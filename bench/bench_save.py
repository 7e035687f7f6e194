"""Benchmark of a save from the window (issue 11, "one operation per user action"): the
UI thread's whole time for Ctrl+S in the editor (the core's save, the table, the summary
line, the editor showing the breach as saved), beside `db.save_breach` alone and bare
sqlite3 writing the same rows, on the same file, in the same run, interleaved.

    python bench/bench_save.py --db FILE [--saves 30] [--core-only]
    python bench/bench_save.py --size 100000 [--saves 30] [--core-only]

`--db` works on a copy of FILE (FILE is never written) in a temporary folder, deleted
after; without it a demo of `--size` breaches is made. Each round saves a new breach (two
citations) and an edit of one field of a saved breach, from the window and from the core,
and the new breach's rows with bare sqlite3 (`--core-only`: the core and sqlite3 alone).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import db  # noqa: E402
from db.cipher import sqlite3  # noqa: E402
from db.demo import create_demo  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def lists(ledger: db.Ledger) -> dict[str, str]:
    sources = db.source_choices(ledger)
    return {"governorate": db.find_by_name(ledger, "governorate", "Aleppo"),
            "type": db.find_by_name(ledger, "breach_type", "Shelling"),
            "actor": db.actors(ledger)[0].id,
            "source": sources[0].id, "source name": sources[0].name,
            "second source": sources[1].id, "second name": sources[1].name}


def new_breach(keys: dict[str, str], n: int) -> db.Breach:
    return db.Breach(
        occurred_on=date(2020, 3, 4).isoformat(), governorate_id=keys["governorate"],
        breach_type_id=keys["type"], actor_id=keys["actor"], place=f"Bench place {n}",
        killed=3, women=1, children=1, injured=5, description="Air strike on the market.",
        citations=[db.Citation(source_id=keys["source"], source_name=keys["source name"],
                               reference="https://example.org"),
                   db.Citation(source_id=keys["second source"],
                               source_name=keys["second name"], reference="video")])


def bare_save(conn: sqlite3.Connection, keys: dict[str, str], n: int) -> None:
    """The rows of a new breach with two citations and its change-log entry, in one
    transaction, with plain statements."""
    key, now = str(uuid.uuid4()), "2026-01-01T00:00:00.000000Z"
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO breach (id, occurred_on, governorate_id, breach_type_id, actor_id, place,"
        " killed, women, children, injured, description, created_at, updated_at)"
        " VALUES (?, '2020-03-04', ?, ?, ?, ?, 3, 1, 1, 5, 'Air strike on the market.', ?, ?)",
        (key, keys["governorate"], keys["type"], keys["actor"], f"Bare place {n}", now, now))
    for source, reference in ((keys["source"], "https://example.org"),
                              (keys["second source"], "video")):
        conn.execute("INSERT INTO citation (id, breach_id, source_id, reference, created_at,"
                     " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                     (str(uuid.uuid4()), key, source, reference, now, now))
    conn.execute("INSERT INTO change_log (id, changed_at, record_table, record_id, action,"
                 " after) VALUES (?, ?, 'breach', ?, 'insert', '{}')",
                 (str(uuid.uuid4()), now, key))
    conn.execute("COMMIT")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--core-only", action="store_true",
                        help="the core and bare sqlite3 only, without the window")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="truce-bench-save-"))
    try:
        path = folder / "ledger.sqlite3"
        if args.db:
            shutil.copy(args.db, path)
        else:
            create_demo(path, size=args.size)
        return run(path, args.saves, not args.core_only)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(path: Path, saves: int, with_window: bool) -> int:
    start = time.perf_counter()
    ledger = db.open_ledger(path, user="bench", office="bench")
    if with_window:
        from PySide6.QtWidgets import QApplication

        from gui.main_window import MainWindow
        app = QApplication.instance() or QApplication([])
        window = MainWindow(ledger)
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        editor = window.breaches.editor
    print(f"{db.count_breaches(ledger).breaches:,} breaches, opened"
          f"{' and the window shown' if with_window else ''} in "
          f"{time.perf_counter() - start:.2f} s")
    keys = lists(ledger)
    bare = sqlite3.connect(path, isolation_level=None)
    bare.execute("PRAGMA synchronous = FULL")
    times: dict[str, list[float]] = {k: [] for k in (
        "window new", "core new", "bare new", "window edit", "core edit")}

    def from_window() -> None:
        assert editor.save(), "the window refused the save"
        app.processEvents()

    for n in range(saves):
        if with_window:
            window.breaches.new_breach()
            editor.start_new(new_breach(keys, 2 * n))
            times["window new"].append(timed(from_window))
            editor.form.least["killed"].setValue(4)  # the editor holds the breach just saved
            times["window edit"].append(timed(from_window))
        saved = []
        times["core new"].append(timed(lambda: saved.append(
            db.save_breach(ledger, new_breach(keys, 2 * n + 1)))))
        times["bare new"].append(timed(lambda: bare_save(bare, keys, n)))
        edit = db.get_breach(ledger, saved[0].id)
        edit.killed = 5
        times["core edit"].append(timed(lambda: db.save_breach(ledger, edit)))
    medians = {k: statistics.median(v) for k, v in times.items() if v}
    print(f"median of {saves} saves each:")
    for name, value in medians.items():
        print(f"  {name:12} {ms(value)}")
    if with_window:
        print(f"ratio window / core, new breach: "
              f"{medians['window new'] / medians['core new']:.1f}; edit: "
              f"{medians['window edit'] / medians['core edit']:.1f}")
    print(f"ratio core / bare sqlite3, new breach: "
          f"{medians['core new'] / medians['bare new']:.1f}")
    bare.close()
    if with_window:
        window.close()
    ledger.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
