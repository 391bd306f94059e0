"""The find bar over the article: Ctrl+F opens it, Enter / Shift+Enter find the next /
previous match, Escape closes it and returns focus to the article with the match selected."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from annotator.ui.widgets.article_view import ArticleView


class _FindLine(QLineEdit):
    next_requested = Signal()
    previous_requested = Signal()
    close_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous_requested.emit()
            else:
                self.next_requested.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.close_requested.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._line = _FindLine(self)
        self._line.setPlaceholderText("Find in article")
        self._line.setClearButtonEnabled(True)
        self._line.setAccessibleName("Find in article")
        self._status = QLabel(self)
        self._status.setMinimumWidth(90)
        previous = QToolButton(self)
        previous.setText("▲")
        previous.setToolTip("Previous match (Shift+Enter)")
        following = QToolButton(self)
        following.setText("▼")
        following.setToolTip("Next match (Enter)")
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Escape)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self._line, 1)
        layout.addWidget(self._status)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self._line.textEdited.connect(self._on_line_edited)
        self._line.next_requested.connect(self.find_next)
        self._line.previous_requested.connect(self.find_previous)
        self._line.close_requested.connect(self.close_bar)
        previous.clicked.connect(self.find_previous)
        following.clicked.connect(self.find_next)
        close.clicked.connect(self.close_bar)
        self.hide()

    @property
    def line(self) -> QLineEdit:
        return self._line

    def open_bar(self) -> None:
        self.show()
        selected = self._view.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) < 100:
            self._line.setText(selected)
        self._line.selectAll()
        self._line.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_bar(self) -> None:
        self.hide()
        self._view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.closed.emit()

    def find_next(self) -> bool:
        return self._find(backward=False, from_start_of_selection=False)

    def find_previous(self) -> bool:
        return self._find(backward=True, from_start_of_selection=False)

    def _on_line_edited(self, _text: str) -> None:
        # Typing refines the current match instead of jumping past it.
        self._find(backward=False, from_start_of_selection=True)

    def _find(self, *, backward: bool, from_start_of_selection: bool) -> bool:
        needle = self._line.text()
        self._view.finish_loading()  # search the whole article, not the part shown so far
        document = self._view.document()
        if not needle:
            self._status.setText("")
            return False
        cursor = self._view.textCursor()
        if from_start_of_selection:
            cursor.setPosition(cursor.selectionStart())
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = document.find(needle, cursor, flags)
        if found.isNull():
            wrap = QTextCursor(document)
            if backward:
                wrap.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(needle, wrap, flags)
        if found.isNull():
            self._status.setText("No match")
            return False
        self._status.setText(self._count_text(needle, found))
        self._view.setTextCursor(found)
        self._view.ensureCursorVisible()
        return True

    def _count_text(self, needle: str, found: QTextCursor) -> str:
        text = self._view.toPlainText().lower()
        total = text.count(needle.lower())
        before = text[: self._view.offset_of(found.selectionStart())].count(needle.lower())
        return f"{before + 1} of {total}" if total else ""
