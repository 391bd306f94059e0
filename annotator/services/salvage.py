"""``annotator salvage DAMAGED NEW``: a new, sound project from everything a damaged one still
holds, and a plain account of what was kept and what was lost.

The damaged file is read with SQLite as immutable (nothing is written to it, not even a
journal), table by table; where a table can no longer be scanned, its rows are read one by one
by rowid, so a damaged page costs the rows on it, not the table. Text whose bytes are no longer
UTF-8 is read with replacement characters. Then, in one transaction of the new project:

- a document whose text no longer matches its hash gets its text back from its structure when
  that matches the hash, else keeps the damaged text, "[damaged text]" in its title, and its
  claims flagged for review (FUZZY where the quote still fits, ORPHANED where it does not);
- claims whose document is gone are kept, ORPHANED, on a document "Claims whose article was
  lost" that holds their quotes;
- a verdict whose rating is gone from the scale gets the rating back (labelled by its key);
- links to a missing claim or source, and revisions of a missing document, are lost and
  counted.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import text
from sqlalchemy.orm import Session

from annotator.domain.body import blocks_from_json, blocks_to_json, body_text, plain_body
from annotator.domain.model import AnchorState
from annotator.errors import ProjectError
from annotator.services.common import new_id, utc_now
from annotator.services.workspace import Workspace, remove_project_file
from annotator.storage.projectfile import check_project_file

Row = dict[str, Any]
_TABLES = ("project", "ratings", "documents", "sources", "claims", "claim_sources")
_MAX_PROBE = 1_000_000  # rowids tried one by one when a table cannot be scanned
LOST_ARTICLE = "Claims whose article was lost"


@dataclass
class SalvageReport:
    kept: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


def salvage(damaged: Path, new: Path) -> SalvageReport:
    """Build ``new`` from what can be read in ``damaged`` (which is not changed)."""
    real = check_project_file(damaged)
    report = SalvageReport()
    tables = {name: _read_table(real, name, report) for name in (*_TABLES, "document_revisions")}
    _report_other_tables(real, set(tables), report)
    workspace = Workspace.create(new, "")
    try:
        with workspace.database.session() as session:
            _Builder(session, tables, report, damaged).build()
    except BaseException:
        workspace.close()
        remove_project_file(new)  # a half-built project must not pass for a salvage
        raise
    workspace.close()
    return report


class _Builder:
    """Fills the new project, in one transaction, from the rows read."""

    def __init__(
        self, session: Session, tables: dict[str, list[Row]], report: SalvageReport, damaged: Path
    ) -> None:
        self.session = session
        self.tables = tables
        self.report = report
        self.damaged = damaged
        self.columns = {name: _columns(session, name) for name in tables}
        self.texts: dict[str, str] = {}
        self.damaged_documents: set[str] = set()

    def insert(self, table: str, row: Row) -> bool:
        names = [c for c in self.columns[table] if c in row]
        statement = (
            f"INSERT OR REPLACE INTO {table} ({', '.join(names)}) "
            f"VALUES ({', '.join(':' + n for n in names)})"
        )
        try:
            with self.session.begin_nested():
                self.session.execute(text(statement), {n: row[n] for n in names})
        except Exception:
            return False
        return True

    def build(self) -> None:
        self._project()
        ratings = self._ratings()
        documents = self._documents()
        sources = self.tables["sources"]
        self._count("sources", sum(self.insert("sources", row) for row in sources), len(sources))
        claims = self._claims(documents, ratings)
        links = self.tables["claim_sources"]
        kept = sum(self.insert("claim_sources", r) for r in links if r.get("claim_id") in claims)
        self._count("links from claims to sources", kept, len(links))
        revisions = self.tables["document_revisions"]
        kept = sum(
            self.insert("document_revisions", row)
            for row in revisions
            if row.get("document_id") in documents
        )
        self._count("earlier revisions", kept, len(revisions))

    def _project(self) -> None:
        rows = self.tables["project"]
        row: Row = dict(rows[0]) if rows else {"created_at": utc_now()}
        row["id"] = 1
        row["title"] = f"{row.get('title') or self.damaged.stem} (salvaged)"
        self.insert("project", row)
        if not rows:
            self.report.lost.append("the project's settings (title, checker, publisher)")

    def _ratings(self) -> set[str]:
        """The salvaged scale replaces the default one the new project started with."""
        rows = self.tables["ratings"]
        if not rows:
            self.report.lost.append("the rating scale (the default scale is used)")
            return set(self.session.scalars(text("SELECT key FROM ratings")))
        self.session.execute(text("DELETE FROM ratings"))
        kept = {row["key"] for row in rows if self.insert("ratings", row)}
        self._count("ratings of the scale", len(kept), len(rows))
        return kept

    def _documents(self) -> set[str]:
        kept: set[str] = set()
        for original in self.tables["documents"]:
            row = dict(original)
            damaged = _repair_text(row)
            if damaged:
                row["title"] = f"[damaged text] {row.get('title', '')}"
            if not self.insert("documents", row):
                continue
            kept.add(row["id"])
            self.texts[row["id"]] = row["text"]
            if damaged:
                self.damaged_documents.add(row["id"])
                self.report.kept.append(
                    f"document {row['id']}, whose text was damaged: titled “{row['title']}”, "
                    "its claims flagged for review"
                )
        self._count("documents", len(kept), len(self.tables["documents"]))
        return kept

    def _claims(self, documents: set[str], ratings: set[str]) -> set[str]:
        texts = self.texts
        orphans = [c for c in self.tables["claims"] if c.get("document_id") not in documents]
        lost_article = self._lost_article(orphans)
        kept: set[str] = set()
        for claim in self.tables["claims"]:
            claim = dict(claim)
            if claim.get("document_id") not in documents:
                claim.update(lost_article.get(claim["id"], {}))
            elif claim["document_id"] in self.damaged_documents:
                fits = texts[claim["document_id"]][claim["start"] : claim["end"]] == claim["quote"]
                claim["anchor_state"] = (AnchorState.FUZZY if fits else AnchorState.ORPHANED).value
            rating = claim.get("rating")
            if rating is not None and rating not in ratings:
                self.insert("ratings", _rating_row(rating, len(ratings)))
                ratings.add(rating)
                self.report.kept.append(f"rating {rating!r}, missing from the scale, added back")
            if self.insert("claims", claim):
                kept.add(claim["id"])
        self._count("claims", len(kept), len(self.tables["claims"]))
        if orphans:
            self.report.kept.append(
                f"{len(orphans)} claims whose article was lost, on the document "
                f"“{LOST_ARTICLE}”, flagged ORPHANED"
            )
        return kept

    def _lost_article(self, orphans: list[Row]) -> dict[str, Row]:
        """A document holding the orphaned claims' quotes, one a line; where each one sits."""
        if not orphans:
            return {}
        quotes = [" ".join(str(c.get("quote", "")).split()) or "(no quote)" for c in orphans]
        body = "\n".join(quotes)
        document: Row = {
            "id": new_id(), "position": 10**6, "title": LOST_ARTICLE, "author": "",
            "publisher": "", "published": "", "origin": "", "format": "text", "lang": "",
            "direction": "ltr", "text": body, "body": json.dumps(blocks_to_json(plain_body(body))),
            "original": body.encode("utf-8"), "sha256": _sha256(body), "revision": 1,
            "created_at": utc_now(),
        }  # fmt: skip
        if not self.insert("documents", document):
            return {}
        placed: dict[str, Row] = {}
        at = 0
        for claim, quoted in zip(orphans, quotes, strict=True):
            placed[claim["id"]] = {
                "document_id": document["id"], "start": at, "end": at + len(quoted),
                "quote": quoted, "anchor_state": AnchorState.ORPHANED.value,
            }  # fmt: skip
            at += len(quoted) + 1
        return placed

    def _count(self, what: str, kept: int, total: int | None = None) -> None:
        total = kept if total is None else total
        self.report.kept.append(f"{kept} of {total} {what}")
        if kept < total:
            self.report.lost.append(f"{total - kept} {what}")


