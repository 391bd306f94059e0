"""Undo commands: every edit in the window is one of these; each step is an edit of the
services (a ``Done`` value saying what changed) applied through the project session.

A command runs once through ``execute()`` before it is pushed, so a refused edit raises an
AnnotatorError where the window can show it and nothing reaches the undo stack; the stack's
first ``redo()`` (on push) is then skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from annotator.domain.changes import Changes, Done, claim_edited, claim_removed, project_edited
from annotator.domain.model import (
    Claim,
    ClaimEdit,
    ProjectInfo,
    RemovedLink,
    Source,
    SourceLink,
    Stance,
    Verdict,
)
from annotator.domain.snapshot import ExcerptOrigin
from annotator.services import changes
from annotator.ui.session import ProjectSession

if TYPE_CHECKING:
    from annotator.services import Workspace


class ServiceCommand(QUndoCommand):
    """Base of the commands: subclasses define ``_do`` (the edit) and ``_undo``, and
    ``_redo`` when doing it again differs from the first time (same ids, same timestamps).

    Doing, undoing and redoing are each one transaction, even when they make several service
    calls (a new source and its link): a refused or failed step leaves nothing half-done and
    nothing changed on screen. An undo or redo that fails (a full disk, a file made read-only)
    takes the step off the stack, since the stack can no longer say what the file holds, and
    the session reports the failure. ``claim_id`` (and ``document_id`` where known) name what
    a step is about, so the window can show it when the step is undone or redone.
    """

    _do: Callable[[], None]
    _undo: Callable[[], None]

    def __init__(self, session: ProjectSession, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.claim_id = ""  # set by the steps that concern one claim
        self.document_id = ""
        self._pushed = False

    def execute(self) -> ServiceCommand:
        with self.session.transaction():
            self._do()
        return self

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._replay(self._redo, "Redo", "Redone")

    def undo(self) -> None:
        self._replay(self._undo, "Undo", "Undone")

    def _redo(self) -> None:
        self._do()

    def _replay(self, step: Callable[[], None], verb: str, done: str) -> None:
        what = f"{done}: {self.text().lower()}."
        about = (self.claim_id, self.document_id)
        if not self.session.replay(step, done=what, failed=f"{verb} failed", about=about):
            self.setObsolete(True)


class AddClaimCommand(ServiceCommand):
    def __init__(self, session: ProjectSession, document_id: str, start: int, end: int) -> None:
        super().__init__(session, "Add claim")
        self.document_id, self.start, self.end = document_id, start, end
        self.claim: Claim | None = None

    def _do(self) -> None:
        self.claim = self.session.apply(
            lambda w: claim_edited(w.claims.add(self.document_id, self.start, self.end))
        )
        self.claim_id = self.claim.id

    def _redo(self) -> None:
        claim = self.claim
        assert claim is not None
        self.claim = self.session.apply(lambda w: claim_edited(w.claims.restore(claim)))

    def _undo(self) -> None:
        claim = self.claim
        assert claim is not None
        self.claim = self.session.apply(lambda w: claim_removed(w.claims.delete(claim.id)))


class DismissSuggestionCommand(ServiceCommand):
    """Stops suggesting a sentence as a claim in an article (remembered in the project)."""

    def __init__(self, session: ProjectSession, document_id: str, sentence: str) -> None:
        super().__init__(session, "Dismiss suggestion")
        self.document_id, self.sentence = document_id, sentence

    def _do(self) -> None:
        self.session.apply(
            lambda w: Done(w.suggestions.dismiss(self.document_id, self.sentence), Changes())
        )

    def _undo(self) -> None:
        self.session.apply(
            lambda w: Done(w.suggestions.undismiss(self.document_id, self.sentence), Changes())
        )


class MoveClaimCommand(ServiceCommand):
    """Places a claim on new text (after a revision left it fuzzy or orphaned)."""

    def __init__(self, session: ProjectSession, claim: Claim, start: int, end: int) -> None:
        super().__init__(session, "Move claim")
        self.before, self.claim_id = claim, claim.id
        self.start, self.end = start, end
        self.after: Claim | None = None

    def _do(self) -> None:
        self.after = self.session.apply(
            lambda w: claim_edited(w.claims.move(self.before.id, self.start, self.end))
        )

    def _redo(self) -> None:
        after = self.after
        assert after is not None
        self.session.apply(lambda w: claim_edited(w.claims.restore_anchor(after)))

    def _undo(self) -> None:
        self.session.apply(lambda w: claim_edited(w.claims.restore_anchor(self.before)))


class DeleteClaimCommand(ServiceCommand):
    """Deletes a claim; undo brings it back with its verdict and sources."""

    def __init__(self, session: ProjectSession, claim_id: str) -> None:
        super().__init__(session, "Delete claim")
        self.claim_id = claim_id
        self.snapshot: Claim | None = None
        self.origins: dict[str, ExcerptOrigin] = {}

    def _do(self) -> None:
        def delete(w: Workspace) -> Done[Claim]:
            # Deleting the claim takes with it where its excerpts were picked from snapshots.
            self.origins = {
                source_id: origin
                for (claim_id, source_id), origin in w.snapshots.excerpt_origins().items()
                if claim_id == self.claim_id
            }
            return claim_removed(w.claims.delete(self.claim_id))

        self.snapshot = self.session.apply(delete)

    def _undo(self) -> None:
        snapshot, origins = self.snapshot, self.origins
        assert snapshot is not None

        def restore(w: Workspace) -> Done[Claim]:
            claim = w.claims.restore(snapshot)
            w.snapshots.restore_excerpt_origins(claim.id, origins)
            return claim_edited(claim)

        self.session.apply(restore)


_FIELD_NAMES = {
    "summary": "summary",
    "status": "status",
    "tags": "tags",
    "notes": "notes",
    "claimant": "claimant",
    "claim_date": "claim date",
}


def inverse_edit(claim: Claim, edit: ClaimEdit) -> ClaimEdit:
    """The edit that puts back the fields ``edit`` changes, as they are on ``claim``."""
    values = {
        f.name: getattr(claim, f.name) for f in fields(edit) if getattr(edit, f.name) is not None
    }
    return replace(ClaimEdit(), **values)


def _changed_fields(edit: ClaimEdit) -> set[str]:
    return {f.name for f in fields(edit) if getattr(edit, f.name) is not None}


def edit_label(edit: ClaimEdit) -> str:
    changed = [_FIELD_NAMES[f.name] for f in fields(edit) if getattr(edit, f.name) is not None]
    return f"Edit {changed[0]}" if len(changed) == 1 else "Edit claim"


# Free-text fields saved as the user pauses in typing: one undo step per field and claim.
_MERGED_FIELDS = ({"notes"}, {"summary"}, {"claimant"})


class EditClaimCommand(ServiceCommand):
    """Edits claim fields. Successive saves of the same text field of the same claim (typed
    in pauses) merge into one undo step."""

    MERGE_ID = 1001

    def __init__(self, session: ProjectSession, claim: Claim, edit: ClaimEdit) -> None:
        super().__init__(session, edit_label(edit))
        self.claim_id = claim.id
        self.edit = edit
        self.inverse = inverse_edit(claim, edit)
        self.updated_before = claim.updated_at
        self.updated_after: str | None = None

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            not isinstance(other, EditClaimCommand)
            or other.claim_id != self.claim_id
            or _changed_fields(other.edit) != _changed_fields(self.edit)
            or _changed_fields(self.edit) not in _MERGED_FIELDS
        ):
            return False
        self.edit = other.edit
        self.updated_after = other.updated_after
        return True

    def _do(self) -> None:
        self.updated_after = self._edit(self.edit, self.updated_after).updated_at

    def _undo(self) -> None:
        self._edit(self.inverse, self.updated_before)

    def _edit(self, edit: ClaimEdit, updated_at: str | None) -> Claim:
        return self.session.apply(
            lambda w: claim_edited(w.claims.update(self.claim_id, edit, updated_at=updated_at))
        )


def _verdict_label(claim: Claim, rating: str | None) -> str:
    """What the undo stack calls a verdict change: keeping the rating and changing the
    rationale is "Edit rationale", not "Set verdict"."""
    if rating is None:
        return "Clear verdict"
    if claim.verdict is not None and claim.verdict.rating == rating:
        return "Edit rationale"
    return "Set verdict"


class SetVerdictCommand(ServiceCommand):
    """Sets (rating key) or clears (None) a claim's verdict."""

    def __init__(
        self, session: ProjectSession, claim: Claim, rating: str | None, rationale: str
    ) -> None:
        super().__init__(session, _verdict_label(claim, rating))
        self.claim_id = claim.id
        self.old: Verdict | None = claim.verdict
        self.updated_before = claim.updated_at
        self.rating, self.rationale = rating, rationale
        self.new: Verdict | None = None
        self.updated_after = ""

    def _do(self) -> None:
        rating = self.rating
        if rating is None:
            claim = self._restore(None, None)
        else:
            claim = self.session.apply(
                lambda w: claim_edited(w.claims.set_verdict(self.claim_id, rating, self.rationale))
            )
        self.new, self.updated_after = claim.verdict, claim.updated_at

    def _redo(self) -> None:
        self._restore(self.new, self.updated_after)

    def _undo(self) -> None:
        self._restore(self.old, self.updated_before)

    def _restore(self, verdict: Verdict | None, updated_at: str | None) -> Claim:
        return self.session.apply(
            lambda w: claim_edited(
                w.claims.restore_verdict(self.claim_id, verdict, updated_at=updated_at)
            )
        )


