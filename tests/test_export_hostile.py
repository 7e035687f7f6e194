"""Issue 9, the report points: exports, totals and the command line facing hostile data
and hostile moments. Workbooks are read back with openpyxl, files with sqlite3, and the
command line is run as a user runs it (a process of its own)."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.day_sums import keep_day_sums
from db.cells import TEXT_LIMIT
from db.demo import create_demo
from db.press import week_sentence, weekly_report
from db.rules import MAX_COUNT
from db.totals import TotalsFilter, scheme_for, weekly_totals
from db.workbook import ExportOptions, export_workbook
from tests.conftest import ROOT, fill_disk, read_rows

# Texts a spreadsheet could take for a formula or an error (typed, pasted or read from
# CSV), and the white space before them that a reader may skip.
HOSTILE_PREFIXES = ["=", "+", "-", "@", "\t", "\t=", "\r=", "\r+", "\n=", "\r\n=", " =",
                    "\uff1d", "=HYPERLINK(\"http://example.com\",\"x\")&"]
ERROR_CODES = ["#N/A", "#REF!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#VALUE!"]


def run(*args: str, env: dict | None = None, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args],
                          capture_output=True, text=True, env=env, timeout=600, **options)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cells(path: Path) -> list:
    """Every non-empty cell of every sheet of the workbook at `path`."""
    book = load_workbook(path)
    return [cell for ws in book for row in ws.iter_rows() for cell in row
            if cell.value is not None]


def summary(path: Path) -> dict:
    """The Summary sheet as {label: value}."""
    ws = load_workbook(path)["Summary"]
    return {row[0].value: row[1].value for row in ws.iter_rows() if row[0].value}


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    create_demo(path, size=400)
    return path


# Point 18: every text that reaches a sheet is text, as given.

def _hostile_ledger(ledger, make_breach, lists, values: dict[str, str]) -> None:
    """A breach whose every text (and those of its lists) is the hostile value of
    `values`, written into the file as an older version or another office's file could
    have: straight into the tables, past the editor's rules (which trim)."""
    truce = db.add_truce(ledger, db.Truce(name="Nationwide", start_date="2016-12-29"))
    saved = db.save_breach(ledger, make_breach(
        truce_id=truce, victims=[db.Victim(name="Victim", age=30, sex="male"),
                                 db.Victim(name="Secret", age=40, confidential=True)]))
    updates = [
        ("breach", "district", saved.id), ("breach", "place", saved.id),
        ("breach", "description", saved.id), ("breach", "office", saved.id),
        ("breach", "entered_by", saved.id),
        ("actor", "name", lists["regime"]), ("gazetteer", "name", lists["aleppo"]),
        ("breach_type", "name", lists["shelling"]), ("truce", "name", truce),
        ("source", "name", lists["source"]), ("source", "kind", lists["source"]),
        ("source", "reliability", lists["source"]), ("source", "contact", lists["source"]),
        ("source", "notes", lists["source"]),
    ]
    conn = sqlite3.connect(ledger.path)
    with conn:
        for table, column, key in updates:
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?",
                         (values[f"{table}.{column}"], key))
        for column in ("name", "name_latin", "notes"):
            conn.execute(f"UPDATE victim SET {column} = ? WHERE breach_id = ?",
                         (values[f"victim.{column}"], saved.id))
    conn.close()


FIELDS = ["breach.district", "breach.place", "breach.description", "breach.office",
          "breach.entered_by", "actor.name", "gazetteer.name", "breach_type.name",
          "truce.name", "source.name", "source.kind", "source.reliability",
          "source.contact", "source.notes", "victim.name", "victim.name_latin",
          "victim.notes", "office", "title"]


def _export_hostile(ledger, make_breach, lists, tmp_path, values) -> Path:
    _hostile_ledger(ledger, make_breach, lists, values)
    target = tmp_path / "hostile.xlsx"
    export_workbook(ledger, target, ExportOptions(
        scheme=scheme_for(ledger), full=True, office=values["office"],
        title=values["title"]))
    return target


@pytest.mark.parametrize("prefix", HOSTILE_PREFIXES, ids=repr)
def test_every_text_that_looks_like_a_formula_stays_text_as_given(ledger, make_breach, lists,
                                                                   tmp_path, prefix):
    values = {name: f"{prefix}1+1 {name}" for name in FIELDS}
    target = _export_hostile(ledger, make_breach, lists, tmp_path, values)
    found = cells(target)
    assert [c.coordinate for c in found if c.data_type == "f"] == []
    texts = {c.value: c for c in found if isinstance(c.value, str)}
    for name, value in values.items():
        assert value in texts, f"{name}: {value!r} is not in the workbook as given"
        assert texts[value].quotePrefix, f"{name}: {value!r} would become a formula if edited"


