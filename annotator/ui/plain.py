"""Showing untrusted text (titles, quotes, URLs, error messages that repeat them) in widgets
that guess whether a string is rich text — QLabel, QMessageBox, tooltips. A hostile page
title such as ``<img src="/home/me/secret.png">`` must be shown as those characters, never
rendered (and never made to load a local file)."""

from __future__ import annotations

from PySide6.QtGui import Qt


def safe(text: str) -> str:
    """``text`` unchanged when Qt would show it as plain text anyway; otherwise escaped HTML
    that Qt renders as exactly ``text``."""
    return Qt.convertFromPlainText(text) if Qt.mightBeRichText(text) else text
