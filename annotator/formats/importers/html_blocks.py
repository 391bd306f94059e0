"""Sanitised HTML to body-model blocks: the last step of the HTML and Markdown importers.

Markup is first passed through nh3 with a short allow-list (text structure and inline formats,
``href`` only on links and only for http, https and mailto, ``dir`` for right-to-left text, an
image's ``alt`` but never its address), so whatever reaches the body model cannot carry scripts,
styles, event handlers, embedded objects or images. The clean tree is then walked once: block
elements start blocks, inline formats become marks, ``<br>`` splits a block, ``<pre>`` gives one
code block per line, and an image (with its caption and credit, from a ``<figure>``) becomes a
FIGURE placeholder block.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import TypeAlias
from urllib.parse import urlsplit

import nh3
from lxml import etree
from lxml import html as lxml_html

from annotator.domain.body import Block, BlockKind, MarkKind, figure_text
from annotator.formats.importers.builder import (
    BlockStyle,
    BlockWriter,
    clean_inline,
    lines_as_blocks,
)
from annotator.formats.importers.html_clean import text_of

Element: TypeAlias = etree._Element

_STRUCTURE = {
    "p", "div", "section", "article", "main", "header", "address", "figure", "figcaption",
    "details", "summary", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "blockquote", "pre", "hr", "br", "table", "caption", "thead", "tbody", "tfoot", "tr", "td",
    "th",
}  # fmt: skip
_INLINE = {
    "a", "em", "i", "cite", "dfn", "var", "strong", "b", "code", "kbd", "samp", "tt", "span",
    "sub", "sup", "q", "small", "mark", "abbr", "time", "u", "s", "del", "ins", "bdi", "bdo",
}  # fmt: skip
_REMOVED_WITH_CONTENT = {
    "script", "style", "template", "noscript", "iframe", "object", "embed", "svg",
    "canvas", "textarea", "select", "button", "title", "head", "video", "audio",
}  # fmt: skip
_SAFE_SCHEMES = {"http", "https", "mailto"}
_MARKS = {
    "em": MarkKind.EMPHASIS, "i": MarkKind.EMPHASIS, "cite": MarkKind.EMPHASIS,
    "dfn": MarkKind.EMPHASIS, "var": MarkKind.EMPHASIS, "strong": MarkKind.STRONG,
    "b": MarkKind.STRONG, "code": MarkKind.CODE, "kbd": MarkKind.CODE, "samp": MarkKind.CODE,
    "tt": MarkKind.CODE,
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CELL_SEPARATOR = " | "


def sanitize(markup: str) -> str:
    """HTML reduced to text structure, inline formats and safe links."""
    return nh3.clean(
        markup,
        tags=_STRUCTURE | _INLINE | {"img"},
        clean_content_tags=_REMOVED_WITH_CONTENT,
        # An image keeps its alt text and nothing it could be loaded from. Classes are read
        # (a caption's credit) and never written out.
        attributes={"a": {"href"}, "img": {"alt"}, "*": {"dir", "class"}},
        url_schemes=_SAFE_SCHEMES,
        url_relative="deny",
        link_rel=None,
        strip_comments=True,
    )


def safe_href(href: str) -> str:
    """``href`` if it is an absolute http, https or mailto link, else ''."""
    href = href.strip()
    try:
        parts = urlsplit(href)
    except ValueError:
        return ""
    if parts.scheme.lower() not in _SAFE_SCHEMES or (
        parts.scheme.lower() != "mailto" and not parts.netloc
    ):
        return ""
    return href


def html_to_blocks(markup: str, direction: str = "") -> tuple[Block, ...]:
    """Blocks of an HTML fragment, which is sanitised here first."""
    clean = sanitize(markup)
    if not clean.strip():
        return ()
    root = lxml_html.fragment_fromstring(clean, create_parent="div")
    walker = _Walker(direction)
    walker.children(root, _Context(direction=direction))
    return walker.writer.finish()


@dataclass(frozen=True, slots=True)
class _Context:
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0
    list_depth: int = 0
    ordered: bool = False
    in_row: bool = False
    direction: str = ""

    def style(self) -> BlockStyle:
        return BlockStyle(self.kind, self.level, self.ordered, self.direction)


class _Walker:
    def __init__(self, document_direction: str) -> None:
        self.writer = BlockWriter()
        self._document_direction = document_direction

    def children(self, node: Element, ctx: _Context) -> None:
        self.writer.write(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                self.element(child, ctx)
            self.writer.write(child.tail or "")

    def element(self, node: Element, ctx: _Context) -> None:
        tag = node.tag
        direction = (node.get("dir") or "").lower()
        if direction in ("ltr", "rtl"):
            ctx = replace(ctx, direction="" if direction == self._document_direction else direction)
        if tag in _INLINE:
            self._inline(node, ctx)
        elif ctx.in_row:
            self._in_cell(node, ctx)
        elif tag == "br":
            self.writer.start(self.writer.style)
        elif tag == "figure" and node.find(".//img") is not None:
            self._figure(node, ctx)
        elif tag == "img":
            if (node.get("alt") or "").strip() and _standalone(node):
                self._add_figure(ctx, alt=node.get("alt") or "")
        elif tag == "pre":
            self._pre(node, ctx)
        elif tag in _HEADINGS:
            self._block(node, replace(ctx, kind=BlockKind.HEADING, level=int(tag[1])), ctx)
        elif tag in ("ul", "ol"):
            self._block(node, replace(ctx, list_depth=ctx.list_depth + 1, ordered=tag == "ol"), ctx)
        elif tag == "li":
            inner = replace(ctx, kind=BlockKind.LIST_ITEM, level=max(ctx.list_depth, 1))
            self._block(node, inner, ctx)
        elif tag == "blockquote":
            self._block(node, replace(ctx, kind=BlockKind.QUOTE, level=0), ctx)
        elif tag == "tr":
            self._block(node, replace(ctx, kind=BlockKind.TABLE_ROW, level=0, in_row=True), ctx)
        else:
            self._block(node, ctx, ctx)

    def _block(self, node: Element, inner: _Context, outer: _Context) -> None:
        self.writer.start(inner.style())
        self.children(node, inner)
        self.writer.start(outer.style())

    def _inline(self, node: Element, ctx: _Context) -> None:
        kind = _MARKS.get(node.tag)
        href = safe_href(node.get("href") or "") if node.tag == "a" else ""
        if href:
            kind = MarkKind.LINK
        if kind is None:
            self.children(node, ctx)
            return
        mark = self.writer.open_mark(kind, href)
        self.children(node, ctx)
        self.writer.close_mark(mark)

    def _in_cell(self, node: Element, ctx: _Context) -> None:
        if node.tag in ("td", "th"):
            self.writer.separator(_CELL_SEPARATOR)
        else:
            self.writer.space()
        self.children(node, ctx)
        self.writer.space()

    def _figure(self, node: Element, ctx: _Context) -> None:
        """An image with its caption: one FIGURE block. A figure holding more text than a
        caption (an article wrapped in one) keeps that text as body text, its images as
        placeholders."""
        image = node.find(".//img")
        alt = (image.get("alt") or "") if image is not None else ""
        caption = node.find(".//figcaption")
        holder = caption if caption is not None else node
        if len(clean_inline(text_of(holder))) > _MAX_CAPTION_CHARS:
            self._block(node, ctx, ctx)
            return
        text, credit = caption_and_credit(holder)
        self._add_figure(ctx, alt=alt, caption=text, credit=credit)
        if caption is not None:
            for child in node:
                if isinstance(child.tag, str) and not _holds_image_or_caption(child):
                    self.element(child, ctx)

    def _add_figure(self, ctx: _Context, *, alt: str, caption: str = "", credit: str = "") -> None:
        self.writer.end()
        alt, caption, credit = (clean_inline(x).strip() for x in (alt, caption, credit))
        self.writer.blocks.append(
            Block(
                BlockKind.FIGURE,
                unicodedata.normalize("NFC", figure_text(alt, caption, credit)),
                alt=alt,
                caption=caption,
                credit=credit,
            )
        )
        self.writer.start(ctx.style())

    def _pre(self, node: Element, ctx: _Context) -> None:
        self.writer.end()
        text = text_of(node).strip("\n")
        style = replace(ctx, kind=BlockKind.CODE, level=0).style()
        self.writer.blocks.extend(lines_as_blocks(text, style))
        self.writer.start(ctx.style())


def _holds_image_or_caption(node: Element) -> bool:
    return node.tag in ("img", "figcaption") or any(
        node.find(f".//{tag}") is not None for tag in ("img", "figcaption")
    )


def _standalone(image: Element) -> bool:
    """Whether an image stands alone in its block (an illustration) rather than inside a line
    of text (an icon, an emoji), which a placeholder would cut in two. An image without alt
    text (or with alt="") is decorative by HTML's rules, and is left out as well."""
    block = image.getparent()
    while block is not None and block.tag in _INLINE:
        block = block.getparent()
    return block is None or not clean_inline(text_of(block)).strip()


