"""The list of sources kept clean: rename, merge, delete, and no source cited twice."""
from __future__ import annotations

import json

import pytest

import db
from gui.messages import error_text

from conftest import read_rows as read


def cite(key, reference="", reported_on=None, note=""):
    return db.Citation(source_id=key, reference=reference, reported_on=reported_on, note=note)


# Citing a source twice.
def test_a_breach_citing_one_source_twice_is_refused_and_not_stored(ledger, ledger_path,
                                                                     make_breach, lists):
    breach = make_breach(citations=[cite(lists["source"], "a"), cite(lists["activist"]),
                                    cite(lists["source"], "b")])
    with pytest.raises(db.ValidationError) as refused:
        db.save_breach(ledger, breach)
    assert refused.value.codes == {"citations[2].source_id": ("citation_twice", {
        "n": 3, "first": 1, "name": ""})}
    assert read(ledger_path, "SELECT count(*) FROM breach") == [(0,)]


def test_a_new_source_typed_twice_or_a_known_one_typed_by_name_is_cited_twice(
        ledger, make_breach, lists):
    twice_new = make_breach(citations=[db.Citation(None, source_name="Halab Today"),
                                       db.Citation(None, source_name=" halab today ")])
    known_and_name = make_breach(citations=[
        db.Citation(lists["source"], source_name="Aleppo Media Center"),
        db.Citation(None, source_name="ALEPPO MEDIA CENTER")])
    for breach in (twice_new, known_and_name):
        with pytest.raises(db.ValidationError) as refused:
            db.validate_breach(ledger, breach)
        assert refused.value.codes["citations[1].source_id"][0] == "citation_twice"
    db.validate_breach(ledger, make_breach(citations=[cite(lists["source"]),
                                                      cite(lists["activist"])]))


# Renaming.
def test_renaming_a_source_changes_its_name_everywhere_and_logs_it(ledger, ledger_path, lists,
                                                                   make_breach):
    saved = db.save_breach(ledger, make_breach())
    changes = db.rename_source(ledger, lists["source"], "  Aleppo Media Centre ")
    assert changes.changed == [lists["source"]] and not changes.removed
    assert read(ledger_path, "SELECT name FROM source WHERE id = ?", (lists["source"],)) == [
        ("Aleppo Media Centre",)]
    assert db.get_breach(ledger, saved.id).citations[0].source_name == "Aleppo Media Centre"
    (before, after), = read(ledger_path, "SELECT before, after FROM change_log WHERE"
                            " record_id = ? AND action = 'update'", (lists["source"],))
    assert (json.loads(before)["name"], json.loads(after)["name"]) == (
        "Aleppo Media Center", "Aleppo Media Centre")


@pytest.mark.parametrize("name, code", [("", "required"), ("A; B", "semicolon"),
                                        ("A؛ B", "semicolon"), ("A； B", "semicolon"),
                                        ("activist IN khan tuman", "source_name_taken")])
def test_a_bad_new_name_is_refused_and_changes_nothing(ledger, ledger_path, lists, name, code):
    log = read(ledger_path, "SELECT count(*) FROM change_log")
    with pytest.raises(db.ValidationError) as refused:
        db.rename_source(ledger, lists["source"], name)
    assert refused.value.codes["name"][0] == code
    assert read(ledger_path, "SELECT name FROM source WHERE id = ?", (lists["source"],)) == [
        ("Aleppo Media Center",)]
    assert read(ledger_path, "SELECT count(*) FROM change_log") == log


def test_a_second_source_of_a_taken_name_is_refused(ledger, lists):
    with pytest.raises(db.ValidationError) as refused:
        db.save_source(ledger, db.Source(name="aleppo media center"))
    assert refused.value.codes["name"][0] == "source_name_taken"


