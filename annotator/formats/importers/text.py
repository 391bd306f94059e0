"""Plain-text articles: encoding detection, and the news format of the sample article.

The news format is a plain-text article whose first non-empty line reads
``date YYYY-MM-DD Author Name``; that line becomes the published date and the author and is not
part of the text. A short line after it (``Islamabad``) is the dateline and stays in the text.
"""

from __future__ import annotations

import re
import unicodedata

from charset_normalizer import from_bytes

from annotator.domain.body import Block, BlockKind, plain_body
from annotator.domain.text import canonical_text
from annotator.errors import DocumentImportError
from annotator.formats.importers.base import ImportedDocument

_NEWS_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+(.+?))?\s*$", re.IGNORECASE)

_WESTERN = ("cp1252", "latin_1", "iso8859_15")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes of unknown encoding: BOM first, then UTF-8, then charset-normalizer."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    # Text in UTF-8 or a code page has no NUL bytes; UTF-16 and UTF-32 without a BOM do, and
    # those of ASCII and of several other scripts would even pass for UTF-8.
    has_nul = b"\x00" in data[:4096]
    if has_nul and (text := _decode_wide(data)) is not None:
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if has_nul:
        raise DocumentImportError(
            f"{name} looks like a binary file, not text; give an article file."
        )
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise DocumentImportError(
            f"{name}: the text encoding cannot be recognised; save it as UTF-8 and try again."
        )
    # Short texts often fit several single-byte code pages equally well; among those ties the
    # Western one is by far the most likely (and the one Windows Notepad wrote for decades).
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    western = next((m for m in tied if m.encoding in _WESTERN), best)
    return str(western)


# UTF-8 competes too, so that UTF-8 text with a stray NUL is not mistaken for wide text.
_WITH_NULS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_SAMPLE_CHARS = 65536
_ALLOWED_CONTROLS = frozenset("\t\n\r")
_NOT_TEXT = frozenset(("Cc", "Cn", "Co", "Cs"))


def _decode_wide(data: bytes) -> str | None:
    """Data with NUL bytes decoded as BOM-less UTF-16 or UTF-32 (or UTF-8), None when binary.

    A decoding counts only if it is complete (no lone surrogates, no stray odd byte) and nearly
    free of control characters and unassigned or private-use code points. When both byte orders
    qualify (short texts can), the right one keeps to a few Unicode blocks: the high byte is the
    script's (00 for Latin, 04 for Cyrillic, 06 for Arabic) while the wrong order scatters the
    letters across the whole range.
    """
    candidates: list[tuple[int, int, int, str]] = []
    for encoding in _WITH_NULS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:_SAMPLE_CHARS]
        odd = sum(
            1
            for char in sample
            if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in _NOT_TEXT
        )
        if sample and odd <= len(sample) // 200:
            blocks = len({ord(char) >> 8 for char in sample})
            ascii_chars = sum(1 for char in sample if char < "\x80")
            candidates.append((blocks, odd, -ascii_chars, text))
    return min(candidates, key=lambda c: c[:3])[3] if candidates else None


def import_text_bytes(data: bytes, name: str, origin: str = "") -> ImportedDocument:
    """Import a plain-text (or news-format) article from its bytes."""
    text = canonical_text(decode_text(data, name))
    if "\x00" in text:
        raise DocumentImportError(
            f"{name} looks like a binary file, not text; give an article file."
        )
    lines = text.split("\n")
    published = author = ""
    fmt = "text"
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and (match := _NEWS_HEADER.match(lines[first])):
        published, author = match.group(1), (match.group(2) or "").strip()
        lines = lines[first + 1 :]
        fmt = "news"
    body = _trim(lines)
    if not body.strip():
        raise DocumentImportError(f"{name} has no text to check.")
    blocks = plain_body(body)
    title = _title_from(blocks) if fmt == "text" else _title_from(blocks, skip_dateline=True)
    return ImportedDocument(
        blocks=blocks,
        format=fmt,
        original=data,
        origin=origin,
        title=title,
        author=author,
        published=published,
    )


def import_pasted_text(text: str, title: str = "") -> ImportedDocument:
    """A document from text the user pasted."""
    body = _trim(canonical_text(text).split("\n"))
    if not body.strip():
        raise DocumentImportError("The clipboard holds no text to import.")
    blocks = plain_body(body)
    return ImportedDocument(
        blocks=blocks,
        format="text",
        original=text.encode("utf-8"),
        origin="clipboard",
        title=title or _title_from(blocks),
    )


def _trim(lines: list[str]) -> str:
    """Drop leading and trailing blank lines and trailing white space on each line."""
    stripped = [line.rstrip() for line in lines]
    while stripped and not stripped[0].strip():
        stripped.pop(0)
    while stripped and not stripped[-1].strip():
        stripped.pop()
    return "\n".join(stripped)


def _title_from(blocks: tuple[Block, ...], skip_dateline: bool = False) -> str:
    """A title for a plain text: its first substantial line, shortened to a sentence."""
    for block in blocks:
        line = block.text.strip()
        if not line or (
            skip_dateline and len(line.split()) <= 3 and block.kind is BlockKind.PARAGRAPH
        ):
            continue
        sentence = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
        return sentence if len(sentence) <= 90 else sentence[:89].rstrip() + "…"
    return ""
