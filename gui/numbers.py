"""Number fields that take the digits an Arabic keyboard types and show 0-9.

An office types ١٥ as often as 15. Qt's own QSpinBox and QIntValidator read only the
digits of the window's locale (an English window refuses ١٥; an Arabic one shows ١٥ back,
though the program writes its numbers in Western digits, as most Syrian outlets do), so
each field here turns every digit into 0-9 as it is typed (see db/digits.py), and a
spin box shows its value in 0-9 whatever the locale.

- CountBox: a whole number from 0, "at least" of a casualty count.
- WholeValidator: an optional whole number in a line edit ("up to").
- TypedNumberValidator: a coordinate or a time, which any text may be typed into (the
  save's rules say what is wrong under the field); digits become 0-9 and, in a
  coordinate, the Arabic decimal separator ٫ and the Arabic comma ، become ".".
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QSpinBox

from db.digits import ARABIC_COMMA, ARABIC_DECIMAL, ARABIC_THOUSANDS, read_whole, western_digits

# Marks of thousands a whole number may be typed with; they are dropped as typed.
_GROUPS = dict.fromkeys(map(ord, "," + ARABIC_THOUSANDS + ARABIC_COMMA), None)
_DECIMAL_MARKS = str.maketrans({ARABIC_DECIMAL: ".", ARABIC_COMMA: "."})


def _rewritten(text: str, pos: int, change: Callable[[str], str]) -> tuple[str, int]:
    """`text` changed character by character, and the cursor where it then belongs."""
    return change(text), len(change(text[:pos]))


def _whole(text: str) -> str:
    return western_digits(text).translate(_GROUPS)


def _whole_state(plain: str, top: int, empty: QValidator.State,
                 over: QValidator.State) -> QValidator.State:
    """Acceptable for a whole number up to `top`; `empty` for nothing, `over` for a number
    above `top` with no more digits than it; a key that makes anything else is refused,
    as Qt's own number fields refuse it."""
    if not plain:
        return empty
    if not (plain.isascii() and plain.isdigit()):
        return QValidator.Invalid
    if int(plain) <= top:
        return QValidator.Acceptable
    return over if len(plain.lstrip("0")) <= len(str(top)) else QValidator.Invalid


class CountBox(QSpinBox):
    """A spin box for a count: any digits typed, 0-9 shown, no marks of thousands."""

    def validate(self, text: str, pos: int):
        plain, pos = _rewritten(text, pos, _whole)
        state = _whole_state(plain, self.maximum(), QValidator.Intermediate, QValidator.Invalid)
        return state, plain, pos

    def fixup(self, text: str) -> str:
        return _whole(text)

    def valueFromText(self, text: str) -> int:
        value = read_whole(_whole(text))
        return self.value() if value is None else min(value, self.maximum())

    def textFromValue(self, value: int) -> str:
        return str(value)  # 0-9 in every locale, and no 1,000


class WholeValidator(QValidator):
    """A whole number from 0 to `top`, or nothing, typed in any digits."""

    def __init__(self, top: int, parent=None):
        super().__init__(parent)
        self.top = top

    def validate(self, text: str, pos: int):
        plain, pos = _rewritten(text, pos, _whole)
        # Above `top`, as QIntValidator does: kept, and the save's rule says why not.
        state = _whole_state(plain, self.top, QValidator.Acceptable, QValidator.Intermediate)
        return state, plain, pos

    def fixup(self, text: str) -> str:
        return _whole(text)


class TypedNumberValidator(QValidator):
    """Digits as 0-9 (and, for a coordinate, ٫ and ، as "."); every text is accepted."""

    def __init__(self, decimal: bool, parent=None):
        super().__init__(parent)
        self.decimal = decimal

    def _plain(self, text: str) -> str:
        plain = western_digits(text)
        return plain.translate(_DECIMAL_MARKS) if self.decimal else plain

    def validate(self, text: str, pos: int):
        plain, pos = _rewritten(text, pos, self._plain)
        return QValidator.Acceptable, plain, pos

    def fixup(self, text: str) -> str:
        return self._plain(text)


class DigitsCellValidator(QValidator):
    """A count cell of a small table (a victim's age): digits as 0-9; a character that
    looks like a digit but is none ("²") is refused, any other text left for the rules."""

    def validate(self, text: str, pos: int):
        plain, pos = _rewritten(text, pos, western_digits)
        if any(ch.isdigit() and not ch.isdecimal() for ch in plain):
            return QValidator.Invalid, text, pos
        return QValidator.Acceptable, plain, pos
