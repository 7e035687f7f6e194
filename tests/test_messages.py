"""The words of the core come from one source: db/ raises codes with arguments, and
gui/messages.py says each code in words, through tr(), in English and in Arabic."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import db
from db.importer import ImportReport, ImportRefused
from db.merge_checks import MergeRefused
from gui.messages import error_text, problem_text, reason_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = dict(field="killed", limit=90, length=12_345, least=3, women=2, children=2,
              killed=3, count=1, victims=2, n=2, allowed="female, male, unknown", age=30,
              value="31.2.2017", first=1900, last=2100)
RULES = ["required", "not_a_date", "no_such_day", "year_range", "future", "not_a_time",
         "unknown_truce", "unknown_governorate", "unknown_type", "unknown_actor", "too_long",
         "description_too_long", "coordinates_pair", "coordinate_range", "grading", "count",
         "count_max", "below_least", "over_killed", "over_killed_max", "below_victims",
         "no_source", "in_trash", "citation_source", "citation_unknown_source",
         "citation_name_too_long", "citation_semicolon", "citation_not_a_date",
         "citation_future", "citation_too_long", "citation_twice", "victim_name",
         "victim_choice", "victim_age", "victim_child_not_adult", "victim_adult_not_child",
         "one_of", "semicolon", "end_before_start", "source_name_taken", "merge_same_source",
         "source_cited"]
# Where db/ names a code: an error raised, a rule failed, a reason of an import or a merge.
_CODE_SITES = re.compile(
    r"""(?:Error|Refused|__init__)\(\s*"([a-z_]+)"|fail\([^,()]+,\s*"([a-z_]+)"|add_problem\([^,()]+,\s*"([a-z_]+)"|"""
    r"""reasons\.add\(\s*"([a-z_]+)"|return\s+"([a-z_]+)",\s*\{|\(\s*"([a-z_]+)",\s*\{|"""
    r"""ValidationError\.of\([^,()]+,\s*"([a-z_]+)\"""", re.S)
# A message written as a sentence where db/ builds an error: what this change removed.
_SENTENCE = re.compile(r"""(?:LedgerError|BadFileError|NotFoundError|ConflictError|BusyError|"""
                       r"""DateError|CellError|MomentError)\(\s*f?["'][^"']*\s[^"']*["']""")


def raised_codes() -> set[str]:
    """Every code db/ can raise or report, read from its source."""
    codes = set()
    for path in (ROOT / "db").glob("*.py"):
        for match in _CODE_SITES.finditer(path.read_text(encoding="utf-8")):
            codes.update(code for code in match.groups() if code)
    # "invalid" is a ValidationError (worded field by field); "not_a_moment" and
    # "moment_range" are turned into a cell's or a merge row's reason before they are shown.
    return codes - {"invalid", "not_a_moment"}


def test_the_core_builds_no_sentence_for_an_error():
    """db/ gives codes with arguments; no English sentence passed to an error (nor a
    db/messages.py with a second copy of the words)."""
    found = [f"{path.name}: {match.group(0)}" for path in sorted((ROOT / "db").glob("*.py"))
             for match in _SENTENCE.finditer(path.read_text(encoding="utf-8"))]
    assert found == []
    assert not (ROOT / "db" / "messages.py").exists()


def test_every_code_the_core_raises_has_words_in_the_window():
    source = "".join((ROOT / "gui" / name).read_text(encoding="utf-8")
                     for name in ("messages.py", "reason_words.py"))
    codes = raised_codes()
    assert {"missing", "merge_refused", "cell_choice", "victims_sheet", "merge_row",
            "collision", "not_a_date", "required"} <= codes  # the reading finds them
    missing = sorted(code for code in codes if f'"{code}"' not in source)
    assert missing == []


@pytest.mark.parametrize("code", RULES)
def test_each_rule_of_the_core_has_words_in_the_window(english, code):
    shown = problem_text(code, SAMPLE)
    assert shown != code and "{" not in shown


def test_an_import_refusal_says_each_row_and_reason(english):
    report = ImportReport(rows=3, refused=2)
    report.add_problem(2, "cells", reasons=[("cell_choice", {
        "label": "Outcome", "value": "Wounded", "allowed": "killed, injured"}),
        ("cell_required", {"label": "Governorate"})])
    report.add_problem(3, "victims_sheet", reason=("victim_unknown_id", {"value": "7"}))
    assert reason_text(*report.problems[0][1:]) == (
        "Outcome 'Wounded' is not one of killed, injured; Governorate is required")
    assert error_text(ImportRefused(report)) == (
        "2 of 3 rows cannot be imported, so nothing was: row 2: Outcome 'Wounded' is not one "
        "of killed, injured; Governorate is required; row 3: Victims sheet: Breach ID '7' is "
        "no row of the Breaches sheet.")


def test_a_merge_refusal_names_each_row_of_their_file(english):
    breach = {"table": "breach", "id": "b1", "date": "2017-01-02"}
    refusal = MergeRefused("field.sqlite3", [
        ("merge_row", {"row_ref": breach, "problems": [
            ("required", {"field": "governorate_id"}), ("no_source", {})]}),
        ("collision", {"row_ref": {"table": "victim", "id": "v1", "breach": breach},
                       "table": "victim", "parent": "b2"})], more=3)
    assert error_text(refusal) == (
        "field.sqlite3 cannot be merged, so nothing was changed: breach b1 (2017-01-02): "
        "Governorate is required. Cite at least one source; victim v1 of breach b1 "
        "(2017-01-02): that key is, here, a victim of breach b2; a merge never moves a "
        "record to another breach; and 3 more.")


def test_the_words_are_arabic_in_an_arabic_window(arabic):
    words = error_text(db.LedgerError("missing", name="office.sqlite3"))
    assert "office.sqlite3" in words and not re.search(r"[A-Za-z]{3,}", words.replace(
        "office.sqlite3", ""))
    assert re.search("[\u0600-\u06ff]", reason_text("cell_required", {"label": "Date"}))


@pytest.mark.parametrize("reason, words", [
    (("schema_not_ours", {"kind": "trigger", "name": "t"}), "its trigger t is not ours"),
    (("schema_changed", {"kind": "table", "name": "breach"}), "its table breach is changed"),
    (("schema_missing", {"kind": "index", "name": "victim_by_breach"}),
     "it has no index victim_by_breach"),
    (("schema_too_many_rows", {}), "it holds more rows than a file of its size can")])
def test_a_file_not_ours_says_what_differs(english, reason, words):
    """db/schema.py gives the difference as a code with its kind and name."""
    refusal = db.BadFileError("foreign_schema", name="field.sqlite3", reason=reason)
    assert error_text(refusal) == ("field.sqlite3 is not a Truce Ledger database as this "
                                   f"program makes them: {words}; nothing was changed.")
