"""Finds the article in a saved web page: a readability-style scoring of content nodes.

Every paragraph-like element with enough text gives points to its ancestors (more for commas
and length, less the further up the tree); a container's points are then scaled down by its
link density, and class/id hints (``article``, ``content`` up; ``comment``, ``share``, ``nav``,
``footer`` down) add or remove a fixed amount. The best container, joined by those of its
siblings that look like more of the same article, is the article. If what comes out is short,
the search runs again with fewer of its filters, in case they removed the article itself.
Cleaning what was kept is in :mod:`html_clean`.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import TypeAlias

from lxml import etree

from annotator.formats.importers.html_clean import (
    BLOCK_TAGS,
    class_weight,
    clean_article,
    inner_text,
    is_probably_hidden,
    link_density,
    remove,
    strip_non_text,
    wrap_inline_runs,
)
from annotator.formats.importers.html_meta import similarity

Element: TypeAlias = etree._Element

_UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|"
    r"gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|"
    r"sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote",
    re.IGNORECASE,
)
_MAYBE_CANDIDATE = re.compile(r"and|article|body|column|content|main|mathjax|shadow", re.I)
# "author" as a word of its own: not the start of "authorization", "authority" or "authoring".
_AUTHOR = r"author(?!i[tz]|ing)"
_BYLINE = re.compile(rf"byline|{_AUTHOR}|dateline|writtenby", re.IGNORECASE)
_AUTHOR_NAME = re.compile(_AUTHOR, re.IGNORECASE)
_UNLIKELY_ROLES = {
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
}
_SCORED_TAGS = {"section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"}
_TAG_SCORES = {
    "div": 5,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "address": -3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "dd": -3,
    "dt": -3,
    "li": -3,
    "form": -3,
    "h1": -5,
    "h2": -5,
    "h3": -5,
    "h4": -5,
    "h5": -5,
    "h6": -5,
    "th": -5,
}
_MIN_ARTICLE_CHARS = 500
_TOP_CANDIDATES = 5


@dataclass(frozen=True, slots=True)
class _Pass:
    """Which filters one search uses; later passes relax them."""

    strip_unlikely: bool = True
    weight_classes: bool = True
    clean_conditionally: bool = True


_PASSES = (_Pass(), _Pass(strip_unlikely=False), _Pass(False, False), _Pass(False, False, False))


@dataclass(slots=True)
class Extraction:
    """The article container, the byline found in the page, and the article's direction."""

    article: Element
    byline: str = ""
    direction: str = ""
    text_length: int = 0


@dataclass(slots=True)
class _Scores:
    points: dict[Element, float] = field(default_factory=dict)


def extract_article(root: Element, title: str) -> Extraction:
    """The article of ``root`` (which is not modified), as a fresh ``div``."""
    # Each pass works on its own copy of the whole document: the body keeps its parent, so it
    # can be scored like any other container when the article's paragraphs sit in many divs.
    page = copy.deepcopy(root.getroottree().getroot())
    strip_non_text(page)
    best: Extraction | None = None
    for flags in _PASSES:
        copied = copy.deepcopy(page)
        body = copied.find("body")
        attempt = _search(body if body is not None else copied, title, flags)
        if attempt.text_length >= _MIN_ARTICLE_CHARS:
            return attempt
        if best is None or attempt.text_length > best.text_length:
            best = attempt
    assert best is not None
    return best


def _search(body: Element, title: str, flags: _Pass) -> Extraction:
    byline = _prepare(body, title, flags)
    scores = _score(body, flags)
    top = _top_candidate(body, scores, flags)
    article = _with_siblings(top, scores, flags)
    clean_article(
        article, weight_classes=flags.weight_classes, conditional=flags.clean_conditionally
    )
    return Extraction(article, byline, _direction_of(top), len(inner_text(article)))


def _direction_of(element: Element) -> str:
    for node in element.iterancestors():
        if node.get("dir"):
            return (node.get("dir") or "").lower()
    return (element.get("dir") or "").lower()


def _prepare(body: Element, title: str, flags: _Pass) -> str:
    """Drop what cannot be article (hidden, navigation, byline) and return the byline text."""
    byline = ""
    title_seen = False
    for node in list(body.iter()):
        if not isinstance(node, Element) or node.getparent() is None:
            continue
        match = f"{node.get('class') or ''} {node.get('id') or ''}"
        if is_probably_hidden(node) or (node.get("role") or "").lower() in _UNLIKELY_ROLES:
            _drop(node)
            continue
        if not byline and _is_byline(node, match):
            byline = _byline_text(node)
            _drop(node)
            continue
        if not title_seen and _repeats_title(node, title):
            title_seen = True
            _drop(node)
            continue
        if flags.strip_unlikely and _is_unlikely(node, match):
            _drop(node)
    wrap_inline_runs(body)
    return byline


def _repeats_title(node: Element, title: str) -> bool:
    """The page's own headline, which the document keeps as its title, not in its text."""
    return bool(title) and node.tag in ("h1", "h2") and similarity(title, inner_text(node)) > 0.75


