"""The filter's text search read from the trigram index: it finds exactly the breaches
whose folded place, district or description holds the folded text, as reading every text
did, whatever the text holds (quotes, FTS5's operators, Arabic marks), whichever way the
list is read; and the index follows every change to the breaches."""
from __future__ import annotations

import shutil
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import db
from db import listing
from db.fold import fold, search_text
from db.importer import import_file
from db.merge import merge_file
from tests.older_schema import as_schema

# What texts are made of: Arabic letters in their written variants, marks and tatweel,
# Latin in both cases, both kinds of digits, FTS5's operators and words, quotes, spaces.
PIECES = (list("ابتثجحخدذرسشصضطظعغفقكلمنهوياأإآةىؤئ") + ["\u064e", "\u0651", "\u0640"]
          + list("aAbBkKnNzZ019٠٣٩") + list("\"'*^:-()+{}., ")
          + ["NEAR", "AND", "OR", "NOT", "near/2", '""'])
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)

# Each way a search can read the file, forced by the shares text_condition weighs with.
WAYS = {
    "by the index": dict(BY_INDEX_SHARE=1e9, SET_SHARE=1e9),
    "walking the date index with the found set": dict(BY_INDEX_SHARE=0, SET_SHARE=1e9),
    "walking the date index": dict(BY_INDEX_SHARE=0, SET_SHARE=0),
}


def held(ledger, text: str, deleted: bool = False) -> set[str]:
    """The breaches whose folded texts hold the folded `text`, read with sqlite3 and
    compared in Python."""
    rows = ledger.conn.execute(
        "SELECT id, place, district, description FROM breach WHERE deleted_at IS "
        + ("NOT NULL" if deleted else "NULL"))
    return {key for key, *fields in rows if fold(text) in search_text(*fields)}


def found(ledger, text: str, deleted: bool = False) -> set[str]:
    where = db.BreachFilter(text=text, deleted=deleted)
    return {row.id for row in db.list_breaches(ledger, where, limit=100_000)}


def plan(ledger, sql: str, params: list) -> str:
    return " ".join(row[3] for row in ledger.conn.execute("EXPLAIN QUERY PLAN " + sql,
                                                          params))


def index_is_whole(ledger) -> None:
    """FTS5's own check: the index holds exactly the folded texts of breach_key."""
    ledger.conn.execute("INSERT INTO breach_text (breach_text, rank)"
                        " VALUES ('integrity-check', 1)")


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    with db.open_ledger(tmp_path_factory.mktemp("index") / "x.sqlite3") as ledger:
        keys = {"governorate": db.find_by_name(ledger, "governorate", "Idlib"),
                "type": db.find_by_name(ledger, "breach_type", "Shelling"),
                "source": db.save_source(ledger, db.Source(name="Idlib network")).id}
        yield ledger, keys


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stored=st.lists(st.tuples(texts, texts, texts), min_size=1, max_size=3),
       typed=texts, cut=st.tuples(st.integers(0, 2), st.integers(0, 40), st.integers(1, 8)))
def test_the_index_finds_exactly_what_reading_every_text_finds(shared, stored, typed, cut):
    ledger, keys = shared
    for number, (place, district, description) in enumerate(stored):
        db.save_breach(ledger, db.Breach(
            occurred_on=f"2017-01-{number % 28 + 1:02d}", governorate_id=keys["governorate"],
            breach_type_id=keys["type"], place="Place " + place, district=district,
            description=description, citations=[db.Citation(source_id=keys["source"])]),
            allow_duplicate=True)
    field, start, length = cut
    written = ("Place " + stored[0][0], *stored[0][1:])[field]
    for text in (typed, written[start:start + length], written):
        expected = held(ledger, text)
        for way, shares in WAYS.items():
            with mock.patch.multiple(listing, **shares):
                assert found(ledger, text) == expected, (way, text)
                pages, after = [], None
                while page := db.list_breaches(ledger, db.BreachFilter(text=text), limit=7,
                                               after=after):
                    pages += [row.id for row in page]
                    after = page[-1].id
                assert len(pages) == len(set(pages)) and set(pages) == expected, (way, text)
        assert db.count_breaches(ledger, db.BreachFilter(text=text)).breaches == len(expected)


