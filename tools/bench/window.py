"""The window in the benchmark process: opening it, and waiting for paint events."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

# Settings, logs and the sample project of the measured window go to a throwaway folder.
os.environ.setdefault("ANNOTATOR_HOME", tempfile.mkdtemp(prefix="annotator-bench-"))


class PaintWatch(QObject):
    """Counts paint events of widgets that ``accept`` picks, application-wide."""

    def __init__(self, app: QApplication, accept: Callable[[QWidget], bool]) -> None:
        super().__init__()
        self.count = 0
        self.last = 0.0
        self._accept = accept
        self._app = app
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and self._accept(watched)
        ):
            self.count += 1
            self.last = time.perf_counter()
        return False

    def wait(self, since: int, timeout: float = 60.0) -> float:
        """The perf_counter time of the first paint after ``since`` paints were counted."""
        end = time.perf_counter() + timeout
        while self.count <= since:
            self._app.processEvents()
            if time.perf_counter() > end:
                raise TimeoutError("no paint event came")
        return self.last

    def close(self) -> None:
        self._app.removeEventFilter(self)


def is_article_viewport(widget: QWidget) -> bool:
    view = widget.parent()
    return (
        view is not None and view.objectName() == "articleView" and not view.document().isEmpty()  # type: ignore[attr-defined]
    )


def open_window(app: QApplication) -> Any:
    from annotator.settings import load_settings
    from annotator.ui.main_window import MainWindow

    window = MainWindow(load_settings())
    window.resize(1280, 800)
    window.show()
    settle(app)
    return window


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def fully_highlighted(window: Any) -> bool:
    workbench = window.workbench
    if workbench is None:
        return False
    done = getattr(workbench.article, "fully_highlighted", None)
    return bool(done()) if callable(done) else True


def wait_until(app: QApplication, done: Callable[[], bool], timeout: float = 300.0) -> float:
    start = time.perf_counter()
    while not done():
        app.processEvents()
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the window did not finish")
    return time.perf_counter()
