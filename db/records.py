"""The records of the ledger as plain dataclasses, and the small values they use.

Every record has a text UUID as its key, so that offices can create records apart
and merge them later, and `created_at`, `updated_at`, `deleted_at` in UTC ISO 8601.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

GRADINGS = ("reported", "confirmed", "contested", "discounted")
SEXES = ("female", "male", "unknown")
AGE_GROUPS = ("child", "adult", "unknown")
OUTCOMES = ("killed", "injured", "missing")
CIVILIAN = ("yes", "no", "unknown")
SOURCE_KINDS = (
    "news network", "activist", "medic", "hospital", "civil defence",
    "official statement", "witness", "other",
)
RELIABILITY = ("A", "B", "C", "D", "E", "unknown")
# Children are under 18, of any sex.
ADULT_AGE = 18


def new_id() -> str:
    """A new random record key."""
    import uuid  # when first needed: its import (and platform's) cost every start 3 ms
    return str(uuid.uuid4())


def utc_now() -> str:
    """The current time in UTC as ISO 8601 with microseconds, e.g. 2017-01-06T09:30:00.000000Z.

    One fixed width, so that text order is time order.
    """
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def timestamp_after(previous: str | None) -> str:
    """Now, or just after `previous` if the clock has gone back: `updated_at` only grows,
    so that "the newer version wins" holds when offices merge."""
    now = utc_now()
    if previous is None or now > previous:
        return now
    moment = datetime.strptime(previous, "%Y-%m-%dT%H:%M:%S.%fZ") + timedelta(microseconds=1)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def as_date(value: object) -> date | None:
    """`value` as a date: a date, or text in ISO form (YYYY-MM-DD); None if it is neither."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


@dataclass
class Citation:
    """A breach's citation of a source: where and when the source reported it."""

    source_id: str | None
    reference: str = ""
    reported_on: date | str | None = None
    note: str = ""
    id: str | None = None
    # Filled when read back, for display. With no `source_id`, a save makes a new
    # source of this name (or uses the one already called so).
    source_name: str = ""


@dataclass
class Victim:
    """A named person killed, injured or missing in a breach."""

    name: str = ""  # as written by the reporter, in any script
    name_latin: str = ""  # in Latin script, when known
    sex: str = "unknown"
    age: int | None = None
    age_group: str = "unknown"
    outcome: str = "killed"
    civilian: str = "unknown"
    confidential: bool = False
    notes: str = ""
    id: str | None = None

    def is_child(self) -> bool:
        if isinstance(self.age, int) and not isinstance(self.age, bool):
            return self.age < ADULT_AGE
        return self.age_group == "child"

    def is_adult(self) -> bool:
        if isinstance(self.age, int) and not isinstance(self.age, bool):
            return self.age >= ADULT_AGE
        return self.age_group == "adult"


@dataclass
class Breach:
    """One incident, on one day, in one place, with its citations and victims.

    Casualty counts are "at least" (`killed`) with an optional "up to" (`killed_max`).
    `actor_id` None means the perpetrator is unknown.
    """

    occurred_on: date | str | None = None
    governorate_id: str | None = None
    breach_type_id: str | None = None
    actor_id: str | None = None
    # With no `actor_id`, a save uses the actor of this name, made if there is none;
    # with neither, the perpetrator is "Unknown".
    actor_name: str = ""
    actor_name_ar: str = ""  # with `actor_name`: the new perpetrator's Arabic name, if given
    occurred_at: str | None = None  # time of day, HH:MM
    truce_id: str | None = None  # None: picked from the date
    district: str = ""
    place: str = ""
    latitude: float | None = None
    longitude: float | None = None
    description: str = ""
    killed: int = 0
    killed_max: int | None = None
    women: int = 0
    women_max: int | None = None
    children: int = 0
    children_max: int | None = None
    injured: int = 0
    injured_max: int | None = None
    status: str = "reported"
    citations: list[Citation] = field(default_factory=list)
    victims: list[Victim] = field(default_factory=list)
    id: str | None = None
    office: str = ""
    entered_by: str = ""
    created_at: str | None = None
    updated_at: str | None = None
    deleted_at: str | None = None


@dataclass
class Source:
    """Who reported: a news network, an activist, a hospital… `contact` is confidential."""

    name: str
    kind: str = "other"
    reliability: str = "unknown"
    contact: str = ""
    notes: str = ""
    id: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    deleted_at: str | None = None


@dataclass
class Truce:
    """A ceasefire; weeks are counted from its start date."""

    name: str
    start_date: date | str
    end_date: date | str | None = None
    brokered_by: str = ""
    notes: str = ""
    id: str | None = None


@dataclass
class Choice:
    """An entry of a picker list: an actor, a breach type or a governorate."""

    id: str
    name: str
    name_ar: str = ""


@dataclass
class BreachRow:
    """One line of the breaches list, with names instead of keys."""

    id: str
    occurred_on: str
    occurred_at: str | None
    governorate: str
    district: str
    place: str
    actor: str
    breach_type: str
    killed: int
    killed_max: int | None
    women: int
    women_max: int | None
    children: int
    children_max: int | None
    injured: int
    injured_max: int | None
    status: str
    source_count: int
    description: str
    updated_at: str
    deleted_at: str | None
    # The names in Arabic (the English one where an entry has none).
    governorate_ar: str = ""
    actor_ar: str = ""
    breach_type_ar: str = ""


@dataclass
class Change:
    """One entry of the change log."""

    id: str
    changed_at: str
    user: str
    office: str
    record_table: str
    record_id: str
    action: str  # insert, update, delete, restore
    before: dict | None
    after: dict | None


@dataclass
class BreachChanges:
    """What one action of the user changed (a save, a delete, a restore, an undo or a
    redo), so that the window updates its views from it instead of reading them again:
    the breaches that came into the lists (`added`: new, restored), changed in them
    (`changed`), or left them for the Trash (`removed`); the lists that gained an entry
    (`lists`: "actor", "source"); for a save, the breach as stored (`breach`) and the
    change-log entry written (`change`, None when the save changed nothing).

    It reads as the list of the keys it touched, in that order (what the window's
    callbacks were told before): `key in changes`, `changes[0]`, `if changes`."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    lists: set[str] = field(default_factory=set)
    breach: Breach | None = None
    change: Change | None = None

    @property
    def keys(self) -> list[str]:
        return self.added + self.changed + self.removed

    def __iter__(self):
        return iter(self.keys)

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index: int) -> str:
        return self.keys[index]
