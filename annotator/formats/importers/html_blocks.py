"""Sanitised HTML to body-model blocks: the last step of the HTML and Markdown importers.

Markup is first passed through nh3 with a short allow-list (text structure and inline formats,
``href`` only on links and only for http, https and mailto, ``dir`` for right-to-left text), so
whatever reaches the body model cannot carry scripts, styles, event handlers, embedded objects
or images. The clean tree is then walked once: block elements start blocks, inline formats
become marks, ``<br>`` splits a block, ``<pre>`` gives one code block per line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TypeAlias
from urllib.parse import urlsplit

import nh3
from lxml import etree
from lxml import html as lxml_html

from annotator.domain.body import Block, BlockKind, MarkKind
from annotator.formats.importers.builder import BlockStyle, BlockWriter, lines_as_blocks
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
    "canvas", "textarea", "select", "button", "title", "head", "video", "audio", "picture",
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
        tags=_STRUCTURE | _INLINE,
        clean_content_tags=_REMOVED_WITH_CONTENT,
        attributes={"a": {"href"}, "*": {"dir"}},
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

    def _pre(self, node: Element, ctx: _Context) -> None:
        self.writer.end()
        text = text_of(node).strip("\n")
        style = replace(ctx, kind=BlockKind.CODE, level=0).style()
        self.writer.blocks.extend(lines_as_blocks(text, style))
        self.writer.start(ctx.style())


def element_html(node: Element) -> str:
    """The markup of an element, for handing to :func:`html_to_blocks`."""
    return etree.tostring(node, encoding="unicode", method="html", with_tail=False)
