"""New versions of an article: store the new revision, re-anchor every claim, keep the old
revision viewable, and say what changed around each claim."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from annotator.domain.body import Block, blocks_from_json, blocks_to_json
from annotator.domain.model import Anchor, AnchorState, Claim, DocumentInfo
from annotator.domain.reanchor import TextChange, changes_around, reanchor
from annotator.errors import NotFoundError, ValidationError
from annotator.formats.importers import CancelCheck, ImportedDocument, ProgressCallback, import_file
from annotator.services.common import get_row, utc_now
from annotator.services.documents import text_sha256
from annotator.storage.database import Database
from annotator.storage.rows import ClaimRow, DocumentRow, RevisionRow, to_claim, to_document_info


@dataclass(frozen=True, slots=True)
class ClaimOutcome:
    """How one claim fared in the new revision."""

    claim: Claim
    previous: Anchor
    changes: tuple[TextChange, ...]


@dataclass(frozen=True, slots=True)
class RevisionUpdate:
    document: DocumentInfo
    outcomes: tuple[ClaimOutcome, ...]

    def count(self, state: AnchorState) -> int:
        return sum(1 for o in self.outcomes if o.claim.anchor_state is state)


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    number: int
    title: str
    created_at: str
    sha256: str
    current: bool


@dataclass(frozen=True, slots=True)
class RevisionRecord:
    """Everything stored about an earlier revision (for the lossless report)."""

    number: int
    title: str
    format: str
    origin: str
    created_at: str
    text: str
    sha256: str
    blocks: tuple[Block, ...]
    anchors: dict[str, tuple[int, int]]
    original: bytes


@dataclass(frozen=True, slots=True)
class RevisionText:
    number: int
    text: str
    blocks: tuple[Block, ...]


class RevisionService:
    def __init__(self, database: Database) -> None:
        self._db = database

    def update_from_file(
        self,
        document_id: str,
        path: Path,
        *,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> RevisionUpdate:
        return self.update(document_id, import_file(path, progress=progress, cancelled=cancelled))

    def update(self, document_id: str, imported: ImportedDocument) -> RevisionUpdate:
        """Make ``imported`` the document's current text and re-anchor its claims."""
        new_text = imported.text
        with self._db.session() as session:
            row = get_row(session, DocumentRow, document_id, "document")
            if text_sha256(new_text) == row.sha256:
                raise ValidationError(
                    f"The new version of “{row.title}” has the same text as the current one; "
                    "nothing to update."
                )
            claims = list(
                session.scalars(select(ClaimRow).where(ClaimRow.document_id == document_id))
            )
            old_text = row.text
            previous = [_anchor(c) for c in claims]
            placed = reanchor(old_text, new_text, previous)
            session.add(_archive(row, claims))
            _replace_text(row, imported)
            outcomes = []
            for claim_row, old_anchor, result in zip(claims, previous, placed, strict=True):
                _apply(claim_row, result.anchor, result.state)
                changes = changes_around(old_text, new_text, old_anchor, result.anchor)
                outcomes.append(ClaimOutcome(to_claim(claim_row), old_anchor, tuple(changes)))
            session.flush()
            outcomes.sort(key=lambda o: (o.claim.anchor_state.needs_review is False, o.claim.start))
            return RevisionUpdate(to_document_info(row, len(claims)), tuple(outcomes))

    def revisions(self, document_id: str) -> list[RevisionInfo]:
        with self._db.session() as session:
            row = get_row(session, DocumentRow, document_id, "document")
            result = [
                RevisionInfo(r.number, r.title, r.created_at, r.sha256, False)
                for r in row.revisions
            ]
            result.append(RevisionInfo(row.revision, row.title, row.created_at, row.sha256, True))
            return result

    def history(self, document_id: str) -> list[RevisionRecord]:
        """The document's earlier revisions, oldest first, with everything stored."""
        with self._db.session() as session:
            row = get_row(session, DocumentRow, document_id, "document")
            return [
                RevisionRecord(
                    number=r.number,
                    title=r.title,
                    format=r.format,
                    origin=r.origin,
                    created_at=r.created_at,
                    text=r.text,
                    sha256=r.sha256,
                    blocks=blocks_from_json(json.loads(r.body)),
                    anchors={k: (v[0], v[1]) for k, v in json.loads(r.anchors).items()},
                    original=r.original,
                )
                for r in row.revisions
            ]

    def revision_text(self, document_id: str, number: int) -> RevisionText:
        with self._db.session() as session:
            row = get_row(session, DocumentRow, document_id, "document")
            if number == row.revision:
                return RevisionText(number, row.text, blocks_from_json(json.loads(row.body)))
            for revision in row.revisions:
                if revision.number == number:
                    return RevisionText(
                        number, revision.text, blocks_from_json(json.loads(revision.body))
                    )
        raise NotFoundError(f"The document has no revision {number}.")

    def changes_for_claim(self, claim_id: str) -> tuple[TextChange, ...]:
        """What changed around a claim between the previous revision and the current one."""
        with self._db.session() as session:
            claim = get_row(session, ClaimRow, claim_id, "claim")
            document = claim.document
            if not document.revisions:
                return ()
            last = document.revisions[-1]
            span = json.loads(last.anchors).get(claim_id)
            if span is None:
                return ()
            old = Anchor(span[0], span[1], last.text[span[0] : span[1]], "", "")
            new = None if claim.anchor_state == AnchorState.ORPHANED.value else _anchor(claim)
            return tuple(changes_around(last.text, document.text, old, new))


def _anchor(row: ClaimRow) -> Anchor:
    return Anchor(row.start, row.end, row.quote, row.prefix, row.suffix)


def _archive(row: DocumentRow, claims: list[ClaimRow]) -> RevisionRow:
    anchors = {
        c.id: [c.start, c.end] for c in claims if c.anchor_state != AnchorState.ORPHANED.value
    }
    return RevisionRow(
        document_id=row.id,
        number=row.revision,
        title=row.title,
        format=row.format,
        origin=row.origin,
        text=row.text,
        body=row.body,
        original=row.original,
        sha256=row.sha256,
        anchors=json.dumps(anchors),
        created_at=row.created_at,
    )


def _replace_text(row: DocumentRow, imported: ImportedDocument) -> None:
    row.text = imported.text
    row.body = json.dumps(blocks_to_json(imported.blocks), ensure_ascii=False)
    row.original = imported.original
    row.sha256 = text_sha256(imported.text)
    row.format = imported.format
    row.origin = imported.origin or row.origin
    row.revision += 1
    row.created_at = utc_now()


def _apply(row: ClaimRow, anchor: Anchor | None, state: AnchorState) -> None:
    """Move a claim to its new place; an orphaned claim keeps its quote and context (and its
    old offsets, which no longer point into the text: views and exports skip them)."""
    row.anchor_state = state.value
    if anchor is not None:
        row.start, row.end, row.quote = anchor.start, anchor.end, anchor.quote
        row.prefix, row.suffix = anchor.prefix, anchor.suffix
    row.updated_at = utc_now()
