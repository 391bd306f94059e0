"""PDF reports through Qt's own printing: the print variant of the HTML report laid out by a
``QTextDocument`` and painted by a ``QPdfWriter`` (A4, 18 mm margins) into memory.

Qt writes real text with embedded fonts, so the PDF is searchable and its text selectable. This
is the renderer the composition root plugs into the ``pdf`` export format (the formats package
stays free of Qt). It works headless: without a running application it starts a
``QGuiApplication``, on the offscreen platform when there is no display.

Italic text the italic face cannot draw is set upright before printing: Qt keeps the style when
it falls back to another font for a missing glyph, and common oblique faces (DejaVu Sans
Oblique, the only sans-serif italic some Linux systems have) hold no Arabic or Urdu letters, so
an italic Arabic excerpt would print as empty boxes although the upright face has the letters.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import (
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from annotator.formats.exporters.html_print import render_print_html
from annotator.formats.report import Report
from annotator.ui.glyphs import upright_where_italic_lacks_glyphs

MARGIN_MM = 18.0
RESOLUTION_DPI = 300

# Kept alive for the process: a QGuiApplication collected while Qt objects live crashes.
_app: QGuiApplication | None = None


def ensure_gui_application() -> None:
    """Start a QGuiApplication when none runs (the CLI exports PDFs without a window)."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    if sys.platform.startswith("linux"):
        # Rendering needs fonts, not a screen: a DISPLAY that is set but unreachable (an ssh
        # session, a stopped X server) must not abort the export.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication([sys.argv[0] if sys.argv else "annotator"])


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes."""
    ensure_gui_application()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(report.project.title)
    writer.setCreator(report.generator)
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(render_print_html(report))
    upright_where_italic_lacks_glyphs(document)
    # No page size of our own: print_ then lays the text out on the writer's paint rectangle
    # and scales from screen points to the writer's resolution.
    document.print_(writer)
    del writer  # ends the PDF (writes the trailer) before the buffer is read
    data: QByteArray = buffer.data()
    buffer.close()
    return bytes(data.data())
