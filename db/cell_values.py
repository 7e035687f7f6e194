"""Values of spreadsheet cells as the importer reads them: text, whole numbers, numbers,
dates (real, Excel day numbers, or text as db/dates.py reads it), times, and moments. A
cell that holds something else raises ValueError with words that name the column and the
value."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from .dates import FIRST_YEAR, LAST_YEAR, DateError, parse_day
from .moments import MomentError, parse_moment
from .rules import clean_text

_EXCEL_EPOCH = date(1899, 12, 30)
_YES = ("yes", "y", "true", "1", "x", "نعم")
_NO = ("no", "n", "false", "0", "", "لا")


def text(value) -> str:
    if value is None:
        return ""
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
    raise ValueError(f"{label} {written!r} is not one of {', '.join(allowed)}")


def yes_no(value, label: str) -> bool:
    written = text(value).casefold()
    if written in _YES:
        return True
    if written in _NO:
        return False
    raise ValueError(f"{label} {text(value)!r} is neither yes nor no")


def count(value, label: str, empty):
    """A whole number, 0 or more: 3, 3.0, "3", "3.0"; `empty` for an empty cell."""
    if value in (None, ""):
        return empty
    if isinstance(value, bool):
        raise ValueError(f"{label} {value!r} is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    written = text(value)
    if written.isdigit():
        return int(written)
    try:  # "3.0", as some programs write whole numbers
        number = float(written)
    except ValueError:
        number = None
    if number is not None and number.is_integer() and number >= 0:
        return int(number)
    raise ValueError(f"{label} {written!r} is not a whole number")


def number(value, label: str):
    if value in (None, ""):
        return None
    try:
        return float(text(value).replace(",", "."))
    except ValueError:
        raise ValueError(f"{label} {text(value)!r} is not a number") from None


def day(value, label: str) -> date | None:
    """A spreadsheet date, an Excel day number, or text in any form db/dates.py reads
    (2017-01-06, 06.01.2017, 6/1/2017, 20170106, 6 Jan 2017, ٦ كانون الثاني ٢٠١٧…)."""
    if value in (None, ""):
        return None
    if isinstance(value, date):  # a date cell (or a date and time): its year counts too
        day_of = value.date() if isinstance(value, datetime) else value
        if not FIRST_YEAR <= day_of.year <= LAST_YEAR:
            raise ValueError(f"{label} {day_of.isoformat()!r}: the year must be between "
                             f"{FIRST_YEAR} and {LAST_YEAR}")
        return day_of
    if isinstance(value, (int, float)) and not isinstance(value, bool) \
            and 20_000 <= value <= 80_000:  # an Excel day number, perhaps with a time
        return _EXCEL_EPOCH + timedelta(days=int(value))
    written = text(value)
    if written.isdigit() and len(written) == 5 and 20_000 <= int(written) <= 80_000:
        return _EXCEL_EPOCH + timedelta(days=int(written))  # 1954 to 2119, as text
    try:
        return parse_day(written)
    except DateError as error:
        if error.code == "no_such_day":
            raise ValueError(f"{label}: {written} is not a day of the calendar") from None
        if error.code == "year_range":
            raise ValueError(f"{label} {written!r}: the year must be between "
                             f"{FIRST_YEAR} and {LAST_YEAR}") from None
        raise ValueError(f"{label} {written!r} is not a date (use 2017-01-06 or 06.01.2017)") \
            from None


def time_of_day(value) -> str | None:
    """HH:MM, from a time, a date and time, a duration, or text like 14:30."""
    if value in (None, ""):
        return None
    if isinstance(value, (time, datetime)):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, timedelta):  # some readers give a time of day as a duration
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    written = text(value)
    try:
        moment = time.fromisoformat(written)
    except ValueError:
        raise ValueError(f"Time {written!r} is not a time of day (use 14:30)") from None
    return f"{moment.hour:02d}:{moment.minute:02d}"


def moment(value, label: str) -> str | None:
    """A creation or update time as stored: UTC with microseconds (db/moments.py reads it
    with its offset, and refuses one before 2000 or more than a day ahead of this
    computer's clock, which would otherwise win every "newest wins" comparison)."""
    if isinstance(value, str):
        value = text(value)
    try:
        return parse_moment(value)
    except MomentError as error:
        if error.code == "moment_range":
            raise ValueError(f"{label} {error.params['value']!r} is not between "
                             f"{error.params['first']} and {error.params['last']} "
                             "(a day after this computer's clock)") from None
        raise ValueError(f"{label} {text(value)!r} is not a date and time") from None


def to_millisecond(stamp: str) -> datetime:
    """A stored time rounded to the millisecond, as a spreadsheet keeps it."""
    when = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ")
    return when + timedelta(microseconds=(when.microsecond + 500) // 1000 * 1000
                            - when.microsecond)
