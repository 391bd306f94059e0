"""Help › Keyboard shortcuts and Help › About."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator import __version__


def show_shortcuts(parent: QWidget, shortcuts: Iterable[tuple[str, str]]) -> None:
    """The keys and what they do (``actions.shortcut_help()``)."""
    rows = "".join(f"<tr><td><b>{keys}</b></td><td>{what}</td></tr>" for keys, what in shortcuts)
    box = QMessageBox(parent)
    box.setWindowTitle("Keyboard shortcuts")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(f"<table cellspacing='6'>{rows}</table>")
    box.exec()


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About Annotator",
        f"<b>Annotator {__version__}</b><p>A desktop workbench for fact-checkers: highlight "
        "claims, attach evidence, rate them, and export reports (JSON, ClaimReview, "
        "W3C Web Annotation, HTML, PDF, Markdown, CSV).</p>",
    )