def _is_unlikely(node: Element, match: str) -> bool:
    if node.tag in ("body", "a", "html", "article", "main") or not match.strip():
        return False
    if not _UNLIKELY.search(match) or _MAYBE_CANDIDATE.search(match):
        return False
    return not any(a.tag in ("table", "code") for a in node.iterancestors())


def _is_byline(node: Element, match: str) -> bool:
    rel, itemprop = node.get("rel") or "", node.get("itemprop") or ""
    if not (rel == "author" or "author" in itemprop or _BYLINE.search(match)):
        return False
    text = inner_text(node)
    return 0 < len(text) < 100


def _byline_text(node: Element) -> str:
    """The name in a byline: the part marked as the name or the author, if any, else all of it
    (so an avatar caption or a job title beside the name is left out)."""
    for inner in node.iterdescendants():
        if not isinstance(inner, Element):
            continue
        marked = (
            inner.get("itemprop") == "name"
            or inner.get("rel") == "author"
            or _AUTHOR_NAME.search(f"{inner.get('class') or ''} {inner.get('id') or ''}")
        )
        if marked and (text := inner_text(inner)):
            return text
    return inner_text(node)


def _drop(node: Element) -> None:
    remove(node)


def _score(body: Element, flags: _Pass) -> _Scores:
    scores = _Scores()
    for node in list(body.iter()):
        if not isinstance(node, Element):
            continue
        if node.tag == "div" and not any(child.tag in BLOCK_TAGS for child in node):
            node.tag = "p"  # a div holding only text is a paragraph in all but name
        if node.tag not in _SCORED_TAGS:
            continue
        text = inner_text(node)
        if len(text) < 25:
            continue
        points = 1 + len(re.findall(r"[,，、،]", text)) + min(len(text) // 100, 3)
        for level, ancestor in enumerate(list(node.iterancestors())[:5]):
            if ancestor.getparent() is None:
                continue
            if ancestor not in scores.points:
                scores.points[ancestor] = _initial_score(ancestor, flags)
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            scores.points[ancestor] += points / divider
    return scores


def _initial_score(node: Element, flags: _Pass) -> float:
    weight = class_weight(node) if flags.weight_classes else 0
    return float(_TAG_SCORES.get(node.tag, 0) + weight)


def _top_candidate(body: Element, scores: _Scores, flags: _Pass) -> Element:
    for node in scores.points:
        scores.points[node] *= 1 - link_density(node)
    ranked = sorted(scores.points, key=lambda n: scores.points[n], reverse=True)[:_TOP_CANDIDATES]
    if not ranked or ranked[0].tag == "body":
        return body
    top = _common_ancestor_of_peers(ranked, scores)
    if top not in scores.points:
        scores.points[top] = _initial_score(top, flags)
    top = _climb_while_scores_hold(top, scores)
    parent = top.getparent()
    while parent is not None and parent.tag != "body" and len(parent) == 1:
        top, parent = parent, parent.getparent()
        scores.points.setdefault(top, _initial_score(top, flags))
    return top


def _common_ancestor_of_peers(ranked: list[Element], scores: _Scores) -> Element:
    """When several near-best candidates share an ancestor with the best, that is the article."""
    top = ranked[0]
    best = scores.points[top]
    peers = [
        set(n.iterancestors()) for n in ranked[1:] if scores.points[n] / max(best, 1e-9) >= 0.75
    ]
    if len(peers) < 3:
        return top
    for parent in top.iterancestors():
        if parent.tag == "body":
            break
        if sum(parent in ancestors for ancestors in peers) >= 3:
            return parent
    return top


def _climb_while_scores_hold(top: Element, scores: _Scores) -> Element:
    """Move up to a parent that scores better than the candidate (articles split in parts)."""
    last = scores.points[top]
    threshold = last / 3
    parent = top.getparent()
    while parent is not None and parent.tag != "body":
        if parent not in scores.points:
            parent = parent.getparent()
            continue
        score = scores.points[parent]
        if score < threshold:
            break
        if score > last:
            return parent
        last = score
        parent = parent.getparent()
    return top


def _with_siblings(top: Element, scores: _Scores, flags: _Pass) -> Element:
    """A new div with the candidate and the siblings that continue the same article."""
    article = etree.Element("div")
    parent = top.getparent()
    siblings = [top] if parent is None or top.tag == "body" else list(parent)
    top_score = scores.points.get(top, 0.0)
    threshold = max(10.0, top_score * 0.2)
    top_class = top.get("class") or ""
    for sibling in siblings:
        if not isinstance(sibling, Element):
            continue
        if sibling is top or _continues_article(sibling, scores, threshold, top_class, top_score):
            article.append(sibling)
    return article


def _continues_article(
    sibling: Element, scores: _Scores, threshold: float, top_class: str, top_score: float
) -> bool:
    bonus = top_score * 0.2 if top_class and sibling.get("class") == top_class else 0.0
    if sibling in scores.points and scores.points[sibling] + bonus >= threshold:
        return True
    if sibling.tag != "p":
        return False
    text = inner_text(sibling)
    density = link_density(sibling)
    if len(text) > 80:
        return density < 0.25
    return len(text) > 0 and density == 0 and bool(re.search(r"\.( |$)", text))
