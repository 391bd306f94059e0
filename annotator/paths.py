"""Where Annotator keeps per-user files: configuration, logs and data (via appdirs).

``ANNOTATOR_HOME`` overrides all three with one folder, which the tests and the screenshot
script use so they never touch the real user's files; ``ANNOTATOR_LIBRARY`` names the claim
library file itself.
"""

import hashlib
import os
import stat
from pathlib import Path

import appdirs

APP_NAME = "Annotator"
PROJECT_SUFFIX = ".factcheck"
SQLITE_MAGIC = b"SQLite format 3\x00"
APP_AUTHOR = "Annotator"


def _override(sub: str) -> Path | None:
    home = os.environ.get("ANNOTATOR_HOME")
    return Path(home) / sub if home else None


def config_dir() -> Path:
    """The folder for settings (window geometry, recent projects)."""
    return _override("config") or Path(appdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    """The folder for the error log."""
    return _override("logs") or Path(appdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def data_dir() -> Path:
    """The folder for projects the app creates by itself (the sample project)."""
    return _override("data") or Path(appdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def library_path() -> Path:
    """The claim library: the verdicts of the user's projects and imported fact-check feeds."""
    override = os.environ.get("ANNOTATOR_LIBRARY")
    return Path(override) if override else data_dir() / "library.sqlite"


def backups_dir() -> Path:
    """The folder for automatic and manual backups of projects (one subfolder per project)."""
    return data_dir() / "backups"


def backup_folder(project: Path) -> Path:
    """Where the backups of ``project`` go: one folder per project file, named after it and a
    digest of its real path, so two projects of the same name never share one."""
    real = Path(os.path.realpath(project))
    digest = hashlib.sha256(str(real).encode("utf-8", "surrogateescape")).hexdigest()[:10]
    return backups_dir() / f"{real.stem}-{digest}"


def resources_dir() -> Path:
    """The icons and the sample article: ``annotator/resources`` in an installed package, a
    link to the repository's ``resources/`` folder in a checkout."""
    return Path(__file__).resolve().parent / "resources"


def sample_article() -> Path:
    """The sample article shipped with the app (a 2018 news report)."""
    return resources_dir() / "samples" / "pakistan-russia-2018-03-03.txt"


def is_project_file(path: Path) -> bool:
    """Whether ``path`` is (or is named like) a project rather than an article."""
    if path.suffix.lower() == PROJECT_SUFFIX:
        return True
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False  # a FIFO would block the read below until someone writes to it
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False
