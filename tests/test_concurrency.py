"""Three copies of the program at work on one file (issue 9, "How it is checked"): two
saving breaches as the window does, a third exporting workbooks and running `check`. No
save is lost, none fails with "locked", every workbook's sheets agree with each other,
and `check` finishes."""
from __future__ import annotations

import subprocess
import sys
import threading
import time

import openpyxl

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from tests.conftest import ROOT

LOOP = str(ROOT / "tests" / "save_loop.py")
MAIN = str(ROOT / "main.py")
EXPORTS = 3
# Bounds, not timings: each writer stops at this many saves if the third copy has not
# finished first, and no process may take longer than this to end.
MOST_SAVES = 3000
LONGEST_S = 120


def _read_lines(stream, into: list[str]) -> None:
    for line in stream:
        into.append(line.strip())


class Writer:
    """A copy of the program saving breaches, as the window saves them (a short wait for
    the lock, then the same save again), until told to stop."""

    def __init__(self, path, tag: str, stop):
        self.process = subprocess.Popen(
            [sys.executable, LOOP, str(path), str(MOST_SAVES), tag, "--as-window",
             "--until", str(stop), "--pause", "0.005"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.saved: list[str] = []  # the keys of the saves that returned
        self.errors: list[str] = []
        self._threads = [threading.Thread(target=_read_lines, args=(stream, into))
                         for stream, into in ((self.process.stdout, self.saved),
                                              (self.process.stderr, self.errors))]
        for thread in self._threads:
            thread.start()

    def finish(self) -> int:
        code = self.process.wait(timeout=LONGEST_S)
        for thread in self._threads:
            thread.join()
        return code

    @property
    def retries(self) -> int:
        return sum(int(line.split()[1]) for line in self.errors if line.startswith("retries "))


def _sheet_rows(book, name: str) -> list[tuple]:
    return [row for row in book[name].iter_rows(values_only=True)]


def _sheet_figures(path) -> dict[str, tuple[int, int]]:
    """Breaches and killed as each sheet of the workbook counts them: the sum of its rows,
    and its Total row; and the rows of the Breaches sheet."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        figures = {}
        for name, first_count in (("Weekly totals", 3), ("By governorate", 1)):
            header, *rows = _sheet_rows(book, name)
            assert header[first_count:first_count + 2] == ("Breaches", "Killed"), header
            body, total = rows[:-1], rows[-1]
            assert total[0] == "Total", total
            figures[name] = (sum(r[first_count] for r in body),
                             sum(r[first_count + 1] for r in body))
            figures[f"{name}, Total row"] = (total[first_count], total[first_count + 1])
        header, *rows = _sheet_rows(book, "Breaches")
        killed = header.index("Killed")
        figures["Breaches sheet"] = (len(rows), sum(r[killed] for r in rows))
        return figures
    finally:
        book.close()


def test_two_copies_saving_and_one_exporting_and_checking_lose_nothing_and_agree(tmp_path):
    path = tmp_path / "office.sqlite3"
    db.open_ledger(path).close()
    stop = tmp_path / "stop"
    writers = [Writer(path, tag, stop) for tag in ("a", "b")]
    try:
        deadline = time.monotonic() + LONGEST_S
        while not all(w.saved for w in writers) and time.monotonic() < deadline \
                and all(w.process.poll() is None for w in writers):
            time.sleep(0.02)
        assert all(w.saved for w in writers), [w.errors for w in writers]
        # The third copy: exports while both save, then the check (with its backup).
        exported = []
        for number in range(EXPORTS):
            target = tmp_path / f"press-{number}.xlsx"
            done = subprocess.run([sys.executable, MAIN, "export", "--db", str(path),
                                   "--out", str(target)], capture_output=True, text=True,
                                  timeout=LONGEST_S)
            assert done.returncode == 0, done.stderr
            exported.append(target)
        checked = subprocess.run([sys.executable, MAIN, "check", "--db", str(path)],
                                 capture_output=True, text=True, timeout=LONGEST_S)
        # Both writers were still saving all along: the third copy worked beside them.
        still_saving = [w.process.poll() is None for w in writers]
    finally:
        stop.touch()
        codes = [w.finish() for w in writers]
    print("saves:", [len(w.saved) for w in writers], "retries after a busy lock:",
          [w.retries for w in writers])
    assert still_saving == [True, True]
    for writer, code in zip(writers, codes):
        assert code == 0, "\n".join(writer.errors)
        assert not [line for line in writer.errors if "locked" in line or "Traceback" in line]
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[-1] == "ok", checked.stdout
    assert "locked" not in checked.stderr
    # No lost save: every save a writer saw return is in the file, whole.
    conn = sqlite3.connect(path)
    try:
        stored = {row[0] for row in conn.execute("SELECT id FROM breach")}
        whole = conn.execute(
            "SELECT count(*) FROM breach b WHERE (SELECT count(*) FROM citation c"
            " WHERE c.breach_id = b.id) = 2 AND (SELECT count(*) FROM victim v"
            " WHERE v.breach_id = b.id) = 2").fetchone()[0]
    finally:
        conn.close()
    confirmed = set(writers[0].saved) | set(writers[1].saved)
    assert confirmed <= stored
    assert len(confirmed) == len(writers[0].saved) + len(writers[1].saved)
    assert whole == len(stored)
    # Every workbook agrees with itself: its weeks, its governorates and its rows.
    for target in exported:
        figures = _sheet_figures(target)
        assert len(set(figures.values())) == 1, (target.name, figures)