@pytest.mark.parametrize("code", ERROR_CODES)
def test_a_text_that_names_an_error_stays_text(ledger, make_breach, lists, tmp_path, code):
    values = {name: code for name in FIELDS}
    target = _export_hostile(ledger, make_breach, lists, tmp_path, values)
    found = cells(target)
    assert [c.coordinate for c in found if c.data_type in ("f", "e")] == []
    marked = [c for c in found if c.value == code]
    assert marked and all(c.data_type == "s" and c.quotePrefix for c in marked)
    assert load_workbook(target)["Summary"]["B2"].value == code  # the office, as given


@pytest.mark.parametrize("office", ["=1+1 office", "+1 office", "-1 office", "@1 office",
                                    "\t=1+1 office", "\r=1+1 office", "#N/A"], ids=repr)
def test_the_command_line_exports_any_office_name(demo_path, tmp_path, office):
    target = tmp_path / "office.xlsx"
    done = run("export", "--db", str(demo_path), "--out", str(target), f"--office={office}")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert summary(target)["Office"] == office


def test_libreoffice_reads_every_hostile_text_as_text(ledger, make_breach, lists, tmp_path):
    if not shutil.which("soffice"):  # .ci/run installs it: under CI its absence is a failure
        message = "LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    values = {name: f"{HOSTILE_PREFIXES[len(name) % len(HOSTILE_PREFIXES)]}1+1 {name}"
              for name in FIELDS}
    target = _export_hostile(ledger, make_breach, lists, tmp_path, values)
    out = tmp_path / "again"
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out),
                    str(target)], check=True, capture_output=True, timeout=300)
    found = cells(out / target.name)
    assert [c.coordinate for c in found if c.data_type == "f"] == []
    texts = {c.value for c in found}
    # LibreOffice keeps a carriage return as a line feed; the text is otherwise as given.
    assert {v.replace("\r\n", "\n").replace("\r", "\n") for v in values.values()} <= \
        {t.replace("\r\n", "\n").replace("\r", "\n") for t in texts if isinstance(t, str)}


