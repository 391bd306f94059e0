"""A start-up probe for `make bench` (scenario P7): with ``ANNOTATOR_PAINT_PROBE=1`` in the
environment the app prints, on standard output, the monotonic time of its first painted frame
(``window T``), of the first frame showing the article (``article T``) and of the first frame
after the article is fully highlighted (``highlighted T``), then quits. Without the variable
nothing is installed."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "ANNOTATOR_PAINT_PROBE"


class PaintProbe(QObject):
    """Watches paint events application-wide; prints each milestone once."""

    def __init__(self, app: QApplication, window: QWidget) -> None:
        super().__init__(app)
        self._app = app
        self._window = window
        self._seen: set[str] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            self._painted(watched)
        return False

    def _painted(self, widget: QWidget) -> None:
        if widget.window() is self._window:
            self._mark("window")
        view = widget.parentWidget()
        if view is None or view.objectName() != "articleView":
            return
        document = getattr(view, "document", None)
        if document is None or document().isEmpty():
            return
        self._mark("article")
        done = getattr(view, "fully_highlighted", None)
        if done is None or done():
            self._mark("highlighted")
            QTimer.singleShot(0, self._app.quit)
        else:
            QTimer.singleShot(10, widget.update)  # look again once it has gone on

    def _mark(self, what: str) -> None:
        if what not in self._seen:
            self._seen.add(what)
            print(f"{what} {time.monotonic():.6f}", flush=True)


def install_if_asked(app: QApplication, window: QWidget) -> None:
    if os.environ.get(ENV):
        app.installEventFilter(PaintProbe(app, window))
