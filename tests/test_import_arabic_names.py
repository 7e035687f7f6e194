"""A perpetrator an import makes from a name written in Arabic only gets that name as its
Arabic name too, as the editor makes one (issue 10): an Arabic export of the demo imported
into a new ledger, read back with sqlite3."""
from __future__ import annotations


from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.demo import ACTORS, create_demo
from db.importer import import_file
from db.totals import scheme_for
from db.workbook import ExportOptions, export_workbook


def test_the_actors_of_an_arabic_workbook_keep_their_arabic_names(tmp_path):
    demo = tmp_path / "demo.sqlite3"
    create_demo(demo)
    with db.open_ledger(demo) as ledger:
        export_workbook(ledger, tmp_path / "ar.xlsx", ExportOptions(
            scheme=scheme_for(ledger), language="ar"))
    fresh = tmp_path / "office.sqlite3"
    with db.open_ledger(fresh, user="Sami", office="Idlib office") as ledger:
        db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
        assert import_file(ledger, tmp_path / "ar.xlsx").new == 251
    conn = sqlite3.connect(fresh)
    try:
        made = dict(conn.execute("SELECT name, name_ar FROM actor WHERE name != 'Unknown'"))
    finally:
        conn.close()
    assert made == {arabic: arabic for _english, arabic, _weight in ACTORS}


def test_an_actor_named_in_english_gets_no_arabic_name(tmp_path, ledger, lists):
    path = tmp_path / "rows.csv"
    path.write_text("Date,Governorate,Type,Sources,Perpetrator\n"
                    "2017-01-06,Aleppo,Shelling,Aleppo Media Center,Local militia\n",
                    encoding="utf-8")
    import_file(ledger, path)
    conn = sqlite3.connect(ledger.path)
    try:
        assert conn.execute("SELECT name_ar FROM actor WHERE name = 'Local militia'"
                            ).fetchall() == [("",)]
    finally:
        conn.close()
