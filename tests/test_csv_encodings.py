"""CSV files in the encodings an office's spreadsheet writes import to the same breaches
(issue 10): UTF-8 with and without Excel's byte-order mark, UTF-16 little and big endian
with their mark (Excel's "Unicode text", separated by tabs), and Windows-1256 (Arabic
Excel's "CSV"); Arabic-Indic and Persian digits and the Arabic separators in the cells. A
file in none of them is refused with the encodings tried, and nothing changes."""
from __future__ import annotations

import codecs
import csv
import io
import os
import shutil
import subprocess
import sys

import pytest

from db.cipher import sqlite3  # the program's own SQLite: see conftest.py
import db
from db.importer import import_file

from conftest import ROOT, table_counts

ENGLISH = ["ID", "Date", "Time", "Governorate", "Place", "Latitude", "Longitude", "Type",
           "Sources", "Killed", "Killed (up to)", "Injured", "Description"]
# The same columns as an Arabic office names them (the Arabic export's headers).
ARABIC = ["المعرف", "التاريخ", "الوقت", "المحافظة", "المكان", "خط العرض", "خط الطول",
          "نوع الخرق", "المصادر", "القتلى", "القتلى (الحد الأعلى)", "الجرحى", "الوصف"]
ROWS = [
    ["1", "٤/١/٢٠١٧", "١٤:٣٠", "حلب", "خان طومان", "٣٦٫٢", "٣٧٫١٣٤٣", "Shelling",
     "مركز حلب الإعلامي", "١٥", "٢٠", "١٬٢٠٠", "قصف مدفعي على القرية، وسقط قتلى"],
    ["2", "٥٫١٫٢٠١٧", "", "ريف دمشق", "وادي بردى", "", "", "Air strike",
     "Aleppo Media Center", "۷", "", "٣", "غارة جوية على عين الفيجة"],
]
# What the file holds afterwards, whatever the encoding.
STORED = [
    ("2017-01-04", "14:30", "خان طومان", 36.2, 37.1343, 15, 20, 1200,
     "قصف مدفعي على القرية، وسقط قتلى", "مركز حلب الإعلامي"),
    ("2017-01-05", None, "وادي بردى", None, None, 7, None, 3, "غارة جوية على عين الفيجة",
     "Aleppo Media Center"),
]
# Windows-1256 has no Arabic-Indic digits nor the Arabic decimal separator: Arabic Excel
# writes 0-9 and "." there (the Arabic comma it has).
_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "0123456789" * 2 + ".,")
_NUMBERS = (1, 2, 5, 6, 9, 10, 11)  # date, time, coordinates, counts


def csv_bytes(encoding: str, header: list[str]) -> bytes:
    """The rows as a spreadsheet saves them: Excel's "Unicode text" is UTF-16 with its
    byte-order mark, separated by tabs; the others separated by commas."""
    rows = ROWS
    if encoding == "cp1256":  # its numbers and dates in 0-9; its texts as they are
        rows = [[cell.translate(_WESTERN) if column in _NUMBERS else cell
                 for column, cell in enumerate(row)] for row in ROWS]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t" if encoding.startswith("utf-16") else ",",
               lineterminator="\r\n").writerows([header] + rows)
    text = buffer.getvalue()
    if encoding == "utf-16-le":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-16-be":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding)  # utf-8-sig writes the mark, utf-8 does not


def stored(ledger_path) -> list[tuple]:
    with sqlite3.connect(ledger_path) as conn:
        return conn.execute(
            "SELECT b.occurred_on, b.occurred_at, b.place, b.latitude, b.longitude, b.killed,"
            " b.killed_max, b.injured, b.description, s.name FROM breach b"
            " JOIN citation c ON c.breach_id = b.id JOIN source s ON s.id = c.source_id"
            " ORDER BY b.occurred_on").fetchall()


def governorates(ledger_path) -> list[str]:
    with sqlite3.connect(ledger_path) as conn:
        return [r[0] for r in conn.execute(
            "SELECT g.name FROM breach b JOIN gazetteer g ON g.id = b.governorate_id"
            " ORDER BY b.occurred_on")]


@pytest.mark.parametrize("header", [ENGLISH, ARABIC], ids=["english", "arabic"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be",
                                      "cp1256"])
def test_each_encoding_imports_the_same_breaches(tmp_path, ledger_path, ledger, lists,
                                                 encoding, header):
    path = tmp_path / "office.csv"
    path.write_bytes(csv_bytes(encoding, header))
    report = import_file(ledger, path)
    assert report.new == 2
    assert stored(ledger_path) == STORED
    assert governorates(ledger_path) == ["Aleppo", "Rural Damascus"]


def test_digits_in_a_text_are_kept_as_written(tmp_path, ledger_path, ledger, lists):
    path = tmp_path / "office.csv"
    path.write_text("Date,Governorate,Type,Sources,Place,Killed,Description\n"
                    "٤/١/٢٠١٧,حلب,Shelling,Aleppo Media Center,الحي ٣,١٥,سقط ١٥ قتيلاً\n",
                    encoding="utf-8")
    import_file(ledger, path)
    with sqlite3.connect(ledger_path) as conn:
        assert conn.execute("SELECT place, killed, description FROM breach").fetchall() == [
            ("الحي ٣", 15, "سقط ١٥ قتيلاً")]


def test_the_windows_1256_file_is_read_as_arabic_not_as_latin_letters(tmp_path, ledger,
                                                                     ledger_path, lists):
    """Its bytes are not UTF-8; read as Latin-1 they would be "ÍáÈ" for حلب."""
    raw = csv_bytes("cp1256", ENGLISH)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    path = tmp_path / "arabic-excel.csv"
    path.write_bytes(raw)
    import_file(ledger, path)
    assert [row[2] for row in stored(ledger_path)] == ["خان طومان", "وادي بردى"]


