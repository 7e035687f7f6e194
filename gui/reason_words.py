"""Why a row of an import, or a row of another office's file in a merge, is refused: the
reasons db/ gives as codes with arguments, in the user's words through tr()."""
from __future__ import annotations

from .bidi import isolate
from .i18n import tr
from .messages import allowed_text, problem_text


def _column(label: str) -> str:
    """A column of an imported sheet, as db/ names it (its English header)."""
    return {
        "Date": tr("Date"), "Time": tr("Time"), "Latitude": tr("Latitude"),
        "Longitude": tr("Longitude"), "Status": tr("Status"), "Created": tr("Created"),
        "Updated": tr("Updated"), "Killed": tr("Killed"), "Killed (up to)": tr("Killed (up to)"),
        "Women killed": tr("Women killed"), "Women killed (up to)": tr("Women killed (up to)"),
        "Children killed": tr("Children killed"),
        "Children killed (up to)": tr("Children killed (up to)"), "Injured": tr("Injured"),
        "Injured (up to)": tr("Injured (up to)"), "Governorate": tr("Governorate"),
        "Type": tr("Type"), "Sex": tr("Sex"), "Age": tr("Age"), "Age group": tr("Age group"),
        "Outcome": tr("Outcome"), "Civilian": tr("Civilian"),
        "Confidential": tr("Confidential"), "Kind": tr("Kind"),
        "Reliability": tr("Reliability"), "created_at": tr("created at"),
        "updated_at": tr("updated at"), "deleted_at": tr("deleted at"),
        "changed_at": tr("changed at"), "before": tr("before"), "after": tr("after"),
        "district": tr("district"), "place": tr("place"), "description": tr("description"),
        "reference": tr("reference"), "note": tr("note"), "name": tr("name"),
        "name_latin": tr("name in Latin script"), "notes": tr("notes"),
        "name_ar": tr("Arabic name"), "brokered_by": tr("brokered by"), "kind": tr("kind"),
        "reliability": tr("reliability"), "contact": tr("contact"),
    }.get(label, label)


def _record(ref: dict) -> str:
    """A row of another office's file, as a merge's reason names it."""
    table = ref["table"]
    if table == "breach":
        return (tr("breach {id} ({date})") if ref.get("date") else tr("breach {id}")).format(
            **dict(ref, date=isolate(ref.get("date"))))
    if table in ("citation", "victim"):
        template = tr("citation {id} of {breach}") if table == "citation" else \
            tr("victim {id} of {breach}")
        return template.format(id=ref["id"], breach=_record(ref["breach"]))
    if table == "change_log":
        return tr("history entry {id}").format(**ref)
    return {"gazetteer": tr("governorate {name!r}"), "actor": tr("actor {name!r}"),
            "breach_type": tr("breach type {name!r}"), "truce": tr("truce {name!r}"),
            "source": tr("source {name!r}")}.get(table, "{name!r}").format(**ref)


def reason_text(code: str, params: dict) -> str:
    """Why a row of an import, or a row of another office's file in a merge, is refused."""
    p = dict(params)
    for key in ("label", "column"):
        if key in p:
            p[key] = _column(p[key])
    if "row_ref" in p:
        p["record"] = _record(p["row_ref"])
    if "allowed" in p:
        p["allowed"] = allowed_text(p["allowed"])
    if code == "rules":  # the rules of the editor that a row's breach fails
        return "; ".join(problem_text(*rule) for rule in p["rules"])
    if code == "cells":  # the cells of a row that cannot be read
        return "; ".join(reason_text(*reason) for reason in p["reasons"])
    if code == "victims_sheet":
        return tr("Victims sheet: {reason}").format(reason=reason_text(*p["reason"]))
    if code == "merge_kept":
        return tr("{record}, with what it holds here that their file lacks: {problems}").format(
            record=p["record"], problems=" ".join(problem_text(*r) for r in p["problems"]))
    if code == "merge_row":
        words = [reason_text(*problem) for problem in p["problems"]]
        joined = " ".join(words) if all(w.endswith(".") for w in words) else "; ".join(words)
        return tr("{record}: {problems}").format(record=p["record"], problems=joined)
    if code == "collision":
        p["table"] = tr("citation") if p["table"] == "citation" else tr("victim")
    templates = {
        "cell_choice": tr("{label} {value!r} is not one of {allowed}"),
        "cell_yes_no": tr("{label} {value!r} is neither yes nor no"),
        "cell_count": tr("{label} {value!r} is not a whole number"),
        "cell_number": tr("{label} {value!r} is not a number"),
        "cell_year": tr("{label} {value!r}: the year must be between {first} and {last}"),
        "cell_no_such_day": tr("{label}: {value} is not a day of the calendar"),
        "cell_date": tr("{label} {value!r} is not a date (use 2017-01-06 or 06.01.2017)"),
        "cell_time": tr("Time {value!r} is not a time of day (use 14:30)"),
        "cell_moment": tr("{label} {value!r} is not a date and time"),
        "cell_moment_range": tr("{label} {value!r} is not between {first} and {last} (a day "
                                "after this computer's clock)"),
        "cell_required": tr("{label} is required"),
        "not_in_list": tr("{label} {value!r} is not in the list"),
        "truce_not_found": tr("Truce {value!r} is not in this database: add it first"),
        "cell_no_source": tr("Sources: cite at least one source"),
        "id_twice": tr("ID {value!r} is also that of row {row}: a breach is one row"),
        "row_in_trash": tr("this breach is in the Trash: restore it first"),
        "victim_no_id": tr("Breach ID is empty: the victim cannot be tied to a breach"),
        "victim_unknown_id": tr("Breach ID {value!r} is no row of the Breaches sheet"),
        "victim_id_twice": tr("Breach ID {value!r} is more than one row of the Breaches "
                              "sheet (rows {rows})"),
        "moment": tr("{column} {value!r} is not a date and time"),
        "moment_range": tr("{column} {value!r} is not between {first} and {last} (a day "
                           "after this computer's clock)"),
        "text_spaces": tr("its {column} {value!r} has spaces around it, which the editor "
                          "removes"),
        "text_not_nfc": tr("its {column} {value!r} is not in the composed form (NFC) the "
                           "editor stores text in"),
        "not_in_gazetteer": tr("{record} is not in this program's gazetteer"),
        "no_breach": tr("that breach is not in the file"),
        "no_source_in_file": tr("its source is not in the file"),
        "no_table": tr("it names no table of a ledger ({table!r})"),
        "not_a_record": tr("its {column} is not a record"),
        "collision": tr("{record}: that key is, here, a {table} of breach {parent}; a merge "
                        "never moves a record to another breach"),
    }
    if code in templates:
        return templates[code].format(**p)
    return problem_text(code, params)  # a rule of the editor, as the window words it


def merge_reasons(reasons: list, more: int) -> str:
    """The reasons a merge was refused, the first twenty in words, the rest counted."""
    words = "; ".join(reason_text(*reason).rstrip(".") for reason in reasons)
    return words + (tr("; and %n more", "", more) if more else "")
