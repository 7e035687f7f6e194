"""A second copy of the program, for the durability tests: saves breaches in a loop into
the file given, printing each breach's key once its save has returned."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import db  # noqa: E402


def main(path: str, count: int, tag: str) -> None:
    with db.open_ledger(path, user=f"writer {tag}", office="test") as ledger:
        source, second = (db.find_by_name(ledger, "source", name) or db.save_source(
            ledger, db.Source(name=name, kind="activist")).id
            for name in (f"Source {tag}", f"Witness {tag}"))
        governorate = db.find_by_name(ledger, "governorate", "Idlib")
        kind = db.find_by_name(ledger, "breach_type", "Air strike")
        number = 0
        while count < 0 or number < count:
            number += 1
            saved = db.save_breach(ledger, db.Breach(
                occurred_on="2017-01-03", governorate_id=governorate, breach_type_id=kind,
                place=f"{tag} place {number}", killed=2, children=1, injured=number % 7,
                description="نص عربي " * 20,
                citations=[db.Citation(source_id=source, reference=f"report {number}"),
                           db.Citation(source_id=second, reference=f"video {number}")],
                victims=[db.Victim(name=f"victim {number}", age=11),
                         db.Victim(name=f"adult {number}", sex="male", age=40)]))
            print(saved.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
