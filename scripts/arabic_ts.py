"""The Arabic words of the window: resources/translations/truce_ledger_ar.ts and its .qm.

    python scripts/arabic_ts.py                    read every tr() of gui/ into the .ts
                                                   (translations kept), compile the .qm
    python scripts/arabic_ts.py --fill A.json …    the same, filling in the translations of
                                                   the JSON files, marked finished
    python scripts/arabic_ts.py --check            list what is missing or unfinished
                                                   (writes nothing); exit status 1 if any

A JSON file is one object: the source text, exactly as tr() receives it, to its Arabic;
for a plural string ("%n …") a list of Arabic's six forms in Qt's order: n = 0, 1, 2,
n % 100 in 3..10, n % 100 in 11..99, and the rest (100, 101, 102…).
tests/test_translations.py fails while anything is missing, unfinished or not compiled.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "truce_ledger_ar.ts"
QM = TS.with_suffix(".qm")
FORMS = 6  # Arabic: zero, one, two, few (3..10), many (11..99), other


def tool(name: str) -> str:
    """A Qt tool of this Python's PySide6 (pyside6-lupdate, pyside6-lrelease)."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else name


def lupdate(ts: Path) -> None:
    """Read every tr() of gui/*.py into `ts`, keeping its translations; no line numbers,
    so that the file changes only when the words do."""
    sources = sorted(str(p) for p in (ROOT / "gui").glob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), *sources, "-ts", str(ts), "-no-obsolete",
                    "-locations", "none", "-source-language", "en", "-target-language", "ar"],
                   check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True,
                   capture_output=True)


def messages(ts: Path) -> dict[str, ET.Element]:
    """Each <message> of `ts` by its source text."""
    return {m.findtext("source"): m for m in ET.parse(ts).getroot().iter("message")}


def translations(message: ET.Element) -> list[str]:
    """The translation of a message: one text, or the forms of a plural one."""
    element = message.find("translation")
    if message.get("numerus") == "yes":
        return [form.text or "" for form in element.iter("numerusform")]
    return [element.text or ""]


def is_finished(message: ET.Element) -> bool:
    element = message.find("translation")
    forms = translations(message)
    return (element.get("type") is None and all(forms)
            and (message.get("numerus") != "yes" or len(forms) == FORMS))


def fill(ts: Path, words: dict[str, object]) -> list[str]:
    """Write `words` into `ts`, each marked finished; returns the problems (a source text
    the window does not have, a plural without six forms)."""
    tree = ET.parse(ts)
    found = {m.findtext("source"): m for m in tree.getroot().iter("message")}
    problems = []
    for source, arabic in words.items():
        message = found.get(source)
        plural = message is not None and message.get("numerus") == "yes"
        if message is None:
            problems.append(f"not a text of the window: {source!r}")
        elif plural != isinstance(arabic, list) or (plural and len(arabic) != FORMS):
            problems.append(f"needs {f'{FORMS} forms' if plural else 'one text'}: {source!r}")
        else:
            element = message.find("translation")
            element.attrib.pop("type", None)
            if plural:
                element.text = None
                for form in list(element):
                    element.remove(form)
                for text in arabic:
                    ET.SubElement(element, "numerusform").text = text
            else:
                element.text = arabic
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return problems


def unfinished(ts: Path) -> list[str]:
    """The source texts of gui/ that `ts` lacks or has not finished."""
    with tempfile.TemporaryDirectory() as folder:
        current = Path(folder) / "current.ts"
        current.write_bytes(ts.read_bytes())
        lupdate(current)
        return [source for source, message in messages(current).items()
                if not is_finished(message)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", nargs="+", metavar="FILE.json", default=[])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.check:
        left = unfinished(TS)
        for source in left:
            print(source.replace("\n", "\\n"))
        print(f"{len(left)} text(s) missing or unfinished in {TS.name}", file=sys.stderr)
        return 1 if left else 0
    lupdate(TS)
    problems = []
    for name in args.fill:
        problems += fill(TS, json.loads(Path(name).read_text(encoding="utf-8")))
    if args.fill:
        lupdate(TS)  # written back in lupdate's own layout
    lrelease(TS, QM)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
