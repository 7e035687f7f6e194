"""Reading the rows of a spreadsheet: an .xlsx workbook (with python-calamine, which reads
a 100,000-row sheet many times faster than openpyxl's read-only mode; see
bench/bench_import.py) or a .csv file (see `csv_text` for its encodings).

A file is read for what it plainly says, or refused with the row that is wrong: a CSV
quote that would swallow the lines after it, a sheet whose cells span more than the
reader can build. The workbook reader runs in a process of its own, so that a file that
crashes it stops that process, not the program.

A CSV file may come in any encoding an office's spreadsheet writes (see `csv_text`):
UTF-8 with or without a byte-order mark ("CSV UTF-8"), UTF-16 with its mark (Excel's
"Unicode text", separated by tabs), or Windows-1256 (what Arabic Excel calls "CSV")."""
from __future__ import annotations

import codecs
import csv
import io
import pickle
import re
import subprocess
import sys
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Iterator

from .errors import LedgerError


@dataclass
class Table:
    """The rows of one sheet under their headers, each row with its number in the file."""

    headers: list[str]
    rows: list[tuple[int, list]] = field(default_factory=list)

    def records(self, columns: dict[str, str], *,
                release: bool = False) -> Iterator[tuple[int, dict]]:
        """Rows as {field: value}, `columns` mapping a header's key (see `header_key`) to
        a field; headers that match no field are left out. With `release`, each row is
        let go as it is given (the table is empty after): read once, not held twice."""
        places = {columns[header_key(h)]: i for i, h in enumerate(self.headers)
                  if header_key(h) in columns}
        # A row as wide as the header (every row of a workbook's sheet) is read in one call.
        names, width = list(places), max(places.values(), default=-1) + 1
        cells = itemgetter(*places.values()) if len(places) > 1 else None
        for index, (number, row) in enumerate(self.rows):
            if release:
                self.rows[index] = None
            if cells is not None and len(row) >= width:
                yield number, dict(zip(names, cells(row)))
            else:
                yield number, {name: (row[i] if i < len(row) else None)
                               for name, i in places.items()}
        if release:
            self.rows = []

    def has(self, columns: dict[str, str], name: str) -> bool:
        return any(columns.get(header_key(h)) == name for h in self.headers)

    def twins(self, columns: dict[str, str]) -> list[list[str]]:
        """Headers that name one field twice ("Killed" twice, "Date" and "date", "Women"
        beside "Women killed"): reading one of them would silently drop the other."""
        by_field: dict[str, list[str]] = {}
        for header in self.headers:
            name = columns.get(header_key(header))
            if name is not None:
                by_field.setdefault(name, []).append(str(header).strip())
        return [written for written in by_field.values() if len(written) > 1]


def header_key(header: object) -> str:
    """A header as matched: case, spaces and punctuation do not count ("Killed (up to)",
    "killed_up_to" and "KILLED UP TO" are one)."""
    text = unicodedata.normalize("NFKC", str(header or "")).casefold()
    return re.sub(r"[\W_]+", "", text)


