"""Article importers: each reads one file format into the same body model.

``import_file`` picks the importer by the file's extension (plain text, Markdown, saved web
pages, Word, PDF); every importer returns an :class:`ImportedDocument` or raises
:class:`DocumentImportError` naming the file and the problem. Clipboard content comes in
through ``import_pasted_text`` and ``import_pasted_html``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from annotator.errors import DocumentImportError
from annotator.formats.article_types import ARTICLE_SUFFIXES
from annotator.formats.importers.base import (
    MAX_ARTICLE_CHARS,
    MAX_FILE_BYTES,
    CancelCheck,
    ImportCancelled,
    ImportedDocument,
    ProgressCallback,
    read_limited,
)

__all__ = [
    "IMPORTERS",
    "MAX_ARTICLE_CHARS",
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "CancelCheck",
    "ImportCancelled",
    "ImportedDocument",
    "Importer",
    "ProgressCallback",
    "import_file",
    "import_pasted_html",
    "import_pasted_text",
    "import_text_bytes",
]

SUPPORTED_SUFFIXES = ARTICLE_SUFFIXES


Importer = Callable[
    [bytes, str, str, ProgressCallback | None, CancelCheck | None], ImportedDocument
]
"""Reads one format's bytes into a document: data, name (for messages), origin (stored),
progress and cancel callbacks (used by the formats that read page by page)."""


# The one lazy-import boundary of the importers: each format's module (and its library:
# charset-normalizer, markdown-it, lxml and nh3, python-docx, pdfminer) loads when a file of
# that format is first imported, not when a project opens (tests/test_startup_imports.py).
def _text(
    data: bytes, name: str, origin: str, _p: ProgressCallback | None, _c: CancelCheck | None
) -> ImportedDocument:
    from annotator.formats.importers.text import import_text_bytes as read

    return read(data, name, origin)


def _markdown(
    data: bytes, name: str, origin: str, _p: ProgressCallback | None, _c: CancelCheck | None
) -> ImportedDocument:
    from annotator.formats.importers.markdown import import_markdown_bytes as read

    return read(data, name, origin)


def _html(
    data: bytes, name: str, origin: str, _p: ProgressCallback | None, _c: CancelCheck | None
) -> ImportedDocument:
    from annotator.formats.importers.html import import_html_bytes as read

    return read(data, name, origin)


def _docx(
    data: bytes, name: str, origin: str, _p: ProgressCallback | None, _c: CancelCheck | None
) -> ImportedDocument:
    from annotator.formats.importers.docx import import_docx_bytes as read

    return read(data, name, origin)


def _pdf(
    data: bytes,
    name: str,
    origin: str,
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
) -> ImportedDocument:
    from annotator.formats.importers.pdf import import_pdf_bytes as read

    return read(data, name, origin, progress=progress, cancelled=cancelled)


IMPORTERS: dict[str, Importer] = {
    "text": _text,
    "markdown": _markdown,
    "html": _html,
    "docx": _docx,
    "pdf": _pdf,
}
"""The importer of each kind that ``ARTICLE_SUFFIXES`` names."""


def import_text_bytes(data: bytes, name: str, origin: str = "") -> ImportedDocument:
    """A plain-text (or news-format) article from its bytes."""
    return _text(data, name, origin, None, None)


def import_pasted_text(text: str, title: str = "") -> ImportedDocument:
    """Plain text from the clipboard as a new document."""
    from annotator.formats.importers.text import import_pasted_text as from_text

    return within_text_limit(from_text(text, title), "The clipboard")


def import_pasted_html(html: str, title: str = "") -> ImportedDocument:
    """Rich (HTML) clipboard content as a new document, sanitised like a saved web page."""
    from annotator.formats.importers.html import import_pasted_html as from_html

    return within_text_limit(from_html(html, title), "The clipboard")


def import_file(
    path: Path,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportedDocument:
    """Read an article file of any supported format."""
    suffix = path.suffix.lower()
    kind = SUPPORTED_SUFFIXES.get(suffix, "text" if suffix == "" else None)
    if kind is None:
        names = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise DocumentImportError(f"{path}: {suffix} files cannot be imported; use one of {names}.")
    data = read_limited(path, max_bytes)
    origin = str(path.resolve())
    imported = IMPORTERS[kind](data, str(path), origin, progress, cancelled)
    return within_text_limit(imported, str(path))


def within_text_limit(imported: ImportedDocument, name: str) -> ImportedDocument:
    """``imported``, unless its text is longer than an article checked by hand can be (the
    window would need gigabytes to show it)."""
    length = len(imported.text)
    if length > MAX_ARTICLE_CHARS:
        raise DocumentImportError(
            f"{name} holds {length / 1e6:.1f} million characters of text; Annotator takes "
            f"articles of up to {MAX_ARTICLE_CHARS // 1_000_000} million (a long book). "
            "Split it into parts and import those."
        )
    return imported
