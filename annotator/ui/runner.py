"""The window's one owner of "run this command, push it on the undo stack, show its error",
and the one way a refused action is shown (``Attempt``): an AnnotatorError says what is wrong
and what to do, so the window shows it and goes on."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from annotator.errors import AnnotatorError, Cancelled
from annotator.ui.error_handler import show_error

if TYPE_CHECKING:
    from annotator.ui.commands import ServiceCommand

T = TypeVar("T")


class Attempt:
    """``with Attempt(parent) as attempt:`` — an AnnotatorError raised in the block is shown
    to the user and ends the block; ``attempt.failed`` tells the code after it. A cancelled
    task is no error: it goes on up to whoever asked for the task."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent
        self.failed = False

    def __enter__(self) -> Attempt:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if isinstance(exc, AnnotatorError) and not isinstance(exc, Cancelled):
            self.failed = True
            show_error(self.parent, str(exc))
            return True
        return False


class CommandRunner(QObject):
    """Runs the window's undoable edits and owns their undo stack."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.undo_stack = QUndoStack(self)

    def attempt(self, call: Callable[[], T]) -> T | None:
        """``call()``, or None after showing why it was refused."""
        with Attempt(self.window) as attempt:
            result = call()
        return None if attempt.failed else result

    def run(self, command: ServiceCommand) -> bool:
        """Execute a command and put it on the undo stack; a refused edit is explained and
        leaves the stack as it was."""
        if self.attempt(command.execute) is None:
            return False
        self.undo_stack.push(command)
        return True

    def forget_history(self) -> None:
        """After an edit that cannot be undone (a new revision, a removed article): earlier
        steps referred to what it replaced."""
        self.undo_stack.clear()