def read_tables(path: Path, known: frozenset[str] = frozenset()) -> dict[str, Table]:
    """The sheets of a workbook by name (a CSV file is one sheet, "Breaches"; `known`, the
    keys of the headers expected, tells which separator it uses)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return {"Breaches": _read_csv(path, known)}
        if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
            return _read_workbook(path)
    except OSError as error:
        raise LedgerError("unreadable", name=path.name, reason=error.strerror or str(error)) \
            from None
    raise LedgerError("import_kind",
                      name=path.name)


def _read_csv(path: Path, known: frozenset[str]) -> Table:
    """Separated by commas, semicolons (as Excel writes where a comma is the decimal mark:
    Arabic and European settings) or tabs (Excel's "Unicode text")."""
    written = csv_text(path.read_bytes(), path.name)
    if "\0" in written:
        raise LedgerError("not_csv",
                          name=path.name)
    separator = _separator(written, known)
    rows = _csv_records(path.name, written, separator)
    if not rows:
        raise LedgerError("empty_sheet", name=path.name)
    return Table(rows[0], [(n, row) for n, row in enumerate(rows[1:], start=2) if any(row)])


ENCODINGS_TRIED = "UTF-8, UTF-16, Windows-1256"
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
# Controls no spreadsheet writes into a CSV (tab, line feed and carriage return aside).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ASCII_BYTES = bytes(range(128))
_ARABIC = re.compile("[\u0600-\u06ff]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")  # the letters Arabic writes
# Letters Windows-1256 holds for Urdu alone (ٹ ڈ ڑ ں ھ ہ ے): never in an Arabic office's
# text, but what Latin-1 bytes read as (a Spanish "5ª" reads "5ھ").
_URDU = re.compile("[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2]")
# An Arabic character glued to a Latin letter: never in a word, always in a Latin-1 file
# read as Windows-1256 ("Straße" reads "Straكe", "España" "Espaٌa").
_GLUED = re.compile("[A-Za-z\u00c0-\u024f][\u0600-\u06ff]"
                    "|[\u0600-\u06ff][A-Za-z\u00c0-\u024f]")


def csv_text(raw: bytes, name: str) -> str:
    """The text of a CSV file's bytes, tried in this order:

    1. a byte-order mark says the encoding: UTF-8, UTF-16 little or big endian (Excel's
       "CSV UTF-8" and "Unicode text"); a file that then does not decode is damaged;
    2. strict UTF-8: bytes of another encoding almost never form valid UTF-8 (a run of
       Windows-1256 Arabic letters never does), so a file that decodes is UTF-8;
    3. Windows-1256 (Arabic Excel's "CSV"), which gives a character for every byte and so
       must be plausible to be taken: Arabic letters in it, at least half of the
       characters beyond ASCII Arabic, none glued to a Latin letter, none of the letters
       it holds for Urdu alone, no control characters.
    Anything else (Latin-1, Cyrillic, a file that is not text) is refused with the
    encodings tried: guessed wrong, an import would store garbled names."""
    for mark, encoding in _BOMS:
        if raw.startswith(mark):
            try:
                return raw[len(mark):].decode(encoding)
            except UnicodeDecodeError:
                raise _encoding_error(name) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1256")  # every byte is a character: this never fails
    beyond = len(raw.translate(None, _ASCII_BYTES))  # one byte is one character here
    if (_ARABIC_LETTER.search(text) and 2 * len(_ARABIC.findall(text)) >= beyond
            and not _GLUED.search(text) and not _URDU.search(text)
            and not _CONTROLS.search(text)):
        return text
    raise _encoding_error(name)


def _encoding_error(name: str) -> LedgerError:
    return LedgerError(
        "csv_encoding", name=name,
        tried=ENCODINGS_TRIED)


def _csv_records(name: str, written: str, separator: str) -> list[list[str]]:
    """The records of a CSV text. A quote that opens a cell and never closes, or closes
    where no separator follows, or a cell over several lines some of which read as rows
    of their own, is refused with its row: read leniently, it would swallow the lines
    after it and import fewer rows than the file shows."""
    reader = csv.reader(io.StringIO(written, newline=""), delimiter=separator, strict=True)
    rows, line = [], 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return rows
        except csv.Error:
            raise _quote_error(name, len(rows) + 1, line, reader.line_num) from None
        if reader.line_num > line and rows:  # a cell over several lines
            width = max(len(rows[0]), 2)
            for cell in record:
                if any(part.count(separator) >= width - 1 for part in cell.splitlines()[1:]):
                    raise _quote_error(name, len(rows) + 1, line, reader.line_num)
        rows.append(record)
        line = reader.line_num + 1


def _quote_error(name: str, row: int, first: int, last: int) -> LedgerError:
    lines = f"line {first}" if last <= first else f"lines {first} to {last}"
    return LedgerError(
        "csv_quote", name=name, row=row, lines=lines)


def _separator(written: str, known: frozenset[str]) -> str:
    """The separator that splits the header (the first record, read as CSV, so quotes
    count) into the most columns we know; on a tie, into the most columns; else a comma.
    Only the header is looked at: a description full of commas does not sway it."""
    def score(separator: str) -> tuple[int, int]:
        try:
            header = next(csv.reader(io.StringIO(written[:65_536], newline=""),
                                     delimiter=separator), [])
        except csv.Error:
            return -1, -1
        return sum(header_key(h) in known for h in header), len(header)
    return max((",", ";", "\t"), key=score)  # max keeps the first of equals: the comma


# The most cells (rows times columns, from the first to the last used) a sheet may span:
# an export of 100,000 breaches spans about 3 million. The reader builds the whole span,
# so one cell far away (XFD1048576) would ask for hundreds of gigabytes.
MAX_CELLS = 20_000_000
# Each pattern begins with its literal text, which the regular expression engine finds
# quickly: a sheet of 100,000 rows is checked in a fraction of the time it takes to read.
# A row's number, in a row tag without a namespace prefix (<row r="7">) or with one.
_ROWS = (re.compile(rb"<row\s[^>]*?\br=\"(\d+)\""),
         re.compile(rb":row\s[^>]*?\br=\"(\d+)\""))
# A cell's reference in a column after AZ (BA, or three letters): rare in a table, so
# finding only those is quick; a sheet without them has at most NARROW columns.
_WIDE_CELL = re.compile(rb" r=\"([A-Z]{3}|[B-Z][A-Z])\d")
NARROW = 52


def _read_workbook(path: Path) -> dict[str, Table]:
    """The sheets of a workbook, each checked for its size first, read in a process of its
    own: a reader that crashes (python-calamine aborts the whole process on some files)
    then stops only that process, and the import is refused with a reason."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        _check_sizes(path)
    # The sheets are unpickled as they come down the pipe: never held as bytes as well.
    with subprocess.Popen([sys.executable, "-c", _READER, str(path)], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL) as reader:
        try:
            tables = {name: Table(headers, rows)
                      for name, (headers, rows) in pickle.load(reader.stdout).items()}
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            tables = None
        reader.stdout.close()
        status = reader.wait()
    if status == 0 and tables is not None:
        return tables
    if status == 3:  # the reader refused the file (its words, on stderr, are English)
        raise LedgerError("not_workbook", name=path.name)
    raise LedgerError("reader_crashed",
                      name=path.name, status=status)


def _check_sizes(path: Path) -> None:
    """Refuse a workbook with a sheet whose used cells span more than MAX_CELLS, read from
    the cells' own positions in each sheet's XML (as the reader will place them), before
    the reader is asked to build it."""
    try:
        with zipfile.ZipFile(path) as book:
            sheets = [n for n in book.namelist()
                      if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            for member in sheets:
                rows, columns = _span(book, member)
                if rows * columns > MAX_CELLS:
                    raise LedgerError(
                        "sheet_too_large", name=path.name, rows=rows, columns=columns)
    except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, ValueError, EOFError,
            KeyError, NotImplementedError):
        return  # not a zip the size can be read from: the reader says what is wrong


def _span(book: zipfile.ZipFile, member: str) -> tuple[int, int]:
    """(rows, columns) the reader builds for a sheet: from A1 to its last used row and
    column (cells far from the table count as much as the table), read as a stream; the
    columns are NARROW at most when no cell is further right than column AZ."""
    last_row = last_column = rows_seen = 0
    tail = b""
    with book.open(member) as stream:
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            text = tail + chunk
            cut = text.rfind(b"<")  # a tag cut by the chunk is read with the next one
            text, tail = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
            rows_seen += text.count(b"<row") + text.count(b":row ") + text.count(b":row>")
            numbers = _ROWS[0].findall(text) + _ROWS[1].findall(text)
            if numbers:
                last_row = max(last_row, max(map(int, numbers)))
            for letters in set(_WIDE_CELL.findall(text)):  # a cell's row is its row's
                last_column = max(last_column, _column_number(letters))
    return max(last_row, rows_seen), last_column or NARROW


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


# Run in a process of its own (see _read_workbook): reads every sheet with python-calamine
# and writes {name: (headers, [(number, row), ...])} to stdout as a pickle, equal short
# cells as one object; exit status 3 with the reason on stderr for a file that is not a
# workbook.
_READER = r"""
import pickle, sys
from datetime import date
try:
    import resource
    # An allocation bomb fails in this process, not by taking the machine's memory.
    resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))
