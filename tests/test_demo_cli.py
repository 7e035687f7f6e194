"""The demo database and the command line: `demo`, `check`, the default file, exit codes."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.backup import KEEP_BACKUPS, list_backups
from db.demo import create_demo
from tests.conftest import ROOT


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, **(env or {})}, timeout=300)


def test_the_demo_week_is_the_press_release(tmp_path):
    path = tmp_path / "demo.sqlite3"
    result = run("demo", "--db", str(path), "--size", "500")
    assert result.returncode == 0, result.stderr
    raw = sqlite3.connect(path)
    truce = raw.execute("SELECT id, name, start_date FROM truce").fetchall()
    assert [(t[1], t[2]) for t in truce] == [("Nationwide ceasefire", "2016-12-29")]
    week = raw.execute(
        "SELECT count(*), sum(killed), sum(women), sum(children), min(occurred_on),"
        " max(occurred_on), count(DISTINCT truce_id) FROM breach WHERE deleted_at IS NULL"
        " AND status != 'discounted' AND occurred_on BETWEEN '2016-12-29' AND '2017-01-04'"
    ).fetchone()
    assert week == (251, 153, 13, 23, "2016-12-29", "2017-01-04", 1)
    # Mostly in southern rural Aleppo and Wadi Barada, by the actors the release names.
    places = raw.execute(
        "SELECT g.name, count(*) FROM breach b JOIN gazetteer g ON g.id = b.governorate_id"
        " WHERE occurred_on <= '2017-01-04' GROUP BY g.name ORDER BY 2 DESC").fetchall()
    assert [p[0] for p in places[:2]] == ["Rural Damascus", "Aleppo"]
    assert places[0][1] + places[1][1] > 251 / 2
    assert raw.execute("SELECT count(*) FROM breach WHERE place = 'Ain al-Fijah'"
                       " AND occurred_on <= '2017-01-04'").fetchone()[0] > 0
    actors = {r[0] for r in raw.execute(
        "SELECT DISTINCT a.name FROM breach b JOIN actor a ON a.id = b.actor_id")}
    assert {"Assad regime forces", "Iranian-backed militias"} <= actors
    kinds = {r[0] for r in raw.execute(
        "SELECT DISTINCT s.kind FROM citation c JOIN source s ON s.id = c.source_id")}
    assert kinds >= {"news network", "activist"}
    assert raw.execute("SELECT count(*) FROM breach b WHERE NOT EXISTS (SELECT 1 FROM citation c"
                       " WHERE c.breach_id = b.id)").fetchone()[0] == 0
    # The synthetic breaches come after week one, never in the future.
    later = raw.execute("SELECT count(*), min(occurred_on), max(occurred_on) <= date('now')"
                        " FROM breach WHERE occurred_on > '2017-01-04'").fetchone()
    assert later[0] == 500 and later[1] >= "2017-01-05" and later[2] == 1
    assert "251" not in result.stderr and "751 breaches" in result.stdout


def test_the_demo_is_the_same_every_run(tmp_path):
    dumps = []
    for name in ("one", "two"):
        path = tmp_path / f"{name}.sqlite3"
        create_demo(path, size=300)
        raw = sqlite3.connect(path)
        dumps.append([raw.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                      for t in ("breach", "citation", "victim")]
                     + [raw.execute("SELECT id, name, contact FROM source ORDER BY id").fetchall()])
        raw.close()
    assert dumps[0] == dumps[1]


def test_the_demo_never_goes_into_an_existing_file(tmp_path, ledger_path, make_breach, ledger):
    db.save_breach(ledger, make_breach())
    before = ledger_path.read_bytes()
    result = run("demo", "--db", str(ledger_path))
    assert result.returncode == 1
    assert "needs a file of its own" in result.stderr
    assert ledger_path.read_bytes() == before


def test_the_demo_exported_is_not_imported_into_real_breaches(tmp_path, ledger_path,
                                                              make_breach, ledger):
    db.save_breach(ledger, make_breach())
    ledger.close()
    demo, workbook = tmp_path / "demo.sqlite3", tmp_path / "demo.xlsx"
    assert run("demo", "--db", str(demo)).returncode == 0
    assert run("export", "--db", str(demo), "--out", str(workbook),
               "--breach-ids").returncode == 0
    before = ledger_path.read_bytes()
    for dry_run in (("--dry-run",), ()):
        result = run("import", "--db", str(ledger_path), str(workbook), *dry_run)
        assert result.returncode == 1 and "would be new" not in result.stdout
        assert result.stderr.strip().splitlines() == [
            "truce-ledger: error: demo.xlsx is an export of the demo database: the demo is "
            "never mixed with real breaches."]
        assert ledger_path.read_bytes() == before
    again = run("import", "--db", str(demo), str(workbook), "--dry-run")  # the demo's own
    assert again.returncode == 0 and "251 unchanged" in again.stdout


def test_check_reports_counts_and_keeps_ten_backups(tmp_path):
    path = tmp_path / "office.sqlite3"
    create_demo(path, size=49)
    for _ in range(KEEP_BACKUPS + 2):
        result = run("check", "--db", str(path))
        assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "breaches: 300"
    assert lines[-1] == "ok"
    victims = sqlite3.connect(path).execute("SELECT count(*) FROM victim").fetchone()[0]
    assert f"victims: {victims}" in lines and "sources: 7" in lines
    backups = list_backups(path)
    assert len(backups) == KEEP_BACKUPS
    copy = sqlite3.connect(backups[-1])
    assert copy.execute("SELECT count(*) FROM breach").fetchone()[0] == 300
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert str(backups[-1]) in result.stdout


def test_without_db_the_users_data_folder_is_used(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "APPDATA": str(tmp_path / "data"),
           "HOME": str(tmp_path)}
    missing = run("check", env=env)
    assert missing.returncode == 1 and "There is no file" in missing.stderr
    made = run("demo", env=env)
    assert made.returncode == 0, made.stderr
    demo_file = Path(made.stdout.split(":")[0])
    assert demo_file.exists() and tmp_path in demo_file.parents
    assert demo_file.name != "ledger.sqlite3"  # the demo keeps to a file of its own


@pytest.mark.parametrize("args, status", [
    (("frobnicate",), 2),
    (("demo", "--size", "many"), 2),
    (("demo", "--size", "-3"), 1),
])
def test_exit_status_says_what_went_wrong(tmp_path, args, status):
    result = run(*args, "--db", str(tmp_path / "x.sqlite3"))
    assert result.returncode == status
    assert result.stderr.strip()
    if status == 1:
        assert len(result.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "x.sqlite3").exists()
