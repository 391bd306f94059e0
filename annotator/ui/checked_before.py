"""Has the selected claim been checked before? Wires the "Checked before" panel to the claim
library for the workbench: a claim selected (or edited) is matched off the UI thread, the
project's verdicts are kept in the library as they change, a review opens after asking (or
the earlier project at that claim), and "Use as source" cites the review with a stance, as one
undoable step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from annotator.domain.library import Match
from annotator.domain.model import Claim, ProjectInfo, Source, Stance
from annotator.paths import library_path
from annotator.ui.commands import AddSourceLinkCommand, ServiceCommand
from annotator.ui.library_matches import LibraryMatches
from annotator.ui.links import confirm_open_url
from annotator.ui.session import ProjectSession
from annotator.ui.widgets.checked_before import CheckedBeforePanel


def _date(text: str) -> str:
    """A review's date as the source's published date, if it is one (feeds hold anything)."""
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return ""


# How long after a project opens its verdicts are stored in the library: after the article and
# its claims are painted (speed at scale: a 5,000-claim project reads every claim for this).
SYNC_DELAY_MS = 1500


class CheckedBefore(QObject):
    """The panel and its library. ``open_project_requested`` asks the window to open an
    earlier project at a claim; ``status_message`` says what happened."""

    open_project_requested = Signal(str, str)  # project path, claim id
    status_message = Signal(str)

    def __init__(
        self,
        session: ProjectSession,
        run: Callable[[ServiceCommand], bool],
        selected: Callable[[], Claim | None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._session, self._run, self._selected = session, run, selected
        self._parent = parent
        self.panel = CheckedBeforePanel(parent)
        self.library = LibraryMatches(library_path(), self)
        self._info: ProjectInfo = session.read.info()
        self._connect_signals()
        # The library is an index across projects: storing this project's verdicts in it can
        # wait until the article and its claims are on screen (DESIGN.md, speed at scale).
        QTimer.singleShot(SYNC_DELAY_MS, self, self._sync_opened)

    def _connect_signals(self) -> None:
        self._session.claim_changed.connect(self._on_session_claim_changed)
        self._session.claim_removed.connect(self._on_session_claim_removed)
        self._session.project_changed.connect(self._on_session_project_changed)
        self.library.found.connect(self._on_library_found)
        self.library.failed.connect(self.panel.show_failure)
        self.panel.open_requested.connect(self._on_panel_open_requested)
        self.panel.use_requested.connect(self._on_panel_use_requested)

    def show_claim(self, claim: Claim | None) -> None:
        """The claim selected: its matches follow from the worker thread."""
        if claim is None:
            self.panel.show_matches(None, [])
            return
        self.panel.show_searching()
        self.library.ask(claim)

    def refresh(self) -> None:
        """The library changed (a feed imported): match the selected claim again."""
        self.show_claim(self._selected())

    def _sync_opened(self) -> None:
        if not self._session.closed:  # closed again before the library's turn came
            self._sync_all()

    def _sync_all(self) -> None:
        """Put the project's verdicts in the library when it opens (verdicts given before the
        library existed, or in the command line, are there from now on)."""
        self._sync(self._session.read.claims())

    def _sync(self, claims: list[Claim], removed: tuple[str, ...] = ()) -> None:
        self.library.sync(self._session.path, self._info, claims, removed)

    def _on_session_claim_changed(self, claim: Claim) -> None:
        self._sync([claim])
        selected = self._selected()
        if selected is not None and selected.id == claim.id:
            self.show_claim(claim)

    def _on_session_claim_removed(self, claim_id: str, _document_id: str) -> None:
        self._sync([], (claim_id,))

    def _on_session_project_changed(self, info: ProjectInfo) -> None:
        self._info = info  # labels and the outlet may have changed: store them again
        self._sync_all()

    def _on_library_found(self, claim_id: str, matches: list[Match]) -> None:
        selected = self._selected()
        if selected is not None and selected.id == claim_id:
            self.panel.show_matches(claim_id, matches)

    def _on_panel_open_requested(self, match: Match) -> None:
        entry = match.entry
        # A project's entry carries its publisher's review address, shared by all its claims:
        # the earlier project at that claim is what was checked.
        if entry.project and entry.claim_id:
            self.open_project_requested.emit(entry.project, entry.claim_id)
        elif entry.url:
            confirm_open_url(self._parent, entry.url)

    def _on_panel_use_requested(self, match: Match, stance: Stance) -> None:
        claim = self._selected()
        if claim is None:
            return
        entry = match.entry
        verdict = f"{entry.outlet}: {entry.verdict}" if entry.outlet else entry.verdict
        source = Source(
            id="",
            url=entry.url,
            title=entry.title or entry.claim,
            publisher=entry.outlet,
            published=_date(entry.review_date),
            type="article",
        )
        excerpt = f"{verdict} — “{entry.claim}”" if verdict else f"“{entry.claim}”"
        command = AddSourceLinkCommand(self._session, claim.id, source, stance, excerpt)
        if self._run(command):
            self.status_message.emit(f"The review is now a source of this claim ({stance.value}).")
