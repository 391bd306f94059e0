"""Sources (evidence reusable across claims) and the links that attach them to claims."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annotator.domain.checks import check_date, check_text, check_url
from annotator.domain.model import Claim, RemovedLink, Source, SourceLink, Stance
from annotator.errors import ValidationError
from annotator.services.common import get_row, new_id, today, utc_now
from annotator.storage.claim_reads import SOURCE_COLUMNS
from annotator.storage.database import Database
from annotator.storage.rows import (
    ClaimRow,
    ClaimSourceRow,
    SourceRow,
    claim_source_row,
    source_row,
    to_claim,
    to_source,
)
from annotator.storage.snapshot_rows import SnapshotRow

__all__ = ["RemovedLink", "SourceService"]


class SourceService:
    def __init__(self, database: Database) -> None:
        self._db = database

    def add(self, source: Source) -> Source:
        """Add a source to the project; an empty id gets a new one, an empty accessed date
        becomes today."""
        source = _checked(source)
        source = replace(source, id=source.id or new_id(), accessed=source.accessed or today())
        with self._db.session() as session:
            if session.get(SourceRow, source.id) is not None:
                raise ValidationError(f"A source with id {source.id!r} already exists.")
            row = source_row(source, utc_now())
            session.add(row)
            return to_source(row)

    def update(self, source: Source) -> Source:
        """Change a source's fields (every claim citing it sees the change)."""
        source = _checked(source)
        with self._db.session() as session:
            row = get_row(session, SourceRow, source.id, "source")
            row.url, row.title, row.publisher = source.url, source.title, source.publisher
            row.author, row.published, row.accessed = (
                source.author,
                source.published,
                source.accessed,
            )
            row.type = source.type or "webpage"
            return to_source(row)

    def get(self, source_id: str) -> Source:
        with self._db.session() as session:
            return to_source(get_row(session, SourceRow, source_id, "source"))

    def all(self) -> list[Source]:
        """Every source, by title: one Core query, no ORM objects."""
        with self._db.session() as session:
            rows = session.execute(
                select(*SOURCE_COLUMNS).order_by(
                    func.lower(SourceRow.title), SourceRow.url, SourceRow.id
                )
            )
            return [Source(*row) for row in rows]

    def delete(self, source_id: str) -> tuple[Source, list[RemovedLink]]:
        """Delete a source and its links; returns both so that undo can restore them. A source
        with snapshots is refused: its evidence could not be restored."""
        with self._db.session() as session:
            row = get_row(session, SourceRow, source_id, "source")
            kept = session.scalar(
                select(func.count()).select_from(SnapshotRow).where(SnapshotRow.source_id == row.id)
            )
            if kept:
                raise ValidationError(
                    f"The source {row.url} keeps {kept} snapshot{'s' if kept > 1 else ''} as "
                    "evidence, so it stays in the project (its evidence could not be brought "
                    "back)."
                )
            links = session.scalars(
                select(ClaimSourceRow).where(ClaimSourceRow.source_id == source_id)
            ).all()
            removed = [
                RemovedLink(
                    link.claim_id,
                    SourceLink(to_source(row), Stance(link.stance), link.excerpt),
                    link.position,
                )
                for link in links
            ]
            snapshot = to_source(row)
            session.delete(row)
            return snapshot, removed

    def restore(self, source: Source, links: list[RemovedLink]) -> Source:
        with self._db.session() as session:
            session.add(source_row(source, utc_now()))
            session.flush()
            for removed in links:
                _insert_link(session, removed.claim_id, removed.link, removed.position)
            return source

    def cite(
        self, claim_id: str, source: Source, stance: Stance, excerpt: str = ""
    ) -> tuple[Source, bool]:
        """Attach a source to a claim in one transaction: the project's source with the same
        URL when there is one, else ``source`` as a new one. Returns the source cited and
        whether it is new. Nothing is stored on failure."""
        checked = _checked(source)
        excerpt = check_text(excerpt, "excerpt", 20_000)
        with self._db.session() as session:
            get_row(session, ClaimRow, claim_id, "claim")
            row = session.scalars(select(SourceRow).where(SourceRow.url == checked.url)).first()
            created = row is None
            if row is None:
                row = source_row(
                    replace(checked, id=new_id(), accessed=checked.accessed or today()), utc_now()
                )
                session.add(row)
                session.flush()
            if session.get(ClaimSourceRow, (claim_id, row.id)) is not None:
                raise ValidationError(f"The claim already cites {row.url}.")
            _insert_link(session, claim_id, SourceLink(to_source(row), stance, excerpt), None)
            return to_source(row), created

    def link(
        self,
        claim_id: str,
        source_id: str,
        stance: Stance = Stance.CONTEXT,
        excerpt: str = "",
        position: int | None = None,
    ) -> Claim:
        """Attach a project source to a claim (at the end, or at ``position``)."""
        with self._db.session() as session:
            claim = get_row(session, ClaimRow, claim_id, "claim")
            source = get_row(session, SourceRow, source_id, "source")
            if session.get(ClaimSourceRow, (claim_id, source_id)) is not None:
                raise ValidationError(f"The claim already cites {source.url}.")
            link = SourceLink(
                to_source(source), Stance(stance), check_text(excerpt, "excerpt", 20_000)
            )
            _insert_link(session, claim_id, link, position)
            session.flush()
            session.refresh(claim)
            return to_claim(claim)

    def update_link(self, claim_id: str, source_id: str, stance: Stance, excerpt: str) -> Claim:
        with self._db.session() as session:
            link = session.get(ClaimSourceRow, (claim_id, source_id))
            if link is None:
                raise ValidationError("That source is not attached to the claim.")
            link.stance = Stance(stance).value
            link.excerpt = check_text(excerpt, "excerpt", 20_000)
            session.flush()
            claim = get_row(session, ClaimRow, claim_id, "claim")
            session.refresh(claim)
            return to_claim(claim)

    def unlink(self, claim_id: str, source_id: str) -> tuple[Claim, RemovedLink]:
        """Detach a source from a claim (the source stays in the project)."""
        with self._db.session() as session:
            link = session.get(ClaimSourceRow, (claim_id, source_id))
            if link is None:
                raise ValidationError("That source is not attached to the claim.")
            removed = RemovedLink(
                claim_id,
                SourceLink(to_source(link.source), Stance(link.stance), link.excerpt),
                link.position,
            )
            session.delete(link)
            session.flush()
            claim = get_row(session, ClaimRow, claim_id, "claim")
            session.refresh(claim)
            return to_claim(claim), removed


def _insert_link(session: Session, claim_id: str, link: SourceLink, position: int | None) -> None:
    """Insert a link at ``position`` (shifting later ones) or after the last one."""
    rows = session.scalars(
        select(ClaimSourceRow)
        .where(ClaimSourceRow.claim_id == claim_id)
        .order_by(ClaimSourceRow.position)
    ).all()
    if position is None or position >= len(rows):
        position = len(rows)
    for index, row in enumerate(rows):
        row.position = index + 1 if index >= position else index
    session.add(claim_source_row(claim_id, link, position))


def _checked(source: Source) -> Source:
    return replace(
        source,
        url=check_url(source.url),
        title=check_text(source.title.strip(), "source title", 2000),
        publisher=check_text(source.publisher.strip(), "publisher", 1000),
        author=check_text(source.author.strip(), "author", 1000),
        published=check_date(source.published, "published date"),
        accessed=check_date(source.accessed, "accessed date"),
    )