# Merging.
def test_merging_moves_every_citation_and_a_breach_citing_both_cites_the_kept_one_once(
        ledger, ledger_path, lists, make_breach):
    keep, merge = lists["source"], lists["activist"]
    only_merged = db.save_breach(ledger, make_breach(
        citations=[cite(merge, "https://example.org/a", "2017-01-03", "by phone")]))
    both = db.save_breach(ledger, make_breach(place="Anadan", citations=[
        cite(keep, "", None, "first report"), cite(merge, "video", "2017-01-02", "second")]))
    trashed = db.save_breach(ledger, make_breach(place="Hreitan", citations=[cite(merge)]))
    db.delete_breach(ledger, trashed.id)
    other = db.save_breach(ledger, make_breach(place="Zahraa", citations=[cite(keep)]))

    changes = db.merge_sources(ledger, merge, keep)

    assert (changes.removed, changes.changed) == ([merge], [keep])
    assert sorted(changes.breaches) == sorted([only_merged.id, both.id, trashed.id])
    assert (changes.moved, changes.joined) == (2, 1)
    live = read(ledger_path, "SELECT breach_id, source_id, reference, reported_on, note"
                " FROM citation WHERE deleted_at IS NULL ORDER BY breach_id")
    assert {row[1] for row in live} == {keep}
    assert sorted(live) == sorted([
        (only_merged.id, keep, "https://example.org/a", "2017-01-03", "by phone"),
        (both.id, keep, "video", "2017-01-02", "first report | second"),
        (trashed.id, keep, "", None, ""), (other.id, keep, "", None, "")])
    # The folded citation stays as a tombstone; the merged source is one.
    assert read(ledger_path, "SELECT source_id FROM citation WHERE deleted_at IS NOT NULL") == [
        (merge,)]
    assert read(ledger_path, "SELECT deleted_at IS NOT NULL FROM source WHERE id = ?",
                (merge,)) == [(1,)]
    assert [s.id for s, _ in db.sources(ledger)] == [keep]
    # Each breach touched has a newer updated_at and a change-log entry; so do both sources.
    logged = read(ledger_path, "SELECT record_table, record_id, action FROM change_log"
                  " WHERE changed_at > ?", (other.updated_at,))
    assert sorted(logged) == sorted(
        [("breach", key, "update") for key in (only_merged.id, both.id, trashed.id)]
        + [("source", keep, "update"), ("source", merge, "delete")])
    assert db.get_breach(ledger, both.id).updated_at > both.updated_at
    assert [c.source_name for c in db.get_breach(ledger, both.id).citations] == [
        "Aleppo Media Center"]
    # The kept source keeps its own contact; the merged one's is in the tombstone.
    assert db.get_source(ledger, keep).contact == "+90 555 000 11"


def test_merging_is_one_transaction(ledger, ledger_path, lists, make_breach, monkeypatch):
    db.save_breach(ledger, make_breach(citations=[cite(lists["activist"])]))
    before = read(ledger_path, "SELECT * FROM citation") + read(ledger_path,
                                                                 "SELECT * FROM source")
    import sys
    module = sys.modules["db.sources"]

    def fail(*_args):
        raise RuntimeError("power cut")
    monkeypatch.setattr(module, "log_change", fail)
    with pytest.raises(RuntimeError):
        db.merge_sources(ledger, lists["activist"], lists["source"])
    assert read(ledger_path, "SELECT * FROM citation") + read(
        ledger_path, "SELECT * FROM source") == before


def test_a_source_cannot_be_merged_into_itself_or_a_gone_one(ledger, lists):
    with pytest.raises(db.ValidationError) as refused:
        db.merge_sources(ledger, lists["source"], lists["source"])
    assert refused.value.codes["source"][0] == "merge_same_source"
    db.delete_source(ledger, lists["activist"])
    with pytest.raises(db.NotFoundError):
        db.merge_sources(ledger, lists["source"], lists["activist"])


