"""The demo database: the first week of the press release of 6 January 2017, exactly,
then as many synthetic breaches over later weeks as asked for — the same every run.

Week one: truce "Nationwide ceasefire" from 2016-12-29; 251 breaches dated 29 December
2016 to 4 January 2017, mostly in southern rural Aleppo and Wadi Barada (Rural
Damascus), by the actors the release names, citing local news networks and activists;
at least 153 killed, including 13 women and 23 children.
"""
from __future__ import annotations

import contextlib
import json
import os
import random
import uuid
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

from .breaches import BREACH_COLUMNS, CITATION_COLUMNS, VICTIM_COLUMNS, child_values
from .bulk import adding_in_sets
from .errors import LedgerError
from .lists import add_actor, add_truce, find_by_name, save_source
from .records import Breach, Citation, Source, Truce, Victim
from .rules import breach_problems, normalized
from .schema import seed_id
from .store import Ledger, open_ledger

TRUCE_START = date(2016, 12, 29)
WEEK_ONE = {"breaches": 251, "killed": 153, "women": 13, "children": 23}
LAST_SYNTHETIC_DAY = date(2025, 12, 31)

ACTORS = [
    ("Assad regime forces", "قوات نظام الأسد", 6),
    ("Iranian-backed militias", "الميليشيات المدعومة من إيران", 3),
    ("Hezbollah militias", "ميليشيات حزب الله", 2),
    ("Iranian Revolutionary Guard", "الحرس الثوري الإيراني", 1),
]
SOURCES = [  # name, kind, reliability, contact (confidential)
    ("Aleppo Media Center", "news network", "B", "desk@example.org"),
    ("Wadi Barada Media Office", "news network", "B", "+963 900 000 101"),
    ("Shaam News Network", "news network", "C", ""),
    ("Local Coordination Committees", "news network", "B", "+90 500 000 0202"),
    ("Activist, southern rural Aleppo", "activist", "C", "+963 900 000 303"),
    ("Activist, Wadi Barada", "activist", "C", "+963 900 000 404"),
    ("Syria Civil Defence, Rural Damascus", "civil defence", "A", "+963 900 000 505"),
]
# governorate, district, places, number of week-one breaches, news network, activist
REGIONS = [
    ("Rural Damascus", "Qudsaya", ["Ain al-Fijah", "Basimah", "Deir Muqran", "Kafr al-Zayt",
                                   "Souq Wadi Barada", "Kafr al-Awamid", "Deir Qanun",
                                   "Al-Husseiniyah", "Burhaliya"], 82, 1, 5),
    ("Rural Damascus", "Douma", ["Douma", "Harasta", "Zamalka", "Ain Tarma"], 18, 3, 6),
    ("Aleppo", "Jebel Saman", ["Khan Tuman", "Al-Eis", "Khalasa", "Zitan", "Tal Hadiya",
                               "Barna", "Al-Hader"], 70, 0, 4),
    ("Hama", "Mahardah", ["Kafr Zita", "Latamneh", "Al-Lataminah", "Morek"], 25, 2, None),
    ("Idlib", "Maarrat al-Nu'man", ["Khan Shaykhun", "Maarrat al-Nu'man", "Al-Tamanah"], 20, 2,
     None),
    ("Homs", "Al-Rastan", ["Al-Rastan", "Talbiseh", "Al-Waer", "Al-Houla"], 18, 3, None),
    ("Daraa", "Daraa", ["Daraa al-Balad", "Busra al-Harir", "Al-Naimah"], 12, 2, None),
    ("Quneitra", "Quneitra", ["Jubata al-Khashab", "Al-Hamidiyah"], 6, 2, None),
]
TYPES = [("shelling", 40), ("air_strike", 14), ("barrel_bomb", 8), ("ground_assault", 10),
         ("sniper_fire", 10), ("gunfire", 12), ("siege", 3), ("arrest", 2), ("displacement", 1)]
LETHAL_TYPES = {"air_strike": 4, "barrel_bomb": 4, "shelling": 2, "ground_assault": 2,
                "sniper_fire": 1, "gunfire": 1}
