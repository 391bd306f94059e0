"""The status bar's claim counts, kept up to date change by change: a claim added, rated or
removed costs a dictionary update, not a count over the whole project (issue 10, P2)."""

from __future__ import annotations

from annotator.domain.model import Claim


class ClaimTally:
    """How many claims the project has and how many are rated."""

    def __init__(self, rated: dict[str, bool]) -> None:
        self._rated = dict(rated)
        self._count = sum(self._rated.values())

    @property
    def claims(self) -> int:
        return len(self._rated)

    @property
    def rated(self) -> int:
        return self._count

    def changed(self, claim: Claim) -> None:
        """A claim was added or edited."""
        now = claim.verdict is not None
        self._count += now - self._rated.get(claim.id, False)
        self._rated[claim.id] = now

    def removed(self, claim_id: str) -> None:
        self._count -= self._rated.pop(claim_id, False)
