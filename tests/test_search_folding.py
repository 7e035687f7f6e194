"""Search that folds Arabic spelling, as a user meets it: the filter finds a breach
however its words were spelt, the duplicate warning sees the same place spelt another
way, completion offers earlier places, and an import or the editor finds an actor or a
source by another spelling of its name. What was typed is stored as it was."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

import db
from db.importer import import_file
from tests.conftest import read_rows
from tests.test_window_editing import key, type_text

# (what a breach holds, where, and what a user types to find it): the pairs.
STORED = [
    ("place", "إعزاز", "اعزاز"),             # إ
    ("place", "أخترين", "اخترين"),           # أ
    ("district", "آفس", "افس"),              # آ
    ("description", "قرب ٱلجامع الكبير", "الجامع"),  # ٱ
    ("place", "مدرسة الأمل", "مدرسه"),       # ة / ه
    ("description", "قصف قرب المستشفى الوطني", "المستشفي"),  # ى / ي
    ("description", "استهداف مؤسسة المياه", "موسسه"),       # ؤ / و
    ("place", "بئر القصب", "بير القصب"),     # ئ / ي
    ("description", "مقتل الشاب مُحَمَّد العلي", "محمد العلي"),  # harakat and shadda
    ("description", "أصيب طفلٌ بجروحٍ", "طفل بجروح"),  # tanwin
    ("place", "الـرقـة", "الرقه"),            # tatweel
    ("place", "Aleppo city", "aleppo CITY"),  # Latin case
    ("description", "سقوط ٥ قذائف", "5 قذايف"),  # Arabic-Indic digits
]


@pytest.fixture
def recorded(ledger, make_breach):
    """One breach for each pair, saved as a user saves it; {text: key}."""
    saved = {}
    for number, (field, text, _typed) in enumerate(STORED):
        values = {"place": "Tall Rifaat", "district": "Azaz", "description": "Shelling."}
        values[field] = text
        breach = db.save_breach(ledger, make_breach(
            occurred_on=f"2017-01-{number + 2:02d}", **values))
        saved[text] = breach.id
    return saved


@pytest.mark.parametrize("field, stored, typed", STORED)
def test_the_filter_finds_a_breach_however_it_was_spelt(ledger, recorded, field, stored,
                                                        typed):
    found = db.list_breaches(ledger, db.BreachFilter(text=typed))
    assert [row.id for row in found] == [recorded[stored]]
    assert db.count_breaches(ledger, db.BreachFilter(text=typed)).breaches == 1


def test_the_filter_also_finds_a_variant_written_the_other_way(ledger, make_breach):
    """Folding goes both ways: a breach typed without hamza is found by a search with it."""
    plain = db.save_breach(ledger, make_breach(place="اعزاز"))
    marked = db.save_breach(ledger, make_breach(place="إعزاز", occurred_on="2017-01-03"))
    found = db.list_breaches(ledger, db.BreachFilter(text="أعزاز"))
    assert {row.id for row in found} == {plain.id, marked.id}


def test_the_filter_keeps_its_other_conditions_and_leaves_out_the_trash(ledger, recorded,
                                                                          lists):
    db.delete_breach(ledger, recorded["إعزاز"])
    assert db.list_breaches(ledger, db.BreachFilter(text="اعزاز")) == []
    in_trash = db.list_breaches(ledger, db.BreachFilter(text="اعزاز", deleted=True))
    assert [row.id for row in in_trash] == [recorded["إعزاز"]]
    assert db.list_breaches(ledger, db.BreachFilter(text="مدرسه", breach_type_id=lists["air"])) \
        == []


def test_a_search_never_joins_the_end_of_one_field_to_the_next(ledger, make_breach):
    db.save_breach(ledger, make_breach(place="Khan", district="Tuman", description="x"))
    assert db.list_breaches(ledger, db.BreachFilter(text="khan tuman")) == []
    assert len(db.list_breaches(ledger, db.BreachFilter(text="tuman"))) == 1


def test_what_was_typed_is_stored_as_it_was(ledger, recorded):
    stored = {row[0] for row in read_rows(ledger.path, "SELECT place FROM breach")}
    stored |= {row[0] for row in read_rows(ledger.path, "SELECT district FROM breach")}
    stored |= {row[0] for row in read_rows(ledger.path, "SELECT description FROM breach")}
    assert {text for _field, text, _typed in STORED} <= stored


def test_the_filter_bar_finds_a_breach_typed_another_way(qtbot, window, ledger, make_breach):
    db.save_breach(ledger, make_breach(place="مدرسة الأمل", killed=3))
    db.save_breach(ledger, make_breach(place="Zitan", killed=2, women=0, children=0,
                                       occurred_on="2017-01-05"))
    window.breaches.refresh()
    key(qtbot, Qt.Key_F, Qt.ControlModifier)
    type_text(qtbot, "مدرسه")
    qtbot.waitUntil(lambda: window.breaches.model.count.breaches == 1)
    model = window.breaches.model
    shown = {model.data(model.index(0, column)) for column in range(model.columnCount())}
    assert "مدرسة الأمل" in shown


def test_the_duplicate_warning_sees_the_same_place_spelt_another_way(ledger, make_breach):
    first = db.save_breach(ledger, make_breach(place="مدرسة الأمل"))
    with pytest.raises(db.DuplicateBreachError) as warned:
        db.save_breach(ledger, make_breach(place="مدرسه الامل"))
    assert warned.value.resembles_id == first.id
    assert db.get_breach(ledger, warned.value.resembles_id).place == "مدرسة الأمل"
    with pytest.raises(db.DuplicateBreachError):
        db.save_breach(ledger, make_breach(place="مَدرسة الأمل "))
    # Another day, or another place, is another breach.
    db.save_breach(ledger, make_breach(place="مدرسه الامل", occurred_on="2017-01-03"))
    db.save_breach(ledger, make_breach(place="مدرسة النور"))
    assert read_rows(ledger.path, "SELECT count(*) FROM breach") == [(3,)]


def test_an_edit_that_only_respells_the_place_is_not_warned_of_its_twin(ledger, make_breach):
    db.save_breach(ledger, make_breach(place="مدرسة"))
    kept = db.save_breach(ledger, make_breach(place="مدرسه"), allow_duplicate=True)
    kept.place = "مَدرسه"
    db.save_breach(ledger, kept)  # the same place still: no warning again
    assert read_rows(ledger.path, "SELECT place FROM breach WHERE id = ?", (kept.id,)) == [
        ("مَدرسه",)]


def test_place_completion_offers_earlier_places_however_the_prefix_is_spelt(ledger,
                                                                           make_breach):
    for day, place in ((2, "إعزاز"), (3, "إعزاز"), (4, "اعزاز"), (5, "مدرسة الأمل"),
                       (6, "Aleppo"), (7, "Azaz")):
        db.save_breach(ledger, make_breach(place=place, occurred_on=f"2017-01-{day:02d}"))
    assert db.places(ledger, "اعز") == ["إعزاز", "اعزاز"]  # most used first
    assert db.places(ledger, "أعز") == ["إعزاز", "اعزاز"]
    assert db.places(ledger, "مدرسه") == ["مدرسة الأمل"]
    assert db.places(ledger, "ALE") == ["Aleppo"]
    assert db.places(ledger, "زاز") == []  # a prefix, not any part
    assert len(db.places(ledger)) == 5


def write_csv(path, rows: list[str]):
    path.write_text("Date,Governorate,Place,Perpetrator,Type,Killed,Sources\n"
                    + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_an_import_finds_an_actor_and_a_source_spelt_another_way(ledger, tmp_path):
    army = db.add_actor(ledger, "Syrian army", "الجيش السّوري")
    network = db.save_source(ledger, db.Source(name="شبكة حلب الإخبارية")).id
    actors = read_rows(ledger.path, "SELECT count(*) FROM actor")
    path = write_csv(tmp_path / "rows.csv", [
        "2017-01-02,Aleppo,إعزاز,الجيش السوري,Shelling,1,شبكه حلب الاخبارية",
        "2017-01-03,حلب,مارع,الجيش السوري,Shelling,0,شبكة حلب الإخبارية"])
    report = import_file(ledger, path)
    assert report.new == 2
    assert read_rows(ledger.path, "SELECT DISTINCT actor_id FROM breach") == [(army,)]
    assert read_rows(ledger.path, "SELECT DISTINCT source_id FROM citation") == [(network,)]
    assert read_rows(ledger.path, "SELECT count(*) FROM actor") == actors
    assert read_rows(ledger.path, "SELECT count(*) FROM source") == [(1,)]


def test_two_spellings_of_one_new_actor_in_an_import_make_one_actor(ledger, lists, tmp_path):
    path = write_csv(tmp_path / "rows.csv", [
        "2017-01-02,Aleppo,إعزاز,جيش الإسلام,Shelling,1,Aleppo Media Center",
        "2017-01-03,Aleppo,مارع,جيش الاسلام,Shelling,0,Aleppo Media Center"])
    import_file(ledger, path)
    made = read_rows(ledger.path, "SELECT name FROM actor WHERE name LIKE 'جيش%'")
    assert made == [("جيش الإسلام",)]
    assert len(read_rows(ledger.path, "SELECT DISTINCT actor_id FROM breach")) == 1


def test_the_editor_finds_an_actor_and_a_source_typed_another_way(ledger, lists, make_breach):
    army = db.add_actor(ledger, "Syrian army", "الجيش السّوري")
    network = db.save_source(ledger, db.Source(name="شبكة حلب")).id
    breach = make_breach(actor_id=None, actor_name="الجيش السوري",
                         citations=[db.Citation(source_id="", source_name="شبكه حلب")])
    saved = db.save_breach(ledger, breach)
    assert saved.actor_id == army and saved.citations[0].source_id == network
    assert db.find_by_name(ledger, "actor", "الجيش السوري") == army
    assert db.find_by_name(ledger, "governorate", "ادلب") == db.find_by_name(
        ledger, "governorate", "Idlib")


def test_a_name_written_as_typed_wins_over_one_spelt_another_way(ledger):
    marked = db.add_actor(ledger, "الجيش السّوري")
    plain = db.add_actor(ledger, "Army", "الجيش السوري")
    assert marked != plain  # an Arabic name, not the English one, folds alike here
    assert db.find_by_name(ledger, "actor", "الجيش السوري") == plain
    assert db.find_by_name(ledger, "actor", "الجيش السّوري") == marked


def test_a_source_named_as_another_spelt_otherwise_is_refused(ledger):
    db.save_source(ledger, db.Source(name="شبكة حلب"))
    with pytest.raises(db.ValidationError) as refused:
        db.save_source(ledger, db.Source(name="شبكه حلب"))
    assert refused.value.codes["name"][0] == "source_name_taken"
    kept = db.save_source(ledger, db.Source(name="مركز إدلب"))
    kept.notes = "يغطي الريف الجنوبي"
    kept.name = "مركز ادلب"  # respelling its own name is an edit, not a clash
    assert db.save_source(ledger, kept).name == "مركز ادلب"
