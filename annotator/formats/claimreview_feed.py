"""Reading fact-check feeds: schema.org ClaimReview JSON-LD as outlets publish it.

Accepted shapes: one ClaimReview, a list of them, a ``@graph``, a ``DataFeed`` whose
``dataFeedElement`` items hold them (Google's and Data Commons' feeds), an ``ItemList``, or one
JSON object a line (JSON Lines). Real markup is loose (a rating's value as "2" or 2, an author
as an object or a list), so the pydantic models take the first of a list and any scalar as
text. A feed is read whole before anything is stored: one bad review refuses the file (or,
asked to, is skipped and counted), so nothing is half-imported.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, TypeAdapter
from pydantic import ValidationError as PydanticError

from annotator.domain.library import LibraryEntry, feed_key
from annotator.domain.wording import counted
from annotator.errors import FeedError

# Larger than any real feed (Data Commons' full ClaimReview dump is about 150 MB); a file over
# this is refused before a byte of it is read.
MAX_FEED_BYTES = 256 * 1_000_000
_CONTAINERS = ("@graph", "dataFeedElement", "itemListElement", "item")
_SHOWN_PROBLEMS = 3


# Loose on purpose: published markup gives a text as a number or a list, a number as text, an
# author as an object or a list of them. ``_text``, ``_number`` and ``_node`` read what is
# there; a nested object (author, rating, item) is validated by its model when it is read.
# (Unions of nested models here cost 7x the rest of the validation, most of an import.)
Loose = Any


class _Node(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


NodeT = TypeVar("NodeT", bound=_Node)


class _Organisation(_Node):
    name: Loose = None
    url: Loose = None


class _Rating(_Node):
    alternateName: Loose = None
    name: Loose = None
    ratingValue: Loose = None
    bestRating: Loose = None
    worstRating: Loose = None


class _Item(_Node):
    author: Loose = None
    datePublished: Loose = None


class ClaimReviewLd(_Node):
    """The fields of a ClaimReview the library keeps."""

    claimReviewed: Loose = None
    url: Loose = None
    identifier: Loose = None
    headline: Loose = None
    name: Loose = None
    datePublished: Loose = None
    author: Loose = None
    publisher: Loose = None
    reviewRating: Loose = None
    itemReviewed: Loose = None


_REVIEWS = TypeAdapter(list[ClaimReviewLd])
_NO_RATING = _Rating()
_NO_ITEM = _Item()


def _first(value: Any) -> Any:
    """A list where one value is expected (an author given as a list): its first item."""
    if type(value) is list:
        return value[0] if value else None
    return value


def _text(value: Any) -> str:
    # The common cases first: this runs ten times per review of a feed of thousands.
    if value is None:
        return ""
    if type(value) is str:
        return " ".join(value.split())
    value = _first(value)
    if type(value) is str:
        return " ".join(value.split())
    if type(value) is float or type(value) is int:
        return f"{value:g}"
    return ""


def _number(value: Any) -> float | None:
    if value is None:
        return None
    value = _first(value)
    if type(value) is float or type(value) is int:
        return float(value)
    try:
        return float(value.strip()) if type(value) is str else None
    except ValueError:
        return None


def _node(value: Any, kind: type[NodeT]) -> NodeT | None:
    """A nested object (the first of a list) read with its model; anything else is none."""
    value = _first(value)
    return kind.model_validate(value) if type(value) is dict else None


@dataclass(frozen=True, slots=True)
class Feed:
    """The reviews of one feed file, ready to store, and the ones skipped."""

    entries: tuple[LibraryEntry, ...]
    skipped: tuple[str, ...] = ()


def read_feed(path: Path, *, skip_invalid: bool = False) -> Feed:
    """Read a feed file; FeedError says what is wrong with it, and nothing is returned."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FeedError(f"{path} does not exist; check the file name.") from None
    except OSError as exc:
        raise FeedError(f"Cannot read {path}: {exc.strerror}.") from None
    if size > MAX_FEED_BYTES:
        raise FeedError(
            f"{path.name} is {size / 1e6:,.0f} MB; a fact-check feed over "
            f"{MAX_FEED_BYTES // 1_000_000} MB is refused. Split it into smaller files."
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FeedError(f"Cannot read {path}: {exc.strerror}.") from None
    return parse_feed(data, path.name, skip_invalid=skip_invalid)


def parse_feed(data: bytes, name: str, *, skip_invalid: bool = False) -> Feed:
    """The ClaimReviews in a feed's bytes, as library entries of the source ``name``."""
    try:
        nodes = list(claim_reviews(_load(data, name)))
    except RecursionError:
        # json.loads (and the walk through the document) stop at Python's recursion limit.
        raise FeedError(
            f"{name} nests its JSON too deeply to be a fact-check feed (a ClaimReview sits a "
            "few levels down, in a list, a @graph or a DataFeed)."
        ) from None
    if not nodes:
        raise FeedError(
            f"{name} holds no ClaimReview: a fact-check feed is schema.org ClaimReview JSON-LD "
            '(objects with "@type": "ClaimReview"), one review, a list, a @graph or a DataFeed.'
        )
    entries: dict[str, LibraryEntry] = {}
    problems: list[str] = []
    for position, review in enumerate(_validated(nodes), start=1):
        try:
            if isinstance(review, Exception):
                raise review
            entry = to_entry(review, name)
        except (FeedError, PydanticError) as exc:
            problems.append(f"review {position}: {_problem(exc)}")
            continue
        entries[entry.key] = entry  # the last of two equal reviews wins
    if problems and not skip_invalid:
        shown = "; ".join(problems[:_SHOWN_PROBLEMS])
        more = len(problems) - _SHOWN_PROBLEMS
        raise FeedError(
            f"{name}: {counted(len(problems), 'review')} of {len(nodes):,} cannot be used "
            f"({shown}{f'; and {more:,} more' if more > 0 else ''}). Nothing was imported; "
            "fix the feed, or import with --skip-invalid to leave those reviews out."
        )
    if not entries:
        raise FeedError(f"{name}: none of its {len(nodes):,} reviews can be used ({problems[0]}).")
    return Feed(tuple(entries.values()), tuple(problems))


def _validated(nodes: list[dict[str, Any]]) -> list[ClaimReviewLd | Exception]:
    """All reviews validated at once (fast), or one by one to say which ones fail."""
    try:
        return list(_REVIEWS.validate_python(nodes))
    except PydanticError:
        pass
    result: list[ClaimReviewLd | Exception] = []
    for node in nodes:
        try:
            result.append(ClaimReviewLd.model_validate(node))
        except PydanticError as exc:
            result.append(exc)
    return result


def _problem(exc: Exception) -> str:
    if isinstance(exc, PydanticError):
        error = exc.errors()[0]
        return f"{'.'.join(map(str, error['loc']))}: {error['msg']}"
    return str(exc)


def _load(data: bytes, name: str) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FeedError(
            f"{name} is not UTF-8 text (byte {exc.start:,}); a fact-check feed is JSON-LD."
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as whole:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            try:
                return [json.loads(line) for line in lines]
            except json.JSONDecodeError:
                pass
        raise FeedError(
            f"{name} is not JSON (line {whole.lineno}, column {whole.colno}: {whole.msg}); "
            "a fact-check feed is ClaimReview JSON-LD, or one JSON object a line."
        ) from None


def claim_reviews(node: Any) -> Iterator[dict[str, Any]]:
    """Every ClaimReview object in a JSON-LD document, in document order."""
    if isinstance(node, list):
        for item in node:
            yield from claim_reviews(item)
        return
    if not isinstance(node, dict):
        return
    if _is_claim_review(node):
        yield node
        return
    for container in _CONTAINERS:
        if container in node:
            yield from claim_reviews(node[container])


def _is_claim_review(node: dict[str, Any]) -> bool:
    kind = node.get("@type", node.get("type"))
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "ClaimReview" for k in kinds)


def to_entry(review: ClaimReviewLd, source: str) -> LibraryEntry:
    """A library entry from one review; FeedError names a missing field."""
    claim, url, identifier = (
        _text(review.claimReviewed),
        _text(review.url),
        _text(review.identifier),
    )
    if not claim:
        raise FeedError("no claimReviewed (the claim that was checked)")
    if not url and not identifier:
        raise FeedError("neither url nor identifier (the review cannot be told apart)")
    rating = _node(review.reviewRating, _Rating) or _NO_RATING
    item = _node(review.itemReviewed, _Item) or _NO_ITEM
    claimant = _node(item.author, _Organisation)
    return LibraryEntry(
        key=feed_key(identifier, url, claim),
        claim=claim,
        title=_text(review.headline) or _text(review.name),
        verdict=_text(rating.alternateName) or _text(rating.name) or _numeric_label(rating),
        rating=_number(rating.ratingValue),
        best_rating=_number(rating.bestRating),
        worst_rating=_number(rating.worstRating),
        outlet=_outlet(review, url),
        url=url,
        identifier=identifier,
        claimant=_text(claimant.name) if claimant else "",
        claim_date=_text(item.datePublished),
        review_date=_text(review.datePublished),
        source=source,
    )


def _numeric_label(rating: _Rating) -> str:
    value, best = _number(rating.ratingValue), _number(rating.bestRating)
    if value is None:
        return ""
    return f"{value:g}" if best is None else f"{value:g} of {best:g}"


def _outlet(review: ClaimReviewLd, url: str) -> str:
    """The organisation that published the review: its name, else its website's host."""
    organisations = [_node(review.author, _Organisation)]
    if review.publisher is not None:
        organisations.append(_node(review.publisher, _Organisation))
    for organisation in organisations:
        if organisation and _text(organisation.name):
            return _text(organisation.name)
    for organisation in organisations:
        if organisation and _text(organisation.url):
            return urlsplit(_text(organisation.url)).netloc.removeprefix("www.")
    return urlsplit(url).netloc.removeprefix("www.")
