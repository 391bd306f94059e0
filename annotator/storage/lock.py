"""The one-writer rule: a project is open for writing in at most one window or process.

SQLite alone would let a second writer in and fail later with "database is locked"; instead the
first writer holds an advisory lock on a small ``.lock`` file beside the project, released by the
operating system if the process dies, and a second writer gets a clear message at once. The file
is removed on a clean close; it is removed while still locked, and a new holder checks that the
file it locked is still the one at the path, so two writers can never both win.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import IO

from annotator.errors import ProjectLockedError


class WriterLock:
    """An exclusive, non-blocking lock on ``<project>.lock``."""

    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self._handle: IO[bytes] | None = handle

    @classmethod
    def acquire(cls, project: Path) -> WriterLock:
        lock_path = project.with_name(project.name + ".lock")
        for _attempt in range(5):
            handle = cls._try_lock(project, lock_path)
            if _same_file(handle, lock_path):
                try:
                    handle.seek(0)
                    handle.truncate()
                    handle.write(f"{os.getpid()}\n".encode())
                    handle.flush()
                except OSError as exc:  # a full disk: nothing can be saved there anyway
                    handle.close()
                    with suppress(OSError):
                        lock_path.unlink()
                    raise ProjectLockedError(
                        f"Cannot open {project} for editing: its lock file cannot be written "
                        f"({exc.strerror}); free some space on that disk and try again."
                    ) from None
                return cls(lock_path, handle)
            # The previous holder removed the file between our open and our lock: try again.
            handle.close()
        raise ProjectLockedError(f"{project} is being opened by another process; try again.")

    @staticmethod
    def _try_lock(project: Path, lock_path: Path) -> IO[bytes]:
        try:
            handle = lock_path.open("a+b")
        except OSError as exc:
            raise ProjectLockedError(
                f"Cannot open {project} for editing: its lock file cannot be created "
                f"({exc.strerror}); check the folder's permissions."
            ) from None
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise ProjectLockedError(
                f"{project} is already open for editing in another Annotator window or process; "
                "close it there first (reading commands such as export, info and check still work)."
            ) from None
        return handle

    def release(self) -> None:
        if self._handle is None:
            return
        with suppress(OSError):
            self.path.unlink()
        with suppress(OSError):
            _unlock(self._handle)
        self._handle.close()
        self._handle = None


def _same_file(handle: IO[bytes], path: Path) -> bool:
    try:
        return os.fstat(handle.fileno()).st_ino == path.stat().st_ino
    except OSError:
        return False


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
