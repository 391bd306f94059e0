"""What every importer produces, and the limits every importer enforces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.domain.body import Block, body_text
from annotator.errors import DocumentImportError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Articles larger than this are refused with a clear message (a 200-page PDF is ~5 MB)."""

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` by importers that work in steps (PDF pages)."""

CancelCheck = Callable[[], bool]
"""Returns True when the user asked to stop; importers then raise ImportCancelled."""


class ImportCancelled(DocumentImportError):
    """The user cancelled a long import."""


@dataclass(frozen=True, slots=True)
class ImportedDocument:
    """An article read from a file or the clipboard, ready to become a Document.

    ``blocks`` is the body model; its canonical text (``text``) is NFC with ``\\n`` line ends.
    ``original`` keeps the bytes as read, for provenance.
    """

    blocks: tuple[Block, ...]
    format: str
    original: bytes
    origin: str = ""
    title: str = ""
    author: str = ""
    publisher: str = ""
    published: str = ""
    lang: str = ""
    direction: str = "ltr"

    @property
    def text(self) -> str:
        return body_text(self.blocks)


def read_limited(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Read a whole file, refusing missing, unreadable or oversized ones with a clear message."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocumentImportError(f"{path}: no such file; check the path.") from None
    except OSError as exc:
        raise DocumentImportError(f"{path}: cannot be read ({exc.strerror}).") from None
    if path.is_dir():
        raise DocumentImportError(f"{path} is a folder; give an article file.")
    if size > max_bytes:
        raise DocumentImportError(
            f"{path} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for an "
            "article; split it or import an extract."
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DocumentImportError(f"{path}: cannot be read ({exc.strerror}).") from None
