"""The place field offers the places of earlier breaches, most used first, from counts kept
as breaches are written (db/place_uses.py): they follow saves, edits, the Trash and a
migration from an older file; `check` finds counts that another program left wrong, and
`check --recount` counts them again."""
from __future__ import annotations


from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from tests.older_schema import as_schema
from tests.test_cli_words import run


def plain_places(path) -> list[str]:
    """The places of the breaches outside the Trash, most used first, read by sqlite3."""
    conn = sqlite3.connect(path)
    try:
        return [place for (place,) in conn.execute(
            "SELECT place FROM breach WHERE deleted_at IS NULL AND place != ''"
            " GROUP BY place ORDER BY count(*) DESC, place")]
    finally:
        conn.close()


def test_places_follow_saves_edits_and_the_trash(ledger, ledger_path, make_breach):
    saved = {place: db.save_breach(ledger, make_breach(place=place), allow_duplicate=True)
             for place in ("Anadan", "Khan Tuman", "Hayan", "إعزاز")}
    db.save_breach(ledger, make_breach(place="Khan Tuman"), allow_duplicate=True)
    assert db.places(ledger) == ["Khan Tuman", "Anadan", "Hayan", "إعزاز"]
    assert db.places(ledger, "اعز") == ["إعزاز"]  # the hamza folded

    anadan = db.get_breach(ledger, saved["Anadan"].id)
    anadan.place = "Hayan"
    db.save_breach(ledger, anadan, allow_duplicate=True)
    assert db.places(ledger) == ["Hayan", "Khan Tuman", "إعزاز"]  # Anadan named by none

    db.delete_breaches(ledger, [saved["Khan Tuman"].id, saved["إعزاز"].id])
    assert db.places(ledger) == ["Hayan", "Khan Tuman"]
    db.restore_breaches(ledger, [saved["إعزاز"].id])
    assert db.places(ledger) == ["Hayan", "Khan Tuman", "إعزاز"]
    assert db.places(ledger) == plain_places(ledger_path)


def test_a_file_of_the_older_schema_offers_its_places_once_migrated(ledger_path, make_breach,
                                                                    ledger):
    for place in ("Anadan", "Atarib", "Atarib"):
        db.save_breach(ledger, make_breach(place=place), allow_duplicate=True)
    ledger.close()
    as_schema(ledger_path, 3)
    with db.open_ledger(ledger_path, read_only=True) as reader:  # not migrated: recounted
        assert db.places(reader) == ["Atarib", "Anadan"]
    with db.open_ledger(ledger_path, user="Rima") as migrated:
        assert db.places(migrated) == ["Atarib", "Anadan"]
        db.save_breach(migrated, make_breach(place="Anadan"), allow_duplicate=True)
        db.save_breach(migrated, make_breach(place="Anadan"), allow_duplicate=True)
        assert db.places(migrated) == ["Anadan", "Atarib"]


def test_check_finds_place_counts_written_by_another_program(ledger_path, ledger, make_breach):
    for place in ("Anadan", "Atarib"):
        db.save_breach(ledger, make_breach(place=place), allow_duplicate=True)
    ledger.close()
    conn = sqlite3.connect(ledger_path)
    with conn:  # the sqlite3 shell writes the breach; nothing counts its place
        conn.execute("UPDATE breach SET place = 'Hayan' WHERE place = 'Atarib'")
    conn.close()
    done = run("check", "--db", str(ledger_path))
    assert done.returncode == 1
    assert "the counts of places it keeps for the place field differ" in done.stderr
    assert "Atarib" in done.stderr and "Traceback" not in done.stderr
    done = run("check", "--recount", "--db", str(ledger_path))
    assert done.returncode == 0, done.stderr
    assert "place counts written again" in done.stdout.splitlines()
    with db.open_ledger(ledger_path, user="Rima") as checked:
        assert db.places(checked) == ["Anadan", "Hayan"] == plain_places(ledger_path)
    assert run("check", "--db", str(ledger_path)).returncode == 0
