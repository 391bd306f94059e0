"""Documents: adding articles, listing and reading them, editing metadata, deleting."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annotator.domain.checks import check_date, check_optional_url, check_text
from annotator.domain.model import Document, DocumentEdit, DocumentInfo
from annotator.errors import ValidationError
from annotator.formats.importers import (
    CancelCheck,
    ImportedDocument,
    ProgressCallback,
    import_file,
)
from annotator.services.common import get_row, new_id, utc_now
from annotator.storage.database import Database
from annotator.storage.rows import (
    ClaimRow,
    DocumentRow,
    document_row,
    stored_bytes,
    to_document,
    to_document_info,
)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def title_from_filename(path: Path) -> str:
    """A readable title for an article whose file carries none: its name, words spaced."""
    return " ".join(path.stem.replace("_", " ").replace("-", " ").split()) or path.name


@dataclass(frozen=True, slots=True)
class DocumentAdded:
    """What adding an article did: ``new`` is False when the project already had a document
    with the same text, which is then ``document`` (nothing was added)."""

    document: DocumentInfo
    new: bool


class DocumentService:
    def __init__(self, database: Database) -> None:
        self._db = database

    def add_file(
        self,
        path: Path,
        *,
        title: str = "",
        details: DocumentEdit | None = None,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> DocumentInfo:
        """Import an article file (any supported format) as a new document; when the project
        already has its text, that document."""
        return self.add_file_once(
            path, title=title, details=details, progress=progress, cancelled=cancelled
        ).document

    def add_file_once(
        self,
        path: Path,
        *,
        title: str = "",
        details: DocumentEdit | None = None,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> DocumentAdded:
        """Import an article file as a new document, unless the project already has its text
        (see :meth:`add_once`); ``details`` given replace what the file says (title, author,
        outlet, date, original URL) on a new document."""
        imported = import_file(path, progress=progress, cancelled=cancelled)
        title = title or imported.title or title_from_filename(path)
        if details is None:
            return self.add_once(imported, title=title)
        with self._db.session():  # one transaction: stored with its details or not at all
            added = self.add_once(imported, title=title)
            if not added.new:
                return added
            return DocumentAdded(self.edit(added.document.id, details), new=True)

    def edit(self, document_id: str, edit: DocumentEdit) -> DocumentInfo:
        """Change an article's details: title, author, outlet, publication date, original URL."""
        with self._db.session() as session:
            row = get_row(session, DocumentRow, document_id, "document")
            if edit.title is not None:
                title = check_text(edit.title.strip(), "document title", 1000)
                if not title:
                    raise ValidationError("The article's title cannot be empty.")
                row.title = title
            if edit.author is not None:
                row.author = check_text(edit.author.strip(), "author", 500)
            if edit.publisher is not None:
                row.publisher = check_text(edit.publisher.strip(), "outlet", 500)
            if edit.published is not None:
                row.published = check_date(edit.published, "publication date")
            if edit.url is not None:
                row.origin = check_optional_url(edit.url, "article's original URL")
            session.flush()
            return to_document_info(row, _claim_count(session, document_id))

    def add(self, imported: ImportedDocument, *, title: str = "") -> DocumentInfo:
        """Store an imported article as a new document, last in the project's order; when the
        project already has a document with the same text, that document."""
        return self.add_once(imported, title=title).document

    def add_once(self, imported: ImportedDocument, *, title: str = "") -> DocumentAdded:
        """Store an imported article as a new document, unless a document of the project has
        the same text: the same text twice would split its claims between two identical
        articles (a changed version is a new revision: ``RevisionService.update``)."""
        text = imported.text
        title = check_text((title or imported.title).strip(), "document title", 1000)
        with self._db.session() as session:
            known = session.scalars(
                select(DocumentRow).where(DocumentRow.sha256 == text_sha256(text))
            ).first()
            if known is not None:
                return DocumentAdded(to_document_info(known), new=False)
            position = session.scalar(select(func.coalesce(func.max(DocumentRow.position), -1)))
            info = DocumentInfo(
                id=new_id(),
                title=title or "Untitled article",
                author=imported.author,
                publisher=imported.publisher,
                published=imported.published,
                origin=imported.origin,
                format=imported.format,
                lang=imported.lang,
                direction=imported.direction or "ltr",
                created_at=utc_now(),
            )
            row = document_row(
                Document(info, text, imported.blocks, text_sha256(text)),
                position=(position if position is not None else -1) + 1,
                original=imported.original,
            )
            session.add(row)
            session.flush()
            return DocumentAdded(to_document_info(row), new=True)

    def all(self) -> list[DocumentInfo]:
        with self._db.session() as session:
            counted = session.execute(
                select(ClaimRow.document_id, func.count()).group_by(ClaimRow.document_id)
            ).all()
            counts: dict[str, int] = dict(counted)  # type: ignore[arg-type]
            documents = session.scalars(select(DocumentRow).order_by(DocumentRow.position))
            return [to_document_info(row, counts.get(row.id, 0)) for row in documents]

    def get(self, document_id: str) -> Document:
        with self._db.session() as session:
            row = get_row(session, DocumentRow, document_id, "document")
            return to_document(row, _claim_count(session, document_id))

    def original(self, document_id: str) -> tuple[bytes, str]:
        """The bytes the document was imported from, and their format (provenance)."""
        with self._db.session() as session:
            row = get_row(session, DocumentRow, document_id, "document")
            return stored_bytes(row.original, "a document's original file"), row.format

    def delete(self, document_id: str) -> DocumentInfo:
        """Delete a document with its claims (their sources stay in the project)."""
        with self._db.session() as session:
            row = get_row(session, DocumentRow, document_id, "document")
            info = to_document_info(row, _claim_count(session, document_id))
            session.delete(row)
            return info

    def find_by_sha256(self, sha256: str) -> DocumentInfo | None:
        with self._db.session() as session:
            row = session.scalars(select(DocumentRow).where(DocumentRow.sha256 == sha256)).first()
            return to_document_info(row) if row else None


def _claim_count(session: Session, document_id: str) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(ClaimRow).where(ClaimRow.document_id == document_id)
        )
        or 0
    )
