"""The composition root of the desktop app: builds the QApplication, the error handler, the
settings and the main window, and opens what the command line asked for."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from annotator import __version__
from annotator.paths import log_dir
from annotator.settings import load_settings, settings_path

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


def _parse(args: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="annotator", description="Open the Annotator app.")
    parser.add_argument("path", nargs="?", type=Path, help="a project (.factcheck) or an article")
    parser.add_argument("--sample", action="store_true", help="open the sample article")
    return parser.parse_args(list(args))


def no_display_message() -> str:
    """Why the window cannot open here, or "" if it can: on Linux Qt needs an X or Wayland
    display (or an explicit QT_QPA_PLATFORM), and without one it aborts the process."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    return (
        "annotator: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is "
        "set); run it in a desktop session, or use the commands (annotator --help)."
    )


def run_app(args: Sequence[str]) -> int:
    options = _parse(args)
    if message := no_display_message():
        print(message, file=sys.stderr)
        return 1
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from annotator.paths import resources_dir
    from annotator.ui.error_handler import ErrorHandler, setup_logging
    from annotator.ui.first_paint import after_first_paint
    from annotator.ui.main_window import MainWindow
    from annotator.ui.paint_probe import install_if_asked
    from annotator.ui.pdf import render_pdf

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Annotator")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Annotator")
    app.setDesktopFileName("annotator")
    icon = resources_dir() / "icons" / "annotator.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    ErrorHandler(setup_logging(log_dir())).install()
    first_start = not settings_path().exists()
    window = MainWindow(load_settings(), pdf_renderer=render_pdf)
    install_if_asked(app, window)
    window.show()
    # Open the project once the window has painted its first frame: the database layers
    # load only then, and the article appears progressively (docs/PERFORMANCE.md, P7).
    after_first_paint(window, lambda: _open_initial(window, options, first_start))
    return app.exec()


def _open_initial(window: MainWindow, options: argparse.Namespace, first_start: bool) -> None:
    """Open what was asked; else the last project; on the very first start, the sample."""
    if options.sample or (first_start and options.path is None):
        window.open_sample()
    elif options.path is not None:
        window.open_path(options.path)
    elif window.settings.last_project and Path(window.settings.last_project).exists():
        window.open_path(Path(window.settings.last_project))
