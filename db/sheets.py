"""Reading the rows of a spreadsheet: an .xlsx workbook (with python-calamine, which reads
a 100,000-row sheet many times faster than openpyxl's read-only mode; see
bench/bench_import.py) or a .csv file (UTF-8, with or without Excel's byte-order mark)."""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LedgerError


@dataclass
class Table:
    """The rows of one sheet under their headers, each row with its number in the file."""

    headers: list[str]
    rows: list[tuple[int, list]] = field(default_factory=list)

    def records(self, columns: dict[str, str]) -> list[tuple[int, dict]]:
        """Rows as {field: value}, `columns` mapping a header's key (see `header_key`) to
        a field; headers that match no field are left out."""
        places = {columns[header_key(h)]: i for i, h in enumerate(self.headers)
                  if header_key(h) in columns}
        return [(number, {name: (row[i] if i < len(row) else None)
                          for name, i in places.items()}) for number, row in self.rows]

    def has(self, columns: dict[str, str], name: str) -> bool:
        return any(columns.get(header_key(h)) == name for h in self.headers)


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
        raise LedgerError(f"{path.name} cannot be read: {error.strerror or error}.",
                          "unreadable", name=path.name, reason=error.strerror or str(error)) \
            from None
    raise LedgerError(f"{path.name}: import reads .xlsx and .csv files.", "import_kind",
                      name=path.name)


def _read_csv(path: Path, known: frozenset[str]) -> Table:
    """Separated by commas, semicolons (as Excel writes where a comma is the decimal mark:
    Arabic and European settings) or tabs."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            written = handle.read()
        rows = list(csv.reader(io.StringIO(written, newline=""),
                               delimiter=_separator(written, known)))
    except UnicodeDecodeError:
        raise LedgerError(f"{path.name} is not UTF-8 text: save it from the spreadsheet as "
                          "\"CSV UTF-8\".", "not_utf8", name=path.name) from None
    except csv.Error as error:
        raise LedgerError(f"{path.name} is not a CSV file ({error}).", "not_csv",
                          name=path.name) from None
    if not rows:
        raise LedgerError(f"{path.name} is empty.", "empty_sheet", name=path.name)
    return Table(rows[0], [(n, row) for n, row in enumerate(rows[1:], start=2) if any(row)])


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


def _read_workbook(path: Path) -> dict[str, Table]:
    from python_calamine import (CalamineError, CalamineWorkbook, PasswordError, XmlError,
                                 ZipError)
    try:
        book = CalamineWorkbook.from_path(str(path))
        tables = {}
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            if rows:
                tables[name] = Table([str(h) for h in rows[0]], [
                    (n, row) for n, row in enumerate(rows[1:], start=2)
                    if any(v not in ("", None) for v in row)])
        return tables
    except (CalamineError, PasswordError, XmlError, ZipError, ValueError) as error:
        raise LedgerError(f"{path.name} is not a workbook that can be read ({error}).",
                          "not_workbook", name=path.name) from None
