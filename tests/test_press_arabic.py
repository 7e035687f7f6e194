"""The press sentence in Arabic: written by hand and reviewed as a Syrian editor reads it,
for the numbers of issue 10 (0, 1, 2, 3, 10, 11, 99, 100, 101, 153, 251, 1000, 2017) as
breaches, killed, women and children; the demo's first week; Arabic-Indic digits; and the
direction marks that keep the order when the sentence is pasted into a word processor."""
from __future__ import annotations

import ctypes
import ctypes.util
import re
from datetime import date

import pytest

import db
from db.demo import create_demo
from db.press import day_text, press_sentence, span_text, week_sentence, weekly_report
from db.press_ar import ordinal, plain
from db.totals import Group, TotalsFilter, Week, scheme_for, weekly_totals

RLM, LRI, PDI = "\u200f", "\u2066", "\u2069"
TRUCE = db.Truce("Nationwide ceasefire", "2016-12-29")
OPENING = ("في الأسبوع الثاني عشر منذ دخول وقف إطلاق النار حيز التنفيذ في 29 كانون الأول "
           "2016 (16–22 آذار 2017)، ")

DEMO_AR = ("في الأسبوع الأول منذ دخول وقف إطلاق النار حيز التنفيذ في 29 كانون الأول 2016 "
           "(29 كانون الأول 2016 – 4 كانون الثاني 2017)، سُجّل ما لا يقل عن 251 خرقًا. "
           "قُتل ما لا يقل عن 153 شخصًا، بينهم 13 امرأة و23 طفلًا. "
           "وقعت معظم الخروقات في حلب وريف دمشق.")
DEMO_AR_INDIC = ("في الأسبوع الأول منذ دخول وقف إطلاق النار حيز التنفيذ في ٢٩ كانون الأول "
                 "٢٠١٦ (٢٩ كانون الأول ٢٠١٦ – ٤ كانون الثاني ٢٠١٧)، سُجّل ما لا يقل عن "
                 "٢٥١ خرقًا. قُتل ما لا يقل عن ١٥٣ شخصًا، بينهم ١٣ امرأة و٢٣ طفلًا. "
                 "وقعت معظم الخروقات في حلب وريف دمشق.")


def twelfth_week(**counts) -> Week:
    return Week(**counts, number=12, first=date(2017, 3, 16), last=date(2017, 3, 22),
                starts=date(2017, 3, 16))


ALEPPO = "Aleppo", "حلب"

# Breaches and killed: N of each, every breach in Aleppo.
BREACHES_AND_KILLED = {
    0: OPENING + "لم يُسجَّل أي خرق.",
    1: OPENING + "سُجّل خرق واحد. قُتل ما لا يقل عن شخص واحد. وقع الخرق في حلب.",
    2: OPENING + "سُجّل ما لا يقل عن خرقين. قُتل ما لا يقل عن شخصين. "
                 "وقع الخرقان في حلب.",
    3: OPENING + "سُجّل ما لا يقل عن 3 خروقات. قُتل ما لا يقل عن 3 أشخاص. "
                 "وقعت جميع الخروقات في حلب.",
    10: OPENING + "سُجّل ما لا يقل عن 10 خروقات. قُتل ما لا يقل عن 10 أشخاص. "
                  "وقعت جميع الخروقات في حلب.",
    11: OPENING + "سُجّل ما لا يقل عن 11 خرقًا. قُتل ما لا يقل عن 11 شخصًا. "
                  "وقعت جميع الخروقات في حلب.",
    99: OPENING + "سُجّل ما لا يقل عن 99 خرقًا. قُتل ما لا يقل عن 99 شخصًا. "
                  "وقعت جميع الخروقات في حلب.",
    100: OPENING + "سُجّل ما لا يقل عن 100 خرق. قُتل ما لا يقل عن 100 شخص. "
                   "وقعت جميع الخروقات في حلب.",
    101: OPENING + "سُجّل ما لا يقل عن 101 خرق. قُتل ما لا يقل عن 101 شخص. "
                   "وقعت جميع الخروقات في حلب.",
    153: OPENING + "سُجّل ما لا يقل عن 153 خرقًا. قُتل ما لا يقل عن 153 شخصًا. "
                   "وقعت جميع الخروقات في حلب.",
    251: OPENING + "سُجّل ما لا يقل عن 251 خرقًا. قُتل ما لا يقل عن 251 شخصًا. "
                   "وقعت جميع الخروقات في حلب.",
    1000: OPENING + "سُجّل ما لا يقل عن 1000 خرق. قُتل ما لا يقل عن 1000 شخص. "
                    "وقعت جميع الخروقات في حلب.",
    2017: OPENING + "سُجّل ما لا يقل عن 2017 خرقًا. قُتل ما لا يقل عن 2017 شخصًا. "
                    "وقعت جميع الخروقات في حلب.",
}

