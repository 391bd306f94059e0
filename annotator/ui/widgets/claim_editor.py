"""The editor for the selected claim: it shows one immutable snapshot and emits intents.

Nothing here touches the project. Each finished edit becomes a signal (``edit_requested`` with
a ClaimEdit holding only the changed field, ``verdict_requested``, ``source_*_requested``); the
workbench turns it into an undoable command and calls ``show_claim`` with the new snapshot.
There is no Save button: line edits commit on editingFinished (free-text ones after a pause
in typing too), text areas on focus-out, a pause in typing or Ctrl+Return, combos on change.
A refresh of the same claim leaves alone a field the user is typing in, so a debounced save
never yanks the cursor.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import (
    AnchorState,
    Claim,
    Claimant,
    ClaimEdit,
    ClaimStatus,
    Rating,
    Source,
    SourceLink,
    Stance,
)
from annotator.domain.snapshot import KeptEvidence
from annotator.ui.models.claims_model import STATUS_LABELS
from annotator.ui.plain import safe
from annotator.ui.widgets.claim_editor_sources import SourcesPanel
from annotator.ui.widgets.claim_editor_verdict import VerdictSection
from annotator.ui.widgets.editor_fields import (
    CommitTextEdit,
    FieldMessage,
    FormGrid,
    commit_after_pause,
    date_error,
    guard_wheel,
    is_being_edited,
    named_line_edit,
    quiet_label,
    section_header,
    split_tags,
    url_error,
    warning_style,
    with_message,
)
from annotator.ui.widgets.verdict_chip import verdict_colors

if TYPE_CHECKING:  # re-anchoring (and rapidfuzz) loads when a revision is compared
    from annotator.domain.reanchor import TextChange

EMPTY_HINT = "Select a claim, or select text in the article and press Ctrl+E"
_QUOTE_CHARS = 320


def _claim_edit(field: str, value: object) -> ClaimEdit:
    return ClaimEdit(**{field: value})  # type: ignore[arg-type]


class ClaimEditor(QWidget):
    """Quote, claim fields, verdict and sources of one claim (or a hint when none is selected)."""

    edit_requested = Signal(str, object)  # claim id, ClaimEdit with only the changed field set
    verdict_requested = Signal(str, object, str)  # claim id, rating key or None, rationale
    source_add_requested = Signal(str, object, object, str)  # claim id, Source, Stance, excerpt
    source_edit_requested = Signal(str, object, object, object, str)  # id, old link, new...
    source_remove_requested = Signal(str, str)  # claim id, source id
    source_snapshots_requested = Signal(str, str)  # claim id, source id
    open_url_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._claim: Claim | None = None
        self._scale: tuple[Rating, ...] = ()
        # What changed in the article around the shown claim, when it is flagged for review.
        self._changes_note = ""
        # Values already emitted but not yet confirmed by a new snapshot: a second
        # editingFinished (Return, then focus-out) must not ask for the same edit twice.
        self._sent: dict[str, object] = {}
        self.setMinimumWidth(320)
        self._init_fields()
        self._init_empty_page()
        self._init_editor_page()
        self._init_stack()
        self._init_tab_order()
        self._connect_signals()
        self.show_claim(None)

    # -- building -----------------------------------------------------------------------------

    def _init_fields(self) -> None:
        self.quote = QLabel()
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quote.setAccessibleName("Quote")
        self.anchor_warning = QLabel()
        self.anchor_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.anchor_warning.setWordWrap(True)
        self.anchor_warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.anchor_warning.setStyleSheet(warning_style(self.palette()))
        self.summary = self._line_edit("Summary", "What is claimed, in one checkable sentence")
        self.claimant_name = self._line_edit("Claimant", "Who said it")
        self.claimant_role = self._line_edit("Claimant role", "e.g. Minister of Health")
        self.claimant_url = self._line_edit("Claimant link", "https://… (profile or page)")
        self.claim_date = self._line_edit("Claim date", "YYYY-MM-DD")
        self.claim_date.setMaxLength(32)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for status, label in STATUS_LABELS.items():
            self.status.addItem(label, status.value)
        guard_wheel(self.status)
        self.tags = self._line_edit("Tags", "Comma-separated, e.g. health, vaccines")
        self.notes = CommitTextEdit(lines=3)
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("Working notes (not exported in reviews)")
        self.url_message = FieldMessage()
        self.date_message = FieldMessage()
        self.verdict = VerdictSection(self)
        self.sources = SourcesPanel()

    @staticmethod
    def _line_edit(name: str, placeholder: str) -> QLineEdit:
        edit = named_line_edit(name, placeholder)
        edit.setToolTip("Saved when you press Return or leave the field.")
        return edit

    def _init_empty_page(self) -> None:
        self.empty_page = quiet_label(EMPTY_HINT)
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_page.setMargin(24)

    def _init_editor_page(self) -> None:
        quote_box = QFrame()
        quote_box.setObjectName("quoteBox")
        quote_layout = QVBoxLayout(quote_box)
        quote_layout.setContentsMargins(10, 8, 10, 8)
        quote_layout.addWidget(self.quote)
        self._quote_box = quote_box
        # One form for every section, so all labels share one column and the fields line up.
        form = FormGrid()
        form.setVerticalSpacing(8)
        form.add_wide_row(quote_box)
        form.add_wide_row(self.anchor_warning)
        form.add_wide_row(section_header("Claim"))
        form.add_row("&Summary:", self.summary)
        form.add_row("C&laimant:", self.claimant_name)
        form.add_row("&Role:", self.claimant_role)
        link = with_message(self.claimant_url, self.url_message)
        form.add_row("Lin&k:", link, buddy=self.claimant_url)
        date = with_message(self.claim_date, self.date_message)
        form.add_row("D&ate:", date, buddy=self.claim_date)  # Alt+D opens the Document menu
        form.add_row("Stat&us:", self.status)
        form.add_row("Ta&gs:", self.tags)
        form.add_row("&Notes:", self.notes)
        form.add_wide_row(section_header("Verdict"))
        self.verdict.add_rows(form)
        form.add_wide_row(section_header("Sources"))
        form.add_wide_row(self.sources)
        self.editor_page = QWidget()
        layout = QVBoxLayout(self.editor_page)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(form)
        layout.addStretch(1)

    def _init_stack(self) -> None:
        self._stack = QStackedWidget()
        self._stack.addWidget(self.empty_page)
        self._stack.addWidget(self.editor_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

    def _init_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.summary,
            self.claimant_name,
            self.claimant_role,
            self.claimant_url,
            self.claim_date,
            self.status,
            self.tags,
            self.notes,
            self.verdict.rating,
            self.verdict.rationale,
            self.sources.list,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect_signals(self) -> None:
        self.summary.editingFinished.connect(self._on_summary_finished)
        self.claimant_name.editingFinished.connect(partial(self._on_claimant_finished, "name"))
        self.claimant_role.editingFinished.connect(partial(self._on_claimant_finished, "role"))
        # Free text is saved after a pause in typing too; links, dates and tags (which would
        # be invalid or half-made mid-word) when the field is left or Return is pressed.
        self._pause_timers = [
            commit_after_pause(self.summary, self._on_summary_finished),
            commit_after_pause(self.claimant_name, partial(self._on_claimant_finished, "name")),
            commit_after_pause(self.claimant_role, partial(self._on_claimant_finished, "role")),
        ]
        self.claimant_url.editingFinished.connect(partial(self._on_claimant_finished, "url"))
        self.claimant_url.textEdited.connect(self.url_message.clear_error)
        self.claim_date.editingFinished.connect(self._on_claim_date_finished)
        self.claim_date.textEdited.connect(self.date_message.clear_error)
        self.status.currentIndexChanged.connect(self._on_status_changed)
        self.tags.editingFinished.connect(self._on_tags_finished)
        self.notes.committed.connect(self._on_notes_committed)
        self.verdict.verdict_requested.connect(self._on_verdict_requested)
        self.sources.add_requested.connect(self._on_sources_add_requested)
        self.sources.edit_requested.connect(self._on_sources_edit_requested)
        self.sources.remove_requested.connect(self._on_sources_remove_requested)
        self.sources.snapshots_requested.connect(self._on_sources_snapshots_requested)
        self.sources.open_url_requested.connect(self.open_url_requested)

    # -- public API ---------------------------------------------------------------------------

    def set_scale(self, scale: tuple[Rating, ...]) -> None:
        self._scale = scale
        self.verdict.set_scale(scale)
        if self._claim is not None:
            self._show_quote(self._claim)

    def set_source_evidence(self, evidence: dict[str, KeptEvidence]) -> None:
        """The snapshots kept of the shown claim's sources (a ⚠ badge on a damaged one)."""
        self.sources.set_evidence(evidence)

    def set_project_sources(self, sources: list[Source]) -> None:
        """The project's sources, offered by "Add Existing…"."""
        self.sources.set_project_sources(sources)

    def show_claim(self, claim: Claim | None) -> None:
        """Show a snapshot without emitting anything.

        For a new snapshot of the claim already shown, a field the user is typing in keeps its
        text and cursor; every other field takes the snapshot's value.
        """
        same = claim is not None and self._claim is not None and self._claim.id == claim.id
        if not same:
            # Another claim is coming (Alt+Down, Ctrl+E, a click) while a field may still hold
            # typing that has not been committed: send it for the claim it belongs to.
            self.commit_pending()
            for timer in self._pause_timers:
                timer.stop()
        previous = self._claim if same else None
        if not same:
            self._changes_note = ""
        self._claim = claim
        self._sent.clear()
        if claim is None:
            self._stack.setCurrentWidget(self.empty_page)
            self.sources.set_links(())
            return
        self._stack.setCurrentWidget(self.editor_page)
        self._show_quote(claim)
        self._fill_fields(claim, previous)
        self.verdict.show_verdict(claim.verdict, same_claim=same)
        self.sources.set_links(claim.sources)

    def current_claim(self) -> Claim | None:
        return self._claim

    def show_anchor_changes(self, changes: tuple[TextChange, ...]) -> None:
        """List, under the review warning of the claim shown, what the article's latest
        revision changed around it (a quote edited after publication is itself a finding)."""
        self._changes_note = changes_note(changes)
        if self._claim is not None:
            self._show_quote(self._claim)

    def commit_pending(self) -> None:
        """Send every field's uncommitted change for the claim shown (unchanged fields send
        nothing)."""
        if self._claim is None:
            return
        self._on_summary_finished()
        for part in ("name", "role", "url"):
            self._on_claimant_finished(part)
        self._on_claim_date_finished()
        self._on_tags_finished()
        self.notes.commit_now()
        self.verdict.rationale.commit_now()

    # -- filling ------------------------------------------------------------------------------

    def _show_quote(self, claim: Claim) -> None:
        quote = " ".join(claim.quote.split())
        shown = quote if len(quote) <= _QUOTE_CHARS else quote[:_QUOTE_CHARS].rstrip() + "…"
        number = f"{claim.label}  " if claim.number else ""
        self.quote.setText(f"{number}“{shown}”")
        self.quote.setToolTip(safe(quote[:2000]) if shown != quote else "")
        rating = next((r for r in self._scale if r.key == claim.rating_key), None)
        accent = verdict_colors(rating)[0].name()
        base = self.palette().color(QPalette.ColorRole.AlternateBase).name()
        self._quote_box.setStyleSheet(
            f"#quoteBox {{ background: {base}; border-left: 4px solid {accent};"
            " border-radius: 3px; }"
        )
        warning = _ANCHOR_WARNINGS.get(claim.anchor_state, "")
        self.anchor_warning.setText("\n".join(filter(None, (warning, self._changes_note))))
        self.anchor_warning.setVisible(claim.anchor_state.needs_review)

    def _fill_fields(self, claim: Claim, previous: Claim | None) -> None:
        for edit, value in self._line_values(claim).items():
            old = self._line_values(previous)[edit] if previous else None
            _fill_line(edit, value, old)
        with QSignalBlocker(self.status):
            self.status.setCurrentIndex(self.status.findData(claim.status.value))
        old_notes = previous.notes if previous else None
        if not is_being_edited(self.notes, self.notes.toPlainText(), old_notes):
            self.notes.set_text_quietly(claim.notes)
        # An error stays only while the rejected text is still in its field.
        if self.claimant_url.text() == claim.claimant.url:
            self.url_message.clear_error()
        if self.claim_date.text() == claim.claim_date:
            self.date_message.clear_error()

    def _line_values(self, claim: Claim) -> dict[QLineEdit, str]:
        return {
            self.summary: claim.summary,
            self.claimant_name: claim.claimant.name,
            self.claimant_role: claim.claimant.role,
            self.claimant_url: claim.claimant.url,
            self.claim_date: claim.claim_date,
            self.tags: ", ".join(claim.tags),
        }

    # -- emitting -----------------------------------------------------------------------------

    def _baseline(self, field: str) -> object:
        return self._sent.get(field, getattr(self._claim, field))

    def _request_edit(self, field: str, value: object) -> None:
        if self._claim is None or value == self._baseline(field):
            return
        self._sent[field] = value
        self.edit_requested.emit(self._claim.id, _claim_edit(field, value))

    def _on_summary_finished(self) -> None:
        self._request_edit("summary", self.summary.text().strip())

    def _on_claimant_finished(self, part: str) -> None:
        if self._claim is None:
            return
        edit = {"name": self.claimant_name, "role": self.claimant_role}.get(part, self.claimant_url)
        value = edit.text().strip()
        if part == "url":
            error = url_error(value, "claimant link")
            self.url_message.show_error(error)
            if error:
                return
        baseline = self._baseline("claimant")
        assert isinstance(baseline, Claimant)
        self._request_edit("claimant", replace(baseline, **{part: value}))

    def _on_claim_date_finished(self) -> None:
        if self._claim is None:
            return
        value = self.claim_date.text().strip()
        error = date_error(value, "claim date")
        self.date_message.show_error(error)
        if not error:
            self._request_edit("claim_date", value)

    def _on_status_changed(self, _index: int) -> None:
        self._request_edit("status", ClaimStatus(self.status.currentData()))

    def _on_tags_finished(self) -> None:
        self._request_edit("tags", split_tags(self.tags.text()))

    def _on_notes_committed(self) -> None:
        self._request_edit("notes", self.notes.toPlainText())

    def _on_verdict_requested(self, key: str | None, rationale: str) -> None:
        if self._claim is not None:
            self.verdict_requested.emit(self._claim.id, key, rationale)

    def _on_sources_add_requested(self, source: Source, stance: Stance, excerpt: str) -> None:
        if self._claim is not None:
            self.source_add_requested.emit(self._claim.id, source, stance, excerpt)

    def _on_sources_edit_requested(
        self, link: SourceLink, source: Source, stance: Stance, excerpt: str
    ) -> None:
        if self._claim is not None:
            self.source_edit_requested.emit(self._claim.id, link, source, stance, excerpt)

    def _on_sources_remove_requested(self, source_id: str) -> None:
        if self._claim is not None:
            self.source_remove_requested.emit(self._claim.id, source_id)

    def _on_sources_snapshots_requested(self, source_id: str) -> None:
        if self._claim is not None:
            self.source_snapshots_requested.emit(self._claim.id, source_id)


