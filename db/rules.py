"""The rules a breach must meet before it is saved.

`breach_problems` returns every failed rule at once, keyed by field, as a code and its
parameters, so that the window can show each message next to its field and the importer
can list them all (gui/messages.py gives their words).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import fields
from datetime import date
from typing import Callable

from .dates import FIRST_YEAR, LAST_YEAR, DateError, parse_day
from .records import (ADULT_AGE, AGE_GROUPS, CIVILIAN, GRADINGS, OUTCOMES, SEXES, Breach,
                      Citation, Victim, as_date)

MAX_DESCRIPTION = 10_000
MAX_SHORT_TEXT = 500
MAX_COUNT = 1_000_000  # more than any one incident; keeps sums far from overflow
COUNTS = ("killed", "women", "children", "injured")
# What separates sources in a spreadsheet cell: ";", the Arabic semicolon "؛" (U+061B) an
# Arabic keyboard types, and the full-width "；". A source's name holds none of them.
SOURCE_SEPARATORS = re.compile("[;\u061b\uff1b]")


def holds_separator(name: str) -> bool:
    """Whether a source's name holds a character that separates sources in a cell."""
    return SOURCE_SEPARATORS.search(name or "") is not None
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")

# exists(table, key) -> bool, for the lists a breach points into.
Exists = Callable[[str, str], bool]


def is_count(value: object) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)
            and 0 <= value <= MAX_COUNT)


def clean_text(value: object) -> str:
    """Text as stored: NFC (Arabic typed on different keyboards compares equal), trimmed."""
    if type(value) is str and value.isascii():
        return value.strip()  # NFC changes no ASCII text: the quick way for most texts
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).strip()


class Problems:
    """The failed rules of one record: {field: (code, params)}, first failure per field."""

    def __init__(self):
        self.codes: dict[str, tuple[str, dict]] = {}

    def fail(self, key: str, code: str, /, **params) -> None:
        """Record that the field `key` fails rule `code` (kept only if it is the first)."""
        self.codes.setdefault(key, (code, params))

    def __bool__(self) -> bool:
        return bool(self.codes)


def pointed_keys(breach: Breach) -> list[tuple[str, str]]:
    """Every (kind, key) of a list entry the breach points to: what `check_breach` asks
    `exists` about, for a caller that looks them all up at once."""
    pointed = [("truce", breach.truce_id), ("governorate", breach.governorate_id),
               ("breach_type", breach.breach_type_id), ("actor", breach.actor_id)]
    pointed += [("source", c.source_id) for c in breach.citations]
    return [(kind, key) for kind, key in pointed if key]


def breach_problems(breach: Breach, exists: Exists, today: date | None = None
                    ) -> dict[str, tuple[str, dict]]:
    """Every rule that `breach` fails, as {field: (code, params)}; empty when it may be
    saved."""
    return dict(check_breach(breach, exists, today).codes)


def check_breach(breach: Breach, exists: Exists, today: date | None = None) -> Problems:
    """Every rule that `breach` fails, with codes and parameters for translation."""
    today = today or date.today()
    problems = Problems()
    _check_when(breach, exists, today, problems.fail)
    _check_where(breach, exists, problems.fail)
    _check_what(breach, exists, problems.fail)
    _check_counts(breach, problems.fail)
    _check_citations(breach.citations, exists, today, problems.fail)
    if not breach.citations:
        problems.fail("citations", "no_source")
    for index, victim in enumerate(breach.victims):
        _check_victim(index, victim, problems.fail)
    return problems


def _check_when(breach: Breach, exists: Exists, today: date, fail) -> None:
    if breach.occurred_on in (None, ""):
        fail("occurred_on", "required", field="occurred_on")
    else:
        day = as_date(breach.occurred_on)
        if day is None:
            code, params = _date_problem(breach.occurred_on)
            fail("occurred_on", code, field="occurred_on", **params)
        elif not FIRST_YEAR <= day.year <= LAST_YEAR:  # 0217-01-05 is a date to Python
            fail("occurred_on", "year_range", field="occurred_on", value=str(day),
                 first=FIRST_YEAR, last=LAST_YEAR)
        elif day > today:
            fail("occurred_on", "future", field="occurred_on")
    if breach.occurred_at not in (None, "") and not (
            isinstance(breach.occurred_at, str) and _TIME.fullmatch(breach.occurred_at.strip())):
        fail("occurred_at", "not_a_time")
    if breach.truce_id and not exists("truce", breach.truce_id):
        fail("truce_id", "unknown_truce")


