"""The claims panel: filters, the verdict bar, and the table of the document's claims."""

from __future__ import annotations

import enum

from PySide6.QtCore import QItemSelection, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Claim, ClaimStatus, ProjectInfo
from annotator.ui.models.claims_model import (
    RATING_ROLE,
    STATUS_LABELS,
    UNRATED,
    ClaimsFilterProxy,
    ClaimsTableModel,
    Column,
)
from annotator.ui.widgets.verdict_bar import VerdictBar
from annotator.ui.widgets.verdict_chip import color_swatch_icon, paint_chip, verdict_colors

ALL = "__all__"


class VerdictChipDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text = option.text
        option.text = ""
        if style is not None:
            style.drawControl(style.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        background, _ = verdict_colors(index.data(RATING_ROLE))
        rect = option.rect.adjusted(4, 4, -4, -4)
        paint_chip(painter, rect, text, background)


class ClaimsTable(QTableView):
    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


class Origin(enum.Enum):
    """Where a claim selection came from."""

    LIST = enum.auto()  # the list itself, or the window's commands (next claim, undo)
    ARTICLE = enum.auto()  # a click on a highlight, or a claim just marked in the article


class ClaimsPanel(QWidget):
    claim_selected = Signal(object)  # claim id or None
    # The same, with where the selection came from (Origin): the article's own clicks need
    # no scrolling there and keep its text selection as it is.
    claim_picked = Signal(object, object)  # claim id or None, Origin
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ClaimsTableModel(self)
        self.proxy = ClaimsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._info: ProjectInfo | None = None
        self._origin = Origin.LIST
        self._tags_shown: list[str] | None = None
        self._init_filters()
        self._init_table()
        self._init_layout()
        self._connect_signals()

    def _init_filters(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter claims")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Filter claims")
        self.verdict_filter = QComboBox(self)
        self.verdict_filter.setAccessibleName("Filter by verdict")
        self.status_filter = QComboBox(self)
        self.status_filter.setAccessibleName("Filter by status")
        self.status_filter.addItem("Any status", ALL)
        for status, label in STATUS_LABELS.items():
            self.status_filter.addItem(label, status.value)
        self.tag_filter = QComboBox(self)
        self.tag_filter.setAccessibleName("Filter by tag")
        self.tag_filter.addItem("Any tag", ALL)
        self.bar = VerdictBar(self)
        self.empty_hint = QLabel(
            "No claims yet.\nSelect a statement in the article and press Ctrl+E.", self
        )
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setEnabled(False)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("claimCount")

    def _init_table(self) -> None:
        self.table = ClaimsTable(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Tab leaves the list for the editor; arrows move between claims.
        self.table.setTabKeyNavigation(False)
        self.table.setItemDelegateForColumn(Column.VERDICT, VerdictChipDelegate(self.table))
        numbers = self.table.verticalHeader()
        numbers.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        numbers.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAccessibleName("Claims")
        header = self.table.horizontalHeader()
        # Fixed widths from the font, not ResizeToContents: that measures every row on each
        # change and costs a second per keystroke in the filter with 5,000 claims.
        metrics = self.fontMetrics()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.CLAIM, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(Column.VERDICT, 116)
        header.resizeSection(
            Column.STATUS,
            max(metrics.horizontalAdvance(t) for t in (*STATUS_LABELS.values(), "Status")) + 16,
        )
        header.resizeSection(Column.SOURCES, metrics.horizontalAdvance("Sources") + 16)
        numbers.setMinimumWidth(metrics.horizontalAdvance("0000") + 8)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)

    def _init_layout(self) -> None:
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.verdict_filter, 1)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.tag_filter, 1)
        summary = QHBoxLayout()
        summary.addWidget(self.bar, 1)
        summary.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addLayout(summary)
        self.table_stack = QStackedWidget(self)
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty_hint)
        layout.addWidget(self.table_stack, 1)

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._on_search_changed)
        self.verdict_filter.currentIndexChanged.connect(self._on_verdict_filter_changed)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
        self.tag_filter.currentIndexChanged.connect(self._on_tag_filter_changed)
        self.bar.segment_clicked.connect(self._on_bar_segment_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.delete_requested.connect(self._on_table_delete_requested)
        # The verdict bar follows the claims; the count follows the filter too. Filtering
        # 5,000 rows emits hundreds of row signals, so each of these stays cheap.
        for signal in (
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
            self.model.dataChanged,
        ):
            signal.connect(self._refresh_bar)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
            # The proxy drops a row before the model has (on rowsAboutToBeRemoved): count
            # again once the model's row is gone too.
            self.model.rowsRemoved,
        ):
            signal.connect(self._refresh_count)

    # Content

    def set_claims(self, claims: list[Claim], info: ProjectInfo) -> None:
        self._info = info
        self.model.set_claims(claims, info)
        self._fill_verdict_filter(info)
        self._refresh_tags()
        self._refresh_summary()

    def set_project_info(self, info: ProjectInfo) -> None:
        self._info = info
        self.model.set_project_info(info)
        self._fill_verdict_filter(info)
        self._refresh_summary()

    def upsert(self, claim: Claim) -> None:
        selected = self.selected_claim_id()
        self.model.upsert(claim)
        self._refresh_tags()
        if selected is not None and self.selected_claim_id() != selected:
            self.select_claim(selected)

    def remove(self, claim_id: str) -> None:
        self.model.remove(claim_id)
        self._refresh_tags()

    # Selection

    def selected_claim_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.claim_at(self.proxy.mapToSource(rows[0]).row()).id

    def select_claim(self, claim_id: str | None, origin: Origin = Origin.LIST) -> None:
        """Select a claim (None: none) for a reason given with the signals it sends."""
        self._origin = origin
        try:
            self._select(claim_id)
        finally:
            self._origin = Origin.LIST  # what the user does in the list itself

    def _select(self, claim_id: str | None) -> None:
        if claim_id is None:
            self.table.clearSelection()
            return
        row = self.model.row_of(claim_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            # Filtered out: clear the filters rather than hide the selected claim.
            self.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)

    def select_relative(self, step: int) -> None:
        """Select the next (+1) or previous (-1) visible claim in article order."""
        count = self.proxy.rowCount()
        if not count:
            return
        current = self.table.selectionModel().selectedRows()
        if not current:
            row = 0 if step > 0 else count - 1
        else:
            row = min(max(current[0].row() + step, 0), count - 1)
        self.table.selectRow(row)
        self.table.scrollTo(self.proxy.index(row, 0))

    def clear_filters(self) -> None:
        self.search.clear()
        for combo in (self.verdict_filter, self.status_filter, self.tag_filter):
            combo.setCurrentIndex(0)

    # Slots

    def _on_search_changed(self, text: str) -> None:
        self.proxy.set_text(text)

    def _on_verdict_filter_changed(self, _index: int) -> None:
        value = self.verdict_filter.currentData()
        self.proxy.set_rating(None if value == ALL else str(value))
        self.bar.set_selected(self.proxy.rating)
        self._refresh_count()

    def _on_status_filter_changed(self, _index: int) -> None:
        value = self.status_filter.currentData()
        self.proxy.set_status(None if value == ALL else ClaimStatus(value))
        self._refresh_count()

    def _on_tag_filter_changed(self, _index: int) -> None:
        value = self.tag_filter.currentData()
        self.proxy.set_tag(None if value == ALL else str(value))
        self._refresh_count()

    def _on_bar_segment_clicked(self, key: str) -> None:
        target = ALL if self.proxy.rating == key else key
        index = self.verdict_filter.findData(target)
        self.verdict_filter.setCurrentIndex(max(index, 0))

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        claim_id = self.selected_claim_id()
        self.claim_selected.emit(claim_id)
        self.claim_picked.emit(claim_id, self._origin)

    def _on_table_delete_requested(self) -> None:
        claim_id = self.selected_claim_id()
        if claim_id is not None:
            self.delete_requested.emit(claim_id)

    # Helpers

    def _fill_verdict_filter(self, info: ProjectInfo) -> None:
        current = self.verdict_filter.currentData()
        self.verdict_filter.blockSignals(True)
        self.verdict_filter.clear()
        self.verdict_filter.addItem("Any verdict", ALL)
        for rating in info.scale:
            self.verdict_filter.addItem(color_swatch_icon(rating.color), rating.label, rating.key)
        self.verdict_filter.addItem("Unrated", UNRATED)
        index = self.verdict_filter.findData(current)
        self.verdict_filter.setCurrentIndex(max(index, 0))
        self.verdict_filter.blockSignals(False)
        if index < 0:
            self._on_verdict_filter_changed(0)

    def _refresh_tags(self) -> None:
        """Fill the tag box again, only if the set of tags changed (the model counts them)."""
        tags = self.model.tags()
        if tags == self._tags_shown:
            return
        self._tags_shown = tags
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("Any tag", ALL)
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        index = self.tag_filter.findData(current)
        self.tag_filter.setCurrentIndex(max(index, 0))
        self.tag_filter.blockSignals(False)
        self.tag_filter.setEnabled(bool(tags))
        if index < 0:
            self._on_tag_filter_changed(0)

    def _refresh_summary(self) -> None:
        self._refresh_bar()
        self._refresh_count()

    def _refresh_bar(self) -> None:
        if self._info is None:
            return
        counts = self.model.rating_counts()  # kept by the model as claims change
        unrated = counts.pop("", 0)
        self.bar.set_counts(self._info.scale, counts, unrated)

    def _refresh_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.table_stack.setCurrentWidget(self.table if total else self.empty_hint)
        noun = "claim" if total == 1 else "claims"
        self.count_label.setText(
            f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
        )
