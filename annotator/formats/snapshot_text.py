"""The readable text of a snapshot: what a checker picks a source excerpt from.

A page (HTML, or the final response of a WARC capture) gives its article text through the same
extraction and sanitising as an imported article; a PDF its text; a text file itself. Images and
other attachments have no text. A snapshot whose text cannot be read is still evidence: it keeps
an empty text rather than being refused.
"""

from __future__ import annotations

from annotator.errors import AnnotatorError
from annotator.formats.importers.base import MAX_FILE_BYTES
from annotator.formats.warc import WARC_MEDIA_TYPE, read_final_payload

MAX_TEXT_SOURCE_BYTES = MAX_FILE_BYTES
"""Snapshots larger than an importable article keep no text (they are kept, not read)."""


def snapshot_text(data: bytes, media_type: str, name: str) -> str:
    """The reader's text of a snapshot's bytes, or "" when it has none."""
    if len(data) > MAX_TEXT_SOURCE_BYTES:
        return ""
    try:
        return _text(data, media_type, name)
    except (AnnotatorError, RecursionError, MemoryError):
        return ""


def _text(data: bytes, media_type: str, name: str) -> str:
    if media_type == WARC_MEDIA_TYPE:
        payload = read_final_payload(data, MAX_TEXT_SOURCE_BYTES)
        if payload is None:
            return ""
        kind = payload.content_type.split(";")[0].strip().lower() or "text/html"
        return _text(payload.body, "text/html" if "html" in kind else kind, name)
    if media_type in ("text/html", "application/xhtml+xml"):
        from annotator.formats.importers.html import import_html_bytes

        return import_html_bytes(data, name).text
    if media_type == "application/pdf":
        from annotator.formats.importers.pdf import import_pdf_bytes

        return import_pdf_bytes(data, name, "").text
    if media_type.startswith("text/"):
        from annotator.formats.importers.text import import_text_bytes

        return import_text_bytes(data, name, "").text
    return ""
