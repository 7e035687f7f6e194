"""The words of the workbook, in English and in Arabic: sheet names, headers, labels and
the values of the fixed lists.

They live here, in the core, and not in the window's translations: a workbook is a file,
written as well by the command line (which has no window, and no tr()), and read back by
the importer, which must know every header and list value in both languages. The English
text is the key; `word(text, "ar")` is its Arabic. An import matches a sheet, a header or
a list value written in either language (see `sheet_of`, `both` and `list_key`).

The Arabic is the window's own (resources/translations/truce_ledger_ar.ts) for the same
English word, so that a user meets one vocabulary: a column the window calls "النساء" is
read under that name, and a grading the window calls "مُختلَف عليه" is written so.
tests/test_workbook_arabic.py compares the two. The words older workbooks wrote
(OLD_HEADERS, OLD_VALUES) are still read.
"""
from __future__ import annotations

import re
import unicodedata

LANGUAGES = ("en", "ar")

SHEETS = {
    "Summary": "الملخص",
    "Weekly totals": "الحصيلة الأسبوعية",
    "By governorate": "حسب المحافظة",
    "By actor": "حسب الجهة المنفذة",
    "By type": "حسب النوع",
    "Breaches": "الخروقات",
    "Victims": "الضحايا",
    "Sources": "المصادر",
    "For the press release": "للبيان الصحفي",
}

HEADERS = {
    # The Breaches sheet (the import format).
    "ID": "المعرّف",
    "Date": "التاريخ",
    "Time": "الوقت",
    "Governorate": "المحافظة",
    "District": "المنطقة",
    "Place": "المكان",
    "Latitude": "خط العرض",
    "Longitude": "خط الطول",
    "Perpetrator": "الجهة المنفذة",
    "Type": "النوع",
    "Status": "التصنيف",
    "Killed": "القتلى",
    "Killed (up to)": "القتلى (الحد الأعلى)",
    "Women killed": "القتلى من النساء",
    "Women killed (up to)": "القتلى من النساء (الحد الأعلى)",
    "Children killed": "القتلى من الأطفال",
    "Children killed (up to)": "القتلى من الأطفال (الحد الأعلى)",
    "Injured": "الجرحى",
    "Injured (up to)": "الجرحى (الحد الأعلى)",
    "Description": "الوصف",
    "Sources": "المصادر",
    "Truce": "الهدنة",
    "Office": "المكتب",
    "Entered by": "المُدخِل",
    "Created": "أُنشئ في",
    "Updated": "حُدّث في",
    # Other names an office's own sheet may give a column.
    "Actor": "الجهة المنفذة",
    "Breach type": "نوع الخرق",
    "Grading": "التصنيف",
    # The window's own column headers (gui/breach_model.py, gui/weeks_model.py).
    "Women": "النساء",
    "Children": "الأطفال",
    "Women (up to)": "النساء (الحد الأعلى)",
    "Children (up to)": "الأطفال (الحد الأعلى)",
    # The totals sheets.
    "Week": "الأسبوع",
    "From": "من",
    "To": "إلى",
    "Breaches": "الخروقات",
    "Total": "المجموع",
    # The Victims sheet.
    "Breach ID": "معرّف الخرق",
    "Breach date": "تاريخ الخرق",
    "Name": "الاسم",
    "Name (Latin)": "الاسم (بأحرف لاتينية)",
    "Sex": "الجنس",
    "Age": "العمر",
    "Age group": "الفئة العمرية",
    "Outcome": "المآل",
    "Civilian": "مدني",
    "Confidential": "سري",
    "Notes": "ملاحظات",
    # The Sources sheet.
    "Kind": "النوع",
    "Reliability": "الموثوقية",
    "Breaches cited": "عدد الخروقات التي أوردها",
    "Contact": "معلومات الاتصال",
}

# The values of the fixed lists (db/records.py), stored by these keys.
VALUES = {
    "reported": "مُبلَّغ عنه",
    "confirmed": "مؤكَّد",
    "contested": "مُختلَف عليه",
    "discounted": "مستبعَد",
    "female": "أنثى",
    "male": "ذكر",
    "unknown": "غير معروف",
    "child": "طفل",
    "adult": "بالغ",
    "killed": "قتيل",
    "injured": "جريح",
    "missing": "مفقود",
    "yes": "نعم",
    "no": "لا",
    "news network": "شبكة إخبارية",
    "activist": "ناشط",
    "medic": "مسعف",
    "hospital": "مستشفى",
    "civil defence": "الدفاع المدني",
    "official statement": "بيان رسمي",
    "witness": "شاهد عيان",
    "other": "أخرى",
    # A source's reliability (the window's "A: completely reliable"…).
    "A": "أ: موثوق تمامًا",
    "B": "ب: موثوق عادةً",
    "C": "ج: موثوق نسبيًا",
    "D": "د: قليل الموثوقية",
    "E": "هـ: غير موثوق",
}

