"""Benchmark: the time from starting the program to its window shown, on a database of
100,000 breaches, beside the same for a bare PySide6 window on the same machine.

Each start is a fresh process, timed by the parent until the child reports the window
shown (after its first paint), so both include Python's start and the imports.

    python bench/bench_window.py [--size 100000] [--runs 5]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, sys.argv[2])
from PySide6.QtCore import QTimer
if sys.argv[1] == "bare":
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
    app = QApplication([])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
else:
    from pathlib import Path
    import db
    from gui.app import make_application
    from gui.main_window import MainWindow
    app = make_application(["bench"])
    window = MainWindow(db.open_ledger(Path(sys.argv[3])))
window.resize(1280, 800)
window.show()
app.processEvents()
window.grab()  # the first paint
print("shown", flush=True)
"""


def start_time(mode: str, path: Path, settings: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(settings)}
    begin = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", CHILD, mode, str(ROOT), str(path)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env=env)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - begin
    process.wait()
    if line.strip() != "shown":
        raise SystemExit(f"the {mode} window did not start")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from db.demo import create_demo
    folder = Path(tempfile.mkdtemp(prefix="truce-bench-window-"))
    try:
        path = folder / "large.sqlite3"
        create_demo(path, size=max(args.size - 251, 0))
        print(f"database: {args.size} breaches, {path.stat().st_size / 1e6:.0f} MB")
        start_time("bare", path, folder)  # warm the disk cache for both
        ours, bare = [], []
        for _ in range(args.runs):  # interleaved, so drift on a shared machine hits both
            bare.append(start_time("bare", path, folder))
            ours.append(start_time("ours", path, folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    ours_s, bare_s = statistics.median(ours), statistics.median(bare)
    print(f"\n{'start to window shown (median of ' + str(args.runs) + ')':45} {'seconds':>8}")
    print(f"{'Truce Ledger, ' + str(args.size) + ' breaches':45} {ours_s:8.2f}")
    print(f"{'bare PySide6 window':45} {bare_s:8.2f}")
    print(f"{'ratio':45} {ours_s / bare_s:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
