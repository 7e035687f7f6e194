"""The words of the core's messages, in English, each under a code.

An error carries its code and parameters beside its English text, so that the window
can say the same in the user's language (gui/messages.py) and the command line and
importer can print the English.
"""
from __future__ import annotations

LABELS = {
    "occurred_on": "Date", "occurred_at": "Time", "truce_id": "Truce",
    "governorate_id": "Governorate", "district": "District", "place": "Place",
    "latitude": "Latitude", "longitude": "Longitude", "actor_id": "Perpetrator",
    "breach_type_id": "Type", "status": "Grading", "description": "Description",
    "killed": "Killed", "women": "Women killed", "children": "Children killed",
    "injured": "Injured", "reported_on": "date reported", "reference": "reference",
    "sex": "sex", "age_group": "age group", "outcome": "outcome", "civilian": "civilian",
    "name": "Name", "kind": "Kind", "reliability": "Reliability", "start_date": "Start date",
    "end_date": "End date",
}

MESSAGES = {
    # A breach's fields.
    "required": "{label} is required.",
    "not_a_date": "{label} must be a date, like 4.1.2017 or 2017-01-04.",
    "no_such_day": "{label}: {value} is not a day of the calendar.",
    "year_range": "{label}: the year must be between {first} and {last}.",
    "future": "{label} cannot be in the future.",
    "not_a_time": "Time must be a time of day, like 14:30.",
    "unknown_truce": "Truce is not in this database.",
    "unknown_governorate": "Governorate must be one of the gazetteer's governorates.",
    "unknown_type": "Type must be one of the list of breach types.",
    "unknown_actor": "Perpetrator must be one of the list of actors.",
    "too_long": "{label} is too long: at most {limit:,} characters.",
    "description_too_long": "Description is too long: {length:,} characters, at most {limit:,}.",
    "coordinates_pair": "Give both latitude and longitude, or neither.",
    "coordinate_range": "{label} must be a number between -{limit} and {limit}.",
    "grading": "Grading must be reported, confirmed, contested or discounted.",
    "count": "{label} must be a whole number, 0 or more (at most {limit:,}).",
    "count_max": "{label} (up to) must be a whole number, 0 or more (at most {limit:,}).",
    "below_least": "{label} (up to) cannot be below {label} (at least), {least}.",
    "over_killed": "Women ({women}) and children ({children}) killed add up to more than "
                   "Killed ({killed}).",
    "over_killed_max": "Women ({women}) and children ({children}) killed (up to) add up to "
                       "more than Killed (up to), {killed}.",
    "below_victims": "{label} ({count}) cannot be below the {victims} named {victim_word} "
                     "it lists.",
    "no_source": "Cite at least one source.",
    "in_trash": "This breach is in the Trash: restore it first.",
    # A citation (n counts from 1).
    "citation_source": "Source {n}: choose a source.",
    "citation_unknown_source": "Source {n}: the source is not in this database.",
    "citation_name_too_long": "Source {n}: the name is too long: at most {limit:,}.",
    "citation_semicolon": "Source {n}: a source's name cannot hold \";\" or \"؛\" (they "
                          "separate sources in spreadsheets).",
    "citation_not_a_date": "Source {n}: date reported must be a date, like 2017-01-06.",
    "citation_future": "Source {n}: date reported cannot be in the future.",
    "citation_too_long": "Source {n}: reference is too long: at most {limit:,}.",
    "citation_twice": "Source {n} is already cited by this breach: cite each source once.",
    # A victim (n counts from 1).
    "victim_name": "Victim {n}: give a name, in Arabic or Latin script.",
    "victim_choice": "Victim {n}: {label} must be one of {allowed}.",
    "victim_age": "Victim {n}: age must be a whole number of years, 0 to 130.",
    "victim_child_not_adult": "Victim {n}: age {age} is a child, not an adult.",
    "victim_adult_not_child": "Victim {n}: age {age} is an adult, not a child.",
    # Lists and sources.
    "one_of": "{label} must be one of: {allowed}.",
    "semicolon": "{label} cannot hold \";\" or \"؛\" (they separate sources in "
                 "spreadsheets).",
    "end_before_start": "End date must be a date on or after the start date.",
    "source_name_taken": "There is already a source of that name: merge the two instead.",
    "merge_same_source": "A source cannot be merged into itself.",
    "source_cited": "This source cannot be deleted: it is cited by {count} {breach_word}. "
                    "Merge it into another source instead.",
}


def english(code: str, params: dict) -> str:
    """The English message of `code` with `params` (a `field` parameter names the label)."""
    values = dict(params)
    if "field" in values:
        values.setdefault("label", LABELS.get(values["field"], values["field"]))
    if code == "source_cited":
        values["breach_word"] = "breach" if values["count"] == 1 else "breaches"
    if "victims" in values:
        values["victim_word"] = "victim" if values["victims"] == 1 else "victims"
    return MESSAGES[code].format(**values)
