"""PDF printing through Qt: an A4 PDF whose text is real (extractable) and holds every quote."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

from annotator.formats.report import Report
from annotator.ui.printing import render_pdf
from tests.fixtures.report_fixture import default_scale_report, fixture_report, make_report

PDFTOTEXT = Path("/usr/bin/pdftotext")
ROOT = Path(__file__).resolve().parents[2]


def extract_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    if PDFTOTEXT.exists():
        done = subprocess.run(
            [str(PDFTOTEXT), "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
        return done.stdout.decode("utf-8")
    from pdfminer.high_level import extract_text as pdfminer_text

    text: str = pdfminer_text(str(path))
    return text


def normalise(text: str) -> str:
    """Extracted text spells Arabic in presentation forms, adds bidi marks and breaks lines."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)
    return " ".join(text.split())


def drawable(text: str) -> bool:
    """Whether some installed font has a glyph for every character (a PDF cannot hold text
    that no font can draw: a machine without an Urdu font loses some Urdu letters)."""
    families = QFontDatabase.families()
    for char in set(text) - set(" \n"):
        if not any(QFontMetrics(QFont(f)).inFontUcs4(ord(char)) for f in families):
            return False
    return True


def _quotes(report: Report) -> list[str]:
    return [c.quote for d in report.documents for c in d.claims]


@pytest.mark.parametrize("make", [fixture_report, default_scale_report])
def test_pdf_holds_every_quote_as_text(
    qapp: QApplication, tmp_path: Path, make: Callable[[], Report]
) -> None:
    report = make()
    pdf = render_pdf(report)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert b"/MediaBox [0 0 595" in pdf, "A4 pages"
    text = normalise(extract_text(pdf, tmp_path))
    assert normalise(report.project.title) in text
    checked = 0
    for quote in _quotes(report):
        if drawable(quote):
            assert normalise(quote) in text
            checked += 1
    assert checked >= len(_quotes(report)) - 1, "at most the Urdu quote lacks a font here"


def test_hostile_text_is_printed_not_interpreted(qapp: QApplication, tmp_path: Path) -> None:
    hostile = '<img src="file:///etc/passwd"><b>bold?</b>'
    text = f"Intro {hostile} outro."
    report = make_report(text, [(6, 6 + len(hostile))], summary="<i>x</i>")
    extracted = normalise(extract_text(render_pdf(report), tmp_path))
    assert hostile in extracted
    assert "<i>x</i>" in extracted


def test_long_article_flows_over_many_pages(qapp: QApplication, tmp_path: Path) -> None:
    sentence = "Exports grew by twelve percent last year, the minister said. "
    spans = [(i * len(sentence), i * len(sentence) + 11) for i in range(200)]
    pdf = render_pdf(make_report(sentence * 400, spans))
    pages = re.search(rb"/Type\s*/Pages\b.*?/Count (\d+)", pdf, re.DOTALL)
    assert pages is not None
    assert int(pages.group(1)) > 5


@pytest.mark.skipif(sys.platform != "linux", reason="offscreen fallback is for headless Linux")
def test_starts_its_own_offscreen_application(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    script = (
        "from annotator.ui.printing import render_pdf\n"
        "from tests.fixtures.report_fixture import default_scale_report\n"
        "import os, sys\n"
        "pdf = render_pdf(default_scale_report())\n"
        "assert os.environ['QT_QPA_PLATFORM'] == 'offscreen'\n"
        "sys.stdout.write(str(len(pdf)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()
    assert int(done.stdout) > 1000


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_fonts_are_embedded(qapp: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(render_pdf(default_scale_report()))
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, timeout=60)
    rows = listing.stdout.decode().splitlines()[2:]
    assert rows
    assert all(" yes " in row for row in rows), "every font embedded"
