"""Every rule of a breach, accepted and refused, with the message that names its field."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from gui.messages import problem_texts
from tests.conftest import table_counts

TODAY = date.today()


def victims(*specs):
    return [db.Victim(name=f"victim {i}", **spec) for i, spec in enumerate(specs)]


# (changes to a valid breach, the field that must be refused, words of its message)
REFUSED = [
    (dict(occurred_on=None), "occurred_on", "Date is required"),
    (dict(occurred_on="06/01/2017"), "occurred_on", "must be a date"),
    (dict(occurred_on=TODAY + timedelta(days=1)), "occurred_on", "cannot be in the future"),
    (dict(occurred_at="25:00"), "occurred_at", "Time must be a time of day"),
    (dict(governorate_id=None), "governorate_id", "Governorate is required"),
    (dict(governorate_id="Atlantis"), "governorate_id", "gazetteer"),
    (dict(breach_type_id=None), "breach_type_id", "Type is required"),
    (dict(actor_id="nobody"), "actor_id", "Perpetrator must be one of"),
    (dict(truce_id="no-such-truce"), "truce_id", "Truce is not in this database"),
    (dict(killed=-1, women=0, children=0), "killed", "whole number, 0 or more"),
    (dict(injured=2.5), "injured", "Injured must be a whole number"),
    (dict(women="two"), "women", "Women killed must be a whole number"),
    (dict(children=True), "children", "whole number"),
    (dict(killed_max=2), "killed_max", "cannot be below Killed (at least), 3"),
    (dict(injured_max=-3), "injured_max", "whole number"),
    (dict(killed=3, women=2, children=2), "killed", "add up to more than Killed (3)"),
    (dict(killed=3, killed_max=4, women=1, women_max=3, children=1, children_max=2),
     "killed_max", "(up to) add up to more than Killed (up to), 4"),
    (dict(killed=1, women=0, children=0,
          victims=victims(dict(outcome="killed"), dict(outcome="killed"))),
     "killed", "cannot be below the 2 named victims"),
    (dict(killed=2, women=0, children=0, victims=victims(dict(outcome="killed", age=9))),
     "children", "Children killed (0) cannot be below the 1 named victim"),
    (dict(killed=2, women=0, children=0,
          victims=victims(dict(outcome="killed", sex="female", age_group="adult"))),
     "women", "Women killed (0) cannot be below the 1 named victim"),
    (dict(injured=0, victims=victims(dict(outcome="injured"))), "injured", "Injured (0)"),
    (dict(latitude=91, longitude=36), "latitude", "between -90 and 90"),
    (dict(latitude=36, longitude=-181), "longitude", "between -180 and 180"),
    (dict(latitude=36.2), "longitude", "both latitude and longitude"),
    (dict(latitude=float("nan"), longitude=37), "latitude", "Latitude must be a number"),
    (dict(description="x" * 10_001), "description", "at most 10,000"),
    (dict(citations=[]), "citations", "Cite at least one source"),
    (dict(citations=[db.Citation(source_id="unknown")]), "citations[0].source_id",
     "not in this database"),
    (dict(citations=[db.Citation(source_id=None)]), "citations[0].source_id", "choose a source"),
    (dict(status="rumour"), "status", "Grading must be"),
    (dict(victims=victims(dict(age=200))), "victims[0].age", "0 to 130"),
    (dict(victims=victims(dict(age=30, age_group="child"))), "victims[0].age_group",
     "an adult, not a child"),
    (dict(victims=victims(dict(sex="x"))), "victims[0].sex", "sex must be one of"),
    (dict(victims=victims(dict(outcome="killed", age=12)) +
          [db.Victim(name="", name_latin="  ")]), "victims[1].name", "Victim 2: give a name"),
]


@pytest.mark.parametrize("changes, field, words", REFUSED,
                         ids=[f"{f}-{i}" for i, (_, f, _w) in enumerate(REFUSED)])
def test_a_breaking_breach_is_refused_with_its_field_named(ledger, ledger_path, make_breach,
                                                            english, changes, field, words):
    before = table_counts(ledger_path)
    with pytest.raises(db.ValidationError) as refused:
        db.save_breach(ledger, make_breach(**changes))
    said = problem_texts(refused.value)  # the words under the field, in English
    assert field in said, said
    assert words in said[field]
    assert table_counts(ledger_path) == before


ACCEPTED = [
    dict(occurred_on=TODAY),
    dict(occurred_on=date(2016, 12, 29), occurred_at="23:45"),
    dict(actor_id=None),
    dict(killed=0, women=0, children=0, injured=0),
    dict(killed=3, killed_max=5, women=1, women_max=2, children=1, children_max=3),
    dict(killed=5, women=2, children=3),
    dict(latitude=-90.0, longitude=180),
    dict(latitude=36.2, longitude=37.1),
    dict(description="x" * 10_000),
    dict(description="=SUM(A1:A3) قصف على القرية"),
    dict(status="discounted"),
    dict(killed=3, women=1, children=1, injured=1,
         victims=victims(dict(outcome="killed", age=8), dict(outcome="killed", sex="female",
                                                             age=40),
                         dict(outcome="killed", sex="male", age_group="adult"),
                         dict(outcome="injured"), dict(outcome="missing"))),
]


@pytest.mark.parametrize("changes", ACCEPTED)
def test_a_breach_within_the_rules_is_saved(ledger, ledger_path, make_breach, changes):
    saved = db.save_breach(ledger, make_breach(**changes))
    with db.open_ledger(ledger_path) as reopened:  # read back from the file
        again = db.get_breach(reopened, saved.id)
        unknown = db.find_by_name(reopened, "actor", "Unknown")
    for name, value in changes.items():
        if name == "victims":
            assert len(again.victims) == len(value)
        elif name == "occurred_on":
            assert again.occurred_on == value.isoformat()
        elif name != "actor_id":
            assert getattr(again, name) == value
    if "actor_id" in changes:  # no perpetrator given: "Unknown"
        assert again.actor_id == unknown


def test_every_problem_is_reported_at_once(ledger, make_breach):
    with pytest.raises(db.ValidationError) as refused:
        db.save_breach(ledger, make_breach(occurred_on=None, governorate_id=None, citations=[],
                                           killed_max=1))
    assert {"occurred_on", "governorate_id", "citations", "killed_max"} <= set(refused.value.errors)


def test_text_is_trimmed_and_arabic_normalized(ledger, make_breach):
    decomposed = "\u0627\u0653"  # alef + madda above, as some keyboards type آ
    saved = db.save_breach(ledger, make_breach(place=f"  {decomposed}لرستن  "))
    assert saved.place == "\u0622لرستن"


def test_the_truce_is_picked_from_the_date(ledger, make_breach):
    first = db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
    second = db.add_truce(ledger, db.Truce("Astana de-escalation", "2017-05-06",
                                           end_date="2017-12-31"))
    assert db.save_breach(ledger, make_breach(occurred_on="2017-01-02")).truce_id == first
    assert db.save_breach(ledger, make_breach(occurred_on="2017-06-01")).truce_id == second
    assert db.save_breach(ledger, make_breach(occurred_on="2018-02-01")).truce_id == first
    assert db.save_breach(ledger, make_breach(occurred_on="2016-01-01")).truce_id is None
    # The user can change it.
    assert db.save_breach(ledger, make_breach(occurred_on="2017-06-02",
                                              truce_id=first)).truce_id == first


@pytest.mark.parametrize("written", ["0217-01-05", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_a_stored_date_outside_the_years_is_refused_by_the_rules_too(ledger, ledger_path,
                                                                      make_breach, written):
    """A date in ISO form is a date to Python whatever its year: the rules every save,
    import and merge passes refuse one outside 1900…2100, for the breach and for the day a
    source reported it, and nothing is saved."""
    for breach in (make_breach(occurred_on=written),
                   make_breach(citations=[db.Citation(source_id=make_breach().citations[0]
                                                      .source_id, reported_on=written)])):
        with pytest.raises(db.ValidationError) as refused:
            db.save_breach(ledger, breach)
        assert [code for code, _ in refused.value.codes.values()] in (
            ["year_range"], ["citation_not_a_date"])
    assert sqlite3.connect(ledger_path).execute("SELECT count(*) FROM breach").fetchone() == (0,)


def test_the_rules_ask_only_about_the_keys_a_breach_points_to(ledger, make_breach, lists):
    """A caller that looks up the keys at once (the save, an import's sets held in memory)
    looks up `pointed_keys`: every key the rules ask about is among them."""
    from db.rules import check_breach, pointed_keys
    breach = make_breach(truce_id="a-truce")
    breach.citations.append(db.Citation(source_id=lists["activist"]))
    asked = []
    check_breach(breach, lambda kind, key: asked.append((kind, key)) or True)
    assert set(asked) == set(pointed_keys(breach))
    assert ("source", lists["activist"]) in asked and ("truce", "a-truce") in asked
