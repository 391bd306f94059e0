"""Builds the article's QTextDocument from the body model, block by block.

Each body block becomes one Qt block and inline marks become character formats, so a block
that starts at code-point offset N of the canonical text starts at Qt position
``to_utf16(N)``: highlights and selections map exactly. No HTML is parsed here, and no resource
(image, stylesheet) can be loaded: an image is shown as its placeholder block (caption or alt
text and credit, small type on a tinted band).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextList,
    QTextListFormat,
)

from annotator.domain.body import Block, BlockKind, Mark, MarkKind, text_direction
from annotator.ui.glyphs import upright_where_italic_lacks_glyphs

HEADING_SCALE = {1: 1.7, 2: 1.4, 3: 1.22, 4: 1.1, 5: 1.0, 6: 1.0}
SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")
FIGURE_BACKGROUND = "#eef2f6"
FIGURE_INK = "#4b5563"


def build_text_document(
    blocks: Sequence[Block], *, base_font: QFont, direction: str = "ltr", spaced: bool = True
) -> QTextDocument:
    """A new QTextDocument holding ``blocks``. ``spaced`` adds space after paragraphs (for
    formats whose blocks carry no blank lines of their own)."""
    document = new_text_document(base_font)
    DocumentBuilder(document, base_font=base_font, direction=direction, spaced=spaced).append(
        blocks
    )
    return document


def new_text_document(base_font: QFont) -> QTextDocument:
    """An empty article document: no undo, the article's font and margin."""
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.setDefaultFont(base_font)
    document.setDocumentMargin(24)
    return document


class DocumentBuilder:
    """Appends body blocks to a document, a batch at a time (the article view shows a long
    article progressively): list numbering continues across batches, and each batch is one
    edit, so a highlighter attached to the document formats each new block once."""

    def __init__(
        self, document: QTextDocument, *, base_font: QFont, direction: str, spaced: bool
    ) -> None:
        self._document = document
        self._font = base_font
        self._direction = direction
        self._spaced = spaced
        self._cursor = QTextCursor(document)
        self._lists: dict[int, QTextList] = {}
        self._count = 0

    def append(self, blocks: Sequence[Block]) -> None:
        if not blocks:
            return
        cursor = self._cursor
        cursor.movePosition(QTextCursor.MoveOperation.End)
        start = cursor.position()
        cursor.beginEditBlock()
        for block in blocks:
            block_format = _block_format(block, self._direction, self._spaced)
            char_format = _base_char_format(block, self._font)
            if self._count == 0:
                cursor.setBlockFormat(block_format)
                cursor.setBlockCharFormat(char_format)
            else:
                cursor.insertBlock(block_format, char_format)
            self._count += 1
            if block.kind is BlockKind.LIST_ITEM:
                _add_to_list(cursor, block, self._lists)
            else:
                self._lists.clear()
            _insert_text(cursor, block, char_format)
        # Quotes in Arabic would show as empty boxes.
        upright_where_italic_lacks_glyphs(self._document, start)
        cursor.endEditBlock()


def _block_format(block: Block, direction: str, spaced: bool) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    # A block stored without a direction (imported before directions were recorded) takes
    # its text's, then the document's.
    rtl = (block.direction or text_direction(block.text) or direction) == "rtl"
    fmt.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    fmt.setLineHeight(135, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    gap = 10 if spaced else 0
    if block.kind is BlockKind.HEADING:
        fmt.setTopMargin(14)
        fmt.setBottomMargin(8)
        fmt.setHeadingLevel(max(1, min(block.level, 6)))
    elif block.kind is BlockKind.QUOTE:
        fmt.setLeftMargin(0 if rtl else 28)
        fmt.setRightMargin(28 if rtl else 0)
        fmt.setBottomMargin(gap)
    elif block.kind is BlockKind.CODE:
        fmt.setBackground(QColor("#f3f4f6"))
        fmt.setNonBreakableLines(True)
    elif block.kind is BlockKind.TABLE_ROW:
        fmt.setBottomMargin(2)
    elif block.kind is BlockKind.LIST_ITEM:
        fmt.setBottomMargin(3 if spaced else 0)
    elif block.kind is BlockKind.FIGURE:
        # An image's caption reads as one: set apart on a tinted band, never as body text.
        fmt.setBackground(QColor(FIGURE_BACKGROUND))
        fmt.setLeftMargin(12)
        fmt.setRightMargin(12)
        fmt.setTopMargin(4)
        fmt.setBottomMargin(gap + 4)
        fmt.setAlignment(Qt.AlignmentFlag.AlignCenter)
    else:
        fmt.setBottomMargin(gap)
    return fmt


def _base_char_format(block: Block, base_font: QFont) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if block.kind is BlockKind.HEADING:
        fmt.setFontPointSize(base_font.pointSizeF() * HEADING_SCALE.get(block.level, 1.0))
        fmt.setFontWeight(QFont.Weight.DemiBold)
    elif block.kind is BlockKind.QUOTE:
        fmt.setFontItalic(True)
        fmt.setForeground(QColor("#4b5563"))
    elif block.kind is BlockKind.CODE:
        fmt.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    elif block.kind is BlockKind.FIGURE:
        fmt.setFontPointSize(base_font.pointSizeF() * 0.85)
        fmt.setForeground(QColor(FIGURE_INK))
    return fmt


def _add_to_list(cursor: QTextCursor, block: Block, lists: dict[int, QTextList]) -> None:
    level = max(1, block.level or 1)
    for deeper in [k for k in lists if k > level]:
        del lists[deeper]
    style = QTextListFormat.Style.ListDecimal if block.ordered else QTextListFormat.Style.ListDisc
    existing = lists.get(level)
    # A numbered list right after a bulleted one (or the reverse) is a list of its own.
    if existing is not None and existing.format().style() == style:
        existing.add(cursor.block())
        return
    list_format = QTextListFormat()
    list_format.setIndent(level)
    list_format.setStyle(style)
    lists[level] = cursor.createList(list_format)


def _insert_text(cursor: QTextCursor, block: Block, base: QTextCharFormat) -> None:
    if not block.marks:
        cursor.insertText(block.text, base)
        return
    cuts = sorted(
        {0, len(block.text)} | {m.start for m in block.marks} | {m.end for m in block.marks}
    )
    for start, end in pairwise(cuts):
        if start >= end or end > len(block.text):
            continue
        active = [m for m in block.marks if m.start <= start and m.end >= end]
        cursor.insertText(block.text[start:end], _marked(base, active))


def _marked(base: QTextCharFormat, marks: list[Mark]) -> QTextCharFormat:
    fmt = QTextCharFormat(base)
    for mark in marks:
        if mark.kind is MarkKind.EMPHASIS:
            fmt.setFontItalic(True)
        elif mark.kind is MarkKind.STRONG:
            fmt.setFontWeight(QFont.Weight.Bold)
        elif mark.kind is MarkKind.CODE:
            fmt.setFontFamilies(
                [QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()]
            )
        elif mark.kind is MarkKind.LINK and mark.href.lower().startswith(SAFE_LINK_SCHEMES):
            fmt.setAnchor(True)
            fmt.setAnchorHref(mark.href)
            fmt.setForeground(QColor("#1d4ed8"))
            fmt.setFontUnderline(True)
    return fmt
