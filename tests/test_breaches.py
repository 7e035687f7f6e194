"""Saving, editing, deleting and restoring breaches, and the change log of each."""
from __future__ import annotations

from dataclasses import replace

import pytest

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from gui.messages import error_text
from db import breaches as breaches_module
from db.listing import count_shown
from tests.conftest import read_rows, table_counts


def test_a_saved_breach_with_sources_and_victims_is_in_the_file(ledger, ledger_path, lists,
                                                                make_breach):
    breach = make_breach(
        citations=[db.Citation(source_id=lists["source"], reference="https://example.org/1"),
                   db.Citation(source_id=lists["activist"], reference="WhatsApp message",
                               note="voice note")],
        victims=[db.Victim(name="محمد العلي", name_latin="Mohammad al-Ali", sex="male", age=9),
                 db.Victim(name="فاطمة", sex="female", age=34, civilian="yes",
                           confidential=True)])
    saved = db.save_breach(ledger, breach)
    raw = sqlite3.connect(ledger_path)  # another connection sees it: it is committed
    assert raw.execute("SELECT place, killed, women, children, office, entered_by FROM breach"
                       " WHERE id = ?", (saved.id,)).fetchone() == (
        "Khan Tuman", 3, 1, 1, "Gaziantep", "Rima")
    assert raw.execute("SELECT count(*) FROM citation WHERE breach_id = ?",
                       (saved.id,)).fetchone()[0] == 2
    assert sorted(raw.execute("SELECT name, age_group, confidential FROM victim"
                              " WHERE breach_id = ?", (saved.id,)).fetchall()) == [
        ("فاطمة", "adult", 1), ("محمد العلي", "child", 0)]
    assert raw.execute("SELECT action, user, office FROM change_log WHERE record_id = ?",
                       (saved.id,)).fetchall() == [("insert", "Rima", "Gaziantep")]
    assert [c.source_name for c in saved.citations] == ["Aleppo Media Center",
                                                         "Activist in Khan Tuman"]
    assert len(saved.id) == 36 and saved.created_at.endswith("Z")


def test_editing_keeps_keys_and_logs_before_and_after(ledger, lists, make_breach):
    saved = db.save_breach(ledger, make_breach(
        victims=[db.Victim(name="Omar", age=7), db.Victim(name="Hiba", sex="female", age=30)]))
    first_victim = saved.victims[0].id
    saved.killed, saved.description = 4, "Shelling with heavy artillery."
    saved.victims = [saved.victims[0]]  # one victim removed
    saved.victims[0].name = "Omar al-Ahmad"
    saved.citations.append(db.Citation(source_id=lists["activist"], reference="call"))
    edited = db.save_breach(ledger, saved)
    assert edited.id == saved.id and edited.killed == 4
    assert [v.id for v in edited.victims] == [first_victim]
    assert edited.victims[0].name == "Omar al-Ahmad"
    assert len(edited.citations) == 2
    assert edited.updated_at > saved.updated_at and edited.created_at == saved.created_at
    history = db.record_history(ledger, saved.id)
    assert [c.action for c in history] == ["insert", "update"]
    update = history[1]
    assert update.before["killed"] == 3 and update.after["killed"] == 4
    assert len(update.before["victims"]) == 2 and len(update.after["victims"]) == 1
    assert update.after["description"] == "Shelling with heavy artillery."
    # The removed victim is a tombstone, not gone.
    assert ledger.conn.execute("SELECT deleted_at IS NOT NULL FROM victim WHERE breach_id = ?"
                               " AND name = 'Hiba'", (saved.id,)).fetchone() == (1,)


def test_saving_without_a_change_writes_nothing(ledger, ledger_path, make_breach):
    saved = db.save_breach(ledger, make_breach())
    before = table_counts(ledger_path)
    again = db.save_breach(ledger, db.get_breach(ledger, saved.id))
    assert again.updated_at == saved.updated_at
    assert table_counts(ledger_path) == before
    assert len(db.record_history(ledger, saved.id)) == 1


