"""The Arabic words of the window are complete, well formed and compiled, and Qt's own
buttons speak Arabic with them. scripts/arabic_ts.py updates, fills and compiles."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo
from PySide6.QtWidgets import QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import arabic_ts  # noqa: E402

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
ACCELERATOR = re.compile(r"&(?!&)\S")
# Arabic's six plural forms, in Qt's order. The forms of zero, one and two may say the
# number in words ("لا توجد خروقات محذوفة", "خرق واحد", "خرقان"); the others write it.
WRITES_THE_NUMBER = (3, 4, 5)
# Words a Syrian editor refuses: "استشهاد" (martyrdom, in a casualty count) for a citation,
# the tanween written before the alif ("اً"; the window writes "ًا"), Egypt's "الإنجليزية".
REFUSED = re.compile("استشهد|استشهاد|شهيد|اً|إنجليز")


def shown(text: str) -> str:
    return text.replace("\n", "\\n")


@pytest.fixture(scope="module")
def window_texts(tmp_path_factory) -> dict[str, bool]:
    """Every tr() text of gui/, read by pyside6-lupdate into an empty .ts: text → plural."""
    ts = tmp_path_factory.mktemp("lupdate") / "window.ts"
    arabic_ts.lupdate(ts)
    return {source: message.get("numerus") == "yes"
            for source, message in arabic_ts.messages(ts).items()}


@pytest.fixture(scope="module")
def words() -> dict:
    """The messages of truce_ledger_ar.ts by source text."""
    return arabic_ts.messages(arabic_ts.TS)


def translated(words: dict):
    """(source, forms) of each message with some translation written."""
    for source, message in words.items():
        forms = arabic_ts.translations(message)
        if any(forms):
            yield source, message, forms


def test_every_text_of_the_window_has_its_arabic(window_texts, words):
    missing = [s for s in window_texts if s not in words]
    unfinished = [s for s in window_texts if s in words and not arabic_ts.is_finished(words[s])]
    wrong_kind = [s for s, plural in window_texts.items()
                  if s in words and plural != (words[s].get("numerus") == "yes")]
    assert not (missing or unfinished or wrong_kind), (
        f"{len(missing)} of {len(window_texts)} texts missing from {arabic_ts.TS.name}, "
        f"{len(unfinished)} unfinished, {len(wrong_kind)} plural in one place only "
        "(run scripts/arabic_ts.py --fill …):\n" + "\n".join(
            shown(s) for s in (missing + unfinished + wrong_kind)[:40]))


def test_each_plural_has_arabic_six_forms_each_with_its_number(words):
    wrong = []
    for source, message, forms in translated(words):
        if message.get("numerus") != "yes":
            continue
        if len(forms) != arabic_ts.FORMS or not all(forms):
            wrong.append(f"{shown(source)}: {len(forms)} forms, {forms.count('')} empty")
        wrong += [f"{shown(source)}: form {i} lacks %n: {forms[i]}"
                  for i in WRITES_THE_NUMBER if i < len(forms) and "%n" not in forms[i]]
    assert not wrong, "\n".join(wrong)


def test_each_translation_keeps_the_placeholders_and_the_alt_key(words):
    wrong = []
    for source, message, forms in translated(words):
        wanted = sorted(PLACEHOLDER.findall(source))
        keys = len(ACCELERATOR.findall(source))
        for i, form in enumerate(forms):
            kept = sorted(PLACEHOLDER.findall(form))
            # A plural's zero may leave a figure unsaid ("لا توجد خروقات مطابقة": no
            # "0 killed"), but adds none.
            if kept != wanted and not (message.get("numerus") == "yes" and i == 0
                                       and set(kept) <= set(wanted)):
                wrong.append(f"{shown(source)} → {shown(form)}: placeholders {wanted}")
            if len(ACCELERATOR.findall(form)) != keys:
                wrong.append(f"{shown(source)} → {shown(form)}: {keys} Alt key(s) (&)")
    assert not wrong, "\n".join(wrong)


def test_the_compiled_words_are_those_of_the_ts(tmp_path):
    """After editing the .ts, run scripts/arabic_ts.py: it compiles the .qm."""
    fresh = tmp_path / "fresh.qm"
    arabic_ts.lrelease(arabic_ts.TS, fresh)
    assert fresh.read_bytes() == arabic_ts.QM.read_bytes()


def test_the_check_says_what_is_left(tmp_path, window_texts):
    """--check lists the texts without Arabic, and fails while there are any."""
    done = subprocess.run([sys.executable, str(Path(arabic_ts.__file__)), "--check"],
                          capture_output=True, text=True)
    left = [line for line in done.stdout.splitlines() if line]
    assert done.returncode == (1 if left else 0)
    assert f"{len(left)} text(s)" in done.stderr
    assert set(left) <= {shown(s) for s in window_texts}


def test_fill_writes_finished_arabic_and_refuses_what_the_window_lacks(tmp_path):
    ts = tmp_path / "ar.ts"
    ts.write_bytes(arabic_ts.TS.read_bytes())
    arabic_ts.lupdate(ts)
    problems = arabic_ts.fill(ts, {
        "Later": "لاحقًا", "%n breach(es)": ["%n خرق", "خرق واحد", "خرقان", "%n خروقات",
                                              "%n خرقًا", "%n خرق"],
        "No such text in the window": "لا", "Restart now": ["one", "two"]})
    assert len(problems) == 2
    filled = arabic_ts.messages(ts)
    assert arabic_ts.translations(filled["Later"]) == ["لاحقًا"]
    assert arabic_ts.is_finished(filled["%n breach(es)"])
    assert arabic_ts.translations(filled["%n breach(es)"])[2] == "خرقان"


def test_no_translation_says_martyrdom_or_writes_tanween_before_the_alif(words):
    wrong = [f"{shown(source)} → {shown(form)}" for source, message, forms in translated(words)
             for form in forms if REFUSED.search(form)]
    assert not wrong, "\n".join(wrong)


def test_a_zero_is_said_in_words_not_as_0_with_a_singular(words):
    """Qt's form 0 is n == 0: "لا توجد خروقات محذوفة", never "0 خرق محذوف"."""
    wrong = [f"{shown(source)}: {forms[0]}" for source, message, forms in translated(words)
             if message.get("numerus") == "yes" and forms[0].startswith("%n")]
    assert not wrong, "\n".join(wrong)


