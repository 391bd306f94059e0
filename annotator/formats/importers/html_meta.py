"""Metadata of a saved web page: title, author, publisher, published date, language, direction.

Sources are tried from the most deliberate to the least: schema.org JSON-LD, then ``<meta>``
tags (Dublin Core, Open Graph, article:*, Twitter, Parse.ly, schema.org microdata ``itemprop``),
then the ``<title>`` element cleaned of its site-name part; a published date may also come from
the microdata of the page's body (``<time itemprop="datePublished" datetime=...>``). The
byline found in the page body is the last resort for the author; the extractor supplies it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lxml import etree

from annotator.formats.importers.builder import clean_inline
from annotator.formats.importers.html_clean import text_of

_PROPERTY = re.compile(
    r"\s*(article|dc|dcterm|og|twitter)\s*:\s*"
    r"(author|creator|description|published_time|published|title|site_name)\s*",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(?:article|webpage))\s*[-.:]\s*)?"
    r"(author|creator|pub-date|description|title|site_name|date|datepublished)\s*$",
    re.IGNORECASE,
)
_ARTICLE_TYPES = re.compile(
    r"^(Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|"
    r"BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|"
    r"SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|"
    r"BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference)$"
)
_SEPARATORS = "|\\-–—\\\\/>»"
_TITLE_SEP = re.compile(rf" [{_SEPARATORS}] ")
_HIERARCHICAL_SEP = re.compile(r" [\\/>»] ")

_TITLE_KEYS = (
    "dc:title",
    "dcterm:title",
    "og:title",
    "weibo:article:title",
    "weibo:webpage:title",
    "title",
    "twitter:title",
    "parsely-title",
)
_AUTHOR_KEYS = ("dc:creator", "dcterm:creator", "author", "parsely-author")
_DATE_KEYS = (
    "article:published_time",
    "article:published",
    "datepublished",
    "parsely-pub-date",
    "dc:date",
    "date",
)
# Microdata scopes whose datePublished is the page's: an article's, the page's, or none. A
# comment's or a review's date is not.
_PAGE_TYPES = re.compile(r"^(WebPage|ItemPage|CollectionPage)$")


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str = ""
    author: str = ""
    publisher: str = ""
    published: str = ""
    lang: str = ""
    direction: str = ""


def read_metadata(root: etree._Element) -> PageMeta:
    """Everything the page says about itself outside the article body."""
    values = _meta_values(root)
    if not values.get("datepublished"):
        values["datepublished"] = _microdata_date(root)
    ld = _json_ld(root)
    title = _ld_title(ld, root) or _first(values, _TITLE_KEYS) or document_title(root)
    article_author = values.get("article:author", "")
    if re.match(r"https?://", article_author):
        article_author = ""
    author = _ld_author(ld) or _first(values, _AUTHOR_KEYS) or article_author
    publisher = _ld_publisher(ld) or values.get("og:site_name", "")
    published = _ld_str(ld, "datePublished") or _first(values, _DATE_KEYS)
    html_el = root if root.tag == "html" else root.getroottree().getroot()
    lang = html_el.get("lang") or html_el.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    return PageMeta(
        title=clean_inline(title).strip(),
        author=clean_inline(author).strip(),
        publisher=clean_inline(publisher).strip(),
        published=iso_date(published),
        lang=lang.strip(),
        direction=(html_el.get("dir") or "").strip().lower(),
    )


def _first(values: dict[str, str], keys: tuple[str, ...]) -> str:
    return next((values[k] for k in keys if values.get(k)), "")


def _meta_values(root: etree._Element) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        prop = meta.get("property") or ""
        for match in _PROPERTY.finditer(prop):
            values[re.sub(r"\s", "", match.group(0)).lower()] = content
        # A bare property="author" (no og:/article: prefix) is read as a name would be.
        bare = "" if _PROPERTY.search(prop) else prop
        name = meta.get("name") or meta.get("itemprop") or bare
        if not values.get(prop.lower()) and _NAME.match(name):
            key = re.sub(r"\s", "", name).lower().replace(".", ":")
            values.setdefault(key, content)
    return values


def _microdata_date(root: etree._Element) -> str:
    """The first datePublished in the page's microdata outside a comment or other non-article
    item (``<time itemprop="datePublished" datetime=...>``, or any element with ``content``),
    else the first ``<time pubdate datetime=...>`` (an early HTML5 draft some sites still use)."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        props = (element.get("itemprop") or "").lower().split()
        if "datepublished" in props and _in_article_scope(element):
            value = element.get("content") or element.get("datetime") or ""
            if not value and element.tag == "time":
                value = text_of(element)
            if value.strip():
                return value.strip()
    for element in root.iter("time"):
        if element.get("pubdate") is not None and (element.get("datetime") or "").strip():
            return (element.get("datetime") or "").strip()
    return ""


