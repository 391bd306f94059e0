"""The PDF report with Arabic and Urdu: italic that the italic face cannot draw is set upright,
names inside English sentences stay isolated in Qt's layout, and paragraphs are spaced."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QRawFont, QTextBlock, QTextDocument
from PySide6.QtWidgets import QApplication

from annotator.formats.exporters.html_print import render_print_html
from annotator.ui.glyphs import upright_where_italic_lacks_glyphs
from annotator.ui.printing import render_pdf
from tests.formats.test_export_direction import _rtl_report
from tests.ui.test_printing import drawable, extract_text, normalise


def _italic_runs(document: QTextDocument) -> list[tuple[str, QRawFont]]:
    runs = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            fragments += 1
            fmt = fragment.charFormat()
            if fmt.fontItalic():
                font = fmt.font().resolve(document.defaultFont())
                runs.append((fragment.text(), QRawFont.fromFont(font)))
        block = block.next()
    return runs


def test_italic_is_kept_only_where_the_italic_face_has_the_letters(qapp: QApplication) -> None:
    document = QTextDocument()
    document.setHtml(
        "<html><body><p><i>“Latin excerpt”</i> and <i>“النمو 3% فقط.”</i></p></body></html>"
    )
    upright_where_italic_lacks_glyphs(document)
    runs = _italic_runs(document)
    assert "“Latin excerpt”" in [text for text, _ in runs]
    for text, face in runs:
        assert all(face.supportsCharacter(ord(c)) for c in text if not c.isspace()), text


def test_arabic_excerpt_prints_as_text_not_boxes(qapp: QApplication, tmp_path: Path) -> None:
    report = _rtl_report(with_blocks=True)
    excerpt = report.documents[0].claims[0].sources[0].excerpt
    assert drawable(excerpt)
    text = normalise(extract_text(render_pdf(report), tmp_path))
    # Extracted right-to-left text comes out with its punctuation moved; its words are there.
    words = re.findall(r"[^\W\d_]+", normalise(excerpt))
    assert words
    assert all(word in text for word in words)


def _block_starting(document: QTextDocument, prefix: str) -> QTextBlock:
    block = document.begin()
    while block.isValid() and not block.text().startswith(prefix):
        block = block.next()
    assert block.isValid(), prefix
    return block


def test_names_inside_a_sentence_stay_isolated(qapp: QApplication) -> None:
    """In "Claimed by NAME, ROLE" the comma follows the whole name and precedes the role on
    the page, instead of sitting inside one right-to-left run of both."""
    document = QTextDocument()
    document.setTextWidth(2000)
    document.setHtml(render_print_html(_rtl_report(with_blocks=True)))
    document.size()  # lays the document out
    block = _block_starting(document, "Claimed by")
    text, line = block.text(), block.layout().lineAt(0)
    comma = text.index(",")
    name = range(text.index("وزير"), text.index("المالية") + len("المالية"))
    role = range(comma + 3, comma + 3 + len("وزير"))

    def x(position: int) -> float:
        return float(line.cursorToX(position)[0])

    assert all(x(i) < x(comma) for i in name)
    assert all(x(i) > x(comma) for i in role)


def test_paragraphs_and_the_claims_heading_have_room(qapp: QApplication) -> None:
    document = QTextDocument()
    document.setHtml(render_print_html(_rtl_report(with_blocks=True)))
    paragraph = _block_starting(document, "The English sentence")
    assert paragraph.blockFormat().bottomMargin() > 0
    heading = _block_starting(document, "Claims")
    assert heading.blockFormat().topMargin() > paragraph.blockFormat().bottomMargin()
