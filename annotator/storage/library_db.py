"""The claim library's file: its own SQLite database (not a project), with an FTS5 index over
each entry's claim and title for lexical search.

Plain ``sqlite3`` rather than the ORM: the library is written in bulk (a feed of thousands of
reviews is one ``executemany`` in one transaction) and searched through FTS5, which SQLAlchemy
does not model. The schema version is ``PRAGMA user_version``; a library written by a newer
Annotator is refused, untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from annotator.domain.library import LibraryEntry, LibrarySource, SourceKind
from annotator.errors import LibraryError
from annotator.paths import SQLITE_MAGIC

APPLICATION_ID = 0x414E4E4C  # "ANNL"
SCHEMA_VERSION = 1
# Column weights of the BM25 ranking (claim, title): chosen on the CLEF-2020 train queries.
CLAIM_WEIGHT, TITLE_WEIGHT = 1.0, 1.2
# Seconds a write waits for another writer (a `library import` in another process) to finish.
BUSY_TIMEOUT = 10.0

_SCHEMA = """
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    location TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    key TEXT NOT NULL UNIQUE,
    claim TEXT NOT NULL,
    title TEXT NOT NULL,
    verdict TEXT NOT NULL,
    rating REAL,
    best_rating REAL,
    worst_rating REAL,
    outlet TEXT NOT NULL,
    url TEXT NOT NULL,
    identifier TEXT NOT NULL,
    claimant TEXT NOT NULL,
    claim_date TEXT NOT NULL,
    review_date TEXT NOT NULL,
    project TEXT NOT NULL,
    claim_id TEXT NOT NULL
);
CREATE INDEX entries_source ON entries(source_id);
CREATE VIRTUAL TABLE entries_fts USING fts5(
    claim, title, content='entries', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER entries_ad AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts(entries_fts, rowid, claim, title)
    VALUES ('delete', old.id, old.claim, old.title);
END;
"""

_FIELDS = (
    "key", "claim", "title", "verdict", "rating", "best_rating", "worst_rating", "outlet",
    "url", "identifier", "claimant", "claim_date", "review_date", "project", "claim_id",
)  # fmt: skip
_COLUMNS = ", ".join(f"e.{field}" for field in _FIELDS)
_UPSERT = (
    f"INSERT INTO entries (source_id, {', '.join(_FIELDS)}) "
    f"VALUES (?, {', '.join('?' for _ in _FIELDS)}) "
    "ON CONFLICT(key) DO UPDATE SET source_id = excluded.source_id, "
    + ", ".join(f"{field} = excluded.{field}" for field in _FIELDS[1:])
)


class LibraryDatabase:
    """An open library file. Each write method is one transaction."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    @classmethod
    def open(cls, path: Path) -> LibraryDatabase:
        """Open the library at ``path``, creating it (and its folder) if needed."""
        _check_file(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise LibraryError(f"Cannot open the claim library {path}: {exc}.") from None
        try:
            _prepare(connection, path)
        except BaseException:
            connection.close()
            raise
        return cls(path, connection)

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write: committed whole, or rolled back whole."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY:
                raise LibraryError(
                    f"The claim library {self.path} is busy: another Annotator is writing to "
                    "it (an import of a large feed?). Try again once it has finished."
                ) from None
            raise LibraryError(f"Cannot write to the claim library {self.path}: {exc}.") from None
        try:
            yield self._db
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise LibraryError(f"Cannot write to the claim library {self.path}: {exc}.") from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        # SQLite rolls back by itself on some errors (a full disk, a trigger's RAISE); a
        # second ROLLBACK would fail and hide the first error.
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """A read; a damaged file (a malformed page, a lost index) is a LibraryError the
        user reads, not an sqlite3 traceback, and in the window not a dead search thread."""
        try:
            yield self._db
        except sqlite3.Error as exc:
            raise LibraryError(
                f"The claim library {self.path} cannot be read: {exc}. If it is damaged, "
                "delete it and import the feeds and add the projects again."
            ) from None

    def source_id(self, db: sqlite3.Connection, name: str, kind: SourceKind, location: str,
                  now: str) -> int:  # fmt: skip
        """The id of a source (created if new), inside a transaction."""
        db.execute(
            "INSERT INTO sources (name, kind, location, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET location = excluded.location, "
            "updated_at = excluded.updated_at",
            (name, kind.value, location, now),
        )
        row = db.execute("SELECT id FROM sources WHERE name = ?", (name,)).fetchone()
        return int(row[0])

    def upsert(
        self, db: sqlite3.Connection, source_id: int, entries: Sequence[LibraryEntry]
    ) -> int:
        """Insert or update entries by key, inside a transaction; returns how many of them
        were already in the library (updated rather than added).

        The full-text index is updated in bulk, not by a trigger per row: a 10,000-review
        feed is indexed in one statement, about 3x faster (DESIGN.md, claim library)."""
        db.execute("CREATE TEMP TABLE IF NOT EXISTS batch (key TEXT PRIMARY KEY)")
        db.execute("DELETE FROM temp.batch")
        db.executemany("INSERT OR IGNORE INTO temp.batch VALUES (?)", [(e.key,) for e in entries])
        known = db.execute(
            "INSERT INTO entries_fts(entries_fts, rowid, claim, title) "
            "SELECT 'delete', id, claim, title FROM entries WHERE key IN temp.batch"
        ).rowcount
        rows = [(source_id, *(getattr(e, f) for f in _FIELDS)) for e in entries]
        db.executemany(_UPSERT, rows)
        db.execute(
            "INSERT INTO entries_fts(rowid, claim, title) "
            "SELECT id, claim, title FROM entries WHERE key IN temp.batch"
        )
        return max(known, 0)

    def delete_keys(self, db: sqlite3.Connection, keys: Iterable[str]) -> int:
        cursor = db.executemany("DELETE FROM entries WHERE key = ?", [(k,) for k in keys])
        return cursor.rowcount

    def clear_source(self, db: sqlite3.Connection, source_id: int) -> None:
        db.execute("DELETE FROM entries WHERE source_id = ?", (source_id,))

    def delete_source(self, name: str) -> int:
        """Remove a source and its entries; returns how many entries went."""
        with self.transaction() as db:
            row = db.execute("SELECT id FROM sources WHERE name = ?", (name,)).fetchone()
            if row is None:
                return -1
            count = db.execute("DELETE FROM entries WHERE source_id = ?", (row[0],)).rowcount
            db.execute("DELETE FROM sources WHERE id = ?", (row[0],))
            return int(count)

    def sources(self) -> list[LibrarySource]:
        with self._reading() as db:
            rows = db.execute(
                "SELECT s.name, s.kind, s.location, s.updated_at, count(e.id) FROM sources s "
                "LEFT JOIN entries e ON e.source_id = s.id GROUP BY s.id ORDER BY s.name"
            ).fetchall()
        return [
            LibrarySource(name, SourceKind(kind), location, count, updated)
            for name, kind, location, updated, count in rows
        ]

    def count(self) -> int:
        with self._reading() as db:
            return int(db.execute("SELECT count(*) FROM entries").fetchone()[0])

    def search(self, terms: Sequence[str], limit: int) -> list[tuple[int, float, float, float]]:
        """The entries matching any of ``terms`` by BM25 (claim and title weighted), best
        first: ``(id, combined, claim only, title only)``, as positive scores."""
        if not terms:
            return []
        query = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
        with self._reading() as db:
            rows = db.execute(
                f"SELECT rowid, bm25(entries_fts, {CLAIM_WEIGHT}, {TITLE_WEIGHT}) AS score, "
                "bm25(entries_fts, 1.0, 0.0), bm25(entries_fts, 0.0, 1.0) "
                "FROM entries_fts WHERE entries_fts MATCH ? ORDER BY score LIMIT ?",
                (query, limit),
            ).fetchall()
        return [(int(i), -s, -c, -t) for i, s, c, t in rows]

    def entries(self, ids: Sequence[int]) -> dict[int, LibraryEntry]:
        """The entries with these row ids."""
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        with self._reading() as db:
            rows = db.execute(
                f"SELECT e.id, s.name, {_COLUMNS} FROM entries e JOIN sources s "
                f"ON s.id = e.source_id WHERE e.id IN ({marks})",
                list(ids),
            ).fetchall()
        return {row[0]: _entry(row) for row in rows}

    def entries_of(self, source: str) -> list[LibraryEntry]:
        with self._reading() as db:
            rows = db.execute(
                f"SELECT e.id, s.name, {_COLUMNS} FROM entries e JOIN sources s "
                "ON s.id = e.source_id WHERE s.name = ? ORDER BY e.id",
                (source,),
            ).fetchall()
        return [_entry(row) for row in rows]


def _entry(row: Sequence[Any]) -> LibraryEntry:
    values = dict(zip(_FIELDS, row[2:], strict=True))
    return LibraryEntry(id=int(row[0]), source=str(row[1]), **values)


def _check_file(path: Path) -> None:
    """Refuse a file that is not a library before SQLite touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise LibraryError(f"Cannot read the claim library {path}: {exc.strerror}.") from None
    if magic != SQLITE_MAGIC:
        raise LibraryError(
            f"{path} is not a claim library (not an SQLite file); give another --library path."
        )


def _prepare(db: sqlite3.Connection, path: Path) -> None:
    """Create the schema in a new file; check an existing one before writing anything."""
    try:
        application_id, version = _header(db)
        if version == 0 and application_id == 0 and _is_empty(db):
            _create(db)
            application_id, version = _header(db)
        _check_header(path, application_id, version)
        db.execute("PRAGMA journal_mode=WAL")
        # An index rebuilt from its sources (`library add`, `library import`): a power cut may
        # lose its last edit, never corrupt it; the window writes to it on every verdict.
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"The claim library {path} cannot be read: {exc}.") from None


def _create(db: sqlite3.Connection) -> None:
    """Create the schema, holding the write lock from the check to the commit: the window and
    a command (or two windows) may both find the new file empty, and only one may fill it."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if _is_empty(db):
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            for statement in _statements(_SCHEMA):
                db.execute(statement)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """The statements of an SQL script, one by one (a trigger's body stays whole)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements


def _check_header(path: Path, application_id: int, version: int) -> None:
    if application_id != APPLICATION_ID:
        raise LibraryError(
            f"{path} is an SQLite file but not a claim library; give another --library path."
        )
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"The claim library {path} was written by a newer version of Annotator (schema "
            f"{version}, this one reads up to {SCHEMA_VERSION}); update Annotator to use it."
        )


def _header(db: sqlite3.Connection) -> tuple[int, int]:
    application_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    return int(application_id), int(version)


def _is_empty(db: sqlite3.Connection) -> bool:
    return int(db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]) == 0
