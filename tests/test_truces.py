"""Editing and deleting truces (db/truces.py): what the edit does to breaches, told before
and done after; a truce with breaches is never deleted; everything in the change log."""
from __future__ import annotations

import json

import pytest

import db
from gui.messages import error_text
from db.totals import WeekScheme, weekly_totals

from conftest import read_rows as read


def truce_of(path, key):
    return read(path, "SELECT truce_id FROM breach WHERE id = ?", (key,))[0][0]


def log_of(path, table, key):
    return read(path, "SELECT action, before, after FROM change_log WHERE record_table = ?"
                      " AND record_id = ? ORDER BY changed_at", (table, key))


@pytest.fixture
def truce(ledger):
    return db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))


def save(ledger, make_breach, day, **changes):
    return db.save_breach(ledger, make_breach(occurred_on=day, place=f"Place {day}",
                                              **changes)).id


def test_a_new_name_touches_no_breach_and_is_logged(ledger, ledger_path, make_breach, truce):
    breach = save(ledger, make_breach, "2017-01-02")
    before_breach = read(ledger_path, "SELECT updated_at FROM breach WHERE id = ?", (breach,))
    edited = db.get_truce(ledger, truce)
    edited.name, edited.brokered_by = "  Ankara ceasefire ", "Russia and Turkey"
    assert not db.truce_edit_effect(ledger, edited)
    changes = db.update_truce(ledger, edited)
    assert changes.action == "update" and not changes.breaches
    assert changes.truce.name == "Ankara ceasefire"
    assert read(ledger_path, "SELECT name, brokered_by, start_date FROM truce WHERE id = ?",
                (truce,)) == [("Ankara ceasefire", "Russia and Turkey", "2016-12-29")]
    assert read(ledger_path, "SELECT updated_at FROM breach WHERE id = ?",
                (breach,)) == before_breach
    action, before, after = log_of(ledger_path, "truce", truce)[-1]
    assert action == "update"
    assert json.loads(before)["name"] == "Nationwide ceasefire"
    assert json.loads(after)["name"] == "Ankara ceasefire"


def test_saving_what_is_stored_changes_nothing(ledger, ledger_path, truce):
    changes = db.update_truce(ledger, db.get_truce(ledger, truce))
    assert changes.action == ""
    assert len(log_of(ledger_path, "truce", truce)) == 1  # the insert only


def test_a_new_start_date_moves_breaches_to_other_weeks(ledger, ledger_path, make_breach,
                                                        truce):
    # 2017-01-04 is in week 1 since 29 December; since 1 January it is still week 1;
    # 2017-01-05 moves from week 2 to week 1; 2017-01-12 from week 3 to week 2.
    same = save(ledger, make_breach, "2017-01-04")
    moved = [save(ledger, make_breach, day) for day in ("2017-01-05", "2017-01-12")]
    gone = save(ledger, make_breach, "2016-12-30")
    edited = db.get_truce(ledger, truce)
    edited.start_date = "2017-01-01"
    effect = db.truce_edit_effect(ledger, edited)
    assert sorted(effect.change_week) == sorted(moved)
    assert effect.leave == [gone] and effect.join == []
    changes = db.update_truce(ledger, edited)
    assert changes.breaches == effect
    assert truce_of(ledger_path, same) == truce_of(ledger_path, moved[0]) == truce
    assert truce_of(ledger_path, gone) is None  # no truce was in force on 30 December
    weeks = weekly_totals(ledger, WeekScheme(truce=db.get_truce(ledger, truce)))
    assert weeks[0].first.isoformat() == "2017-01-01"
    assert [w.breaches for w in weeks] == [2, 1]
    action, before, after = log_of(ledger_path, "breach", gone)[-1]
    assert action == "update"
    assert (json.loads(before)["truce_id"], json.loads(after)["truce_id"]) == (truce, None)


def test_the_effect_is_counted_without_writing(ledger, ledger_path, make_breach, truce):
    save(ledger, make_breach, "2017-01-05")
    before = read(ledger_path, "SELECT count(*) FROM change_log")
    edited = db.get_truce(ledger, truce)
    edited.start_date = "2017-01-01"
    assert len(db.truce_edit_effect(ledger, edited).change_week) == 1
    assert read(ledger_path, "SELECT count(*) FROM change_log") == before
    assert read(ledger_path, "SELECT start_date FROM truce") == [("2016-12-29",)]


def test_a_breach_left_out_goes_to_the_truce_in_force_that_day(ledger, ledger_path,
                                                                make_breach):
    earlier = db.add_truce(ledger, db.Truce("Aleppo evacuation", "2016-12-15"))
    later = db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-20"))
    breach = save(ledger, make_breach, "2016-12-22")
    assert truce_of(ledger_path, breach) == later
    edited = db.get_truce(ledger, later)
    edited.start_date = "2016-12-29"
    changes = db.update_truce(ledger, edited)
    assert changes.changed_breaches == [breach]
    assert truce_of(ledger_path, breach) == earlier


