"""Finding a claim, document or source from what a person types: a full id, a unique start of
one (``3f2a``, as git takes short hashes), or for a claim its number (``#12`` or ``12``).

A bare number names the claim with that number when there is one, else it is read as the
start of an id; ``#12`` is always a number. A start shared by several ids is refused with the
candidates listed, never resolved to the first of them.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute

from annotator.errors import NotFoundError, ValidationError
from annotator.storage.database import Database
from annotator.storage.rows import ClaimRow, DocumentRow, SourceRow

_SHOWN_CANDIDATES = 5


def claim_id(database: Database, reference: str) -> str:
    """The id of the claim ``reference`` names (an id, a unique id start, ``#12`` or ``12``)."""
    text = reference.strip()
    number_text = text.removeprefix("#")
    if number_text.isdecimal() and number_text.isascii():
        with database.session() as session:
            found = session.scalar(select(ClaimRow.id).where(ClaimRow.number == int(number_text)))
        if found is not None:
            return found
        if text.startswith("#"):
            raise NotFoundError(
                f"There is no claim {text} in this project; `annotator claims PROJECT` lists "
                "the claims with their numbers."
            )
    return _unique_id(database, ClaimRow.id, text, "claim", "annotator claims PROJECT")


def document_id(database: Database, reference: str) -> str:
    """The id of the document ``reference`` names (an id or a unique start of one)."""
    return _unique_id(database, DocumentRow.id, reference.strip(), "document", "annotator info")


def source_id(database: Database, reference: str) -> str:
    """The id of the source ``reference`` names (an id or a unique start of one)."""
    return _unique_id(database, SourceRow.id, reference.strip(), "source", "annotator export")


def _unique_id(
    database: Database, column: InstrumentedAttribute[str], text: str, what: str, lister: str
) -> str:
    if not text:
        raise ValidationError(f"The {what} id is empty; `{lister}` shows the ids.")
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    with database.session() as session:
        if session.scalar(select(column).where(column == text)) is not None:
            return text
        found = list(
            session.scalars(
                select(column)
                .where(column.like(f"{escaped}%", escape="\\"))
                .order_by(column)
                .limit(_SHOWN_CANDIDATES + 1)
            )
        )
    if not found:
        raise NotFoundError(
            f"There is no {what} with an id starting {text!r} in this project; `{lister}` "
            "shows the ids."
        )
    if len(found) > 1:
        shown = ", ".join(found[:_SHOWN_CANDIDATES]) + (", …" if len(found) > 5 else "")
        raise ValidationError(
            f"{text!r} is the start of several {what} ids ({shown}); give more characters."
        )
    return found[0]