class AddSourceLinkCommand(ServiceCommand):
    """Attaches a source to a claim, creating the source first when it is new (empty id) and
    the project holds no source with its URL yet (else that one is cited: ``reused``)."""

    def __init__(
        self, session: ProjectSession, claim_id: str, source: Source, stance: Stance, excerpt: str
    ) -> None:
        super().__init__(session, "Add source")
        self.claim_id, self.source, self.stance, self.excerpt = claim_id, source, stance, excerpt
        self.created = not source.id
        self.reused = False

    def _do(self) -> None:
        if self.created:
            self.source, self.created = self.session.apply(
                lambda w: changes.cite_source(
                    w, self.claim_id, self.source, self.stance, self.excerpt
                )
            )
            self.reused = not self.created
        else:
            self._link()

    def _redo(self) -> None:
        if self.created:
            self.session.apply(lambda w: changes.restore_source(w, self.source, []))
        self._link()

    def _undo(self) -> None:
        self.session.apply(lambda w: changes.unlink_source(w, self.claim_id, self.source.id))
        if self.created:
            self.session.apply(lambda w: changes.delete_source(w, self.source.id))

    def _link(self) -> None:
        self.session.apply(
            lambda w: claim_edited(
                w.sources.link(self.claim_id, self.source.id, self.stance, self.excerpt)
            )
        )


