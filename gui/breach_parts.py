"""Parts of the breach editor that hold no state of their own: its title, the names of
list entries its history shows, a new perpetrator typed in the form, the breach a likely
duplicate resembles, counts out of range, and the breach that "Save and new" starts.

Every value inserted into a sentence is isolated (gui/bidi.py): in an Arabic window a
date or a Latin place name then reads in its own direction, in its own place.
"""
from __future__ import annotations

from typing import Callable

import db

from . import dialogs, settings
from .bidi import isolate, isolated_always
from .choice_combo import shown_name
from .i18n import tr
from .labels import field_label


def cited_again(citations: list[db.Citation], with_references: bool) -> list[db.Citation]:
    """The same sources cited by a new breach (as new citations, without their keys)."""
    return [db.Citation(source_id=c.source_id, source_name=c.source_name,
                        reference=c.reference if with_references else "",
                        reported_on=c.reported_on) for c in citations]


def next_template(saved: db.Breach) -> db.Breach:
    """Ctrl+Shift+S: the next breach starts with the same date, place and sources."""
    return db.Breach(
        occurred_on=saved.occurred_on, governorate_id=saved.governorate_id,
        district=saved.district, place=saved.place, truce_id=saved.truce_id,
        breach_type_id=saved.breach_type_id,
        citations=cited_again(saved.citations, with_references=False))


def breach_title(breach: db.Breach) -> str:
    """"Breach of 2016-12-29, Khan Tuman": the date and the place each kept whole."""
    return tr("Breach of {day}, {place}").format(
        day=isolate(breach.occurred_on), place=isolate(breach.place or tr("no place given")))


def entry_names(choices: list[db.Choice], truces: list[db.Truce]) -> dict[str, str]:
    """The shown name of each list entry and truce, by key (for the history)."""
    names = {c.id: shown_name(c) for c in choices}
    names.update({t.id: t.name for t in truces})
    return names


def typed_actor(breach: db.Breach, known: Callable[[str], bool]) -> str | None:
    """A perpetrator typed that is not in the list (`known` tells a key of the list): moved
    to `actor_name`, so that the save adds it to the list in the same transaction (or
    takes the one of that name another copy added meanwhile). Returns the name, or None."""
    key = breach.actor_id
    if not key or known(key):
        return None
    breach.actor_id, breach.actor_name = None, key
    return key


def new_actor_question(name: str) -> str:
    return tr("“{name}” is not in the list of perpetrators. Add it to the list?").format(
        name=isolate(name))


def out_of_range_text(wrong: list[tuple[str, object]], limit: int) -> str:
    """What the editor says of counts an older version let in beyond what it holds."""
    return tr("This breach holds a count outside 0 to {limit}, left by an older version: "
              "{counts}. The form shows the nearest figure it can hold; type the right one, "
              "and save.").format(limit=isolate(f"{limit:,}"), counts=", ".join(
                  f"{field_label(name)} {isolate(stored)}" for name, stored in wrong))


def twin_summary(ledger: db.Ledger, key: str, names: dict[str, str]) -> str:
    """The breach a likely duplicate resembles, in one line of the window's language: its
    date, place, governorate, type and killed ("2017-01-01, إعزاز, Aleppo, Shelling, 1
    killed" in English; in Arabic "2017-01-01، إعزاز، حلب، قصف، قتيل واحد"); `names`:
    entry_names."""
    twin = db.get_breach(ledger, key)
    values = dict(day=isolate(twin.occurred_on), place=isolated_always(twin.place),
                  governorate=isolate(names.get(twin.governorate_id, twin.governorate_id)),
                  kind=isolate(names.get(twin.breach_type_id, twin.breach_type_id)),
                  killed=tr("%n killed", "", twin.killed))
    if twin.place:
        return tr("{day}, {place}, {governorate}, {kind}, {killed}").format(**values)
    return tr("{day}, {governorate}, {kind}, {killed}").format(**values)


def twin_details(twin: db.Breach) -> str:
    """The breach a likely duplicate resembles, as its message box says it."""
    sources = ", ".join(isolate(c.source_name) for c in twin.citations)
    return tr("{day} {time}\n{place}, {district}\nKilled: {killed}, injured: {injured}\n"
              "Sources: {sources}\n\n{description}").format(
        day=isolate(twin.occurred_on), time=isolate(twin.occurred_at or ""),
        place=isolate(twin.place or "—"), district=isolate(twin.district or "—"),
        killed=twin.killed, injured=twin.injured, sources=sources,
        description=twin.description)


def name_the_user_once(parent, ledger: db.Ledger) -> None:
    """The first save on this computer asks who is typing (a name or initials), once
    whatever the answer: the login name, which may be a person's full name, is never
    taken for it. A full workbook shows it; one for the press never does."""
    if settings.get(settings.USER_ASKED) or settings.user_name():
        return
    name = dialogs.ask_user_name(parent)
    settings.put(settings.USER_ASKED, True)
    if name:
        settings.put(settings.USER_NAME, name)
        ledger.user = name
