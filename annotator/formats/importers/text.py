"""Plain-text articles: encoding detection, and the news format of the sample article.

The news format is a plain-text article whose first non-empty line reads
``date YYYY-MM-DD Author Name``; that line becomes the published date and the author and is not
part of the text. A short line after it (``Islamabad``) is the dateline and stays in the text.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from charset_normalizer import from_bytes

from annotator.domain.body import Block, plain_body
from annotator.domain.text import canonical_text
from annotator.errors import DocumentImportError
from annotator.formats.importers.base import ImportedDocument
from annotator.formats.importers.builder import with_directions, xml_compatible

_NEWS_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+(.+?))?\s*$", re.IGNORECASE)

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes of unknown encoding: a BOM decides, then the NUL bytes of BOM-less UTF-16 or
    UTF-32, then valid UTF-8, and only then the legacy code pages (``_decode_legacy``)."""
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
    return _decode_legacy(data, name)


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


# The legacy encodings the WHATWG Encoding Standard keeps for the web (what browsers, Notepad and
# office suites saved text in), in order of preference when two read equally well: the Western
# Windows code page first (it is a superset of printable Latin-1), then the other Windows code
# pages, KOI8, ISO 8859 and the East Asian multibyte encodings; DOS and Mac pages last.
_LEGACY = (
    "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "cp874", "koi8_r", "koi8_u", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5",
    "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_10", "iso8859_13", "iso8859_14",
    "iso8859_15", "iso8859_16", "cp932", "euc_jp", "gb18030", "big5", "cp949", "cp866",
    "mac_roman", "mac_cyrillic",
)  # fmt: skip
_PREFERENCE = {encoding: rank for rank, encoding in enumerate(_LEGACY)}
# How much lower the detector's mess ("chaos") or higher its language fit ("coherence") must be
# before another code page that reads as plausible letters displaces cp1252.
_CLEARER_CHAOS = 0.02
_CLEARER_COHERENCE = 0.05
# Mis-decoded text holds these; real prose hardly ever does: C1 and other controls, private
# use, box drawing, Hangul letters standing alone, Arabic presentation forms, half-width kana.
_ODD_RANGES = ((0x2500, 0x259F), (0x3130, 0x318F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),
               (0xFF61, 0xFF9F))  # fmt: skip
