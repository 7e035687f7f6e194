"""Paging, sorting and filtering the breaches list, checked against a plain count."""
from __future__ import annotations


import pytest

import db
from db.demo import create_demo
from db.listing import SORT_COLUMNS, breach_list_query


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    create_demo(path, size=3000)
    with db.open_ledger(path) as ledger:
        # A few breaches in the Trash, which no list of live breaches may show.
        for row in db.list_breaches(ledger, limit=5, offset=100):
            db.delete_breach(ledger, row.id)
        yield ledger


def plain(ledger, sql: str, params=()) -> list:
    return ledger.conn.execute(sql, params).fetchall()


def test_pages_cover_every_live_breach_once_newest_first(demo):
    seen = []
    offset = 0
    while True:
        page = db.list_breaches(demo, limit=250, offset=offset)
        if not page:
            break
        seen += page
        offset += len(page)
    live = plain(demo, "SELECT count(*) FROM breach WHERE deleted_at IS NULL")[0][0]
    assert len(seen) == live == 3251 - 5
    assert len({r.id for r in seen}) == live
    days = [r.occurred_on for r in seen]
    assert days == sorted(days, reverse=True)
    assert all(r.deleted_at is None for r in seen)


@pytest.mark.parametrize("sort", sorted(SORT_COLUMNS))
@pytest.mark.parametrize("descending", [False, True])
def test_each_column_sorts(demo, sort, descending):
    rows = db.list_breaches(demo, sort=sort, descending=descending, limit=400, offset=300)
    attribute = {"governorate": "governorate", "actor": "actor", "breach_type": "breach_type"}
    if sort in ("created_at", "deleted_at"):
        return  # not shown in rows; their order is checked through SQL below
    values = [getattr(r, attribute.get(sort, sort)) for r in rows]
    assert values == sorted(values, reverse=descending)
    assert len(rows) == 400


def test_sorting_by_creation_matches_sql(demo):
    expected = [r[0] for r in plain(
        demo, "SELECT id FROM breach WHERE deleted_at IS NULL"
              " ORDER BY created_at, occurred_on, coalesce(occurred_at, ''), id LIMIT 50")]
    rows = db.list_breaches(demo, sort="created_at", descending=False, limit=50)
    assert [r.id for r in rows] == expected


def test_source_counts_are_those_of_the_file(demo):
    for row in db.list_breaches(demo, limit=60):
        assert row.source_count == plain(
            demo, "SELECT count(*) FROM citation WHERE breach_id = ? AND deleted_at IS NULL",
            (row.id,))[0][0]


def _ids(ledger, where: db.BreachFilter) -> set[str]:
    found, offset = set(), 0
    while page := db.list_breaches(ledger, where, limit=500, offset=offset):
        found |= {r.id for r in page}
        offset += len(page)
    return found


FILTERS = [
    ("date range", dict(date_from="2016-12-29", date_to="2017-01-04"),
     "occurred_on BETWEEN '2016-12-29' AND '2017-01-04'"),
    ("from only", dict(date_from="2017-03-01"), "occurred_on >= '2017-03-01'"),
    ("governorate", "governorate", None),
    ("actor", "actor", None),
    ("type", "type", None),
    ("grading", dict(status="confirmed"), "status = 'confirmed'"),
    ("text in place", dict(text="fijah"), "(place LIKE '%fijah%' OR description LIKE '%fijah%'"
                                          " OR district LIKE '%fijah%')"),
    ("arabic text", dict(text="قصف"), "description LIKE '%قصف%'"),
    ("combined", "combined", None),
]


@pytest.mark.parametrize("name, given, condition", FILTERS, ids=[f[0] for f in FILTERS])
def test_each_filter_matches_a_plain_count(demo, name, given, condition):
    aleppo = db.find_by_name(demo, "governorate", "Aleppo")
    regime = db.find_by_name(demo, "actor", "Assad regime forces")
    air = db.find_by_name(demo, "breach_type", "Air strike")
    if given == "governorate":
        given, condition = dict(governorate_id=aleppo), f"governorate_id = '{aleppo}'"
    elif given == "actor":
        given, condition = dict(actor_id=regime), f"actor_id = '{regime}'"
    elif given == "type":
        given, condition = dict(breach_type_id=air), f"breach_type_id = '{air}'"
    elif given == "combined":
        given = dict(governorate_id=aleppo, actor_id=regime, date_from="2017-01-01",
                     status="reported", text="Khan")
        condition = (f"governorate_id = '{aleppo}' AND actor_id = '{regime}' AND occurred_on >="
                     " '2017-01-01' AND status = 'reported' AND (place LIKE '%Khan%'"
                     " OR description LIKE '%Khan%')")
    where = db.BreachFilter(**given)
    expected = plain(demo, f"SELECT id, killed FROM breach WHERE deleted_at IS NULL AND {condition}")
    assert 0 < len(expected) < 3246
    assert _ids(demo, where) == {r[0] for r in expected}
    assert db.count_breaches(demo, where) == db.BreachCount(len(expected),
                                                            sum(r[1] for r in expected))


