"""The open project as the window sees it: what it reads (``read``), one way to make an edit
(``apply``), and the signals that announce what an edit changed.

An edit is a function of the Workspace returning its result and its ``Changes``
(services/changes.py); ``apply`` runs it in one unit of work and announces the changes, so
each view refreshes only what it shows. Inside ``transaction()`` (an undo command's several
edits) the announcements wait for the commit and are dropped on a rollback: the window never
shows a change the file does not hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from annotator.domain.changes import Changes, Done
from annotator.errors import AnnotatorError
from annotator.services import Workspace
from annotator.services.reader import ProjectReader

T = TypeVar("T")


class ProjectSession(QObject):
    """Wraps one Workspace; emits a signal for every change an edit reports."""

    claim_changed = Signal(object)  # Claim: added or edited
    claim_removed = Signal(str, str)  # claim id, document id
    project_changed = Signal(object)  # ProjectInfo
    documents_changed = Signal()
    sources_changed = Signal()
    replayed = Signal(str, str, str)  # claim id, document id ("" if unknown), what was done
    replay_failed = Signal(str)  # why an undo or redo could not be stored

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace  # the window reads through ``read``, edits through ``apply``
        self.read = ProjectReader(workspace)
        # Announcements awaiting a commit, by what they announce: of several project (or
        # sources, or documents) changes in one transaction only the last is sent, so the
        # views refresh once; every claim change is sent.
        self._held: dict[object, Callable[[], None]] | None = None

    @property
    def path(self) -> Path:
        return self.workspace.path

    def close(self) -> None:
        self.workspace.close()

    @property
    def closed(self) -> bool:
        return self.workspace.database.closed

    def apply(self, edit: Callable[[Workspace], Done[T]]) -> T:
        """Make one edit in a unit of work (joining the current transaction, if any), announce
        what it changed, and return its result."""
        with self.transaction():
            done = edit(self.workspace)
            self._announce(done.changes)
        return done.value

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One unit of work for several edits: stored whole or not at all, and announced only
        once it is committed (a failed commit, a full disk, changes nothing on screen)."""
        if self._held is not None:
            yield
            return
        self._held = {}
        try:
            with self.workspace.unit_of_work():
                yield
        except BaseException:
            self._held = None
            raise
        held, self._held = self._held, None
        for announce in held.values():
            announce()

    def replay(
        self, step: Callable[[], None], *, done: str, failed: str, about: tuple[str, str]
    ) -> bool:
        """Undo or redo ``step`` in one transaction and announce ``done`` with the claim and
        document ids it is ``about`` (``replayed``); a failure (a full disk, a file made
        read-only) is announced as ``failed``, with its reason (``replay_failed``)."""
        try:
            with self.transaction():
                step()
        except AnnotatorError as exc:
            self.replay_failed.emit(f"{failed}: {exc}")
            return False
        self.replayed.emit(*about, done)
        return True

    def save_copy(self, target: Path) -> None:
        self.workspace.save_as(target)

    def write_export(self, target: Path, data: bytes) -> None:
        """Write an already rendered export of this project, atomically (never over it)."""
        # The exporters (and pydantic) load with the first export, not with the project.
        from annotator.services.exports import write_export_data

        write_export_data(self.workspace, target, data)

    def _announce(self, changes: Changes) -> None:
        for what, announce in self._announcements(changes):
            if self._held is None:
                announce()
                continue
            key: object = what or len(self._held)
            self._held.pop(key, None)  # a later announcement of the whole state goes last
            self._held[key] = announce

    def _announcements(self, changes: Changes) -> Iterator[tuple[str, Callable[[], None]]]:
        """(what it announces, or "" for each claim; the announcement), in order."""
        if changes.documents:
            yield "documents", self.documents_changed.emit
        if changes.project is not None:
            info = changes.project
            yield "project", lambda: self.project_changed.emit(info)
        if changes.sources:
            yield "sources", self.sources_changed.emit
        for removed in changes.removed:
            yield "", partial(self.claim_removed.emit, removed.id, removed.document_id)
        for claim in changes.claims:
            yield "", partial(self.claim_changed.emit, claim)
