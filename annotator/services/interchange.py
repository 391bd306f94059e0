"""Importing W3C Web Annotations onto a project's documents as claims.

Each annotation's target is matched to a document by its web address (the document's origin)
or by ``urn:sha256:`` of the document's text, then placed, most certain first: by its
TextPositionSelector when the text there equals its quote; by its quote, the prefix and suffix
choosing between repeated occurrences; else approximately by the re-anchoring engine, in which
case the claim is created with anchor state FUZZY and listed for review (those rules are pure:
``domain/placement.py``). An annotation that
cannot be placed is not created; the summary says why. Bodies become the claim's summary, tags,
verdict (a rating label of the project's scale), rationale and cited sources (with their stance
and excerpt when the file gives them, else as context); Annotator's own export also brings back
each claim's status, claimant and claim date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from annotator.domain.model import (
    AnchorState,
    Claim,
    ClaimStatus,
    Document,
    Rating,
    Source,
    Stance,
)
from annotator.domain.placement import Placement, place
from annotator.errors import AnnotatorError, ValidationError
from annotator.formats.webanno_import import Link, WebAnnotation, read_annotations
from annotator.services.claims import ClaimEdit
from annotator.services.workspace import Workspace

_SHA_PREFIX = "urn:sha256:"


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did: claims created, reasons to review, annotations left out."""

    placed: int
    flagged: list[str]
    skipped: int


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
        placement = place(
            document.text, annotation.quote, annotation.position, trust_positions=same_text
        )
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
    if annotation.anchor_state == AnchorState.ORPHANED.value:
        # Its passage was gone from the article it was exported from: wherever its quote is
        # found here is a guess, so it keeps its flag and says so.
        workspace.claims.set_anchor_state(claim.id, AnchorState.ORPHANED)
        tally.flagged.append(
            f"{label}: its passage had been lost (orphaned) in the exported project; placed "
            f"where its quote occurs in “{document.title}” and still flagged: check it"
        )
    elif placement.fuzzy:
        _mark_fuzzy(workspace, claim.id)
        tally.flagged.append(
            f"{label}: placed approximately in “{document.title}” "
            f"(match {placement.score:.0%}); check it"
        )
    elif annotation.anchor_state == AnchorState.FUZZY.value:
        _mark_fuzzy(workspace, claim.id)
        tally.flagged.append(
            f"{label}: was flagged for review in the exported project (placed approximately "
            "there) and still is: check it"
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
