"""The Victims and Sources sheets of the workbook (db/workbook.py), in its language: the
values of the fixed lists (sex, age group, outcome, civilian, kind, reliability) in its
words, as the importer reads them back (db/import_sheets.py)."""
from __future__ import annotations

from datetime import date

from .cells import header, header_width, letter
from .store import Ledger
from .workbook_summary import Wording
from .workbook_words import VALUES


# The Victims sheet's columns and their widths. A public workbook leaves out Confidential
# and Notes (a victim's notes are the office's own), and Breach ID unless it keeps the
# breaches' IDs (ExportOptions.breach_ids).
VICTIM_COLUMNS = [("Breach ID", 38), ("Breach date", 11), ("Name", 24), ("Name (Latin)", 24),
                  ("Sex", 9), ("Age", 6), ("Age group", 10), ("Outcome", 10),
                  ("Civilian", 10), ("Confidential", 12), ("Notes", 40)]


def victim_columns(options, say: Wording) -> list[tuple[str, int]]:
    """The columns of the Victims sheet of a workbook of `options`: (header, width), each
    wide enough for its header's longest word."""
    left_out = set() if options.full else {"Confidential", "Notes"}
    if not options.with_ids:
        left_out.add("Breach ID")
    return [(name, max(width, header_width(say(name)))) for name, width in VICTIM_COLUMNS
            if name not in left_out]


def _listed(value, say: Wording):
    """A value of a fixed list (sex, outcome, kind…) in the workbook's words."""
    return say(value) if value in VALUES else value


def victims_sheet(ledger: Ledger, ws, chosen: tuple[str, list], options, text,
                  say: Wording):
    headers = [name for name, _width in victim_columns(options, say)]
    header(ws, [say(h) for h in headers])
    condition, params = chosen  # the breaches listed (db/totals.py TotalsFilter.listed)
    written = left_out = 0
    for row in ledger.conn.execute(
            "SELECT v.breach_id, b.occurred_on, v.name, v.name_latin, v.sex, v.age, v.age_group,"
            " v.outcome, v.civilian, v.confidential, v.notes FROM victim v"
            f" JOIN breach b ON b.id = v.breach_id WHERE v.deleted_at IS NULL AND {condition}"
            " ORDER BY b.occurred_on, v.breach_id, v.position", params):
        if row[9] and not options.full:
            left_out += 1
            continue
        values = [row[0]] * options.with_ids + [
            date.fromisoformat(row[1]), row[2], row[3], _listed(row[4], say), row[5]] + [
            _listed(v, say) for v in row[6:9]]
        if options.full:
            values += [say("yes" if row[9] else "no"), row[10]]
        ws.append([text(v) for v in values])
        written += 1
    if written:
        ws.auto_filter.ref = f"A1:{letter(len(headers))}{written + 1}"
    return written, left_out


def sources_sheet(ledger: Ledger, ws, chosen: tuple[str, list], options, text,
                  say: Wording) -> int:
    headers = ["Name", "Kind", "Reliability", "Breaches cited"]
    if options.full:
        headers += ["Contact", "Notes"]
    header(ws, [say(h) for h in headers])
    condition, params = chosen  # the breaches listed (db/totals.py TotalsFilter.listed)
    written = 0
    for row in ledger.conn.execute(
            "SELECT s.name, s.kind, s.reliability, count(DISTINCT b.id), s.contact, s.notes"
            " FROM source s JOIN citation c ON c.source_id = s.id AND c.deleted_at IS NULL"
            f" JOIN breach b ON b.id = c.breach_id WHERE s.deleted_at IS NULL AND {condition}"
            " GROUP BY s.id ORDER BY count(DISTINCT b.id) DESC, s.name", params):
        values = [row[0], _listed(row[1], say), _listed(row[2], say), row[3]] + (
            list(row[4:]) if options.full else [])
        ws.append([text(v) for v in values])
        written += 1
    if written:
        ws.auto_filter.ref = f"A1:{letter(len(headers))}{written + 1}"
    return written
