"""Encrypted ledgers (issue 12): a seized folder gives away no record, a wrong passphrase
changes nothing, and every command works on an encrypted ledger."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import db
from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
from tests.conftest import ROOT

PASSPHRASE = "olive grove at dawn"
# What must never be readable in the folder of an encrypted ledger.
SECRETS = ("Umm Khaled +963 944 555 0199", "Fatima al-Hamwi", "Khan Tuman Bakery",
           "Barrel bomb hit the bakery queue", "فاطمة الحموي")


def run(*args: str, env: dict | None = None, stdin: str | None = None
        ) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items()
                   if key != "TRUCE_LEDGER_PASSPHRASE"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, env={**environment, **(env or {})},
                          input=stdin, timeout=300)


def _forms(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def _readable_anywhere(folder: Path) -> list[str]:
    """Every (file, secret) where a secret is found, in any of its forms."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            found += [f"{path.name}: {secret}" for secret in SECRETS
                      if any(form in content for form in _forms(secret))]
    return found


WRITER = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, sys.argv[1])
    from pathlib import Path
    import db
    from db.backup import check_and_back_up
    path = Path(sys.argv[2])
    ledger = db.open_ledger(path, user="Rima", passphrase=sys.argv[3])
    source = db.save_source(ledger, db.Source(name="Halab Today", contact=sys.argv[4]))
    aleppo = db.find_by_name(ledger, "governorate", "Aleppo")
    kind = db.find_by_name(ledger, "breach_type", "Barrel bomb")
    db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29"))
    db.save_breach(ledger, db.Breach(
        occurred_on="2017-01-02", governorate_id=aleppo, breach_type_id=kind,
        place=sys.argv[6], description=sys.argv[7], killed=3,
        citations=[db.Citation(source_id=source.id, reported_on="2017-01-02")],
        victims=[db.Victim(name=sys.argv[5], confidential=True),
                 db.Victim(name=sys.argv[8], confidential=True)]))
    check_and_back_up(ledger.conn, path)
    # The breach being typed, kept as a draft beside the file, as the editor keeps it.
    from gui.drafts import write_draft
    write_draft(path, f"{os.getpid()}-typing", db.Breach(
        occurred_on="2017-01-04", governorate_id=aleppo, place=sys.argv[6],
        description=sys.argv[7], victims=[db.Victim(name=sys.argv[8], confidential=True)]),
        None, None)
    # Saved again after the backup: these pages are in the write-ahead log when killed.
    db.save_breach(ledger, db.Breach(
        occurred_on="2017-01-03", governorate_id=aleppo, breach_type_id=kind,
        place=sys.argv[6], description=sys.argv[7], killed=1,
        citations=[db.Citation(source_id=source.id, reported_on="2017-01-03")]))
    print("saved", flush=True)
    time.sleep(60)
