"""Dates as people type them. One reader for the window's date fields, the command
line's --from/--to and the importer, so that one set of forms is accepted everywhere.

Day first, always (the region's convention): 4.1.2017, 04/01/2017 and 4-1-2017 are the
4th of January. Also accepted: 2017-01-04 (year first), 20170104, 4 Jan 2017,
4 January 2017, Jan 4 2017, 4 كانون الثاني 2017, 4 يناير 2017, with Western, Arabic-Indic
(٠١٢٣٤٥٦٧٨٩) or Persian (۰۱۲۳۴۵۶۷۸۹) digits; a weekday name before the date is ignored
(the window shows "Wednesday 4 January 2017", and that text reads back). A day and a
month without a year (4.1) is the latest such day not after today; "today" and
"yesterday" (اليوم، أمس) are what they say.

A text that cannot be read raises DateError with code "not_a_date"; one that reads as a
day that does not exist (31.2.2017) raises it with code "no_such_day".
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from .digits import DIGITS as _DIGITS
from .errors import LedgerError

# Marks of direction and the Arabic comma and date separators people paste with a date.
_NOISE = str.maketrans({"\u200e": "", "\u200f": "", "\u061c": "", "\u2066": "",
                        "\u2067": "", "\u2068": "", "\u2069": "", "\u060c": " ",
                        ",": " ", "\u066b": ".", "\u066c": " ", "\u2044": "/",
                        "\u2013": "-", "\u2212": "-"})

MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
        ("january", "jan", "كانون الثاني", "يناير", "جانفي"),
        ("february", "feb", "شباط", "فبراير", "فيفري"),
        ("march", "mar", "آذار", "اذار", "مارس"),
        ("april", "apr", "نيسان", "أبريل", "ابريل", "إبريل", "أفريل", "افريل"),
        ("may", "أيار", "ايار", "مايو", "ماي"),
        ("june", "jun", "حزيران", "يونيو", "يونيه", "جوان"),
        ("july", "jul", "تموز", "يوليو", "يوليه", "جويلية"),
        ("august", "aug", "آب", "اب", "أغسطس", "اغسطس", "أوت"),
        ("september", "sep", "sept", "أيلول", "ايلول", "سبتمبر"),
        ("october", "oct", "تشرين الأول", "تشرين الاول", "أكتوبر", "اكتوبر"),
        ("november", "nov", "تشرين الثاني", "نوفمبر"),
        ("december", "dec", "كانون الأول", "كانون الاول", "ديسمبر"),
), start=1):
    for _name in _names:
        MONTHS[_name] = _number

TODAY = ("today", "اليوم")
YESTERDAY = ("yesterday", "أمس", "امس", "البارحة")
WEEKDAYS = ("monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu",
            "thur", "thurs", "friday", "fri", "saturday", "sat", "sunday", "sun",
            "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الاربعاء", "الخميس", "الجمعة",
            "السبت", "الأحد", "الاحد")

# Month names longest first, so that "كانون الثاني" is found before a shorter name in it.
_MONTH_PATTERN = "|".join(re.escape(name) for name in sorted(MONTHS, key=len, reverse=True))
_GAP = r"[\s\-./]*"
_WORDS = re.compile(
    rf"^(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{_GAP}(?:of\s+)?(?P<m1>{_MONTH_PATTERN}){_GAP}"
    rf"(?P<y1>\d{{4}}|\d{{2}})?"
    rf"|(?P<m2>{_MONTH_PATTERN}){_GAP}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?{_GAP}(?P<y2>\d{{4}}))$")
# A time after the day, as spreadsheets and pandas write a date: 2017-01-04 00:00:00.
_TIME = re.compile(r"[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?$")
_NUMBERS = re.compile(r"^(\d{1,4})\s*[./\-\s]\s*(\d{1,2})\s*(?:[./\-\s]\s*(\d{1,4}))?$")


FIRST_YEAR, LAST_YEAR = 1900, 2100


class DateError(LedgerError, ValueError):
    """A typed date that is not one: code "not_a_date" or "no_such_day"."""


def normalize(text: str) -> str:
    """The text with Western digits, without direction marks, spaces single, lower case."""
    plain = str(text).translate(_DIGITS).translate(_NOISE).strip().casefold()
    plain = re.sub(r"\s+", " ", plain)
    plain = _TIME.sub("", plain).rstrip(" .")  # "4.1." is "4.1"
    for name in WEEKDAYS:  # a weekday before the date: "Wednesday 4 January 2017"
        if plain.startswith(name + " "):
            plain = plain[len(name) + 1:].lstrip()
            break
    return plain


def parse_day(text: str, today: date | None = None) -> date | None:
    """The day `text` names; None when it is empty. Raises DateError if it names none."""
    written = normalize(text or "")
    if not written:
        return None
    today = today or date.today()
    if written in TODAY:
        return today
    if written in YESTERDAY:
        return today - timedelta(days=1)
    day, month, year = _parts(written)
    if day is None:
        raise _error("not_a_date", text)
    if year is None:  # 4.1: the latest 4 January not after today (29.2: of a leap year)
        year = today.year
        while year > today.year - 8 and not (
                _exists(year, month, day) and date(year, month, day) <= today):
            year -= 1
    elif len(year) == 2:  # 4.1.17: this century, unless that is after this year
        year = int(year) + (2000 if 2000 + int(year) <= today.year else 1900)
    else:
        year = int(year)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _error("year_range", text)
    if not _exists(year, month, day):
        raise _error("no_such_day", text)
    return date(year, month, day)


def _error(code: str, text: str) -> DateError:
    params = {"field": "occurred_on", "value": str(text).strip(), "first": FIRST_YEAR,
              "last": LAST_YEAR}
    return DateError(code, **params)


def _parts(written: str) -> tuple[int | None, int | None, str | None]:
    """(day, month, year) as written, year None if not given; (None, None, None) if the
    text has none of the accepted forms."""
    nothing = (None, None, None)
    if written.isdigit():
        if len(written) == 8:  # 20170104, else 04012017
            year, month, day = int(written[:4]), int(written[4:6]), int(written[6:])
            if 1000 <= year and _exists(year, month, day):
                return day, month, written[:4]
            return int(written[:2]), int(written[2:4]), written[4:]
        if len(written) == 6:  # 040117
            return int(written[:2]), int(written[2:4]), written[4:]
        return nothing
    found = _WORDS.match(written)
    if found:
        if found["m1"]:
            return int(found["d1"]), MONTHS[found["m1"]], found["y1"]
        return int(found["d2"]), MONTHS[found["m2"]], found["y2"]
    found = _NUMBERS.match(written)
    if not found:
        return nothing
    first, second, third = found.groups()
    if len(first) == 4:  # year first: 2017-01-04
        if third is None or len(third) > 2:
            return nothing
        return int(third), int(second), first
    if len(first) == 3 or (third is not None and len(third) not in (2, 4)):
        return nothing
    return int(first), int(second), third


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1 <= year <= 9999
