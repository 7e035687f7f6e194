"""File → Import and File → Merge office database, through the window."""
from __future__ import annotations

import db
from db.demo import create_demo


def test_import_shows_what_it_will_do_then_does_it(qtbot, window, lists, ledger, tmp_path,
                                                   dialogs):
    path = tmp_path / "office.csv"
    path.write_text("Date,Governorate,Type,Sources,Place,Killed\n"
                    "2017-01-02,Aleppo,Shelling,Aleppo Media Center,Khan Tuman,2\n"
                    "2017-01-03,Idlib,Air strike,New network,Saraqib,1\n", encoding="utf-8")
    dialogs.paths = [path]
    dialogs.yes = False  # first, say no
    window.import_breaches()
    assert "2 new breaches" in dialogs.asked[-1][1]
    assert db.count_breaches(ledger).breaches == 0
    dialogs.paths, dialogs.yes = [path], True
    window.import_breaches()
    assert db.count_breaches(ledger).breaches == 2
    qtbot.waitUntil(lambda: window.breaches.model.count.breaches == 2)  # counted aside
    assert dialogs.asked[-1][0] == "info" and "2 new breaches" in dialogs.asked[-1][1]


def test_a_refused_import_lists_its_rows(qtbot, window, lists, ledger, tmp_path, dialogs):
    path = tmp_path / "bad.csv"
    path.write_text("Date,Governorate,Type,Sources\n2017-01-02,Aleppo,Shelling,x\n"
                    "2017-13-40,Aleppo,Shelling,x\n", encoding="utf-8")
    dialogs.paths = [path]
    window.import_breaches()
    kind, text = dialogs.asked[-1]
    assert kind == "error" and "Row 3:" in text and "2017-13-40" in text
    assert db.count_breaches(ledger).breaches == 0


def test_merge_through_the_window(qtbot, window, ledger, tmp_path, dialogs):
    other = tmp_path / "field.sqlite3"
    create_demo(other)
    dialogs.paths = [other]
    window.merge_office()
    assert "251 breaches added" in dialogs.asked[-1][1]
    qtbot.waitUntil(lambda: window.breaches.model.count.breaches == 251)
    dialogs.paths = [tmp_path / "field.sqlite3"]
    window.merge_office()
    assert "0 breaches added" in dialogs.asked[-1][1]


def test_an_encrypted_office_file_is_merged_with_its_passphrase(qtbot, window, ledger,
                                                                 tmp_path, dialogs):
    other = tmp_path / "field.sqlite3"
    create_demo(other, passphrase="their office's words")
    db.cipher.forget(other)
    dialogs.paths = [other]
    dialogs.passphrases = ["our office's words", "their office's words"]
    window.merge_office()
    asked = [text for kind, text in dialogs.asked if kind == "passphrase"]
    assert len(asked) == 2 and "does not open field.sqlite3" in asked[1]
    assert "251 breaches added" in dialogs.asked[-1][1]
    dialogs.paths = [other]  # cancelled when asked: nothing merged, nothing said
    window.merge_office()
    assert dialogs.asked[-1][0] == "passphrase"


def test_the_demo_export_is_refused_in_words_before_anything_is_asked(
        qtbot, window, ledger, make_breach, tmp_path, dialogs):
    from db.workbook import ExportOptions, export_workbook
    db.save_breach(ledger, make_breach())
    create_demo(tmp_path / "demo.sqlite3")
    with db.open_ledger(tmp_path / "demo.sqlite3") as demo:
        export_workbook(demo, tmp_path / "demo.xlsx", ExportOptions())
    dialogs.paths = [tmp_path / "demo.xlsx"]
    window.import_breaches()
    assert [kind for kind, _ in dialogs.asked] == ["path", "error"]  # no "Import them?"
    assert dialogs.asked[-1][1] == ("Not imported: demo.xlsx is an export of the demo "
                                    "database: the demo is never mixed with real breaches.")
    assert db.count_breaches(ledger).breaches == 1


def test_a_column_not_read_is_named_before_and_after_the_import(qtbot, window, lists, ledger,
                                                                tmp_path, dialogs):
    path = tmp_path / "office.csv"
    path.write_text("Date,Governorate,Type,Sources,Killed,Notes2\n"
                    "2017-01-02,Aleppo,Shelling,Aleppo Media Center,2,seen by Rami\n",
                    encoding="utf-8")
    dialogs.paths, dialogs.yes = [path], False
    window.import_action.trigger()  # File → Import breaches…
    asked = dialogs.asked[-1][1]
    assert '"Notes2"' in asked and "not read" in asked and "1 new breaches" in asked
    assert db.count_breaches(ledger).breaches == 0
    dialogs.paths, dialogs.yes = [path], True
    window.import_action.trigger()
    kind, said = dialogs.asked[-1]
    assert kind == "info" and '"Notes2"' in said and "1 new breaches" in said
    assert db.count_breaches(ledger).breaches == 1


def test_every_column_read_nothing_more_is_said(qtbot, window, lists, ledger, tmp_path,
                                                dialogs):
    path = tmp_path / "office.csv"
    path.write_text("التاريخ,المحافظة,النوع,المصادر,القتلى,النساء,الأطفال\n"
                    "2017-01-02,حلب,قصف مدفعي,مركز حلب الإعلامي,12,3,4\n", encoding="utf-8")
    dialogs.paths, dialogs.yes = [path], True
    window.import_action.trigger()
    assert not any("not read" in text for _kind, text in dialogs.asked)
    assert db.count_breaches(ledger).killed == 12


def test_a_file_changed_while_the_import_is_asked_is_read_and_asked_again(
        qtbot, window, lists, ledger, tmp_path, dialogs, monkeypatch):
    from gui import dialogs as module
    path = tmp_path / "office.csv"
    header = "Date,Governorate,Type,Sources,Place,Killed\n"
    path.write_text(header + "2017-01-02,Aleppo,Shelling,Aleppo Media Center,Khan Tuman,2\n",
                    encoding="utf-8")
    asked = []

    def ask(parent, title, text, default_yes=True):
        asked.append(text)
        if len(asked) == 1:  # the office adds a row to the file while the question is open
            path.write_text(header + "2017-01-02,Aleppo,Shelling,Aleppo Media Center,Khan"
                            " Tuman,2\n2017-01-03,Idlib,Air strike,New network,Saraqib,1\n",
                            encoding="utf-8")
        return True

    monkeypatch.setattr(module, "ask_yes_no", ask)
    dialogs.paths = [path]
    window.import_action.trigger()
    assert "1 new breaches" in asked[0]
    assert "office.csv changed after it was read, so nothing was imported" in asked[1]
    assert "2 new breaches" in asked[1]
    assert db.count_breaches(ledger).breaches == 2  # the file as it was when agreed to
    assert dialogs.asked[-1][0] == "info" and "2 new breaches" in dialogs.asked[-1][1]
