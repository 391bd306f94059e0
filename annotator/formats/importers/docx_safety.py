"""Checks a Word file's zip package before anything parses it.

A .docx is a zip of XML parts, so a hostile one can be a zip bomb (a few KB that unpack to
gigabytes) or carry XML entity tricks ("billion laughs", external entities). Before
python-docx sees the file, this module refuses archives with too many members, too much
unpacked data or implausible compression ratios, and parses every XML part with defusedxml,
which rejects any DTD (Word never writes one).
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml import ElementTree as SafeElementTree

from annotator.errors import DocumentImportError

MAX_MEMBERS = 2_000
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100
"""Word's XML compresses about 5-20 times; a ratio far above that is a bomb, not a document."""
RATIO_CHECK_FROM = 1024 * 1024
"""Small members (tiny XML parts) can compress extremely well without being any danger."""

_UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,  # a compression method or zip version Python does not read
    RuntimeError,  # an encrypted member
)
"""What ``zipfile`` raises for a damaged or unusual archive, whichever layer notices."""


def open_package(data: bytes, name: str) -> zipfile.ZipFile:
    """The zip archive of a .docx, once it is known to be safe to unpack and parse."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentImportError(
            f"{name} is an old-style Word (.doc) or password-protected file; save it from Word "
            "as an unprotected .docx and try again."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except _UNREADABLE:
        raise _damaged(name, "the zip archive is damaged") from None
    _check_sizes(members, name)
    if "word/document.xml" not in archive.namelist():
        raise DocumentImportError(
            f"{name} is not a Word document (it has no word/document.xml); save it as .docx "
            "from Word and try again."
        )
    for member in members:
        if member.filename.endswith((".xml", ".rels")):
            _check_xml(archive, member, name)
    return archive


def _damaged(name: str, problem: str) -> DocumentImportError:
    return DocumentImportError(
        f"{name} is not a valid Word document ({problem}); re-save it from Word and try again."
    )


def _check_sizes(members: list[zipfile.ZipInfo], name: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise DocumentImportError(
            f"{name} holds {len(members)} files inside, far more than a Word document has; "
            "it was not opened (re-save it from Word and try again)."
        )
    # Declared sizes can be trusted as limits: zipfile never returns more than a member's
    # declared size, so an archive lying about them yields truncated (CRC-failing) data.
    total = sum(m.file_size for m in members)
    worst = max(
        (m.file_size / max(m.compress_size, 1) for m in members if m.file_size > RATIO_CHECK_FROM),
        default=0.0,
    )
    if total > MAX_UNPACKED_BYTES or worst > MAX_RATIO:
        raise DocumentImportError(
            f"{name} would unpack to {total / 1e6:.0f} MB (compressed {worst:.0f} to 1), which "
            "no Word article needs; it looks like a zip bomb and was not opened."
        )


def _check_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> None:
    try:
        raw = archive.read(member)
    except _UNREADABLE:
        raise _damaged(name, f"{member.filename} cannot be unpacked") from None
    try:
        SafeElementTree.fromstring(raw, forbid_dtd=True)
    except DefusedXmlException:
        raise DocumentImportError(
            f"{name} contains XML with a DTD or entity declarations in {member.filename}, which "
            "Word never writes; it was refused as unsafe."
        ) from None
    except SafeElementTree.ParseError:
        raise _damaged(name, f"{member.filename} is not well-formed XML") from None