_ANCHOR_WARNINGS: dict[AnchorState, str] = {
    AnchorState.FUZZY: "The article changed and this quote was placed approximately; "
    "check that it still says what the claim is about.",
    AnchorState.ORPHANED: "The article changed and this quote is no longer in it; "
    "the claim is kept but has no place in the text.",
}


_CHANGE_CHARS = 80


def changes_note(changes: tuple[TextChange, ...]) -> str:
    """The edits near a claim as plain lines: “old” → “new”, added “…”, removed “…”."""

    def quoted(text: str) -> str:
        text = " ".join(text.split())
        if len(text) > _CHANGE_CHARS:
            cut = text[: _CHANGE_CHARS - 1]
            text = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"  # at a word's end
        return f"“{text}”"

    lines = []
    for change in changes:
        if change.old and change.new:
            lines.append(f"{quoted(change.old)} → {quoted(change.new)}")
        elif change.new:
            lines.append(f"added {quoted(change.new)}")
        elif change.old:
            lines.append(f"removed {quoted(change.old)}")
    return "Changed here in the latest revision:\n" + "\n".join(lines) if lines else ""


def _fill_line(edit: QLineEdit, value: str, previous: str | None) -> None:
    if is_being_edited(edit, edit.text(), previous) or edit.text() == value:
        return
    position = edit.cursorPosition()
    edit.setText(value)
    # Unfocused fields show their beginning; a focused one keeps the cursor where it was.
    edit.setCursorPosition(min(position, len(edit.text())) if edit.hasFocus() else 0)
