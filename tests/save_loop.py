"""A second copy of the program, for the durability and concurrency tests: saves breaches
in a loop into the file given, printing each breach's key once its save has returned.

    save_loop.py PATH COUNT TAG [--as-window] [--until FILE] [--pause SECONDS]

COUNT below 0 saves until killed (or until FILE exists, with --until); --pause rests
between saves, as a person typing does, so that a bounded COUNT lasts a while. --as-window saves
as the window does: it waits for another copy's write only a moment (1.5 s), and when
that copy still holds the file's write lock (db.BusyError) it tries the same save again,
writing "busy, trying again" on stderr each time; it then prints "retries N" on stderr at
the end. Any other failure ends the loop with its traceback and a non-zero status.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import db  # noqa: E402

WINDOW_WAIT_MS = 1500  # gui.breach_editor.WRITE_WAIT_MS, without importing Qt here


def breach(number: int, tag: str, governorate: str, kind: str, source: str,
           second: str) -> db.Breach:
    return db.Breach(
        occurred_on="2017-01-03", governorate_id=governorate, breach_type_id=kind,
        place=f"{tag} place {number}", killed=2, children=1, injured=number % 7,
        description="نص عربي " * 20,
        citations=[db.Citation(source_id=source, reference=f"report {number}"),
                   db.Citation(source_id=second, reference=f"video {number}")],
        victims=[db.Victim(name=f"victim {number}", age=11),
                 db.Victim(name=f"adult {number}", sex="male", age=40)])


def save_until_done(ledger: db.Ledger, made: db.Breach, as_window: bool) -> tuple[db.Breach, int]:
    """The breach saved, and how many times the save found the lock held and was tried
    again (only `as_window`; otherwise BusyError ends the loop)."""
    retries = 0
    while True:
        try:
            return db.save_breach(ledger, made), retries
        except db.BusyError:
            if not as_window:
                raise
            retries += 1
            print("busy, trying again", file=sys.stderr, flush=True)
            time.sleep(0.05)


def main(path: str, count: int, tag: str, as_window: bool = False,
         until: Path | None = None, pause: float = 0.0) -> None:
    retries = 0
    with db.open_ledger(path, user=f"writer {tag}", office="test") as ledger:
        if as_window:
            ledger.wait_for_writers(WINDOW_WAIT_MS)
        source, second = (db.find_by_name(ledger, "source", name) or db.save_source(
            ledger, db.Source(name=name, kind="activist")).id
            for name in (f"Source {tag}", f"Witness {tag}"))
        governorate = db.find_by_name(ledger, "governorate", "Idlib")
        kind = db.find_by_name(ledger, "breach_type", "Air strike")
        number = 0
        while (count < 0 or number < count) and not (until and until.exists()):
            number += 1
            saved, tries = save_until_done(
                ledger, breach(number, tag, governorate, kind, source, second), as_window)
            retries += tries
            print(saved.id, flush=True)
            time.sleep(pause)
    if as_window:
        print(f"retries {retries}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    as_window = "--as-window" in arguments
    until = Path(arguments[arguments.index("--until") + 1]) if "--until" in arguments else None
    pause = float(arguments[arguments.index("--pause") + 1]) if "--pause" in arguments else 0.0
    main(arguments[0], int(arguments[1]), arguments[2], as_window, until, pause)
