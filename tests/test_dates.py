"""One reader of typed dates (db/dates.py), for the window, the command line and imports:
every form people type, day first, and a clear refusal of what is not a day."""
from __future__ import annotations

from datetime import date

import pytest

import db
from gui.messages import error_text

TODAY = date(2017, 3, 15)
JANUARY_4 = date(2017, 1, 4)


@pytest.mark.parametrize("written", [
    "2017-01-04", "4.1.2017", "04.01.2017", "04/01/2017", "4/1/2017", "4-1-2017", "20170104",
    "4 Jan 2017", "4 January 2017", "4 JANUARY 2017", "Jan 4 2017", "January 4th, 2017",
    "Wednesday 4 January 2017", "Wed 4 Jan 2017", " 4.1.2017 ",
    "4 كانون الثاني 2017", "4 يناير 2017", "الأربعاء 4 كانون الثاني 2017",
    "٤ كانون الثاني ٢٠١٧", "٤/١/٢٠١٧", "٢٠١٧-٠١-٠٤", "۴.۱.۲۰۱۷",
    "\u200f4/1/2017\u200f",  # pasted from right-to-left text, with its direction marks
])
def test_each_form_reads_as_the_4th_of_january(written):
    assert db.parse_day(written, today=TODAY) == JANUARY_4


def test_day_first_always():
    assert db.parse_day("1.2.2017", today=TODAY) == date(2017, 2, 1)
    assert db.parse_day("02/01/2017", today=TODAY) == date(2017, 1, 2)
    assert db.parse_day("12-11-2016", today=TODAY) == date(2016, 11, 12)


@pytest.mark.parametrize("written, day", [
    ("4.1.17", date(2017, 1, 4)),  # this century, as it is not after this year
    ("4/1/99", date(1999, 1, 4)),  # after this year: the last century
    ("29.12.16", date(2016, 12, 29)),
])
def test_two_digit_years(written, day):
    assert db.parse_day(written, today=TODAY) == day


def test_a_day_and_month_without_a_year_is_the_latest_not_after_today():
    assert db.parse_day("4.1", today=TODAY) == date(2017, 1, 4)
    assert db.parse_day("15.3", today=TODAY) == TODAY
    assert db.parse_day("16.3", today=TODAY) == date(2016, 3, 16)  # tomorrow: last year's
    assert db.parse_day("4 Jan", today=TODAY) == date(2017, 1, 4)


def test_empty_is_no_date():
    assert db.parse_day("", today=TODAY) is None
    assert db.parse_day("   ", today=TODAY) is None


@pytest.mark.parametrize("written, code", [
    ("31.2.2017", "no_such_day"), ("29.2.2017", "no_such_day"), ("2017-13-01", "no_such_day"),
    ("0.1.2017", "no_such_day"), ("٣١/٢/٢٠١٧", "no_such_day"),
    ("soon", "not_a_date"), ("last Tuesday", "not_a_date"), ("4.1.2017.5", "not_a_date"),
    ("4 Smarch 2017", "not_a_date"), ("2017-01", "not_a_date"), ("123", "not_a_date"),
    ("4.1.201", "not_a_date"), ("1.1.1850", "year_range"), ("1.1.2150", "year_range"),
])
def test_what_is_not_a_day_is_refused_with_its_reason(written, code):
    with pytest.raises(db.DateError) as refused:
        db.parse_day(written, today=TODAY)
    assert refused.value.code == code
    assert isinstance(refused.value, db.LedgerError)
    assert refused.value.params["value"] == written.strip()
    assert error_text(refused.value).startswith("Date")  # the words the command line prints


def test_a_leap_day_reads_in_a_leap_year():
    assert db.parse_day("29.2.2016", today=TODAY) == date(2016, 2, 29)
    assert db.parse_day("20160229", today=TODAY) == date(2016, 2, 29)


def test_the_29th_of_february_without_a_year_is_that_of_the_last_leap_year():
    assert db.parse_day("29.2", date(2027, 3, 1)) == date(2024, 2, 29)
    assert db.parse_day("29.2", date(2028, 3, 1)) == date(2028, 2, 29)


@pytest.mark.parametrize("written", [
    "2017-01-04 00:00:00", "2017-01-04T13:45:00Z", "04-Jan-17", "4-Jan-2017", "4th Jan 2017",
    "4.1.2017.", "Jan 4, 2017"])
def test_what_spreadsheets_and_other_programs_write_is_read(written):
    """pandas and LibreOffice write a time after the day; Excel's dd-mmm-yy."""
    assert db.parse_day(written, date(2026, 11, 30)) == date(2017, 1, 4)


def test_a_year_written_with_four_digits_is_that_year():
    with pytest.raises(db.DateError) as refused:
        db.parse_day("4.1.0017")
    assert refused.value.code == "year_range"