# Women and children: N of each, among 5000 killed in 251 breaches.
KILLED = OPENING + "سُجّل ما لا يقل عن 251 خرقًا. قُتل ما لا يقل عن 5000 شخص"
WHERE = " وقعت معظم الخروقات في حلب وريف دمشق."
WOMEN_AND_CHILDREN = {
    0: KILLED + "." + WHERE,
    1: KILLED + "، بينهم امرأة واحدة وطفل واحد." + WHERE,
    2: KILLED + "، بينهم امرأتان وطفلان." + WHERE,
    3: KILLED + "، بينهم 3 نساء و3 أطفال." + WHERE,
    10: KILLED + "، بينهم 10 نساء و10 أطفال." + WHERE,
    11: KILLED + "، بينهم 11 امرأة و11 طفلًا." + WHERE,
    99: KILLED + "، بينهم 99 امرأة و99 طفلًا." + WHERE,
    100: KILLED + "، بينهم 100 امرأة و100 طفل." + WHERE,
    101: KILLED + "، بينهم 101 امرأة و101 طفل." + WHERE,
    153: KILLED + "، بينهم 153 امرأة و153 طفلًا." + WHERE,
    251: KILLED + "، بينهم 251 امرأة و251 طفلًا." + WHERE,
    1000: KILLED + "، بينهم 1000 امرأة و1000 طفل." + WHERE,
    2017: KILLED + "، بينهم 2017 امرأة و2017 طفلًا." + WHERE,
}


@pytest.mark.parametrize("number", sorted(BREACHES_AND_KILLED))
def test_breaches_and_killed_agree_with_their_number(number):
    groups = [Group(breaches=number, name=ALEPPO[0], name_ar=ALEPPO[1])] if number else []
    sentence = press_sentence(twelfth_week(breaches=number, killed=number), TRUCE, groups,
                              language="ar")
    assert plain(sentence) == BREACHES_AND_KILLED[number]


@pytest.mark.parametrize("number", sorted(WOMEN_AND_CHILDREN))
def test_women_and_children_agree_with_their_number(number):
    groups = [Group(breaches=120, name="Aleppo", name_ar="حلب"),
              Group(breaches=101, name="Rural Damascus", name_ar="ريف دمشق"),
              Group(breaches=30, name="Idlib", name_ar="إدلب")]
    week = twelfth_week(breaches=251, killed=5000, women=number, children=number)
    assert plain(press_sentence(week, TRUCE, groups, language="ar")) == \
        WOMEN_AND_CHILDREN[number]


def test_a_count_larger_than_a_hundred_agrees_by_its_last_two_digits():
    for breaches, killed, women, children, said in (
            (102, 103, 0, 5, "سُجّل ما لا يقل عن 102 خرق. قُتل ما لا يقل عن 103 أشخاص، "
                             "بينهم 5 أطفال."),
            (111, 200, 12, 0, "سُجّل ما لا يقل عن 111 خرقًا. قُتل ما لا يقل عن 200 شخص، "
                              "بينهم 12 امرأة."),
            (4, 0, 0, 0, "سُجّل ما لا يقل عن 4 خروقات. لم يُبلَّغ عن سقوط قتلى.")):
        week = twelfth_week(breaches=breaches, killed=killed, women=women, children=children)
        assert plain(press_sentence(week, TRUCE, [], language="ar")) == OPENING + said
        groups = [Group(breaches=breaches, name="Idlib", name_ar="إدلب")]
        assert plain(press_sentence(week, TRUCE, groups, language="ar")).endswith(
            said + " وقعت جميع الخروقات في إدلب.")


