"""Schema versions through Alembic: which revision a project is at, and upgrading it.

Checking the revision is a plain query against the list of known revisions, so opening a
current project never loads Alembic (a tenth of a second or more); Alembic runs only to create
or upgrade a file. A test keeps ``REVISIONS`` equal to the migration scripts.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

if TYPE_CHECKING:
    from alembic.config import Config  # lazy: opening a current project never loads Alembic

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006")
"""Every schema revision, oldest first; the last is the one this version writes."""


class State(enum.Enum):
    CURRENT = "current"
    OLDER = "older"
    TOO_NEW = "too-new"
    UNKNOWN = "unknown"  # no schema revision recorded, or several: the file was damaged


def head() -> str:
    return REVISIONS[-1]


def current_revision(connection: Connection) -> str | None:
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else None


def state(connection: Connection) -> State:
    current = current_revision(connection)
    if current is None:
        return State.UNKNOWN
    if current not in REVISIONS:
        return State.TOO_NEW
    return State.CURRENT if current == head() else State.OLDER


def config(connection: Connection | None = None) -> Config:
    from alembic.config import Config  # lazy: opening a current project never loads Alembic

    result = Config()
    result.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        result.attributes["connection"] = connection
    return result


def upgrade(connection: Connection, target: str = "head") -> None:
    from alembic import command  # lazy, as above

    command.upgrade(config(connection), target)