def _rating_row(key: str, position: int) -> Row:
    return {"key": key, "position": position, "label": key, "color": "#888888", "value": None}


def _repair_text(row: Row) -> bool:
    """Make a document row consistent; True when its text stays damaged (flag it)."""
    stored = str(row.get("sha256", ""))
    current = str(row.get("text", ""))
    if _sha256(current) == stored:
        return False
    try:
        rebuilt = body_text(blocks_from_json(json.loads(row.get("body") or "[]")))
    except (ValueError, TypeError, KeyError):
        rebuilt = ""
    if rebuilt and _sha256(rebuilt) == stored:
        row["text"] = rebuilt
        return False
    row["text"] = current
    row["body"] = json.dumps(blocks_to_json(plain_body(current)))
    row["sha256"] = _sha256(current)
    return True


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def _columns(session: Session, table: str) -> list[str]:
    return [row[1] for row in session.execute(text(f"PRAGMA table_info({table})"))]


def _read_table(path: Path, table: str, report: SalvageReport) -> list[Row]:
    """Every readable row of ``table``; a table that cannot be scanned is read row by row."""
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
    connection.text_factory = lambda data: data.decode("utf-8", "replace")
    connection.row_factory = sqlite3.Row
    try:
        try:
            return [dict(row) for row in connection.execute(f"SELECT * FROM {table}")]
        except sqlite3.DatabaseError:
            rows = list(_rows_one_by_one(connection, table))
            report.lost.append(f"part of table {table} (damaged pages; {len(rows)} rows read)")
            return rows
    except sqlite3.DatabaseError as exc:
        raise ProjectError(
            f"{path} cannot be read at all ({exc}); nothing can be salvaged."
        ) from None
    finally:
        connection.close()


# Tables that hold nothing of the checker's own: the schema's version, SQLite's internals and
# the claims' full-text search index, which the new project's triggers rebuild from its claims.
_DERIVED = frozenset({"alembic_version"})
_DERIVED_PREFIXES = ("sqlite_", "claim_search")


def _report_other_tables(path: Path, salvaged: set[str], report: SalvageReport) -> None:
    """Tables salvage does not rebuild (source snapshots, dismissed suggestions): what they held
    is reported as lost, never dropped silently."""
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
    try:
        names = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        for name in names:
            if name in salvaged or name in _DERIVED or name.startswith(_DERIVED_PREFIXES):
                continue
            try:
                (count,) = connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()
            except sqlite3.DatabaseError:
                count = "unreadable"
            if count:
                report.lost.append(f"{count} rows of table {name} (not salvaged)")
    except sqlite3.DatabaseError:
        report.lost.append("the list of tables (damaged)")
    finally:
        connection.close()


def _rows_one_by_one(connection: sqlite3.Connection, table: str) -> Iterator[Row]:
    misses = 0
    for rowid in range(1, _MAX_PROBE):
        try:
            row = connection.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            row = None
        if row is None:
            misses += 1
            if misses > 1000:
                return
            continue
        misses = 0
        yield dict(row)