@pytest.mark.parametrize("text", ['"', 'say "no"', "*", "a*", "^ab", "x:y", "-ab", "(ab)",
                                  "NEAR(a b)", "a AND b", "OR", "a OR b", "NOT x", "أَحمد"])
def test_a_search_holding_an_operator_of_fts5_is_taken_literally(ledger, make_breach, text):
    kept = db.save_breach(ledger, make_breach(description=f"before {text} after")).id
    db.save_breach(ledger, make_breach(description="before a b x y ab after",
                                       occurred_on="2017-01-03"), allow_duplicate=True)
    assert found(ledger, text) == held(ledger, text)
    assert kept in found(ledger, text)


def test_the_index_follows_edits_deletes_restores_imports_and_merges(ledger, make_breach,
                                                                      tmp_path):
    breach = db.save_breach(ledger, make_breach(description="Shelling near Zanzibar."))
    assert found(ledger, "zanzibar") == {breach.id}
    breach.description = "Shelling near the Quokka farm."
    db.save_breach(ledger, breach)
    assert found(ledger, "Zanzibar") == set() and found(ledger, "quokka") == {breach.id}
    index_is_whole(ledger)

    db.delete_breach(ledger, breach.id)
    assert found(ledger, "quokka") == set()
    assert found(ledger, "quokka", deleted=True) == {breach.id}
    db.restore_breach(ledger, breach.id)
    assert found(ledger, "quokka") == {breach.id}
    index_is_whole(ledger)

    rows = tmp_path / "rows.csv"
    rows.write_text("Date,Governorate,Place,Perpetrator,Type,Killed,Sources\n"
                    "2017-01-05,Aleppo,Xylophone Hill,Unknown,Shelling,1,Aleppo Media Center\n",
                    encoding="utf-8")
    assert import_file(ledger, rows).new == 1
    imported = found(ledger, "xylophone")
    assert len(imported) == 1 and db.count_breaches(
        ledger, db.BreachFilter(text="xylophone hill")).breaches == 1
    index_is_whole(ledger)

    theirs_path = tmp_path / "theirs.sqlite3"
    with db.open_ledger(theirs_path, user="Field", office="Idlib") as theirs:
        merge_file(theirs, ledger.path)
        mine = db.get_breach(theirs, breach.id)
        mine.description = "Shelling near the Wombat bridge."
        db.save_breach(theirs, mine)
        db.save_breach(theirs, make_breach(place="Marzipan", occurred_on="2017-01-06"))
    merge_file(ledger, theirs_path)
    assert found(ledger, "quokka") == set() and found(ledger, "wombat") == {breach.id}
    assert len(found(ledger, "marzipan")) == 1
    assert found(ledger, "xylophone") == imported
    index_is_whole(ledger)


def test_a_search_of_three_characters_reads_the_index(ledger, make_breach):
    db.save_breach(ledger, make_breach(place="Kafr Nabl"))
    for text, indexed in (("nabl", True), ("كفر نبل", True), ("ab", False), ("k", False)):
        where = db.BreachFilter(text=text)
        sql, params = listing.breach_list_query(where, conn=ledger.conn)
        condition, counted = where.where(ledger.conn)
        for shown in (plan(ledger, sql, params + [200, 0]),
                      plan(ledger, f"SELECT count(*) FROM breach b WHERE {condition}", counted)):
            assert ("breach_text" in shown) == indexed, (text, shown)
            assert not indexed or "SCAN breach_key" not in shown, (text, shown)
    assert len(found(ledger, "ab")) == len(found(ledger, "k")) == 1  # "Kafr Nabl"
    assert found(ledger, "zz") == set()


@pytest.mark.parametrize("version", [1, 2])
def test_a_file_of_an_older_schema_opened_read_only_is_searched(ledger, make_breach, tmp_path,
                                                                 version):
    kept = db.save_breach(ledger, make_breach(place="مدرسة الأمل")).id
    db.save_breach(ledger, make_breach(place="Saraqib", occurred_on="2017-01-03"))
    ledger.close()
    older = tmp_path / "older.sqlite3"
    shutil.copy(ledger.path, older)
    as_schema(older, version)
    with db.open_ledger(older, read_only=True) as reader:
        for text in ("مدرسه الامل", "الامل", "مد"):
            assert found(reader, text) == {kept}, text
            assert db.count_breaches(reader, db.BreachFilter(text=text)).breaches == 1
