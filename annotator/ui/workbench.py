"""The workbench: the article on the left, the claims panel and the claim editor on the right.

It turns what the user does into undo commands and keeps the three views in step with the
session's change signals.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import (
    AnchorState,
    Claim,
    ClaimEdit,
    Document,
    ProjectInfo,
    Source,
    SourceLink,
    Stance,
)
from annotator.domain.web import is_web_url
from annotator.errors import AnnotatorError
from annotator.ui.checked_before import CheckedBefore
from annotator.ui.commands import (
    AddClaimCommand,
    AddSourceLinkCommand,
    DeleteClaimCommand,
    EditClaimCommand,
    EditSourceLinkCommand,
    MoveClaimCommand,
    RemoveSourceLinkCommand,
    ServiceCommand,
    SetVerdictCommand,
)
from annotator.ui.evidence import open_snapshots_dialog
from annotator.ui.links import confirm_open_url
from annotator.ui.plain import safe
from annotator.ui.runner import CommandRunner
from annotator.ui.session import ProjectSession
from annotator.ui.suggesting import Suggester
from annotator.ui.widgets.article_view import PROGRESSIVE_CHARS, ArticleView
from annotator.ui.widgets.claim_editor import ClaimEditor
from annotator.ui.widgets.claims_panel import ClaimsPanel, Origin
from annotator.ui.widgets.find_bar import FindBar
from annotator.ui.widgets.suggestion_bar import SuggestionBar
from annotator.ui.window_state import to_base64


class Workbench(QWidget):
    status_message = Signal(str)
    document_shown = Signal(object)  # DocumentInfo or None
    claim_selected = Signal(object)  # Claim or None
    checker_named = Signal(str)  # the name the checker gave for signing verdicts

    def __init__(
        self,
        session: ProjectSession,
        runner: CommandRunner,
        parent: QWidget | None = None,
        *,
        document_id: str = "",
    ) -> None:
        """``document_id`` is the article to show first (else the project's first one)."""
        super().__init__(parent)
        self.session = session
        self.read = session.read
        self.runner = runner
        self._info: ProjectInfo = self.read.info()
        self._document: Document | None = None
        self._shown_claims: dict[str, Claim] = {}
        self._pending: str | None = None  # a long article whose claims are still to load
        self._select_when_loaded: str | None = None
        self._checker_asked = False
        self._init_widgets()
        self._init_layout()
        self._connect_signals()
        self.suggester = Suggester(self, self.suggestion_bar)
        self.document_shown.connect(lambda _info: self.suggester.document_shown())
        self.editor.set_scale(self._info.scale)
        self.editor.set_project_sources(self.read.sources())
        self.refresh_documents(document_id)

    def _init_widgets(self) -> None:
        self.article = ArticleView(self)
        self.find_bar = FindBar(self.article, self)
        self.suggestion_bar = SuggestionBar(self)
        self.documents = QComboBox(self)
        self.documents.setAccessibleName("Article")
        self.documents.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.documents.setMinimumContentsLength(24)
        self.title = QLabel(self)
        self.title.setObjectName("documentTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.byline = QLabel(self)
        self.byline.setObjectName("byline")
        self.byline.setTextFormat(Qt.TextFormat.PlainText)
        self.byline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.panel = ClaimsPanel(self)
        self.checked = CheckedBefore(self.session, self.run, self.selected_claim, self)
        self.editor = ClaimEditor(self)
        self.editor_scroll = QScrollArea(self)
        self.editor_scroll.setWidget(self.editor)
        self.editor_scroll.setWidgetResizable(True)
        self.editor_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.editor_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a stop of its own

    def _init_layout(self) -> None:
        header = QHBoxLayout()
        header.setContentsMargins(8, 6, 8, 2)
        header.setSpacing(10)
        header.addWidget(self.documents, 0)
        header.addWidget(self.title, 0)
        header.addWidget(self.byline, 1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addLayout(header)
        left_layout.addWidget(self.find_bar)
        left_layout.addWidget(self.suggestion_bar)
        left_layout.addWidget(self.article, 1)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.right_splitter.setObjectName("panelSplitter")
        panel_box = QWidget(self)
        panel_layout = QVBoxLayout(panel_box)
        panel_layout.setContentsMargins(8, 6, 8, 4)
        panel_layout.addWidget(self.panel)
        self.right_splitter.addWidget(panel_box)
        self.right_splitter.addWidget(self.checked.panel)
        self.right_splitter.addWidget(self.editor_scroll)
        self.right_splitter.setStretchFactor(0, 1)
        self.right_splitter.setStretchFactor(1, 0)
        self.right_splitter.setStretchFactor(2, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right_splitter)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _connect_signals(self) -> None:
        self.session.claim_changed.connect(self._on_session_claim_changed)
        self.session.claim_removed.connect(self._on_session_claim_removed)
        self.session.project_changed.connect(self._on_session_project_changed)
        self.session.sources_changed.connect(self._on_session_sources_changed)
        self.session.documents_changed.connect(self.refresh_documents)
        self.session.replayed.connect(self._on_session_replayed)
        self.session.replay_failed.connect(self._on_session_replay_failed)
        self.documents.activated.connect(self._on_documents_activated)  # the user's choice
        self.article.claim_clicked.connect(self._on_article_claim_clicked)
        self.article.link_clicked.connect(self._on_link_requested)
        self.article.create_claim_requested.connect(self.create_claim_from_selection)
        self.panel.claim_picked.connect(self._on_panel_claim_picked)
        self.panel.delete_requested.connect(self.delete_claim)
        self.editor.edit_requested.connect(self._on_editor_edit_requested)
        self.editor.verdict_requested.connect(self._on_editor_verdict_requested)
        self.editor.source_add_requested.connect(self._on_editor_source_add_requested)
        self.editor.source_edit_requested.connect(self._on_editor_source_edit_requested)
        self.editor.source_remove_requested.connect(self._on_editor_source_remove_requested)
        self.editor.source_snapshots_requested.connect(self._on_editor_source_snapshots_requested)
        self.editor.open_url_requested.connect(self._on_link_requested)
        self.checked.status_message.connect(self.status_message)

    # Layout

    def layout_state(self) -> tuple[str, str]:
        """The splitters' positions, base64-encoded for the settings file."""
        return to_base64(self.splitter.saveState()), to_base64(self.right_splitter.saveState())

    def restore_layout(self, main: str, panel: str, width: int) -> None:
        if main:
            self.splitter.restoreState(QByteArray.fromBase64(main.encode()))
        else:
            width = max(width, 1000)
            self.splitter.setSizes([int(width * 0.56), int(width * 0.44)])
        if panel:
            self.right_splitter.restoreState(QByteArray.fromBase64(panel.encode()))

    # Documents

    def refresh_documents(self, prefer: str = "") -> None:
        """List the project's articles and show the current one afresh (a new revision or
        imported annotations change its claims wholesale)."""
        current = self._document.id if self._document else prefer
        infos = self.read.documents()
        self.documents.clear()
        for info in infos:
            self.documents.addItem(info.title, info.id)
        # With one article its title is a label; the switcher appears once there are several.
        self.documents.setVisible(len(infos) > 1)
        self.title.setVisible(len(infos) <= 1)
        index = self.documents.findData(current) if current else -1
        if index < 0 and infos:
            index = 0
        self._document = None  # so that show_document reloads even the same article
        if index >= 0:
            self.documents.setCurrentIndex(index)
            self.show_document(str(self.documents.itemData(index)))
        else:
            self.show_document(None)

    def show_document(self, document_id: str | None) -> None:
        if (
            document_id is not None
            and self._document is not None
            and self._document.id == document_id
        ):
            return
        # First, while the claims shown are still the current ones: typing not yet saved in
        # the editor is committed for the claim it belongs to.
        self.editor.show_claim(None)
        document = self.read.document(document_id) if document_id else None
        self._document = document
        if document is not None and len(document.text) > PROGRESSIVE_CHARS:
            # A long article: its text first, its claims right after that frame is painted
            # (anything that needs them before loads them at once: ensure_claims).
            self._pending = document.id
            self._claims = {}
            self.article.show_document(document, [], self._info)
            self.panel.set_claims([], self._info)
            self.article.after_next_paint(self.ensure_claims)
        else:
            self._pending = None
            claims = self.read.claims(document_id) if document_id else []
            self._claims = {c.id: c for c in claims}
            self.article.show_document(document, claims, self._info)
            self.panel.set_claims(claims, self._info)
        title = document.title if document else ""
        self.title.setText(title if len(title) <= 80 else title[:79] + "…")
        self.title.setToolTip(safe(title))
        self.byline.setText(_byline(document))
        index = self.documents.findData(document_id)
        if index >= 0:
            self.documents.setCurrentIndex(index)
        self.document_shown.emit(document.info if document else None)

    @property
    def _claims(self) -> dict[str, Claim]:
        """The claims of the article shown, by id (loaded first if still to come)."""
        self.ensure_claims()
        return self._shown_claims

    @_claims.setter
    def _claims(self, claims: dict[str, Claim]) -> None:
        self._shown_claims = claims

    def ensure_claims(self) -> None:
        """Load the claims of a long article shown text first, if they are still to come."""
        if self._pending is None or self._document is None:
            return
        pending, self._pending = self._pending, None
        if pending != self._document.id:
            return
        claims = self.read.claims(pending)
        self._shown_claims = {c.id: c for c in claims}
        self.article.set_claims(claims)
        self.panel.set_claims(claims, self._info)
        select, self._select_when_loaded = self._select_when_loaded, None
        if select:
            self.panel.select_claim(select)

    def select_claim(self, claim_id: str) -> None:
        """Select a claim of the article shown (once its claims are there)."""
        if self._pending is not None:
            self._select_when_loaded = claim_id
            return
        self.panel.select_claim(claim_id)

    @property
    def current_document(self) -> Document | None:
        return self._document

    @property
    def info(self) -> ProjectInfo:
        """The project's settings as the window shows them (its rating scale)."""
        return self._info

    def place(self) -> tuple[str, str]:
        """The article shown and the claim selected ("" for none), to reopen them later."""
        if self._pending is not None and self._document is not None:
            return self._document.id, self._select_when_loaded or ""
        return (
            self._document.id if self._document else "",
            self.panel.selected_claim_id() or "",
        )

    def claim_spans(self) -> list[tuple[int, int]]:
        """Where the article's placed claims are (code points): suggestions leave them out."""
        return [
            (c.start, c.end)
            for c in self._claims.values()
            if c.anchor_state is not AnchorState.ORPHANED
        ]

    def claim_made(self, claim: Claim) -> None:
        """A claim was made from the article (a selection or a suggestion): select it."""
        self.panel.select_claim(claim.id, Origin.ARTICLE)

    def selected_claim(self) -> Claim | None:
        if self._pending is not None:
            return None  # nothing is selected before the claims are there
        claim_id = self.panel.selected_claim_id()
        return self._claims.get(claim_id) if claim_id else None

    # Actions

    def run(self, command: ServiceCommand) -> bool:
        """Execute a command and put it on the window's undo stack (CommandRunner)."""
        return self.runner.run(command)

    def edit_claim(self, claim: Claim, edit: ClaimEdit) -> None:
        self.run(EditClaimCommand(self.session, claim, edit))

    def create_claim_from_selection(self) -> None:
        if self._document is None:
            self.status_message.emit("Import an article first (Document › Import article…).")
            return
        span = self.article.selection_offsets()
        if span is None:
            self.status_message.emit(
                "Select the words of the claim in the article, then press Ctrl+E."
            )
            return
        existing = self._claim_on(span)
        if existing is not None:
            # The same words again would make a second, identical claim: select the one there.
            self.panel.select_claim(existing.id, Origin.ARTICLE)
            self.status_message.emit(
                f"That text is already claim {existing.label}; it is selected, not made twice."
            )
            return
        command = AddClaimCommand(self.session, self._document.id, *span)
        if self.run(command) and command.claim is not None:
            # Drawn as a claim picked in the list is: its words selected, its highlight marked.
            self.article.select_offsets(command.claim.start, command.claim.end)
            self.panel.select_claim(command.claim.id, Origin.ARTICLE)
            # The next thing to do is to say what is claimed: the keyboard goes there.
            self.editor.summary.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.status_message.emit(
                "Claim added; type its summary. Ctrl+1…9 rates it (F1 lists them); Ctrl+Z undoes."
            )

    def _claim_on(self, span: tuple[int, int]) -> Claim | None:
        """The placed claim whose text is exactly ``span``, if there is one."""
        return next(
            (
                c
                for c in self._claims.values()
                if c.anchor_state is not AnchorState.ORPHANED and (c.start, c.end) == span
            ),
            None,
        )

    def move_claim_to_selection(self) -> None:
        """Ctrl+Shift+M: place the claim selected in the list on the text selected in the
        article (selecting a claim in the list clears an earlier text selection, so this
        text was chosen for it). Text that is exactly another claim's span is asked about:
        two claims on one quote is more often a slip than a wish."""
        claim = self.selected_claim()
        span = self.article.selection_offsets()
        if claim is None or span is None:
            self.status_message.emit("Select a claim in the list and its text in the article.")
            return
        other = next(
            (
                c
                for c in self._claims.values()
                if c.id != claim.id
                and c.anchor_state is not AnchorState.ORPHANED
                and (c.start, c.end) == span
            ),
            None,
        )
        if other is not None:
            name = " ".join((other.summary or other.quote).split())
            name = name if len(name) <= 80 else name[:79] + "…"
            answer = QMessageBox.question(
                self,
                "Move claim",
                safe(
                    f"The selected text is already the text of another claim (“{name}”).\n\n"
                    "Place this claim on it as well?"
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self.run(MoveClaimCommand(self.session, claim, *span)):
            self.status_message.emit("Claim placed on the selected text.")

    def set_verdict(self, rating: str | None) -> None:
        claim = self.selected_claim()
        if claim is None:
            self.status_message.emit("Select a claim first.")
            return
        if rating == claim.rating_key:
            return
        rationale = claim.verdict.rationale if claim.verdict else ""
        if rating is not None:
            self._ensure_checker()
        self.run(SetVerdictCommand(self.session, claim, rating, rationale))

    def _ensure_checker(self) -> None:
        """Before the first verdict signed by nobody, ask once for the checker's name (kept
        for the app; a project may name its own in Project settings). Cancelling rates
        unsigned."""
        if self._checker_asked or self.read.checker_name():
            return
        self._checker_asked = True
        name, ok = QInputDialog.getText(
            self,
            "Your name",
            "Verdicts are signed with the checker's name. Your name, for every project:",
        )
        name = " ".join(name.split())
        if ok and name:
            self.checker_named.emit(name)

    def set_verdict_number(self, number: int) -> None:
        """Ctrl+<number>: the number-th rating of the scale."""
        if 1 <= number <= len(self._info.scale):
            self.set_verdict(self._info.scale[number - 1].key)
        else:
            self.status_message.emit(f"The rating scale has no rating {number}.")

    def delete_claim(self, claim_id: str | None = None) -> None:
        claim_id = claim_id or self.panel.selected_claim_id()
        if claim_id is None:
            self.status_message.emit("Select a claim to delete.")
            return
        row = self.panel.model.row_of(claim_id)
        if self.run(DeleteClaimCommand(self.session, claim_id)):
            count = self.panel.proxy.rowCount()
            if count and row is not None:
                self.panel.table.selectRow(min(row, count - 1))
            self.status_message.emit("Claim deleted. Ctrl+Z brings it back.")

    def select_relative(self, step: int) -> None:
        self.ensure_claims()
        self.panel.select_relative(step)

    def open_find(self) -> None:
        self.find_bar.open_bar()

    # Session signals

    def _on_session_claim_changed(self, claim: Claim) -> None:
        if self._document is None or claim.document_id != self._document.id:
            return
        self._claims[claim.id] = claim
        self.panel.upsert(claim)
        self.article.upsert_claim(claim)
        if self.panel.selected_claim_id() == claim.id:
            self._show_in_editor(claim)

    def _on_session_claim_removed(self, claim_id: str, _document_id: str) -> None:
        if self._claims.pop(claim_id, None) is None:
            return
        shown = self.editor.current_claim()
        self.panel.remove(claim_id)
        self.article.remove_claim(claim_id)
        if shown is not None and shown.id == claim_id:
            # The list moves its highlight to a neighbour: the editor shows that same claim,
            # so a rating key acts on the claim the editor shows.
            self._show_in_editor(self.selected_claim())

    def _on_session_project_changed(self, info: ProjectInfo) -> None:
        self._info = info
        self.panel.set_project_info(info)
        self.article.set_project_info(info)
        self.editor.set_scale(info.scale)

    def _on_session_replayed(self, claim_id: str, document_id: str, what: str) -> None:
        """After an undo or redo, show what it changed, even in another article."""
        self.status_message.emit(what)
        if claim_id and not document_id and claim_id not in self._claims:
            try:
                document_id = self.read.claim(claim_id).document_id
            except AnnotatorError:  # the step removed the claim
                document_id = ""
        if document_id and (self._document is None or self._document.id != document_id):
            self.show_document(document_id)
        if claim_id in self._claims:
            self.panel.select_claim(claim_id)

    def _on_session_replay_failed(self, why: str) -> None:
        # Not from inside the undo stack's own call: a modal box there would nest event loops.
        QTimer.singleShot(0, self, lambda: QMessageBox.warning(self, "Annotator", safe(why)))

    def _on_session_sources_changed(self) -> None:
        self.editor.set_project_sources(self.read.sources())
        self._show_evidence(self.editor.current_claim())

    # View signals

    def _on_documents_activated(self, index: int) -> None:
        if index >= 0:
            self.show_document(str(self.documents.itemData(index)))

    def _on_article_claim_clicked(self, claim_id: str) -> None:
        self.panel.select_claim(claim_id, Origin.ARTICLE)

    def _on_panel_claim_picked(self, claim_id: str | None, origin: Origin) -> None:
        """Show the claim picked in the list. A text selection made before it belongs to no
        claim, and Ctrl+Shift+M would move the claim onto it: so the article's selection
        becomes the claim's own text if it has a place (Ctrl+Shift+M then confirms it where
        it is), or nothing, and the user selects anew. A claim picked in the article (or
        just made there) leaves the article's selection as it is: there is none."""
        claim = self._claims.get(claim_id) if claim_id else None
        in_list = origin is Origin.LIST
        if claim is not None and in_list:
            if claim.anchor_state is AnchorState.ORPHANED:
                self.article.clear_selection()
            else:
                self.article.select_offsets(claim.start, claim.end)
        self.article.select_claim(claim_id, scroll=in_list)
        self._show_in_editor(claim)
        self.checked.show_claim(claim)
        self.claim_selected.emit(claim)

    def _show_in_editor(self, claim: Claim | None) -> None:
        shown = self.editor.current_claim()
        self.editor.show_claim(claim)
        self._show_evidence(claim)
        fresh = shown is None or claim is None or shown.id != claim.id
        if claim is not None and claim.anchor_state.needs_review and fresh:
            self.editor.show_anchor_changes(self.read.anchor_changes(claim.id))

    def _show_evidence(self, claim: Claim | None) -> None:
        sources = [link.source.id for link in claim.sources] if claim is not None else []
        self.editor.set_source_evidence(self.read.evidence(sources) if sources else {})

    def _on_link_requested(self, url: str) -> None:
        confirm_open_url(self, url)

    def _on_editor_edit_requested(self, claim_id: str, edit: ClaimEdit) -> None:
        claim = self._claims.get(claim_id)
        if claim is not None:
            self.edit_claim(claim, edit)

    def _on_editor_verdict_requested(
        self, claim_id: str, rating: str | None, rationale: str
    ) -> None:
        claim = self._claims.get(claim_id)
        if claim is None:
            return
        if rating == claim.rating_key and rationale == (
            claim.verdict.rationale if claim.verdict else ""
        ):
            return
        if rating is not None:
            self._ensure_checker()
        self.run(SetVerdictCommand(self.session, claim, rating, rationale))

    def _on_editor_source_add_requested(
        self, claim_id: str, source: Source, stance: Stance, excerpt: str
    ) -> None:
        command = AddSourceLinkCommand(self.session, claim_id, source, stance, excerpt)
        if self.run(command) and command.reused:
            self.status_message.emit(
                f"That address is already a source in this project: “{command.source.title}” "
                "is cited again, not copied."
            )

    def _on_editor_source_edit_requested(
        self, claim_id: str, old: SourceLink, source: Source, stance: Stance, excerpt: str
    ) -> None:
        self.run(EditSourceLinkCommand(self.session, claim_id, old, source, stance, excerpt))

    def _on_editor_source_remove_requested(self, claim_id: str, source_id: str) -> None:
        self.run(RemoveSourceLinkCommand(self.session, claim_id, source_id))

    def _on_editor_source_snapshots_requested(self, claim_id: str, source_id: str) -> None:
        open_snapshots_dialog(self, self.session, self.runner, claim_id, source_id)


def _byline(document: Document | None) -> str:
    """Author · outlet · date · original address, above the article (the headline is the
    title beside it)."""
    if document is None:
        return ""
    info = document.info
    origin = info.origin if is_web_url(info.origin) else ""
    parts = [p for p in (info.author, info.publisher, info.published[:10], origin) if p]
    return " · ".join(parts)
