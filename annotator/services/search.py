"""Full-text search over a project's claims, for the project-wide claims view.

The index is SQLite FTS5 (migration 0006), kept current by triggers: each claim's quote,
summary, rationale, notes, claimant, tags and the titles and publishers of its sources. Words
match by their start ("Mi-35" finds "Mi-35M"), ignoring case and accents, and every word
typed must match somewhere in the claim. An index row's rowid is its claim's number.
"""

from __future__ import annotations

import re

from sqlalchemy import Integer, column, select, text

from annotator.domain.model import Claim
from annotator.storage.database import Database
from annotator.storage.rows import ClaimRow, DocumentRow, to_claim

_WORD = re.compile(r"\w+")


def fts_query(typed: str) -> str:
    """What the user typed as an FTS5 query: each word a quoted prefix, all of them required
    (so FTS5 syntax in the text, quotes or ``NEAR``, is only ever searched for)."""
    return " ".join(f'"{word}"*' for word in _WORD.findall(typed))


class ClaimSearch:
    def __init__(self, database: Database) -> None:
        self._db = database

    def claims(self, typed: str, document_id: str | None = None) -> list[Claim]:
        """The claims matching every word of ``typed`` (all claims when it has no word), of
        one document or the whole project, in article order."""
        query = select(ClaimRow).join(DocumentRow)
        if document_id is not None:
            query = query.where(ClaimRow.document_id == document_id)
        if words := fts_query(typed):
            found = text("SELECT rowid FROM claim_search WHERE claim_search MATCH :words")
            numbers = found.bindparams(words=words).columns(column("rowid", Integer))
            query = query.where(ClaimRow.number.in_(numbers))
        query = query.order_by(DocumentRow.position, ClaimRow.start, ClaimRow.end, ClaimRow.id)
        with self._db.session() as session:
            return [to_claim(row) for row in session.scalars(query)]