def test_text_with_wildcards_is_taken_literally(demo):
    assert db.count_breaches(demo, db.BreachFilter(text="%")).breaches == 0
    assert db.count_breaches(demo, db.BreachFilter(text="_")).breaches == 0


def test_the_trash_lists_only_deleted_breaches(demo):
    trash = db.list_breaches(demo, db.BreachFilter(deleted=True), sort="deleted_at")
    assert len(trash) == 5 and all(r.deleted_at for r in trash)
    assert db.count_breaches(demo, db.BreachFilter(deleted=True)).breaches == 5


def test_an_unknown_sort_column_is_refused(demo):
    with pytest.raises(ValueError):
        db.list_breaches(demo, sort="1; DROP TABLE breach")


def test_the_first_page_does_not_read_the_whole_table(demo):
    sql, params = breach_list_query()
    plan = demo.conn.execute("EXPLAIN QUERY PLAN " + sql, params + [200, 0]).fetchall()
    walks = [parent for _id, parent, _, detail in plan
             if detail == "SCAN b USING INDEX breach_live_by_date"]
    assert len(walks) == 1
    # The rows are chosen walking the index, not sorted; only the page's rows are.
    assert not [row for row in plan
                if row[1] == walks[0] and row[3] == "USE TEMP B-TREE FOR ORDER BY"]


def test_search_finds_arabic_typed_on_another_keyboard(tmp_path, ):
    with db.open_ledger(tmp_path / "x.sqlite3") as ledger:
        source = db.save_source(ledger, db.Source(name="Jericho network")).id
        db.save_breach(ledger, db.Breach(
            occurred_on="2017-01-02", governorate_id=db.find_by_name(ledger, "governorate",
                                                                     "Idlib"),
            breach_type_id=db.find_by_name(ledger, "breach_type", "Shelling"), place="أريحا",
            citations=[db.Citation(source_id=source)]))
        decomposed = "\u0627\u0654" + "ريحا"  # alef + hamza above, as typed on some keyboards
        assert db.count_breaches(ledger, db.BreachFilter(text=decomposed)).breaches == 1
        assert db.places(ledger, decomposed[:2]) == ["أريحا"]


def test_discounted_breaches_are_shown_but_not_summed(demo):
    row = db.list_breaches(demo, db.BreachFilter(text="Khan Tuman"), sort="killed")[0]
    breach = db.get_breach(demo, row.id)
    before = db.count_breaches(demo)
    breach.status = "discounted"
    db.save_breach(demo, breach)
    after = db.count_breaches(demo)
    assert after.breaches == before.breaches
    assert after.killed == before.killed - breach.killed and breach.killed > 0
    breach = db.get_breach(demo, row.id)
    breach.status = "reported"
    db.save_breach(demo, breach)


def test_a_breachs_position_is_counted_from_a_row_within_a_bound(demo):
    """The table finds where a breach stands below the rows it holds by counting at most
    `within` rows of the index after the last of them."""
    rows = [r.id for r in db.list_breaches(demo, limit=400)]
    assert db.breach_position(demo, rows[350]) == 350
    assert db.breach_position(demo, rows[350], after=rows[199], within=200) == 150
    assert db.breach_position(demo, rows[200], after=rows[199], within=200) == 0
    assert db.breach_position(demo, rows[350], after=rows[199], within=100) is None
    assert db.breach_position(demo, rows[100], after=rows[199], within=200) is None  # above
    by_place = [r.id for r in db.list_breaches(demo, sort="governorate_ar", limit=300)]
    assert db.breach_position(demo, by_place[250], sort="governorate_ar", after=by_place[99],
                              within=500) == 150
