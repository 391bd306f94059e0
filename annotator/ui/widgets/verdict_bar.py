"""A stacked bar of the share of each verdict; clicking a segment filters by it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from annotator.domain.model import Rating
from annotator.domain.ratings import UNRATED_COLOR


@dataclass(frozen=True, slots=True)
class Segment:
    key: str  # a rating key, or "" for unrated
    label: str
    color: str
    count: int


class VerdictBar(QWidget):
    segment_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._segments: list[Segment] = []
        self._selected: str | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Verdict shares")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:
        return QSize(240, 16)

    def set_counts(self, scale: tuple[Rating, ...], counts: dict[str, int], unrated: int) -> None:
        self._segments = [Segment(r.key, r.label, r.color, counts.get(r.key, 0)) for r in scale]
        self._segments.append(Segment("", "Unrated", UNRATED_COLOR, unrated))
        total = sum(s.count for s in self._segments)
        parts = [f"{s.label}: {s.count}" for s in self._segments if s.count]
        self.setToolTip("")
        self.setAccessibleDescription(", ".join(parts) if total else "No claims yet")
        self.update()

    def set_selected(self, key: str | None) -> None:
        self._selected = key
        self.update()

    def segments(self) -> list[Segment]:
        return list(self._segments)

    def _rects(self) -> list[tuple[Segment, QRectF]]:
        total = sum(s.count for s in self._segments)
        if not total:
            return []
        area = QRectF(self.rect()).adjusted(0.5, 2.5, -0.5, -2.5)
        x = area.left()
        result = []
        for segment in self._segments:
            if not segment.count:
                continue
            width = area.width() * segment.count / total
            result.append((segment, QRectF(x, area.top(), width, area.height())))
            x += width
        return result

    def segment_at(self, x: float) -> Segment | None:
        return next((s for s, rect in self._rects() if rect.left() <= x < rect.right()), None)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rects = self._rects()
        if not rects:
            painter.setPen(QPen(self.palette().mid().color(), 1, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 2.5, -0.5, -2.5), 4, 4)
            return
        for segment, rect in rects:
            color = QColor(segment.color)
            if self._selected is not None and segment.key != self._selected:
                color.setAlpha(70)
            painter.fillRect(rect, color)
        painter.setPen(QPen(self.palette().window().color(), 1))
        for _segment, rect in rects[1:]:
            painter.drawLine(rect.topLeft(), rect.bottomLeft())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            segment = self.segment_at(event.pos().x())
            if segment is not None:
                QToolTip.showText(
                    event.globalPos(), f"{segment.label}: {segment.count} — click to filter", self
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        segment = self.segment_at(event.position().x())
        if segment is not None and event.button() == Qt.MouseButton.LeftButton:
            self.segment_clicked.emit(segment.key)
