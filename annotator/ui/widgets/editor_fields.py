"""Small field widgets shared by the claim editor and the dialogs.

An inline error line under a field, a text area that commits on focus-out, Ctrl+Return or a
pause in typing, section headers, a two-column form grid with real buddy labels, a guard that
keeps the mouse wheel from changing combo boxes the pointer merely passes over, and the checks
on user-typed values. The checks are the domain's own rules (``domain/checks.py``), the ones
the services apply, so the GUI and the command line reject exactly the same input.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.checks import check_date, check_url
from annotator.errors import ValidationError

COMMIT_DELAY_MS = 800


def url_error(value: str, what: str, *, required: bool = False) -> str:
    """The message to show for a typed URL, or '' when it is acceptable (empty is fine unless
    ``required``)."""
    if not value.strip() and not required:
        return ""
    try:
        check_url(value, what)
    except ValidationError as error:
        return str(error)
    return ""


def date_error(value: str, what: str) -> str:
    """The message to show for a typed date, or '' when it is empty or a valid ISO date."""
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


def commit_after_pause(edit: QLineEdit, commit: Callable[[], None]) -> QTimer:
    """Also call ``commit`` ``COMMIT_DELAY_MS`` after typing in ``edit`` stops, not only when
    the field is left: text on screen is then in the file within a second, crash or not.
    Leaving the field commits at once and cancels the pending call."""
    timer = QTimer(edit)
    timer.setSingleShot(True)
    timer.setInterval(COMMIT_DELAY_MS)
    timer.timeout.connect(commit)
    edit.textEdited.connect(timer.start)
    edit.editingFinished.connect(timer.stop)
    return timer


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


class _WheelGuard(QObject):
    """Hands a wheel event over an unfocused value widget on to its parent (the scroll area)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            # Ignored and filtered: Qt offers the wheel to the parent chain, so it scrolls.
            event.ignore()
            return True
        return super().eventFilter(watched, event)


def guard_wheel(*widgets: QWidget) -> None:
    """Let combo and spin boxes take the mouse wheel only once they have keyboard focus.

    In a scrolling form the pointer rests on them on its way down: without this, each notch
    would silently change (and save) a value instead of scrolling the form.
    """
    for widget in widgets:
        guard = widget.findChild(_WheelGuard) or _WheelGuard(widget)
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel must not give focus
        widget.installEventFilter(guard)


def form_label(text: str, buddy: QWidget) -> QLabel:
    """A field's label; the letter after ``&`` moves the focus to ``buddy`` (Alt+letter)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class FormGrid(QGridLayout):
    """A two-column form, labels on the left and fields on the right, laid out by a grid.

    Not a QFormLayout: with rows whose height depends on their width (a wrapped quote,
    message or caption) its height-for-width bookkeeping goes stale across relayouts, and it
    hands out the right total but the wrong share per row, squeezing one row under its minimum
    so the next is drawn over it. A grid distributes such rows correctly. Labels get the
    height QFormLayout gives them, so they line up with one-line fields.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnStretch(1, 1)
        self._rows = 0  # QGridLayout.rowCount() is 1 for an empty grid

    def _next_row(self) -> int:
        self._rows += 1
        return self._rows - 1

    def add_row(self, text: str, field: QWidget, buddy: QWidget | None = None) -> QLabel:
        """A labelled row; the label's mnemonic focuses ``buddy`` (default: ``field``)."""
        label = form_label(text, buddy or field)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        label.setMinimumHeight(min(field.sizeHint().height(), label.sizeHint().height() * 7 // 4))
        row = self._next_row()
        self.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        self.addWidget(field, row, 1)
        return label

    def add_field(self, field: QWidget) -> None:
        """A row with no label, the field in the field column (e.g. an error line)."""
        self.addWidget(field, self._next_row(), 1)

    def add_wide_row(self, widget: QWidget) -> None:
        """A row spanning both columns."""
        self.addWidget(widget, self._next_row(), 0, 1, 2)


def fit_height(window: QWidget) -> None:
    """Soon grow ``window`` to the height its layout needs at its current width.

    Qt gives a window the minimum size of its layout, which ignores height-for-width: an
    error that wraps onto a second line after the window is shown would be squeezed into one
    line and clipped at top and bottom. Deferred, because a message just shown reaches the
    window's layout through posted layout requests.
    """
    QTimer.singleShot(0, window, lambda: _grow_to_height_for_width(window))


def _grow_to_height_for_width(window: QWidget) -> None:
    layout = window.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    needed = layout.totalHeightForWidth(window.width())
    if window.height() < needed:
        window.resize(window.width(), needed)
