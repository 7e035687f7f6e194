"""Every plural string of the window has its English singular and plural, compiled."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import english_plurals  # noqa: E402


def test_the_english_plurals_are_current():
    """After a new tr("%n …(s)", "", n), run scripts/english_plurals.py."""
    written = english_plurals.TS.read_text(encoding="utf-8")
    assert written == english_plurals.ts_text(english_plurals.plural_strings())
    assert english_plurals.TS.with_suffix(".qm").stat().st_mtime_ns > 0


@pytest.mark.parametrize("count, words", [(1, "1 deleted breach."), (2, "2 deleted breaches.")])
def test_one_breach_is_one_breach(qapp, count, words):
    from gui.app import install_translations
    from gui.i18n import tr
    install_translations(qapp)
    text = tr("%n deleted breach(es). Restore brings a breach back into every list and "
              "total.", "", count)
    assert text.startswith(words)
