"""The press sentence of a week in Arabic, as a Syrian media office writes it:

"في الأسبوع الأول منذ دخول وقف إطلاق النار حيز التنفيذ في 29 كانون الأول 2016 (29 كانون
الأول 2016 – 4 كانون الثاني 2017)، سُجّل ما لا يقل عن 251 خرقًا. قُتل ما لا يقل عن 153
شخصًا، بينهم 13 امرأة و23 طفلًا. وقعت معظم الخروقات في حلب وريف دمشق."

When the governorates named hold every breach: "وقعت جميع الخروقات في إدلب." (two: "وقع
الخرقان في …"; one: "وقع الخرق في …").

Numbers are written as numerals (Western 0–9, or Arabic-Indic ٠–٩ when asked) and the
counted noun agrees with them by the rule on n % 100. A right-to-left mark (RLM) follows
every number and every name in Latin letters, and ends the sentence: pasted into a word
processor, even into a left-to-right paragraph, the dates, the ranges with their dash,
the parentheses and the full stop keep their places. `plain()` takes the marks out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

RLM = "\u200f"
LRI, PDI = "\u2066", "\u2069"
MONTHS = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
          "تشرين الأول", "تشرين الثاني", "كانون الأول")
_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# Ordinals as they follow "في الأسبوع" (genitive: العشرين, not العشرون).
_UNITS = ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
          "التاسع", "العاشر")
_TENS = ("العشرين", "الثلاثين", "الأربعين", "الخمسين", "الستين", "السبعين", "الثمانين",
         "التسعين")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_MARKS = re.compile("[\u200e\u200f\u061c\u2066-\u2069]")


@dataclass(frozen=True)
class Noun:
    """The forms a counted noun takes beside a numeral."""

    singular: str  # 100, 101, 102, 1000… (genitive singular)
    one: str  # 1, with its number word
    two: str  # 2, nominative
    two_oblique: str  # 2, genitive or accusative ("ما لا يقل عن خرقين")
    plural: str  # n % 100 in 3..10 (genitive plural)
    accusative: str  # n % 100 in 11..99 (singular, with tanween fath where it is written)


BREACH = Noun("خرق", "خرق واحد", "خرقان", "خرقين", "خروقات", "خرقًا")
PERSON = Noun("شخص", "شخص واحد", "شخصان", "شخصين", "أشخاص", "شخصًا")
# Feminine; tanween fath on ta marbuta adds no alif and the office does not mark it.
WOMAN = Noun("امرأة", "امرأة واحدة", "امرأتان", "امرأتين", "نساء", "امرأة")
CHILD = Noun("طفل", "طفل واحد", "طفلان", "طفلين", "أطفال", "طفلًا")


def plain(text: str) -> str:
    """`text` without its direction marks."""
    return _MARKS.sub("", text)


def numeral(number: int, digits: str = "western") -> str:
    """`number` in the digits asked for, followed by an RLM."""
    text = str(number)
    return (text.translate(_INDIC) if digits == "arabic" else text) + RLM


def counted(number: int, noun: Noun, oblique: bool = False, digits: str = "western") -> str:
    """`number` of `noun`: 1 خرق واحد, 2 خرقان (خرقين after a preposition), 3–10 خروقات,
    11–99 خرقًا, 100 خرق; a larger number agrees by its last two digits (103 خروقات,
    111 خرقًا, 101 خرق)."""
    if number == 1:
        return noun.one
    if number == 2:
        return noun.two_oblique if oblique else noun.two
    rest = number % 100
    form = (noun.plural if 3 <= rest <= 10 else noun.accusative if rest >= 11
            else noun.singular)
    return f"{numeral(number, digits)} {form}"


def ordinal(number: int, digits: str = "western") -> str:
    """The ordinal after "الأسبوع": الأول … العاشر، الحادي عشر، الثاني عشر … التاسع
    والتسعين; from 100 on, the numeral."""
    if 1 <= number <= 10:
        return _UNITS[number - 1]
    if 11 <= number <= 19:
        return ("الحادي" if number == 11 else _UNITS[number - 11]) + " عشر"
    if 20 <= number <= 99:
        tens, unit = _TENS[number // 10 - 2], number % 10
        if unit == 0:
            return tens
        return ("الحادي" if unit == 1 else _UNITS[unit - 1]) + " و" + tens
    return numeral(number, digits)


def day_text(day: date, digits: str = "western") -> str:
    """29 كانون الأول 2016."""
    return f"{numeral(day.day, digits)} {MONTHS[day.month - 1]} {numeral(day.year, digits)}"


def span_text(first: date, last: date, digits: str = "western") -> str:
    """29 كانون الأول 2016 – 4 كانون الثاني 2017; 2–8 كانون الثاني 2017; 26 شباط – 4
    آذار 2017; one day alone when the span is one day."""
    if first == last:
        return day_text(last, digits)
    if (first.year, first.month) == (last.year, last.month):
        return (f"{numeral(first.day, digits)}–{numeral(last.day, digits)} "
                f"{MONTHS[last.month - 1]} {numeral(last.year, digits)}")
    if first.year == last.year:
        return (f"{numeral(first.day, digits)} {MONTHS[first.month - 1]} – "
                f"{day_text(last, digits)}")
    return f"{day_text(first, digits)} – {day_text(last, digits)}"


def from_to_text(first: date, last: date, digits: str = "western") -> str:
    """من 2 إلى 8 كانون الثاني 2017; من 26 شباط إلى 4 آذار 2017; من 29 كانون الأول
    2016 إلى 4 كانون الثاني 2017."""
    if (first.year, first.month) == (last.year, last.month):
        start = numeral(first.day, digits)
    elif first.year == last.year:
        start = f"{numeral(first.day, digits)} {MONTHS[first.month - 1]}"
    else:
        start = day_text(first, digits)
    return f"من {start} إلى {day_text(last, digits)}"


def place_name(name: str) -> str:
    """A governorate's name; one without Arabic letters (no Arabic name was given) is set
    apart in a left-to-right isolate (LRI … PDI), so that it reads left to right without
    moving the Arabic words around it."""
    return name if _ARABIC_LETTER.search(name) else LRI + name + PDI


def _and(items: list[str]) -> str:
    """حلب وإدلب وريف دمشق: و joins each item to the one before, without a space."""
    return " و".join(items)


def _sort_key(name: str) -> str:
    """Arabic alphabetical order: the article ال and the hamza on alif left aside."""
    name = re.sub("^ال", "", name.strip())
    return name.translate(str.maketrans("أإآٱ", "اااا"))


def opening(number: int | None, whole: bool, start: date | None, first: date, last: date,
            digits: str = "western") -> str:
    """Which days the sentence speaks of, up to its comma."""
    if start is not None and number is not None:
        part = "" if whole else "جزء من "
        return (f"في {part}الأسبوع {ordinal(number, digits)} منذ دخول وقف إطلاق النار حيز "
                f"التنفيذ في {day_text(start, digits)} ({span_text(first, last, digits)})، ")
    if whole:
        return f"في الأسبوع الممتد {from_to_text(first, last, digits)}، "
    if first == last:
        return f"في {day_text(first, digits)}، "
    return f"في الفترة الممتدة {from_to_text(first, last, digits)}، "


def killed_text(killed: int, women: int, children: int, digits: str = "western") -> str:
    """قُتل ما لا يقل عن …, and the women and children among them: "بينهم" after three or
    more, "بينهما" after two; one person killed who is a woman or a child is said to be
    one ("وهي امرأة", "وهو طفل": the pronoun agrees with what follows it). The rules
    hold women + children within killed, so one killed is never both."""
    text = f"قُتل ما لا يقل عن {counted(killed, PERSON, True, digits)}"
    if killed == 1 and (women or children):
        return text + ("، وهي امرأة." if women else "، وهو طفل.")
    among = [counted(count, noun, False, digits) for count, noun in (
        (women, WOMAN), (children, CHILD)) if count]
    if not among:
        return text + "."
    return text + ("، بينهما " if killed == 2 else "، بينهم ") + _and(among) + "."


def where_text(breaches: int, names: list[str], every: bool) -> str:
    """Where the breaches took place: the one breach (وقع الخرق), both (وقع الخرقان),
    all of them (وقعت جميع الخروقات) or most (وقعت معظم الخروقات)."""
    if breaches == 1:
        where = "وقع الخرق"
    elif every:
        where = "وقع الخرقان" if breaches == 2 else "وقعت جميع الخروقات"
    else:
        where = "وقعت معظم الخروقات"
    return f"{where} في {_and(names)}."


def sentence(week, start: date | None, places: list, digits: str = "western",
             every: bool = False) -> str:
    """The Arabic paragraph for `week` (its counts, number, first and last day) since a
    truce that went into force on `start` (None for calendar weeks), where most breaches
    (`every`: all of them) took place in the governorates `places` (Groups; their Arabic
    names are used, else their names)."""
    text = opening(week.number, week.whole, start, week.first, week.last, digits)
    if week.breaches == 0:
        return text + "لم يُسجَّل أي خرق." + RLM
    parts = [text + ("سُجّل خرق واحد." if week.breaches == 1 else
                     f"سُجّل ما لا يقل عن {counted(week.breaches, BREACH, True, digits)}.")]
    parts.append(killed_text(week.killed, week.women, week.children, digits) if week.killed
                 else "لم يُبلَّغ عن سقوط قتلى.")
    names = sorted((place_name(g.name_ar or g.name) for g in places), key=_sort_key)
    if names:
        parts.append(where_text(week.breaches, names, every))
    return " ".join(parts) + RLM
