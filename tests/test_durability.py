"""What is saved stays saved: through a kill at any moment, and with two copies at once."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time

import db
from db.backup import integrity_problems
from tests.conftest import ROOT

LOOP = str(ROOT / "tests" / "save_loop.py")


def _read_lines(stream, into: list[str]) -> None:
    for line in stream:
        into.append(line.strip())


def test_every_save_that_returned_survives_a_kill(ledger_path):
    db.open_ledger(ledger_path).close()
    seed = random.randrange(10 ** 6)
    rng = random.Random(seed)  # the moments of the kills; the seed is in any failure
    print(f"kill moments from seed {seed}")
    confirmed: list[str] = []
    for round_ in range(10):
        writer = subprocess.Popen([sys.executable, LOOP, str(ledger_path), "-1", f"r{round_}"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines: list[str] = []
        reader = threading.Thread(target=_read_lines, args=(writer.stdout, lines))
        reader.start()
        deadline = time.monotonic() + 30
        while not lines and time.monotonic() < deadline and writer.poll() is None:
            time.sleep(0.01)
        assert lines, writer.stderr.read()
        time.sleep(rng.uniform(0.0, 0.4))  # kill somewhere in the middle of a save
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        reader.join()
        assert writer.returncode == -signal.SIGKILL
        confirmed += lines
        with db.open_ledger(ledger_path) as ledger:
            assert integrity_problems(ledger.conn) == []
            stored = {r[0] for r in ledger.conn.execute("SELECT id FROM breach")}
            assert set(confirmed) <= stored
            # A save is whole or absent: every stored breach has its citations and victims.
            assert ledger.conn.execute(
                "SELECT count(*) FROM breach b WHERE (SELECT count(*) FROM citation c"
                " WHERE c.breach_id = b.id) != 2 OR (SELECT count(*) FROM victim v"
                " WHERE v.breach_id = b.id) != 2").fetchone()[0] == 0
            assert ledger.conn.execute("SELECT count(*) FROM change_log WHERE record_table ="
                                       " 'breach'").fetchone()[0] == len(stored)
    assert len(confirmed) > 10


def test_two_copies_saving_at_once_lose_nothing(ledger_path):
    db.open_ledger(ledger_path).close()
    count = 60
    writers = [subprocess.Popen([sys.executable, LOOP, str(ledger_path), str(count), tag],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for tag in ("a", "b")]
    outputs = [w.communicate(timeout=300) for w in writers]
    for writer, (out, err) in zip(writers, outputs):
        assert writer.returncode == 0, err
        assert "locked" not in err
        assert len(out.split()) == count
    with db.open_ledger(ledger_path) as ledger:
        stored = {r[0] for r in ledger.conn.execute("SELECT id FROM breach")}
        assert stored == set(outputs[0][0].split()) | set(outputs[1][0].split())
        assert len(stored) == 2 * count
        assert integrity_problems(ledger.conn) == []