def _date_problem(value) -> tuple[str, dict]:
    """Why `value`, which is not a stored date, is none: a form that cannot be read, a
    day the calendar lacks, or a year out of range (see db/dates.py)."""
    try:
        parse_day(str(value))
    except DateError as error:
        return error.code, {k: v for k, v in error.params.items() if k not in ("label", "field")}
    return "not_a_date", {}


def _check_where(breach: Breach, exists: Exists, fail) -> None:
    if not breach.governorate_id:
        fail("governorate_id", "required", field="governorate_id")
    elif not exists("governorate", breach.governorate_id):
        fail("governorate_id", "unknown_governorate")
    for field in ("district", "place"):
        if len(clean_text(getattr(breach, field))) > MAX_SHORT_TEXT:
            fail(field, "too_long", field=field, limit=MAX_SHORT_TEXT)
    lat, lon = breach.latitude, breach.longitude
    if (lat is None) != (lon is None):
        fail("latitude" if lat is None else "longitude", "coordinates_pair")
    for field, value, limit in (("latitude", lat, 90), ("longitude", lon, 180)):
        # NaN fails the range test; so does an int too large for a float.
        if value is not None and (not isinstance(value, (int, float))
                                  or isinstance(value, bool) or not -limit <= value <= limit):
            fail(field, "coordinate_range", field=field, limit=limit)


def _check_what(breach: Breach, exists: Exists, fail) -> None:
    if not breach.breach_type_id:
        fail("breach_type_id", "required", field="breach_type_id")
    elif not exists("breach_type", breach.breach_type_id):
        fail("breach_type_id", "unknown_type")
    if breach.actor_id and not exists("actor", breach.actor_id):
        fail("actor_id", "unknown_actor")
    elif not breach.actor_id and len(clean_text(breach.actor_name)) > MAX_SHORT_TEXT:
        fail("actor_id", "too_long", field="actor_id", limit=MAX_SHORT_TEXT)
    if breach.status not in GRADINGS:
        fail("status", "grading")
    if not isinstance(breach.description, str):
        fail("description", "too_long", field="description", limit=MAX_DESCRIPTION)
    elif len(clean_text(breach.description)) > MAX_DESCRIPTION:
        fail("description", "description_too_long", length=len(breach.description),
             limit=MAX_DESCRIPTION)


def _check_counts(breach: Breach, fail) -> None:
    whole = True
    for field in COUNTS:
        least, most = getattr(breach, field), getattr(breach, f"{field}_max")
        if not is_count(least):
            fail(field, "count", field=field, limit=MAX_COUNT)
            whole = False
        if most is not None and not is_count(most):
            fail(f"{field}_max", "count_max", field=field, limit=MAX_COUNT)
            whole = False
        elif most is not None and is_count(least) and most < least:
            fail(f"{field}_max", "below_least", field=field, least=least)
    if not whole:
        return
    if breach.women + breach.children > breach.killed:
        fail("killed", "over_killed", women=breach.women, children=breach.children,
             killed=breach.killed)
    most = {f: (getattr(breach, f"{f}_max") if getattr(breach, f"{f}_max") is not None
                else getattr(breach, f)) for f in COUNTS}
    if most["women"] + most["children"] > most["killed"]:
        fail("killed_max", "over_killed_max", women=most["women"], children=most["children"],
             killed=most["killed"])
    implied = victim_counts(breach.victims)
    for field in COUNTS:
        if implied[field] > getattr(breach, field):
            fail(field, "below_victims", field=field, count=getattr(breach, field),
                 victims=implied[field])


def victim_counts(victims: list[Victim]) -> dict[str, int]:
    """The least counts that a list of named victims implies."""
    counts = {"killed": 0, "women": 0, "children": 0, "injured": 0}
    for victim in victims:
        if victim.outcome == "killed":
            counts["killed"] += 1
            if victim.is_child():
                counts["children"] += 1
            elif victim.sex == "female" and victim.is_adult():
                counts["women"] += 1
        elif victim.outcome == "injured":
            counts["injured"] += 1
    return counts


