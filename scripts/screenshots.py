"""Screenshots of the window for README.md, taken offscreen on the demo database.

    python scripts/screenshots.py [--out docs/screenshots] [--arabic | --english]

Both languages by default: breaches.png, editor.png… and the Arabic window's
ar-breaches.png, ar-editor.png and ar-weekly-totals.png, each view reached with the keys
a user presses (Ctrl+1, Down, Enter, Ctrl+2).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import db  # noqa: E402
from db.demo import create_demo  # noqa: E402
from db.totals import scheme_for  # noqa: E402
from db.workbook import ExportOptions, export_workbook  # noqa: E402

SIZE = (1440, 900)
ARABIC = re.compile("[\u0600-\u06ff]")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--arabic", action="store_true", help="only the Arabic window's")
    only.add_argument("--english", action="store_true", help="only the English window's")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="truce-shots-"))
    for kind in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(kind, QSettings.UserScope, str(work / "settings"))
    from gui import settings
    from gui.app import make_application
    app = make_application(["screenshots"])
    settings.put(settings.USER_NAME, "Rima")  # the first save asks nobody who is typing
    if not args.arabic:
        english_shots(app, args.out, work)
    if not args.english:
        arabic_shots(app, args.out, work)
    return 0


def english_shots(app, out: Path, work: Path) -> None:
    from gui.main_window import MainWindow
    args = argparse.Namespace(out=out)
    path = work / "demo.sqlite3"
    create_demo(path)
    ledger = db.open_ledger(path, user="Rima", office="Media office")
    window = MainWindow(ledger)
    window.resize(*SIZE)
    window.show()
    app.processEvents()
    shoot(window, args.out / "breaches.png")

    # The editor, on a breach with named victims.
    with_victims = next(row.id for row in db.list_breaches(ledger, limit=251)
                        if db.get_breach(ledger, row.id).victims)
    view = window.breaches
    view.open_breach(with_victims)
    view.splitter.setSizes([700, 740])
    editor = view.editor
    editor.form.victims.table.setMinimumHeight(130)
    app.processEvents()
    scroll = editor.tabs.widget(0)
    scroll.ensureWidgetVisible(editor.form.victims, 0, 0)
    shoot(window, args.out / "editor.png")

    # Right to left, with Arabic text in the fields and in the table.
    QApplication.setLayoutDirection(Qt.RightToLeft)
    view.new_breach()
    form = editor.form
    form.date.edit.setText("٤ كانون الثاني ٢٠١٧")  # the day, as an Arabic press release writes it
    form.governorate.setEditText("ريف دمشق")
    form.district.setText("قدسيا")
    form.place.setText("عين الفيجة")
    form.actor.setEditText("قوات نظام الأسد")
    form.least["killed"].setValue(2)
    form.least["children"].setValue(1)
    form.least["injured"].setValue(5)
    form.description.setPlainText("قصف مدفعي على نبع عين الفيجة في وادي بردى، ومقتل طفل.")
    form.citations.source_edit.setText("Wadi Barada Media Office")
    editor.save()
    form.victims.add_victim()
    form.victims.model.setData(form.victims.model.index(0, 0), "محمد العلي")
    form.victims.model.setData(form.victims.model.index(0, 3), "9")
    editor.save()
    view.splitter.setSizes([700, 740])
    app.processEvents()
    shoot(window, args.out / "right-to-left.png")
    # The Weekly totals of the demo week and the weeks after it.
    QApplication.setLayoutDirection(Qt.LeftToRight)
    window.close()
    big = work / "weeks.sqlite3"
    create_demo(big, size=3000)
    window = MainWindow(db.open_ledger(big, user="Rima", office="Media office"))
    window.resize(*SIZE)
    window.show()
    totals = window.totals
    window.tabs.setCurrentWidget(totals)
    wait_for(app, lambda: totals.model.weeks)
    totals.table.selectRow(0)
    shoot(window, args.out / "weekly-totals.png")

    # The workbook, as Excel or LibreOffice shows it (needs LibreOffice and pdftoppm).
    workbook = work / "press.xlsx"
    with db.open_ledger(big) as ledger:
        export_workbook(ledger, workbook, ExportOptions(scheme=scheme_for(ledger),
                                                        office="Media office"))
    shoot_workbook(workbook, args.out, work)
    window.close()


def arabic_shots(app, out: Path, work: Path) -> None:
    """The Arabic window on the demo: the breaches, the editor on a breach, and the Weekly
    totals with the Arabic sentence; each reached with the keys a user presses."""
    from gui import settings
    from gui.main_window import MainWindow
    from gui.translations import install_translations
    settings.put(settings.LANGUAGE, "ar")
    install_translations(app, "ar")
    path = work / "demo-ar.sqlite3"
    create_demo(path, size=300)
    window = MainWindow(db.open_ledger(path, user="Rima", office="Media office"))
    window.resize(*SIZE)
    window.show()
    window.activateWindow()
    app.processEvents()
    press(app, Qt.Key_1, Qt.ControlModifier)
    shoot(window, out / "ar-breaches.png")
    table = window.breaches.table
    for _ in range(40):  # down to a breach described in Arabic (most of the demo is not)
        press(app, Qt.Key_Down)
        if ARABIC.search(table.currentIndex().siblingAtColumn(11).data() or ""):
            break
    press(app, Qt.Key_Return)
    wait_for(app, window.breaches.editor.isVisible)
    shoot(window, out / "ar-editor.png")
    press(app, Qt.Key_Escape)
    press(app, Qt.Key_2, Qt.ControlModifier)
    totals = window.totals
    wait_for(app, lambda: totals.model.weeks and totals.sentence_ar.toPlainText())
    shoot(window, out / "ar-weekly-totals.png")
    window.close()
    settings.put(settings.LANGUAGE, "en")
    install_translations(app, "en")


def press(app, key, modifiers=Qt.NoModifier) -> None:
    """A key pressed where the keyboard is, as a user presses it."""
    app.processEvents()
    target = QApplication.focusWidget() or QApplication.activeWindow()
    QTest.keyClick(target, key, modifiers)
    app.processEvents()


def wait_for(app, condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def shoot_workbook(workbook: Path, out: Path, work: Path) -> None:
    """The Summary and Weekly totals sheets, printed by LibreOffice and made PNG."""
    if not (shutil.which("soffice") and shutil.which("pdftoppm")):
        print("LibreOffice or pdftoppm missing: no picture of the workbook")
        return
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work),
                    str(workbook)], check=True, capture_output=True, timeout=300)
    pdf = work / (workbook.stem + ".pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf),
                    str(out / "workbook")], check=True, timeout=120)
    for page in sorted(out.glob("workbook-*.png")):
        print(page)


def shoot(window, path: Path) -> None:
    for _ in range(5):  # layouts that change on a resize settle in a few rounds
        QApplication.processEvents()
        time.sleep(0.02)
    window.grab().save(str(path))
    print(path)


if __name__ == "__main__":
    sys.exit(main())
