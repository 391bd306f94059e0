"""Writing direction: every importer gives each block its text's direction (the first strong
character, rules P2/P3 of the Unicode bidi algorithm) and the document its majority's."""

from __future__ import annotations

import io

import docx
import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication

from annotator.domain.body import Block, BlockKind, text_direction
from annotator.formats.importers.builder import with_directions
from annotator.formats.importers.docx import import_docx_bytes
from annotator.formats.importers.html import import_html_bytes, import_pasted_html
from annotator.formats.importers.markdown import import_markdown_bytes
from annotator.formats.importers.pdf import import_pdf_bytes
from annotator.formats.importers.text import import_pasted_text, import_text_bytes

URDU = "وزیر خارجہ نے کہا کہ دونوں ممالک تعاون بڑھائیں گے۔"
ARABIC = "قال وزير المالية إن النمو بلغ 5% في عام 2023."
ENGLISH = "The minister said growth reached 5% in 2023."


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        (URDU, "rtl"),
        (ARABIC, "rtl"),
        ("שלום עולם", "rtl"),
        (ENGLISH, "ltr"),
        ("2023: " + ARABIC, "rtl"),  # digits and punctuation are not strong
        ("«" + ARABIC + "» said the BBC", "rtl"),
        ("BBC: " + ARABIC, "ltr"),
        ("\u2067BBC\u2069 " + ARABIC, "rtl"),  # P2 skips what an isolate holds
        ("\u2068BBC " + ARABIC, ""),  # an isolate left open runs to the end
        ("12.5% — 2023-12-01 !", ""),
        ("", ""),
    ],
)
def test_text_direction_is_that_of_the_first_strong_character(text: str, direction: str) -> None:
    assert text_direction(text) == direction


def test_with_directions_keeps_stated_directions_and_weighs_the_text() -> None:
    blocks = [
        Block(BlockKind.PARAGRAPH, URDU),
        Block(BlockKind.PARAGRAPH, ENGLISH),
        Block(BlockKind.PARAGRAPH, "2023"),
        Block(BlockKind.QUOTE, ARABIC, direction="ltr"),  # as its source said
    ]
    directed, direction = with_directions(blocks)
    assert [b.direction for b in directed] == ["rtl", "ltr", "", "ltr"]
    assert direction == "ltr"  # URDU is shorter than ENGLISH + ARABIC (stated ltr)
    assert with_directions(blocks[:1] + blocks[2:3])[1] == "rtl"
    assert with_directions(blocks[2:3])[1] == "ltr"  # nothing strong: left to right
    assert with_directions(blocks[:1], declared="ltr")[1] == "ltr"  # a declaration wins


def test_urdu_text_file_reads_right_to_left() -> None:
    data = f"{URDU}\n\n{ARABIC}\n{ENGLISH}\n2023-12-01\n".encode()
    doc = import_text_bytes(data, "urdu.txt")
    assert doc.direction == "rtl"
    assert [b.direction for b in doc.blocks] == ["rtl", "", "rtl", "ltr", ""]
    assert doc.text == f"{URDU}\n\n{ARABIC}\n{ENGLISH}\n2023-12-01"


def test_news_format_and_pasted_text_get_directions_too() -> None:
    news = import_text_bytes(f"date 2023-12-01 Amina K.\nکراچی\n{URDU}".encode(), "news.txt")
    assert (news.format, news.direction) == ("news", "rtl")
    pasted = import_pasted_text(f"{ARABIC}\n{ENGLISH}\n{ENGLISH}")
    assert pasted.direction == "ltr"  # the majority of its text
    assert [b.direction for b in pasted.blocks] == ["rtl", "ltr", "ltr"]


def test_english_text_stays_left_to_right() -> None:
    doc = import_text_bytes(f"{ENGLISH}\n{ENGLISH}".encode(), "en.txt")
    assert doc.direction == "ltr"
    assert {b.direction for b in doc.blocks} == {"ltr"}


def test_markdown_in_arabic() -> None:
    source = f'# {ARABIC[:14]}\n\n{ARABIC}\n\n- {URDU}\n\n<p dir="rtl">{ENGLISH}</p>\n'
    doc = import_markdown_bytes(source.encode(), "ar.md")
    assert doc.direction == "rtl"
    assert [(b.kind, b.direction) for b in doc.blocks] == [
        (BlockKind.HEADING, "rtl"),
        (BlockKind.PARAGRAPH, "rtl"),
        (BlockKind.LIST_ITEM, "rtl"),
        (BlockKind.PARAGRAPH, "rtl"),  # the author's dir is kept
    ]


def test_word_document_in_urdu() -> None:
    document = docx.Document()
    document.add_heading(URDU[:10], level=1)
    document.add_paragraph(URDU)
    document.add_paragraph(ENGLISH)
    buffer = io.BytesIO()
    document.save(buffer)
    doc = import_docx_bytes(buffer.getvalue(), "ur.docx")
    assert doc.direction == "rtl"
    assert [b.direction for b in doc.blocks] == ["rtl", "rtl", "ltr"]


def test_pdf_in_arabic(qapp: QApplication) -> None:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    text = QTextDocument()
    text.setHtml(f'<p dir="rtl">{ARABIC}</p><p dir="rtl">{ARABIC}</p><p>{ENGLISH}</p>')
    text.print_(writer)
    del writer
    doc = import_pdf_bytes(bytes(buffer.data().data()), "ar.pdf")
    assert doc.direction == "rtl"
    assert "rtl" in {b.direction for b in doc.blocks}
    assert any(b.direction == "ltr" and "minister" in b.text for b in doc.blocks)


def test_web_page_without_dir_gets_the_direction_of_its_text() -> None:
    page = f"<html><body><article><h1>{ARABIC[:14]}</h1><p>{ARABIC}</p><p>{ARABIC}</p>"
    page += f"<p>{ENGLISH}</p></article></body></html>"
    doc = import_html_bytes(page.encode(), "ar.html")
    assert doc.direction == "rtl"
    assert [b.direction for b in doc.blocks] == ["rtl", "rtl", "rtl", "ltr"]


def test_web_page_declaring_its_direction_keeps_it_and_blocks_follow_their_text() -> None:
    page = f'<html dir="rtl"><body><article><p>{ENGLISH}</p><p>{ENGLISH}</p>'
    page += f'<p>{ARABIC}</p><p dir="ltr">{ARABIC}</p></article></body></html>'
    doc = import_html_bytes(page.encode(), "mixed.html")
    assert doc.direction == "rtl"
    # An English paragraph in a right-to-left page keeps its full stop on the right; a block
    # whose own dir differs from the page's keeps it.
    assert [b.direction for b in doc.blocks] == ["ltr", "ltr", "rtl", "ltr"]


def test_pasted_html_uses_the_shared_rule() -> None:
    doc = import_pasted_html(f"<p>{URDU}</p><p>{URDU}</p><p>{ENGLISH}</p>")
    assert doc.direction == "rtl"
    assert [b.direction for b in doc.blocks] == ["rtl", "rtl", "ltr"]
