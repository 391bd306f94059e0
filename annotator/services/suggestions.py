"""Claim suggestions of a document, and the dismissals that keep a sentence from being
suggested again (remembered per document, across reopening and new revisions)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select

from annotator.domain.checkworthy import CheckworthyModel, default_model
from annotator.domain.model import AnchorState
from annotator.domain.suggestions import Suggestion, dismissal_key, rank_suggestions
from annotator.errors import ValidationError
from annotator.services.common import get_row, utc_now
from annotator.storage.database import Database
from annotator.storage.rows import ClaimRow, DismissalRow, DocumentRow

__all__ = ["SuggestionInputs", "SuggestionService"]


@dataclass(frozen=True)
class SuggestionInputs:
    """What ranking a document's suggestions needs, read from the project in one go, so the
    ranking itself (pure work) can run off the UI thread."""

    document_id: str
    text: str
    covered: tuple[tuple[int, int], ...]
    dismissed: frozenset[str]

    def rank(self, model: CheckworthyModel, top: int | None = None) -> list[Suggestion]:
        return rank_suggestions(
            self.text, model, covered=self.covered, dismissed=self.dismissed, top=top
        )


class SuggestionService:
    def __init__(
        self, database: Database, model: Callable[[], CheckworthyModel] = default_model
    ) -> None:
        self._db = database
        self._model = model

    def inputs(self, document_id: str) -> SuggestionInputs:
        """The document's text, the spans its claims cover and its dismissed sentences."""
        with self._db.session() as session:
            document = get_row(session, DocumentRow, document_id, "document")
            covered = session.execute(
                select(ClaimRow.start, ClaimRow.end).where(
                    ClaimRow.document_id == document_id,
                    ClaimRow.anchor_state != AnchorState.ORPHANED.value,
                )
            ).all()
            dismissed = session.scalars(
                select(DismissalRow.sentence).where(DismissalRow.document_id == document_id)
            )
            return SuggestionInputs(
                document_id,
                document.text,
                tuple((start, end) for start, end in covered),
                frozenset(dismissed),
            )

    def suggest(self, document_id: str, top: int | None = None) -> list[Suggestion]:
        """The ``top`` most check-worthy sentences not yet claimed or dismissed, best first
        (default: 10 per 1,000 words)."""
        if top is not None and top < 1:
            raise ValidationError(f"Ask for at least one suggestion, not {top}.")
        return self.inputs(document_id).rank(self._model(), top)

    def dismiss(self, document_id: str, sentence: str) -> str:
        """Stop suggesting ``sentence`` in the document; returns the key remembered."""
        key = dismissal_key(sentence)
        if not key:
            raise ValidationError("There is no sentence to dismiss.")
        with self._db.session() as session:
            get_row(session, DocumentRow, document_id, "document")
            exists = session.scalar(
                select(DismissalRow.id).where(
                    DismissalRow.document_id == document_id, DismissalRow.sentence == key
                )
            )
            if exists is None:
                session.add(
                    DismissalRow(document_id=document_id, sentence=key, created_at=utc_now())
                )
        return key

    def undismiss(self, document_id: str, sentence: str) -> str:
        """Suggest ``sentence`` again (undoing a dismissal); returns its key."""
        key = dismissal_key(sentence)
        with self._db.session() as session:
            session.execute(
                delete(DismissalRow).where(
                    DismissalRow.document_id == document_id, DismissalRow.sentence == key
                )
            )
        return key

    def dismissed(self, document_id: str) -> frozenset[str]:
        with self._db.session() as session:
            rows = session.scalars(
                select(DismissalRow.sentence).where(DismissalRow.document_id == document_id)
            )
            return frozenset(rows)