def test_an_end_date_leaves_out_later_breaches(ledger, ledger_path, make_breach, truce):
    inside = save(ledger, make_breach, "2017-01-05")
    after = save(ledger, make_breach, "2017-02-01")
    edited = db.get_truce(ledger, truce)
    edited.end_date = "2017-01-31"
    effect = db.update_truce(ledger, edited).breaches
    assert effect.leave == [after] and effect.change_week == []
    assert truce_of(ledger_path, inside) == truce
    assert truce_of(ledger_path, after) is None


def test_breaches_of_no_truce_join_the_days_it_now_covers(ledger, ledger_path, make_breach):
    # Recorded before the truce was set up with the right date: the truce first said
    # 10 January, so breaches of 29 December to 9 January had no truce.
    truce = db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2017-01-10"))
    early = save(ledger, make_breach, "2016-12-30")
    before_any = save(ledger, make_breach, "2016-12-01")
    inside = save(ledger, make_breach, "2017-01-11")
    assert truce_of(ledger_path, early) is None
    edited = db.get_truce(ledger, truce)
    edited.start_date = "2016-12-29"
    effect = db.truce_edit_effect(ledger, edited)
    assert effect.join == [early] and effect.change_truce == [early]
    assert effect.change_week == [inside]  # week 1 since 10 January, week 2 since 29 December
    db.update_truce(ledger, edited)
    assert truce_of(ledger_path, early) == truce
    assert truce_of(ledger_path, before_any) is None


def test_breaches_of_other_truces_and_in_the_trash_keep_their_truce(ledger, ledger_path,
                                                                    make_breach, truce):
    other = db.add_truce(ledger, db.Truce("Local truce", "2016-12-01"))
    chosen = save(ledger, make_breach, "2016-12-20", truce_id=other)
    trashed = save(ledger, make_breach, "2016-12-30")
    db.delete_breach(ledger, trashed)
    edited = db.get_truce(ledger, truce)
    edited.start_date = "2016-12-10"
    assert not db.update_truce(ledger, edited).breaches
    assert truce_of(ledger_path, chosen) == other
    assert truce_of(ledger_path, trashed) == truce


@pytest.mark.parametrize("changes, field, code", [
    (dict(name="  "), "name", "required"),
    (dict(start_date="2016-12-32"), "start_date", "not_a_date"),
    (dict(start_date=None), "start_date", "not_a_date"),
    (dict(end_date="2016-12-01"), "end_date", "end_before_start"),
    (dict(end_date="someday"), "end_date", "not_a_date"),
])
def test_a_bad_edit_is_refused_and_changes_nothing(ledger, ledger_path, make_breach, truce,
                                                   changes, field, code):
    save(ledger, make_breach, "2017-01-05")
    stored = read(ledger_path, "SELECT * FROM truce")
    logged = read(ledger_path, "SELECT count(*) FROM change_log")
    edited = db.get_truce(ledger, truce)
    for name, value in changes.items():
        setattr(edited, name, value)
    with pytest.raises(db.ValidationError) as refused:
        db.update_truce(ledger, edited)
    assert refused.value.codes[field][0] == code
    assert read(ledger_path, "SELECT * FROM truce") == stored
    assert read(ledger_path, "SELECT count(*) FROM change_log") == logged


def test_a_truce_with_breaches_is_not_deleted(english, ledger, ledger_path, make_breach, truce):
    save(ledger, make_breach, "2017-01-02")
    save(ledger, make_breach, "2017-01-03")
    trashed = save(ledger, make_breach, "2017-01-04")
    db.delete_breach(ledger, trashed)
    with pytest.raises(db.LedgerError) as refused:
        db.delete_truce(ledger, truce)
    assert refused.value.code == "truce_in_use"
    assert refused.value.params["count"] == 3 and refused.value.params["trashed"] == 1
    assert "it has 3 breaches" in error_text(refused.value)
    assert read(ledger_path, "SELECT deleted_at FROM truce WHERE id = ?", (truce,)) == [(None,)]
    assert db.truce_breach_counts(ledger, truce) == (2, 1)


def test_a_truce_with_only_a_breach_in_the_trash_is_not_deleted(english, ledger, make_breach,
                                                                 truce):
    trashed = save(ledger, make_breach, "2017-01-04")
    db.delete_breach(ledger, trashed)
    with pytest.raises(db.LedgerError) as refused:
        db.delete_truce(ledger, truce)
    words = error_text(refused.value)
    assert "it has 1 breach." in words and "1 breach in the Trash" in words


def test_a_truce_without_breaches_is_deleted_as_a_tombstone(ledger, ledger_path, truce):
    changes = db.delete_truce(ledger, truce)
    assert (changes.truce_id, changes.action, changes.truce) == (truce, "delete", None)
    assert db.truces(ledger) == []
    (deleted_at,), = read(ledger_path, "SELECT deleted_at FROM truce WHERE id = ?", (truce,))
    assert deleted_at
    assert [row[0] for row in log_of(ledger_path, "truce", truce)] == ["insert", "delete"]
    with pytest.raises(db.NotFoundError):
        db.delete_truce(ledger, truce)
    with pytest.raises(db.NotFoundError):
        db.update_truce(ledger, db.Truce("Again", "2017-01-01", id=truce))