_MAX_CAPTION_CHARS = 600
_CREDIT_CLASS = re.compile(r"credit|copyright|attribution|byline|source|author", re.I)
# "Photo: Reuters", "(Photograph: Jane Doe/Getty Images)", "Image credit: NASA" at the end.
_CREDIT_TEXT = re.compile(
    r"\s*[(\[]?\s*((?:photo(?:graph)?|image|picture|illustration|video|graphic|credit|"
    r"foto|bild|source)s?(?:\s+(?:by|credit))?\s*[:/]\s*[^()\[\]:]{2,120}?)\s*[)\]]?\s*$",
    re.I,
)


_GLUED_LABEL = re.compile(r"(?<!\w)(Credit|Photo|Image|Foto|Bild)(?=[A-Z])")


def caption_and_credit(caption: Element) -> tuple[str, str]:
    """A figcaption's text and its credit: an element classed as one ("credit", "copyright",
    ...), else a closing "Photo: ..." phrase."""
    text = clean_inline(text_of(caption)).strip()
    for element in caption.iterdescendants():
        if _CREDIT_CLASS.search(element.get("class") or ""):
            credit = clean_inline(text_of(element)).strip(" ()[]")
            before, _, after = text.rpartition(credit) if credit else (text, "", "")
            return clean_inline(f"{before} {after}").strip(), credit
    # A label glued to the name by a visually hidden span ("CreditKevin Frayer/Getty Images").
    text = _GLUED_LABEL.sub(r"\1: ", text)
    if found := _CREDIT_TEXT.search(text):
        return text[: found.start()].strip(), found.group(1).strip()
    return text, ""


def element_html(node: Element) -> str:
    """The markup of an element, for handing to :func:`html_to_blocks`."""
    return etree.tostring(node, encoding="unicode", method="html", with_tail=False)
