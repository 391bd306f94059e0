"""The sources section of the claim editor: the claim's evidence and the buttons that change it.

Each row shows the stance as a coloured chip, the source's title (or URL) and its publisher
(see source_delegates).
The dialogs run here; what they return is emitted as a request, and the list only changes when
the editor is shown the next snapshot.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Source, SourceLink
from annotator.domain.snapshot import KeptEvidence
from annotator.domain.web import is_web_url
from annotator.ui.dialogs.source_dialog import PickSourceDialog, SourceDialog
from annotator.ui.plain import safe
from annotator.ui.widgets.editor_fields import quiet_label
from annotator.ui.widgets.source_delegates import EVIDENCE_ROLE, SOURCE_ROLE, SourceDelegate
from annotator.ui.widgets.verdict_chip import STANCE_LABELS

_MAX_VISIBLE_ROWS = 6


class SourcesPanel(QWidget):
    """The list of a claim's source links with Add…, Add existing…, Edit…, Remove and Open."""

    add_requested = Signal(object, object, str)  # Source, Stance, excerpt
    edit_requested = Signal(object, object, object, str)  # old link, Source, Stance, excerpt
    remove_requested = Signal(str)  # source id
    open_url_requested = Signal(str)
    snapshots_requested = Signal(str)  # source id: show, add or capture its snapshots

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._links: tuple[SourceLink, ...] = ()
        self._evidence: dict[str, KeptEvidence] = {}
        self._project_sources: list[Source] = []
        self._init_list()
        self._init_buttons()
        self._init_layout()
        self._connect_signals()
        self.set_links(())

    def _init_list(self) -> None:
        self.list = QListWidget()
        self.list.setAccessibleName("Sources of this claim")
        self.list.setItemDelegate(SourceDelegate(self.list))
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.empty = quiet_label("No sources yet. Add the evidence that supports or refutes it.")

    def _init_buttons(self) -> None:
        # Actions drive both the buttons and the list's context menu, so they enable together.
        def action(text: str, tip: str, button_text: str = "") -> tuple[QAction, QToolButton]:
            act = QAction(text, self)
            act.setToolTip(tip)
            act.setIconText(button_text or text)  # what the tool button shows
            button = QToolButton()
            button.setDefaultAction(act)
            button.setAccessibleName(text.rstrip("…"))
            return act, button

        self.add_action, self.add_button = action("Add…", "Add a new source to this claim (Alt+O)")
        self.add_action.setShortcut(QKeySequence("Alt+O"))
        self.add_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.add_action)  # Alt+O works wherever the editor is shown
        self.add_existing_action, self.add_existing_button = action(
            "Add Existing…", "Link a source the project already has", "Existing…"
        )
        self.edit_action, self.edit_button = action("Edit…", "Edit the selected source")
        self.remove_action, self.remove_button = action(
            "Remove", "Unlink the selected source from this claim (Del)"
        )
        self.remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action, self.open_button = action(
            "Open in Browser", "Open the selected source in the web browser", "Open"
        )
        self.snapshots_action, self.snapshots_button = action(
            "Snapshots…",
            "The selected source's snapshots: read them offline, add a file, capture the page",
        )
        self.list.addActions(
            [self.edit_action, self.remove_action, self.open_action, self.snapshots_action]
        )

    def _init_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for widget in (self.add_button, self.add_existing_button, self.edit_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        # A row of its own: the editor stays as narrow as before (340 px).
        evidence = QHBoxLayout()
        evidence.addWidget(self.snapshots_button)
        evidence.addStretch(1)
        layout.addLayout(evidence)

    def _connect_signals(self) -> None:
        self.add_action.triggered.connect(self._on_add_triggered)
        self.add_existing_action.triggered.connect(self._on_add_existing_triggered)
        self.edit_action.triggered.connect(self._on_edit_triggered)
        self.remove_action.triggered.connect(self._on_remove_triggered)
        self.open_action.triggered.connect(self._on_open_triggered)
        self.snapshots_action.triggered.connect(self._on_snapshots_triggered)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(self._on_edit_triggered)

    def set_links(self, links: tuple[SourceLink, ...]) -> None:
        """Show a snapshot's links, keeping the selected source selected if it is still there."""
        selected = self.selected_link()
        self._links = links
        self.list.clear()
        for link in links:
            item = QListWidgetItem(link.source.title or link.source.url)
            item.setData(SOURCE_ROLE, link)
            kept = self._evidence.get(link.source.id)
            item.setData(EVIDENCE_ROLE, kept)
            item.setToolTip(safe(_tooltip(link, kept)))
            self.list.addItem(item)
            if selected is not None and link.source.id == selected.source.id:
                self.list.setCurrentItem(item)
        self._fit_height()
        self.empty.setVisible(not links)
        self.list.setVisible(bool(links))
        self._update_buttons()

    def set_evidence(self, evidence: dict[str, KeptEvidence]) -> None:
        """The snapshots kept of each source (by id): counted after the host, ⚠ when one of
        them no longer matches its hash."""
        self._evidence = dict(evidence)
        self.set_links(self._links)

    def set_project_sources(self, sources: list[Source]) -> None:
        self._project_sources = list(sources)
        self._update_buttons()

    def selected_link(self) -> SourceLink | None:
        item = self.list.currentItem()
        link = item.data(SOURCE_ROLE) if item is not None and item.isSelected() else None
        return link if isinstance(link, SourceLink) else None

    def _linked_ids(self) -> set[str]:
        return {link.source.id for link in self._links}

    def _fit_height(self) -> None:
        # The editor scrolls as a whole; a short list avoids a scroll area inside a scroll area.
        row = self.list.sizeHintForRow(0) if self.list.count() else 40
        rows = min(max(self.list.count(), 1), _MAX_VISIBLE_ROWS)
        self.list.setFixedHeight(rows * row + 2 * self.list.frameWidth())

    def _update_buttons(self) -> None:
        link = self.selected_link()
        available = self._linked_ids()
        self.add_existing_action.setEnabled(
            any(s.id not in available for s in self._project_sources)
        )
        self.edit_action.setEnabled(link is not None)
        self.remove_action.setEnabled(link is not None)
        self.open_action.setEnabled(link is not None and is_web_url(link.source.url))
        self.snapshots_action.setEnabled(link is not None)

    def _on_add_triggered(self) -> None:
        result = SourceDialog.get_new(self)
        if result is not None:
            self.add_requested.emit(*result)

    def _on_add_existing_triggered(self) -> None:
        result = PickSourceDialog.get(self, self._project_sources, self._linked_ids())
        if result is not None:
            self.add_requested.emit(*result)

    def _on_edit_triggered(self) -> None:
        link = self.selected_link()
        result = SourceDialog.get_edit(self, link) if link is not None else None
        if link is None or result is None:
            return
        source, stance, excerpt = result
        if (source, stance, excerpt) != (link.source, link.stance, link.excerpt):
            self.edit_requested.emit(link, source, stance, excerpt)

    def _on_remove_triggered(self) -> None:
        link = self.selected_link()
        if link is not None:
            self.remove_requested.emit(link.source.id)

    def _on_snapshots_triggered(self) -> None:
        link = self.selected_link()
        if link is not None:
            self.snapshots_requested.emit(link.source.id)

    def _on_open_triggered(self) -> None:
        link = self.selected_link()
        if link is not None and is_web_url(link.source.url):
            self.open_url_requested.emit(link.source.url.strip())


def _tooltip(link: SourceLink, kept: KeptEvidence | None = None) -> str:
    lines = [link.source.title, link.source.url, STANCE_LABELS[link.stance]]
    if kept is not None:
        lines.append(kept.describe())
    if link.excerpt:
        excerpt = link.excerpt if len(link.excerpt) <= 300 else link.excerpt[:300] + "…"
        lines.append(f"“{excerpt}”")
    return "\n".join(line for line in lines if line)
