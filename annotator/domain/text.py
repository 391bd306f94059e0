"""Canonical text and anchors.

Offsets everywhere in Annotator are code-point offsets into a document's canonical text (NFC,
``\\n`` line ends). Qt counts UTF-16 code units, so the helpers here convert at that boundary
and nowhere else. A span the user selects is snapped to whole words here too, so a claim never
starts or ends in the middle of a word.
"""

from __future__ import annotations

import bisect
import unicodedata

from annotator.domain.model import Anchor
from annotator.errors import AnchorError

CONTEXT_CHARS = 32


def canonical_text(text: str) -> str:
    """NFC-normalise and turn every line end (CRLF, CR, U+2028/9) into ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\ufeff", "")
    return unicodedata.normalize("NFC", text)


def make_anchor(text: str, start: int, end: int) -> Anchor:
    """The anchor of ``text[start:end]`` with its quote and 32 characters of context."""
    if start >= end:
        raise AnchorError(
            f"The span starts at {start} and ends at {end}: the end must come after the start."
        )
    if not 0 <= start < end <= len(text):
        raise AnchorError(
            f"The span {start} to {end} is outside the document, whose text has {len(text):,} "
            "characters; give 0 <= start < end <= length."
        )
    quote = text[start:end]
    if not quote.strip():
        raise AnchorError("A claim must cover some text, not only white space.")
    return Anchor(
        start=start,
        end=end,
        quote=quote,
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """The span of the ``occurrence``-th (1-based) exact occurrence of ``quote`` in ``text``."""
    quote = canonical_text(quote)
    if not quote.strip():
        raise AnchorError(
            "The quote is empty; give the text of the claim as it stands in the document."
        )
    if occurrence < 1:
        raise AnchorError("The occurrence number counts from 1.")
    count = 0
    start = text.find(quote)
    while start != -1:
        count += 1
        if count == occurrence:
            return start, start + len(quote)
        start = text.find(quote, start + 1)
    if count == 0:
        raise AnchorError(
            f"The quote {_shorten(quote)!r} is not in the document; copy it exactly as it stands "
            "in the text (including punctuation)."
        )
    raise AnchorError(
        f"The quote {_shorten(quote)!r} occurs {count} time(s) in the document, so there is no "
        f"occurrence {occurrence}; give --occurrence between 1 and {count}."
    )


def quote_starts(text: str, quote: str) -> list[int]:
    """Where each exact occurrence of ``quote`` starts in ``text`` (overlapping ones too)."""
    quote = canonical_text(quote)
    starts: list[int] = []
    start = text.find(quote) if quote else -1
    while start != -1:
        starts.append(start)
        start = text.find(quote, start + 1)
    return starts


# An apostrophe belongs to a word when letters stand on both sides (don't, l’homme). A hyphen
# does not: selecting "Pakistan" in "Pakistan-Russia" is a choice, not a slip of the mouse.
_WORD_JOINERS = frozenset("'\u2019\u02bc")
# Scripts written without spaces between words: widening there would swallow a whole clause.
_UNSPACED_SCRIPTS = ("CJK ", "HIRAGANA", "KATAKANA", "THAI ", "LAO ", "KHMER ", "MYANMAR ")


def _is_letter(ch: str) -> bool:
    if unicodedata.category(ch)[0] == "M":
        return True  # a combining mark belongs to the letter before it
    return ch.isalnum() and not unicodedata.name(ch, "").startswith(_UNSPACED_SCRIPTS)


def _in_word(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _WORD_JOINERS:
        return 0 < i < len(text) - 1 and _is_letter(text[i - 1]) and _is_letter(text[i + 1])
    return _is_letter(ch)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without its surrounding white space, widened to whole words.

    A span that starts or ends inside a word (letters or digits, with apostrophes between
    them) takes the whole word; one that starts or ends at a word's edge, or on
    punctuation, keeps it. A span of only white space comes back empty (start == end).
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end
    while start > 0 and _in_word(text, start) and _in_word(text, start - 1):
        start -= 1
    while end < len(text) and _in_word(text, end - 1) and _in_word(text, end):
        end += 1
    return start, end


def anchor_is_valid(text: str, anchor: Anchor) -> bool:
    return (
        0 <= anchor.start < anchor.end <= len(text)
        and text[anchor.start : anchor.end] == anchor.quote
    )


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _astral_offsets(text: str) -> list[int]:
    """Where the characters beyond U+FFFF sit. In UTF-32 the third byte of a character is
    its plane (1-16 for astral ones, 0 otherwise), so one C-level slice gives a byte per
    character and ``bytes.find`` (memchr) visits only the astral ones."""
    planes = text.encode("utf-32-le", "surrogatepass")[2::4]
    found: list[int] = []
    for plane in range(1, 17):
        at = planes.find(plane)
        while at != -1:
            found.append(at)
            at = planes.find(plane, at + 1)
    found.sort()
    return found


class Utf16Index:
    """Converts code-point offsets of one text to and from UTF-16 positions (Qt's unit).

    Conversion is O(log n) per call after one scan that records where astral characters
    (those taking two UTF-16 units) sit; a text without any converts in O(1). The scan runs
    in C (``str.isascii``, the UTF-16 and UTF-32 encoders, ``bytes.find``), so Python touches
    only the astral characters themselves.
    """

    __slots__ = ("_astral", "_length")

    def __init__(self, text: str) -> None:
        self._astral: list[int] = []
        units = 0 if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2
        if units > len(text):
            self._astral = _astral_offsets(text)
        self._length = len(text)

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 position of code-point ``offset``."""
        return offset + bisect.bisect_left(self._astral, offset)

    def from_utf16(self, position: int) -> int:
        """The code-point offset of UTF-16 ``position`` (a position inside a surrogate pair
        rounds down to the character's start)."""
        lo, hi = 0, len(self._astral)
        # Find how many astral characters lie before the position: astral i sits at UTF-16
        # position astral[i] + i and occupies two units.
        while lo < hi:
            mid = (lo + hi) // 2
            if self._astral[mid] + mid < position:
                lo = mid + 1
            else:
                hi = mid
        # A position on a low surrogate lands on its character's start by the same formula.
        return min(position - lo, self._length)


def to_utf16(text: str, offset: int) -> int:
    """The UTF-16 position of code-point ``offset`` in ``text``."""
    return Utf16Index(text).to_utf16(offset)


def from_utf16(text: str, position: int) -> int:
    """The code-point offset of UTF-16 ``position`` in ``text``."""
    return Utf16Index(text).from_utf16(position)
