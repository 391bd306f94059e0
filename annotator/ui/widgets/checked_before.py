"""The "Checked before" panel: the library's best matches for the selected claim, each with
its verdict chip, outlet, date and similarity; a review can be opened (after asking) or used
as a source of the claim with a stance.

It shows what it is given and says what the user asked for; the workbench does the rest.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.library import Match
from annotator.domain.model import Stance
from annotator.domain.ratings import UNRATED_COLOR
from annotator.domain.web import is_web_url
from annotator.ui.widgets.verdict_chip import paint_chip

_FALSE, _MIXED, _TRUE = QColor("#c62828"), QColor("#ef8f00"), QColor("#2e7d32")
_FALSE_WORDS = ("false", "fake", "pants", "incorrect", "wrong", "hoax", "fabricated")
_TRUE_WORDS = ("true", "correct", "accurate")


def verdict_color(match: Match) -> QColor:
    """The chip's colour: from the rating's place on its scale when the review gives one,
    else from the verdict's words (false is red, true green, anything between amber)."""
    entry = match.entry
    low, high = entry.worst_rating, entry.best_rating
    if entry.rating is not None and low is not None and high is not None and high != low:
        share = max(0.0, min(1.0, (entry.rating - low) / (high - low)))
        return (
            _blend(_FALSE, _MIXED, share * 2)
            if share < 0.5
            else _blend(_MIXED, _TRUE, share * 2 - 1)
        )
    label = entry.verdict.casefold()
    if any(word in label for word in _FALSE_WORDS):
        return _MIXED if "mostly" in label or "half" in label else _FALSE
    if any(word in label for word in _TRUE_WORDS):
        return _MIXED if "mostly" in label or "half" in label else _TRUE
    return QColor(UNRATED_COLOR) if not label else _MIXED


def _blend(a: QColor, b: QColor, share: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    )


class _Chip(QWidget):
    def __init__(self, text: str, color: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text, self._color = text, color
        self.setFixedSize(QSize(104, 20))
        self.setToolTip(text)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_chip(painter, QRect(0, 0, self.width(), self.height()), self._text, self._color)


def _row(match: Match, parent: QWidget) -> QWidget:
    entry = match.entry
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(4, 3, 4, 3)
    layout.addWidget(
        _Chip(entry.verdict or "No rating", verdict_color(match), row),
        0,
        Qt.AlignmentFlag.AlignTop,
    )
    claim = " ".join(entry.claim.split())
    where = " · ".join(
        part
        for part in (entry.outlet, entry.review_date[:10], f"{match.similarity:.0%} alike")
        if part
    )
    text = QLabel(f"{claim if len(claim) <= 160 else claim[:159] + '…'}\n{where}", row)
    text.setTextFormat(Qt.TextFormat.PlainText)  # feed text is untrusted
    text.setWordWrap(True)
    layout.addWidget(text, 1)
    return row


class CheckedBeforePanel(QWidget):
    """The matches of one claim. ``open_requested`` and ``use_requested`` carry the match."""

    open_requested = Signal(object)  # Match
    use_requested = Signal(object, object)  # Match, Stance

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matches: list[Match] = []
        self.heading = QLabel("Checked before", self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Checked before")
        self.open_button = QPushButton("&Open review", self)
        self.use_button = QToolButton(self)
        self.use_button.setText("&Use as source")
        self.use_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.use_button)
        for stance in Stance:
            action = menu.addAction(f"As a source that {stance.value}" if stance is not
                                    Stance.CONTEXT else "As context")  # fmt: skip
            action.setObjectName(f"use-{stance.value}")
            action.triggered.connect(lambda _=False, s=stance: self._on_use(s))
        self.use_button.setMenu(menu)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.use_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.list.itemDoubleClicked.connect(lambda _item: self._on_open())
        self.open_button.clicked.connect(self._on_open)
        self.show_matches(None, [])

    def show_matches(self, claim_id: str | None, matches: list[Match]) -> None:
        """The matches of the selected claim (``claim_id`` None: no claim selected)."""
        self._matches = list(matches)
        self.list.clear()
        for match in self._matches:
            item = QListWidgetItem(self.list)
            widget = _row(match, self.list)
            item.setSizeHint(widget.sizeHint())
            self.list.setItemWidget(item, widget)
        if claim_id is None:
            self.status.setText("Select a claim to see whether it was checked before.")
        elif not self._matches:
            self.status.setText(
                "Nothing like it in the library. File › Import fact-check feed… adds reviews."
            )
        else:
            self.status.setText("")
        self.status.setHidden(not self.status.text())  # no empty line above the matches
        if self._matches:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def show_searching(self) -> None:
        self.status.setText("Searching the library…")
        self.status.show()

    def show_failure(self, why: str) -> None:
        self.status.setText(f"The library cannot be searched: {why}")
        self.status.show()

    def matches(self) -> list[Match]:
        return list(self._matches)

    def current(self) -> Match | None:
        row = self.list.currentRow()
        return self._matches[row] if 0 <= row < len(self._matches) else None

    def _update_buttons(self) -> None:
        match = self.current()
        entry = match.entry if match else None
        self.open_button.setEnabled(entry is not None and bool(entry.url or entry.project))
        self.use_button.setEnabled(entry is not None and is_web_url(entry.url))

    def _on_open(self) -> None:
        match = self.current()
        if match is not None:
            self.open_requested.emit(match)

    def _on_use(self, stance: Stance) -> None:
        match = self.current()
        if match is not None and is_web_url(match.entry.url):
            self.use_requested.emit(match, stance)
