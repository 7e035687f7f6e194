"""Breaches written in sets (db/bulk.py: an import's or a merge's new rows) are found by
search and counted in the day's sums exactly as breaches saved one by one are; a write
that fails leaves no sum or search entry behind, and the next save is counted again."""
from __future__ import annotations


import pytest

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.backup import check_and_back_up
from db.bulk import adding_in_sets
from db.day_sums import differences
from db.totals import TotalsFilter, WeekScheme, weekly_totals


def _copy_breaches(conn: sqlite3.Connection, other: str, where: str = "true") -> None:
    """The other file's breaches that this one lacks, copied as a merge copies them."""
    conn.execute("ATTACH DATABASE ? AS other", (other,))
    conn.execute(f"INSERT INTO main.breach SELECT * FROM other.breach o WHERE {where}"
                 " AND o.id NOT IN (SELECT id FROM main.breach)")


def _fill(ledger, make_breach, places: list[str], **changes) -> None:
    for place in places:
        db.save_breach(ledger, make_breach(place=place, **changes))


@pytest.fixture
def other(tmp_path, ledger, lists, make_breach):
    """A copy of this ledger's file (same lists) with breaches of its own on the days this
    one has breaches too, one of them discounted and one in the Trash."""
    _fill(ledger, make_breach, ["Khan Tuman", "Anadan"])
    path = tmp_path / "other.sqlite3"
    ledger.conn.execute("VACUUM INTO ?", (str(path),))
    with db.open_ledger(path, user="Omar", office="Idlib") as theirs:
        _fill(theirs, make_breach, ["Kafr Hamra", "Hayan"], killed=5, injured=2)
        _fill(theirs, make_breach, ["Atarib"], occurred_on="2017-01-09",
              governorate_id=lists["rif"], breach_type_id=lists["air"], status="confirmed")
        _fill(theirs, make_breach, ["Zarbah"], status="discounted")
        db.save_breach(theirs, make_breach(place="Tell Rifaat"))
        gone = db.list_breaches(theirs, db.BreachFilter(text="Tell Rifaat"))[0]
        db.delete_breaches(theirs, [gone.id])
    return path


def _week_totals(ledger) -> list[tuple]:
    rows = weekly_totals(ledger, WeekScheme(), TotalsFilter(date_from="2017-01-02",
                                                            date_to="2017-01-15"))
    return [(r.breaches, r.killed, r.injured) for r in rows]


def test_breaches_added_in_sets_are_counted_and_found(ledger, other):
    conn = ledger.conn
    conn.execute("BEGIN IMMEDIATE")
    with adding_in_sets(conn):
        _copy_breaches(conn, str(other))
    conn.execute("COMMIT")

    assert differences(conn) == []
    check_and_back_up(conn, ledger.path)  # the search index's own check passes too
    assert [b.place for b in db.list_breaches(ledger, db.BreachFilter(text="kafr ham"))] \
        == ["Kafr Hamra"]
    assert [b.place for b in db.list_breaches(ledger, db.BreachFilter(text="atarib"))] \
        == ["Atarib"]
    # 2 own + 2 theirs (3 + 3 + 5 + 5 killed) in the first week, Atarib in the second;
    # the discounted one and the one in the Trash count nowhere.
    assert _week_totals(ledger) == [(4, 16, 12), (1, 3, 4)]


def test_a_failed_set_leaves_nothing_and_saves_are_counted_after(ledger, other, make_breach):
    conn = ledger.conn
    before = _week_totals(ledger)
    conn.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.IntegrityError):
        with adding_in_sets(conn):
            _copy_breaches(conn, str(other))
            conn.execute("INSERT INTO main.breach SELECT * FROM other.breach LIMIT 1")
    conn.execute("ROLLBACK")
    conn.execute("DETACH DATABASE other")

    assert _week_totals(ledger) == before
    assert db.list_breaches(ledger, db.BreachFilter(text="kafr")) == []
    db.save_breach(ledger, make_breach(place="Kafr Naya"))  # counted by the triggers again
    assert differences(conn) == []
    assert [b.place for b in db.list_breaches(ledger, db.BreachFilter(text="naya"))] \
        == ["Kafr Naya"]
    assert _week_totals(ledger)[0][0] == before[0][0] + 1


def test_a_text_changed_inside_a_set_is_found_by_its_new_words_only(ledger, other,
                                                                  make_breach):
    """A breach that an import or a merge changes inside the set (its place, its
    description) is folded again on leaving, in one statement: found by what it now says,
    never by what it said."""
    db.save_breach(ledger, make_breach(place="Hreitan", description="Mortar fire"))
    conn = ledger.conn
    conn.execute("BEGIN IMMEDIATE")
    with adding_in_sets(conn):
        _copy_breaches(conn, str(other))
        conn.execute("UPDATE main.breach SET place = 'Kafr Nabl' WHERE place = 'Hreitan'")
        conn.execute("UPDATE main.breach SET description = 'Barrel bombs dropped'"
                     " WHERE place = 'Kafr Hamra'")  # one of the set, changed in it
    conn.execute("COMMIT")

    assert differences(conn) == []
    check_and_back_up(conn, ledger.path)  # the search index's own check passes too
    assert [b.place for b in db.list_breaches(ledger, db.BreachFilter(text="kafr nabl"))] \
        == ["Kafr Nabl"]
    assert db.list_breaches(ledger, db.BreachFilter(text="hreitan")) == []
    assert [b.place for b in db.list_breaches(ledger, db.BreachFilter(text="mortar"))] \
        == ["Kafr Nabl"]
    assert "Kafr Hamra" not in [b.place for b in db.list_breaches(
        ledger, db.BreachFilter(text="artillery"))]
    assert [b.place for b in db.list_breaches(ledger, db.BreachFilter(text="barrel bomb"))] \
        == ["Kafr Hamra"]
    db.save_breach(ledger, make_breach(place="Hayan Village"))  # one by one again after
    assert len(db.list_breaches(ledger, db.BreachFilter(text="hayan village"))) == 1