# Deleting.
def test_a_source_no_live_breach_cites_becomes_a_tombstone(ledger, ledger_path, lists,
                                                           make_breach):
    trashed = db.save_breach(ledger, make_breach(citations=[cite(lists["activist"])]))
    db.delete_breach(ledger, trashed.id)
    changes = db.delete_source(ledger, lists["activist"])
    assert changes.removed == [lists["activist"]]
    (deleted_at, name), = read(ledger_path, "SELECT deleted_at, name FROM source WHERE id = ?",
                               (lists["activist"],))
    assert deleted_at and name == "Activist in Khan Tuman"  # kept, as a tombstone
    assert read(ledger_path, "SELECT action FROM change_log WHERE record_id = ?"
                " ORDER BY changed_at DESC LIMIT 1", (lists["activist"],)) == [("delete",)]
    assert [c.name for c in db.source_choices(ledger)] == ["Aleppo Media Center"]
    # Its name is free again.
    assert db.save_source(ledger, db.Source(name="Activist in Khan Tuman")).id != lists[
        "activist"]


def test_a_cited_source_is_not_deleted_and_the_error_says_how_many_breaches_cite_it(
        english, ledger, ledger_path, lists, make_breach):
    db.save_breach(ledger, make_breach())
    db.save_breach(ledger, make_breach(place="Anadan"))
    with pytest.raises(db.ValidationError) as refused:
        db.delete_source(ledger, lists["source"])
    assert refused.value.codes["source"] == ("source_cited", {"count": 2})
    assert "cited by 2 breaches" in error_text(refused.value)
    assert read(ledger_path, "SELECT deleted_at FROM source WHERE id = ?",
                (lists["source"],)) == [(None,)]


def test_a_breach_restored_from_the_trash_brings_back_the_source_it_cites(
        ledger, ledger_path, lists, make_breach):
    """Its source was deleted while it was in the Trash: once restored, the breach could
    not be saved again ("the source is not in this database")."""
    trashed = db.save_breach(ledger, make_breach(citations=[cite(lists["activist"])]))
    db.delete_breach(ledger, trashed.id)
    db.delete_source(ledger, lists["activist"])
    db.restore_breach(ledger, trashed.id)
    assert read(ledger_path, "SELECT deleted_at FROM source WHERE id = ?",
                (lists["activist"],)) == [(None,)]
    assert read(ledger_path, "SELECT action FROM change_log WHERE record_id = ?"
                " ORDER BY changed_at DESC LIMIT 1", (lists["activist"],)) == [("restore",)]
    restored = db.get_breach(ledger, trashed.id)
    restored.killed = 4
    assert db.save_breach(ledger, restored).killed == 4  # it saves again


def test_a_restored_breach_cites_the_live_source_that_took_its_sources_name(
        ledger, ledger_path, lists, make_breach):
    trashed = db.save_breach(ledger, make_breach(citations=[cite(lists["activist"])]))
    db.delete_breach(ledger, trashed.id)
    db.delete_source(ledger, lists["activist"])
    again = db.save_source(ledger, db.Source(name="activist in khan tuman")).id
    db.restore_breach(ledger, trashed.id)
    assert [c.source_id for c in db.get_breach(ledger, trashed.id).citations] == [again]
    assert read(ledger_path, "SELECT count(*) FROM source WHERE deleted_at IS NULL"
                " AND name = 'Activist in Khan Tuman' COLLATE NOCASE") == [(1,)]


@pytest.mark.parametrize("separator", [";", "\u061b", "\uff1b"])
def test_a_new_source_named_in_the_editor_holds_no_separator_of_sources(
        ledger, ledger_path, make_breach, separator):
    """A name with the Arabic or full-width semicolon would come back from a workbook as
    two sources: it is refused, as ";" is, and nothing is saved."""
    breach = make_breach(citations=[db.Citation(source_id=None,
                                                source_name=f"Activist{separator} Idlib")])
    with pytest.raises(db.ValidationError) as refused:
        db.save_breach(ledger, breach)
    assert [code for code, _ in refused.value.codes.values()] == ["citation_semicolon"]
    assert read(ledger_path, "SELECT count(*) FROM breach") == [(0,)]