# Few killed: the women and children among one or two people, whole sentences.
FEW_KILLED = {
    (1, 1, 0): "قُتل ما لا يقل عن شخص واحد، وهي امرأة.",
    (1, 0, 1): "قُتل ما لا يقل عن شخص واحد، وهو طفل.",
    (1, 0, 0): "قُتل ما لا يقل عن شخص واحد.",
    (2, 1, 0): "قُتل ما لا يقل عن شخصين، بينهما امرأة واحدة.",
    (2, 0, 2): "قُتل ما لا يقل عن شخصين، بينهما طفلان.",
    (2, 1, 1): "قُتل ما لا يقل عن شخصين، بينهما امرأة واحدة وطفل واحد.",
    (3, 1, 1): "قُتل ما لا يقل عن 3 أشخاص، بينهم امرأة واحدة وطفل واحد.",
}


@pytest.mark.parametrize("killed, women, children", sorted(FEW_KILLED))
def test_one_or_two_killed_are_not_said_to_be_among_many(killed, women, children):
    week = twelfth_week(breaches=3, killed=killed, women=women, children=children)
    groups = [Group(breaches=2, name="Idlib", name_ar="إدلب"),
              Group(breaches=1, name="Hama", name_ar="حماة")]
    assert plain(press_sentence(week, TRUCE, groups, language="ar")) == (
        OPENING + "سُجّل ما لا يقل عن 3 خروقات. " + FEW_KILLED[killed, women, children]
        + " وقعت معظم الخروقات في إدلب.")


def test_the_sentence_says_when_the_governorates_named_hold_every_breach():
    def where(breaches: int, groups: list[Group]) -> str:
        week = Week(breaches=breaches, first=date(2017, 1, 2), last=date(2017, 1, 8))
        english = press_sentence(week, None, groups)
        arabic = plain(press_sentence(week, None, groups, "ar"))
        return english[english.rindex(". ") + 2:], arabic[arabic.rindex(". ") + 2:]

    idlib, hama = (Group(breaches=1, name="Idlib", name_ar="إدلب"),
                   Group(breaches=1, name="Hama", name_ar="حماة"))
    assert where(1, [idlib]) == ("The breach took place in Idlib.", "وقع الخرق في إدلب.")
    assert where(2, [Group(breaches=2, name="Idlib", name_ar="إدلب")]) == (
        "Both breaches took place in Idlib.", "وقع الخرقان في إدلب.")
    assert where(2, [idlib, hama]) == ("Both breaches took place in Hama and Idlib.",
                                       "وقع الخرقان في إدلب وحماة.")
    assert where(9, [Group(breaches=9, name="Idlib", name_ar="إدلب")]) == (
        "All breaches took place in Idlib.", "وقعت جميع الخروقات في إدلب.")
    assert where(9, [Group(breaches=5, name="Idlib", name_ar="إدلب"),
                     Group(breaches=4, name="Hama", name_ar="حماة")]) == (
        "Most breaches took place in Idlib.", "وقعت معظم الخروقات في إدلب.")
    halves = [Group(breaches=3, name="Idlib", name_ar="إدلب"),
              Group(breaches=3, name="Hama", name_ar="حماة")]
    assert where(6, halves) == ("All breaches took place in Hama and Idlib.",
                                "وقعت جميع الخروقات في إدلب وحماة.")
    assert where(7, halves + [Group(breaches=1, name="Homs", name_ar="حمص")]) == (
        "Most breaches took place in Hama and Idlib.", "وقعت معظم الخروقات في إدلب وحماة.")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("press_ar") / "demo.sqlite3"
    create_demo(path)  # what `python main.py demo` writes
    with db.open_ledger(path) as ledger:
        yield ledger


