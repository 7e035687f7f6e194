"""Every message of the core has words in the window, through tr()."""
from __future__ import annotations

import pytest

from db.messages import MESSAGES, english
from gui.messages import problem_text

SAMPLE = dict(field="killed", limit=90, length=12_345, least=3, women=2, children=2,
              killed=3, count=1, victims=2, n=2, allowed="female, male, unknown", age=30,
              value="31.2.2017", first=1900, last=2100)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_each_rule_of_the_core_has_words_in_the_window(qapp, code):
    from gui.app import install_translations
    install_translations(qapp)
    shown = problem_text(code, SAMPLE)
    assert shown != code and "{" not in shown
    # Without a translation the window says what the core says.
    assert shown == english(code, SAMPLE)