LONG_TEXTS = {"victim.notes": "x" * (TEXT_LIMIT + 1000),
              "source.notes": "\U0001F600" * (TEXT_LIMIT // 2 + 500),  # two UTF-16 units each
              "office": "o" * (TEXT_LIMIT + 1)}


def test_a_text_longer_than_a_cell_holds_is_cut_and_said(ledger, make_breach, lists, tmp_path):
    values = {name: f"plain {name}" for name in FIELDS} | LONG_TEXTS
    _hostile_ledger(ledger, make_breach, lists, values)
    ledger.close()
    target = tmp_path / "long.xlsx"
    done = run("export", "--db", str(ledger.path), "--out", str(target), "--full",
               f"--office={LONG_TEXTS['office']}")
    assert done.returncode == 0, done.stderr
    # Four: both victims' notes, the source's notes, the office.
    assert f"4 texts were cut to {TEXT_LIMIT:,} characters" in done.stderr
    rows = summary(target)
    assert rows[f"Texts cut to {TEXT_LIMIT:,} characters (the most a cell holds)"] == 4
    heights = [d.height for d in load_workbook(target)["Summary"].row_dimensions.values()
               if d.height]
    assert heights and max(heights) <= 409  # the most Excel opens without calling it damaged
    texts = [c.value for c in cells(target) if isinstance(c.value, str)]
    for name, value in LONG_TEXTS.items():
        kept = [t for t in texts if len(t) > 1000 and value.startswith(t)]
        assert len(kept) == (2 if name == "victim.notes" else 1), name
        for text in kept:
            units = len(text.encode("utf-16-le")) // 2
            assert TEXT_LIMIT - 1 <= units <= TEXT_LIMIT, name


# Point 7: an export taken while another copy saves agrees with itself.

def test_every_sheet_of_an_export_agrees_while_another_copy_saves(tmp_path):
    path = tmp_path / "busy.sqlite3"
    with db.open_ledger(path, user="Rima") as ledger:
        db.save_source(ledger, db.Source(name="Source w", kind="activist"))
    saved = tmp_path / "saved.txt"  # one line per breach saved (a file: a pipe would fill)
    with open(saved, "w") as log:
        writer = subprocess.Popen([sys.executable, str(ROOT / "tests" / "save_loop.py"),
                                   str(path), "-1", "w"], stdout=log)
    try:
        while len(saved.read_text().splitlines()) < 5:  # breaches arrive while exports run
            assert writer.poll() is None
            time.sleep(0.05)
        totals = []
        for number in range(4):
            target = tmp_path / f"export-{number}.xlsx"
            with db.open_ledger(path) as ledger:
                export_workbook(ledger, target, ExportOptions(scheme=scheme_for(ledger),
                                                              full=True))
            book = load_workbook(target)
            weekly = [row[3].value for row in book["Weekly totals"].iter_rows()
                      if row[0].value == "Total"]
            by_governorate = [row[1].value for row in book["By governorate"].iter_rows()
                              if row[0].value == "Total"]
            listed = book["Breaches"].max_row - 1
            breaches_killed = sum(row[11].value for row in book["Breaches"].iter_rows(
                min_row=2))
            killed = [row[4].value for row in book["Weekly totals"].iter_rows()
                      if row[0].value == "Total"]
            sentence = summary(target)["Press sentence"]
            assert weekly == by_governorate == [listed], number
            assert killed == [breaches_killed], number
            assert f"no fewer than {listed} breaches" in sentence, number
            totals.append(listed)
        assert totals[-1] > totals[0]  # the other copy did save meanwhile
    finally:
        writer.kill()
        writer.wait()


def test_the_window_gets_weeks_total_and_sentences_from_one_reading(demo_path):
    with db.open_ledger(demo_path) as ledger:
        for scheme in (scheme_for(ledger), scheme_for(ledger, week_start="saturday")):
            for where in (TotalsFilter(), TotalsFilter(date_from="2017-01-03",
                                                       date_to="2017-02-05")):
                report = weekly_report(ledger, scheme, where)
                assert report.weeks == weekly_totals(ledger, scheme, where)
                assert report.total.breaches == sum(w.breaches for w in report.weeks)
                assert report.sentences == [week_sentence(ledger, scheme, week, where)
                                            for week in report.weeks]


# Point 14 (export side): a full disk.

@pytest.mark.parametrize("room", [0, 64 * 1024], ids=["no room", "some room"])
def test_a_full_disk_is_said_with_its_folder_and_leaves_nothing(demo_path, small_disk, room):
    before = digest(demo_path)
    filler = fill_disk(small_disk)
    with open(filler, "r+b") as handle:  # free `room` bytes again
        handle.truncate(filler.stat().st_size - room)
    target = small_disk / "press.xlsx"
    done = run("export", "--db", str(demo_path), "--out", str(target), "--full")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr
    assert "disk is full" in done.stderr
    assert str(small_disk) in done.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]
    assert digest(demo_path) == before


# Point 15 (export side): a killed export leaves nothing readable behind.

@pytest.fixture(scope="module")
def large_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("large") / "large.sqlite3"
    done = run("demo", "--db", str(path), "--size", "20000")
    assert done.returncode == 0, done.stderr
    return path


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _size(path: Path) -> int:
    """The size of a file the export may remove at any moment (0 once gone)."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


@pytest.mark.parametrize("moment", ["rows", "saving"])
def test_a_killed_export_leaves_no_sheet_behind(large_path, tmp_path, moment):
    """Killed while it reads the rows, or while it writes the workbook, an export leaves
    nothing in the system's temporary folder, and no sheet was ever a file of its own (the
    rows stay in memory until the workbook is written, for an encrypted ledger's sake).
    The next export removes the killed one's working folder."""
    system_temp, out = tmp_path / "system-temp", tmp_path / "out"
    system_temp.mkdir()
    out.mkdir()
    env = {**os.environ, "TMPDIR": str(system_temp)}
    export = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "export", "--db",
                               str(large_path), "--out", str(out / "full.xlsx"), "--full"],
                              env=env, stderr=subprocess.PIPE)
    seen, began = set(), None
    try:
        while True:
            assert export.poll() is None, export.stderr.read()
            files = _files(out) + _files(system_temp)
            seen.update(f.name for f in files)
            if moment == "saving" and any(_size(f) > 100_000 for f in files):
                break  # the workbook is being written in the working folder
            if moment == "rows" and any(p.name.endswith(".parts") for p in out.iterdir()):
                began = began or time.monotonic()
                if time.monotonic() - began > 1.5:
                    break
            time.sleep(0.02)
    finally:
        export.send_signal(signal.SIGKILL)
        export.wait()
    assert seen <= {"workbook.xlsx"}
    if moment == "saving":
        assert seen == {"workbook.xlsx"}
    assert [p.name for p in system_temp.iterdir()] == []
    assert not (out / "full.xlsx").exists()
    done = run("export", "--db", str(large_path), "--out", str(out / "public.xlsx"),
               "--from", "2017-01-01", "--to", "2017-01-10", env=env)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["public.xlsx"]
    assert [p.name for p in system_temp.iterdir()] == []


