"""Benchmark: the price of encryption. The same demo of N breaches (100,000 by default),
plain and encrypted (db/passphrases.py encrypt_file of a copy), measured in one run, each
piece of work interleaved between the two files:

- open: opening the file and closing it as the window does, as a new start would (after
  a clean close, so no page is checked; an encrypted file makes its key from the
  passphrase first: PBKDF2, 256,000 rounds);
- open a reader: the read-only connection a background count or total opens;
- first page: the list's first page, newest first (db.list_breaches);
- search: the first page of a text filter (the trigram index);
- weekly totals: every week since the truce (db.totals.weekly_totals);
- save: an edit of one breach saved (db.save_breach), written to the disk.

    python bench/bench_encryption.py [--size 100000] [--runs 15]

Prints the median of each, and the ratio encrypted / plain.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import db  # noqa: E402
from db import passphrases  # noqa: E402
from db.demo import create_demo  # noqa: E402
from db.listing import BreachFilter  # noqa: E402
from db.store import open_reader  # noqa: E402
from db.totals import weekly_totals  # noqa: E402

PASSPHRASE = "olive grove at dawn"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="truce-bench-encryption-"))
    try:
        plain, encrypted = folder / "plain.sqlite3", folder / "encrypted.sqlite3"
        create_demo(plain, size=max(args.size - 251, 0))
        shutil.copy(plain, encrypted)
        passphrases.encrypt_file(encrypted, PASSPHRASE)
        for path, key in ((plain, None), (encrypted, PASSPHRASE)):
            db.open_ledger(path, user="bench", passphrase=key).close()  # marked clean
        keys = {plain: None, encrypted: PASSPHRASE}
        # Opening first, alone: with another connection open, a close cannot mark the
        # file clean, and every opening would read every page.
        results = {"open and close": {plain: [], encrypted: []}}
        for _ in range(args.runs):
            for path in (plain, encrypted):
                begin = time.perf_counter()
                _reopened(path, keys[path])
                results["open and close"][path].append(time.perf_counter() - begin)
        ledgers = {path: db.open_ledger(path, user="bench", passphrase=key)
                   for path, key in keys.items()}
        edited = {path: db.get_breach(ledger, db.list_breaches(ledger, limit=1)[0].id)
                  for path, ledger in ledgers.items()}
        work = {
            "open a reader": lambda path: open_reader(path).close(),
            "first page": lambda path: db.list_breaches(ledgers[path]),
            "search, first page": lambda path: db.list_breaches(
                ledgers[path], BreachFilter(text="shelling")),
            "weekly totals": lambda path: weekly_totals(ledgers[path]),
            "save an edit": lambda path: _saved(ledgers[path], edited, path),
        }
        results.update({name: {plain: [], encrypted: []} for name in work})
        for _ in range(args.runs):
            for name, job in work.items():
                for path in (plain, encrypted):
                    begin = time.perf_counter()
                    job(path)
                    results[name][path].append(time.perf_counter() - begin)
        for ledger in ledgers.values():
            ledger.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\n{args.size:,} breaches, median of {args.runs} runs")
    print(f"{'work':22} {'plain':>10} {'encrypted':>10} {'ratio':>7}")
    for name, times in results.items():
        ours, theirs = statistics.median(times[encrypted]), statistics.median(times[plain])
        print(f"{name:22} {theirs * 1000:8.2f}ms {ours * 1000:8.2f}ms {ours / theirs:7.2f}")
    return 0


def _reopened(path: Path, key: str | None) -> None:
    db.cipher.forget(path)  # as a new start: the key derived again
    db.open_ledger(path, user="bench", passphrase=key).close()
    db.cipher.remember(path, key)


def _saved(ledger, edited: dict, path: Path) -> None:
    breach = edited[path]
    edited[path] = db.save_breach(ledger, replace(breach, killed=(breach.killed or 0) % 50 + 1))


if __name__ == "__main__":
    sys.exit(main())