def test_a_save_that_fails_half_way_leaves_nothing(ledger, ledger_path, make_breach, monkeypatch):
    before = table_counts(ledger_path)

    def power_cut(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(breaches_module, "log_change", power_cut)
    with pytest.raises(db.LedgerError) as refused:
        db.save_breach(ledger, make_breach(victims=[db.Victim(name="Yousef", age=12)]))
    assert refused.value.code == "not_saved"
    assert "not saved: disk I/O error" in error_text(refused.value)
    assert table_counts(ledger_path) == before
    assert not ledger.conn.in_transaction


def test_delete_goes_to_the_trash_and_restore_brings_it_back(ledger, make_breach):
    kept = db.save_breach(ledger, make_breach(place="Al-Eis"))
    gone = db.save_breach(ledger, make_breach(place="Khalasa", killed=7))
    db.delete_breach(ledger, gone.id)
    assert [r.id for r in db.list_breaches(ledger)] == [kept.id]
    assert db.count_breaches(ledger) == db.BreachCount(1, 3)
    trash = db.list_breaches(ledger, db.BreachFilter(deleted=True))
    assert [r.id for r in trash] == [gone.id] and trash[0].deleted_at
    assert db.get_breach(ledger, gone.id).deleted_at  # still in the file
    with pytest.raises(db.NotFoundError):
        db.delete_breach(ledger, gone.id)
    with pytest.raises(db.ValidationError) as refused:
        db.save_breach(ledger, db.get_breach(ledger, gone.id))
    assert "in_trash" in refused.value.errors.values()
    assert "Trash" in error_text(refused.value)
    db.restore_breach(ledger, gone.id)
    assert {r.id for r in db.list_breaches(ledger)} == {kept.id, gone.id}
    assert db.count_breaches(ledger, db.BreachFilter(deleted=True)).breaches == 0
    actions = [c.action for c in db.record_history(ledger, gone.id)]
    assert actions == ["insert", "delete", "restore"]
    with pytest.raises(db.NotFoundError):
        db.restore_breach(ledger, gone.id)
    with pytest.raises(db.NotFoundError):
        db.delete_breach(ledger, "no-such-breach")


def test_a_likely_duplicate_is_saved_only_when_confirmed(ledger, lists, make_breach):
    first = db.save_breach(ledger, make_breach(place="Khan Tuman"))
    with pytest.raises(db.DuplicateBreachError) as twin:
        db.save_breach(ledger, make_breach(place="khan tuman ", killed=5))
    assert twin.value.resembles_id == first.id
    # The key only, no sentence: the window says which breach it is, in its language.
    assert twin.value.params == {"resembles_id": first.id}
    assert error_text(twin.value).startswith("This looks like a breach already recorded")
    assert db.count_breaches(ledger).breaches == 1
    # Not a duplicate: another day, another type, or a deleted twin.
    db.save_breach(ledger, make_breach(occurred_on="2017-01-03"))
    db.save_breach(ledger, make_breach(breach_type_id=lists["air"]))
    second = db.save_breach(ledger, make_breach(place="Khan Tuman", killed=5),
                            allow_duplicate=True)
    assert db.count_breaches(ledger).breaches == 4
    # A look-alike kept on purpose can be corrected without the warning again…
    second.description = "Second shelling in the evening."
    assert db.save_breach(ledger, second).description == second.description
    # …but moving another breach onto it warns.
    third = db.save_breach(ledger, make_breach(place="Al-Eis"))
    third.place = "Khan Tuman"
    with pytest.raises(db.DuplicateBreachError) as twin:
        db.save_breach(ledger, third)
    assert twin.value.resembles_id == first.id
    db.delete_breach(ledger, first.id)
    db.delete_breach(ledger, second.id)
    db.save_breach(ledger, third)


def test_sources_keep_their_contact_and_count_citing_breaches(ledger, lists, make_breach):
    db.save_breach(ledger, make_breach())
    gone = db.save_breach(ledger, make_breach(
        place="Zitan", citations=[db.Citation(source_id=lists["source"]),
                                  db.Citation(source_id=lists["activist"])]))
    db.delete_breach(ledger, gone.id)
    counted = {s.name: (s.contact, n) for s, n in db.sources(ledger)}
    assert counted == {"Aleppo Media Center": ("+90 555 000 11", 1),
                       "Activist in Khan Tuman": ("secret@example.org", 0)}
    source = db.get_source(ledger, lists["source"])
    source.reliability = "A"
    db.save_source(ledger, source)
    assert [c.action for c in db.record_history(ledger, source.id)] == ["insert", "update"]
    with pytest.raises(db.ValidationError) as refused:
        db.save_source(ledger, db.Source(name=" ", kind="rumour mill"))
    assert set(refused.value.errors) == {"name", "kind"}


def test_lists_can_be_extended_and_found_by_arabic_name(ledger):
    key = db.add_actor(ledger, "Wagner Group", "فاغنر")
    assert db.add_actor(ledger, "wagner group") == key
    assert db.find_by_name(ledger, "actor", "فاغنر") == key
    assert db.find_by_name(ledger, "governorate", "ريف دمشق") == db.find_by_name(
        ledger, "governorate", "rural damascus")
    kind = db.add_breach_type(ledger, "Landmine", "لغم")
    assert db.breach_types(ledger)[-1].id == kind
    assert db.breach_types(ledger)[0].name == "Shelling"


def test_places_complete_from_earlier_breaches(ledger, make_breach):
    for place, day in (("Khan Tuman", 1), ("Khan Tuman", 2), ("Khalasa", 3), ("Zitan", 4)):
        db.save_breach(ledger, make_breach(place=place, occurred_on=f"2017-01-0{day}"))
    assert db.places(ledger, "Kh") == ["Khan Tuman", "Khalasa"]
    assert db.places(ledger, "%") == []


def test_a_new_source_is_made_with_the_breach_that_cites_it(ledger, ledger_path, make_breach):
    saved = db.save_breach(ledger, make_breach(citations=[
        db.Citation(source_id=None, source_name="Halab Today", reference="https://x.example")]))
    assert [c.source_name for c in saved.citations] == ["Halab Today"]
    again = db.save_breach(ledger, make_breach(place="Zitan", citations=[
        db.Citation(source_id=None, source_name="halab today")]))
    assert again.citations[0].source_id == saved.citations[0].source_id
    assert [s.name for s, _ in db.sources(ledger)].count("Halab Today") == 1
    # Refused with the breach: the new source is not made either.
    before = table_counts(ledger_path)
    with pytest.raises(db.ValidationError):
        db.save_breach(ledger, make_breach(place="Barna", killed_max=0, citations=[
            db.Citation(source_id=None, source_name="Never made")]))
    assert table_counts(ledger_path) == before


def test_an_edit_made_from_a_stale_copy_is_refused_not_merged_over(ledger, ledger_path,
                                                                   make_breach):
    saved = db.save_breach(ledger, make_breach())
    # Another copy of the program adds a victim meanwhile.
    with db.open_ledger(ledger_path, user="Sami") as other:
        theirs = db.get_breach(other, saved.id)
        theirs.victims.append(db.Victim(name="Yousef", age=12))
        db.save_breach(other, theirs)
    saved.description = "Corrected description."
    with pytest.raises(db.ConflictError) as refused:
        db.save_breach(ledger, saved)
    assert "changed elsewhere" in error_text(refused.value)
    stored = db.get_breach(ledger, saved.id)
    assert [v.name for v in stored.victims] == ["Yousef"]
    assert stored.description == "Artillery shelling on the village."


def test_the_same_victim_given_twice_is_kept_twice(ledger, make_breach):
    saved = db.save_breach(ledger, make_breach(victims=[db.Victim(name="Ahmad", age=30,
                                                                  sex="male")]))
    copy = db.Victim(**{**saved.victims[0].__dict__, "name": "Omar"})
    saved.victims.append(copy)
    again = db.save_breach(ledger, saved)
    assert sorted(v.name for v in again.victims) == ["Ahmad", "Omar"]


def test_counts_past_any_incident_are_refused_not_crashed(ledger, make_breach):
    with pytest.raises(db.ValidationError) as refused:
        db.save_breach(ledger, make_breach(injured=2 ** 63, latitude=10 ** 400, longitude=1))
    assert set(refused.value.errors) == {"injured", "latitude"}


def test_deleting_a_selection_is_all_or_nothing(ledger, ledger_path, make_breach):
    kept = db.save_breach(ledger, make_breach(place="Zitan"))
    gone = db.save_breach(ledger, make_breach(place="Anadan"))
    db.delete_breach(ledger, gone.id)
    with pytest.raises(db.NotFoundError):  # the second is in the Trash already
        db.delete_breaches(ledger, [kept.id, gone.id])
    assert db.get_breach(ledger, kept.id).deleted_at is None  # the first stays live
    db.restore_breach(ledger, gone.id)
    assert db.delete_breaches(ledger, [kept.id, gone.id]).removed == [kept.id, gone.id]
    assert db.restore_breaches(ledger, [gone.id]).added == [gone.id]
    assert db.count_breaches(ledger).breaches == 1


def test_a_save_returns_what_it_changed_as_the_file_holds_it(ledger, make_breach):
    """What the window shows after a save comes from the save's answer, not from reading
    the file again: it must be what the file holds."""
    from db.breaches import breach_document, save_breach_changes
    new = make_breach(actor_id=None, actor_name="Hayat Tahrir al-Sham",
                      victims=[db.Victim(name="Omar", age=7)])
    new.citations.append(db.Citation(source_id=None, source_name="Idlib Media Office",
                                      reference="post"))
    changes = save_breach_changes(ledger, new)
    key = changes.breach.id
    assert (changes.added, changes.changed, changes.removed) == ([key], [], [])
    assert changes.lists == {"actor", "source"}
    assert changes.breach == db.get_breach(ledger, key)
    assert changes.change.after == breach_document(ledger.conn, key)
    assert db.record_history(ledger, key)[-1] == changes.change
    edit = db.get_breach(ledger, key)
    edit.killed, edit.citations = 5, edit.citations[1:]
    changes = save_breach_changes(ledger, edit)
    assert (changes.added, changes.changed, changes.lists) == ([], [key], set())
    assert changes.breach == db.get_breach(ledger, key)
    assert db.record_history(ledger, key)[-1] == changes.change
    unchanged = save_breach_changes(ledger, db.get_breach(ledger, key))
    assert unchanged.change is None and unchanged.breach == db.get_breach(ledger, key)


def test_an_undone_edit_brings_back_the_same_citation(ledger, make_breach, lists):
    """Undo saves the breach as it was: a citation the edit removed comes back as the same
    row (its tombstone brought back), and a citation key of another breach is never
    taken from it."""
    from db.undo import SaveStep, take_step
    first = make_breach()
    first.citations.append(db.Citation(source_id=lists["activist"], reference="call"))
    before = db.save_breach(ledger, first)
    edit = db.get_breach(ledger, before.id)
    edit.citations = edit.citations[:1]
    step = SaveStep(before, db.save_breach(ledger, edit))
    undone = take_step(ledger, step, forward=False)
    assert [c.id for c in undone.breach.citations] == [c.id for c in before.citations]
    assert ledger.conn.execute("SELECT count(*), count(deleted_at) FROM citation"
                               " WHERE breach_id = ?", (before.id,)).fetchone() == (2, 0)
    other = make_breach(place="Zitan", citations=[before.citations[1]])
    copied = db.save_breach(ledger, other)
    assert copied.citations[0].id != before.citations[1].id
    assert db.get_breach(ledger, before.id).citations == undone.breach.citations
    latest = db.get_breach(ledger, before.id)
    latest.killed = 6
    db.save_breach(ledger, latest)  # another save meanwhile…
    with pytest.raises(db.ConflictError):  # …so the redo would write over it: refused
        take_step(ledger, step, forward=True)


def test_an_edit_deleted_then_restored_is_still_undone(ledger, make_breach):
    """Edit, Delete, Ctrl+Z (the breach is back), Ctrl+Z (the edit is undone): going to the
    Trash and back changes nothing of what a breach says, so it is not another's save."""
    from db.undo import SaveStep, TrashStep, take_step

    first = db.save_breach(ledger, make_breach(place="Khan Tuman"))
    edit = db.get_breach(ledger, first.id)
    edit.place = "Zitan"
    steps = [SaveStep(first, db.save_breach(ledger, edit))]
    db.delete_breach(ledger, first.id)
    steps.append(TrashStep([first.id]))
    take_step(ledger, steps.pop(), forward=False)
    take_step(ledger, steps.pop(), forward=False)
    back = db.get_breach(ledger, first.id)
    assert back.place == "Khan Tuman" and back.deleted_at is None
    # A save by another copy meanwhile still refuses the undo.
    other = db.get_breach(ledger, first.id)
    other.place = "Al-Eis"
    step = SaveStep(back, db.save_breach(ledger, other))
    changed = db.get_breach(ledger, first.id)
    changed.place = "Saraqib"
    db.save_breach(ledger, changed)
    with pytest.raises(db.ConflictError):
        take_step(ledger, step, forward=False)


def test_two_edits_are_undone_one_after_the_other_but_not_over_another_save(ledger,
                                                                            make_breach):
    """Edit, edit, Ctrl+Z, Ctrl+Z: the second undo finds the breach as the first edit left
    it (written again by the first undo, at a later time) and takes it back too; when
    another copy saved meanwhile, it is refused, as ever."""
    from db.undo import SaveStep, take_step

    for another_save in (False, True):
        first = db.save_breach(ledger, make_breach(killed=3, place=f"Village {another_save}"))
        steps = []
        for killed in (5, 7):
            edit = db.get_breach(ledger, first.id)
            before, edit.killed = replace(edit), killed
            steps.append(SaveStep(before, db.save_breach(ledger, edit)))
        take_step(ledger, steps.pop(), forward=False)
        assert db.get_breach(ledger, first.id).killed == 5
        if another_save:
            other = db.get_breach(ledger, first.id)
            other.place = "Al-Eis"
            db.save_breach(ledger, other)
            with pytest.raises(db.ConflictError):
                take_step(ledger, steps.pop(), forward=False)
            assert db.get_breach(ledger, first.id).place == "Al-Eis"
        else:
            take_step(ledger, steps[-1], forward=False)
            assert db.get_breach(ledger, first.id).killed == 3
            take_step(ledger, steps[-1], forward=True)  # and redone
            assert db.get_breach(ledger, first.id).killed == 5


def test_the_whole_list_is_counted_from_the_kept_sums_as_a_filter_counts_it(
        ledger, ledger_path, make_breach):
    """count_shown of the whole list reads the day sums and the grading index; what it
    says equals a count of every breach, discounted ones counted but not their killed, the
    Trash left out."""
    saved = [db.save_breach(ledger, make_breach(place=place, killed=killed, women=0,
                                                children=0, status=status),
                            allow_duplicate=True)
             for place, killed, status in (("Anadan", 4, "reported"), ("Hayan", 7, "discounted"),
                                           ("Atarib", 2, "confirmed"), ("Zarbah", 9, "contested"))]
    db.delete_breaches(ledger, [saved[3].id])
    counted, problem = count_shown(ledger)
    scanned, _ = count_shown(ledger, db.BreachFilter(date_from="2000-01-01"))
    assert problem is None and counted == scanned == db.BreachCount(3, 6)
    assert read_rows(ledger_path, "SELECT count(*) FROM breach WHERE deleted_at IS NULL") \
        == [(counted.breaches,)]
