"""What every importer produces, and the limits every importer enforces."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.domain.body import Block, body_text
from annotator.errors import Cancelled, DocumentImportError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Articles larger than this are refused with a clear message (a 200-page PDF is ~5 MB)."""

MAX_ARTICLE_CHARS = 5_000_000
"""The longest text an article may have: a long book. Beyond it the window needs gigabytes."""

MAX_TITLE_CHARS = 500
"""Titles an importer finds are cut to this length (a project made from an article takes
its title, and a project title may be 500 characters long)."""

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` by importers that work in steps (PDF pages)."""

CancelCheck = Callable[[], bool]
"""Returns True when the user asked to stop; importers then raise ImportCancelled."""


class ImportCancelled(Cancelled, DocumentImportError):
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

    def __post_init__(self) -> None:
        # A title the importer took from the text (a first line, a heading) may be a whole
        # paragraph; cut, it is still a fair title, and the file is not refused for it.
        title = self.title.strip()
        if len(title) > MAX_TITLE_CHARS:
            title = title[: MAX_TITLE_CHARS - 1].rstrip() + "…"
        object.__setattr__(self, "title", title)

    @property
    def text(self) -> str:
        return body_text(self.blocks)


def read_limited(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Read a whole file, refusing missing, unreadable, special or oversized ones clearly.

    Devices and pipes report a size of 0 and never end (``/dev/zero``) or block until a writer
    comes (a FIFO), so only regular files are read, and never more than ``max_bytes`` of them
    even when the file grows after its size was checked.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DocumentImportError(f"{path}: no such file; check the path.") from None
    except OSError as exc:
        raise DocumentImportError(f"{path}: cannot be read ({exc.strerror}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise DocumentImportError(f"{path} is a folder; give an article file.")
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(path)
    if info.st_size > max_bytes:
        raise DocumentImportError(
            f"{path} is {_amount(info.st_size, 1)}, over the {_amount(max_bytes, 0)} limit for an "
            "article; split it or import an extract."
        )
    try:
        # Non-blocking, so that a file swapped for a pipe after the check cannot hang the open.
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_BINARY | _O_CLOEXEC)
    except OSError as exc:
        raise DocumentImportError(f"{path}: cannot be read ({exc.strerror}).") from None
    try:
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise _not_regular(path)
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DocumentImportError(f"{path}: cannot be read ({exc.strerror}).") from None
    if len(data) > max_bytes:
        raise DocumentImportError(
            f"{path} is over the {_amount(max_bytes, 0)} limit for an article; "
            "split it or import an extract."
        )
    return data


_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _not_regular(path: Path) -> DocumentImportError:
    return DocumentImportError(f"{path} is not a regular file; give an article file.")


def _amount(size: int, digits: int) -> str:
    """A byte count in MB, or in KB when small (limits below 1 MB are set by tests and tools)."""
    if size >= 100_000:
        return f"{size / 1e6:.{digits}f} MB"
    return f"{size / 1e3:.{digits}f} KB"
