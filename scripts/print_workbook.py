"""A workbook as it prints: converted to PDF by LibreOffice, as an office's printer or a
journalist's "Save as PDF" would, then each page read back with poppler (pdftotext), and
drawn as a PNG to look at (pdftoppm).

    python scripts/print_workbook.py WORKBOOK.xlsx [--out FOLDER] [--png]

Prints, for every page: the sheet it belongs to (read from the footer the export writes,
"Breaches · Page 6 of 31"), the headers of its first row as they print, the smallest text
on it (in points), and whether any cell prints as ###. tests/test_workbook_print.py uses
these functions. Needs `soffice` (apt-get install libreoffice-calc-nogui) and poppler
(apt-get install poppler-utils).
"""
from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# The box pdftotext gives a word is its font's ascent and descent: about 1.3 times the
# size of the font (LibreOffice's Carlito and DejaVu fonts, measured on 11-point text).
BOX_PER_POINT = 1.3
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r'(.*?)</word>')
_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"  # of direction, around Arabic
_FOOTER = re.compile(r"^(.+) · \S+ \d+ \S+ \d+$")  # "Breaches · Page 6 of 31"


@dataclass
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Page:
    number: int
    text: str
    words: list[Word] = field(default_factory=list)

    @property
    def sheet(self) -> str | None:
        """The sheet the page prints, from its footer."""
        for line in self.text.splitlines():
            found = _FOOTER.match(line.strip().strip(_MARKS))
            if found:
                return found.group(1)
        return None

    @property
    def smallest_text(self) -> float:
        """The size, in points, of the smallest text on the page (about)."""
        return min((w.y1 - w.y0) / BOX_PER_POINT for w in self.words) if self.words else 0

    def first_row(self) -> list[str]:
        """The words of the page's first row (the header row, on a page of a sheet that
        repeats it), line by line, left to right: those above the first word below it in
        the column at the page's left. A header cut by its column or its row loses words,
        or has them broken."""
        if not self.words:
            return []
        top = min(w.y0 for w in self.words)
        left = min(w.x0 for w in self.words if w.y0 - top < 2)
        below = sorted(w.y0 for w in self.words if w.y0 - top > 2 and abs(w.x0 - left) < 12)
        bottom = below[0] if below else max(w.y1 for w in self.words) + 1
        band = [w for w in self.words if w.y0 < bottom - 1]
        return [w.text for w in sorted(band, key=lambda w: (round(w.y0), w.x0))]


def to_pdf(workbook: Path, folder: Path) -> Path:
    """The workbook printed to PDF by LibreOffice, into `folder`."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), str(workbook)],
                       check=True, capture_output=True, timeout=600)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return folder / (workbook.stem + ".pdf")


def pages(pdf: Path) -> list[Page]:
    """Every page of `pdf`: its text and its words with their boxes."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout.split("\f")
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout.split("<page ")[1:]
    found = []
    for number, (page_text, page_boxes) in enumerate(zip(text, boxes), start=1):
        words = [Word(float(a), float(b), float(c), float(d), html.unescape(t))
                 for a, b, c, d, t in _WORD.findall(page_boxes)]
        found.append(Page(number, page_text, words))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workbook", type=Path)
    parser.add_argument("--out", type=Path, default=Path("printed"))
    parser.add_argument("--png", action="store_true", help="draw every page as a PNG too")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pdf = to_pdf(args.workbook, args.out)
    print(pdf)
    if args.png:
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(args.out / "page")],
                       check=True)
    for page in pages(pdf):
        print(f"page {page.number}: {page.sheet}, smallest text {page.smallest_text:.1f} pt"
              f"{', ### in it' if '###' in page.text else ''}")
        print("   ", " ".join(page.first_row()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
