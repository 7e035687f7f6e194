"""A merge reads their breaches one by one, checked by the editor's rules, only where they
differ from ours (db.merge_read `_held_alike`): a breach their file holds exactly as ours,
with its citations and victims, is ours already. A copy of our own file merges, even where
an older version of the program wrote a row today's checks would refuse; a breach of theirs
that differs from ours in a single value is read and checked as before."""
from __future__ import annotations

import pytest

import db
from db.merge import MergeRefused, merge_file
from gui.messages import error_text
from tests.test_merge_hostile import copy_of, dump, forge


@pytest.fixture
def ours(ledger, make_breach):
    """Two breaches of ours, one with a named victim; their keys."""
    first = db.save_breach(ledger, make_breach(
        killed=1, women=0, children=0, victims=[db.Victim(name="Open name", age=30,
                                                          sex="male")]))
    second = db.save_breach(ledger, make_breach(place="Anadan", occurred_on="2017-01-03"))
    return first.id, second.id


def test_a_copy_of_ours_merges_and_changes_nothing_though_an_older_version_wrote_it(
        tmp_path, ledger, ours):
    # An older version stored the place untrimmed: today's checks refuse such a text of
    # another office, and refused a copy of our own file over it.
    forge(ledger.path, "UPDATE breach SET place = 'Anadan ' WHERE id = ?", params=(ours[1],))
    theirs = copy_of(ledger.path, tmp_path / "copy.sqlite3")
    before = dump(ledger.path)
    steps = []
    report = merge_file(ledger, theirs, progress=lambda done, total: steps.append(
        (done, total)) is None)
    assert (report.added, report.updated, report.deleted, report.left) == (0, 0, 0, 2)
    assert dump(ledger.path) == before
    assert steps[-1][0] == steps[-1][1]  # the progress bar ends full


@pytest.mark.parametrize("forgery, said", [
    ("UPDATE victim SET name = '', name_latin = ''", "breach"),
    ("UPDATE citation SET reported_on = '2017-13-45'", "breach"),
    ("UPDATE victim SET updated_at = '2999-01-01T00:00:00.000000Z'", "updated at"),
    ("UPDATE breach SET killed = 0 WHERE killed = 1", "breach"),
])
def test_a_breach_whose_copy_differs_in_one_value_is_checked_as_before(
        tmp_path, ledger, ours, forgery, said):
    theirs = copy_of(ledger.path, tmp_path / "copy.sqlite3")
    forge(theirs, forgery)  # updated_at unchanged: their copy is not newer than ours
    before = dump(ledger.path)
    with pytest.raises(MergeRefused) as refusal:
        merge_file(ledger, theirs)
    assert f"breach {ours[0]} (2017-01-02)" in error_text(refusal.value)
    assert said in error_text(refusal.value)
    assert dump(ledger.path) == before


def test_breaches_held_alike_are_left_and_the_rest_are_taken(tmp_path, ledger, ours,
                                                            make_breach):
    theirs = copy_of(ledger.path, tmp_path / "copy.sqlite3")
    with db.open_ledger(theirs, user="Field", office="Idlib") as field:
        changed = db.get_breach(field, ours[0])
        changed.description = "corrected in Idlib"
        db.save_breach(field, changed)
        new = db.save_breach(field, make_breach(place="Kafr Hamra", occurred_on="2017-01-04"))
    report = merge_file(ledger, theirs)
    assert (report.added, report.updated, report.left) == (1, 1, 1)
    assert db.get_breach(ledger, ours[0]).description == "corrected in Idlib"
    assert db.get_breach(ledger, new.id).place == "Kafr Hamra"
    assert [b.place for b in db.list_breaches(ledger, db.BreachFilter(text="hamra"))] == [
        "Kafr Hamra"]
    again = merge_file(ledger, theirs)
    assert (again.added, again.updated, again.deleted, again.left) == (0, 0, 0, 3)
