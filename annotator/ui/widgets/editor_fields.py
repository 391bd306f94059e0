"""Small field widgets shared by the claim editor and the dialogs.

An inline error line under a field, a text area that commits on focus-out, Ctrl+Return or a
pause in typing, section headers, and the checks on user-typed values. The checks reuse the
services' own rules so the GUI and the command line reject exactly the same input; the service
modules are imported on first use because they pull in SQLAlchemy, which costs start-up time.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import ValidationError

COMMIT_DELAY_MS = 800


def url_error(value: str, what: str, *, required: bool = False) -> str:
    """The message to show for a typed URL, or '' when it is acceptable (empty is fine unless
    ``required``)."""
    from annotator.services.common import check_url

    if not value.strip() and not required:
        return ""
    try:
        check_url(value, what)
    except ValidationError as error:
        return str(error)
    return ""


def date_error(value: str, what: str) -> str:
    """The message to show for a typed date, or '' when it is empty or a valid ISO date."""
    from annotator.services.common import check_date

    try:
        check_date(value, what)
    except ValidationError as error:
        return str(error)
    return ""


def split_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags, trimmed, without empties."""
    return tuple(tag for tag in (" ".join(part.split()) for part in text.split(",")) if tag)


def is_being_edited(widget: QWidget, shown: object, previous: object | None) -> bool:
    """Whether the user is typing in ``widget``: it has focus and holds something other than
    the value the previous snapshot put there. A refresh must then leave it alone."""
    return previous is not None and widget.hasFocus() and shown != previous


def error_color(palette: QPalette) -> str:
    """A red that reads on the current theme: dark red on light windows, pale red on dark."""
    return "#f28b82" if palette.color(QPalette.ColorRole.Window).lightness() < 128 else "#b3261e"


def quiet_label(text: str = "") -> QLabel:
    """A wrapped caption in the theme's placeholder colour: present but out of the way."""
    label = QLabel(text)
    label.setWordWrap(True)
    palette = label.palette()
    quiet = palette.color(QPalette.ColorRole.PlaceholderText)
    palette.setColor(QPalette.ColorRole.WindowText, quiet)
    label.setPalette(palette)
    return label


def warning_style(palette: QPalette) -> str:
    """A style sheet for a notice that needs attention but is not an error."""
    if palette.color(QPalette.ColorRole.Window).lightness() < 128:
        return "background: #4a3a12; color: #ffe0a3; border-radius: 3px; padding: 4px 6px;"
    return "background: #fff4e0; color: #6b4500; border-radius: 3px; padding: 4px 6px;"


def dialog_buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """OK (renamed to what it does) and Cancel, wired to accept and reject ``dialog``."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def ok_button(buttons: QDialogButtonBox) -> QPushButton:
    return buttons.button(QDialogButtonBox.StandardButton.Ok)


class FieldMessage(QLabel):
    """An inline, concise error line shown under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(f"color: {error_color(self.palette())}; font-size: small;")
        self.setAccessibleName("Error")
        self.hide()

    def show_error(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))

    def clear_error(self) -> None:
        self.show_error("")


def with_message(field: QWidget, message: FieldMessage) -> QWidget:
    """``field`` with its error line underneath, as one row of a form."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(message)
    return box


def section_header(text: str) -> QWidget:
    """A bold section title followed by a hairline, lighter than a group box frame."""
    header = QWidget()
    layout = QHBoxLayout(header)
    layout.setContentsMargins(0, 6, 0, 0)
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    layout.addWidget(label)
    layout.addWidget(line, 1)
    return header


class CommitTextEdit(QPlainTextEdit):
    """A plain-text area that commits without a Save button.

    ``committed`` fires on focus-out, on Ctrl+Return and ``COMMIT_DELAY_MS`` after typing
    stops; the owner compares the text with the snapshot and decides whether anything changed.
    """

    committed = Signal()

    def __init__(self, lines: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COMMIT_DELAY_MS)
        self._timer.timeout.connect(self.committed)
        self.textChanged.connect(self._timer.start)
        spacing = self.fontMetrics().lineSpacing()
        margins = 2 * (self.frameWidth() + int(self.document().documentMargin()))
        self.setFixedHeight(lines * spacing + margins)

    def set_text_quietly(self, text: str) -> None:
        """Replace the text without signals, keeping the cursor where it was if it still fits."""
        if text == self.toPlainText():
            return
        position = self.textCursor().position()
        blocked = self.blockSignals(True)
        self.setPlainText(text)
        cursor = self.textCursor()
        end = self.document().characterCount() - 1
        cursor.setPosition(min(position, end), QTextCursor.MoveMode.MoveAnchor)
        self.setTextCursor(cursor)
        self.blockSignals(blocked)
        self._timer.stop()

    def commit_now(self) -> None:
        self._timer.stop()
        self.committed.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.commit_now()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.commit_now()
            event.accept()
            return
        super().keyPressEvent(event)


def named_line_edit(name: str, placeholder: str, text: str = "") -> QLineEdit:
    """A line edit with its accessible name and placeholder set."""
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit
