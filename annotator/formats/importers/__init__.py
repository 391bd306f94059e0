"""Article importers: each reads one file format into the same body model.

``import_file`` picks the importer by the file's extension; every importer returns an
:class:`ImportedDocument` or raises :class:`DocumentImportError` naming the file and the problem.
"""

from __future__ import annotations

from pathlib import Path

from annotator.errors import DocumentImportError
from annotator.formats.importers.base import (
    MAX_FILE_BYTES,
    CancelCheck,
    ImportCancelled,
    ImportedDocument,
    ProgressCallback,
    read_limited,
)
from annotator.formats.importers.text import import_pasted_text, import_text_bytes

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "CancelCheck",
    "ImportCancelled",
    "ImportedDocument",
    "ProgressCallback",
    "import_file",
    "import_pasted_text",
]

SUPPORTED_SUFFIXES: dict[str, str] = {".txt": "text", ".text": "text"}


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
    return import_text_bytes(data, str(path), origin=str(path.resolve()))
