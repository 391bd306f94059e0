"""After Document › Update from file…: how each claim fared in the new revision and what
changed around it (a quoted sentence edited after publication is itself a finding); and a
viewer for earlier revisions."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import AnchorState, Document, DocumentInfo, ProjectInfo
from annotator.domain.reanchor import TextChange
from annotator.domain.wording import counted
from annotator.services.revisions import ClaimOutcome, RevisionInfo, RevisionText, RevisionUpdate
from annotator.ui.widgets.article_view import ArticleView

STATE_TEXT = {
    AnchorState.EXACT: ("In place", "#2e7d32"),
    AnchorState.MOVED: ("Moved with the text", "#2e7d32"),
    AnchorState.FUZZY: ("Wording changed — check it", "#b45309"),
    AnchorState.ORPHANED: ("Not found in the new version", "#c62828"),
}
# A claim this version leaves alone, but flagged by an earlier one and not confirmed since.
STILL_FLAGGED = ("Still to check — flagged by an earlier version", "#b45309")


class _SafeBrowser(QTextBrowser):
    def loadResource(self, _type: int, _name: QUrl | str) -> object:
        return None


def changes_html(changes: tuple[TextChange, ...]) -> str:
    rows = []
    for change in changes:
        old = f"<s style='color:#b91c1c'>{escape(change.old)}</s>" if change.old else ""
        new = f"<span style='color:#15803d'>{escape(change.new)}</span>" if change.new else ""
        arrow = " → " if old and new else ""
        rows.append(f"<li>{old}{arrow}{new}</li>")
    return f"<ul>{''.join(rows)}</ul>" if rows else ""


def _label(outcome: ClaimOutcome) -> tuple[str, str]:
    return STILL_FLAGGED if outcome.still_flagged else STATE_TEXT[outcome.claim.anchor_state]


def outcome_html(outcome: ClaimOutcome) -> str:
    label, color = _label(outcome)
    quote = escape(
        outcome.claim.quote if len(outcome.claim.quote) < 300 else outcome.claim.quote[:299] + "…"
    )
    return f"<p><b style='color:{color}'>{label}</b><br>“{quote}”</p>" + changes_html(
        outcome.changes
    )


class RevisionChangesDialog(QDialog):
    def __init__(self, update: RevisionUpdate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Revision {update.document.revision} of “{update.document.title}”")
        self.resize(760, 560)
        labels = [STATE_TEXT[state][0] for state in AnchorState]
        labels.insert(labels.index(STATE_TEXT[AnchorState.FUZZY][0]) + 1, STILL_FLAGGED[0])
        found = [_label(o)[0] for o in update.outcomes]
        counts = [
            f"{found.count(label)} {label.split(' —')[0].lower()}"
            for label in labels
            if found.count(label)
        ]
        review = update.count(AnchorState.FUZZY) + update.count(AnchorState.ORPHANED)
        summary = QLabel(
            f"{counted(len(update.outcomes), 'claim')} re-anchored: {', '.join(counts) or 'none'}."
            + (f" {review} flagged for review in the claims list (⚠)." if review else ""),
            self,
        )
        summary.setWordWrap(True)
        self.browser = _SafeBrowser(self)
        self.browser.setOpenLinks(False)
        changed = [o for o in update.outcomes if o.changes or o.claim.anchor_state.needs_review]
        body = "".join(outcome_html(o) for o in changed)
        self.browser.setHtml(body or "<p>No claim's text or surroundings changed.</p>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)


class RevisionViewerDialog(QDialog):
    """Read-only view of any revision of a document, its claims highlighted where they stood
    in it (the article view's highlighting)."""

    def __init__(
        self,
        info: DocumentInfo,
        revisions: list[RevisionInfo],
        load: Callable[[int], RevisionText],
        project: ProjectInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Revisions of “{info.title}”")
        self.resize(820, 640)
        self._info, self._load, self._project = info, load, project
        self.picker = QComboBox(self)
        for revision in reversed(revisions):
            when = revision.created_at.replace("T", " ").removesuffix("Z")
            label = f"Revision {revision.number} — {when}" + (
                " (current)" if revision.current else ""
            )
            self.picker.addItem(label, revision.number)
        self.view = ArticleView(self)
        self.view.offers_claims = False  # an earlier revision is shown, not annotated
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.picker.currentIndexChanged.connect(self._on_picker_changed)
        self._on_picker_changed(0)

    def _on_picker_changed(self, _index: int) -> None:
        number = int(self.picker.currentData())
        revision = self._load(number)
        document = Document(self._info, revision.text, revision.blocks, "")
        # Each claim highlighted where it sat in this revision, so a checker sees what it
        # quoted then; the view is read-only, and nothing here edits the claims.
        claims = list(revision.claims)
        self.view.show_document(document, claims, self._project)
        self.note.setText(
            f"{counted(len(claims), 'claim')} highlighted where "
            f"{'it' if len(claims) == 1 else 'they'} stood in this revision; "
            "hover over one for its verdict."
            if claims
            else "No claim had a place in this revision."
        )
