"""What `import` and `merge` print, and why a file is refused, in the user's language
(issue 10): the core gives counts and codes, gui/report_words.py and gui/messages.py the
words; the command line is run as a user runs it, in English and with Arabic chosen in
Settings (the settings file the window writes: this machine has no Arabic locale for
LANG=ar_SY.UTF-8)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.schema import LATEST_VERSION
from tests.conftest import ROOT

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def run(*args: str, arabic: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    # Settings → Language, as the window stores it (each test has a folder of its own).
    config = Path(env["XDG_CONFIG_HOME"]) / "TruceLedger" / "Truce Ledger.conf"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"[window]\nlanguage={'ar' if arabic else 'en'}\n", encoding="utf-8")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, env=env)


def without(text: str, *names: str) -> str:
    """`text` without the program's name, the file names and the user's data it quotes."""
    for name in ("truce-ledger", "error", *names):
        text = text.replace(name, "")
    return text


def one_row(path: Path, governorate: str = "Aleppo") -> Path:
    path.write_text("Date,Governorate,Type,Sources\n"
                    f"2017-01-04,{governorate},Shelling,Aleppo Media Center\n"
                    f"2017-01-05,{governorate},Shelling,Aleppo Media Center\n",
                    encoding="utf-8")
    return path


def their_office(path: Path) -> Path:
    with db.open_ledger(path, user="Field", office="Idlib") as field:
        db.save_breach(field, db.Breach(
            occurred_on="2017-01-04",
            governorate_id=db.find_by_name(field, "governorate", "Idlib"),
            breach_type_id=db.find_by_name(field, "breach_type", "Sniper fire"),
            place="Saraqib", killed=1,
            citations=[db.Citation(source_id=None, source_name="Idlib activist")]))
    return path


@pytest.fixture
def office(ledger) -> Path:
    ledger.close()
    return ledger.path


def test_an_import_says_its_rows_in_english_and_in_arabic(tmp_path, office):
    rows = one_row(tmp_path / "rows.csv")
    tried = run("import", "--db", str(office), str(rows), "--dry-run")
    assert tried.returncode == 0, tried.stderr
    said, agreed = tried.stdout.splitlines()
    assert said == ("rows.csv: 2 rows: 2 would be new, 0 would be updated, "
                    "0 unchanged, 0 refused (dry run: nothing written)")
    assert agreed.startswith(f"To import exactly this: truce-ledger import {rows} --db {office}"
                             " --agreed ")
    done = run("import", "--db", str(office), str(rows), arabic=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("rows.csv: صفّان: جديدة 2، ومحدَّثة 0، ودون تغيير 0، "
                           "ومرفوضة 0\n")


def test_a_refused_import_says_each_row_in_arabic(tmp_path, office):
    rows = one_row(tmp_path / "rows.csv", governorate="Atlantis")
    done = run("import", "--db", str(office), str(rows), arabic=True)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert [line.split(": ")[2] for line in lines[:2]] == ["الصف 2", "الصف 3"]
    assert lines[-1].endswith("لا يمكن استيراد 2 من صفّين؛ لم يُكتب شيء")
    assert not LATIN_WORD.search(without(done.stderr, "Atlantis"))


def test_a_file_without_the_needed_columns_names_them_in_arabic(tmp_path, office):
    path = tmp_path / "other.csv"
    path.write_text("Name,Phone\nx,1\n", encoding="utf-8")
    done = run("import", "--db", str(office), str(path), arabic=True)
    assert done.returncode == 1
    assert "«التاريخ»، «المحافظة»، «النوع»، «المصادر»" in done.stderr
    assert not LATIN_WORD.search(without(done.stderr, "other.csv"))


def test_a_merge_says_what_it_did_in_english_and_in_arabic(tmp_path, office):
    other = their_office(tmp_path / "field.sqlite3")
    done = run("merge", "--db", str(office), str(other))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("field.sqlite3: 1 added, 0 updated, 0 deleted, 0 left as they "
                           "were; 1 source added or updated, 2 history entries brought in\n")
    again = run("merge", "--db", str(office), str(other), arabic=True)
    assert again.returncode == 0, again.stderr
    assert again.stdout == ("field.sqlite3: الخروقات: أُضيف 0، وحُدِّث 0، وحُذف 0، وبقي 1 "
                            "على حاله؛ لم يُضَف أي مصدر ولم يُحدَّث، ولم يُجلب أي مُدخل "
                            "من سجل التعديلات\n")


@pytest.mark.parametrize("arabic, words", [
    (False, "field.sqlite3 is not a Truce Ledger database as this program makes them: its "
            "trigger spy is not ours; nothing was changed."),
    (True, "الملف field.sqlite3 ليس قاعدة بيانات سجل الهدنة كما ينشئها هذا البرنامج: فيه "
           "مشغّل اسمه spy ليس من صنع هذا البرنامج؛ لم يتغير شيء.")])
def test_a_forged_file_is_refused_with_its_reason_in_the_users_language(tmp_path, office,
                                                                        arabic, words):
    other = their_office(tmp_path / "field.sqlite3")
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("CREATE TRIGGER spy AFTER INSERT ON breach BEGIN"
                 " INSERT INTO meta VALUES ('x', 'y'); END")
    conn.close()
    done = run("merge", "--db", str(office), str(other), arabic=arabic)
    assert done.returncode == 1
    assert done.stderr == f"truce-ledger: error: {words}\n"


@pytest.mark.parametrize("arabic, words", [
    (False, f"its schema is number {LATEST_VERSION + 5}; this program reads up to number "
            f"{LATEST_VERSION}"),
    (True, f"رقم مخطّطه {LATEST_VERSION + 5}، وهذا البرنامج يقرأ المخطّطات حتى الرقم "
           f"{LATEST_VERSION}")])
def test_a_newer_file_says_its_schema_and_ours(office, arabic, words):
    conn = sqlite3.connect(office, isolation_level=None)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.close()
    done = run("check", "--db", str(office), arabic=arabic)
    assert done.returncode == 1
    assert words in done.stderr


def test_totals_gives_the_arabic_sentence_in_the_digits_asked(tmp_path):
    from db.press_ar import plain
    from tests.test_press_arabic import DEMO_AR, DEMO_AR_INDIC
    demo = tmp_path / "demo.sqlite3"
    assert run("demo", "--db", str(demo)).returncode == 0
    import json
    for digits, words in (("western", DEMO_AR), ("arabic", DEMO_AR_INDIC)):
        done = run("totals", "--db", str(demo), "--format", "json", "--sentence", "ar",
                   "--digits", digits)
        assert done.returncode == 0, done.stderr
        first = json.loads(done.stdout)[0]
        assert first["breaches"] == 251 and plain(first["sentence"]) == words
        assert "\u200f" in first["sentence"]  # the marks that keep its order when pasted
    english = json.loads(run("totals", "--db", str(demo), "--format", "json",
                             "--sentence").stdout)[0]["sentence"]
    assert english.startswith("In the first week since the ceasefire went into force")
