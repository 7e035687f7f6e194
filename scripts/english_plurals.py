"""Write resources/translations/truce_ledger_en.ts from the plural strings of gui/ and
compile it: every `tr("… %n breach(es) …", "", n)` gets its English singular ("breach")
and plural ("breaches"). Run it after adding or changing such a string:

    python scripts/english_plurals.py

tests/test_plurals.py fails when a plural string of gui/ has no English forms.
"""
from __future__ import annotations

import re
import subprocess
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "truce_ledger_en.ts"
# tr("…", "", n): a plural string is the first argument of a tr() with three.
PLURAL = re.compile(r'tr\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+),\s*""\s*,', re.S)
FORM = re.compile(r"\((s|es|ies|ren)\)")


def plural_strings() -> list[str]:
    """Each plural string of gui/, once, in the order found."""
    found: list[str] = []
    for path in sorted((ROOT / "gui").glob("*.py")):
        if path.name == "i18n.py":  # its docstring shows how to write one
            continue
        for match in PLURAL.finditer(path.read_text(encoding="utf-8")):
            pieces = re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1))
            text = "".join(pieces).encode().decode("unicode_escape").encode(
                "latin-1").decode("utf-8")
            if "%n" in text and text not in found:
                found.append(text)
    return found


def english_forms(text: str) -> tuple[str, str]:
    """The singular and plural of a string: 'breach(es)' reads 'breach' / 'breaches',
    'entr(ies)' 'entry' / 'entries', 'child(ren)' 'child' / 'children'."""
    def one(match: re.Match) -> str:
        return "y" if match.group(1) == "ies" else ""

    def many(match: re.Match) -> str:
        return match.group(1)

    return FORM.sub(one, text), FORM.sub(many, text)


def ts_text(strings: list[str]) -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             '<TS version="2.1" language="en_US">', "<context>", "    <name></name>"]
    for text in strings:
        singular, plural = english_forms(text)
        lines += ['    <message numerus="yes">',
                  f"        <source>{escape(text, quote=False)}</source>",
                  "        <translation>",
                  f"            <numerusform>{escape(singular, quote=False)}</numerusform>",
                  f"            <numerusform>{escape(plural, quote=False)}</numerusform>",
                  "        </translation>", "    </message>"]
    lines += ["</context>", "</TS>", ""]
    return "\n".join(lines)


def main() -> int:
    TS.write_text(ts_text(plural_strings()), encoding="utf-8")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease) if lrelease.exists() else "pyside6-lrelease", str(TS),
                    "-qm", str(TS.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
