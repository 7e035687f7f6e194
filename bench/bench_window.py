"""Benchmark: the window at 10,000, 100,000 and 1,000,000 breaches, each figure beside the
bare library on the same file in the same run:

- start to window shown (a fresh process, until the first paint) beside a bare
  QMainWindow + QTableView over a QSqlQueryModel of the same first page; also less the
  time the ledger takes to open (its checks: db/store.py), the window's own share. Both
  start as installed: their modules compiled once before (in a folder of the run's), and
  the ledger as the window's last clean close left it (each window closes as a user's
  does, after it was timed); in seconds of the clock and in CPU seconds of the process
  (all its threads), which drift less on a machine shared with other work;
- a page deep in the list (half way down) read by keyset, as the table reads it, and by
  OFFSET, as it did before, beside the same keyset SELECT in plain sqlite3;
- scrolling the table to row 20,000 beside plain sqlite3 reading those rows by keyset;
- the UI thread after a save (the window's reaction: its row re-read, moved, selected),
  with the SQL statements it runs, beside plain sqlite3 reading one first page (what a
  model that reads again from the top costs at the least).

    python bench/bench_window.py [--sizes 10000 100000] [--million /tmp/big/m1.sqlite3]
                                 [--runs 3]

The file of 1,000,000 breaches is copied (a save writes to it) and the copy removed.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The first page of the list as the table shows it (db/listing.py's SELECT, newest first,
# in the order of the index breach_live_by_date), written out for the bare library.
BARE_SELECT = """
SELECT b.id, b.occurred_on, b.occurred_at, g.name, b.district, b.place, a.name, t.name,
       b.killed, b.killed_max, b.women, b.women_max, b.children, b.children_max,
       b.injured, b.injured_max, b.status,
       (SELECT count(*) FROM citation c WHERE c.breach_id = b.id AND c.deleted_at IS NULL),
       substr(b.description, 1, 300), b.updated_at, b.deleted_at,
       coalesce(nullif(g.name_ar, ''), g.name), coalesce(nullif(a.name_ar, ''), a.name),
       coalesce(nullif(t.name_ar, ''), t.name)
FROM breach b JOIN gazetteer g ON g.id = b.governorate_id JOIN actor a ON a.id = b.actor_id
JOIN breach_type t ON t.id = b.breach_type_id
WHERE b.deleted_at IS NULL {after}
ORDER BY b.occurred_on DESC, coalesce(b.occurred_at, '') DESC, b.created_at DESC, b.id DESC
LIMIT 200"""
BARE_AFTER = "AND (b.occurred_on, coalesce(b.occurred_at, ''), b.created_at, b.id) < (?, ?, ?, ?)"
KEY = "SELECT occurred_on, coalesce(occurred_at, ''), created_at, id FROM breach WHERE id = ?"

SHOWN = r"""
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, sys.argv[2])
if sys.argv[1] == "bare":
    from PySide6.QtSql import QSqlDatabase, QSqlQueryModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
    app = QApplication([])
    base = QSqlDatabase.addDatabase("QSQLITE")
    base.setDatabaseName(sys.argv[3])
    base.open()
    model = QSqlQueryModel()
    model.setQuery(sys.argv[4].format(after=""), base)
    window = QMainWindow()
    table = QTableView()
    table.setModel(model)
    window.setCentralWidget(table)
else:
    from pathlib import Path
    import db
    from gui.app import make_application
    from gui.main_window import MainWindow
    app = make_application(["bench"])
    begin = time.perf_counter()
    ledger = db.open_ledger(Path(sys.argv[3]))
    print(f"opened {time.perf_counter() - begin}", flush=True)
    window = MainWindow(ledger)
window.resize(1280, 800)
window.show()
app.processEvents()
window.grab()  # the first paint
print("shown", time.process_time(), flush=True)  # and the CPU time it took (all threads)
if sys.argv[1] != "bare":  # closed as a user closes it: the next start finds its mark
    from PySide6.QtCore import QThreadPool
    window.close()
    QThreadPool.globalInstance().waitForDone()
