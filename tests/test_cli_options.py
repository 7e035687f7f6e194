"""The command line as a user runs it: --from/--to in any form people type dates,
`totals --sentence` in JSON and CSV that parse, and `export` that never overwrites a file
without --force."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from db.demo import create_demo
from tests.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite3"
    create_demo(path, size=60)
    return path


def totals(demo, *args: str) -> list[dict]:
    result = run("totals", "--db", str(demo), "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("start, end", [
    ("01.01.2017", "04.01.2017"), ("1/1/2017", "4-1-2017"), ("20170101", "4 Jan 2017"),
    ("٠١/٠١/٢٠١٧", "4 كانون الثاني 2017"), ("Sunday 1 January 2017", "Jan 4 2017")])
def test_from_and_to_read_dates_as_people_type_them(demo, start, end):
    expected = totals(demo, "--from", "2017-01-01", "--to", "2017-01-04")
    assert 0 < expected[0]["breaches"] < 251  # the first week, narrowed to four of its days
    assert totals(demo, "--from", start, "--to", end) == expected


@pytest.mark.parametrize("args, words", [
    (("totals", "--from", "31.2.2017"), "31.2.2017 is not a day of the calendar"),
    (("totals", "--to", "soon"), "--to 'soon' must be a date"),
    (("export", "--from", "4.13.2017"), "4.13.2017 is not a day of the calendar"),
    (("export", "--to", "next week"), "--to 'next week' must be a date"),
])
def test_an_unreadable_date_is_refused_in_one_line_and_nothing_is_written(demo, tmp_path,
                                                                         args, words):
    before = hashlib.sha256(demo.read_bytes()).hexdigest()
    target = tmp_path / "week.xlsx"
    out = ("--out", str(target)) if args[0] == "export" else ()
    result = run(*args, "--db", str(demo), *out)
    assert result.returncode == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr
    assert not target.exists()
    assert hashlib.sha256(demo.read_bytes()).hexdigest() == before


def test_sentences_are_inside_the_json_and_the_csv(demo):
    weeks = totals(demo, "--sentence")  # json.loads fails on anything after the list
    assert len(weeks) > 1
    assert weeks[0]["sentence"].startswith(
        "In the first week since the ceasefire went into force on 29 December 2016")
    assert "no fewer than 251 breaches" in weeks[0]["sentence"]
    assert all("week" in week["sentence"] for week in weeks)  # empty weeks too
    result = run("totals", "--db", str(demo), "--format", "csv", "--sentence")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["sentence"] for row in rows] == [week["sentence"] for week in weeks]
    assert [int(row["breaches"]) for row in rows] == [week["breaches"] for week in weeks]
    assert "sentence" not in totals(demo)[0]  # only when asked for
    table = run("totals", "--db", str(demo), "--sentence")
    assert table.returncode == 0 and weeks[0]["sentence"] in table.stdout


def test_export_never_replaces_a_file_without_force(demo, tmp_path):
    target = tmp_path / "press.xlsx"
    target.write_bytes(b"last week's workbook, sent to the press")
    before = target.read_bytes()
    refused = run("export", "--db", str(demo), "--out", str(target))
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.strip().splitlines() == [
        f"truce-ledger: error: {target} already exists: give --force to replace it, or "
        "another name."]
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["press.xlsx"]  # nothing left over
    replaced = run("export", "--db", str(demo), "--out", str(target), "--force")
    assert replaced.returncode == 0, replaced.stderr
    assert load_workbook(target)["Summary"]["A1"].value == "Breaches of the ceasefire"
    fresh = run("export", "--db", str(demo), "--out", str(tmp_path / "new.xlsx"))
    assert fresh.returncode == 0, fresh.stderr
