"""One handler for unexpected errors: a dialog, the traceback in a log file, and the app goes
on (every edit is already saved, so nothing is lost)."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from annotator.errors import AnnotatorError
from annotator.ui.plain import safe

log = logging.getLogger("annotator")


def setup_logging(log_dir: Path) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "annotator.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


class ErrorHandler:
    """Installed as ``sys.excepthook`` while the app runs."""

    def __init__(self, log_path: Path) -> None:
        self.log_path = log_path
        self._showing = False

    def install(self) -> None:
        sys.excepthook = self.handle

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if isinstance(exc, KeyboardInterrupt):
            QApplication.quit()
            return
        parent = QApplication.activeWindow()
        if isinstance(exc, AnnotatorError):
            show_error(parent, str(exc))
            return
        log.error("Unexpected error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if self._showing:
            return
        self._showing = True
        try:
            QMessageBox.critical(
                parent,
                "Something went wrong",
                safe(
                    f"Annotator hit an unexpected error: {exc_type.__name__}: {exc}\n\n"
                    "Your work up to your last edit is saved. The details were written to "
                    f"{self.log_path}; please include that file if you report the problem."
                ),
            )
        finally:
            self._showing = False


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, "Annotator", safe(message))
