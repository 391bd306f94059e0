"""Telling what kind of file a snapshot is from its first bytes, then its name.

Content wins over the extension: a page saved as ``.txt`` is still HTML, and a PDF renamed
``.html`` is still a PDF. Only the kinds Annotator treats differently are told apart: web
pages (HTML, MHTML), web archives (WARC), PDFs, images; anything else is an attachment.
"""

from __future__ import annotations

import re
from pathlib import PurePath

HEAD_BYTES = 4096
"""How much of the start of a file ``detect_media_type`` looks at."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"WARC/", "application/warc"),
    (b"\x1f\x8b", "application/gzip"),
    (b"PK\x03\x04", "application/zip"),
)

_EXTENSIONS = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".mhtml": "multipart/related",
    ".mht": "multipart/related",
    ".warc": "application/warc",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".txt": "text/plain",
    ".md": "text/markdown",
}

_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)[\s>]", re.I | re.S
)
_MHTML_HEADER = re.compile(rb"^(mime-version|content-type):.*multipart/related", re.I | re.M)


def detect_media_type(head: bytes, filename: str = "") -> str:
    """The media type of a file whose first bytes are ``head`` (``HEAD_BYTES`` suffice)."""
    start = head.removeprefix(b"\xef\xbb\xbf")
    for magic, media_type in _MAGIC:
        if start.startswith(magic):
            if media_type == "application/gzip" and filename.lower().endswith(".warc.gz"):
                return "application/warc"
            return media_type
    if start[:4] == b"RIFF" and start[8:12] == b"WEBP":
        return "image/webp"
    if _MHTML_HEADER.search(start[:HEAD_BYTES]):
        return "multipart/related"
    if _HTML_START.match(start[:HEAD_BYTES]):
        return "text/html"
    by_name = _EXTENSIONS.get(PurePath(filename).suffix.lower())
    if by_name is not None:
        return by_name
    return "text/plain" if _looks_like_text(start) else "application/octet-stream"


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        return exc.start >= len(head) - 3
    return True


def extension_for(media_type: str) -> str:
    """A file name extension for a media type, for snapshot files written out."""
    for extension, known in _EXTENSIONS.items():
        if known == media_type:
            return extension
    return ".bin"