# Point 17: a full export is for its owner only.

@pytest.mark.parametrize("full, mode", [(True, 0o600), (False, 0o644)], ids=["full", "public"])
def test_a_full_export_is_readable_by_its_owner_only(demo_path, tmp_path, full, mode):
    target = tmp_path / "export.xlsx"
    target.write_bytes(b"an older workbook, readable by all")
    target.chmod(0o644)
    done = run("export", "--db", str(demo_path), "--out", str(target), "--force",
               *(["--full"] if full else []), preexec_fn=lambda: os.umask(0o022))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert load_workbook(target)["Summary"]  # the workbook replaced the older file


# The database itself is never the export's target.

@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink", "hardlink"])
def test_an_export_onto_the_database_itself_is_refused(tmp_path, spelling):
    folder = tmp_path / "office"
    folder.mkdir()
    path = folder / "office.xlsx"  # a database that happens to have a workbook's name
    create_demo(path)
    before = digest(path)
    target = {"same": path, "dotted": folder / ".." / "office" / "." / "office.xlsx",
              "symlink": folder / "link.xlsx", "hardlink": folder / "hard.xlsx"}[spelling]
    if spelling == "symlink":
        target.symlink_to(path)
    elif spelling == "hardlink":
        os.link(path, target)
    done = run("export", "--db", str(path), "--out", str(target), "--force")
    assert done.returncode == 1
    assert "is the database itself" in done.stderr
    assert digest(path) == before
    assert read_rows(path, "SELECT count(*) FROM breach")[0][0] == 251
    if spelling in ("symlink", "hardlink"):
        assert os.path.samefile(target, path)  # the other name still names the database


# The command line's totals: CSV cells and the terminal.

RISKY_NAMES = ["=HYPERLINK(\"http://x\")", "+963 11", "-5 dead", "@SUM(A1)", "\t=1", "#N/A",
               " =1+1"]
TERMINAL_NAMES = ["Red \x1b[31mforces\x1b[0m", "Bell \x07 group", "C1 \x9b31m group",
                  "Over\u202eride", "Iso\u2066late\u2069", "New\nline", "Del\x7f"]


def _actors_named(ledger, make_breach, names: list[str]) -> None:
    conn = sqlite3.connect(ledger.path)
    for number, name in enumerate(names):
        key = db.add_actor(ledger, f"actor {number}")
        db.save_breach(ledger, make_breach(actor_id=key, place=f"place {number}"))
        with conn:
            conn.execute("UPDATE actor SET name = ? WHERE id = ?", (name, key))
    conn.close()


def test_totals_as_csv_keep_formula_like_names_as_text(ledger, make_breach):
    _actors_named(ledger, make_breach, RISKY_NAMES)
    done = run("totals", "--db", str(ledger.path), "--by", "actor", "--format", "csv",
               "--week-start", "monday")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    shown = {row["actor"] for row in rows}
    assert shown == {f"'{name}" for name in RISKY_NAMES}
    assert all(row["breaches"] == "1" for row in rows)


def _terminal_safe(text: str) -> bool:
    return not any(unicodedata.category(ch) == "Cc" and ch != "\n" or
                   "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" for ch in text)