# Scripts written without spaces may run into Latin words ("NHKのニュース", "KBS는").
_MIXES_WITH_LATIN = frozenset(("CJ", "HANGUL"))
_INSIDE_WORDS = frozenset("’‘·‐‑–—…")
_CHINESE_JAPANESE = frozenset(("CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "FULLWIDTH"))
_UNSPACED = frozenset(("CJ", "THAI", "LAO", "KHMER", "MYANMAR"))


@dataclass(frozen=True, slots=True)
class _Reading:
    """One way to read legacy bytes: the detector's mess and language fit, and how many of its
    characters look mis-decoded (``plausible``: at most one in fifty outside ASCII)."""

    text: str
    encoding: str
    chaos: float
    coherence: float
    odd: int
    plausible: bool

    def key(self) -> tuple[float, int, float, int]:
        return (self.chaos, self.odd, -self.coherence, _PREFERENCE.get(self.encoding, 99))


def _reading(text: str, encoding: str, chaos: float, coherence: float) -> _Reading:
    sample = text[:_SAMPLE_CHARS]
    odd = _oddities(sample)
    non_ascii = sum(1 for char in sample if char >= "\x80")
    return _Reading(text, encoding, chaos, coherence, odd, odd * 50 <= non_ascii)


def _decode_legacy(data: bytes, name: str) -> str:
    """Bytes in a legacy code page: cp1252 unless it reads as mis-decoded text and another
    page reads as plausible letters, or charset-normalizer is clearly surer of another page.

    Short texts fit many code pages, and the detector's scores are then mostly ties or noise
    (it reads a one-line cp1252 text as UTF-16, cp1006 or cp1125). So each candidate is also
    checked for what mis-decoding produces: letters of two alphabets in one word, symbols or
    capitals inside words, words of nothing but accented letters, stray controls.
    """
    readings: dict[str, _Reading] = {}
    for match in from_bytes(data, cp_isolation=list(_LEGACY)):
        text = str(match)
        encoding = min(match.could_be_from_charset, key=lambda e: _PREFERENCE.get(e, 99))
        readings[text] = _reading(text, encoding, match.chaos, match.coherence)
    try:
        western_text: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        western_text = None
    plausible = [reading for reading in readings.values() if reading.plausible]
    # Missing from the matches, cp1252 is a reading the detector found too messy to keep.
    western = readings.get(western_text) if western_text is not None else None
    if western is not None and western.plausible:
        plausible = [western, *(r for r in plausible if _clearly_better(r, western))]
    if plausible:
        return min(plausible, key=_Reading.key).text
    if western_text is not None and _reading(western_text, "cp1252", 1.0, 0.0).plausible:
        return western_text
    if readings:
        return min(readings.values(), key=_Reading.key).text
    if western_text is not None:
        return western_text
    raise DocumentImportError(
        f"{name}: the text encoding cannot be recognised; save it as UTF-8 and try again."
    )


def _clearly_better(reading: _Reading, western: _Reading) -> bool:
    return reading.chaos < western.chaos - _CLEARER_CHAOS or (
        reading.chaos <= western.chaos
        and reading.coherence > western.coherence + _CLEARER_COHERENCE
    )


def _oddities(text: str) -> int:
    """How many characters of ``text`` look like the product of mis-decoding."""
    odd = 0
    for word in text.split():
        if word.isascii():
            continue
        # A combining mark cannot begin a word.
        odd += unicodedata.category(word[0]) in ("Mn", "Mc")
        odd += sum(1 for char in word if _odd_char(char))
        odd += _odd_letters(word)
    return odd


def _odd_char(char: str) -> bool:
    if char < "\x80":
        return False
    code = ord(char)
    if any(low <= code <= high for low, high in _ODD_RANGES):
        return True
    if unicodedata.category(char) in _NOT_TEXT:
        return True
    # The Hangul syllables outside KS X 1001 are rare in real Korean (EUC-KR cannot write
    # them), but common when Japanese or Chinese bytes are read as cp949.
    if 0xAC00 <= code <= 0xD7A3:
        # (Python's EUC-KR spells those out in eight-byte jamo sequences.)
        return len(char.encode("euc_kr")) != 2
    return False


def _odd_letters(word: str) -> int:
    """Letters of a second alphabet, capitals or symbols inside, or a Latin word that is mostly
    accented letters (a Cyrillic or Greek word read as cp1252)."""
    odd = 0
    scripts = Counter(_script(char) for char in word if char.isalpha())
    ascii_letters = scripts.pop("ASCII", 0)
    if not set(scripts) <= _MIXES_WITH_LATIN:
        scripts["LATIN"] += ascii_letters
    if len(scripts) > 1:
        odd += scripts.total() - max(scripts.values())
    for before, char, after in zip(word, word[1:], word[2:], strict=False):
        if char < "\x80":
            continue
        if before.isalpha() and after.isalpha() and char not in _INSIDE_WORDS:
            kind = unicodedata.category(char)[0]
            # Scripts written without spaces put their punctuation between letters.
            unspaced = _script(before) in _UNSPACED or _script(after) in _UNSPACED
            odd += kind in "SN" or (kind == "P" and not unspaced)
    for before, char in itertools.pairwise(word):
        if before.islower() and char.isupper() and not (before + char).isascii():
            odd += 1
    latin = [char for char in word if char.isalpha() and _script(char) in ("ASCII", "LATIN")]
    if len(latin) >= 3 and all(char >= "\x80" for char in latin):
        odd += len(latin)
    return odd


def _script(char: str) -> str:
    if char < "\x80":
        return "ASCII"
    if char < "\u0250":
        return "LATIN"  # with ª, º and µ, whose names do not say so
    first = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
    return "CJ" if first in _CHINESE_JAPANESE else first


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
    blocks, direction = with_directions(plain_body(body))
    title = headline(blocks, skip_dateline=fmt == "news")
    return ImportedDocument(
        blocks=blocks,
        format=fmt,
        original=data,
        origin=origin,
        title=title,
        author=author,
        published=published,
        direction=direction,
    )


def import_pasted_text(text: str, title: str = "") -> ImportedDocument:
    """A document from text the user pasted (a lone surrogate or a control character that a
    clipboard can carry is dropped: no file or database could hold it)."""
    text = xml_compatible(text)
    body = _trim(canonical_text(text).split("\n"))
    if not body.strip():
        raise DocumentImportError("The clipboard holds no text to import.")
    blocks, direction = with_directions(plain_body(body))
    return ImportedDocument(
        blocks=blocks,
        format="text",
        original=text.encode("utf-8"),
        origin="clipboard",
        title=title or headline(blocks) or _title_from(blocks),
        direction=direction,
    )


def _trim(lines: list[str]) -> str:
    """Drop leading and trailing blank lines and trailing white space on each line."""
    stripped = [line.rstrip() for line in lines]
    while stripped and not stripped[0].strip():
        stripped.pop(0)
    while stripped and not stripped[-1].strip():
        stripped.pop()
    return "\n".join(stripped)


# A headline is one short line standing alone, without the full stop, comma or colon that
# ends or continues a sentence (a question or an exclamation may be a headline).
_HEADLINE_MAX_CHARS = 120
_HEADLINE_MAX_WORDS = 20
_NOT_HEADLINE_END = (".", ",", ";", ":", "…", "۔", "。")


def headline(blocks: tuple[Block, ...], skip_dateline: bool = False) -> str:
    """The text's first line when it looks like a headline (short, on its own line, not a
    sentence running on, with more text after it), else '': the caller then names the
    article after its file rather than after a truncated first sentence."""
    lines = [b.text.strip() for b in blocks if b.text.strip()]
    if skip_dateline and lines and len(lines[0].split()) <= 3 and len(lines) > 2:
        lines = lines[1:]
    if len(lines) < 2:
        return ""
    first = lines[0]
    if (
        len(first) > _HEADLINE_MAX_CHARS
        or len(first.split()) > _HEADLINE_MAX_WORDS
        or first.endswith(_NOT_HEADLINE_END)
    ):
        return ""
    return first


def _title_from(blocks: tuple[Block, ...]) -> str:
    """A stand-in title for pasted text without a headline: its first sentence, shortened
    (the window asks for the real one)."""
    for block in blocks:
        line = block.text.strip()
        if not line:
            continue
        sentence = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
        return sentence if len(sentence) <= 90 else sentence[:89].rstrip() + "…"
    return ""