class EditSourceLinkCommand(ServiceCommand):
    """Changes a cited source's fields and the link's stance and excerpt."""

    def __init__(
        self,
        session: ProjectSession,
        claim_id: str,
        old: SourceLink,
        source: Source,
        stance: Stance,
        excerpt: str,
    ) -> None:
        super().__init__(session, "Edit source")
        self.claim_id, self.old = claim_id, old
        self.new = SourceLink(source, stance, excerpt)

    def _apply(self, link: SourceLink) -> None:
        if link.source != self.session.read.source(self.old.source.id):
            self.session.apply(lambda w: changes.update_source(w, link.source))
        self.session.apply(
            lambda w: claim_edited(
                w.sources.update_link(self.claim_id, link.source.id, link.stance, link.excerpt)
            )
        )

    def _do(self) -> None:
        self._apply(self.new)

    def _undo(self) -> None:
        self._apply(self.old)


class RemoveSourceLinkCommand(ServiceCommand):
    def __init__(self, session: ProjectSession, claim_id: str, source_id: str) -> None:
        super().__init__(session, "Remove source")
        self.claim_id, self.source_id = claim_id, source_id
        self.removed: RemovedLink | None = None

    def _do(self) -> None:
        self.removed = self.session.apply(
            lambda w: changes.unlink_source(w, self.claim_id, self.source_id)
        )

    def _undo(self) -> None:
        removed = self.removed
        assert removed is not None
        link = removed.link
        self.session.apply(
            lambda w: claim_edited(
                w.sources.link(
                    self.claim_id,
                    link.source.id,
                    link.stance,
                    link.excerpt,
                    removed.position,
                    removed.origin,
                )
            )
        )


class ProjectSettingsCommand(ServiceCommand):
    """Changes the project's title, checker, publisher and rating scale as one step."""

    def __init__(self, session: ProjectSession, old: ProjectInfo, new: ProjectInfo) -> None:
        label = "Edit rating scale" if old.scale != new.scale else "Edit project settings"
        super().__init__(session, label)
        self.old, self.new = old, new

    def _apply(self, info: ProjectInfo) -> None:
        current = self.session.read.info()
        apply = self.session.apply
        if info.title != current.title:
            apply(lambda w: project_edited(w.project.set_title(info.title)))
        if info.checker != current.checker:
            apply(lambda w: project_edited(w.project.set_checker(info.checker)))
        if info.publisher != current.publisher:
            apply(lambda w: project_edited(w.project.set_publisher(info.publisher)))
        if info.scale != current.scale:
            apply(lambda w: project_edited(w.project.set_scale(info.scale)))

    def _do(self) -> None:
        self._apply(self.new)

    def _undo(self) -> None:
        self._apply(self.old)