NAMES = [("أحمد الحسن", "Ahmad al-Hasan", "male"), ("محمد العلي", "Mohammad al-Ali", "male"),
         ("فاطمة الخطيب", "Fatima al-Khatib", "female"), ("عمر الأحمد", "Omar al-Ahmad", "male"),
         ("مريم السيد", "Maryam al-Sayyed", "female"), ("خالد إبراهيم", "Khaled Ibrahim", "male"),
         ("رنا الحمصي", "Rana al-Homsi", "female"), ("يوسف درويش", "Yousef Darwish", "male"),
         ("هبة العمر", "Hiba al-Omar", "female"), ("سامر النجار", "Samer al-Najjar", "male")]
DESCRIPTIONS = {
    "shelling": ("Artillery shelling on {place}.", "قصف مدفعي على {place}."),
    "air_strike": ("Air strike on {place}.", "غارة جوية على {place}."),
    "barrel_bomb": ("Barrel bombs dropped on {place}.", "إلقاء براميل متفجرة على {place}."),
    "ground_assault": ("Attempt to storm {place}.", "محاولة اقتحام {place}."),
    "sniper_fire": ("Sniper fire in {place}.", "قنص في {place}."),
    "gunfire": ("Heavy machine-gun fire and clashes near {place}.", "اشتباكات قرب {place}."),
    "siege": ("Aid convoy blocked at the entrance of {place}.", "منع دخول المساعدات إلى {place}."),
    "arrest": ("Arrests at a checkpoint near {place}.", "اعتقالات على حاجز قرب {place}."),
    "displacement": ("Families forced to leave {place}.", "تهجير عائلات من {place}."),
}


def create_demo(path: str | Path, size: int = 0,
                progress: Callable[[int, int], None] | None = None,
                passphrase: str | None = None) -> dict[str, int]:
    """Make a demo database at `path`, which must not exist yet (encrypted with
    `passphrase` when one is given). Returns what it holds.

    The demo never goes into a file that could hold real breaches. It is built under a
    temporary name and moved into place when complete: an interrupted demo leaves nothing.
    """
    path = Path(path)
    if size < 0:
        raise LedgerError("demo_size", size=size)
    if path.exists():
        raise LedgerError("demo_exists", name=str(path))
    building = path.with_name(f".{path.name}.{os.getpid()}.building")
    try:
        with open_ledger(building, user="demo", office="Media office (demo)",
                         passphrase=passphrase) as ledger:
            _fill(ledger, size, progress)
        try:
            os.link(building, path)  # refuses to replace a file made meanwhile
        except FileExistsError:
            raise LedgerError("demo_exists", name=str(path)) from None
        except OSError:
            os.replace(building, path)
    finally:
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()
    return {"breaches": WEEK_ONE["breaches"] + size}


def _fill(ledger: Ledger, size: int, progress) -> None:
    ledger.set_meta("demo", "1")
    rng = random.Random(20170106)
    lists = _make_lists(ledger)
    week_one = list(_week_one(rng, lists))
    _insert(ledger, week_one, lists, with_log=True)
    done = len(week_one)
    batch: list[Breach] = []
    for breach in _synthetic(rng, lists, size):
        batch.append(breach)
        if len(batch) == 5000:
            _insert(ledger, batch, lists, with_log=False)
            done += len(batch)
            batch = []
            if progress:
                progress(done, size + len(week_one))
    _insert(ledger, batch, lists, with_log=False)


def _make_lists(ledger: Ledger) -> dict:
    truce = add_truce(ledger, Truce(
        name="Nationwide ceasefire", start_date=TRUCE_START, brokered_by="Russia and Turkey",
        notes="In force from midnight on 29 December 2016.", id=seed_id("demo-truce", "1")))
    return {
        "truce": truce,
        "actors": [(add_actor(ledger, name, ar, seed_id("actor", name)), weight)
                   for name, ar, weight in ACTORS],
        "sources": [save_source(ledger, Source(name=n, kind=k, reliability=r, contact=c,
                                               id=seed_id("demo-source", n))).id
                    for n, k, r, c in SOURCES],
        "governorates": {name: find_by_name(ledger, "governorate", name)
                         for name, *_ in REGIONS},
        "types": {code: find_by_name(ledger, "breach_type", code.replace("_", " "))
                  or _type_by_code(ledger, code) for code, _ in TYPES},
    }


