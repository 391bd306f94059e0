"""Checks on a project file made before SQLite or the writer lock touches it.

SQLite would block forever opening a FIFO, follow a symbolic link to a file that another name
locks, fail with a traceback on a name too long for its side files, and rewrite the header of a
foreign database (``journal_mode=WAL``) before Annotator could tell it is not a project. So the
path is resolved, its kind, name length, SQLite magic and application id are read from the
file system and the header first, and a file that is not a project is refused untouched.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

from annotator.errors import ProjectError
from annotator.paths import SQLITE_MAGIC

APPLICATION_ID = 0x414E4E4F  # "ANNO": lets `file` and Annotator recognise a project
# SQLite's rollback journal, its write-ahead log and shared memory, and the writer lock.
SIDECAR_SUFFIXES = ("-journal", "-wal", "-shm", ".lock")
_LONGEST_SIDECAR = max(len(suffix) for suffix in SIDECAR_SUFFIXES)
_HEADER_BYTES = 100
_DEFAULT_NAME_MAX = 255


def not_a_project(path: Path) -> ProjectError:
    return ProjectError(
        f"{path} is an SQLite database but not an Annotator project; "
        "open a .factcheck file made by Annotator."
    )


def real_path(path: Path) -> Path:
    """The file ``path`` names after following symbolic links: the one-writer lock and SQLite
    must agree on it whatever name the user gave."""
    return Path(os.path.realpath(path))


def check_name_length(path: Path) -> None:
    """Refuse a name too long to add SQLite's and the lock's suffixes to."""
    for name, folder in ((path.name, path.parent), (real_path(path).name, real_path(path).parent)):
        limit = _name_max(folder)
        length = len(os.fsencode(name))
        if length + _LONGEST_SIDECAR > limit:
            raise ProjectError(
                f"The project file name {_shortened(name)} is too long ({length} bytes; at "
                f"most {limit - _LONGEST_SIDECAR} leave room for the files SQLite keeps beside "
                "it); rename it to a shorter name."
            )


def check_project_file(path: Path) -> Path:
    """Check that ``path`` is a regular file holding an Annotator project, without opening it
    with SQLite or changing it; returns the real file (symbolic links followed)."""
    check_name_length(path)
    real = real_path(path)
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        raise ProjectError(
            f"No project at {path}; check the path, or create one with `annotator new {path}`."
        ) from None
    except OSError as exc:
        raise _os_error(path, exc) from None
    if stat.S_ISDIR(mode):
        raise ProjectError(f"{path} is a folder, not a project file.")
    if not stat.S_ISREG(mode):
        raise ProjectError(
            f"{path} is not a regular file (it is a {_kind(mode)}); a project is a .factcheck "
            "file on disk."
        )
    header = _read_header(path, real)
    if header[: len(SQLITE_MAGIC)] != SQLITE_MAGIC:
        raise ProjectError(
            f"{path} is not an Annotator project (it is not a project database); "
            "to check an article, add it to a project with `annotator add-document`."
        )
    application_id = int.from_bytes(header[68:72], "big")
    if application_id != APPLICATION_ID and not (
        application_id == 0 and len(header) == _HEADER_BYTES and _has_project_tables(real)
    ):
        raise not_a_project(path)
    return real


def _read_header(path: Path, real: Path) -> bytes:
    # O_NONBLOCK: if a FIFO replaced the file since the check above, opening it must not wait.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        raise _os_error(path, exc) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ProjectError(f"{path} is not a regular file; a project is a .factcheck file.")
        try:
            return handle.read(_HEADER_BYTES)
        except OSError as exc:
            raise _os_error(path, exc) from None


def _has_project_tables(real: Path) -> bool:
    """Whether an SQLite file without Annotator's application id still has a project's tables
    (a file made before the id was set). Read as immutable: no lock, no side file, no write."""
    try:
        connection = sqlite3.connect(f"file:{quote(str(real))}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return False
    try:
        names = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return {"project", "alembic_version"} <= names


def _os_error(path: Path, exc: OSError) -> ProjectError:
    if exc.errno == errno.ENAMETOOLONG:
        return ProjectError(
            f"The path {_shortened(str(path))} is too long for this system; move or rename the "
            "project so its path is shorter."
        )
    return ProjectError(f"Cannot read {path}: {exc.strerror or exc}.")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return _DEFAULT_NAME_MAX


def _shortened(name: str, keep: int = 40) -> str:
    return name if len(name) <= keep else f"{name[:keep]}…"


def is_project(path: Path) -> bool:
    """Whether ``path`` is an Annotator project file (read from its header, nothing changed)."""
    try:
        check_project_file(path)
    except ProjectError:
        return False
    return True


def project_owning(path: Path) -> Path | None:
    """The project whose side file (journal, -wal, -shm or lock) ``path`` is named as, if that
    project exists."""
    for suffix in SIDECAR_SUFFIXES:
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            owner = path.with_name(path.name[: -len(suffix)])
            if is_project(owner):
                return owner
    return None