"""


def shown_time(mode: str, path: Path, settings: Path) -> tuple[float, float, float]:
    """Seconds from the start of a process to its window shown, of them the opening of
    the ledger (0 for the bare window), and the CPU seconds the process spent until then
    (steadier than the clock on a machine shared with other work)."""
    # Compiled modules kept (in a folder of the run's), as an installed program has them.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(settings),
           "XDG_DATA_HOME": str(settings), "PYTHONPYCACHEPREFIX": str(settings / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    begin = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", SHOWN, mode, str(ROOT), str(path),
                                BARE_SELECT], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env=env)
    line, opened = process.stdout.readline(), 0.0
    if line.startswith("opened "):
        opened, line = float(line.split()[1]), process.stdout.readline()
    elapsed = time.perf_counter() - begin
    process.wait()
    if not line.startswith("shown "):
        raise SystemExit(f"the {mode} window did not start")
    return elapsed, opened, float(line.split()[1])


def timed(work, runs: int) -> float:
    """The median of `runs` timings of `work()`, in seconds."""
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        work()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def in_window(path: Path, runs: int) -> dict:
    """The measurements made inside one window on `path` (this process, offscreen)."""
    from dataclasses import replace

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QThreadPool

    import db
    from db.cipher import sqlite3  # bare SQLite as the program has it (see tests/conftest.py)
    from gui.app import make_application
    from gui.main_window import MainWindow
    app = make_application(["bench"])
    bare = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    ledger = db.open_ledger(path)
    window = MainWindow(ledger)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    view, model, table = window.breaches, window.breaches.model, window.breaches.table
    out: dict = {}

    def settle():
        """Let the counts sent off the UI thread finish, so that they time nothing else."""
        QThreadPool.globalInstance().waitForDone()
        app.processEvents()
    settle()

    def bare_page(after: str | None):
        if after is None:
            return bare.execute(BARE_SELECT.format(after="")).fetchall()
        key = bare.execute(KEY, (after,)).fetchone()
        return bare.execute(BARE_SELECT.format(after=BARE_AFTER), key).fetchall()

    # A page half way down: keyset (the table), OFFSET (before), bare keyset.
    total = bare.execute("SELECT count(*) FROM breach WHERE deleted_at IS NULL").fetchone()[0]
    depth = total // 2
    anchor = bare.execute(BARE_SELECT.replace("LIMIT 200", "LIMIT 1 OFFSET ?").format(
        after=""), (depth - 1,)).fetchone()[0]
    out["deep_keyset"] = timed(lambda: db.list_breaches(ledger, after=anchor), runs)
    out["deep_offset"] = timed(lambda: db.list_breaches(ledger, offset=depth), runs)
    out["deep_bare"] = timed(lambda: bare_page(anchor), runs)
    out["depth"] = depth

    # Scroll to row 20,000: pages read as the view asks, then the row scrolled to.
    def scroll():
        while model.rowCount() <= 20_000 and model.canFetchMore():
            model.fetchMore()
        table.scrollTo(model.index(min(20_000, model.rowCount() - 1), 0))
        app.processEvents()
    scrolls = []
    for _ in range(runs):
        model.refresh()  # the first page, as at the start
        settle()
        begin = time.perf_counter()
        scroll()
        scrolls.append(time.perf_counter() - begin)

    def bare_scroll():
        rows = bare_page(None)
        while len(rows) <= 20_000:
            page = bare_page(rows[-1][0])
            if not page:
                break
            rows += page
    out["scroll"] = statistics.median(scrolls)
    out["scroll_bare"] = timed(bare_scroll, runs)
    pages = []
    for _ in range(runs):  # one more page, at row 20,000 and beyond
        begin = time.perf_counter()
        model.fetchMore()
        pages.append(time.perf_counter() - begin)
    out["page"] = statistics.median(pages)

    # A save: the window's reaction on the UI thread (its undo step, the row re-read and
    # selected, the counts sent off the thread), statements counted on its connection.
    statements: list[str] = []
    reactions, counts = [], []
    for number in range(runs):
        row = 900 + 37 * number
        key = model.breach_id(row)
        table.setCurrentIndex(model.index(row, 0))
        before = db.get_breach(ledger, key)
        edited = replace(before, place=f"Bench {number}")
        after = db.save_breach(ledger, edited, allow_duplicate=True)
        statements.clear()
        ledger.conn.set_trace_callback(statements.append)
        begin = time.perf_counter()
        view._saved(before, after)
        reactions.append(time.perf_counter() - begin)
        ledger.conn.set_trace_callback(None)
        counts.append(len(statements))
        assert view.current_id() == key
        settle()
    out["save"] = statistics.median(reactions)
    out["save_statements"] = max(counts)
    out["save_bare"] = timed(lambda: bare_page(None), runs)
    window.close()
    bare.close()
    return out


def size_figures(path: Path, runs: int, folder: Path) -> dict:
    # Warm the disk cache for both and compile their modules; the first window brings a
    # file copied (or made) here to the state a clean close leaves.
    shown_time("bare", path, folder)
    shown_time("ours", path, folder)
    ours, bare, opened, ours_cpu, bare_cpu = [], [], [], [], []
    for _ in range(runs):  # interleaved, so drift on a shared machine hits both
        total, _, cpu = shown_time("bare", path, folder)
        bare.append(total)
        bare_cpu.append(cpu)
        total, opening, cpu = shown_time("ours", path, folder)
        ours.append(total)
        opened.append(total - opening)
        ours_cpu.append(cpu)
    done = subprocess.run([sys.executable, __file__, "--in-window", str(path),
                           "--runs", str(runs)], capture_output=True, text=True,
                          env={**os.environ, "XDG_CONFIG_HOME": str(folder),
                               "XDG_DATA_HOME": str(folder)})
    if done.returncode:
        raise SystemExit(done.stderr)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["shown"], figures["shown_bare"] = statistics.median(ours), statistics.median(bare)
    figures["shown_unopened"] = statistics.median(opened)
    figures["shown_cpu"], figures["shown_cpu_bare"] = (statistics.median(ours_cpu),
                                                       statistics.median(bare_cpu))
    return figures


ROWS = (("window shown", "shown", "shown_bare", "s"),
        ("window shown, less the open", "shown_unopened", "shown_bare", "s"),
        ("window shown, CPU seconds", "shown_cpu", "shown_cpu_bare", "s"),
        ("a page half way down (keyset)", "deep_keyset", "deep_bare", "ms"),
        ("the same page by OFFSET (before)", "deep_offset", "deep_bare", "ms"),
        ("scroll to row 20,000", "scroll", "scroll_bare", "s"),
        ("a page at row 20,000", "page", "deep_bare", "ms"),
        ("UI thread after a save", "save", "save_bare", "ms"))


def report(results: dict[int, dict]) -> None:
    print(f"\n{'work':34} {'size':>9} {'ours':>9} {'bare':>9} {'ratio':>7}")
    for title, ours, bare, unit in ROWS:
        for size, figures in results.items():
            scale = 1000 if unit == "ms" else 1
            print(f"{title:34} {size:>9,} {figures[ours] * scale:8.1f}{unit[0]:1}"
                  f" {figures[bare] * scale:8.1f}{unit[0]:1} {figures[ours] / figures[bare]:7.2f}")
    for size, figures in results.items():
        print(f"statements on the UI thread after a save, {size:,}: {figures['save_statements']}")
    sizes = sorted(results)
    if len(sizes) > 1:
        small, large = results[sizes[-2]], results[sizes[-1]]
        print(f"\ngrowth {sizes[-2]:,} -> {sizes[-1]:,} (ours, bare):")
        for title, ours, bare, _unit in ROWS:
            print(f"  {title:34} {large[ours] / small[ours]:6.2f} {large[bare] / small[bare]:6.2f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--million", type=Path, default=None,
                        help="a ledger of 1,000,000 breaches (copied, not written)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--in-window", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.in_window:
        print(json.dumps(in_window(args.in_window, args.runs)))
        return 0
    from db.demo import create_demo
    folder = Path(tempfile.mkdtemp(prefix="truce-bench-window-"))
    results: dict[int, dict] = {}
    try:
        for size in args.sizes:
            path = folder / f"{size}.sqlite3"
            create_demo(path, size=max(size - 251, 0))
            results[size] = size_figures(path, args.runs, folder)
            print(f"{size:,}: {results[size]}", flush=True)
        if args.million:
            path = folder / "million.sqlite3"
            shutil.copy(args.million, path)
            results[1_000_000] = size_figures(path, args.runs, folder)
            print(f"1,000,000: {results[1_000_000]}", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