def test_the_demo_week_in_arabic_in_both_digits(demo):
    scheme = scheme_for(demo)
    first = weekly_totals(demo, scheme)[0]
    assert plain(week_sentence(demo, scheme, first, language="ar")) == DEMO_AR
    assert plain(week_sentence(demo, scheme, first, language="ar", digits="arabic")) == \
        DEMO_AR_INDIC
    assert week_sentence(demo, scheme, first, digits="arabic").startswith(
        "In the first week since the ceasefire went into force on 29 December 2016")
    report = weekly_report(demo, scheme, digits="arabic")
    assert [plain(s) for s in report.sentences_ar] == [DEMO_AR_INDIC]
    assert report.sentences[0].endswith("Most breaches took place in Aleppo and Rural Damascus.")


def test_the_arabic_sentence_holds_direction_marks_where_numbers_meet_words(demo):
    scheme = scheme_for(demo)
    sentence = week_sentence(demo, scheme, weekly_totals(demo, scheme)[0], language="ar")
    # After every number, before the word, dash, parenthesis or comma that follows it.
    assert re.findall(r"\d+(?!\d)(?!\u200f)", sentence) == []
    assert len(re.findall(r"\d+\u200f", sentence)) == 10
    assert "(29\u200f كانون الأول 2016\u200f – 4\u200f كانون الثاني 2017\u200f)، " in sentence
    assert "بينهم 13\u200f امرأة و23\u200f طفلًا." in sentence
    assert sentence.endswith("وريف دمشق." + RLM)  # the full stop stays at the left end
    assert sentence.replace(RLM, "") == DEMO_AR
    indic = week_sentence(demo, scheme, weekly_totals(demo, scheme)[0], language="ar",
                          digits="arabic")
    assert re.findall(r"[٠-٩]+(?![٠-٩])(?!\u200f)", indic) == [] and "0" not in indic


def _visual(text: str, paragraph: str):
    """`text` in display order, as the Unicode bidirectional algorithm (GNU FriBidi, what
    GTK and LibreOffice use) lays it out in a left-to-right or right-to-left paragraph."""
    name = ctypes.util.find_library("fribidi")
    if name is None:
        pytest.skip("needs libfribidi")
    fribidi = ctypes.CDLL(name)
    source = (ctypes.c_uint32 * len(text))(*map(ord, text))
    shown = (ctypes.c_uint32 * len(text))()
    base = ctypes.c_uint32({"ltr": 0x110, "rtl": 0x111}[paragraph])
    fribidi.fribidi_log2vis(source, len(text), ctypes.byref(base), shown, None, None, None)
    return "".join(map(chr, shown))


def test_pasted_into_a_left_to_right_paragraph_the_sentence_keeps_its_order(demo):
    scheme = scheme_for(demo)
    sentence = week_sentence(demo, scheme, weekly_totals(demo, scheme)[0], language="ar")
    assert _visual(sentence, "ltr") == _visual(sentence, "rtl")
    # Without the marks the full stop jumps to the other end of the line.
    assert _visual(plain(sentence), "ltr") != _visual(plain(sentence), "rtl")
    latin = press_sentence(twelfth_week(breaches=3), TRUCE,
                           [Group(breaches=3, name="Area 51")], "ar", "arabic")
    assert plain(latin).endswith("وقعت جميع الخروقات في Area 51.")
    assert f"في {LRI}Area 51{PDI}." in latin  # its digits stay its own
    assert _visual(latin, "ltr") == _visual(latin, "rtl")


