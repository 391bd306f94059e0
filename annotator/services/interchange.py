"""Importing W3C Web Annotations onto a project's documents as claims.

Each annotation's target is matched to a document by its web address (the document's origin)
or by ``urn:sha256:`` of the document's text, then placed, most certain first: by its
TextPositionSelector when the text there equals its quote; by its quote, the prefix and suffix
choosing between repeated occurrences; else approximately by the re-anchoring engine, in which
case the claim is created with anchor state FUZZY and listed for review. An annotation that
cannot be placed is not created; the summary says why. Bodies become the claim's summary, tags,
verdict (a rating label of the project's scale), rationale and cited sources (with their stance
and excerpt when the file gives them, else as context); Annotator's own export also brings back
each claim's status, claimant and claim date.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

from rapidfuzz import fuzz

from annotator.domain.model import (
    Anchor,
    AnchorState,
    Claim,
    ClaimStatus,
    Document,
    Rating,
    Source,
    Stance,
)
from annotator.domain.text import canonical_text
from annotator.errors import AnnotatorError, ValidationError
from annotator.formats.webanno_import import Link, QuoteSelector, WebAnnotation, read_annotations
from annotator.services.claims import ClaimEdit
from annotator.services.workspace import Workspace

_SHA_PREFIX = "urn:sha256:"
# Beyond this many exact occurrences of a quote, context is compared only for the first ones:
# a quote that common ("the") is placed approximately or not at all.
_MAX_OCCURRENCES = 500
# Below this similarity (0-100) of the best-aligned passage a quote is not looked for further.
_MIN_ALIGNMENT = 60.0


class Reanchored(Protocol):
    """What the re-anchoring engine returns for each anchor."""

    @property
    def anchor(self) -> Anchor | None: ...

    @property
    def state(self) -> AnchorState: ...

    @property
    def score(self) -> float: ...


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did: claims created, reasons to review, annotations left out."""

    placed: int
    flagged: list[str]
    skipped: int


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an annotation lands in a text; ``fuzzy`` when the text differs from its quote."""

    start: int
    end: int
    fuzzy: bool = False
    score: float = 1.0


@dataclass(slots=True)
class _Tally:
    flagged: list[str] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)
    skipped: int = 0

    def skip(self, reason: str) -> None:
        self.skipped += 1
        self.flagged.append(reason)


def import_annotations(workspace: Workspace, path: Path) -> ImportSummary:
    """Create a claim for every annotation of the file that can be placed on a document."""
    annotations = read_annotations(path)
    with workspace.database.session():
        return _import(workspace, annotations)


def _import(workspace: Workspace, annotations: list[WebAnnotation]) -> ImportSummary:
    documents = _DocumentIndex(workspace)
    scale = workspace.project.info().scale
    tally = _Tally()
    for annotation in annotations:
        found = documents.find(annotation.source)
        if found is None:
            tally.skip(f"{annotation.label}: no document of this project is {annotation.source}")
            continue
        document, same_text = found
        placement = place(document.text, annotation, trust_positions=same_text)
        if placement is None:
            tally.skip(f"{annotation.label}: not found in “{document.title}”")
        elif documents.has_claim(document.id, placement, annotation.summary):
            tally.skip(f"{annotation.label}: “{document.title}” already has this claim")
        else:
            _create(workspace, document, annotation, placement, scale, tally)
    return ImportSummary(
        placed=len(tally.claim_ids),
        flagged=tally.flagged,
        skipped=tally.skipped,
    )


def place(text: str, annotation: WebAnnotation, *, trust_positions: bool) -> Placement | None:
    """Where ``annotation`` sits in ``text``, or None when it cannot be placed."""
    position = annotation.position
    quote = _canonical(annotation.quote) if annotation.quote else None
    if position is not None and position.start < position.end <= len(text):
        if quote is not None and text[position.start : position.end] == quote.exact:
            return Placement(position.start, position.end)
        if quote is None:
            # Only the same text (matched by its hash) vouches for a bare position.
            return Placement(position.start, position.end, fuzzy=not trust_positions)
    if quote is None:
        return None
    start = _by_context(text, quote, position.start if position else None)
    if start is not None:
        return Placement(start, start + len(quote.exact))
    return _approximate(text, quote)


def _canonical(quote: QuoteSelector) -> QuoteSelector:
    return QuoteSelector(
        canonical_text(quote.exact), canonical_text(quote.prefix), canonical_text(quote.suffix)
    )


def _by_context(text: str, quote: QuoteSelector, hint: int | None) -> int | None:
    """The occurrence of the exact quote that its context (or position) picks clearly."""
    occurrences: list[int] = []
    found = text.find(quote.exact)
    while found != -1 and len(occurrences) < _MAX_OCCURRENCES:
        occurrences.append(found)
        found = text.find(quote.exact, found + 1)
    if len(occurrences) == 1:
        return occurrences[0]
    length = len(quote.exact)

    def fits(start: int) -> int:
        before = text[max(0, start - len(quote.prefix)) : start]
        after = text[start + length : start + length + len(quote.suffix)]
        return (before == quote.prefix) + (after == quote.suffix)

    scored = sorted(((fits(s), s) for s in occurrences), reverse=True)
    if len(scored) >= 2 and scored[0][0] > scored[1][0]:
        return scored[0][1]
    if hint is not None and scored:
        best = [s for score, s in scored if score == scored[0][0]]
        return min(best, key=lambda s: abs(s - hint))
    return None


def _approximate(text: str, quote: QuoteSelector) -> Placement | None:
    """The edited quote: the best-aligned passage, confirmed and trimmed to words by the
    re-anchoring engine.

    The engine places claims of an old text in a new one, so the annotated version is rebuilt
    as the old text: the passage replaced by the quote as the annotation saw it. The engine's
    diff then sees exactly that edit, and its scoring (quote, context) decides whether the
    passage is the claim edited or something else.
    """
    aligned = fuzz.partial_ratio_alignment(quote.exact, text, score_cutoff=_MIN_ALIGNMENT)
    if aligned is None:
        return None
    start, end = aligned.dest_start, aligned.dest_end
    engine = _reanchor_engine()
    if engine is None:
        return Placement(start, end, fuzzy=True, score=aligned.score / 100)
    old_text = text[:start] + quote.exact + text[end:]
    anchor = Anchor(start, start + len(quote.exact), quote.exact, quote.prefix, quote.suffix)
    (result,) = engine(old_text, text, [anchor])
    if result.anchor is None or result.state is AnchorState.ORPHANED:
        return None
    fuzzy = result.state is AnchorState.FUZZY or result.anchor.quote != quote.exact
    return Placement(result.anchor.start, result.anchor.end, fuzzy, result.score)


def _reanchor_engine() -> Callable[[str, str, Sequence[Anchor]], list[Reanchored]] | None:
    """The re-anchoring engine, developed alongside this module; without it the aligned
    passage is used as it is (still flagged for review)."""
    try:
        module = importlib.import_module("annotator.domain.reanchor")
    except ImportError:
        return None
    engine: Callable[[str, str, Sequence[Anchor]], list[Reanchored]] = module.reanchor
    return engine


class _DocumentIndex:
    """The project's documents by normalised origin and by text hash, loaded on demand."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._by_origin = {
            _normal_url(info.origin): info.id
            for info in workspace.documents.all()
            if info.origin.strip()
        }
        self._loaded: dict[str, Document] = {}
        self._spans: dict[str, set[tuple[int, int, str]]] = {}

    def find(self, source: str) -> tuple[Document, bool] | None:
        """The document a target source names, and whether it was named by its text."""
        if source.lower().startswith(_SHA_PREFIX):
            info = self._workspace.documents.find_by_sha256(source[len(_SHA_PREFIX) :].lower())
            return (self._load(info.id), True) if info else None
        document_id = self._by_origin.get(_normal_url(source))
        return (self._load(document_id), False) if document_id else None

    def has_claim(self, document_id: str, placement: Placement, summary: str) -> bool:
        """Whether the document already has a claim on this span with this summary, so that
        importing one file twice does not duplicate its claims."""
        if document_id not in self._spans:
            self._spans[document_id] = {
                (c.start, c.end, c.summary) for c in self._workspace.claims.all(document_id)
            }
        key = (placement.start, placement.end, summary.strip())
        if key in self._spans[document_id]:
            return True
        self._spans[document_id].add(key)
        return False

    def _load(self, document_id: str) -> Document:
        if document_id not in self._loaded:
            self._loaded[document_id] = self._workspace.documents.get(document_id)
        return self._loaded[document_id]


