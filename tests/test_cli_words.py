"""Issue 9, review findings (brief G, points 1, 2 and 4): every word the command line
prints that comes from a file (a name inside a forged ledger, a row of an import, a file's
own name) reaches the terminal escaped, so that it can neither act on the terminal (a
title, a cleared screen, colours) nor hide or reorder text; Arabic and Persian names are
printed as they are; and counts agree with their nouns. The command line is run as a
user runs it, a process of its own."""
from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from tests.conftest import ROOT

# Every character that must not reach a terminal raw: control characters (C0 but the
# line feed ending a line, DEL, C1), every invisible format character (Cf) but the two
# joiners Persian and Arabic names are written with, line and paragraph separators.
JOINERS = {"\u200c", "\u200d"}


def raw_on_terminal(text: str) -> list[str]:
    """The characters of `text` that would act on a terminal or hide there."""
    return [ch for ch in text if ch != "\n" and ch not in JOINERS and
            unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")]


def escaped(text: str) -> str:
    """`text` as the command line shows it: the characters above as \\x1b, \\u202e…"""
    return "".join(
        (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}" if ord(ch) < 0x10000
         else f"\\U{ord(ch):08x}") if raw_on_terminal(ch) or ch == "\n" else ch
        for ch in text)


# Names that act on a terminal: a title and a cleared screen, a C1 sequence, reordered
# text, invisible marks of direction and the byte-order mark, a line break, a tag.
HOSTILE = {
    "title and clear": "\x1b]0;PWNED\x07\x1b[2J\u202eevil",
    "C1 sequence": "red \x9b31m group",
    "RLM formula": "\u200f=1+1",
    "ALM": "A\u061cB",
    "LRM": "A\u200eB",
    "byte-order mark": "\ufeffBOM",
    "isolate": "Iso\u2066late\u2069",
    "line separator": "one\u2028two",
    "new line": "one\ntwo",
    "tag": "flag\U000e0041",
}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, errors="surrogateescape")


def their_office(path: Path) -> Path:
    with db.open_ledger(path, user="Field", office="Idlib") as field:
        db.save_breach(field, db.Breach(
            occurred_on="2017-01-04", governorate_id=db.find_by_name(field, "governorate",
                                                                     "Idlib"),
            breach_type_id=db.find_by_name(field, "breach_type", "Sniper fire"),
            actor_id=db.add_actor(field, "Local militia"), place="Saraqib", killed=1,
            citations=[db.Citation(source_id=None, source_name="Idlib activist",
                                   reported_on="2017-01-04")]))
    return path