def _type_by_code(ledger: Ledger, code: str) -> str:
    return ledger.conn.execute("SELECT id FROM breach_type WHERE code = ?", (code,)).fetchone()[0]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _pick(rng: random.Random, weighted: list[tuple]) -> object:
    return rng.choices([w[0] for w in weighted], weights=[w[-1] for w in weighted])[0]


def _skeleton(rng: random.Random, lists: dict, day: date, region: tuple) -> Breach:
    governorate, district, places, _, network, activist = region
    place = rng.choice(places)
    code = _pick(rng, TYPES)
    english, arabic = DESCRIPTIONS[code]
    citations = [Citation(source_id=lists["sources"][network], reference=f"Report of {day:%d %B}",
                          reported_on=day, id=_uuid(rng))]
    if activist is not None and rng.random() < 0.5:
        citations.append(Citation(source_id=lists["sources"][activist], reported_on=day,
                                  reference="Message to the office", id=_uuid(rng)))
    return Breach(
        id=_uuid(rng), occurred_on=day, truce_id=lists["truce"],
        occurred_at=f"{rng.randrange(24):02d}:{rng.choice((0, 15, 30, 45)):02d}"
        if rng.random() < 0.4 else None,
        governorate_id=lists["governorates"][governorate], district=district, place=place,
        actor_id=_pick(rng, lists["actors"]), breach_type_id=lists["types"][code],
        description=(arabic if rng.random() < 0.4 else english).format(place=place),
        status="confirmed" if rng.random() < 0.35 else
        ("contested" if rng.random() < 0.05 else "reported"),
        citations=citations, office="Media office (demo)", entered_by="demo",
        created_at=f"{day.isoformat()}T{rng.randrange(6, 22):02d}:{rng.randrange(60):02d}"
                   f":00.000000Z")


def _week_one(rng: random.Random, lists: dict):
    breaches = []
    for region in REGIONS:
        for _ in range(region[3]):
            day = TRUCE_START + timedelta(days=rng.randrange(7))
            breaches.append(_skeleton(rng, lists, day, region))
    code_of = {v: k for k, v in lists["types"].items()}
    lethal = rng.sample([b for b in breaches if code_of[b.breach_type_id] in LETHAL_TYPES], 64)
    _spread(rng, lethal, "killed", WEEK_ONE["killed"],
            weight=lambda b: LETHAL_TYPES[code_of[b.breach_type_id]], floor=1)
    _spread(rng, lethal, "children", WEEK_ONE["children"], room=_room)
    _spread(rng, lethal, "women", WEEK_ONE["women"], room=_room)
    for breach in breaches:
        breach.injured = rng.choice((0, 0, 0, 1, 2, 3, 5)) + breach.killed // 2
        if breach.killed and rng.random() < 0.25:
            breach.killed_max = breach.killed + rng.randrange(1, 4)
            breach.injured_max = breach.injured + rng.randrange(0, 6)
        _name_victims(rng, breach)
    breaches.sort(key=lambda b: (b.occurred_on, b.created_at))
    return breaches


def _room(breach: Breach) -> int:
    return breach.killed - breach.women - breach.children


def _spread(rng, breaches, field, total, weight=lambda b: 1, floor=0, room=None) -> None:
    """Share `total` among `breaches`, at least `floor` each, never past `room`."""
    for breach in breaches:
        setattr(breach, field, floor)
    left = total - floor * len(breaches)
    while left:
        open_ = [b for b in breaches if room is None or room(b) > 0]
        breach = rng.choices(open_, weights=[weight(b) for b in open_])[0]
        setattr(breach, field, getattr(breach, field) + 1)
        left -= 1