@pytest.mark.parametrize("by", ["actor", None])
def test_totals_as_a_table_print_no_control_characters(ledger, make_breach, by):
    """A name that would act on the terminal (colours, a title, a bell, reordered text)
    is shown escaped, so that what is printed is what the file holds."""
    _actors_named(ledger, make_breach, TERMINAL_NAMES)
    conn = sqlite3.connect(ledger.path)
    with conn:  # a governorate's name reaches the sentences
        conn.execute("UPDATE gazetteer SET name = ? WHERE name = 'Aleppo'",
                     ("Alep\x1b]0;owned\x07po",))
    conn.close()
    done = run("totals", "--db", str(ledger.path), "--week-start", "monday",
               *(["--by", by] if by else ["--sentence"]))
    assert done.returncode == 0, done.stderr
    assert _terminal_safe(done.stdout)
    lines = done.stdout.splitlines()
    if by:
        assert len(lines) == 1 + len(TERMINAL_NAMES) + 1  # header, one per actor, total
        assert any("Red \\x1b[31mforces" in line for line in lines)
        assert any("Over\\u202eride" in line for line in lines)
    else:
        assert "Alep\\x1b]0;owned\\x07po" in done.stdout


# A count out of range (left by an older version) stops totals and export clearly.

def _counts_out_of_range(ledger, make_breach, counts: list[int]) -> None:
    conn = sqlite3.connect(ledger.path)
    keep_day_sums(conn)  # the counts of the day's totals change with the breach, as they did
    for number, count in enumerate(counts):
        saved = db.save_breach(ledger, make_breach(place=f"place {number}"))
        with conn:
            conn.execute("UPDATE breach SET killed = ?, killed_max = NULL, women = 0, children = 0"
                         " WHERE id = ?",
                         (count, saved.id))
    conn.close()


@pytest.mark.parametrize("counts", [[MAX_COUNT + 1], [2 ** 62], [2 ** 62, 2 ** 62, 3],
                                    [2 ** 63 - 1, 1]],
                         ids=["just over", "2**62", "sum past 2**63", "largest integer"])
@pytest.mark.parametrize("command", ["totals", "totals-by", "totals-json", "export"])
def test_a_count_out_of_range_is_refused_clearly(ledger, make_breach, tmp_path, counts,
                                                 command):
    _counts_out_of_range(ledger, make_breach, counts)
    args = {"totals": ["totals"], "totals-by": ["totals", "--by", "governorate"],
            "totals-json": ["totals", "--format", "json", "--sentence"],
            "export": ["export", "--out", str(tmp_path / "out.xlsx")]}[command]
    done = run(*args, "--db", str(ledger.path))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"outside 0 to {MAX_COUNT:,}" in done.stderr
    assert f"largest count {max(counts):,}" in done.stderr
    assert done.stdout == ""
    assert not (tmp_path / "out.xlsx").exists()


def test_counts_within_range_are_summed_as_before(ledger, make_breach):
    _counts_out_of_range(ledger, make_breach, [MAX_COUNT, MAX_COUNT, 7])
    done = run("totals", "--db", str(ledger.path), "--format", "json",
               "--week-start", "monday")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["killed"] == 2 * MAX_COUNT + 7


def test_totals_as_json_print_no_control_characters_and_keep_every_name(ledger, make_breach):
    _actors_named(ledger, make_breach, TERMINAL_NAMES)
    done = run("totals", "--db", str(ledger.path), "--by", "actor", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert _terminal_safe(done.stdout)
    assert {row["actor"] for row in json.loads(done.stdout)} == set(TERMINAL_NAMES)


# Totals and export only read: they open the ledger read-only.

def test_totals_and_export_read_a_ledger_on_a_read_only_disk(small_disk, tmp_path):
    path = small_disk / "office.sqlite3"
    create_demo(path)
    before = digest(path)
    remounted = subprocess.run(["mount", "-o", "remount,ro", str(small_disk)],
                               capture_output=True, text=True)
    assert remounted.returncode == 0, remounted.stderr
    try:
        totals = run("totals", "--db", str(path), "--format", "json")
        assert totals.returncode == 0, totals.stderr
        assert json.loads(totals.stdout)[0]["breaches"] == 251
        target = tmp_path / "press.xlsx"
        export = run("export", "--db", str(path), "--out", str(target))
        assert export.returncode == 0, export.stderr
        assert summary(target)["Breaches listed"] == 251
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], capture_output=True)
    assert digest(path) == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["office.sqlite3"]


# Issue 9, review (brief G, point 3): a formula sign behind invisible characters. Excel and
# LibreOffice may drop a leading byte-order mark, mark of direction or other invisible
# character, or a space of another kind, and evaluate what follows: the guard looks at the
# first visible character.

