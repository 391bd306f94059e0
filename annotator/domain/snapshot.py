"""Snapshots of a source: the evidence itself, kept inside the project.

A source is an address; a snapshot is what that address held when it was captured (a saved
page, a WARC record of a web capture, a PDF, a screenshot, any file), with the SHA-256 of its
bytes so that anyone can verify it later. These frozen values carry the metadata only: the
bytes stay in the project file until one is read (``services/snapshots.py``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class CaptureMethod(enum.StrEnum):
    """How a snapshot came into the project."""

    FILE = "file"
    """A file the checker added (a saved page, a PDF, a screenshot)."""
    WEB = "web"
    """Fetched from the source's address by Annotator, stored as a WARC record."""
    ARCHIVE = "archive"
    """Fetched from a web archive's copy (a Wayback Machine or perma.cc address)."""


class SnapshotState(enum.StrEnum):
    """What verifying a snapshot's bytes against its SHA-256 found."""

    OK = "ok"
    MISMATCH = "mismatch"
    ABSENT = "absent"
    """The bytes were left out (a project imported from a report without snapshots)."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A snapshot's metadata: everything but its bytes and extracted text."""

    id: str
    source_id: str
    media_type: str
    method: CaptureMethod
    sha256: str
    size: int
    captured_at: str
    url: str = ""
    archived_url: str = ""
    filename: str = ""
    has_bytes: bool = True

    @property
    def kind(self) -> str:
        """A word for lists: page, archive, PDF, image or file."""
        return media_kind(self.media_type)


@dataclass(frozen=True, slots=True)
class ExcerptOrigin:
    """Where a source excerpt was picked: a snapshot and code-point offsets into its text."""

    snapshot_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class KeptEvidence:
    """What a source list shows of a source's snapshots: how many, and whether one of them
    no longer matches its SHA-256 (a warning badge)."""

    count: int
    damaged: bool = False

    def describe(self) -> str:
        if self.damaged:
            return "⚠ a snapshot no longer matches its SHA-256"
        return f"{self.count} snapshot{'s' if self.count != 1 else ''} kept" if self.count else ""


def media_kind(media_type: str) -> str:
    if media_type in ("text/html", "application/xhtml+xml", "multipart/related"):
        return "page"
    if media_type == "application/warc":
        return "web capture"
    if media_type == "application/pdf":
        return "PDF"
    if media_type.startswith("image/"):
        return "image"
    if media_type.startswith("text/"):
        return "text"
    return "file"


def short_hash(sha256: str) -> str:
    """The first 12 hex digits, enough to tell snapshots apart on screen."""
    return sha256[:12]
