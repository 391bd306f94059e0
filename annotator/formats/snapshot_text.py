"""The readable text of a snapshot: what a checker reads offline and picks a source excerpt
from.

A page (HTML, or the final response of a WARC capture) becomes the same body model as an
imported article, through the same extraction and sanitising (no script, no style, no remote
resource survives); a PDF gives its text; a text file itself. Images are shown as pictures and
other attachments have no text. A snapshot whose text cannot be read is still evidence: it
keeps an empty text rather than being refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.domain.body import Block, body_text, plain_body
from annotator.errors import AnnotatorError
from annotator.formats.importers.base import MAX_FILE_BYTES
from annotator.formats.warc import WARC_MEDIA_TYPE, read_final_payload

MAX_TEXT_SOURCE_BYTES = MAX_FILE_BYTES
"""Snapshots larger than an importable article keep no text (they are kept, not read)."""

MHTML_MEDIA_TYPE = "multipart/related"
"""A browser's single-file saved page (MHTML): the page and its resources as MIME parts."""

_PICTURES = ("image/png", "image/jpeg", "image/gif", "image/webp")
"""Images shown as pictures (not SVG: a document that could name other resources)."""


@dataclass(frozen=True, slots=True)
class SnapshotView:
    """What the snapshot viewer shows: the body model of its text, or an image's bytes."""

    blocks: tuple[Block, ...] = ()
    image: bytes | None = None

    @property
    def text(self) -> str:
        return body_text(self.blocks)


def snapshot_text(data: bytes, media_type: str, name: str) -> str:
    """The reader's text of a snapshot's bytes, or "" when it has none."""
    return body_text(snapshot_blocks(data, media_type, name))


def snapshot_view(data: bytes, media_type: str, name: str, stored_text: str) -> SnapshotView:
    """What to show for a snapshot. Its text is the one stored with it (excerpt offsets count
    in that one): should this version of Annotator read the bytes differently, the stored
    text is shown as plain paragraphs instead."""
    if media_type in _PICTURES:
        return SnapshotView(image=data)
    blocks = snapshot_blocks(data, media_type, name)
    if body_text(blocks) != stored_text:
        blocks = plain_body(stored_text) if stored_text else ()
    return SnapshotView(blocks=blocks)


def snapshot_blocks(data: bytes, media_type: str, name: str) -> tuple[Block, ...]:
    """The body model of a snapshot's text (empty when it has none)."""
    if len(data) > MAX_TEXT_SOURCE_BYTES:
        return ()
    try:
        return _blocks(data, media_type, name)
    except (AnnotatorError, RecursionError, MemoryError):
        return ()


def _blocks(data: bytes, media_type: str, name: str) -> tuple[Block, ...]:
    if media_type == WARC_MEDIA_TYPE:
        payload = read_final_payload(data, MAX_TEXT_SOURCE_BYTES)
        if payload is None:
            return ()
        kind = payload.content_type.split(";")[0].strip().lower() or "text/html"
        return _blocks(payload.body, "text/html" if "html" in kind else kind, name)
    if media_type == MHTML_MEDIA_TYPE:
        page = mhtml_page(data)
        return _blocks(page, "text/html", name) if page is not None else ()
    if media_type in ("text/html", "application/xhtml+xml"):
        from annotator.formats.importers.html import import_html_bytes

        return import_html_bytes(data, name).blocks
    if media_type == "application/pdf":
        from annotator.formats.importers.pdf import import_pdf_bytes

        return import_pdf_bytes(data, name, "").blocks
    if media_type.startswith("text/"):
        from annotator.formats.importers.text import import_text_bytes

        return import_text_bytes(data, name, "").blocks
    return ()


def mhtml_page(data: bytes) -> bytes | None:
    """The page of an MHTML file: its first HTML part, decoded from its transfer encoding
    (quoted-printable, base64) and, when the part names a charset, given as UTF-8 with a BOM
    (which the HTML reader trusts first). None when the file holds no HTML part."""
    import email
    from email.message import Message

    message = email.message_from_bytes(data)
    for part in message.walk():
        if not isinstance(part, Message) or part.get_content_type() not in _HTML_TYPES:
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        charset = part.get_content_charset()
        if charset:
            try:
                return b"\xef\xbb\xbf" + payload.decode(charset).encode("utf-8")
            except (LookupError, UnicodeDecodeError):
                pass
        return payload
    return None


_HTML_TYPES = ("text/html", "application/xhtml+xml")