INVISIBLE_PREFIXES = {
    "BOM": "\ufeff", "RLM": "\u200f", "LRM": "\u200e", "ALM": "\u061c",
    "zero-width space": "\u200b", "word joiner": "\u2060", "soft hyphen": "\u00ad",
    "RLE": "\u202b", "RLI": "\u2067", "no-break space": "\u00a0",
    "ideographic space": "\u3000", "line separator": "\u2028", "BOM and RLM": "\ufeff\u200f",
    "RLM and space": "\u200f ", "zero-width joiner": "\u200d",
}
SIGNS = ["=", "+", "-", "@", "\uff1d"]


@pytest.mark.parametrize("sign", SIGNS)
@pytest.mark.parametrize("invisible", INVISIBLE_PREFIXES.values(), ids=list(INVISIBLE_PREFIXES))
def test_a_formula_behind_invisible_characters_stays_text_as_given(ledger, make_breach, lists,
                                                                   tmp_path, invisible, sign):
    values = {name: f"{invisible}{sign}1+1 {name}" for name in FIELDS}
    target = _export_hostile(ledger, make_breach, lists, tmp_path, values)
    found = cells(target)
    assert [c.coordinate for c in found if c.data_type == "f"] == []
    texts = {c.value: c for c in found if isinstance(c.value, str)}
    for name, value in values.items():
        assert value in texts, f"{name}: {value!r} is not in the workbook as given"
        assert texts[value].quotePrefix, f"{name}: {value!r} would become a formula if edited"


@pytest.mark.parametrize("invisible", INVISIBLE_PREFIXES.values(), ids=list(INVISIBLE_PREFIXES))
def test_an_error_name_behind_invisible_characters_stays_text(ledger, make_breach, lists,
                                                              tmp_path, invisible):
    values = {name: f"{invisible}#N/A{invisible}" for name in FIELDS}
    values["office"] = f"{invisible}#REF!"
    target = _export_hostile(ledger, make_breach, lists, tmp_path, values)
    found = cells(target)
    assert [c.coordinate for c in found if c.data_type in ("f", "e")] == []
    assert load_workbook(target)["Summary"]["B2"].value == values["office"]
    assert load_workbook(target)["Summary"]["B2"].quotePrefix


def test_totals_as_csv_keep_formulas_behind_invisible_characters_as_text(ledger, make_breach):
    names = [f"{invisible}{sign}1+1" for invisible in INVISIBLE_PREFIXES.values()
             for sign in SIGNS[:2]] + ["\u200f#N/A"]
    _actors_named(ledger, make_breach, names)
    done = run("totals", "--db", str(ledger.path), "--by", "actor", "--format", "csv",
               "--week-start", "monday")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {row["actor"] for row in rows} == {f"'{name}" for name in names}


@pytest.mark.parametrize("name", ["قوات النظام", "می\u200cخواهم", "Khan Tuman", "1+1", "a=b"])
def test_a_text_whose_first_visible_character_is_no_sign_is_left_plain(ledger, make_breach,
                                                                       name):
    _actors_named(ledger, make_breach, [name])
    done = run("totals", "--db", str(ledger.path), "--by", "actor", "--format", "csv",
               "--week-start", "monday")
    assert done.returncode == 0, done.stderr
    assert [row["actor"] for row in csv.DictReader(io.StringIO(done.stdout))] == [name]


def test_a_hostile_text_repeated_in_many_breaches_is_guarded_in_each(ledger, make_breach,
                                                                     tmp_path):
    """The Breaches sheet guards a text that repeats from breach to breach (a place, a
    district, an office) once when it needs nothing; one that needs the guard is guarded,
    and counted, in every row."""
    for number in range(3):
        db.save_breach(ledger, make_breach(occurred_on=f"2017-01-0{number + 2}"))
    conn = sqlite3.connect(ledger.path)
    with conn:  # as an older version or another office's file could have them
        conn.execute("UPDATE breach SET place = 'Khan\x07Tuman', district = '=1+1 district',"
                     " office = 'line\rreturn'")
    conn.close()
    target = tmp_path / "repeated.xlsx"
    report = export_workbook(ledger, target, ExportOptions(scheme=scheme_for(ledger),
                                                           full=True))  # with the office
    assert report.removed_characters == 3  # the bell, once in each place
    rows = list(load_workbook(target)["Breaches"].iter_rows(min_row=2))
    assert len(rows) == 3
    for row in rows:
        assert row[5].value == "KhanTuman"
        assert row[4].value == "=1+1 district" and row[4].data_type == "s"
        assert row[4].quotePrefix
        assert row[22].value == "line\rreturn"
