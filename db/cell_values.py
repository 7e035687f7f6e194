"""Values of spreadsheet cells as the importer reads them: text, whole numbers, numbers,
dates (real, Excel day numbers, or text as db/dates.py reads it), times, and moments. A
cell that holds something else raises CellError (a ValueError) with a code, the column
and the value (gui/messages.py words it)."""
from __future__ import annotations

import contextlib
from datetime import date, datetime, time, timedelta, timezone

from .dates import FIRST_YEAR, LAST_YEAR, DateError, parse_day
from .digits import decimal_text, western_digits, whole_text
from .errors import CellError
from .moments import AHEAD, FIRST_MOMENT, MomentError, parse_moment
from .rules import clean_text

_EXCEL_EPOCH = date(1899, 12, 30)
_YES = ("yes", "y", "true", "1", "x", "نعم")
_NO = ("no", "n", "false", "0", "", "لا")
# FIRST_MOMENT without its zone: a spreadsheet's date and time is UTC (db/moments.py).
_FIRST_NAIVE = FIRST_MOMENT.replace(tzinfo=None)


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value.isascii():
        return value.strip()  # as clean_text: NFC changes no ASCII text
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value)


def choice(value, allowed: tuple, label: str, default: str = "unknown") -> str:
    """The allowed value the cell names, in any case; `default` when it is empty."""
    written = text(value)
    if not written:
        return default
    for option in allowed:
        if option.casefold() == written.casefold():
            return option
    raise CellError("cell_choice", label=label, value=written, allowed=", ".join(allowed))


def yes_no(value, label: str) -> bool:
    written = western_digits(text(value)).casefold()  # "١" is "1", yes
    if written in _YES:
        return True
    if written in _NO:
        return False
    raise CellError("cell_yes_no", label=label, value=text(value))


def count(value, label: str, empty):
    """A whole number, 0 or more: 3, 3.0, "3", "3.0", "١٥", "1,000", "١٬٠٠٠" (see
    db/digits.py); `empty` for an empty cell."""
    if type(value) is float and value.is_integer() and value >= 0:
        return int(value)  # what a spreadsheet's number cell holds: the quick way first
    if value in (None, ""):
        return empty
    if isinstance(value, bool):
        raise CellError("cell_count", label=label, value=value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    written = text(value)
    plain = whole_text(written)
    if plain.isascii() and plain.isdigit():
        return int(plain)
    try:  # "3.0", as some programs write whole numbers
        number = float(plain) if plain.isascii() else None
    except ValueError:
        number = None
    if number is not None and number.is_integer() and number >= 0:
        return int(number)
    raise CellError("cell_count", label=label, value=written)


def number(value, label: str):
    """A number with a fraction: 36.2, "36,2", "٣٦٫٢", "٣٦،٢" (see db/digits.py)."""
    if type(value) is float:
        return value
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    plain = decimal_text(text(value))
    try:
        if not plain.isascii():  # float() reads other scripts' digits, and words: not here
            raise ValueError
        return float(plain)
    except ValueError:
        raise CellError("cell_number", label=label, value=text(value)) from None


def day(value, label: str) -> date | None:
    """A spreadsheet date, an Excel day number, or text in any form db/dates.py reads
    (2017-01-06, 06.01.2017, 6/1/2017, 20170106, 6 Jan 2017, ٦ كانون الثاني ٢٠١٧…)."""
    if value in (None, ""):
        return None
    if isinstance(value, date):  # a date cell (or a date and time): its year counts too
        day_of = value.date() if isinstance(value, datetime) else value
        if not FIRST_YEAR <= day_of.year <= LAST_YEAR:
            raise CellError("cell_year", label=label, value=day_of.isoformat(),
                            first=FIRST_YEAR, last=LAST_YEAR)
        return day_of
    if isinstance(value, (int, float)) and not isinstance(value, bool) \
            and 20_000 <= value <= 80_000:  # an Excel day number, perhaps with a time
        return _EXCEL_EPOCH + timedelta(days=int(value))
    written = text(value)
    if len(written) == 10 and written[4] == written[7] == "-" and written.isascii():
        with contextlib.suppress(ValueError):  # the stored form, read at once (2017-01-06)
            day_of = date.fromisoformat(written)
            if FIRST_YEAR <= day_of.year <= LAST_YEAR:
                return day_of
    if written.isdigit() and len(written) == 5 and 20_000 <= int(written) <= 80_000:
        return _EXCEL_EPOCH + timedelta(days=int(written))  # 1954 to 2119, as text
    try:
        return parse_day(written)
    except DateError as error:
        if error.code == "no_such_day":
            raise CellError("cell_no_such_day", label=label, value=written) from None
        if error.code == "year_range":
            raise CellError("cell_year", label=label, value=written, first=FIRST_YEAR,
                            last=LAST_YEAR) from None
        raise CellError("cell_date", label=label, value=written) from None


def time_of_day(value) -> str | None:
    """HH:MM, from a time, a date and time, a duration, or text like 14:30 or ١٤:٣٠."""
    if value in (None, ""):
        return None
    if isinstance(value, (time, datetime)):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, timedelta):  # some readers give a time of day as a duration
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    written = text(value)
    try:
        moment = time.fromisoformat(western_digits(written))
    except ValueError:
        raise CellError("cell_time", value=written) from None
    return f"{moment.hour:02d}:{moment.minute:02d}"


def moment(value, label: str) -> str | None:
    """A creation or update time as stored: UTC with microseconds (db/moments.py reads it
    with its offset, and refuses one before 2000 or more than a day ahead of this
    computer's clock, which would otherwise win every "newest wins" comparison)."""
    if type(value) is datetime and value.tzinfo is None and _FIRST_NAIVE <= value \
            and value <= datetime.now(timezone.utc).replace(tzinfo=None) + AHEAD:
        # A spreadsheet's date and time (UTC, in range): what parse_moment makes of it,
        # read the quick way (isoformat writes the four digits of a year from 2000 on).
        return value.isoformat(timespec="microseconds") + "Z"
    if isinstance(value, str):
        value = text(value)
    try:
        return parse_moment(value)
    except MomentError as error:
        if error.code == "moment_range":
            raise CellError("cell_moment_range", label=label, **error.params) from None
        raise CellError("cell_moment", label=label, value=text(value)) from None


def to_millisecond(stamp: str) -> datetime:
    """A stored time rounded to the millisecond, as a spreadsheet keeps it."""
    when = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ")
    return when + timedelta(microseconds=(when.microsecond + 500) // 1000 * 1000
                            - when.microsecond)
