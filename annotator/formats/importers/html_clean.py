"""Measures and clean-ups of HTML subtrees shared by the article extractor.

Text and link density, class/id weights and visibility decide what is content; the cleaning
pass then removes what survived inside the article but is not prose: forms, share bars,
headings styled as page furniture, and blocks that are mostly links or images (link lists,
galleries, "read more" boxes). Tables used only for layout become plain containers, so the
article they hold is not turned into table rows.
"""

from __future__ import annotations

import itertools
import re
from typing import TypeAlias

from lxml import etree

from annotator.formats.importers.builder import clean_inline

Element: TypeAlias = etree._Element

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "div",
        "dl",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "img",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    ]
)
_INLINE_BREAKING = frozenset({"br"})
_POSITIVE = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story", re.I
)
_NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|"
    r"masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|"
    r"sponsor|shopping|tags|widget",
    re.IGNORECASE,
)
_SHARE = re.compile(r"(\b|_)(share|sharedaddy)(\b|_)", re.IGNORECASE)
_ALWAYS_REMOVED = [
    "object",
    "embed",
    "footer",
    "link",
    "aside",
    "iframe",
    "input",
    "textarea",
    "select",
    "button",
    "svg",
    "script",
    "style",
    "noscript",
    "template",
    "canvas",
    "nav",
]
_NEVER_TEXT = ("script", "style", "noscript", "template", "svg", "canvas", "head", "title")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def inner_text(node: Element) -> str:
    return clean_inline(text_of(node)).strip()


def text_of(node: Element) -> str:
    """All the text inside an element, as a browser's ``textContent``."""
    return "".join(t for t in node.itertext() if isinstance(t, str))


def link_density(node: Element) -> float:
    """The share of a node's text that sits inside links (in-page links count less)."""
    length = len(inner_text(node))
    if not length:
        return 0.0
    linked = 0.0
    for link in node.iter("a"):
        weight = 0.3 if (link.get("href") or "").startswith("#") else 1.0
        linked += len(inner_text(link)) * weight
    return linked / length


def class_weight(node: Element) -> int:
    """+25 for each of class and id that suggests content, -25 for each suggesting clutter."""
    weight = 0
    for value in (node.get("class"), node.get("id")):
        if value:
            weight += (25 if _POSITIVE.search(value) else 0) - (
                25 if _NEGATIVE.search(value) else 0
            )
    return weight


def is_probably_hidden(node: Element) -> bool:
    if node.get("hidden") is not None or _HIDDEN_STYLE.search(node.get("style") or ""):
        return True
    aria_hidden = (node.get("aria-hidden") or "").lower() == "true"
    return aria_hidden and "fallback-image" not in (node.get("class") or "")


def strip_non_text(root: Element) -> None:
    """Remove elements whose content is code or graphics, never prose, and linearise math."""
    for node in list(root.iter(*_NEVER_TEXT)):
        remove(node)
    for math in list(root.iter("math", "{http://www.w3.org/1998/Math/MathML}math")):
        # Formula tokens sit in separate elements with no spaces between them; spacing them
        # keeps "a x + b" readable (and searchable) instead of gluing it into "ax+b".
        for note in list(math.iter("annotation", "annotation-xml")):
            remove(note)
        tokens = [t.strip() for t in math.itertext() if isinstance(t, str) and t.strip()]
        span = etree.Element("span")
        span.text = " ".join(tokens)
        span.tail = math.tail
        parent = math.getparent()
        if parent is not None:
            parent.replace(math, span)


def wrap_inline_runs(root: Element) -> None:
    """Give loose text in mixed containers a ``<p>`` of its own, so it can be scored.

    A run is broken by block children and by two or more ``<br>`` in a row (which is how
    hand-written pages separate paragraphs).
    """
    for div in list(root.iter("div")):
        has_blocks = any(c.tag in BLOCK_TAGS for c in div)
        if has_blocks or _has_double_break(div):
            _wrap_children(div)


def _has_double_break(div: Element) -> bool:
    children = list(div)
    return any(
        a.tag == "br" and b.tag == "br" and not (a.tail or "").strip()
        for a, b in itertools.pairwise(children)
    )


def _wrap_children(div: Element) -> None:
    runs: list[list[Element | str]] = [[]]
    if (div.text or "").strip():
        runs[-1].append(div.text or "")
    div.text = None
    items: list[Element | str] = []
    for child in list(div):
        tail = child.tail
        child.tail = None
        div.remove(child)
        items.append(child)
        if tail and tail.strip():
            items.append(tail)
    previous_br = False
    for item in items:
        tag = item.tag if isinstance(item, Element) else ""
        if tag in BLOCK_TAGS or (tag == "br" and previous_br):
            runs.append([item] if tag in BLOCK_TAGS else [])
            runs.append([])
        else:
            runs[-1].append(item)
        previous_br = tag == "br"
    for run in runs:
        _append_run(div, run)