def _normal_url(url: str) -> str:
    """Addresses that name the same page compare equal: case of scheme and host, fragment and
    a trailing slash do not matter."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return url.strip()
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def _create(
    workspace: Workspace,
    document: Document,
    annotation: WebAnnotation,
    placement: Placement,
    scale: tuple[Rating, ...],
    tally: _Tally,
) -> None:
    rating = _rating(scale, annotation.rating_label)
    label = annotation.label
    notes = annotation.rationale if rating is None else ""
    edit = ClaimEdit(
        summary=annotation.summary,
        tags=annotation.tags,
        notes=notes,
        status=ClaimStatus(annotation.status) if annotation.status else None,
        claimant=annotation.claimant,
        claim_date=annotation.claim_date or None,
    )
    try:
        claim = workspace.claims.add(document.id, placement.start, placement.end, edit)
    except AnnotatorError as exc:
        tally.skip(f"{label}: {exc}")
        return
    tally.claim_ids.append(claim.id)
    if annotation.rating_label and rating is None:
        tally.flagged.append(
            f"{label}: the rating {annotation.rating_label!r} is not in this project's scale; "
            "left unrated, its rationale kept in the notes"
        )
    if rating is not None:
        workspace.claims.set_verdict(claim.id, rating.key, annotation.rationale)
    _cite(workspace, claim, annotation.citations)
    if placement.fuzzy:
        _mark_fuzzy(workspace, claim.id)
        tally.flagged.append(
            f"{label}: placed approximately in “{document.title}” "
            f"(match {placement.score:.0%}); check it"
        )


def _rating(scale: tuple[Rating, ...], label: str) -> Rating | None:
    wanted = label.strip().casefold()
    if not wanted:
        return None
    return next((r for r in scale if wanted in (r.label.casefold(), r.key)), None)


def _cite(workspace: Workspace, claim: Claim, links: tuple[Link, ...]) -> None:
    """Attach each http(s) link as a source, with its stance (context when the file gives none)
    and excerpt; other links (urn:, relative) are not evidence."""
    for link in links:
        stance = Stance(link.stance) if link.stance else Stance.CONTEXT
        try:
            workspace.sources.cite(claim.id, Source(id="", url=link.url), stance, link.excerpt)
        except ValidationError:  # not a usable address, or cited twice: that link is left out
            continue


def _mark_fuzzy(workspace: Workspace, claim_id: str) -> None:
    """Flag a claim placed only approximately, for review."""
    workspace.claims.set_anchor_state(claim_id, AnchorState.FUZZY)
