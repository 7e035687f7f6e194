"""The search form of a text (db/fold.py), and its upkeep: every way the program writes a
breach (a save, an edit, the Trash, an import, a merge, the demo, a migration) leaves in
the file the folded forms of what it wrote, as another program reads the file."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.backup import save_copy
from db.demo import create_demo
from db.fold import fold, search_text
from db.importer import import_file
from db.merge import merge_file
from db.schema import LATEST_VERSION
from tests.conftest import read_rows
from tests.older_schema import as_schema

# Each spelling the issue names, beside the one it must match.
PAIRS = [
    ("أحمد", "احمد"), ("إعزاز", "اعزاز"), ("آبار", "ابار"), ("ٱلله", "الله"),
    ("مدرسة", "مدرسه"), ("مستشفى", "مستشفي"), ("مؤسسة", "موسسه"), ("بئر", "بير"),
    ("مُحَمَّد", "محمد"), ("شدّة", "شده"), ("مـدرسـة", "مدرسه"), ("ریف", "ريف"),
    ("کفرنبل", "كفرنبل"), ("٥ قتلى", "5 قتلي"), ("۱۲", "12"), ("Aleppo", "aleppo"),
    ("\u200fحلب\u200e", "حلب"), ("خان\u200cشيخون", "خانشيخون"), ("ﻻ", "لا"),
    ("  Khan   Tuman ", "khan tuman"),
]


@pytest.mark.parametrize("written, typed", PAIRS)
def test_each_spelling_folds_to_the_one_typed(written, typed):
    assert fold(written) == fold(typed)


@pytest.mark.parametrize("one, other", [("مدرسة", "مدرسي"), ("حلب", "حماة"), ("Idlib", "Idleb"),
                                        ("قتيل", "قتلى")])
def test_different_words_stay_different(one, other):
    assert fold(one) != fold(other)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_folding_twice_changes_nothing_more(text):
    assert fold(fold(text)) == fold(text)


def breach_keys_are_current(path: Path) -> int:
    """Assert that every breach of the file at `path` has in `breach_key` the folded
    forms of its place, district and description, and nothing else is there, read with
    sqlite3; returns how many breaches there are."""
    breaches = {key: (fold(place), search_text(place, district, description))
                for key, place, district, description in read_rows(
                    path, "SELECT id, place, district, description FROM breach")}
    keys = {key: (place, text) for key, place, text in read_rows(
        path, "SELECT breach_id, place_key, text_key FROM breach_key")}
    assert keys == breaches
    return len(breaches)


def test_a_save_an_edit_the_trash_and_a_restore_keep_the_folded_forms(ledger, make_breach):
    saved = db.save_breach(ledger, make_breach(place="إعزاز", description="قصف مدفعي"))
    assert read_rows(ledger.path, "SELECT place_key FROM breach_key") == [("اعزاز",)]
    saved.place, saved.district, saved.description = "مدرسة الفُرقان", "أعزاز", "غارة جويّة"
    db.save_breach(ledger, saved)
    db.delete_breach(ledger, saved.id)
    db.restore_breach(ledger, saved.id)
    db.save_breach(ledger, make_breach(place="Khan Tuman", occurred_on="2017-01-03"))
    assert read_rows(ledger.path, "SELECT place_key FROM breach_key ORDER BY place_key") == [
        ("khan tuman",), ("مدرسه الفرقان",)]
    assert breach_keys_are_current(ledger.path) == 2


def test_a_save_that_fails_leaves_no_folded_form(ledger, make_breach):
    with pytest.raises(db.ValidationError):
        db.save_breach(ledger, make_breach(place="مدرسة", killed=-1))
    assert read_rows(ledger.path, "SELECT count(*) FROM breach_key") == [(0,)]


def test_an_import_new_and_updated_keeps_the_folded_forms(ledger, lists, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text(
        "ID,Date,Governorate,Place,Perpetrator,Type,Killed,Description,Sources,Updated\n"
        "row-1,2017-01-02,Aleppo,إعزاز,Assad regime forces,Shelling,1,قصفٌ,Aleppo Media Center,"
        "2017-01-02T10:00:00\n"
        "row-2,2017-01-03,Aleppo,مدرسة,Assad regime forces,Shelling,0,,Aleppo Media Center,"
        "2017-01-03T10:00:00\n", encoding="utf-8")
    import_file(ledger, first)
    again = tmp_path / "again.csv"
    again.write_text(first.read_text(encoding="utf-8").replace("إعزاز", "مارع").replace(
        "2017-01-02T10:00:00", "2017-01-04T10:00:00"), encoding="utf-8")
    report = import_file(ledger, again)
    assert report.updated == 1
    assert sorted(r[0] for r in read_rows(ledger.path, "SELECT place_key FROM breach_key")) == [
        "مارع", "مدرسه"]
    assert breach_keys_are_current(ledger.path) == 2


def test_a_merge_of_new_and_changed_breaches_keeps_the_folded_forms(
        ledger, make_breach, tmp_path):
    ours = db.save_breach(ledger, make_breach(place="Khan Tuman"))
    field = tmp_path / "field.sqlite3"
    save_copy(ledger.path, field)
    with db.open_ledger(field, user="Sami", office="Idlib") as theirs:
        changed = db.get_breach(theirs, ours.id)
        changed.place = "خان طومان"
        db.save_breach(theirs, changed)
        db.save_breach(theirs, make_breach(place="مَعَرَّة النعمان", occurred_on="2017-01-04"))
    merge_file(ledger, field)
    assert sorted(r[0] for r in read_rows(ledger.path, "SELECT place_key FROM breach_key")) == [
        "خان طومان", "معره النعمان"]
    assert breach_keys_are_current(ledger.path) == 2


def test_the_demo_has_the_folded_forms_of_every_breach(tmp_path):
    path = tmp_path / "demo.sqlite3"
    create_demo(path, size=300)
    assert breach_keys_are_current(path) == 251 + 300


def as_schema_1(path: Path) -> None:
    """Make the file at `path` what this program wrote before search folding (schema 1)."""
    as_schema(path, 1)


@pytest.fixture
def older_file(ledger_path, make_breach, ledger):
    """A ledger of schema 1 with two breaches, closed."""
    db.save_breach(ledger, make_breach(place="إعزاز", description="قصفٌ على المدرسة"))
    db.save_breach(ledger, make_breach(place="Zitan", occurred_on="2017-01-05"))
    ledger.close()
    as_schema_1(ledger_path)
    return ledger_path


def test_a_file_of_the_older_schema_gets_its_folded_forms_when_opened(older_file):
    with db.open_ledger(older_file) as ledger:
        found = db.list_breaches(ledger, db.BreachFilter(text="اعزاز"))
        assert [row.place for row in found] == ["إعزاز"]
    assert read_rows(older_file, "PRAGMA user_version") == [(LATEST_VERSION,)]
    assert breach_keys_are_current(older_file) == 2


def test_a_file_of_the_older_schema_opened_read_only_is_searched_unchanged(older_file):
    before = older_file.read_bytes()
    with db.open_ledger(older_file, read_only=True) as ledger:
        found = db.list_breaches(ledger, db.BreachFilter(text="المدرسه"))
        assert [row.place for row in found] == ["إعزاز"]
        assert db.places(ledger, "اعز") == ["إعزاز"]
    assert older_file.read_bytes() == before


def test_an_older_field_file_merged_in_gets_its_folded_forms(ledger, make_breach, tmp_path):
    field = tmp_path / "field.sqlite3"
    with db.open_ledger(field, user="Sami", office="Idlib") as theirs:
        db.add_actor(theirs, "Assad regime forces", "قوات النظام")
        kind = db.find_by_name(theirs, "breach_type", "Shelling")
        aleppo = db.find_by_name(theirs, "governorate", "Aleppo")
        source = db.save_source(theirs, db.Source(name="شبكة شهبا"))
        db.save_breach(theirs, db.Breach(
            occurred_on="2017-01-02", governorate_id=aleppo, breach_type_id=kind,
            place="تل رفعت", description="سقوط قذائف هاون",
            citations=[db.Citation(source_id=source.id)]))
    as_schema_1(field)
    merge_file(ledger, field)
    assert db.count_breaches(ledger, db.BreachFilter(text="قذايف")).breaches == 1
    assert breach_keys_are_current(ledger.path) == 1


def test_a_tool_without_the_program_can_still_write_a_breach(ledger, make_breach):
    """The folded forms are kept by the program's own connections: the sqlite3 shell (or
    a test's sqlite3) can still write the file, as before."""
    saved = db.save_breach(ledger, make_breach(place="إعزاز"))
    conn = sqlite3.connect(ledger.path)
    with conn:
        conn.execute("UPDATE breach SET description = 'x' WHERE id = ?", (saved.id,))
    conn.close()
    assert read_rows(ledger.path, "SELECT description FROM breach") == [("x",)]
