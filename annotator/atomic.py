"""Writing files so that a reader never sees half of one: temporary file, fsync, rename.

The target is what a plain ``open(path, "wb")`` would write to: a symbolic link is followed (the
file it points to is replaced, the link stays), and a target that exists but is not a regular
file (a character or block device, a FIFO, a socket) is written to in place, since renaming a
regular file over it would replace the device with a file. A directory is refused.
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import suppress
from pathlib import Path

from annotator.errors import ReportError


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; on any failure the old file (or no file)
    stays and the temporary file is removed. ``path`` may be a symbolic link (the file it
    points to is replaced) or a device, FIFO or socket (written to directly, not atomically)."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = None  # no file there yet (or a dangling link: create the file it names)
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        _write_in_place(path, target, data)
        return
    folder = target.parent
    if not folder.is_dir():
        shown = folder if path.is_symlink() else path.parent
        raise ReportError(f"Cannot write {path}: the folder {shown} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ReportError(f"Cannot write {path}: {exc.strerror}.") from None
    tmp = Path(tmp_name)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain write would have:
        # the replaced file's, or the default under the user's umask.
        tmp.chmod(_mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(target)
    except OSError as exc:
        with suppress(OSError):
            tmp.unlink()
        raise ReportError(f"Cannot write {path}: {exc.strerror}.") from None
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(folder)


def _write_in_place(path: Path, target: Path, data: bytes) -> None:
    """Write ``data`` to an existing device, FIFO or socket, as a shell redirection would.

    Opening a FIFO waits for a reader, as ``cat > fifo`` does. Unbuffered writes, so that an
    error (ENOSPC on ``/dev/full``, EPIPE on a closed FIFO) is raised here, once."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ReportError(f"Cannot write {path}: {exc.strerror}.") from None
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise ReportError(f"Cannot write {path}: {exc.strerror}.") from None
    finally:
        with suppress(OSError):
            os.close(fd)


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
