"""Opening web links from the app: only http(s), and only after the user agrees."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.domain.web import is_web_url
from annotator.ui.plain import safe


def confirm_open_url(parent: QWidget, url: str) -> bool:
    """Ask, then open ``url`` in the browser. Returns whether it was opened."""
    if not is_web_url(url):
        QMessageBox.information(
            parent,
            "Link not opened",
            safe(
                "Annotator opens only web links (http and https). "
                f"This link was not opened:\n\n{url}"
            ),
        )
        return False
    answer = QMessageBox.question(
        parent,
        "Open link?",
        safe(f"Open this link in your web browser?\n\n{url}"),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Open:
        return False
    return QDesktopServices.openUrl(QUrl(url))
