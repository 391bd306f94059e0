"""Small helpers the services share: the clock, new ids, and loading a row by id or saying
which one is missing. The checks on user-given values are pure rules: ``domain/checks.py``."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from annotator.errors import NotFoundError
from annotator.storage.rows import Base

RowT = TypeVar("RowT", bound=Base)


def utc_now() -> str:
    """The current time as ISO-8601 UTC with seconds, the form stored everywhere."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def today() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d")


def new_id() -> str:
    return str(uuid.uuid4())


def get_row(session: Session, row_type: type[RowT], key: str, what: str) -> RowT:
    row = session.get(row_type, key)
    if row is None:
        raise NotFoundError(f"There is no {what} with id {key!r} in this project.")
    return row
