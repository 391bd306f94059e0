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
import time
from contextlib import suppress
from pathlib import Path
from typing import IO

from annotator.errors import ProjectHeldError, ProjectLockedError

_RETRY_SECONDS = 0.1


class WriterLock:
    """An exclusive, non-blocking lock on ``<project>.lock``."""

    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self._handle: IO[bytes] | None = handle

    @classmethod
    def acquire(cls, project: Path, *, shown: Path | None = None, wait: float = 0) -> WriterLock:
        """Lock ``project`` for writing; ``shown`` is the name the user gave, for messages.
        While another process holds the lock, retry for up to ``wait`` seconds."""
        deadline = time.monotonic() + max(wait, 0)
        while True:
            try:
                return cls._acquire_once(project, shown or project)
            except ProjectHeldError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(_RETRY_SECONDS)

    @classmethod
    def _acquire_once(cls, project: Path, shown: Path) -> WriterLock:
        lock_path = project.with_name(project.name + ".lock")
        for _attempt in range(5):
            handle = cls._try_lock(project, lock_path, shown)
            if _same_file(handle, lock_path):
                try:
                    # Unbuffered: a full disk fails here, once, and not again when closing.
                    os.ftruncate(handle.fileno(), 0)
                    os.pwrite(handle.fileno(), f"{os.getpid()}\n".encode(), 0)
                except OSError as exc:  # a full disk: nothing can be saved there anyway
                    with suppress(OSError):
                        lock_path.unlink()
                    with suppress(OSError):
                        handle.close()
                    raise ProjectLockedError(
                        f"Cannot open {shown} for editing: its lock file cannot be written "
                        f"({exc.strerror}); free some space on that disk and try again."
                    ) from None
                return cls(lock_path, handle)
            # The previous holder removed the file between our open and our lock: try again.
            _close_quietly(handle)
        raise ProjectHeldError(f"{shown} is being opened by another process; try again.")

    @staticmethod
    def _try_lock(project: Path, lock_path: Path, shown: Path) -> IO[bytes]:
        try:
            handle = lock_path.open("a+b", buffering=0)
        except OSError as exc:
            raise ProjectLockedError(
                f"Cannot open {shown} for editing: its lock file cannot be created "
                f"({exc.strerror}); check the folder's permissions and free space."
            ) from None
        try:
            _lock(handle)
        except OSError:
            _close_quietly(handle)
            raise ProjectHeldError(
                f"{shown} is already open for editing in another Annotator window or process; "
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
        _close_quietly(self._handle)
        self._handle = None


def _close_quietly(handle: IO[bytes]) -> None:
    with suppress(OSError):
        handle.close()


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