except (ImportError, ValueError, OSError):
    pass
from python_calamine import CalamineError, CalamineWorkbook, PasswordError, XmlError, ZipError
# Equal short cells (a governorate, a count, a day) as one object: pickled once as a
# reference, and held once by the importer, not once a row. Texts and numbers (most cells)
# each have a table of their own, looked up without a call of one's own for each cell.
shared, texts, numbers = {}, {}, {}
text, number = texts.setdefault, numbers.setdefault

def one(value):
    if type(value) in (int, bool, date):
        return shared.setdefault((type(value), value), value)
    return value

def cells(row):
    return [(text(v, v) if len(v) <= 40 else v) if (kind := type(v)) is str
            else number(v, v) if kind is float else one(v) for v in row]

try:
    book = CalamineWorkbook.from_path(sys.argv[1])
    tables = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        if rows:
            tables[name] = ([str(h) for h in rows[0]], [
                (n, cells(row)) for n, row in enumerate(rows[1:], start=2)
                if row.count("") + row.count(None) < len(row)])  # a row with something
        rows = None
except (CalamineError, PasswordError, XmlError, ZipError, ValueError) as error:
    print(" ".join(str(error).split()), file=sys.stderr)
    sys.exit(3)
sys.stdout.buffer.write(pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL))
"""
