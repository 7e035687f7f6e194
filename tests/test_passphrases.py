"""Changing a passphrase, encrypting a plain ledger and writing a plain copy (issue 12):
killed at random moments, the file opens with the old or the new passphrase (or none)
and holds every record."""
from __future__ import annotations

import random
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import db
from db import passphrases
from db.cipher import forget
from db.demo import create_demo
from tests.conftest import ROOT

OLD, NEW = "olive grove at dawn", "cedar hill at dusk"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    create_demo(path, size=6000)
    return path


def _records(path: Path, passphrase: str | None) -> tuple:
    """Every breach, citation and victim key of the file, opened with `passphrase`."""
    forget(path)
    with db.open_ledger(path, passphrase=passphrase) as ledger:
        return tuple(tuple(row[0] for row in ledger.conn.execute(
            f"SELECT id FROM {table} ORDER BY id")) for table in ("breach", "citation",
                                                                  "victim"))


CHANGER = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    import db
    from db import passphrases
    path, work = sys.argv[2], sys.argv[3]
    print("start", flush=True)
    if work == "rekey":
        with db.open_ledger(path, passphrase=sys.argv[4]) as ledger:
            passphrases.change_passphrase(ledger, sys.argv[5])
    else:
        passphrases.encrypt_file(path, sys.argv[5])
    print("done", flush=True)
""")


def _killed_during(work: str, path: Path, after: float | None) -> bool | float:
    """Run `work` on `path` in another process and kill it `after` seconds after it
    starts (None: let it finish, and return how long it took); whether it had
    finished."""
    child = subprocess.Popen([sys.executable, "-c", CHANGER, str(ROOT), str(path), work, OLD,
                              NEW], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "start"
        if after is None:
            begin = time.perf_counter()
            assert child.stdout.readline().strip() == "done"
            return time.perf_counter() - begin
        time.sleep(after)
        child.kill()
        return child.stdout.read().strip() == "done"
    finally:
        child.wait()


@pytest.mark.parametrize("work", ["rekey", "encrypt"])
def test_killed_at_random_moments_the_file_opens_with_one_passphrase_whole(
        work, demo_file, tmp_path):
    expected = _records(demo_file, None)
    source = tmp_path / "source.sqlite3"
    shutil.copy(demo_file, source)
    if work == "rekey":  # the demo encrypted, with the old passphrase
        passphrases.encrypt_file(source, OLD)
    timing = tmp_path / "timing.sqlite3"
    shutil.copy(source, timing)
    whole = _killed_during(work, timing, None)  # how long it takes, killed by nothing
    chance = random.Random(12)
    outcomes = set()
    for run in range(10):
        path = tmp_path / f"run{run}.sqlite3"
        shutil.copy(source, path)
        _killed_during(work, path, chance.uniform(whole / 2, whole))  # mostly mid-work
        before = OLD if work == "rekey" else None
        try:
            found = _records(path, NEW)
            outcome = "new" if not path.read_bytes().startswith(b"SQLite format 3") else "old"
        except db.PassphraseError:
            found, outcome = _records(path, before), "old"
        assert found == expected
        outcomes.add(outcome)
    print(f"{work}: {whole:.2f} s whole; killed runs opened with {sorted(outcomes)}")


def test_encrypting_refuses_a_file_another_copy_has_open(demo_file, tmp_path):
    path = tmp_path / "office.sqlite3"
    shutil.copy(demo_file, path)
    with db.open_ledger(path):  # another copy of the program, in this process
        before = path.read_bytes()
        with pytest.raises(db.LedgerError) as refused:
            passphrases.encrypt_file(path, NEW)
        assert refused.value.code == "file_in_use"
        assert path.read_bytes() == before
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    assert passphrases.encrypt_file(path, NEW) == []
    assert _records(path, NEW) == _records(demo_file, None)


def test_a_plain_copy_of_an_encrypted_ledger_is_whole_and_plain(demo_file, tmp_path):
    path, plain = tmp_path / "office.sqlite3", tmp_path / "plain.sqlite3"
    shutil.copy(demo_file, path)
    passphrases.encrypt_file(path, OLD)
    with db.open_ledger(path, passphrase=OLD) as ledger:
        passphrases.decrypted_copy(ledger, plain)
        with pytest.raises(db.LedgerError) as refused:
            passphrases.decrypted_copy(ledger, plain)  # never over a file
        assert refused.value.code == "copy_exists"
    assert plain.read_bytes().startswith(b"SQLite format 3\x00")
    check = subprocess.run([sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect("
                            "sys.argv[1]).execute('SELECT count(*) FROM breach').fetchone()[0])",
                            str(plain)], capture_output=True, text=True)
    assert check.stdout.strip() == str(len(_records(demo_file, None)[0]))
