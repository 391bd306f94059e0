"""Saved web pages and rich clipboard content.

A saved page is decoded (BOM, declared charset, UTF-8, then detection), parsed with lxml
(which never fetches anything: no network, no DTDs, no images), searched for its article
(:mod:`html_extract`), and the article is sanitised with nh3 before it becomes the body model
(:mod:`html_blocks`). Metadata comes from the whole page (:mod:`html_meta`). Pasted HTML is
what the user chose to copy, so it is sanitised and kept whole rather than searched.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from annotator.domain.body import Block, BlockKind
from annotator.errors import DocumentImportError
from annotator.formats.importers.base import MAX_ARTICLE_CHARS, ImportedDocument
from annotator.formats.importers.builder import clean_inline, with_directions, xml_compatible
from annotator.formats.importers.html_blocks import element_html, html_to_blocks
from annotator.formats.importers.html_extract import extract_article
from annotator.formats.importers.html_meta import read_metadata
from annotator.formats.importers.text import decode_text

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_BYLINE_PREFIX = re.compile(r"^(by|von|par|por)\s*[:\-–]?\s+", re.IGNORECASE)
_MAX_ADDRESS = 2000


def decode_html(data: bytes, name: str) -> str:
    """The page's text: a BOM wins, then the declared charset, then UTF-8 or detection."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_text(data, name)
    declared = _DECLARED_CHARSET.search(data[:8192])
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            codec = ""
        # Pages declaring an 8-bit or UTF-8 charset are often saved as UTF-8 anyway.
        if codec and codec not in ("utf-16", "utf-32"):
            try:
                return data.decode(codec if codec != "latin-1" else "cp1252")
            except UnicodeDecodeError:
                pass
    return decode_text(data, name)


def parse_html(text: str, name: str) -> etree._Element:
    """Parse markup without touching the network or the disk, dropping comments and PIs."""
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        page = xml_compatible(_XML_DECLARATION.sub("", text))
        return lxml_html.document_fromstring(page, parser=parser)
    except (etree.ParserError, ValueError):
        raise DocumentImportError(
            f"{name} holds no readable HTML; open it in a browser and save it again."
        ) from None


def import_html_bytes(data: bytes, name: str, origin: str = "") -> ImportedDocument:
    """Import a saved web page: its article, not the navigation and clutter around it.

    The document's origin is the page's own web address when it names one (its canonical link,
    else its og:url), so that ClaimReview and Web Annotation exports point at the article on the
    web rather than at a file on the checker's disk; the page as saved stays in ``original``. A
    web address the caller gives as ``origin`` wins over what the page says about itself.
    """
    page = decode_html(data, name)
    root = parse_html(page, name)
    meta = read_metadata(root)
    found = extract_article(root, meta.title)
    _resolve_links(found.article, _base_url(root))
    declared = found.direction or meta.direction or _body_direction(root)
    declared = declared if declared in ("ltr", "rtl") else ""
    # html_to_blocks marks every block with the page's direction unless an element inside says
    # otherwise: those keep their own, the rest get their text's.
    marked = html_to_blocks(element_html(found.article), declared)
    blocks, direction = with_directions(
        (replace(b, direction="") if b.direction == declared else b for b in marked), declared
    )
    if not blocks:
        _refuse_oversized_text(page, name)
        raise DocumentImportError(
            f"{name} has no article text to check; save the page again once it has fully loaded."
        )
    return ImportedDocument(
        blocks=blocks,
        format="html",
        original=data,
        origin=origin if _is_page_address(origin) else _canonical_url(root) or origin,
        title=meta.title or _first_heading(blocks),
        author=meta.author or clean_byline(found.byline),
        publisher=meta.publisher,
        published=meta.published,
        lang=meta.lang,
        direction=direction,
    )


def _refuse_oversized_text(page: str, name: str) -> None:
    """The parser drops a run of text over 10 MB (libxml2's guard) and the page then looks
    empty; say what is really wrong: its text is over the article size limit."""
    length = len(_TAG.sub("", page))
    if length > MAX_ARTICLE_CHARS:
        raise DocumentImportError(
            f"{name} holds about {length / 1e6:.1f} million characters of text; Annotator takes "
            f"articles of up to {MAX_ARTICLE_CHARS // 1_000_000} million (a long book). "
            "Split it into parts and import those."
        )


_TAG = re.compile(r"<[^>]*>")


def import_pasted_html(html: str, title: str = "") -> ImportedDocument:
    """A document from rich text on the clipboard (as a browser or word processor puts it)."""
    html = xml_compatible(html)
    blocks, direction = with_directions(html_to_blocks(_XML_DECLARATION.sub("", html)))
    if not blocks:
        raise DocumentImportError("The clipboard holds no text to import.")
    return ImportedDocument(
        blocks=blocks,
        format="html",
        original=html.encode("utf-8"),
        origin="clipboard",
        title=title or _first_heading(blocks),
        direction=direction,
    )


def clean_byline(byline: str) -> str:
    """An author name from a byline as printed ("By Jane Doe" gives "Jane Doe")."""
    return _BYLINE_PREFIX.sub("", clean_inline(byline).strip())


def _first_heading(blocks: tuple[Block, ...]) -> str:
    heading = next((b.text for b in blocks if b.kind is BlockKind.HEADING), "")
    return heading or (blocks[0].text[:90] if blocks else "")


def _base_url(root: etree._Element) -> str:
    """The address relative links are resolved against: ``<base href>``, else the page's own."""
    for base in root.iter("base"):
        url = (base.get("href") or "").strip()
        if urlsplit(url).scheme in ("http", "https"):
            return url
    return _canonical_url(root)


def _canonical_url(root: etree._Element) -> str:
    """The page's own web address as it states it: ``<link rel="canonical">``, else the Open
    Graph ``og:url``; '' when it states none that is an absolute http(s) address."""
    candidates = [
        link.get("href") or ""
        for link in root.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    candidates += [
        meta.get("content") or ""
        for meta in root.iter("meta")
        if (meta.get("property") or meta.get("name") or "").strip().lower() == "og:url"
    ]
    return next((url.strip() for url in candidates if _is_page_address(url.strip())), "")


def _is_page_address(url: str) -> bool:
    """An absolute http(s) address fit to be a document's origin: no spaces or control
    characters, no ``user:password@`` part, and of a sane length (the page is untrusted)."""
    if not url or len(url) > _MAX_ADDRESS or any(c.isspace() or ord(c) < 32 for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return (
        parts.scheme.lower() in ("http", "https")
        and bool(parts.hostname)
        and "@" not in parts.netloc
    )


def _resolve_links(article: etree._Element, base: str) -> None:
    """Make links absolute against the page's address; without one they stay relative and
    the sanitiser drops them (text kept), since they cannot be followed from a saved file."""
    if not base:
        return
    for link in article.iter("a"):
        href = (link.get("href") or "").strip()
        if href and not href.startswith("#") and not urlsplit(href).scheme:
            try:
                link.set("href", urljoin(base, href))
            except ValueError:
                del link.attrib["href"]


def _body_direction(root: etree._Element) -> str:
    body = root.find("body")
    return (body.get("dir") or "").lower() if body is not None else ""
