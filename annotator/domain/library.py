"""The claim library's values: an entry (a claim someone already checked, with its verdict and
where it came from), a source of entries (a fact-check feed or a project), and a match.

The library answers "has this been checked before?": its entries come from the verdicts of the
user's own projects and from ClaimReview feeds that outlets publish (DESIGN.md, claim library).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class SourceKind(enum.StrEnum):
    """Where a library entry came from."""

    FEED = "feed"
    PROJECT = "project"


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """A checked claim: the claim, the verdict, who checked it and where it came from.

    ``key`` makes an entry unique in the library: a feed's ``identifier`` when it gives one,
    else its review URL and the claim (so re-importing a feed updates rather than duplicates);
    ``project:<claim id>`` for a project's claim.
    """

    key: str
    claim: str
    title: str = ""
    verdict: str = ""
    rating: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    outlet: str = ""
    url: str = ""
    identifier: str = ""
    claimant: str = ""
    claim_date: str = ""
    review_date: str = ""
    project: str = ""  # the project file, for an entry from a project
    claim_id: str = ""  # the claim in that project
    source: str = ""  # the name of the feed or project it came from
    id: int = 0  # the row id in the library, 0 until stored

    @property
    def reference(self) -> str:
        """How a run file names the entry: the feed's identifier if given, else its URL."""
        return self.identifier or self.url or self.key

    @property
    def text(self) -> str:
        """What the entry says, for matching: the claim and the review's title."""
        return f"{self.claim}\n{self.title}" if self.title else self.claim


def feed_key(identifier: str, url: str, claim: str) -> str:
    """The key of a feed's review: its identifier, else its URL with its claim (one review
    page may check several claims)."""
    if identifier:
        return f"id:{identifier}"
    return f"url:{url}\n{' '.join(claim.split())}"


def project_key(claim_id: str) -> str:
    return f"project:{claim_id}"


@dataclass(frozen=True, slots=True)
class LibrarySource:
    """A feed or project the library holds entries from."""

    name: str
    kind: SourceKind
    location: str
    entries: int
    updated_at: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """A library entry found for a text: its score (the ranking's order) and a similarity
    between 0 and 1 to show the user."""

    entry: LibraryEntry
    score: float
    similarity: float
