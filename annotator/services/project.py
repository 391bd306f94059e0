"""Project settings, the rating scale, and statistics."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annotator.domain.checks import check_optional_url, check_text
from annotator.domain.model import (
    ClaimStatus,
    ExportOptions,
    ProjectInfo,
    Publisher,
    Rating,
    Statistics,
)
from annotator.domain.ratings import validate_scale
from annotator.errors import ValidationError
from annotator.storage.database import Database
from annotator.storage.rows import (
    ClaimRow,
    DocumentRow,
    ProjectRow,
    RatingRow,
    SourceRow,
    rating_row,
    to_project,
)


class ProjectService:
    def __init__(self, database: Database) -> None:
        self._db = database

    def info(self) -> ProjectInfo:
        with self._db.session() as session:
            return to_project(_project_row(session), list(session.scalars(select(RatingRow))))

    def set_title(self, title: str) -> ProjectInfo:
        title = check_text(title.strip(), "project title", 500)
        if not title:
            raise ValidationError("The project title cannot be empty.")
        with self._db.session() as session:
            _project_row(session).title = title
        return self.info()

    def set_checker(self, name: str) -> ProjectInfo:
        """The name recorded as ``rated_by`` on new verdicts."""
        with self._db.session() as session:
            _project_row(session).checker = check_text(name.strip(), "checker name", 200)
        return self.info()

    def set_publisher(self, publisher: Publisher) -> ProjectInfo:
        """The organisation named as author of ClaimReview exports."""
        with self._db.session() as session:
            row = _project_row(session)
            row.publisher_name = check_text(publisher.name.strip(), "publisher name", 500)
            row.publisher_url = check_optional_url(publisher.url, "publisher URL")
            row.publisher_logo = check_optional_url(publisher.logo, "publisher logo URL")
            row.review_url = check_optional_url(publisher.review_url, "review URL")
        return self.info()

    def update(
        self,
        *,
        title: str | None = None,
        checker: str | None = None,
        publisher: Publisher | None = None,
    ) -> ProjectInfo:
        """Change the settings given (None: left as it is) in one transaction, each checked as
        its own setter checks it: all are stored, or, when one is refused, none."""
        with self._db.session():
            if title is not None:
                self.set_title(title)
            if checker is not None:
                self.set_checker(checker)
            if publisher is not None:
                self.set_publisher(publisher)
            return self.info()

    def set_scale(self, scale: tuple[Rating, ...]) -> ProjectInfo:
        """Replace the rating scale. A rating still used by a verdict cannot be removed."""
        validate_scale(scale)
        with self._db.session() as session:
            used = set(session.scalars(select(ClaimRow.rating).where(ClaimRow.rating.is_not(None))))
            missing = sorted(k for k in used if k is not None and k not in {r.key for r in scale})
            if missing:
                raise ValidationError(
                    f"The rating {missing[0]!r} is still the verdict of some claims; change "
                    "those verdicts before removing it from the scale."
                )
            existing = {row.key: row for row in session.scalars(select(RatingRow))}
            for position, rating in enumerate(scale):
                existing.pop(rating.key, None)
                clean = Rating(rating.key, rating.label.strip(), rating.color.lower(), rating.value)
                session.merge(rating_row(clean, position))
            for row in existing.values():
                session.delete(row)
        return self.info()

    def export_options(self) -> ExportOptions:
        """The export choices last made in this project (defaults: everything)."""
        with self._db.session() as session:
            saved = _options(_project_row(session)).get("export", {})
        defaults = ExportOptions()
        return ExportOptions(
            include_drafts=_flag(saved, "include_drafts", defaults.include_drafts),
            only_with_claims=_flag(saved, "only_with_claims", defaults.only_with_claims),
        )

    def set_export_options(self, options: ExportOptions) -> ExportOptions:
        """Remember the export choices for the next export of this project."""
        with self._db.session() as session:
            row = _project_row(session)
            stored = _options(row)
            stored["export"] = {
                "include_drafts": options.include_drafts,
                "only_with_claims": options.only_with_claims,
            }
            row.options = json.dumps(stored, sort_keys=True)
        return self.export_options()

    def statistics(self) -> Statistics:
        """Counts over the project, aggregated by SQLite (GROUP BY), not in Python."""
        with self._db.session() as session:
            grouped = session.execute(
                select(
                    ClaimRow.rating, ClaimRow.status, ClaimRow.anchor_state, func.count()
                ).group_by(ClaimRow.rating, ClaimRow.status, ClaimRow.anchor_state)
            ).all()
            ratings = list(session.scalars(select(RatingRow.key).order_by(RatingRow.position)))
            documents = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
            sources = session.scalar(select(func.count()).select_from(SourceRow)) or 0
        by_rating: Counter[str] = Counter()
        by_status: Counter[str] = Counter()
        unrated = needs_review = total = 0
        for rating, status, state, count in grouped:
            total += count
            by_status[status] += count
            if rating:
                by_rating[rating] += count
            else:
                unrated += count
            if state in ("fuzzy", "orphaned"):
                needs_review += count
        return Statistics(
            documents=documents,
            claims=total,
            sources=sources,
            by_rating=tuple((key, by_rating.get(key, 0)) for key in ratings),
            unrated=unrated,
            by_status=tuple((s.value, by_status.get(s.value, 0)) for s in ClaimStatus),
            needs_review=needs_review,
        )

    def claim_counts(self) -> tuple[int, int]:
        """(claims, rated claims) of the whole project, in one aggregate query: what the
        status bar shows, without the rest of ``statistics``."""
        with self._db.session() as session:
            total, rated = session.execute(select(func.count(), func.count(ClaimRow.rating))).one()
        return int(total), int(rated)


def _options(row: ProjectRow) -> dict[str, Any]:
    """The project's stored preferences; a damaged value is read as none (they are only
    preferences: the project's work is elsewhere)."""
    try:
        value = json.loads(row.options or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _flag(saved: Any, key: str, default: bool) -> bool:
    value = saved.get(key) if isinstance(saved, dict) else None
    return value if isinstance(value, bool) else default


def _project_row(session: Session) -> ProjectRow:
    row = session.get(ProjectRow, 1)
    assert row is not None, "every project file has its settings row"
    return row
