"""Writing files so that a reader never sees half of one: temporary file, fsync, rename."""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path

from annotator.errors import ReportError


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; on any failure the old file (or no file)
    stays and the temporary file is removed."""
    folder = path.parent
    if not folder.is_dir():
        raise ReportError(f"Cannot write {path}: the folder {folder} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ReportError(f"Cannot write {path}: {exc.strerror}.") from None
    tmp = Path(tmp_name)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain write would have:
        # the replaced file's, or the default under the user's umask.
        tmp.chmod(_mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except OSError as exc:
        with suppress(OSError):
            tmp.unlink()
        raise ReportError(f"Cannot write {path}: {exc.strerror}.") from None
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(folder)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible (nor needed) on Windows.
    if os.name != "posix":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
