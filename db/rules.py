"""The rules a breach must meet before it is saved.

`breach_problems` returns every failed rule at once, keyed by field, so that the
window can show each message next to its field and the importer can list them all.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date
from typing import Callable

from .records import (AGE_GROUPS, CIVILIAN, GRADINGS, OUTCOMES, SEXES, Breach, Citation,
                      Victim, as_date)

MAX_DESCRIPTION = 10_000
MAX_SHORT_TEXT = 500
MAX_COUNT = 1_000_000  # more than any one incident; keeps sums far from overflow
COUNTS = (("killed", "Killed"), ("women", "Women killed"), ("children", "Children killed"),
          ("injured", "Injured"))
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")

# exists(table, key) -> bool, for the lists a breach points into.
Exists = Callable[[str, str], bool]


def is_count(value: object) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)
            and 0 <= value <= MAX_COUNT)


def clean_text(value: object) -> str:
    """Text as stored: NFC (Arabic typed on different keyboards compares equal), trimmed."""
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).strip()


def breach_problems(breach: Breach, exists: Exists, today: date | None = None) -> dict[str, str]:
    """Every rule that `breach` fails, as {field: message}; empty when it may be saved."""
    today = today or date.today()
    problems: dict[str, str] = {}

    def fail(field: str, message: str) -> None:
        problems.setdefault(field, message)

    _check_when(breach, exists, today, fail)
    _check_where(breach, exists, fail)
    _check_what(breach, exists, fail)
    _check_counts(breach, fail)
    for index, citation in enumerate(breach.citations):
        _check_citation(index, citation, exists, today, fail)
    if not breach.citations:
        fail("citations", "Cite at least one source.")
    for index, victim in enumerate(breach.victims):
        _check_victim(index, victim, fail)
    return problems


def _check_when(breach: Breach, exists: Exists, today: date, fail) -> None:
    if breach.occurred_on in (None, ""):
        fail("occurred_on", "Date is required.")
    else:
        day = as_date(breach.occurred_on)
        if day is None:
            fail("occurred_on", "Date must be a date, like 2017-01-06.")
        elif day > today:
            fail("occurred_on", "Date cannot be in the future.")
    if breach.occurred_at not in (None, "") and not (
            isinstance(breach.occurred_at, str) and _TIME.fullmatch(breach.occurred_at.strip())):
        fail("occurred_at", "Time must be a time of day, like 14:30.")
    if breach.truce_id and not exists("truce", breach.truce_id):
        fail("truce_id", "Truce is not in this database.")


def _check_where(breach: Breach, exists: Exists, fail) -> None:
    if not breach.governorate_id:
        fail("governorate_id", "Governorate is required.")
    elif not exists("governorate", breach.governorate_id):
        fail("governorate_id", "Governorate must be one of the gazetteer's governorates.")
    for field, label in (("district", "District"), ("place", "Place")):
        if len(clean_text(getattr(breach, field))) > MAX_SHORT_TEXT:
            fail(field, f"{label} is too long: at most {MAX_SHORT_TEXT} characters.")
    lat, lon = breach.latitude, breach.longitude
    if (lat is None) != (lon is None):
        fail("latitude" if lat is None else "longitude",
             "Give both latitude and longitude, or neither.")
    for field, value, limit in (("latitude", lat, 90), ("longitude", lon, 180)):
        if value is None:
            continue
        # NaN fails the range test; so does an int too large for a float.
        if (not isinstance(value, (int, float)) or isinstance(value, bool)
                or not -limit <= value <= limit):
            fail(field, f"{field.capitalize()} must be a number between -{limit} and {limit}.")


def _check_what(breach: Breach, exists: Exists, fail) -> None:
    if not breach.breach_type_id:
        fail("breach_type_id", "Type is required.")
    elif not exists("breach_type", breach.breach_type_id):
        fail("breach_type_id", "Type must be one of the list of breach types.")
    if breach.actor_id and not exists("actor", breach.actor_id):
        fail("actor_id", "Perpetrator must be one of the list of actors.")
    if breach.status not in GRADINGS:
        fail("status", "Grading must be reported, confirmed, contested or discounted.")
    if not isinstance(breach.description, str):
        fail("description", "Description must be text.")
    elif len(clean_text(breach.description)) > MAX_DESCRIPTION:
        fail("description", f"Description is too long: {len(breach.description):,} characters, "
                            f"at most {MAX_DESCRIPTION:,}.")


def _check_counts(breach: Breach, fail) -> None:
    whole = True
    for field, label in COUNTS:
        least, most = getattr(breach, field), getattr(breach, f"{field}_max")
        if not is_count(least):
            fail(field, f"{label} must be a whole number, 0 or more (at most {MAX_COUNT:,}).")
            whole = False
        if most is not None and not is_count(most):
            fail(f"{field}_max", f"{label} (up to) must be a whole number, 0 or more "
                                 f"(at most {MAX_COUNT:,}).")
            whole = False
        elif most is not None and is_count(least) and most < least:
            fail(f"{field}_max", f"{label} (up to) cannot be below {label} (at least), {least}.")
    if not whole:
        return
    if breach.women + breach.children > breach.killed:
        fail("killed", f"Women ({breach.women}) and children ({breach.children}) killed add up "
                       f"to more than Killed ({breach.killed}).")
    most = {f: (getattr(breach, f"{f}_max") if getattr(breach, f"{f}_max") is not None
                else getattr(breach, f)) for f, _ in COUNTS}
    if most["women"] + most["children"] > most["killed"]:
        fail("killed_max", f"Women ({most['women']}) and children ({most['children']}) killed "
                           f"(up to) add up to more than Killed (up to), {most['killed']}.")
    implied = victim_counts(breach.victims)
    for field, label in COUNTS:
        if implied[field] > getattr(breach, field):
            fail(field, f"{label} ({getattr(breach, field)}) cannot be below the "
                        f"{implied[field]} named victim{'s' if implied[field] != 1 else ''} "
                        f"it lists.")


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


def _check_citation(index: int, citation: Citation, exists: Exists, today: date, fail) -> None:
    prefix, field = f"Source {index + 1}: ", f"citations[{index}]."
    if not citation.source_id:
        # A name alone is a new source, made with the breach.
        if not clean_text(citation.source_name):
            fail(field + "source_id", prefix + "choose a source.")
        elif len(clean_text(citation.source_name)) > MAX_SHORT_TEXT:
            fail(field + "source_id", prefix + f"the name is too long: at most {MAX_SHORT_TEXT}.")
    elif not exists("source", citation.source_id):
        fail(field + "source_id", prefix + "the source is not in this database.")
    if citation.reported_on not in (None, ""):
        day = as_date(citation.reported_on)
        if day is None:
            fail(field + "reported_on", prefix + "date reported must be a date, like 2017-01-06.")
        elif day > today:
            fail(field + "reported_on", prefix + "date reported cannot be in the future.")
    if len(clean_text(citation.reference)) > MAX_DESCRIPTION:
        fail(field + "reference", prefix + f"reference is too long: at most {MAX_DESCRIPTION:,}.")


def _check_victim(index: int, victim: Victim, fail) -> None:
    prefix, field = f"Victim {index + 1}: ", f"victims[{index}]."
    if not clean_text(victim.name) and not clean_text(victim.name_latin):
        fail(field + "name", prefix + "give a name, in Arabic or Latin script.")
    for name, allowed in (("sex", SEXES), ("age_group", AGE_GROUPS), ("outcome", OUTCOMES),
                          ("civilian", CIVILIAN)):
        if getattr(victim, name) not in allowed:
            fail(field + name, prefix + f"{name.replace('_', ' ')} must be one of "
                                        f"{', '.join(allowed)}.")
    if victim.age is not None:
        if not is_count(victim.age) or victim.age > 130:
            fail(field + "age", prefix + "age must be a whole number of years, 0 to 130.")
        elif victim.age_group == "adult" and victim.age < 18:
            fail(field + "age_group", prefix + f"age {victim.age} is a child, not an adult.")
        elif victim.age_group == "child" and victim.age >= 18:
            fail(field + "age_group", prefix + f"age {victim.age} is an adult, not a child.")


def normalized(breach: Breach) -> Breach:
    """A copy of a valid breach as it is stored: text cleaned, dates in ISO form."""
    day = as_date(breach.occurred_on)
    return replace(
        breach,
        occurred_on=day.isoformat() if day else None,
        occurred_at=clean_text(breach.occurred_at) or None,
        district=clean_text(breach.district),
        place=clean_text(breach.place),
        description=unicodedata.normalize("NFC", breach.description or "").strip(),
        latitude=float(breach.latitude) if breach.latitude is not None else None,
        longitude=float(breach.longitude) if breach.longitude is not None else None,
        citations=[replace(c, reference=clean_text(c.reference), note=clean_text(c.note),
                           source_name=clean_text(c.source_name),
                           reported_on=(as_date(c.reported_on).isoformat()
                                        if c.reported_on not in (None, "") else None))
                   for c in breach.citations],
        victims=[replace(v, name=clean_text(v.name), name_latin=clean_text(v.name_latin),
                         notes=clean_text(v.notes), confidential=bool(v.confidential),
                         age_group=("child" if v.age is not None and v.age < 18 else
                                    "adult" if v.age is not None else v.age_group))
                 for v in breach.victims],
    )
