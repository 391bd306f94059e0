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
    MAX_FILE_BYTES,
    CancelCheck,
    ImportCancelled,
    ImportedDocument,
    ProgressCallback,
    read_limited,
)
from annotator.formats.importers.docx import import_docx_bytes
from annotator.formats.importers.html import import_html_bytes, import_pasted_html
from annotator.formats.importers.markdown import import_markdown_bytes
from annotator.formats.importers.pdf import import_pdf_bytes
from annotator.formats.importers.text import import_pasted_text, import_text_bytes

__all__ = [
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

_BYTE_IMPORTERS: dict[str, Callable[[bytes, str, str], ImportedDocument]] = {
    "text": import_text_bytes,
    "markdown": import_markdown_bytes,
    "html": import_html_bytes,
    "docx": import_docx_bytes,
}


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
        return import_pdf_bytes(data, str(path), origin, progress=progress, cancelled=cancelled)
    return _BYTE_IMPORTERS[kind](data, str(path), origin)
