"""Ghost highlights of claim suggestions in the article view.

Suggestions are transient marks, so they are ``ExtraSelection``s (DESIGN.md, "Highlights"),
drawn unlike any claim: no fill colour of a rating, only a dashed underline and a faint tint,
a little stronger on the current one. The marks know their suggestions in article order and
which one is current, for next/previous and for accepting or dismissing the one under the
cursor.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from annotator.domain.suggestions import Suggestion

GHOST_COLOR = "#6a5acd"
"""Slate blue: apart from the rating colours, so a suggestion never passes for a claim."""
TINT_ALPHA = 22
CURRENT_ALPHA = 60


class SuggestionMarks(QObject):
    """The suggestions shown on one text edit; ``to_qt`` turns code points into its positions."""

    changed = Signal()

    def __init__(self, view: QTextEdit, to_qt: Callable[[int], int]) -> None:
        super().__init__(view)
        self._view = view
        self._to_qt = to_qt
        self._items: list[Suggestion] = []
        self._starts: list[int] = []
        self._current: int | None = None

    @property
    def suggestions(self) -> list[Suggestion]:
        """The suggestions shown, in article order."""
        return list(self._items)

    @property
    def current(self) -> Suggestion | None:
        return None if self._current is None else self._items[self._current]

    def show(self, suggestions: list[Suggestion]) -> None:
        self._items = sorted(suggestions, key=lambda s: s.start)
        self._starts = [s.start for s in self._items]
        self._current = None
        self._repaint()

    def clear(self) -> None:
        self.show([])

    def remove(self, suggestion: Suggestion) -> None:
        """Take one suggestion away (accepted or dismissed); the next one becomes current."""
        if suggestion not in self._items:
            return
        index = self._items.index(suggestion)
        del self._items[index]
        del self._starts[index]
        self._current = min(index, len(self._items) - 1) if self._items else None
        self._repaint()

    def at(self, offset: int) -> Suggestion | None:
        """The suggestion covering a code-point offset (its end included: the cursor after
        the last full stop is still on it)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and offset <= self._items[index].end:
            return self._items[index]
        return None

    def set_current(self, suggestion: Suggestion | None) -> None:
        self._current = None if suggestion is None else self._items.index(suggestion)
        self._repaint()

    def step(self, offset: int, forward: bool) -> Suggestion | None:
        """The next (or previous) suggestion after (before) a code-point offset, wrapping
        around; it becomes current."""
        if not self._items:
            return None
        if forward:
            index = bisect.bisect_right(self._starts, offset) % len(self._items)
        else:
            index = (bisect.bisect_left(self._starts, offset) - 1) % len(self._items)
        self._current = index
        self._repaint()
        return self._items[index]

    def _repaint(self) -> None:
        selections = []
        for index, suggestion in enumerate(self._items):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self._view.document())
            cursor.setPosition(self._to_qt(suggestion.start))
            cursor.setPosition(self._to_qt(suggestion.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = ghost_format(current=index == self._current)  # type: ignore[attr-defined]
            selections.append(selection)
        self._view.setExtraSelections(selections)
        self.changed.emit()


def ghost_format(*, current: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    tint = QColor(GHOST_COLOR)
    tint.setAlpha(CURRENT_ALPHA if current else TINT_ALPHA)
    fmt.setBackground(tint)
    fmt.setFontUnderline(True)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
    fmt.setUnderlineColor(QColor(GHOST_COLOR))
    return fmt


def tooltip(suggestion: Suggestion) -> str:
    """The hover text of a suggestion: its score and reasons, and what the keys do."""
    because = "; ".join(suggestion.reasons) or "the words it uses"
    return (
        f"<b>Suggested claim</b> — check-worthiness {suggestion.score:.2f}<br>"
        f"Because: {_escape(because)}<br>"
        "<i>Enter or click: mark as claim · Backspace: dismiss</i>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