def _in_article_scope(element: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.get("itemscope") is None:
            continue
        kinds = (ancestor.get("itemtype") or "").split()
        if not kinds:
            return True
        kind = kinds[0].rstrip("/").rsplit("/", 1)[-1]
        return bool(_ARTICLE_TYPES.match(kind) or _PAGE_TYPES.match(kind))
    return True


def _json_ld(root: etree._Element) -> dict[str, Any]:
    """The first schema.org article object in the page's JSON-LD, or an empty dict."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = re.sub(r"^\s*<!\[CDATA\[|\]\]>\s*$", "", script.text or "")
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError, MemoryError):
            # JSON-LD is optional metadata: unreadable or absurdly nested, it is simply not used.
            continue
        for item in _ld_items(data):
            if isinstance(item.get("@type"), str) and _ARTICLE_TYPES.match(item["@type"]):
                return item
    return {}


def _ld_items(data: Any) -> Iterator[dict[str, Any]]:
    """The objects in JSON-LD, in document order: in lists and in ``@graph`` lists.

    A stack, not recursion: the JSON parser accepts nesting close to Python's recursion limit.
    """
    pending = [data]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(reversed(node))
        elif isinstance(node, dict):
            yield node
            if isinstance(node.get("@graph"), list):
                pending.append(node["@graph"])


def _ld_str(ld: dict[str, Any], key: str) -> str:
    value = ld.get(key)
    return value.strip() if isinstance(value, str) else ""


def _ld_title(ld: dict[str, Any], root: etree._Element) -> str:
    name, headline = _ld_str(ld, "name"), _ld_str(ld, "headline")
    if name and headline and name != headline:
        # Sites put a marketing name or a short headline in one of the two; the one that
        # matches what the page shows as its title is the article's.
        shown = document_title(root)
        if similarity(headline, shown) > 0.75 >= similarity(name, shown):
            return headline
    return name or headline


def _ld_author(ld: dict[str, Any]) -> str:
    authors = ld.get("author")
    people = authors if isinstance(authors, list) else [authors]
    names = [
        p["name"].strip() for p in people if isinstance(p, dict) and isinstance(p.get("name"), str)
    ]
    return ", ".join(n for n in names if n)


def _ld_publisher(ld: dict[str, Any]) -> str:
    publisher = ld.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        return str(publisher["name"]).strip()
    return ""


def similarity(a: str, b: str) -> float:
    """How much of ``b``'s wording also occurs in ``a`` (1.0 = all of it)."""
    words_a = set(re.findall(r"\w+", a.lower()))
    words_b = re.findall(r"\w+", b.lower())
    if not words_b:
        return 0.0
    unique = [w for w in words_b if w not in words_a]
    return 1 - len(" ".join(unique)) / len(" ".join(words_b))


def document_title(root: etree._Element) -> str:
    """The ``<title>`` without the site name that pages add before or after the headline."""
    element = next(root.iter("title"), None)
    original = clean_inline(text_of(element) if element is not None else "").strip()
    title = original
    hierarchical = bool(_HIERARCHICAL_SEP.search(original))
    if _TITLE_SEP.search(original):
        title = re.sub(rf"(.*)[{_SEPARATORS}] .*", r"\1", original)
        if _words(title) < 3:
            title = re.sub(rf"^[^{_SEPARATORS}]*[{_SEPARATORS}](.*)", r"\1", original)
    elif ": " in original:
        headings = {clean_inline(text_of(h)).strip() for h in root.iter("h1", "h2")}
        if original not in headings:
            title = original[original.rfind(":") + 1 :]
            if _words(title) < 3:
                title = original[original.find(":") + 1 :]
    elif not 15 <= len(original) <= 150:
        h1s = list(root.iter("h1"))
        if len(h1s) == 1:
            title = clean_inline(text_of(h1s[0]))
    title = title.strip()
    # A title cut down to a few words has probably lost part of the headline, not the site.
    stripped_words = _words(re.sub(rf"[{_SEPARATORS}]+", "", original)) - 1
    if _words(title) <= 4 and (not hierarchical or _words(title) != stripped_words):
        title = original
    return title


def _words(text: str) -> int:
    return len(text.split())


def iso_date(value: str) -> str:
    """An ISO 8601 date or date-time from what a page declares, or '' when it is not a date."""
    value = value.strip()
    if not value:
        return ""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
        return match.group(0) if match else ""
    if len(value) == 10:
        return parsed.date().isoformat()
    return parsed.isoformat()