LABELS = {
    "Breaches of the ceasefire": "خروقات وقف إطلاق النار",
    "Breaches and people killed per week": "الخروقات والقتلى في كل أسبوع",
    "Count": "العدد",
    "Office": "المكتب",
    "Period": "الفترة",
    "Weeks": "الأسابيع",
    "Filters": "التصفية",
    "Generated": "تاريخ الإصدار",
    "Export": "التصدير",
    "Demo": "بيانات تجريبية",
    "Press sentence": "الفقرة الصحفية",
    "Week of the press sentence": "أسبوع الفقرة الصحفية",
    "Week {number}: {span}": "الأسبوع {number}: {span}",
    "{week} (the latest week with breaches)": "{week} (آخر أسبوع فيه خروقات)",
    "How counted": "طريقة العدّ",
    "no breaches": "لا خروقات",
    "none": "لا شيء",
    "Weeks since {truce} went into force on {day}":
        "أسابيع منذ دخول الهدنة «{truce}» حيز التنفيذ في {day}",
    "Calendar weeks starting on {day}": "أسابيع تقويمية تبدأ يوم {day}",
    "monday": "الاثنين",
    "saturday": "السبت",
    "sunday": "الأحد",
    "from {day}": "من {day}",
    "to {day}": "إلى {day}",
    "governorate: {name}": "المحافظة: {name}",
    "actor: {name}": "الجهة المنفذة: {name}",
    "type: {name}": "نوع الخرق: {name}",
    "confirmed breaches only": "الخروقات المؤكدة فقط",
    "FULL: everything the database holds, confidential victims, the contacts and notes of "
    "sources, and who entered each breach, from which office and when, included. Not for "
    "publication.":
        "كامل: كل ما في قاعدة البيانات، بما فيه الضحايا السريون وبيانات الاتصال بالمصادر "
        "وملاحظاتها، ومن أدخل كل خرق ومن أي مكتب ومتى. ليس للنشر.",
    "Public, for the press. Left out: confidential victims, victims' notes, the contacts and "
    "notes of sources, who entered or changed each breach, the office that entered it and "
    "when, and the breaches' IDs.":
        "للنشر، للصحافة. لا يتضمن: الضحايا السريين، وملاحظات الضحايا، وبيانات الاتصال بالمصادر "
        "وملاحظاتها، ومن أدخل كل خرق أو عدّله، والمكتب الذي أدخله ومتى، ومعرّفات الخروقات.",
    "Public, for the press. Left out: confidential victims, victims' notes, the contacts and "
    "notes of sources, who entered or changed each breach, the office that entered it and "
    "when. Kept, for corrections: the breaches' IDs and when each was last changed.":
        "للنشر، للصحافة. لا يتضمن: الضحايا السريين، وملاحظات الضحايا، وبيانات الاتصال بالمصادر "
        "وملاحظاتها، ومن أدخل كل خرق أو عدّله، والمكتب الذي أدخله ومتى. ويتضمن، للتصحيحات: "
        "معرّفات الخروقات وآخر موعد عُدّل فيه كل منها.",
    "Page &P of &N": "صفحة &P من &N",
    "Yes: these are the demo's breaches, not real ones. They are never imported into a "
    "database of real breaches.":
        "نعم: هذه خروقات البيانات التجريبية، وليست خروقات حقيقية. ولا تُستورد أبداً إلى قاعدة "
        "بيانات فيها خروقات حقيقية.",
    "Each figure is the sum of the \"at least\" count of every breach (\"up to\" beside it, "
    "where a missing \"up to\" counts as its \"at least\"). Discounted reports and deleted "
    "entries are left out of every total. Children are under 18; women are adult females.":
        "كل رقم هو مجموع الحد الأدنى المسجَّل لكل خرق، وإلى جانبه مجموع الحد الأعلى (ويُحتسب "
        "الحد الأعلى غير المسجَّل مساوياً للحد الأدنى). تُستبعد من جميع المجاميع البلاغاتُ "
        "المستبعدة والإدخالاتُ المحذوفة. الأطفال هم من دون الثامنة عشرة، والنساء هن الإناث "
        "البالغات.",
    "Totals": "المجاميع",
    "At least": "الحد الأدنى",
    "Up to": "الحد الأعلى",
    "Breaches listed": "الخروقات المدرجة",
    "of which discounted (listed, not counted)": "منها مستبعدة (مدرجة وغير محتسبة)",
    "Confidential victims left out": "الضحايا السريون غير المدرجين",
    "Characters removed": "المحارف المحذوفة",
    "Texts cut to {limit} characters (the most a cell holds)":
        "نصوص قُصّت إلى {limit} محرفاً (أقصى ما تتسع له الخلية)",
}

