"""Files that become snapshots: the checks made before anything is written (a regular,
readable file within the size limit; never a folder, a pipe or a device), reading a file's media
type and text (off the UI thread in the window), and writing a snapshot's bytes back out.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from annotator.errors import ValidationError
from annotator.formats.media import HEAD_BYTES, detect_media_type
from annotator.formats.snapshot_text import MAX_TEXT_SOURCE_BYTES, snapshot_text
from annotator.storage import blobs

MAX_SNAPSHOT_BYTES = 1024**3
"""The largest snapshot: 1 GiB. (A 2 GB video is not evidence a report can carry.)"""

READ_BYTES = blobs.CHUNK_BYTES


class SnapshotError(ValidationError):
    """A file cannot become a snapshot (missing, a folder, a pipe, unreadable, too large)."""


@dataclass(frozen=True, slots=True)
class PreparedFile:
    """What reading a file for a snapshot found: its media type and readable text."""

    media_type: str
    text: str


def prepare_file(path: Path, media_type: str = "") -> PreparedFile:
    """The media type and text of a file about to become a snapshot (checked as ``add_file``
    checks it). Touches no project: safe to run off the UI thread (a PDF's text takes long)."""
    with open_snapshot_file(path) as handle:
        return prepare_opened(handle.read(HEAD_BYTES), handle, media_type, path.name)


def prepare_opened(head: bytes, handle: BinaryIO, media_type: str, name: str) -> PreparedFile:
    media_type = media_type or detect_media_type(head, name)
    if os.fstat(handle.fileno()).st_size > MAX_TEXT_SOURCE_BYTES:
        return PreparedFile(media_type, "")
    whole = head + handle.read(MAX_TEXT_SOURCE_BYTES + 1 - len(head))
    return PreparedFile(media_type, snapshot_text(whole, media_type, name))


def file_pieces(first: bytes, handle: BinaryIO) -> Iterator[bytes]:
    yield first
    while piece := handle.read(READ_BYTES):
        yield piece


def open_snapshot_file(path: Path) -> BinaryIO:
    """``path`` opened for reading, after checking that it is a regular, readable file within
    ``MAX_SNAPSHOT_BYTES``; a clear SnapshotError otherwise."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SnapshotError(f"{path}: no such file; check the path.") from None
    except OSError as exc:
        raise SnapshotError(f"{path}: cannot be read ({exc.strerror}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise SnapshotError(f"{path} is a folder; give the file to keep as a snapshot.")
    if not stat.S_ISREG(info.st_mode):
        raise SnapshotError(
            f"{path} is not a regular file (a pipe or a device); save its content to a file first."
        )
    if info.st_size > MAX_SNAPSHOT_BYTES:
        raise SnapshotError(too_large(str(path), info.st_size))
    try:
        # Non-blocking: a file swapped for a FIFO after the check cannot hang the open.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise SnapshotError(f"{path}: cannot be read ({exc.strerror}).") from None
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        raise SnapshotError(f"{path} is not a regular file; save its content to a file first.")
    return handle


def too_large(name: str, size: int) -> str:
    return (
        f"{name} is {size / 1e6:,.0f} MB, over the {MAX_SNAPSHOT_BYTES / 1e6:,.0f} MB limit for a "
        "snapshot; keep a smaller copy (a PDF of the page, a screenshot) or an archive URL instead."
    )


def write_stream(target: Path, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to a temporary file beside ``target``, then rename it into place: a
    failed extraction leaves no partial file."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        with partial.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise SnapshotError(f"Cannot write {target}: {exc.strerror or exc}.") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
