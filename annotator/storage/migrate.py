"""Schema versions through Alembic: which revision a project is at, and upgrading it."""

from __future__ import annotations

import enum
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class State(enum.Enum):
    CURRENT = "current"
    OLDER = "older"
    TOO_NEW = "too-new"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def state(connection: Connection) -> State:
    current = MigrationContext.configure(connection).get_current_revision()
    script = ScriptDirectory.from_config(_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        return State.TOO_NEW
    return State.CURRENT if current == script.get_current_head() else State.OLDER


def upgrade(connection: Connection, target: str = "head") -> None:
    command.upgrade(_config(connection), target)