def _append_run(div: Element, run: list[Element | str]) -> None:
    if len(run) == 1 and isinstance(run[0], Element) and run[0].tag in BLOCK_TAGS:
        div.append(run[0])
        return
    while run and isinstance(run[-1], Element) and run[-1].tag == "br":
        run.pop()
    if not any((isinstance(i, str) and i.strip()) or isinstance(i, Element) for i in run):
        return
    paragraph = etree.Element("p")
    for item in run:
        if isinstance(item, str):
            if len(paragraph):
                paragraph[-1].tail = (paragraph[-1].tail or "") + item
            else:
                paragraph.text = (paragraph.text or "") + item
        else:
            paragraph.append(item)
    div.append(paragraph)


def is_data_table(table: Element) -> bool:
    """Whether a table holds data (rows and columns) rather than laying out the page."""
    if (table.get("role") or "").lower() == "presentation" or table.get("datatable") == "0":
        return False
    if table.get("summary"):
        return True
    caption = table.find("caption")
    if caption is not None and inner_text(caption):
        return True
    if any(
        table.find(f".//{tag}") is not None for tag in ("col", "colgroup", "tfoot", "thead", "th")
    ):
        return True
    if table.find(".//table") is not None:
        return False
    rows = table.findall(".//tr")
    columns = max((len(r.findall("td")) + len(r.findall("th")) for r in rows), default=0)
    cells_hold_blocks = any(c.tag in BLOCK_TAGS - {"img"} for r in rows for td in r for c in td)
    return not cells_hold_blocks and (len(rows) >= 10 or columns > 4 or len(rows) * columns > 10)


def clean_article(article: Element, *, weight_classes: bool, conditional: bool) -> None:
    """Remove what the extractor kept but a reader would not call part of the article."""
    for node in list(article.iter(*_ALWAYS_REMOVED)):
        remove(node)
    for child in list(article):
        for node in list(child.iter()):
            match = f"{node.get('class') or ''} {node.get('id') or ''}"
            if node is not child and _SHARE.search(match) and len(inner_text(node)) < 500:
                remove(node)
    if weight_classes:
        for heading in list(article.iter("h1", "h2")):
            if class_weight(heading) < 0:
                remove(heading)
    if conditional:
        for tag in ("form", "fieldset", "table", "ul", "div"):
            for node in reversed(list(article.iter(tag))):
                if _is_attached(node, article) and _is_clutter(node, weight_classes):
                    remove(node)
    for table in list(article.iter("table")):
        if not is_data_table(table):
            _unwrap_layout_table(table)
    for paragraph in list(article.iter("p")):
        if not inner_text(paragraph) and paragraph.find(".//img") is None:
            remove(paragraph)


def _is_attached(node: Element, article: Element) -> bool:
    return node is article or any(a is article for a in node.iterancestors())


def remove(node: Element) -> None:
    """Take an element out of its tree, keeping the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _unwrap_layout_table(table: Element) -> None:
    for node in table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption"):
        node.tag = "div"


def _is_clutter(node: Element, weight_classes: bool) -> bool:
    """Readability's conditional cleaning: few commas, and mostly links, images or forms."""
    if any(a.tag == "code" for a in node.iterancestors()):
        return False
    if node.tag == "table" and is_data_table(node):
        return False
    if any(a.tag == "table" and is_data_table(a) for a in node.iterancestors("table")):
        return False
    weight = class_weight(node) if weight_classes else 0
    if weight < 0:
        return True
    text = inner_text(node)
    if len(re.findall(r"[,，、،]", text)) >= 10:
        return False
    return _looks_like_clutter(node, text, weight)


def _looks_like_clutter(node: Element, text: str, weight: int) -> bool:
    length = len(text)
    list_text = sum(len(inner_text(li)) for li in node.iter("ul", "ol"))
    is_list = node.tag in ("ul", "ol") or (length > 0 and list_text / length > 0.9)
    paragraphs = sum(1 for _ in node.iter("p"))
    images = sum(1 for _ in node.iter("img"))
    items = sum(1 for _ in node.iter("li")) - 100
    inputs = sum(1 for _ in node.iter("input"))
    headings = sum(len(inner_text(h)) for h in node.iter("h1", "h2", "h3", "h4", "h5", "h6"))
    heading_density = headings / length if length else 0.0
    in_figure = any(a.tag == "figure" for a in node.iterancestors())
    density = link_density(node)
    return (
        (images > 1 and paragraphs / images < 0.5 and not in_figure)
        or (not is_list and items > paragraphs)
        or inputs > paragraphs // 3
        or (
            not is_list
            and heading_density < 0.9
            and length < 25
            and (images == 0 or images > 2)
            and not in_figure
        )
        or (not is_list and weight < 25 and density > 0.2)
        or (weight >= 25 and density > 0.5)
    )