def forge_trigger(path: Path, name: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        quoted = name.replace('"', '""')
        conn.execute(f'CREATE TRIGGER "{quoted}" AFTER INSERT ON breach BEGIN'
                     " INSERT INTO meta VALUES ('x', 'y'); END")
    finally:
        conn.close()


def one_escaped_line(done: subprocess.CompletedProcess, name: str) -> None:
    """The command stopped with one line on stderr, which shows `name` escaped."""
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert raw_on_terminal(done.stderr) == []
    assert len(done.stderr.strip().splitlines()) == 1
    assert escaped(name) in done.stderr


# 1. Names inside a forged file, and file names, reach the terminal escaped.

@pytest.mark.parametrize("name", HOSTILE.values(), ids=list(HOSTILE))
@pytest.mark.parametrize("command", ["merge", "check"])
def test_a_forged_triggers_name_is_printed_escaped(tmp_path, ledger_path, ledger, name,
                                                   command):
    other = their_office(tmp_path / "field.sqlite3")
    forge_trigger(other, name)
    ledger.close()
    if command == "merge":
        done = run("merge", "--db", str(ledger_path), str(other))
    else:
        done = run("check", "--db", str(other))
    one_escaped_line(done, name)
    assert "is not ours" in done.stderr or "not a Truce Ledger database" in done.stderr


@pytest.mark.parametrize("name", HOSTILE.values(), ids=list(HOSTILE))
def test_a_file_name_is_printed_escaped(tmp_path, ledger_path, ledger, make_breach, name):
    """The export's line, a merge's summary and an error naming a missing file."""
    db.save_breach(ledger, make_breach())
    ledger.close()
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"{name}.xlsx"
    exported = run("export", "--db", str(ledger_path), "--out", str(target))
    assert exported.returncode == 0, exported.stderr
    assert raw_on_terminal(exported.stdout) == []
    assert escaped(f"{name}.xlsx") + ": public workbook, 1 breaches" in exported.stdout
    assert target.exists()

    other = their_office(folder / f"{name}.sqlite3")
    merged = run("merge", "--db", str(ledger_path), str(other))
    assert merged.returncode == 0, merged.stderr
    assert raw_on_terminal(merged.stdout) == []
    assert merged.stdout.startswith(escaped(f"{name}.sqlite3") + ": 1 added")

    missing = folder / f"gone {name}.sqlite3"
    for command in (("totals",), ("merge", str(missing))):
        database = missing if command == ("totals",) else ledger_path
        done = run(*command, "--db", str(database))
        one_escaped_line(done, f"gone {name}.sqlite3")


@pytest.mark.parametrize("name", HOSTILE.values(), ids=list(HOSTILE))
def test_an_imports_reasons_are_printed_escaped(tmp_path, ledger_path, ledger, lists, name):
    path = tmp_path / "rows.csv"
    cell = '"' + name.replace('"', '""') + '"'
    path.write_text("Date,Governorate,Type,Sources,Perpetrator\n"
                    f"2017-01-06,{cell},Shelling,Aleppo Media Center,New militia\n",
                    encoding="utf-8", newline="")
    ledger.close()
    done = run("import", "--db", str(ledger_path), str(path))
    assert done.returncode == 1
    assert raw_on_terminal(done.stderr) == []
    assert "row 2:" in done.stderr and "nothing was written" in done.stderr


# 2. Every invisible format character is shown escaped; Arabic, Persian and their joiners
#    as they are.

EVERY_FORMAT_CHARACTER = "".join(
    chr(code) for code in range(0x110000)
    if unicodedata.category(chr(code)) == "Cf" and chr(code) not in JOINERS)
ARABIC = ["قوات النظام", "می\u200cخواهم", "\u0644\u200d\u0627", "حزب الله"]


def _types_named(ledger, make_breach, names: list[str]) -> None:
    conn = sqlite3.connect(ledger.path)
    for number, name in enumerate(names):
        key = db.add_breach_type(ledger, f"type {number}")
        db.save_breach(ledger, make_breach(breach_type_id=key, place=f"place {number}"))
        with conn:
            conn.execute("UPDATE breach_type SET name = ? WHERE id = ?", (name, key))
    conn.close()


@pytest.mark.parametrize("output", ["table", "json", "csv on a terminal"])
def test_every_invisible_format_character_is_shown_and_arabic_is_kept(ledger, make_breach,
                                                                      output):
    names = ["\u200f=1+1", f"all{EVERY_FORMAT_CHARACTER}end"] + ARABIC
    _types_named(ledger, make_breach, names)
    ledger.close()
    args = ["totals", "--db", str(ledger.path), "--by", "type"]
    if output == "table":
        done = run(*args)
    elif output == "json":
        done = run(*args, "--format", "json")
    else:  # a pseudo-terminal, as a user who types the command sees it
        main, terminal = pty.openpty()
        process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args,
                                    "--format", "csv"], stdout=terminal,
                                   stderr=subprocess.PIPE, cwd=ROOT)
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(main)
        assert process.wait(timeout=300) == 0
        done = subprocess.CompletedProcess(args, 0, b"".join(chunks).decode("utf-8")
                                           .replace("\r\n", "\n"), "")
    assert done.returncode == 0, done.stderr
    assert raw_on_terminal(done.stdout) == []
    for name in ARABIC:
        assert name in done.stdout  # not a character of them escaped, joiners included
    if output == "json":
        assert {row["type"] for row in json.loads(done.stdout)} >= set(names)
    else:
        assert escaped("\u200f=1+1") in done.stdout
        assert escaped(f"all{EVERY_FORMAT_CHARACTER}end") in done.stdout


# 4. A count agrees with its noun.

@pytest.mark.parametrize("count, words", [(1, "1 control character removed"),
                                          (2, "2 control characters removed")])
def test_the_export_line_says_how_many_characters_were_removed_in_good_english(
        tmp_path, ledger, make_breach, count, words):
    saved = db.save_breach(ledger, make_breach())
    conn = sqlite3.connect(ledger.path)
    with conn:
        conn.execute("UPDATE breach SET description = ? WHERE id = ?",
                     ("Shelling" + "\x01" * count, saved.id))
    conn.close()
    ledger.close()
    done = run("export", "--db", str(ledger.path), "--out", str(tmp_path / "week.xlsx"))
    assert done.returncode == 0, done.stderr
    assert f"\n{words} (see the Summary)\n" in "\n" + done.stdout
