"""Numbers as people in the region type them, made into what Python reads.

One place for the digits and marks an Arabic keyboard (or a spreadsheet set to Arabic)
writes: Arabic-Indic digits ٠١٢٣٤٥٦٧٨٩ (U+0660–0669), Persian ۰۱۲۳۴۵۶۷۸۹ (U+06F0–06F9,
what a Persian or Urdu layout types), full-width ０–９ (some input methods), the Arabic
decimal separator ٫ (U+066B), the Arabic thousands separator ٬ (U+066C) and the Arabic
comma ، (U+060C), which many write for a decimal mark. Marks of direction pasted with a
number from a web page (U+200E, U+200F, U+061C, the isolates) are dropped.

The window's number fields, the importer's cells and the date reader (db/dates.py) all
use these tables, so that a number typed one way is read the same everywhere.
"""
from __future__ import annotations

import re

ARABIC_DECIMAL = "\u066b"  # ٫
ARABIC_THOUSANDS = "\u066c"  # ٬
ARABIC_COMMA = "\u060c"  # ،

# Each digit as 0-9; one character for one, so that a cursor's place in a field stays.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)
_DIRECTION = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u2066\u2067\u2068\u2069"
                                    "\u202a\u202b\u202c\u202d\u202e"), None)
# A whole number written in groups of three: 1,000 or ١٬٠٠٠ or 1،000 (one mark throughout).
_GROUPED = re.compile(r"\d{1,3}(?P<mark>[,\u066c\u060c])\d{3}(?:(?P=mark)\d{3})*")


def western_digits(text: str) -> str:
    """`text` with every digit as 0-9 and without marks of direction; nothing else
    changes (a separator stays as it was typed)."""
    text = str(text)
    if text.isascii():
        return text
    return text.translate(DIGITS).translate(_DIRECTION)


def whole_text(text: str) -> str:
    """A whole number as Python's int() reads it: Western digits, no groups of thousands
    (1,000, ١٬٠٠٠), the Arabic decimal separator as "." (so that "٣٫٠" reads as 3.0);
    anything else is left for int() or float() to refuse."""
    plain = western_digits(text).strip()
    if _GROUPED.fullmatch(plain):
        plain = re.sub("[,\u066c\u060c]", "", plain)
    return plain.replace(ARABIC_DECIMAL, ".")


def decimal_text(text: str) -> str:
    """A number with a fraction as Python's float() reads it: Western digits, the decimal
    mark (".", ",", ٫ or ،) as ".", "−" (U+2212) as "-"; the Arabic thousands separator
    dropped where it groups thousands (a mark that cannot tell a fraction from thousands,
    the comma, is a fraction: 36,2 is 36.2, as Arabic and European settings write it)."""
    plain = western_digits(text).strip().replace("\u2212", "-")
    sign, rest = (plain[0], plain[1:]) if plain[:1] in ("+", "-") else ("", plain)
    whole = rest.split(ARABIC_DECIMAL)[0]
    if ARABIC_THOUSANDS in whole and _GROUPED.fullmatch(whole):
        rest = rest.replace(ARABIC_THOUSANDS, "", whole.count(ARABIC_THOUSANDS))
    return sign + re.sub("[,\u066b\u060c]", ".", rest)


def read_whole(text: str) -> int | None:
    """The whole number 0 or more that `text` is (١٥, 15, 1,000, ١٬٠٠٠), or None."""
    plain = whole_text(text)
    return int(plain) if plain.isascii() and plain.isdigit() else None
