"""Suggested claims in the window: Claim › Suggest claims scores the article's sentences off
the UI thread (ui/tasks.py), then shows the best as ghost highlights; Enter or a click marks
the one under the cursor as a claim (one undoable step, the usual "Add claim"), Backspace
dismisses it (undoable too, and remembered for the article), F8 / Shift+F8 step through them.

The scoring of every sentence is done once per article text; what is shown is then picked on
the UI thread from that ranking, leaving out what claims cover and what was dismissed, each
time a claim or a dismissal changes (a cheap step).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance

from annotator.domain.checkworthy import CheckworthyModel, default_model
from annotator.domain.model import Claim, Document
from annotator.domain.suggestions import Suggestion, candidates, default_count, explain, pick
from annotator.ui.commands import AddClaimCommand, DismissSuggestionCommand, ServiceCommand
from annotator.ui.session import ProjectSession
from annotator.ui.tasks import TaskCancelled, run_task
from annotator.ui.widgets.article_view import ArticleView
from annotator.ui.widgets.suggestion_bar import SuggestionBar


class SuggestionHost(Protocol):
    """What the suggestions need of the workbench."""

    session: ProjectSession
    article: ArticleView
    status_message: SignalInstance

    @property
    def current_document(self) -> Document | None: ...
    def claim_spans(self) -> list[tuple[int, int]]: ...
    def run(self, command: ServiceCommand) -> bool: ...
    def claim_made(self, claim: Claim) -> None: ...


class Suggester(QObject):
    """The suggestions of the article shown, while they are switched on."""

    def __init__(self, host: SuggestionHost, bar: SuggestionBar) -> None:
        super().__init__(bar)
        self._host = host
        self._bar = bar
        self._view = host.article
        self._ranked: list[Suggestion] = []
        self._ranked_text: tuple[str, str] | None = None  # (document id, sha256) ranked
        self._reasons: dict[tuple[int, int], tuple[str, ...]] = {}
        self.active = False
        session = host.session
        session.claim_changed.connect(self._on_claims_changed)
        session.claim_removed.connect(self._on_claims_changed)
        session.replayed.connect(self._on_claims_changed)
        bar.count_changed.connect(self._on_claims_changed)
        bar.close_requested.connect(self.hide)
        self._view.suggestion_clicked.connect(self.accept)
        self._view.suggestion_accept_requested.connect(self.accept)
        self._view.suggestion_dismiss_requested.connect(self.dismiss)

    # Switching on and off

    def toggle(self) -> None:
        if self.active:
            self.hide()
        else:
            self.show()

    def show(self) -> bool:
        """Score the article shown (once per text) and show its best sentences."""
        document = self._host.current_document
        if document is None:
            self._host.status_message.emit("Import an article first (Document › Import article…).")
            return False
        key = (document.id, document.sha256)
        if key != self._ranked_text:
            try:
                ranked = run_task(
                    self._view.window(),
                    "Scoring the article's sentences…",
                    lambda progress, cancelled: candidates(
                        document.text, default_model(), progress, cancelled
                    ),
                )
            except TaskCancelled:
                return False
            if self._ranked_text is None or self._ranked_text[0] != document.id:
                # A new article starts at its default; a new revision keeps the checker's number.
                self._bar.set_count(default_count(document.text))
            self._ranked, self._ranked_text, self._reasons = ranked, key, {}
        self.active = True
        self._bar.show()
        self.refresh()
        shown = self._view.suggestions.suggestions
        if shown:
            best = max(shown, key=lambda s: s.score)
            self._view.go_to_suggestion(best)
        self._host.status_message.emit(
            "Suggested claims shown: Enter marks one, Backspace dismisses it, F8 goes on."
        )
        return True

    def hide(self) -> None:
        self.active = False
        self._bar.hide()
        self._view.suggestions.clear()

    def document_shown(self) -> None:
        """A new article (or a new revision of it) is shown: suggest in it if switched on."""
        if self.active and not self.show():
            self.hide()

    # What is shown

    def refresh(self) -> None:
        document = self._host.current_document
        if not self.active or document is None:
            return
        covered = self._host.claim_spans()
        dismissed = self._host.session.read.dismissed(document.id)
        left = pick(self._ranked, covered, dismissed, len(self._ranked))
        shown = self._explained(left[: self._bar.count.value()])
        current = self._view.suggestions.current
        self._view.suggestions.show(shown)
        if current is not None and current in shown:
            self._view.suggestions.set_current(current)
        self._bar.show_counts(len(shown), len(left))

    def _explained(self, suggestions: list[Suggestion]) -> list[Suggestion]:
        model: CheckworthyModel = default_model()
        missing = [s for s in suggestions if (s.start, s.end) not in self._reasons]
        for done in explain(model, missing):
            self._reasons[(done.start, done.end)] = done.reasons
        return [
            Suggestion(s.start, s.end, s.text, s.score, self._reasons[(s.start, s.end)])
            for s in suggestions
        ]

    def _on_claims_changed(self, *_args: object) -> None:
        self.refresh()

    # Moving, accepting, dismissing

    def step(self, forward: bool) -> None:
        """F8 / Shift+F8: the next / previous suggestion from the cursor (switching on)."""
        if not self.active and not self.show():
            return
        offset = self._view.offset_of(self._view.textCursor().position())
        found = self._view.suggestions.step(offset, forward)
        if found is None:
            self._host.status_message.emit("No suggestion left in this article.")
        else:
            self._view.go_to_suggestion(found)

    def target(self) -> Suggestion | None:
        """The suggestion under the text cursor, else the current one."""
        return self._view.suggestion_at_cursor() or self._view.suggestions.current

    def accept(self, suggestion: Suggestion | None = None) -> None:
        """Mark a suggestion (default: the one under the cursor) as a claim, undoably."""
        suggestion = suggestion or self.target()
        document = self._host.current_document
        if suggestion is None or document is None:
            self._host.status_message.emit("Put the cursor on a suggested claim first (F8).")
            return
        command = AddClaimCommand(self._host.session, document.id, suggestion.start, suggestion.end)
        if self._host.run(command) and command.claim is not None:
            self._host.claim_made(command.claim)
            self._advance(suggestion)
            self._host.status_message.emit("Claim added from the suggestion. Ctrl+Z undoes.")

    def dismiss(self, suggestion: Suggestion | None = None) -> None:
        """Stop suggesting a sentence in this article (undoable)."""
        suggestion = suggestion or self.target()
        document = self._host.current_document
        if suggestion is None or document is None:
            self._host.status_message.emit("Put the cursor on a suggested claim first (F8).")
            return
        command = DismissSuggestionCommand(self._host.session, document.id, suggestion.text)
        if self._host.run(command):
            self.refresh()
            self._advance(suggestion)
            self._host.status_message.emit("Suggestion dismissed. Ctrl+Z brings it back.")

    def _advance(self, done: Suggestion) -> None:
        following = self._view.suggestions.step(done.start, forward=True)
        if following is not None:
            self._view.go_to_suggestion(following)
