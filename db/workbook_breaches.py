"""The Breaches sheet of the workbook (db/workbook.py): one row a breach, in the import's
format, its columns as wide as their texts (capped); a public workbook leaves out who
entered each breach, from which office, when, and (unless asked) the breaches' IDs."""
from __future__ import annotations

from datetime import date, datetime, time
from operator import itemgetter

from .cells import header, header_width, letter
from .errors import Cancelled
from .listing import BreachFilter
from .records import GRADINGS
from .store import Ledger
from .workbook_summary import Wording

BREACH_HEADERS = [
    "ID", "Date", "Time", "Governorate", "District", "Place", "Latitude", "Longitude",
    "Perpetrator", "Type", "Status", "Killed", "Killed (up to)", "Women killed",
    "Women killed (up to)", "Children killed", "Children killed (up to)", "Injured",
    "Injured (up to)", "Description", "Sources", "Truce", "Office", "Entered by", "Created",
    "Updated",
]
BREACH_WIDTHS = [38, 11, 10, 16, 16, 20, 10, 10, 24, 18, 11] + [9] * 8 + [60, 36, 22, 18, 14,
                                                                       19, 19]
# What a public workbook leaves out of the Breaches sheet: who entered or changed each
# breach, the office that entered it, and when; and each breach's ID, unless the office
# asks for them (ExportOptions.breach_ids) to import corrections, which then also need to
# know when each breach was last changed ("Updated"). A full workbook keeps them all.
_ID_COLUMNS = (0, 25)
_PERSONAL_COLUMNS = (22, 23, 24)
# The columns of the Breaches sheet whose width follows their longest text (capped at the
# width given in BREACH_WIDTHS, at least as wide as the header's longest word).
_FITTED_COLUMNS = (3, 4, 5, 8, 9, 21)
# The columns of the Breaches sheet that hold text (the others: dates, numbers): those of
# each breach's own (its ID and description), and those whose texts repeat from breach to
# breach (names of the lists, district, place, grading, sources, truce, office, who
# entered it). A repeated text that the guard left as it was is guarded once, then found
# among those kept (up to PLAIN_KEPT of them): the guard took 35 us of a breach's row, now
# 10 (openpyxl takes about 500; bench/bench_reports.py).
_OWN_TEXT_COLUMNS = (0, 19)
_REPEATED_TEXT_COLUMNS = (3, 4, 5, 8, 9, 10, 20, 21, 22, 23)
PLAIN_KEPT = 100_000
PROGRESS_EVERY = 2000

_BREACHES_SQL = """
SELECT b.id, b.occurred_on, b.occurred_at, {g}, b.district, b.place, b.latitude,
       b.longitude, {a}, {t}, b.status, b.killed, b.killed_max, b.women, b.women_max,
       b.children, b.children_max, b.injured, b.injured_max, b.description,
       (SELECT group_concat(name, '; ') FROM (
            SELECT s.name FROM citation c JOIN source s ON s.id = c.source_id
            WHERE c.breach_id = b.id AND c.deleted_at IS NULL ORDER BY c.position)),
       tr.name, b.office, b.entered_by, b.created_at, b.updated_at
FROM breach b
JOIN gazetteer g ON g.id = b.governorate_id
JOIN actor a ON a.id = b.actor_id
JOIN breach_type t ON t.id = b.breach_type_id
LEFT JOIN truce tr ON tr.id = b.truce_id
WHERE {where}
ORDER BY b.occurred_on, b.occurred_at, b.created_at
"""


def _names_sql(language: str) -> dict[str, str]:
    """The columns of the governorate's, perpetrator's and type's names: in an Arabic
    workbook the Arabic name, or the English one where there is none."""
    if language == "ar":
        return {k: f"coalesce(nullif({k}.name_ar, ''), {k}.name)" for k in "gat"}
    return {k: f"{k}.name" for k in "gat"}


def _fitted_widths(ledger: Ledger, listed: BreachFilter, say: Wording) -> list[int]:
    """The widths of the Breaches sheet's columns: each as wide as its header's longest
    word; those of _FITTED_COLUMNS as wide as their longest text too, up to the width of
    BREACH_WIDTHS (read in one pass over the breaches listed)."""
    widths = [max(width, header_width(say(name)))
              for width, name in zip(BREACH_WIDTHS, BREACH_HEADERS)]
    names = _names_sql(say.language)
    condition, params = listed.where()
    longest = ledger.conn.execute(
        f"SELECT max(length({names['g']})), max(length(b.district)), max(length(b.place)),"
        f" max(length({names['a']})), max(length({names['t']})), max(length(tr.name))"
        " FROM breach b JOIN gazetteer g ON g.id = b.governorate_id"
        " JOIN actor a ON a.id = b.actor_id JOIN breach_type t ON t.id = b.breach_type_id"
        f" LEFT JOIN truce tr ON tr.id = b.truce_id WHERE {condition}", params).fetchone()
    for column, length in zip(_FITTED_COLUMNS, longest):
        widths[column] = max(header_width(say(BREACH_HEADERS[column])),
                             min(BREACH_WIDTHS[column], (length or 0) + 2))
    return widths


def _breaches(ledger: Ledger, ws, listed: BreachFilter, text, progress,
              expected: int, say: Wording, kept: list[int]) -> tuple[int, int]:
    header(ws, [say(BREACH_HEADERS[n]) for n in kept])
    pick = itemgetter(*kept)
    # The texts of the columns written: a text left out is not guarded, nor counted.
    own = [n for n in _OWN_TEXT_COLUMNS if n in kept]
    repeated = [n for n in _REPEATED_TEXT_COLUMNS if n in kept]
    condition, params = listed.where()
    written = discounted = 0
    append, day, moment = ws.append, date.fromisoformat, _moment
    gradings = {g: say(g) for g in GRADINGS}
    plain: set[str] = set()  # repeated texts the guard left as they were
    for row in ledger.conn.execute(_BREACHES_SQL.format(where=condition,
                                                        **_names_sql(say.language)), params):
        values = list(row)
        discounted += values[10] == "discounted"
        values[10] = gradings.get(values[10], values[10])
        for column in own:
            if values[column]:
                values[column] = text(values[column])
        for column in repeated:
            value = values[column]
            if value and value not in plain:
                values[column] = guarded = text(value)
                if guarded is value and len(plain) < PLAIN_KEPT:
                    plain.add(value)
        values[1] = day(values[1])
        if values[2]:
            values[2] = time.fromisoformat(values[2])
        values[24], values[25] = moment(values[24]), moment(values[25])
        append(pick(values))
        written += 1
        if written % PROGRESS_EVERY == 0:
            _go_on(progress, written, expected)
    if written:
        ws.auto_filter.ref = f"A1:{letter(len(kept))}{written + 1}"
    _go_on(progress, written, expected)
    return written, discounted


def _moment(stamp: str | None) -> datetime | None:
    """A stored UTC time (…Z) as a datetime Excel can hold (which has no time zones)."""
    return datetime.fromisoformat(stamp[:-1]) if stamp else None


def _go_on(progress, done: int, total: int) -> None:
    """Ask the caller whether to go on; a Cancel stops the export here."""
    if progress is not None and progress(done, total) is False:
        raise Cancelled
