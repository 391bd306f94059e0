"""Reading W3C Web Annotation files into plain records the interchange service can place.

Accepts one Annotation, a JSON list of them, an AnnotationPage, or an AnnotationCollection whose
first page is embedded (what Annotator writes, and what Hypothesis and most tools export). From
each annotation it keeps what a claim can use: the target's source (a web address or
``urn:sha256:`` of a text), its TextQuoteSelector and TextPositionSelector, and its bodies read by
purpose: ``assessing`` is a rating label, ``commenting`` a rationale, ``describing`` a summary,
``tagging`` a tag, ``linking`` (or any resource body) a link. Anything malformed refuses the whole
file with one line naming it, so that half an import never happens silently.

What Annotator's own export adds beyond the W3C terms (``annotator.formats.exporters.
webannotation``) is read back when present and ignored otherwise: a link's stance
(``annotator:stance``) and excerpt (a TextQuoteSelector on the linked page), the claim's status
(``schema:creativeWorkStatus``), claimant and claim date (``schema:itemReviewed``). Those terms
are matched as written or as full IRIs; a value that does not fit (an unknown stance, a date
that is not a date) is left out rather than refusing the file.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeGuard

from annotator.domain.model import Claimant
from annotator.domain.placement import PositionSelector, QuoteSelector
from annotator.domain.web import is_web_url as _is_web_url
from annotator.errors import ReportError
from annotator.formats.json_input import NumberTooLongError, load_json
from annotator.formats.json_text import lone_surrogate_at

MAX_FILE_BYTES = 100 * 1024 * 1024
_ANNOTATION_TYPES = ("Annotation", "oa:Annotation")
_ANNOTATOR_NS = "https://w3id.org/annotator/ns#"
_SCHEMA_NS = ("http://schema.org/", "https://schema.org/")
STANCES = ("supports", "refutes", "context")
STATUSES = ("draft", "in-review", "done")
REVIEW_STATES = ("fuzzy", "orphaned")


@dataclass(frozen=True, slots=True)
class Link:
    """A cited web page: its address, what it says about the claim ('' when the file does not
    say) and the passage quoted from it."""

    url: str
    stance: str = ""
    excerpt: str = ""


@dataclass(frozen=True, slots=True)
class WebAnnotation:
    """What Annotator can use of one annotation."""

    id: str
    source: str
    quote: QuoteSelector | None = None
    position: PositionSelector | None = None
    motivation: str = ""
    rating_label: str = ""
    rationale: str = ""
    summary: str = ""
    tags: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    """The cited addresses, each once, in order; ``citations`` has their stances."""
    citations: tuple[Link, ...] = ()
    status: str = ""
    claimant: Claimant | None = None
    claim_date: str = ""
    anchor_state: str = ""
    """"fuzzy" or "orphaned" when the exporting project had flagged the claim for review."""

    @property
    def label(self) -> str:
        """How a message names the annotation: its quote, else its id."""
        if self.quote is not None:
            text = " ".join(self.quote.exact.split())
            return f"“{text[:47]}…”" if len(text) > 48 else f"“{text}”"
        return self.id or "an annotation without id"


class _Malformed(Exception):
    """One problem in the file; turned into a ReportError naming the file."""


def read_annotations(path: Path) -> list[WebAnnotation]:
    """The annotations in a Web Annotation JSON(-LD) file; ReportError when it is not one."""
    return parse_annotations(_read_file(path), path.name)


def _read_file(path: Path) -> bytes:
    """The file's bytes: only a regular file, and never more than MAX_FILE_BYTES of it.

    Devices and pipes report a size of 0 and may never end or block forever, so they are refused
    before being opened; a file that grows after its size was checked is still read no further
    than the limit.
    """
    too_large = ReportError(
        f"{path.name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; "
        "split it before importing."
    )
    not_regular = ReportError(f"{path.name} is not a regular file; give a Web Annotation file.")
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ReportError(f"{path.name} is a folder; give a Web Annotation file.")
        if not stat.S_ISREG(info.st_mode):
            raise not_regular
        if info.st_size > MAX_FILE_BYTES:
            raise too_large
        flags = os.O_RDONLY
        for name in ("O_NONBLOCK", "O_BINARY", "O_CLOEXEC"):
            flags |= getattr(os, name, 0)
        with os.fdopen(os.open(path, flags), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise not_regular
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ReportError(f"Cannot read {path.name}: {exc.strerror}.") from None
    if len(data) > MAX_FILE_BYTES:
        raise too_large
    return data


def parse_annotations(data: bytes, name: str) -> list[WebAnnotation]:
    """The annotations in ``data``; ``name`` is used in the one-line error messages."""
    try:
        document = load_json(data.decode("utf-8-sig"))
    except NumberTooLongError as exc:
        raise ReportError(f"{name} is not a Web Annotation file: {exc}.") from None
    except UnicodeDecodeError:
        raise ReportError(f"{name} is not a Web Annotation file: it is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise ReportError(
            f"{name} is not a Web Annotation file: invalid JSON at line {exc.lineno}, "
            f"column {exc.colno} ({exc.msg})."
        ) from None
    except RecursionError:
        raise ReportError(
            f"{name} is not a Web Annotation file: its JSON is nested too deeply to read."
        ) from None
    except MemoryError:
        raise ReportError(
            f"{name} is not a Web Annotation file: it is too large to read into memory; "
            "split it before importing."
        ) from None
    if (where := lone_surrogate_at(document)) is not None:
        raise ReportError(
            f"{name} is not a Web Annotation file: the text at {where} is not valid Unicode "
            "(half of a UTF-16 surrogate pair)."
        )
    try:
        items = _items(document)
        if not items:
            raise _Malformed("it holds no annotations")
        return [_annotation(item, index) for index, item in enumerate(items, 1)]
    except _Malformed as exc:
        raise ReportError(f"{name} is not a Web Annotation file: {exc}.") from None


def _items(document: Any) -> list[Any]:
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        raise _Malformed("expected a JSON object or list")
    types = _types(document)
    if "AnnotationCollection" in types:
        first = document.get("first")
        if isinstance(first, str):
            raise _Malformed("its pages are not embedded (first is a link); download them first")
        if not isinstance(first, dict):
            raise _Malformed("the collection has no first page")
        return _page_items(first)
    if "AnnotationPage" in types:
        return _page_items(document)
    return [document]


def _page_items(page: dict[str, Any]) -> list[Any]:
    items = page.get("items")
    if not isinstance(items, list):
        raise _Malformed("an annotation page has no list of items")
    return items


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("type", node.get("@type", []))
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]


def _annotation(item: Any, index: int) -> WebAnnotation:
    where = f"annotation {index}"
    if not isinstance(item, dict):
        raise _Malformed(f"{where} is not a JSON object")
    types = _types(item)
    if types and not any(t in _ANNOTATION_TYPES for t in types):
        raise _Malformed(f"{where} has type {types[0][:40]!r}, not Annotation")
    ident = item.get("id", item.get("@id", ""))
    if not isinstance(ident, str):
        raise _Malformed(f"{where} has an id that is not a single string")
    where = f"annotation {ident[:80] or index}"  # an id can be any length; a message cannot
    source, quote, position = _target(item.get("target"), where)
    motivation = _single_string(item.get("motivation", ""))
    bodies = _Bodies(motivation)
    for body in _as_list(item.get("body", [])):
        bodies.add(body, where)
    if isinstance(item.get("bodyValue"), str):
        bodies.add({"type": "TextualBody", "value": item["bodyValue"]}, where)
    _add_hypothesis_fields(item, bodies)
    claimant, claim_date = _reviewed_claim(item)
    return WebAnnotation(
        id=ident,
        source=source,
        quote=quote,
        position=position,
        motivation=motivation,
        rating_label=bodies.rating,
        rationale="\n\n".join(bodies.comments),
        summary="\n".join(bodies.descriptions),
        tags=tuple(bodies.tags),
        links=tuple(dict.fromkeys(link.url for link in bodies.links)),
        citations=_unique_links(bodies.links),
        status=_choice(_term(item, "schema", "creativeWorkStatus"), STATUSES),
        claimant=claimant,
        claim_date=claim_date,
        anchor_state=_choice(_term(item, "annotator", "anchorState"), REVIEW_STATES),
    )


def _unique_links(links: list[Link]) -> tuple[Link, ...]:
    """Each address once: the first mention that says most (a stance or an excerpt) wins."""
    found: dict[str, Link] = {}
    for link in links:
        known = found.get(link.url)
        if known is None or (not (known.stance or known.excerpt) and (link.stance or link.excerpt)):
            found[link.url] = link
    return tuple(found.values())


def _term(node: dict[str, Any], prefix: str, name: str) -> Any:
    """An extension property written as a CURIE (``schema:name``) or as its full IRI."""
    if f"{prefix}:{name}" in node:
        return node[f"{prefix}:{name}"]
    spaces = _SCHEMA_NS if prefix == "schema" else (_ANNOTATOR_NS,)
    return next((node[ns + name] for ns in spaces if ns + name in node), None)


def _text_term(node: dict[str, Any], prefix: str, name: str) -> str:
    return _single_string(_term(node, prefix, name)).strip()


def _choice(value: Any, allowed: tuple[str, ...]) -> str:
    text = _single_string(value).strip().casefold()
    return text if text in allowed else ""


def _reviewed_claim(item: dict[str, Any]) -> tuple[Claimant | None, str]:
    """Who made the claim and when (``schema:itemReviewed``), as far as the file says."""
    claim = _as_list(_term(item, "schema", "itemReviewed"))
    node = claim[0] if claim and isinstance(claim[0], dict) else {}
    date = _text_term(node, "schema", "datePublished")
    authors = _as_list(_term(node, "schema", "author"))
    author = authors[0] if authors and isinstance(authors[0], dict) else {}
    name = _text_term(author, "schema", "name")
    role = _text_term(author, "schema", "jobTitle") or _text_term(author, "schema", "description")
    url = _text_term(author, "schema", "url")
    if not _is_web_url(url):
        url = ""
    claimant = Claimant(name, role, url) if name or role or url else None
    return claimant, date if _is_iso_date(date) else ""


def _is_iso_date(value: str) -> bool:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _add_hypothesis_fields(item: dict[str, Any], bodies: _Bodies) -> None:
    """Hypothesis' own API format keeps the comment in ``text`` and tags in ``tags``."""
    if isinstance(item.get("text"), str):
        bodies.add({"type": "TextualBody", "purpose": "commenting", "value": item["text"]}, "")
    tags = item.get("tags")
    if isinstance(tags, list):
        bodies.tags.extend(tag.strip() for tag in tags if isinstance(tag, str) and tag.strip())


