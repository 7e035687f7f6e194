"""Moments (created, updated, deleted times) as they come in from files: the one reader.

A moment is stored in one canonical form, UTC with microseconds and a Z
(2017-01-06T09:30:00.000000Z), so that text order is time order and "the newer version
wins" compares like with like. A moment from a spreadsheet or another office's file is
read with its offset (+03:00 is three hours ahead of UTC; none, or Z, is UTC) and refused
when it is outside a sane range: not before 2000, not more than a day ahead of this
computer's clock. A moment in 2999 would otherwise beat every later edit, forever.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
FIRST_MOMENT = datetime(2000, 1, 1, tzinfo=timezone.utc)
# How far ahead of this computer's clock a moment may be (another office's clock may run
# a little ahead of ours; a day is more than any time zone mistake).
AHEAD = timedelta(days=1)
_CANONICAL = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")


class MomentError(ValueError):
    """A moment that cannot be read, or is outside the sane range. `code` is
    "not_a_moment" or "moment_range"; `params` has the value (and first/last)."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(code)


def parse_moment(value: object, now: datetime | None = None) -> str | None:
    """`value` (a datetime, or text in ISO 8601 with or without an offset) as a stored
    moment; None for an empty cell. Raises MomentError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        when = value
    else:
        written = str(value).strip()
        if written.endswith(("Z", "z")):
            written = written[:-1] + "+00:00"
        written = written.replace(" ", "T", 1)
        try:
            when = datetime.fromisoformat(written)
        except (ValueError, OverflowError):
            raise MomentError("not_a_moment", value=str(value).strip()) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    try:
        when = when.astimezone(timezone.utc)
    except (ValueError, OverflowError):  # year 1 or 9999 pushed past the calendar's ends
        when = datetime.min.replace(tzinfo=timezone.utc)
    _in_range(when, str(value).strip(), now)
    return when.strftime(FORMAT)


def checked_stored(stamp: object, now: datetime | None = None) -> str:
    """A moment read from another ledger file, which must already be in the canonical
    form and in range; MomentError otherwise."""
    if not isinstance(stamp, str) or not _CANONICAL.fullmatch(stamp):
        raise MomentError("not_a_moment", value=str(stamp))
    try:
        # fromisoformat reads the canonical form 30 times as fast as strptime (a merge
        # reads hundreds of thousands) and refuses the same days that do not exist.
        when = datetime.fromisoformat(stamp[:-1]).replace(tzinfo=timezone.utc)
    except ValueError:
        raise MomentError("not_a_moment", value=stamp) from None
    _in_range(when, stamp, now)
    return stamp


def _in_range(when: datetime, written: str, now: datetime | None) -> None:
    last = (now or datetime.now(timezone.utc)) + AHEAD
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    if last.tzinfo is None:
        last = last.replace(tzinfo=timezone.utc)
    if not FIRST_MOMENT <= when <= last:
        raise MomentError("moment_range", value=written, first=FIRST_MOMENT.date().isoformat(),
                          last=last.strftime("%Y-%m-%d %H:%M UTC"))
