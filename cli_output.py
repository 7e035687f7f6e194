"""What the command line prints (cli.py): results on stdout and one-line reasons on
stderr, every name from a file escaped so that it acts on no terminal; the totals as a
table or CSV; and the words of the window (gui/messages.py), said through Qt Core's
translators in the user's language."""
from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

from db.cells import risky
from db.totals import COUNT_NAMES

PROG = "truce-ledger"
# What a terminal is never given raw, from a name or a file's text: control characters
# (C0, DEL, C1: the escape that starts a terminal's sequences among them), every invisible
# format character (Unicode category Cf: the marks and overrides that reorder text, LRM,
# RLM, ALM, the byte-order mark, soft hyphens, tags…), line and paragraph separators, and
# the halves of a character a file name could not be read into. Arabic shows right
# without any of them, so escaping them hides nothing and shows that they are there.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# The two format characters kept: Persian and Arabic names are written with the zero-width
# non-joiner (U+200C, می‌خواهم) and joiner (U+200D); they join or part letters and move
# nothing, and escaping them would garble those names.
_JOINERS = frozenset("\u200c\u200d")


def _columns(by: str | None) -> list[str]:
    return ([by] if by else ["week", "from", "to"]) + list(COUNT_NAMES)


def _print_csv(table: list[dict], by: str | None, sentence: bool,
               out: Path | None = None) -> None:
    if out is not None:
        # Excel reads a CSV without a byte-order mark in the computer's code page (Arabic
        # turns into Latin letters); with one, as UTF-8. Lines end in CR LF, as in Excel's.
        with open(out, "w", encoding="utf-8-sig", newline="") as handle:
            _write_csv(handle, table, by, sentence, "\r\n", lambda value: value)
        _say(f"{out}: {len(table)} rows")
        return
    # On a terminal the names are shown escaped, as in the table; into a file or a pipe
    # they go as they are, for the spreadsheet that reads them.
    shown = _printable if sys.stdout.isatty() else (lambda value: value)
    _write_csv(sys.stdout, table, by, sentence, "\n", shown)


def _write_csv(handle, table: list[dict], by: str | None, sentence: bool, end: str,
               shown) -> None:
    writer = csv.DictWriter(handle, fieldnames=_columns(by) + [f"{by}_ar"] * bool(by)
                            + ["sentence"] * sentence, lineterminator=end)
    writer.writeheader()
    writer.writerows({key: shown(_csv_cell(value)) if isinstance(value, str) else value
                      for key, value in row.items()} for row in table)


def _csv_cell(value):
    """A text a spreadsheet opening the CSV could take for a formula (=…, +…, -…, @…) or an
    error code, behind an apostrophe, as the spreadsheets themselves mark typed text;
    numbers as they are."""
    return f"'{value}" if isinstance(value, str) and risky(value) else value


def _hidden(ch: str) -> bool:
    """Whether `ch` would act on a terminal or hide there (see _ESCAPED_CATEGORIES)."""
    return unicodedata.category(ch) in _ESCAPED_CATEGORIES and ch not in _JOINERS


def _json_escaped(text: str) -> str:
    """JSON that a terminal shows as it is: json.dumps escapes C0 but leaves DEL, C1 and
    the format characters; these (found only inside strings: the line feeds outside them
    are the layout) become \\uXXXX (a pair of them beyond U+FFFF), which a JSON reader
    turns back into the same characters."""
    def escaped(ch: str) -> str:
        units = ch.encode("utf-16-le", "surrogatepass")
        return "".join(f"\\u{int.from_bytes(units[i:i + 2], 'little'):04x}"
                       for i in range(0, len(units), 2))
    return "".join(escaped(ch) if ch != "\n" and _hidden(ch) else ch for ch in text)


def _printable(text: object) -> str:
    """`text` safe to print on a terminal: what _hidden finds (among them the escape that
    starts a terminal's sequences and the characters that reorder text) is shown as an
    escape (\\x1b, \\u202e, \\U000e0041) instead of acting on the screen; every other
    character, Arabic included, as it is."""
    text = str(text)
    if text.isprintable():
        return text  # isprintable() is False for every character _hidden finds
    return "".join(_escape(ch) if _hidden(ch) else ch for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000
            else f"\\U{code:08x}")


def _say(text: object) -> None:
    """A line of results on stdout, its names and file names escaped."""
    print(_printable(text))


def _words(module: str = "messages"):
    """gui/messages.py (or `module`, another of the window's words: "report_words"), with
    the translators of the window installed on a Qt Core application (no window): the
    command line says what the window says, in the language of Settings, else the
    system's (English when LANG is C or unset)."""
    import importlib

    from PySide6.QtCore import QCoreApplication

    from gui import settings
    from gui.translations import install_translations
    app = QCoreApplication.instance()
    if app is None:
        app = QCoreApplication([PROG])
        app.setOrganizationName(settings.ORGANIZATION)
        app.setApplicationName(settings.APPLICATION)
        _words.app = app  # kept alive while the command runs
    install_translations(app)
    return importlib.import_module(f"gui.{module}")


def _error(text: object) -> None:
    """A one-line reason on stderr: names from a file (a forged trigger's, a breach type's)
    and file names are escaped, so that the reason stays one line and acts on nothing."""
    print(f"{PROG}: error: {_printable(text)}", file=sys.stderr)


def _warn(text: object) -> None:
    """A one-line warning on stderr, escaped as _error's reasons are."""
    print(f"{PROG}: warning: {_printable(text)}", file=sys.stderr)


def _print_table(table: list[dict], by: str | None, scheme) -> None:
    columns = _columns(by)
    heading = {"killed_max": "killed≤", "women_max": "women≤", "children_max": "children≤",
               "injured_max": "injured≤"}
    if not by:
        title = (f"Weeks since {scheme.truce.name} ({scheme.truce.start_date})"
                 if scheme.truce else f"Calendar weeks from {scheme.week_start}")
        print(_printable(title))
    total = {c: sum(row[c] for row in table) for c in COUNT_NAMES}
    total.update({columns[0]: "total"})
    rows = [[_printable(str(row.get(c, ""))) for c in columns] for row in table + [total]]
    header = [heading.get(c, c) for c in columns]
    widths = [max(len(x) for x in column) for column in zip(header, *rows)]
    numeric = {c for c in COUNT_NAMES} | {"week"}
    for line in [header] + rows:
        print("  ".join(cell.rjust(w) if c in numeric else cell.ljust(w)
                        for cell, w, c in zip(line, widths, columns)).rstrip())
