"""An import writes its new breaches in sets (their search forms and day sums added in a
few statements, db/bulk.py) and the breaches it updates the usual way: either way, what
it wrote is found by the filter however it is spelt and counted once in the weekly
totals, as if each breach had been saved from the editor (read back with sqlite3)."""
from __future__ import annotations


from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.day_sums import differences
from db.importer import import_file
from tests.test_import import soon
from tests.test_import_hostile import write_csv


def found(ledger, text: str) -> int:
    return db.count_breaches(ledger, db.BreachFilter(text=text)).breaches


def test_new_and_updated_breaches_are_found_and_counted_as_saved_ones(
        tmp_path, ledger_path, ledger, make_breach):
    db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
    saved = db.save_breach(ledger, make_breach(description="first report", killed=2))
    cache = ledger.conn.execute("PRAGMA cache_size").fetchone()
    path = write_csv(tmp_path / "rows.csv", [
        [saved.id, "2017-01-02", "Aleppo", "Shelling", "Aleppo Media Center", "Khan Tuman",
         5, "قصف قرب مدرسة الأمل", soon()],
        ["", "2017-01-03", "Idlib", "Air strike", "Aleppo Media Center", "إعزاز", 3,
         "new one", ""],
        ["", "2017-01-10", "Aleppo", "Shelling", "Aleppo Media Center", "مارع", 4,
         "another", ""]])
    report = import_file(ledger, path)
    assert (report.new, report.updated) == (2, 1)
    # Found by the filter, spelt another way: the updated breach by its new words, the
    # new ones by their places; the old words no longer find the updated one.
    assert (found(ledger, "مدرسه"), found(ledger, "اعزاز"), found(ledger, "مارع")) == (1, 1, 1)
    assert found(ledger, "first report") == 0
    with sqlite3.connect(ledger_path) as other:
        assert differences(other) == []  # the kept sums are a recount of the breaches
        assert other.execute("SELECT sum(killed) FROM day_sum WHERE grouping = 0").fetchone() \
            == (12,)
        assert other.execute("SELECT count(*) FROM breach_key").fetchone() == (3,)
    # The cache searches read from is as it was before the import.
    assert ledger.conn.execute("PRAGMA cache_size").fetchone() == cache
