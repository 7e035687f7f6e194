"""Arabic and Latin text side by side: values kept apart from the sentence around them,
and table cells that read in the direction of their own text.

In a right-to-left sentence a date or a Latin place name inserted with .format can swap
places with the words around it ("خرق 2016-12-29، Khan Tuman" shows its date as
29-12-2016); an isolate (U+2068 FSI … U+2069 PDI) keeps each value whole and in place. In
a right-to-left table, a Latin description laid out right to left shows its full stop at
its start: each cell takes the direction of its first letter instead.
"""
from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyledItemDelegate

from .i18n import language

FSI, PDI = "\u2068", "\u2069"
_ISOLATES = str.maketrans("", "", "\u2066\u2067\u2068\u2069")


def isolate(value) -> str:
    """`value` as text kept apart from the words around it, in an Arabic window (an
    English one has no right-to-left sentence for it to swap places in)."""
    return f"{FSI}{value}{PDI}" if language() == "ar" else str(value)


def isolated_always(value) -> str:
    """`value` kept apart whatever the window's language (for text with Arabic data in
    an English window: the history of a breach, a list entry's two names)."""
    return f"{FSI}{value}{PDI}"


def truce_choice(truce) -> str:
    """A truce as a picker lists it, "Nationwide ceasefire (2016-12-29)": its name and its
    date each kept apart, so that an Arabic name never swaps places with the date."""
    return f"{isolated_always(truce.name)} ({isolated_always(truce.start_date)})"


def without_isolates(text: str) -> str:
    """`text` without its direction marks (for tests, and to compare what is shown)."""
    return text.translate(_ISOLATES)


def direction_of(text: str) -> Qt.LayoutDirection | None:
    """The direction of `text`'s first strong letter (Arabic: right to left; Latin: left
    to right); None when it has none (digits, punctuation, empty)."""
    for char in text or "":
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return Qt.LeftToRight
        if kind in ("R", "AL"):
            return Qt.RightToLeft
    return None


def follow_text(option, text: str | None = None) -> None:
    """Lay out a cell of an item view (its QStyleOptionViewItem, initialised) in the
    direction of its own text: a cell aligned to the start of the line then starts where
    its text starts. Digits and dates keep the table's direction."""
    direction = direction_of(option.text if text is None else text)
    if direction is not None:
        option.direction = direction  # AlignLeading follows it


class TextDirectionDelegate(QStyledItemDelegate):
    """Shows each cell in the direction of its own text (see `follow_text`)."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        follow_text(option)


def follow_own_direction(box) -> None:
    """A QPlainTextEdit that lays its text out in the direction of its first letter, as
    a word processor does: an Arabic description starts at the right, a Latin one at the
    left, in either window (left to Qt, a plain text box puts every paragraph at its
    left edge, whatever its direction)."""
    def follow() -> None:
        wanted = direction_of(box.toPlainText()) or box.layoutDirection()
        option = box.document().defaultTextOption()
        if option.textDirection() != wanted:
            option.setTextDirection(wanted)
            option.setAlignment(Qt.AlignAbsolute | (
                Qt.AlignRight if wanted == Qt.RightToLeft else Qt.AlignLeft))
            box.document().setDefaultTextOption(option)

    box.textChanged.connect(follow)
    follow()
