"""The claim library's use cases: importing fact-check feeds, adding projects' verdicts,
keeping them up to date as verdicts change, removing a source, and counting.

Every call that writes reads everything first and then stores it in one transaction: a bad
feed or project among several leaves the library as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType

from annotator.domain.library import (
    LibraryEntry,
    LibrarySource,
    SourceKind,
    feed_key,
    project_key,
)
from annotator.domain.model import Claim, ProjectInfo
from annotator.errors import LibraryError
from annotator.paths import library_path
from annotator.services.common import utc_now
from annotator.services.workspace import Workspace
from annotator.storage.library_db import LibraryDatabase

__all__ = ["ClaimLibrary", "ImportSummary", "feed_key", "project_entries"]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What one feed or project brought to the library."""

    source: str
    added: int
    updated: int
    skipped: tuple[str, ...] = ()


class ClaimLibrary:
    """An open claim library. Close it (or use ``with``) when done."""

    def __init__(self, database: LibraryDatabase) -> None:
        self.database = database

    @classmethod
    def open(cls, path: Path | None = None, *, create: bool = True) -> ClaimLibrary:
        """The library at ``path``, else the user's; created on first use unless ``create``
        is false (reading commands: a mistyped path is not a new, empty library)."""
        path = path or library_path()
        if not create and not path.exists():
            raise LibraryError(
                f"There is no claim library at {path}; `annotator library import FEED` or "
                "`annotator library add PROJECT` creates it."
            )
        return cls(LibraryDatabase.open(path))

    @property
    def path(self) -> Path:
        return self.database.path

    def import_feeds(
        self, paths: Sequence[Path], *, skip_invalid: bool = False
    ) -> list[ImportSummary]:
        """Import ClaimReview feeds; a review already in the library (same identifier, or
        same URL and claim) is updated in place."""
        # The feed reader (and pydantic) load with the first import, not with the window.
        from annotator.formats.claimreview_feed import read_feed

        feeds = []
        for path in paths:
            feeds.append((path, read_feed(path, skip_invalid=skip_invalid)))
        names = [path.name for path, _ in feeds]
        if len(set(names)) != len(names):
            raise LibraryError(
                "Two of the feeds have the same file name, which names a feed in the library; "
                "rename one of them."
            )
        batches = [
            (path.name, SourceKind.FEED, str(path.resolve()), feed.entries) for path, feed in feeds
        ]
        stored = self._store(batches, clear=False)
        return [
            replace(summary, skipped=feed.skipped)
            for summary, (_, feed) in zip(stored, feeds, strict=True)
        ]

    def add_projects(self, paths: Sequence[Path]) -> list[ImportSummary]:
        """Add every claim with a verdict of these projects, replacing what the library held
        of them (a claim since unrated or deleted leaves)."""
        batches = []
        for path in paths:
            with Workspace.open(path, read_only=True) as workspace:
                entries = project_entries(
                    workspace.path, workspace.project.info(), workspace.claims.all()
                )
            name = project_source_name(path)
            batches.append((name, SourceKind.PROJECT, name, tuple(entries)))
        return self._store(batches, clear=True)

    def sync_claims(
        self, project: Path, info: ProjectInfo, claims: Iterable[Claim], removed: Iterable[str] = ()
    ) -> None:
        """Keep a project's entries up to date after an edit: a claim with a verdict is
        (re)stored, one without it, or removed from the project (``removed`` ids), leaves."""
        name = project_source_name(project)
        claims = list(claims)
        rated = project_entries(project, info, [c for c in claims if c.verdict is not None])
        gone = [project_key(c.id) for c in claims if c.verdict is None]
        gone += [project_key(claim_id) for claim_id in removed]
        with self.database.transaction() as db:
            source_id = self.database.source_id(db, name, SourceKind.PROJECT, name, utc_now())
            self.database.delete_keys(db, gone)
            self.database.upsert(db, source_id, rated)

    def _store(
        self,
        batches: list[tuple[str, SourceKind, str, tuple[LibraryEntry, ...]]],
        *,
        clear: bool,
    ) -> list[ImportSummary]:
        summaries = []
        with self.database.transaction() as db:
            now = utc_now()
            for name, kind, location, entries in batches:
                source_id = self.database.source_id(db, name, kind, location, now)
                if clear:
                    before = {e.key for e in self.database.entries_of(name)}
                    self.database.clear_source(db, source_id)
                    known = len(before & {e.key for e in entries})
                    self.database.upsert(db, source_id, entries)
                else:
                    known = self.database.upsert(db, source_id, entries)
                summaries.append(ImportSummary(name, len(entries) - known, known))
        return summaries

    def remove(self, source: str) -> int:
        """Remove a feed or project (by its name, or a project's path) and its entries."""
        names = {s.name for s in self.sources()}
        name = source if source in names else project_source_name(Path(source))
        removed = self.database.delete_source(name)
        if removed < 0:
            known = ", ".join(sorted(names)) or "none yet"
            raise LibraryError(
                f"The library has no source named {source!r} (its sources: {known}); "
                "`annotator library stats` lists them."
            )
        return removed

    def sources(self) -> list[LibrarySource]:
        return self.database.sources()

    def count(self) -> int:
        return self.database.count()

    def entries_of(self, source: str) -> list[LibraryEntry]:
        return self.database.entries_of(source)

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> ClaimLibrary:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def project_source_name(path: Path) -> str:
    """A project is named in the library by its full path (two projects may share a name)."""
    return str(path.expanduser().resolve())


def project_entries(
    project: Path, info: ProjectInfo, claims: Iterable[Claim]
) -> list[LibraryEntry]:
    """The library entries of a project's rated claims: the quote as the claim, the checker's
    summary as the title, the rating's label and number, the publisher as the outlet."""
    entries = []
    # Once per project, not per claim: resolving the path touches the file system.
    name = project_source_name(project)
    numbers = [r.value for r in info.scale if r.value is not None]
    for claim in claims:
        if claim.verdict is None:
            continue
        rating = info.rating(claim.verdict.rating)
        entries.append(
            LibraryEntry(
                key=project_key(claim.id),
                claim=" ".join(claim.quote.split()),
                title=claim.summary,
                verdict=rating.label if rating else claim.verdict.rating,
                rating=rating.value if rating else None,
                best_rating=max(numbers)
                if numbers and rating and rating.value is not None
                else None,
                worst_rating=min(numbers)
                if numbers and rating and rating.value is not None
                else None,
                outlet=info.publisher.name or info.title,
                url=info.publisher.review_url,
                claimant=claim.claimant.name,
                claim_date=claim.claim_date,
                review_date=claim.verdict.rated_at,
                project=name,
                claim_id=claim.id,
                source=name,
            )
        )
    return entries
