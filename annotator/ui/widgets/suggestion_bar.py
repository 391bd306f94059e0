"""The bar over the article while claim suggestions show: how many (a spin box, 10 per 1,000
words to start with), how many are left, the keys, and a button to hide them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QToolButton, QWidget

MAX_SHOWN = 999


class SuggestionBar(QWidget):
    count_changed = Signal(int)
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionBar")
        self.count = QSpinBox(self)
        self.count.setRange(1, MAX_SHOWN)
        self.count.setAccessibleName("Number of suggested claims")
        self.count.setToolTip("How many of the most check-worthy sentences to show")
        self.status = QLabel(self)
        keys = QLabel("F8: next · Enter: mark · Backspace: dismiss", self)
        keys.setToolTip(
            "F8 / Shift+F8: next / previous suggestion; Enter or a click: mark it as a claim; "
            "Backspace: dismiss it (Ctrl+Z undoes either)"
        )
        keys.setEnabled(False)  # a hint, drawn faint
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Hide the suggestions (Ctrl+G)")
        label = QLabel("Suggested claims:", self)
        label.setBuddy(self.count)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(label)
        layout.addWidget(self.count)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(keys)
        layout.addWidget(close)
        self.count.valueChanged.connect(self.count_changed)
        close.clicked.connect(self.close_requested)
        self.hide()

    def set_count(self, value: int) -> None:
        """Set the number without announcing it (a new article's default)."""
        blocked = self.count.blockSignals(True)
        self.count.setValue(value)
        self.count.blockSignals(blocked)

    def show_counts(self, shown: int, left: int) -> None:
        if left == 0:
            self.status.setText("no sentence left to suggest")
        else:
            self.status.setText(f"{shown} shown of {left} left")
            self.status.setToolTip(f"{left} sentences not yet claimed or dismissed")