def _target(target: Any, where: str) -> tuple[str, QuoteSelector | None, PositionSelector | None]:
    """The first target's source and text selectors (a selector list holds alternatives)."""
    targets = _as_list(target)
    if not targets:
        raise _Malformed(f"{where} has no target")
    first = targets[0]
    if isinstance(first, str):
        return first, None, None
    if not isinstance(first, dict):
        raise _Malformed(f"{where} has a target that is neither a link nor an object")
    source = first.get("source", first.get("id", ""))
    if isinstance(source, dict):
        source = source.get("id", "")
    if not isinstance(source, str) or not source:
        raise _Malformed(f"{where} has a target without a source")
    quote: QuoteSelector | None = None
    position: PositionSelector | None = None
    for selector in _flatten_selectors(first.get("selector", [])):
        kind = selector.get("type")
        if kind == "TextQuoteSelector" and quote is None:
            quote = _quote_selector(selector, where)
        elif kind == "TextPositionSelector" and position is None:
            position = _position_selector(selector, where)
    return source, quote, position


def _flatten_selectors(value: Any) -> list[dict[str, Any]]:
    """Selectors and the selectors they are refined by (a quote inside a fragment)."""
    found: list[dict[str, Any]] = []
    pending = _as_list(value)
    while pending:
        selector = pending.pop(0)
        if isinstance(selector, dict):
            found.append(selector)
            pending.extend(_as_list(selector.get("refinedBy", [])))
    return found