@pytest.mark.parametrize("text", [
    "ID,Date,Governorate,Type,Sources,Place\n1,4.1.2017,Aleppo,Shelling,Aleppo Media Center,"
    "Straße nach Köln\n",
    "ID,Date,Governorate,Type,Sources,Place\n1,4.1.2017,Aleppo,Shelling,Aleppo Media Center,"
    "Peña, España\n",
    # Its one letter beyond ASCII after a digit, glued to no Latin letter: as Windows-1256
    # "calle 5ھ", a letter only Urdu writes.
    "ID,Date,Governorate,Type,Sources,Place\n1,4.1.2017,Aleppo,Shelling,Aleppo Media Center,"
    "calle 5ª\n"])
def test_a_file_in_none_of_the_encodings_is_refused_with_those_tried(tmp_path, ledger,
                                                                   ledger_path, lists, text):
    path = tmp_path / "latin.csv"
    path.write_bytes(text.encode("latin-1"))  # valid in none: not UTF-8, no mark, and
    before = table_counts(ledger_path)  # as Windows-1256 "Straكe nach Kِln"
    with pytest.raises(db.LedgerError) as refused:
        import_file(ledger, path)
    assert refused.value.code == "csv_encoding"
    assert refused.value.params == {"name": "latin.csv", "tried": "UTF-8, UTF-16, Windows-1256"}
    assert table_counts(ledger_path) == before


def test_the_window_names_the_encodings_tried(qtbot, window, lists, ledger, tmp_path, dialogs):
    path = tmp_path / "latin.csv"
    path.write_bytes("Date,Governorate,Type,Sources,Place\n2017-01-02,Aleppo,Shelling,"
                     "Aleppo Media Center,Müller Straße\n".encode("latin-1"))
    dialogs.paths = [path]
    window.import_breaches()
    kind, text = dialogs.asked[-1]
    assert kind == "error" and "latin.csv" in text and "UTF-8, UTF-16, Windows-1256" in text
    assert db.count_breaches(ledger).breaches == 0


def test_a_utf_16_file_damaged_after_its_mark_is_refused(tmp_path, ledger, lists):
    path = tmp_path / "cut.csv"
    path.write_bytes(csv_bytes("utf-16-le", ENGLISH)[:-1])  # an odd number of bytes
    with pytest.raises(db.LedgerError) as refused:
        import_file(ledger, path)
    assert refused.value.code == "csv_encoding"


# The CSV Truce Ledger writes: `totals --format csv --out FILE.csv`, for Excel.

def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


@pytest.fixture
def two_governorates(ledger, lists, make_breach):
    db.save_breach(ledger, make_breach(killed=3))
    db.save_breach(ledger, make_breach(governorate_id=lists["rif"], place="Wadi Barada",
                                       occurred_on="2017-01-03", killed=5, women=0,
                                       children=0))
    return ledger.path


def test_totals_written_for_excel_carry_a_byte_order_mark_and_the_arabic_names(
        tmp_path, two_governorates):
    out = tmp_path / "totals.csv"
    done = run("totals", "--db", str(two_governorates), "--by", "governorate",
               "--format", "csv", "--out", str(out))
    assert done.returncode == 0, done.stderr
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)  # what tells Excel the file is UTF-8
    assert b"\r\n" in raw
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["governorate"], r["governorate_ar"], r["killed"]) for r in rows} == {
        ("Aleppo", "حلب", "3"), ("Rural Damascus", "ريف دمشق", "5")}
    # Standard output, for programs, has no mark.
    piped = run("totals", "--db", str(two_governorates), "--by", "governorate",
                "--format", "csv")
    assert piped.stdout.startswith("governorate,breaches,")


def test_totals_written_for_excel_open_in_libreoffice_with_the_arabic_intact(
        tmp_path, two_governorates):
    if not shutil.which("soffice"):  # .ci/run installs it: under CI its absence is a failure
        message = "LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from openpyxl import load_workbook
    out = tmp_path / "totals.csv"
    assert run("totals", "--db", str(two_governorates), "--by", "governorate", "--format",
               "csv", "--out", str(out)).returncode == 0
    converted = tmp_path / "converted"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "xlsx", "--infilter=CSV:44,34,76", "--outdir",
                    str(converted), str(out)], check=True, capture_output=True, timeout=300)
    sheet = load_workbook(converted / "totals.xlsx").active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert header[0] == "governorate"  # the mark is not read into the first header
    names = {(row[0], row[header.index("governorate_ar")]) for row in rows[1:]}
    assert names == {("Aleppo", "حلب"), ("Rural Damascus", "ريف دمشق")}


@pytest.mark.parametrize("args, words", [
    (["--format", "json", "--out", "t.csv"], "--format csv"),
    (["--format", "csv", "--out", "t.txt"], ".csv"),
])
def test_out_is_refused_unless_it_writes_a_csv_file(tmp_path, two_governorates, args, words):
    done = run("totals", "--db", str(two_governorates),
               *[str(tmp_path / a) if a.startswith("t.") else a for a in args])
    assert done.returncode == 1 and words in done.stderr
    assert list(tmp_path.glob("t.*")) == []


def test_out_replaces_a_file_only_with_force(tmp_path, two_governorates):
    out = tmp_path / "totals.csv"
    out.write_text("kept")
    args = ["totals", "--db", str(two_governorates), "--format", "csv", "--out", str(out)]
    done = run(*args)
    assert done.returncode == 1 and "--force" in done.stderr and out.read_text() == "kept"
    assert run(*args, "--force").returncode == 0
    assert out.read_bytes().startswith(codecs.BOM_UTF8 + b"week,from,to,")