def _name_victims(rng: random.Random, breach: Breach) -> None:
    """Name some of the dead, as offices can for a few incidents."""
    if not breach.killed or rng.random() > 0.2:
        return
    women, children = breach.women, breach.children
    for _ in range(min(breach.killed, rng.randrange(1, 4))):
        name, latin, sex = rng.choice(NAMES)
        if children:
            age, children = rng.randrange(2, 17), children - 1
        elif women and sex == "female":
            age, women = rng.randrange(20, 60), women - 1
        elif sex == "male":
            age = rng.randrange(18, 70)
        else:
            continue
        breach.victims.append(Victim(
            id=_uuid(rng), name=name, name_latin=latin, sex=sex, age=age, outcome="killed",
            civilian="yes", confidential=rng.random() < 0.2))


def _synthetic(rng: random.Random, lists: dict, size: int):
    first = TRUCE_START + timedelta(days=7)
    span = min(max(7, size // 35), (LAST_SYNTHETIC_DAY - first).days)
    weights = [r[3] for r in REGIONS]
    for _ in range(size):
        day = first + timedelta(days=rng.randrange(span))
        breach = _skeleton(rng, lists, day, rng.choices(REGIONS, weights=weights)[0])
        if rng.random() < 0.3:
            breach.killed = rng.choice((1, 1, 1, 2, 2, 3, 4, 6))
            breach.children = rng.choice((0, 0, 0, 1)) if breach.killed > 1 else 0
            breach.women = rng.choice((0, 0, 0, 1)) if _room(breach) > 0 else 0
        breach.injured = rng.choice((0, 0, 1, 2, 4))
        _name_victims(rng, breach)
        yield breach


def _insert(ledger: Ledger, breaches: list[Breach], lists: dict, with_log: bool) -> None:
    """Check every breach against the rules, then write them all in one transaction."""
    known = {"truce": {lists["truce"]}, "actor": {a for a, _ in lists["actors"]},
             "source": set(lists["sources"]), "governorate": set(lists["governorates"].values()),
             "breach_type": set(lists["types"].values())}
    rows, citations, victims, log = [], [], [], []
    for breach in breaches:
        problems = breach_problems(breach, lambda kind, key: key in known[kind])
        if problems:
            raise RuntimeError(f"demo breach {breach.id} breaks rules: {problems}")
        breach = normalized(breach)
        breach.updated_at = breach.created_at
        rows.append([getattr(breach, c) for c in BREACH_COLUMNS])
        for child, columns, into in ((breach.citations, CITATION_COLUMNS, citations),
                                     (breach.victims, VICTIM_COLUMNS, victims)):
            for position, item in enumerate(child):
                values = child_values(asdict(item), columns, position, set())
                into.append([breach.id] + [values[c] for c in columns]
                            + [breach.created_at, breach.created_at])
        if with_log:
            document = {c: getattr(breach, c) for c in BREACH_COLUMNS}
            document["citations"] = [asdict(c) for c in breach.citations]
            document["victims"] = [asdict(v) for v in breach.victims]
            log.append((_uuid(random.Random(breach.id)), breach.created_at, "demo",
                        breach.office, "breach", breach.id, "insert", None,
                        json.dumps(document, ensure_ascii=False)))
    with ledger.transaction() as conn, adding_in_sets(conn):
        conn.executemany(f"INSERT INTO breach ({', '.join(BREACH_COLUMNS)}) VALUES"
                         f" ({', '.join('?' * len(BREACH_COLUMNS))})", rows)
        for table, columns, values in (("citation", CITATION_COLUMNS, citations),
                                       ("victim", VICTIM_COLUMNS, victims)):
            names = ("breach_id",) + columns + ("created_at", "updated_at")
            conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES"
                             f" ({', '.join('?' * len(names))})", values)
        conn.executemany("INSERT INTO change_log (id, changed_at, user, office, record_table,"
                         " record_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         log)