def _quote_selector(selector: dict[str, Any], where: str) -> QuoteSelector:
    exact = selector.get("exact")
    if not isinstance(exact, str) or not exact:
        raise _Malformed(f"{where} has a TextQuoteSelector without an exact quote")
    prefix, suffix = selector.get("prefix", ""), selector.get("suffix", "")
    if not isinstance(prefix, str) or not isinstance(suffix, str):
        raise _Malformed(f"{where} has a TextQuoteSelector whose prefix or suffix is not text")
    return QuoteSelector(exact, prefix, suffix)


def _position_selector(selector: dict[str, Any], where: str) -> PositionSelector:
    start, end = selector.get("start"), selector.get("end")
    if not (_is_int(start) and _is_int(end)):
        raise _Malformed(f"{where} has a TextPositionSelector whose start or end is not a number")
    if not 0 <= start <= end:
        raise _Malformed(f"{where} has a TextPositionSelector with start {start} after end {end}")
    return PositionSelector(start, end)


class _Bodies:
    """Sorts an annotation's bodies by purpose; an untyped text body counts as what the
    annotation's motivation says it is."""

    def __init__(self, motivation: str) -> None:
        self.motivation = motivation
        self.rating = ""
        self.comments: list[str] = []
        self.descriptions: list[str] = []
        self.tags: list[str] = []
        self.links: list[Link] = []

    def add(self, body: Any, where: str) -> None:
        # The alternatives of a Choice say the same thing; the first is the default. A loop,
        # not recursion, so that Choices nested a thousand deep are no danger.
        while isinstance(body, dict) and "Choice" in _types(body):
            choices = _as_list(body.get("items", []))
            if not choices:
                return
            body = choices[0]
        if isinstance(body, str):
            self.links.append(Link(body))
            return
        if not isinstance(body, dict):
            raise _Malformed(f"{where} has a body that is neither a link nor an object")
        purpose = _single_string(body.get("purpose", "")) or self.motivation
        value = body.get("value")
        if "TextualBody" in _types(body) or "value" in body:
            if not isinstance(value, str):
                raise _Malformed(f"{where} has a text body without a single text value")
            self._add_text(value, purpose)
            return
        link = body.get("source", body.get("id", ""))
        if isinstance(link, dict):
            link = link.get("id", "")
        if isinstance(link, str) and link:
            stance = _choice(_term(body, "annotator", "stance"), STANCES)
            self.links.append(Link(link, stance, _excerpt(body)))

    def _add_text(self, value: str, purpose: str) -> None:
        value = value.strip()
        if not value:
            return
        if purpose == "assessing" and not self.rating:
            self.rating = value
        elif purpose in ("tagging", "classifying"):
            self.tags.append(value)
        elif purpose in ("describing", "identifying"):
            self.descriptions.append(value)
        else:
            self.comments.append(value)


def _excerpt(body: dict[str, Any]) -> str:
    """The passage of a linked page that a body selects by quote (its first TextQuoteSelector)."""
    for selector in _flatten_selectors(body.get("selector", [])):
        exact = selector.get("exact")
        if selector.get("type") == "TextQuoteSelector" and isinstance(exact, str):
            return exact
    return ""


def _is_int(value: Any) -> TypeGuard[int]:
    # JSON true/false arrive as bool, which Python counts as int.
    return isinstance(value, int) and not isinstance(value, bool)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value not in (None, "") else []


def _single_string(value: Any) -> str:
    values = _as_list(value)
    return values[0] if values and isinstance(values[0], str) else ""
