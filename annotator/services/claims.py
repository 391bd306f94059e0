"""Claims: creating them from a span or a quote, editing every field, verdicts, deleting and
restoring (for undo)."""

from __future__ import annotations

import json
import os
from dataclasses import replace

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from annotator.domain.body import blocks_from_json, figure_spans
from annotator.domain.checks import check_date, check_optional_url, check_text, clean_tags
from annotator.domain.model import AnchorState, Claim, ClaimEdit, ClaimStatus, Verdict
from annotator.domain.text import find_quote, make_anchor
from annotator.errors import AnchorError, NotFoundError, ValidationError
from annotator.services.common import get_row, new_id, utc_now
from annotator.storage.claim_reads import load_claims
from annotator.storage.database import Database
from annotator.storage.rows import (
    ClaimRow,
    DocumentRow,
    ProjectRow,
    RatingRow,
    SourceRow,
    claim_row,
    claim_source_row,
    source_row,
    to_claim,
)

__all__ = ["ClaimEdit", "ClaimService"]

Spans = tuple[tuple[int, int], ...]


class ClaimService:
    def __init__(self, database: Database) -> None:
        self._db = database
        self._texts: dict[str, tuple[str, str, Spans]] = {}
        self.app_checker = ""
        """The checker's name set for the whole app (settings); a project's own wins."""

    def checker_name(self) -> str:
        """Who signs new verdicts: the project's checker, else the app's, else the full name
        of the computer account ('' when none is known: the window then asks)."""
        with self._db.session() as session:
            return _checker(session, self.app_checker)

    def _text(self, session: Session, document_id: str) -> str:
        """A document's text, read once per version: the hash is looked up every time (a few
        bytes), the text (up to megabytes) only when it changed."""
        return self._version(session, document_id)[1]

    def _version(self, session: Session, document_id: str) -> tuple[str, str, Spans]:
        """(hash, text, figure spans) of a document's current version, cached by hash."""
        sha = session.scalar(select(DocumentRow.sha256).where(DocumentRow.id == document_id))
        if sha is None:
            raise NotFoundError(f"There is no document with id {document_id!r} in this project.")
        cached = self._texts.get(document_id)
        if cached is None or cached[0] != sha:
            text, body = session.execute(
                select(DocumentRow.text, DocumentRow.body).where(DocumentRow.id == document_id)
            ).one()
            spans = figure_spans(blocks_from_json(json.loads(body or "[]")))
            cached = self._texts[document_id] = (sha, text or "", tuple(spans))
        return cached

    def _outside_figures(self, session: Session, document_id: str, start: int, end: int) -> None:
        """Refuse a span that takes in an image's caption, credit or alt text: it is no
        claim of the article's text (DESIGN.md, "One text, two renderings")."""
        for low, high in self._version(session, document_id)[2]:
            if start < high and low < end:
                raise AnchorError(
                    "The selection takes in an image's caption or credit, which is not the "
                    "article's text; select only words of the article."
                )

    def add(self, document_id: str, start: int, end: int, edit: ClaimEdit | None = None) -> Claim:
        """Create a claim over ``text[start:end]`` of a document (code-point offsets)."""
        with self._db.session() as session:
            anchor = make_anchor(self._text(session, document_id), start, end)
            self._outside_figures(session, document_id, anchor.start, anchor.end)
            now = utc_now()
            claim = Claim(new_id(), document_id, anchor, created_at=now, updated_at=now)
            row = claim_row(replace(claim, number=take_claim_number(session)))
            _apply(row, edit or ClaimEdit())
            session.add(row)
            session.flush()
            return to_claim(row)

    def add_by_quote(
        self, document_id: str, quote: str, occurrence: int = 1, edit: ClaimEdit | None = None
    ) -> Claim:
        """Create a claim over the ``occurrence``-th appearance of ``quote`` in a document."""
        with self._db.session() as session:
            text = self._text(session, document_id)
        start, end = find_quote(text, quote, occurrence)
        return self.add(document_id, start, end, edit)

    def get(self, claim_id: str) -> Claim:
        with self._db.session() as session:
            found = load_claims(session, claim_ids=[claim_id])
        if not found:
            raise NotFoundError(f"There is no claim with id {claim_id!r} in this project.")
        return found[0]

    def all(self, document_id: str | None = None) -> list[Claim]:
        """Claims in article order (by document, then position), with their sources: two
        queries, whatever the number of claims (storage/claim_reads.py)."""
        with self._db.session() as session:
            return load_claims(session, document_id)

    def rated(self) -> dict[str, bool]:
        """Whether each claim of the project has a verdict, by claim id: one narrow query,
        from which the window keeps its claim counts up to date change by change."""
        with self._db.session() as session:
            rows = session.execute(select(ClaimRow.id, ClaimRow.rating.is_not(None)))
            return {claim_id: bool(rated) for claim_id, rated in rows}

    def update(self, claim_id: str, edit: ClaimEdit, *, updated_at: str | None = None) -> Claim:
        """Change claim fields; ``updated_at`` puts back a known time (undo and redo)."""
        with self._db.session() as session:
            row = get_row(session, ClaimRow, claim_id, "claim")
            _apply(row, edit)
            row.updated_at = updated_at or utc_now()
            session.flush()
            return to_claim(row)

    def set_verdict(
        self, claim_id: str, rating: str, rationale: str = "", rated_by: str | None = None
    ) -> Claim:
        """Rate a claim with a key of the project's scale."""
        rationale = check_text(rationale.strip(), "rationale")
        with self._db.session() as session:
            if session.scalar(select(RatingRow.key).where(RatingRow.key == rating)) is None:
                keys = ", ".join(
                    session.scalars(select(RatingRow.key).order_by(RatingRow.position))
                )
                raise NotFoundError(
                    f"{rating!r} is not a rating of this project's scale; use one of: {keys}."
                )
            signer = rated_by if rated_by is not None else _checker(session, self.app_checker)
            now = utc_now()
            # One UPDATE, no ORM load of the claim and its links before it.
            changed = session.execute(
                update(ClaimRow)
                .where(ClaimRow.id == claim_id)
                .values(
                    rating=rating,
                    rationale=rationale,
                    rated_by=signer,
                    rated_at=now,
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
            if not changed.rowcount:  # type: ignore[attr-defined]
                raise NotFoundError(f"There is no claim with id {claim_id!r} in this project.")
            return load_claims(session, claim_ids=[claim_id])[0]

    def restore_verdict(
        self, claim_id: str, verdict: Verdict | None, *, updated_at: str | None = None
    ) -> Claim:
        """Put back a verdict exactly as it was (undo), or clear it with ``None``."""
        with self._db.session() as session:
            row = get_row(session, ClaimRow, claim_id, "claim")
            if verdict is None:
                row.rating, row.rationale, row.rated_by, row.rated_at = None, "", "", ""
            else:
                if session.get(RatingRow, verdict.rating) is None:
                    raise NotFoundError(f"{verdict.rating!r} is no longer in the rating scale.")
                row.rating, row.rationale = verdict.rating, verdict.rationale
                row.rated_by, row.rated_at = verdict.rated_by, verdict.rated_at
            row.updated_at = updated_at or utc_now()
            session.flush()
            return to_claim(row)

    def move(self, claim_id: str, start: int, end: int) -> Claim:
        """Place a claim on ``text[start:end]`` (a reviewer confirming or fixing where a claim
        sits after a new revision); its anchor is then exact again."""
        with self._db.session() as session:
            row = get_row(session, ClaimRow, claim_id, "claim")
            anchor = make_anchor(self._text(session, row.document_id), start, end)
            self._outside_figures(session, row.document_id, anchor.start, anchor.end)
            row.start, row.end, row.quote = anchor.start, anchor.end, anchor.quote
            row.prefix, row.suffix = anchor.prefix, anchor.suffix
            row.anchor_state = AnchorState.EXACT.value
            row.updated_at = utc_now()
            session.flush()
            return to_claim(row)

    def restore_anchor(self, claim: Claim) -> Claim:
        """Put a claim's anchor and anchoring state back as in ``claim`` (undo of a move)."""
        with self._db.session() as session:
            row = get_row(session, ClaimRow, claim.id, "claim")
            anchor = claim.anchor
            row.start, row.end, row.quote = anchor.start, anchor.end, anchor.quote
            row.prefix, row.suffix = anchor.prefix, anchor.suffix
            row.anchor_state = claim.anchor_state.value
            row.updated_at = claim.updated_at
            session.flush()
            return to_claim(row)

    def set_anchor_state(self, claim_id: str, state: AnchorState) -> Claim:
        """Record how a claim was placed (exact, moved, fuzzy, orphaned)."""
        with self._db.session() as session:
            row = get_row(session, ClaimRow, claim_id, "claim")
            row.anchor_state = AnchorState(state).value
            session.flush()
            return to_claim(row)

    def clear_verdict(self, claim_id: str) -> Claim:
        return self.restore_verdict(claim_id, None)

    def delete(self, claim_id: str) -> Claim:
        """Delete a claim; returns its last snapshot (with sources), which ``restore`` takes."""
        with self._db.session() as session:
            row = get_row(session, ClaimRow, claim_id, "claim")
            snapshot = to_claim(row)
            session.delete(row)
            return snapshot

    def restore(self, claim: Claim) -> Claim:
        """Recreate a deleted claim exactly, with its id, verdict and source links."""
        with self._db.session() as session:
            if session.get(ClaimRow, claim.id) is not None:
                raise ValidationError(f"A claim with id {claim.id!r} already exists.")
            get_row(session, DocumentRow, claim.document_id, "document")
            row = claim_row(claim)
            if not row.number:
                row.number = take_claim_number(session)
            session.add(row)
            for position, link in enumerate(claim.sources):
                if session.get(SourceRow, link.source.id) is None:
                    session.add(source_row(link.source, utc_now()))
                session.add(claim_source_row(claim.id, link, position))
            session.flush()
            session.refresh(row)
            return to_claim(row)


def take_claim_number(session: Session) -> int:
    """The next claim number of the project, used up: the counter only grows, so a deleted
    claim's number is never given to another claim."""
    project = session.get(ProjectRow, 1)
    assert project is not None, "every project file has its settings row"
    number = project.next_claim_number
    project.next_claim_number = number + 1
    return number


def _apply(row: ClaimRow, edit: ClaimEdit) -> None:
    if edit.summary is not None:
        row.summary = check_text(edit.summary.strip(), "summary", 2000)
    if edit.status is not None:
        row.status = ClaimStatus(edit.status).value
    if edit.tags is not None:
        row.tags = json.dumps(list(clean_tags(edit.tags)), ensure_ascii=False)
    if edit.notes is not None:
        row.notes = check_text(edit.notes, "notes")
    if edit.claimant is not None:
        row.claimant_name = check_text(edit.claimant.name.strip(), "claimant name", 500)
        row.claimant_role = check_text(edit.claimant.role.strip(), "claimant role", 500)
        row.claimant_url = check_optional_url(edit.claimant.url, "claimant link")
    if edit.claim_date is not None:
        row.claim_date = check_date(edit.claim_date, "claim date")


def _checker(session: Session, app_checker: str) -> str:
    checker = session.scalar(select(ProjectRow.checker).where(ProjectRow.id == 1))
    return checker or app_checker.strip() or account_name()


def account_name() -> str:
    """Who rates when the project names no checker: the full name the system records for this
    computer account, if it has one. A bare login name ("root", "jdoe") is not a name to
    publish in a report, so without a full name verdicts stay unsigned until the checker's
    name is set in the project."""
    try:
        import pwd  # POSIX only

        account = pwd.getpwuid(os.getuid())
    except (ImportError, KeyError, OSError):
        return ""
    full_name = account.pw_gecos.split(",")[0].strip()
    return "" if full_name.casefold() == account.pw_name.casefold() else full_name
