"""The article view: exact highlights after astral and RTL text, overlaps, links and resources."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from annotator.domain.body import Block, BlockKind, Mark, MarkKind, body_text
from annotator.domain.model import Claim, Document, DocumentInfo, ProjectInfo
from annotator.domain.ratings import DEFAULT_SCALE
from annotator.domain.text import make_anchor, to_utf16
from annotator.ui.widgets.article_view import ArticleView

TEXT_BLOCKS = (
    Block(BlockKind.HEADING, "Emoji 😀👍🏽 and 中文", level=1),
    Block(
        BlockKind.PARAGRAPH, "اردو متن یہاں ہے 🇵🇰 and then the claim sits here.", direction="rtl"
    ),
    Block(
        BlockKind.PARAGRAPH,
        "A link to safe and a javascript one.",
        marks=(
            Mark(MarkKind.LINK, 10, 14, "https://example.org"),
            Mark(MarkKind.LINK, 21, 31, "javascript:alert(1)"),
            Mark(MarkKind.STRONG, 0, 1),
        ),
    ),
    Block(BlockKind.LIST_ITEM, "first item"),
    Block(BlockKind.LIST_ITEM, "second item"),
)
TEXT = body_text(TEXT_BLOCKS)
INFO = ProjectInfo("P", DEFAULT_SCALE)


def _document() -> Document:
    import hashlib

    return Document(
        DocumentInfo("d", "Doc", format="html"),
        TEXT,
        TEXT_BLOCKS,
        hashlib.sha256(TEXT.encode()).hexdigest(),
    )


def _claim(quote: str, claim_id: str, rating: str | None = None) -> Claim:
    from annotator.domain.model import Verdict

    start = TEXT.index(quote)
    return Claim(
        claim_id,
        "d",
        make_anchor(TEXT, start, start + len(quote)),
        verdict=Verdict(rating) if rating else None,
    )


def _covered(view: ArticleView) -> set[int]:
    positions: set[int] = set()
    block = view.document().begin()
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.background().style().value:
                positions.update(block.position() + fmt.start + i for i in range(fmt.length))
        block = block.next()
    return positions


def test_view_text_and_highlights_match_after_astral_and_rtl(qtbot: QtBot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    claim = _claim("the claim sits here", "c1", "true")
    view.show_document(_document(), [claim], INFO)
    assert view.document().toRawText().replace("\u2029", "\n") == TEXT
    start16 = to_utf16(TEXT, claim.start)
    end16 = to_utf16(TEXT, claim.end)
    assert start16 > claim.start  # astral characters precede the claim
    assert _covered(view) == set(range(start16, end16))
    view.select_offsets(claim.start, claim.end)
    assert view.selection_offsets() == (claim.start, claim.end)
    assert view.textCursor().selectedText() == claim.quote


def test_overlapping_claims_stay_visible(qtbot: QtBot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    outer = _claim("then the claim sits here", "outer", "false")
    inner = _claim("claim", "inner", "true")
    view.show_document(_document(), [outer, inner], INFO)
    assert _covered(view) == set(range(to_utf16(TEXT, outer.start), to_utf16(TEXT, outer.end)))
    highlighter = view._highlighter
    assert highlighter is not None
    position = to_utf16(TEXT, inner.start)
    assert [s.claim_id for s in highlighter.spans_at(position)] == ["inner", "outer"]
    view.remove_claim("outer")
    assert _covered(view) == set(range(to_utf16(TEXT, inner.start), to_utf16(TEXT, inner.end)))


def test_only_safe_links_become_anchors_and_nothing_loads(qtbot: QtBot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    view.show_document(_document(), [], INFO)
    document = view.document()
    hrefs = set()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().isAnchor():
                hrefs.add(fragment.charFormat().anchorHref())
            iterator += 1
        block = block.next()
    assert hrefs == {"https://example.org"}
    assert (
        view.loadResource(
            QTextDocument.ResourceType.ImageResource.value, QUrl("file:///etc/passwd")
        )
        is None
    )


def test_list_items_add_no_characters(qtbot: QtBot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    view.show_document(_document(), [], INFO)
    assert view.document().toRawText().endswith("first item\u2029second item")


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
REAL_FILES = [
    "2019-08-19-jekyll-4-0-0-released.markdown",
    "footnotes.docx",
    "tables.docx",
    "pdflatex-4-pages.pdf",
    "pages/rtl-3/source.html",
    "pages/ars-1/source.html",
]


@pytest.mark.parametrize("name", [*REAL_FILES, "sample"])
def test_every_format_shows_exactly_its_stored_text_and_highlights_exactly_the_quote(
    qtbot: QtBot, name: str, sample_path: Path
) -> None:
    import hashlib

    from annotator.formats.importers import import_file

    path = sample_path if name == "sample" else FIXTURES / name
    imported = import_file(path)
    text = imported.text
    document = Document(
        DocumentInfo("d", imported.title or "Doc", format=imported.format),
        text,
        imported.blocks,
        hashlib.sha256(text.encode()).hexdigest(),
    )
    # A claim over the middle third of the text.
    middle, end = len(text) // 3, 2 * len(text) // 3
    claim = Claim("c1", "d", make_anchor(text, middle, end), verdict=None)
    view = ArticleView()
    qtbot.addWidget(view)
    view.show_document(document, [claim], INFO)
    assert view.document().toRawText().replace("\u2029", "\n") == text
    # Every character of the quote is painted, except a block break it may span (no glyph).
    breaks = {to_utf16(text, i) for i in range(middle, end) if text[i] == "\n"}
    assert _covered(view) == set(range(to_utf16(text, middle), to_utf16(text, end))) - breaks
    view.select_offsets(middle, end)
    assert view.textCursor().selectedText().replace("\u2029", "\n") == text[middle:end]


def test_a_block_stored_without_a_direction_follows_its_own_text(qtbot: QtBot) -> None:
    import hashlib

    from PySide6.QtCore import Qt

    blocks = (
        Block(BlockKind.PARAGRAPH, "An English paragraph first."),
        Block(BlockKind.PARAGRAPH, "وزير المالية قال إن التضخم انخفض."),  # no direction stored
    )
    text = body_text(blocks)
    document = Document(
        DocumentInfo("d", "Old import", format="text", direction="ltr"),
        text,
        blocks,
        hashlib.sha256(text.encode()).hexdigest(),
    )
    view = ArticleView()
    qtbot.addWidget(view)
    view.show_document(document, [], INFO)
    first = view.document().begin()
    second = first.next()
    assert first.blockFormat().layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert second.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_a_numbered_list_after_a_bulleted_one_keeps_its_numbers(qtbot: QtBot) -> None:
    import hashlib

    from PySide6.QtGui import QTextListFormat

    blocks = (
        Block(BlockKind.LIST_ITEM, "a"),
        Block(BlockKind.LIST_ITEM, "b"),
        Block(BlockKind.LIST_ITEM, "one", ordered=True),
        Block(BlockKind.LIST_ITEM, "two", ordered=True),
    )
    text = body_text(blocks)
    document = Document(
        DocumentInfo("d", "Lists", format="markdown"),
        text,
        blocks,
        hashlib.sha256(text.encode()).hexdigest(),
    )
    view = ArticleView()
    qtbot.addWidget(view)
    view.show_document(document, [], INFO)
    styles = []
    block = view.document().begin()
    while block.isValid():
        text_list = block.textList()
        assert text_list is not None
        styles.append((block.text(), text_list.format().style(), text_list.itemNumber(block)))
        block = block.next()
    disc, decimal = QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListDecimal
    assert styles == [("a", disc, 0), ("b", disc, 1), ("one", decimal, 0), ("two", decimal, 1)]


def test_italic_text_is_always_drawable_in_the_view(qtbot: QtBot) -> None:
    """A quote block is italic; in Arabic, with a font whose italic face lacks the script, it
    is set upright instead of showing empty boxes (on a machine whose italic has it, it stays
    italic: either way every italic letter has a glyph)."""
    import hashlib

    from PySide6.QtGui import QRawFont

    blocks = (
        Block(BlockKind.QUOTE, "قال الوزير إن الاتفاق سيوقع قريبا", direction="rtl"),
        Block(BlockKind.QUOTE, "An English quotation stays in italics."),
    )
    text = body_text(blocks)
    document = Document(
        DocumentInfo("d", "Quotes", format="html"),
        text,
        blocks,
        hashlib.sha256(text.encode()).hexdigest(),
    )
    view = ArticleView()
    qtbot.addWidget(view)
    view.show_document(document, [], INFO)
    block = view.document().begin()
    italic_latin = False
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            fragments += 1
            fmt = fragment.charFormat()
            if not fmt.fontItalic():
                continue
            face = QRawFont.fromFont(fmt.font().resolve(view.document().defaultFont()))
            letters = [c for c in fragment.text() if c.isalpha()]
            assert all(face.supportsCharacter(ord(c)) for c in letters), fragment.text()
            italic_latin = italic_latin or fragment.text().isascii()
        block = block.next()
    assert italic_latin  # Latin quotations keep their italics


def test_an_image_placeholder_is_set_apart_from_the_body_text(qtbot: QtBot) -> None:
    import hashlib

    from annotator.ui.widgets.article_document import FIGURE_BACKGROUND

    blocks = (
        Block(BlockKind.PARAGRAPH, "The talks resumed."),
        Block(
            BlockKind.FIGURE, "Delegates (Photo: Wire)", caption="Delegates", credit="Photo: Wire"
        ),
        Block(BlockKind.PARAGRAPH, "Both sides agreed."),
    )
    text = body_text(blocks)
    document = Document(
        DocumentInfo("d", "Doc", format="html"),
        text,
        blocks,
        hashlib.sha256(text.encode()).hexdigest(),
    )
    view = ArticleView()
    qtbot.addWidget(view)
    view.show_document(document, [], INFO)
    assert view.document().toRawText().replace("\u2029", "\n") == text
    body, figure, after = (view.document().findBlockByNumber(i) for i in range(3))
    assert figure.blockFormat().background().color().name() == FIGURE_BACKGROUND
    assert body.blockFormat().background().style().name == "NoBrush"
    first_char = figure.begin().fragment().charFormat()
    assert first_char.fontPointSize() < view.document().defaultFont().pointSizeF()
    assert after.text() == "Both sides agreed."


def test_a_wide_view_keeps_lines_to_a_readable_measure(qtbot: QtBot) -> None:
    from annotator.ui.widgets.article_view import MEASURE_CHARS

    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(1600, 900)
    view.show()
    qtbot.waitExposed(view)
    view.show_document(_document(), [], INFO)
    chars = view.viewport().width() / view.fontMetrics().averageCharWidth()
    assert MEASURE_CHARS <= chars <= MEASURE_CHARS + 12
    assert view.viewportMargins().left() == view.viewportMargins().right() > 0
    view.resize(500, 900)
    qtbot.wait(10)
    assert view.viewportMargins().left() == 0