_ARABIC = {**LABELS, **SHEETS, **HEADERS, **VALUES}

# What workbooks wrote before they took the window's words: still read by an import.
OLD_HEADERS = {
    "Type": ("نوع الخرق",),
    "Grading": ("درجة التوثيق",),
    "Name (Latin)": ("الاسم بالحروف اللاتينية",),
    "Outcome": ("المصير",),
    "Kind": ("نوع المصدر",),
    "Contact": ("وسيلة التواصل",),
    "Created": ("تاريخ الإنشاء",),
    "Updated": ("تاريخ آخر تعديل",),
}
OLD_VALUES = {
    "contested": ("متنازع عليه",),
    # Reliability by its letter alone, in Arabic or English, and the window's English.
    "A": ("أ", "A: completely reliable"),
    "B": ("ب", "B: usually reliable"),
    "C": ("ج", "C: fairly reliable"),
    "D": ("د", "D: not usually reliable"),
    "E": ("هـ", "E: unreliable"),
}


def word(text: str, language: str) -> str:
    """`text` (the English words) in `language`; English as it is."""
    if language == "ar":
        return _ARABIC[text]
    return text


def both(english: str) -> tuple[str, str]:
    """A header or a sheet's name as an import matches it: in English, and in Arabic."""
    return english, _ARABIC[english]


def sheet_of(tables: dict, english: str):
    """The sheet of a workbook named `english` or its Arabic (None if neither is there)."""
    table = tables.get(english)
    return table if table is not None else tables.get(SHEETS[english])


# Harakat, shadda, sukun, the superscript alef and tatweel do not make a word another.
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def folded(text: object) -> str:
    """A word as matched: case, marks, spaces and punctuation do not count."""
    text = _MARKS.sub("", unicodedata.normalize("NFKC", str(text or ""))).casefold()
    return re.sub(r"[\W_]+", "", text)


_KEYS = {folded(written): key for key, written in
         [*VALUES.items(), *((key, old) for key, olds in OLD_VALUES.items() for old in olds)]}


def list_key(value):
    """The key of a fixed list's value written in Arabic ("أنثى" is "female"; "مُختلَف
    عليه", and the older "متنازع عليه", are "contested"; "ب: موثوق عادةً" is "B"); any
    other value as it is (an English key, or a word the list check then refuses)."""
    if not isinstance(value, str):
        return value
    return _KEYS.get(folded(value), value)


def in_both(pairs, key) -> dict[str, str]:
    """{key(header): field} for each (English header, field) of `pairs`, and for the
    header's Arabic where it has one (the window's word, and what older workbooks wrote):
    an import matches a column named in either language."""
    columns = {}
    for english, field in pairs:
        for name in (english, _ARABIC.get(english), *OLD_HEADERS.get(english, ())):
            if name:
                columns[key(name)] = field
    return columns


def english_sheets(tables: dict) -> dict:
    """The sheets of a workbook under their English names where they have an Arabic one
    (the English sheet wins if a workbook has both); other sheets as they are."""
    english = {arabic: name for name, arabic in SHEETS.items()}
    named = {}
    for name, table in tables.items():
        as_english = english.get(name, name)
        if as_english not in named or as_english == name:
            named[as_english] = table
    return named


def says_yes(label_key: str, value, english_label: str, key) -> bool:
    """Whether a Summary row is `english_label` (in either language, as `key` matches it)
    and its value begins with yes (نعم)."""
    if label_key not in {key(name) for name in both(english_label)}:
        return False
    written = str(value or "").casefold()
    return written.startswith("yes") or written.startswith(VALUES["yes"])
