"""Run something once a window has painted its first frame: the app opens the last project
only after the user sees the window, so the start-up never shows a blank wait (issue 10, P7).
A window that never paints (minimised at start) still gets the work done, a moment later."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

FALLBACK_MS = 1500


class _FirstPaint(QObject):
    def __init__(self, app: QApplication, window: QWidget, work: Callable[[], None]) -> None:
        super().__init__(window)
        self._app = app
        self._window = window
        self._work: Callable[[], None] | None = work
        app.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self._app.removeEventFilter(self)
            # After this paint has reached the screen, not in the middle of it.
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        work, self._work = self._work, None
        self._app.removeEventFilter(self)
        if work is not None:
            work()


def after_first_paint(window: QWidget, work: Callable[[], None]) -> None:
    """Call ``work`` once, right after ``window`` first paints (or after 1.5 s at the latest)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    _FirstPaint(app, window, work)