def test_qt_own_buttons_are_arabic_nouns(arabic):
    """Qt's Arabic (qtbase_ar) gives its buttons as imperatives ("ألغِ", "أغلق"): the
    window says them as nouns, as Arabic programs write them."""
    assert Path(QLibraryInfo.path(QLibraryInfo.TranslationsPath), "qtbase_ar.qm").exists()
    box = QMessageBox(QMessageBox.Warning, "", "",
                      QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel)
    assert sorted(button.text() for button in box.buttons()) == sorted(
        ["حفظ", "إلغاء", "عدم الحفظ"])
    box = QMessageBox(QMessageBox.Question, "", "",
                      QMessageBox.Ok | QMessageBox.Open | QMessageBox.Close | QMessageBox.Apply
                      | QMessageBox.Reset | QMessageBox.Yes | QMessageBox.No)
    assert sorted(button.text().replace("&", "") for button in box.buttons()) == sorted(
        ["موافق", "فتح", "إغلاق", "تطبيق", "إعادة تعيين", "نعم", "لا"])


def test_the_file_dialog_is_arabic_and_a_text_without_arabic_stays_as_written(arabic):
    """qtbase_ar.qm lacks two labels of Qt 6's file dialog: the window adds them; any
    text that has no Arabic is shown as written, never blank."""
    from PySide6.QtCore import QCoreApplication
    from gui.i18n import tr
    for label in ("&Look in:", "Files of &type:"):
        assert re.search("[\u0600-\u06ff]", QCoreApplication.translate("QFileDialog", label))
    assert QCoreApplication.translate("QFileDialog", "No such words") == "No such words"
    assert tr("No such words in the window") == "No such words in the window"
