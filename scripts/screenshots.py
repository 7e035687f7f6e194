"""Screenshots of the window for README.md, taken offscreen on the demo database.

    python scripts/screenshots.py [--out docs/screenshots]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import db  # noqa: E402
from db.demo import create_demo  # noqa: E402
from db.totals import scheme_for  # noqa: E402
from db.workbook import ExportOptions, export_workbook  # noqa: E402

SIZE = (1440, 900)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="truce-shots-"))
    for kind in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(kind, QSettings.UserScope, str(work / "settings"))
    from gui.app import make_application
    from gui.main_window import MainWindow
    app = make_application(["screenshots"])
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
    return 0


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
    QApplication.processEvents()
    window.grab().save(str(path))
    print(path)


if __name__ == "__main__":
    sys.exit(main())