""")


def test_a_killed_writer_leaves_nothing_readable_in_the_folder(tmp_path):
    path = tmp_path / "office.sqlite3"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(ROOT), str(path), PASSPHRASE,
                               *SECRETS], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "saved"
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait()
    assert Path(f"{path}-wal").stat().st_size > 0  # killed with saves in its log
    assert list((tmp_path / "backups").iterdir())
    assert len(list(tmp_path.glob("office.sqlite3.draft-*.db"))) == 1
    assert _readable_anywhere(tmp_path) == []
    # Python's own sqlite3, another program, reads nothing of it either.
    check = subprocess.run([sys.executable, "-c", "import sqlite3, sys; sqlite3.connect("
                            "sys.argv[1]).execute('SELECT * FROM sqlite_master').fetchall()",
                            str(path)], capture_output=True, text=True)
    assert check.returncode != 0 and "file is not a database" in check.stderr
    # With its passphrase, every record is there.
    with db.open_ledger(path, passphrase=PASSPHRASE) as ledger:
        assert ledger.encrypted
        assert ledger.conn.execute("SELECT count(*) FROM breach").fetchone()[0] == 2
        assert ledger.conn.execute("SELECT contact FROM source").fetchone()[0] == SECRETS[0]
        # The draft of the killed copy is offered back whole (the next start's reading).
        from gui.drafts import orphan_drafts, read_draft
        breach, _editing, _version = read_draft(orphan_drafts(path)[0])
        assert (breach.place, breach.victims[0].name) == (SECRETS[2], SECRETS[4])


def test_a_plain_ledger_is_readable_so_a_test_of_this_kind_can_fail(tmp_path):
    path = tmp_path / "office.sqlite3"
    with db.open_ledger(path) as ledger:
        assert not ledger.encrypted
        db.save_source(ledger, db.Source(name="Halab Today", contact=SECRETS[0]))
    assert _readable_anywhere(tmp_path) == [f"office.sqlite3: {SECRETS[0]}"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_wrong_or_missing_passphrase_changes_nothing(tmp_path):
    path = tmp_path / "office.sqlite3"
    db.open_ledger(path, passphrase=PASSPHRASE).close()
    db.cipher.forget(path)  # as a new run of the program, which has not seen it
    before, listing = _digest(path), sorted(os.listdir(tmp_path))
    with pytest.raises(db.LedgerError) as missing:
        db.open_ledger(path)
    assert missing.value.code == "passphrase_needed"
    with pytest.raises(db.LedgerError) as wrong:
        db.open_ledger(path, passphrase="olive grove at dusk")
    assert wrong.value.code == "passphrase_wrong"
    wrong_file = tmp_path / "wrong.txt"
    wrong_file.write_text("olive grove at dusk\n", "utf-8")
    done = run("totals", "--db", str(path), "--passphrase-file", str(wrong_file))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "does not open office.sqlite3" in done.stderr
    done = run("check", "--db", str(path), stdin="")  # no terminal to ask
    assert done.returncode == 1 and "--passphrase-file" in done.stderr
    assert _digest(path) == before
    assert sorted(os.listdir(tmp_path)) == listing + ["wrong.txt"]
    # A file of random bytes is refused as before: it may be encrypted, and nothing opens it.
    noise = tmp_path / "noise.sqlite3"
    noise.write_bytes(os.urandom(8192))
    with pytest.raises(db.LedgerError) as refused:
        db.open_ledger(noise, passphrase=PASSPHRASE)
    assert refused.value.code == "passphrase_wrong"
    short = tmp_path / "short.sqlite3"
    short.write_bytes(b"not a database")
    with pytest.raises(db.LedgerError) as refused:
        db.open_ledger(short, passphrase=PASSPHRASE)
    assert refused.value.code == "not_sqlite"


def test_every_command_works_on_an_encrypted_ledger(tmp_path):
    secret = tmp_path / "passphrase.txt"
    secret.write_text(f"{PASSPHRASE}\n", "utf-8")
    demo, plain = tmp_path / "demo.sqlite3", tmp_path / "plain.sqlite3"
    given = ("--passphrase-file", str(secret))
    done = run("demo", "--db", str(demo), *given)
    assert done.returncode == 0 and "encrypted" in done.stdout
    done = run("totals", "--db", str(demo), *given)
    assert done.returncode == 0 and "251" in done.stdout
    done = run("totals", "--db", str(demo), env={"TRUCE_LEDGER_PASSPHRASE": PASSPHRASE})
    assert done.returncode == 0 and "251" in done.stdout
    assert run("check", "--db", str(demo), *given).returncode == 0
    backups = list((tmp_path / "backups").iterdir())
    assert backups and all(not b.read_bytes().startswith(b"SQLite format 3") for b in backups)
    workbook = tmp_path / "week.xlsx"
    assert run("export", "--db", str(demo), *given, "--out", str(workbook)).returncode == 0
    # A new plain ledger, then the encrypted demo merged into it with its passphrase.
    done = run("new", "--db", str(plain), stdin="")
    assert done.returncode == 1 and "--no-encryption" in done.stderr and not plain.exists()
    done = run("new", "--db", str(plain), "--no-encryption")
    assert done.returncode == 0 and "not encrypted" in done.stdout
    done = run("merge", str(demo), "--db", str(plain), stdin="")
    assert done.returncode == 1 and "--other-passphrase-file" in done.stderr
    done = run("merge", str(demo), "--db", str(plain), "--other-passphrase-file", str(secret))
    assert done.returncode == 0 and "251 added" in done.stdout, done.stderr
    done = run("totals", "--db", str(plain))
    assert done.returncode == 0 and "251" in done.stdout
    # An import into a file that does not exist makes it, and says whether it is encrypted.
    rows = tmp_path / "rows.csv"
    rows.write_text("Date,Governorate,Type,Sources\n2017-01-02,Aleppo,Shelling,Halab Today\n",
                    "utf-8")
    made = tmp_path / "made.sqlite3"
    done = run("import", str(rows), "--db", str(made), *given)
    assert done.returncode == 0 and "a new database was made, encrypted" in done.stderr
    assert not made.read_bytes().startswith(b"SQLite format 3")
    other = tmp_path / "other.sqlite3"
    done = run("import", str(rows), "--db", str(other), stdin="")
    assert done.returncode == 0 and "a new database was made, not encrypted" in done.stderr
    assert other.read_bytes().startswith(b"SQLite format 3")


def test_a_merge_between_two_encrypted_offices(tmp_path):
    ours, theirs = tmp_path / "ours.sqlite3", tmp_path / "theirs.sqlite3"
    with db.open_ledger(ours, user="Rima", passphrase=PASSPHRASE) as ledger:
        db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29", id="t1"))
    with db.open_ledger(theirs, user="Omar", passphrase="another office's words") as ledger:
        db.add_truce(ledger, db.Truce("Nationwide ceasefire", "2016-12-29", id="t1"))
        source = db.save_source(ledger, db.Source(name="Halab Today"))
        db.save_breach(ledger, db.Breach(
            occurred_on="2017-01-02", place="Khan Tuman", killed=1,
            governorate_id=db.find_by_name(ledger, "governorate", "Aleppo"),
            breach_type_id=db.find_by_name(ledger, "breach_type", "Shelling"),
            citations=[db.Citation(source_id=source.id, reported_on="2017-01-02")]))
    from db.merge import merge_file
    with db.open_ledger(ours, user="Rima", passphrase=PASSPHRASE) as ledger:
        with pytest.raises(db.LedgerError) as needed:
            merge_file(ledger, theirs)
        assert needed.value.code == "passphrase_needed"
        report = merge_file(ledger, theirs, other_passphrase="another office's words")
        assert report.added == 1
        assert ledger.conn.execute("SELECT place FROM breach").fetchall() == [("Khan Tuman",)]
    assert not ours.read_bytes().startswith(b"SQLite format 3")
    with sqlite3.connect(theirs) as raw:  # no key: unreadable
        with pytest.raises(sqlite3.DatabaseError):
            raw.execute("SELECT * FROM sqlite_master").fetchall()


def test_a_full_workbook_with_a_password_opens_with_it_and_not_without(tmp_path):
    import io

    import msoffcrypto
    import openpyxl
    demo, workbook = tmp_path / "demo.sqlite3", tmp_path / "full.xlsx"
    password = tmp_path / "password.txt"
    password.write_text("cedar hill at noon\n", "utf-8")
    assert run("demo", "--db", str(demo)).returncode == 0
    done = run("export", "--db", str(demo), "--full", "--password-file", str(password),
               "--out", str(workbook))
    assert done.returncode == 0 and "protected with a password" in done.stdout
    content = workbook.read_bytes()
    assert content.startswith(b"\xd0\xcf\x11\xe0")  # Excel's encrypted container
    assert not any(form in content for form in _forms("Aleppo Media Center"))
    with open(workbook, "rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        with pytest.raises(Exception, match="could not be decrypted"):
            office.load_key(password="olive grove at dusk")
            office.decrypt(io.BytesIO())
    with open(workbook, "rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password="cedar hill at noon")
        plain = io.BytesIO()
        office.decrypt(plain)
    book = openpyxl.load_workbook(plain)
    sources = book["Sources"]
    assert "Aleppo Media Center" in [cell.value for cell in sources["A"]]
    # A public workbook is meant to be shared: no password.
    done = run("export", "--db", str(demo), "--password-file", str(password), "--out",
               str(tmp_path / "public.xlsx"))
    assert done.returncode == 1 and "only a full workbook" in done.stderr
    assert not (tmp_path / "public.xlsx").exists()


def test_a_passphrase_file_s_invisible_marks_are_not_part_of_it(tmp_path):
    """Notepad writes a mark of the byte order before the first line: the passphrase
    typed later, or given in the environment, must open the file all the same."""
    path, secret = tmp_path / "office.sqlite3", tmp_path / "passphrase.txt"
    secret.write_bytes(b"\xef\xbb\xbf" + PASSPHRASE.encode("utf-8") + b"\r\n")
    assert run("new", "--db", str(path), "--passphrase-file", str(secret)).returncode == 0
    done = run("totals", "--db", str(path), env={"TRUCE_LEDGER_PASSPHRASE": PASSPHRASE})
    assert done.returncode == 0, done.stderr
    spaced = tmp_path / "spaced.txt"
    spaced.write_text(f"  {PASSPHRASE}  \n", "utf-8")
    done = run("new", "--db", str(tmp_path / "other.sqlite3"), "--passphrase-file",
               str(spaced))
    assert done.returncode == 1 and "begins or ends with a space" in done.stderr
    short = tmp_path / "short.txt"
    short.write_text("abc\n", "utf-8")
    for args in (("new", "--db", str(tmp_path / "third.sqlite3")),
                 ("rekey", "--db", str(path), "--passphrase-file", str(secret),
                  "--new-passphrase-file")):
        done = run(*args, str(short)) if args[0] == "rekey" else run(
            *args, "--passphrase-file", str(short))
        assert done.returncode == 1 and "at least 10 characters" in done.stderr
    assert not (tmp_path / "other.sqlite3").exists()
    assert not (tmp_path / "third.sqlite3").exists()
    done = run("encrypt", "--db", str(path), "--passphrase-file", str(secret))
    assert done.returncode == 1 and "already encrypted" in done.stderr


def test_an_import_that_writes_nothing_leaves_no_new_file(tmp_path):
    workbook = tmp_path / "rows.csv"
    workbook.write_text("Date,Governorate,Type,Sources\n2017-13-40,Aleppo,Shelling,X\n",
                        "utf-8")
    path = tmp_path / "new.sqlite3"
    done = run("import", str(workbook), "--db", str(path), "--dry-run")
    assert done.returncode == 1 and not path.exists()
    done = run("import", str(workbook), "--db", str(path), stdin="")
    assert done.returncode == 1 and "a new database was made" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.csv"]


def test_an_export_running_from_an_encrypted_ledger_writes_no_plain_scratch_file(tmp_path):
    """openpyxl writes each sheet's XML into a scratch file until the workbook is whole:
    for an encrypted ledger nothing of a record may be readable on the disk meanwhile, in
    the export's folder or the system's temporary folder, even when the export is killed
    before it removes them."""
    import tempfile
    import time

    from db.workbook import ExportOptions, export_workbook
    path = tmp_path / "office.sqlite3"
    from db.demo import create_demo
    create_demo(path, size=3000, passphrase=PASSPHRASE)
    with db.open_ledger(path, user="Rima", passphrase=PASSPHRASE) as ledger:
        source = db.save_source(ledger, db.Source(name="Halab Today", contact=SECRETS[0]))
        aleppo = db.find_by_name(ledger, "governorate", "Aleppo")
        kind = db.find_by_name(ledger, "breach_type", "Barrel bomb")
        # The first breach of the Breaches sheet: its row is on the disk long before the
        # sheet ends, in a scratch file.
        db.save_breach(ledger, db.Breach(
            occurred_on="2016-12-30", governorate_id=aleppo, breach_type_id=kind,
            place=SECRETS[2], description=SECRETS[3], killed=2,
            citations=[db.Citation(source_id=source.id, reported_on="2016-12-30")],
            victims=[db.Victim(name=SECRETS[1], confidential=True)]))
        system_temp = Path(tempfile.gettempdir())
        started = time.time() - 1
        seen: list[str] = []

        def look(done: int, total: int) -> bool:
            seen.extend(_readable_anywhere(tmp_path))
            for other in system_temp.iterdir():  # what openpyxl would make there
                if other.is_file() and other.stat().st_mtime >= started:
                    content = other.read_bytes()
                    seen.extend(f"{other}: {secret}" for secret in SECRETS
                                if any(form in content for form in _forms(secret)))
            return True

        report = export_workbook(ledger, tmp_path / "full.xlsx",
                                 ExportOptions(full=True, password="cedar hill at noon"),
                                 progress=look)
    assert report.breaches > 1000  # rows enough to be written out while it runs
    assert seen == []
    assert _readable_anywhere(tmp_path) == []


def test_a_new_ledger_keeps_its_office_s_name(tmp_path):
    """`new --office NAME` keeps the office's name in the (encrypted) file: a breach
    imported later is that office's, and the workbook's Summary names it."""
    import openpyxl
    secret = tmp_path / "passphrase.txt"
    secret.write_text(f"{PASSPHRASE}\n", "utf-8")
    path, given = tmp_path / "idlib.sqlite3", ("--passphrase-file", str(secret))
    done = run("new", "--db", str(path), "--office", "  Idlib field office ", *given)
    assert done.returncode == 0 and "new database, encrypted" in done.stdout
    rows = tmp_path / "rows.csv"
    rows.write_text("Date,Governorate,Type,Sources\n2017-01-02,Idlib,Shelling,Halab Today\n",
                    "utf-8")
    assert run("import", str(rows), "--db", str(path), *given).returncode == 0
    with db.open_ledger(path, passphrase=PASSPHRASE) as ledger:
        assert ledger.office == "Idlib field office"
        assert ledger.conn.execute("SELECT office FROM breach").fetchall() == [
            ("Idlib field office",)]
    workbook = tmp_path / "week.xlsx"
    assert run("export", "--db", str(path), *given, "--out", str(workbook)).returncode == 0
    summary = openpyxl.load_workbook(workbook)["Summary"]
    assert ["Office", "Idlib field office"] in [[c.value for c in row[:2]]
                                                for row in summary.iter_rows()]
    # An office's name given when exporting is the one written.
    done = run("export", "--db", str(path), *given, "--out", str(workbook), "--force",
               "--office", "Media office, Gaziantep")
    assert done.returncode == 0, done.stderr
    summary = openpyxl.load_workbook(workbook)["Summary"]
    assert ["Office", "Media office, Gaziantep"] in [[c.value for c in row[:2]]
                                                     for row in summary.iter_rows()]
