"""How a source is drawn in a list: its title in bold over its publisher and web host, and for a
source linked to a claim, a coloured stance chip in front.

Used by the claim editor's sources list and the "Add existing source" dialog. Items hold the
Source or SourceLink snapshot under ``SOURCE_ROLE``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from annotator.domain.model import Source, SourceLink
from annotator.domain.snapshot import KeptEvidence
from annotator.ui.widgets.verdict_chip import STANCE_COLORS, STANCE_LABELS, paint_chip

SOURCE_ROLE = Qt.ItemDataRole.UserRole
EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 2
"""A KeptEvidence: the source's snapshots, shown after its host (⚠ in front of the title when
one of them no longer matches its hash)."""
_PAD = 6


class SourceDelegate(QStyledItemDelegate):
    """Two lines per source, with a stance chip when the item holds a SourceLink."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()  # type: ignore[attr-defined]
        return QSize(200, 2 * line + 3 * _PAD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        data = index.data(SOURCE_ROLE)
        source = data.source if isinstance(data, SourceLink) else data
        if not isinstance(source, Source):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        rect: QRect = option.rect.adjusted(_PAD, _PAD, -_PAD, -_PAD)  # type: ignore[attr-defined]
        if isinstance(data, SourceLink):
            metrics = QFontMetrics(option.font)  # type: ignore[attr-defined]
            chip_w = max(metrics.horizontalAdvance(text) for text in STANCE_LABELS.values()) + 16
            chip = QRect(rect.left(), rect.top(), chip_w, metrics.lineSpacing() + 2)
            paint_chip(painter, chip, STANCE_LABELS[data.stance], STANCE_COLORS[data.stance])
            rect.setLeft(rect.left() + chip_w + _PAD)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        evidence = index.data(EVIDENCE_ROLE)
        kept = evidence if isinstance(evidence, KeptEvidence) else None
        _paint_lines(painter, option.palette, rect, source, selected, kept)  # type: ignore[attr-defined]


def source_detail(source: Source, kept: KeptEvidence | None = None) -> str:
    """The second line: publisher, web host and the snapshots kept."""
    parts = (source.publisher, urlsplit(source.url).netloc, kept.describe() if kept else "")
    return " · ".join(part for part in parts if part)


def _paint_lines(
    painter: QPainter,
    palette: QPalette,
    rect: QRect,
    source: Source,
    selected: bool,
    kept: KeptEvidence | None,
) -> None:
    painter.save()
    font = painter.font()
    font.setBold(True)
    painter.setFont(font)
    line = painter.fontMetrics().lineSpacing()
    text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    painter.setPen(palette.color(text_role))
    badge = "⚠ " if kept is not None and kept.damaged else ""
    title = painter.fontMetrics().elidedText(
        badge + (source.title or source.url), Qt.TextElideMode.ElideRight, rect.width()
    )
    painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line + 2), 0, title)
    font.setBold(False)
    painter.setFont(font)
    if not selected:
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
    detail = painter.fontMetrics().elidedText(
        source_detail(source, kept), Qt.TextElideMode.ElideRight, rect.width()
    )
    painter.drawText(QRect(rect.left(), rect.top() + line + _PAD, rect.width(), line), 0, detail)
    painter.restore()
