"""Verdict and stance chips drawn the same way everywhere: claims table, editor and dialogs.

A rating's colour comes from the project's scale; the text on top of it is black or white,
whichever contrasts more (WCAG relative luminance), so user-chosen colours stay readable.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPixmap

from annotator.domain.model import Rating, Stance
from annotator.domain.ratings import UNRATED_COLOR

_DARK_TEXT = QColor("#1b1b1b")
_LIGHT_TEXT = QColor("#ffffff")


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def readable_text_color(background: QColor) -> QColor:
    """Black or white text, whichever has the higher contrast ratio on ``background``."""
    lum = _luminance(background)
    contrast_white = 1.05 / (lum + 0.05)
    contrast_dark = (lum + 0.05) / (_luminance(_DARK_TEXT) + 0.05)
    return QColor(_LIGHT_TEXT if contrast_white >= contrast_dark else _DARK_TEXT)


def verdict_colors(rating: Rating | None) -> tuple[QColor, QColor]:
    """The chip background for a rating (grey when unrated or invalid) and its text colour."""
    background = QColor(rating.color if rating is not None else UNRATED_COLOR)
    if not background.isValid():
        background = QColor(UNRATED_COLOR)
    return background, readable_text_color(background)


def paint_chip(
    painter: QPainter, rect: QRect | QRectF, text: str, background: QColor | str
) -> None:
    """A fully rounded chip filling ``rect`` with ``text`` centred and elided to fit."""
    fill = QColor(background)
    area = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5)
    radius = min(area.height() / 2, 8.0)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    path = QPainterPath()
    path.addRoundedRect(area, radius, radius)
    painter.fillPath(path, fill)
    painter.setPen(readable_text_color(fill))
    padding = max(radius, 6.0)
    text_area = area.adjusted(padding, 0, -padding, 0)
    elided = painter.fontMetrics().elidedText(
        text, Qt.TextElideMode.ElideRight, int(text_area.width())
    )
    painter.drawText(text_area, Qt.AlignmentFlag.AlignCenter, elided)
    painter.restore()


def color_swatch_icon(color: str, size: int = 12) -> QIcon:
    """A small rounded square of ``color`` with a thin darker border (visible on any theme)."""
    fill = QColor(color)
    if not fill.isValid():
        fill = QColor(UNRATED_COLOR)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(fill.darker(140))
    painter.setBrush(fill)
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 2.5, 2.5)
    painter.end()
    return QIcon(pixmap)


STANCE_LABELS: dict[Stance, str] = {
    Stance.SUPPORTS: "Supports",
    Stance.REFUTES: "Refutes",
    Stance.CONTEXT: "Context",
}
STANCE_COLORS: dict[Stance, str] = {
    Stance.SUPPORTS: "#2e7d32",
    Stance.REFUTES: "#c62828",
    Stance.CONTEXT: "#546e7a",
}
STANCE_HINTS: dict[Stance, str] = {
    Stance.SUPPORTS: "The source backs the claim up.",
    Stance.REFUTES: "The source contradicts the claim.",
    Stance.CONTEXT: "Background that neither supports nor refutes the claim.",
}