def _check_citations(citations: list[Citation], exists: Exists, today: date, fail) -> None:
    """Each citation's rules, and that no source is cited twice by one breach.

    A citation of a known source is one by key; one by name alone (a new source, or the
    known one of that name, as the save will decide) is the same as any other of its name.
    """
    by_key: dict[str, int] = {}  # known source -> n of its first citation
    by_name: dict[str, int] = {}  # name alone -> n of its first citation
    known_names: dict[str, int] = {}  # name of a known source -> n of its first citation
    for index, citation in enumerate(citations):
        _check_citation(index, citation, exists, today, fail)
        n, name = index + 1, clean_text(citation.source_name).casefold()
        if citation.source_id:
            first = by_key.get(citation.source_id) or (by_name.get(name) if name else None)
        else:
            first = (by_name.get(name) or known_names.get(name)) if name else None
        if first is not None:
            fail(f"citations[{index}].source_id", "citation_twice", n=n, first=first,
                 name=clean_text(citation.source_name))
        if citation.source_id:
            by_key.setdefault(citation.source_id, n)
            if name:
                known_names.setdefault(name, n)
        elif name:
            by_name.setdefault(name, n)


def _check_citation(index: int, citation: Citation, exists: Exists, today: date, fail) -> None:
    field, n = f"citations[{index}].", index + 1
    if not citation.source_id:
        # A name alone is a new source, made with the breach.
        if not clean_text(citation.source_name):
            fail(field + "source_id", "citation_source", n=n)
        elif len(clean_text(citation.source_name)) > MAX_SHORT_TEXT:
            fail(field + "source_id", "citation_name_too_long", n=n, limit=MAX_SHORT_TEXT)
        elif holds_separator(citation.source_name):
            fail(field + "source_id", "citation_semicolon", n=n)
    elif not exists("source", citation.source_id):
        fail(field + "source_id", "citation_unknown_source", n=n)
    if citation.reported_on not in (None, ""):
        day = as_date(citation.reported_on)
        if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
            fail(field + "reported_on", "citation_not_a_date", n=n)
        elif day > today:
            fail(field + "reported_on", "citation_future", n=n)
    if len(clean_text(citation.reference)) > MAX_DESCRIPTION:
        fail(field + "reference", "citation_too_long", n=n, limit=MAX_DESCRIPTION)


def _check_victim(index: int, victim: Victim, fail) -> None:
    field, n = f"victims[{index}].", index + 1
    if not clean_text(victim.name) and not clean_text(victim.name_latin):
        fail(field + "name", "victim_name", n=n)
    for name, allowed in (("sex", SEXES), ("age_group", AGE_GROUPS), ("outcome", OUTCOMES),
                          ("civilian", CIVILIAN)):
        if getattr(victim, name) not in allowed:
            fail(field + name, "victim_choice", n=n, field=name, allowed=", ".join(allowed))
    if victim.age is not None:
        if not is_count(victim.age) or victim.age > 130:
            fail(field + "age", "victim_age", n=n)
        elif victim.age_group == "adult" and victim.age < ADULT_AGE:
            fail(field + "age_group", "victim_child_not_adult", n=n, age=victim.age)
        elif victim.age_group == "child" and victim.age >= ADULT_AGE:
            fail(field + "age_group", "victim_adult_not_child", n=n, age=victim.age)


@functools.cache
def _init_fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind) if f.init)


def _replaced(record, /, **changes):
    """dataclasses.replace(record, **changes) for the records here, without its checks of
    each field (the import normalizes 100,000 breaches): a new record made by __init__
    from the record's fields, `changes` in place of some."""
    names = _init_fields(type(record))
    values = vars(record)
    if len(values) == len(names):  # its fields alone (every one set by __init__): copied
        values = values.copy()
    else:
        values = {name: getattr(record, name) for name in names}
    values.update(changes)
    return type(record)(**values)


def normalized(breach: Breach) -> Breach:
    """A copy of a valid breach as it is stored: text cleaned, dates in ISO form."""
    day = as_date(breach.occurred_on)
    return _replaced(
        breach,
        occurred_on=day.isoformat() if day else None,
        actor_name=clean_text(breach.actor_name),
        occurred_at=clean_text(breach.occurred_at) or None,
        district=clean_text(breach.district),
        place=clean_text(breach.place),
        description=unicodedata.normalize("NFC", breach.description or "").strip(),
        latitude=float(breach.latitude) if breach.latitude is not None else None,
        longitude=float(breach.longitude) if breach.longitude is not None else None,
        citations=[_replaced(c, reference=clean_text(c.reference), note=clean_text(c.note),
                           source_name=clean_text(c.source_name),
                           reported_on=(as_date(c.reported_on).isoformat()
                                        if c.reported_on not in (None, "") else None))
                   for c in breach.citations],
        victims=[_replaced(v, name=clean_text(v.name), name_latin=clean_text(v.name_latin),
                         notes=clean_text(v.notes), confidential=bool(v.confidential),
                         age_group=("child" if v.age is not None and v.age < 18 else
                                    "adult" if v.age is not None else v.age_group))
                 for v in breach.victims],
    )
