"""Article importers: each reads one file format into the same body model.

``import_file`` picks the importer by the file's extension (plain text, Markdown, saved web
pages, Word, PDF); every importer returns an :class:`ImportedDocument` or raises
:class:`DocumentImportError` naming the file and the problem. Clipboard content comes in
through ``import_pasted_text`` and ``import_pasted_html``.
"""

from __future__ import annotations

import importlib
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
    "MAX_ARTICLE_CHARS",
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "CancelCheck",
    "ImportCancelled",
    "ImportedDocument",
    "ProgressCallback",
    "import_file",
    "import_pasted_html",
    "import_pasted_text",
    "import_text_bytes",
]

SUPPORTED_SUFFIXES = ARTICLE_SUFFIXES

# Each format's module (and its library: pdfminer, python-docx, markdown-it, lxml and nh3) is
# loaded when a file of that format is first imported, not when a project opens.
_BYTE_IMPORTERS = {
    "text": "annotator.formats.importers.text:import_text_bytes",
    "markdown": "annotator.formats.importers.markdown:import_markdown_bytes",
    "html": "annotator.formats.importers.html:import_html_bytes",
    "docx": "annotator.formats.importers.docx:import_docx_bytes",
}


def _byte_importer(kind: str) -> Callable[[bytes, str, str], ImportedDocument]:
    module, _, function = _BYTE_IMPORTERS[kind].partition(":")
    imported: Callable[[bytes, str, str], ImportedDocument] = getattr(
        importlib.import_module(module), function
    )
    return imported


def import_text_bytes(data: bytes, name: str, origin: str = "") -> ImportedDocument:
    """A plain-text (or news-format) article from its bytes."""
    return _byte_importer("text")(data, name, origin)


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
    if kind == "pdf":
        from annotator.formats.importers.pdf import import_pdf_bytes

        imported = import_pdf_bytes(data, str(path), origin, progress=progress, cancelled=cancelled)
    else:
        imported = _byte_importer(kind)(data, str(path), origin)
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
