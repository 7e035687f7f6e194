"""Words the window shows for the values and fields of the core, all through tr()."""
from __future__ import annotations

from .i18n import tr


def field_label(field: str) -> str:
    """The name of a breach's field, as the form shows it."""
    return {
        "occurred_on": tr("Date"), "occurred_at": tr("Time"), "truce_id": tr("Truce"),
        "governorate_id": tr("Governorate"), "district": tr("District"), "place": tr("Place"),
        "latitude": tr("Latitude"), "longitude": tr("Longitude"),
        "actor_id": tr("Perpetrator"), "breach_type_id": tr("Type"), "status": tr("Grading"),
        "description": tr("Description"), "killed": tr("Killed"),
        "killed_max": tr("Killed (up to)"), "women": tr("Women killed"),
        "women_max": tr("Women killed (up to)"), "children": tr("Children killed"),
        "children_max": tr("Children killed (up to)"), "injured": tr("Injured"),
        "injured_max": tr("Injured (up to)"), "citations": tr("Sources"),
        "victims": tr("Victims"), "deleted_at": tr("Deleted"), "name": tr("Name"),
        "kind": tr("Kind"), "reliability": tr("Reliability"), "contact": tr("Contact"),
        "notes": tr("Notes"), "reported_on": tr("date reported"), "reference": tr("reference"),
        "sex": tr("sex"), "age_group": tr("age group"), "outcome": tr("outcome"),
        "civilian": tr("civilian"), "start_date": tr("Start date"), "end_date": tr("End date"),
    }.get(field, field)


def choice_label(value: str) -> str:
    """The words for a value of a fixed list (sex, age group, outcome, grading…)."""
    return {
        "female": tr("female"), "male": tr("male"), "unknown": tr("unknown"),
        "child": tr("child"), "adult": tr("adult"), "killed": tr("killed"),
        "injured": tr("injured"), "missing": tr("missing"), "yes": tr("yes"), "no": tr("no"),
        "reported": tr("reported"), "confirmed": tr("confirmed"), "contested": tr("contested"),
        "discounted": tr("discounted"), "news network": tr("news network"),
        "activist": tr("activist"), "medic": tr("medic"), "hospital": tr("hospital"),
        "civil defence": tr("civil defence"), "official statement": tr("official statement"),
        "witness": tr("witness"), "other": tr("other"),
        # A source's reliability, on the scale intelligence and press offices use.
        "A": tr("A: completely reliable"), "B": tr("B: usually reliable"),
        "C": tr("C: fairly reliable"), "D": tr("D: not usually reliable"),
        "E": tr("E: unreliable"),
    }.get(value, value)


def action_label(action: str) -> str:
    return {"insert": tr("created"), "update": tr("edited"), "delete": tr("deleted"),
            "restore": tr("restored")}.get(action, action)