def test_weeks_cut_and_calendar_weeks(demo):
    scheme = scheme_for(demo)
    where = TotalsFilter(date_from="2017-01-05", date_to="2017-01-06")
    week, = weekly_totals(demo, scheme, where)
    assert plain(week_sentence(demo, scheme, week, where, language="ar")) == (
        "في جزء من الأسبوع الثاني منذ دخول وقف إطلاق النار حيز التنفيذ في 29 كانون الأول "
        "2016 (5–6 كانون الثاني 2017)، لم يُسجَّل أي خرق.")
    for first, last, starts, words in (  # a week of no truce: whole, across a year, cut
            (date(2017, 2, 27), date(2017, 3, 5), date(2017, 2, 27),
             "في الأسبوع الممتد من 27 شباط إلى 5 آذار 2017، لم يُسجَّل أي خرق."),
            (date(2016, 12, 26), date(2017, 1, 1), date(2016, 12, 26),
             "في الأسبوع الممتد من 26 كانون الأول 2016 إلى 1 كانون الثاني 2017، لم يُسجَّل أي "
             "خرق."),
            (date(2017, 1, 3), date(2017, 1, 4), date(2017, 1, 2),
             "في الفترة الممتدة من 3 إلى 4 كانون الثاني 2017، لم يُسجَّل أي خرق."),
            (date(2017, 1, 4), date(2017, 1, 4), date(2017, 1, 2),
             "في 4 كانون الثاني 2017، لم يُسجَّل أي خرق.")):
        week = Week(breaches=0, first=first, last=last, starts=starts)
        assert plain(press_sentence(week, None, [], "ar")) == words
    one_day = Week(breaches=0, first=date(2017, 1, 4), last=date(2017, 1, 4),
                   starts=date(2017, 1, 2))
    assert press_sentence(one_day, None, []) == "On 4 January 2017, no breaches were recorded."


def test_ordinal_weeks():
    assert [ordinal(n) for n in (1, 2, 8, 10, 11, 12, 13, 19, 20, 21, 22, 30, 47, 99)] == [
        "الأول", "الثاني", "الثامن", "العاشر", "الحادي عشر", "الثاني عشر", "الثالث عشر",
        "التاسع عشر", "العشرين", "الحادي والعشرين", "الثاني والعشرين", "الثلاثين",
        "السابع والأربعين", "التاسع والتسعين"]
    assert plain(ordinal(100, "arabic")) == "١٠٠"
    week = Week(breaches=0, number=21, first=date(2017, 5, 18), last=date(2017, 5, 24),
                starts=date(2017, 5, 18))
    assert plain(press_sentence(week, TRUCE, [], "ar")).startswith(
        "في الأسبوع الحادي والعشرين منذ دخول وقف إطلاق النار حيز التنفيذ في 29 كانون الأول "
        "2016 (18–24 أيار 2017)، ")


def test_syrian_month_names_and_spans():
    months = [plain(day_text(date(2017, month, 1), language="ar")) for month in range(1, 13)]
    assert months == [f"1 {name} 2017" for name in (
        "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
        "تشرين الأول", "تشرين الثاني", "كانون الأول")]
    assert plain(span_text(date(2016, 12, 29), date(2017, 1, 4), language="ar",
                           digits="arabic")) == "٢٩ كانون الأول ٢٠١٦ – ٤ كانون الثاني ٢٠١٧"
    assert plain(span_text(date(2017, 2, 26), date(2017, 3, 4), language="ar")) == \
        "26 شباط – 4 آذار 2017"
    assert span_text(date(2017, 2, 26), date(2017, 3, 4)) == "26 February – 4 March 2017"


def test_most_breaches_in_arabic_names_in_arabic_order():
    week = Week(breaches=9, killed=0, first=date(2017, 1, 2), last=date(2017, 1, 8))
    three = [Group(breaches=2, name="Aleppo", name_ar="حلب"),
             Group(breaches=2, name="Idlib", name_ar="إدلب"),
             Group(breaches=2, name="Rural Damascus", name_ar="ريف دمشق"),
             Group(breaches=1, name="Homs", name_ar="حمص"),
             Group(breaches=1, name="Raqqa", name_ar="الرقة"),
             Group(breaches=1, name="Hama", name_ar="حماة")]
    assert plain(press_sentence(week, None, three, "ar")).endswith(
        "وقعت معظم الخروقات في إدلب وحلب وريف دمشق.")
    assert press_sentence(week, None, three).endswith(
        "Most breaches took place in Aleppo, Idlib and Rural Damascus.")
    # The article is left aside: الرقة is sorted under ر, after حمص.
    two = [Group(breaches=3, name="Raqqa", name_ar="الرقة"),
           Group(breaches=3, name="Homs", name_ar="حمص")]
    assert plain(press_sentence(week, None, two, "ar")).endswith("في حمص والرقة.")
    spread = [Group(breaches=1, name=name) for name in "ABCDEFGHI"]
    assert "معظم" not in press_sentence(week, None, spread, "ar")
