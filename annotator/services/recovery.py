"""What the window needs to recover a project: whether a file can be written, a quick look for
damage without writing to it, and what a backup would change if it were restored.

Everything here opens projects read-only, on a connection of its own, so it may run while the
project is open in the window and off the UI thread.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotator.domain.model import Claim, DocumentInfo
from annotator.errors import ProjectDamagedError
from annotator.services.integrity import project_problems
from annotator.services.workspace import Workspace

_SHOWN = 5  # differing claims named in a preview


def writable(path: Path) -> bool:
    """Whether ``path`` can be opened for editing: the file and its folder may be written (a
    read-only mount, an immutable file or a write-protected folder cannot)."""
    real = Path(os.path.realpath(path))
    return os.access(real, os.W_OK) and os.access(real.parent, os.W_OK)


def quick_problems(path: Path) -> list[str]:
    """The damage the quick check on open finds in ``path`` (opened read-only; nothing is
    written). Raises ProjectError when the file cannot be read as a project at all."""
    with Workspace.open(path, read_only=True) as workspace:
        return project_problems(workspace.database, quick=True)


def backup_problems(path: Path) -> list[str]:
    """What ``annotator check`` finds in a backup (the restore refuses one with problems)."""
    try:
        with Workspace.open(path, read_only=True) as workspace:
            return project_problems(workspace.database)
    except ProjectDamagedError as exc:
        return [exc.detail]


@dataclass(frozen=True, slots=True)
class Counts:
    """How many things were added, removed and changed since a backup."""

    added: int = 0
    removed: int = 0
    changed: int = 0

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True, slots=True)
class BackupDifference:
    """The project now compared with one backup of it (what a restore would undo)."""

    claims: Counts
    verdicts: Counts
    documents: Counts
    examples: list[str] = field(default_factory=list)
    """The first few differing claims, as "added: “quote”" lines."""

    @property
    def same(self) -> bool:
        return not (self.claims or self.verdicts or self.documents)


def compare_with_backup(project: Path, backup: Path) -> BackupDifference:
    """What changed in ``project`` since ``backup`` was made. Raises ProjectError when either
    cannot be read."""
    with Workspace.open(project, read_only=True) as now:
        claims_now, documents_now = _claims(now), _documents(now)
    with Workspace.open(backup, read_only=True) as then:
        claims_then, documents_then = _claims(then), _documents(then)
    claims, examples = _claim_counts(claims_now, claims_then)
    return BackupDifference(
        claims=claims,
        verdicts=_verdict_counts(claims_now, claims_then),
        documents=_counts(documents_now, documents_then),
        examples=examples,
    )


def _claims(workspace: Workspace) -> dict[str, Claim]:
    return {claim.id: claim for claim in workspace.claims.all()}


def _documents(workspace: Workspace) -> dict[str, tuple[str, int, str]]:
    infos: list[DocumentInfo] = workspace.documents.all()
    texts = {info.id: workspace.documents.get(info.id).text for info in infos}
    return {info.id: (info.title, info.revision, texts[info.id]) for info in infos}


def _counts(now: Mapping[str, object], then: Mapping[str, object]) -> Counts:
    return Counts(
        added=len(now.keys() - then.keys()),
        removed=len(then.keys() - now.keys()),
        changed=sum(1 for key in now.keys() & then.keys() if now[key] != then[key]),
    )


def _claim_counts(now: dict[str, Claim], then: dict[str, Claim]) -> tuple[Counts, list[str]]:
    # ``updated_at`` changes with every edit; the content decides whether a claim changed.
    def content(claim: Claim) -> object:
        return (claim.anchor, claim.summary, claim.status, claim.tags, claim.notes,
                claim.claimant, claim.claim_date, claim.verdict, claim.sources)  # fmt: skip

    examples: list[str] = []
    for key in sorted(now.keys() | then.keys(), key=lambda k: _order(now.get(k) or then[k])):
        if key not in then:
            examples.append(f"added since: “{_short(now[key].quote)}”")
        elif key not in now:
            examples.append(f"deleted since: “{_short(then[key].quote)}”")
        elif content(now[key]) != content(then[key]):
            examples.append(f"changed since: “{_short(now[key].quote)}”")
    counts = _counts(
        {k: content(c) for k, c in now.items()}, {k: content(c) for k, c in then.items()}
    )
    return counts, examples[:_SHOWN]


def _verdict_counts(now: dict[str, Claim], then: dict[str, Claim]) -> Counts:
    verdicts_now = {k: c.verdict for k, c in now.items() if c.verdict is not None}
    verdicts_then = {k: c.verdict for k, c in then.items() if c.verdict is not None}
    return _counts(verdicts_now, verdicts_then)


def _order(claim: Claim) -> tuple[str, int]:
    return claim.document_id, claim.start


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
