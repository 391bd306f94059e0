"""Sentence splitting that keeps the article's text exactly: every sentence is a span of
code-point offsets into the canonical text (``text[start:end] == sentence.text``), like a
claim's anchor, so an accepted suggestion becomes a claim on exactly those words.

Rules, in the order they are tried (a boundary needs all of them):
- a line end always ends a sentence (the canonical text joins blocks with ``\\n``);
- a sentence ends after a terminator (``. ! ? …`` and their Arabic, Urdu and CJK forms), with
  the closing quotes and brackets that follow it;
- Latin terminators need white space after them (``3.5``, ``U.S.`` and ``example.com`` stay
  whole) and a next word that does not start in lower case (``"Why?" she asked``);
- a full stop after a title (``Mr.``, ``Dr.``) or an initial (``John F. Kennedy``) never ends a
  sentence; after another abbreviation (``U.S.``, ``Jan.``, ``etc.``) only when the next word is
  a common sentence opener (``... in the U.S. The talks``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a text: ``text == document_text[start:end]`` (code points)."""

    start: int
    end: int
    text: str


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Terminators that end a sentence even with no space after them (CJK text has none).
_CLOSED_TERMINATORS = "。！？｡"
# Latin, Arabic (؟ question mark, ۔ Urdu full stop, ؏) and other terminators: need a space after.
_TERMINATORS = ".!?…؟۔‼⁇⁈⁉" + _CLOSED_TERMINATORS
_CLOSERS = "\"'”’»›)]}」』）"
_OPENERS = "\"'“‘«‹([{「『（"

_TITLES = _words(
    "mr mrs ms mx dr prof sr jr st sen rep gov gen col lt sgt capt cmdr adm maj rev hon pres "
    "supt insp messrs mme mlle fr"
)
_ABBREVIATIONS = _words(
    "etc inc ltd co corp bros dept est approx vs vol fig figs pp ed eds ave blvd rd mt ft al cf "
    "viz ca"
)
# Months and days are abbreviations only when capitalised: "sat.", "sun.", "wed.", "mar." are
# words that end sentences ("They sat. Russia won").
_CALENDAR = _words(
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun"
)
# "No." is an abbreviation only before a number ("No. 1"); "The answer was no. Russia..." ends.
_NUMBER_SIGNS = _words("no nos")
_SENTENCE_OPENERS = _words(
    "the a an he she it they we i you his her its their our this that these those there then "
    "but and so yet in on at for after before when while if as some many most all both one "
    "two mr mrs ms dr president according however meanwhile also"
)
_WORD_BEFORE = re.compile(r"([^\W\d_](?:[^\W\d_]|\.)*)\.$")


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, trimmed of surrounding white space."""
    return list(iter_sentences(text))


def iter_sentences(text: str) -> Iterator[Sentence]:
    line_start = 0
    for line in text.split("\n"):
        for start, end in _line_spans(line):
            yield Sentence(line_start + start, line_start + end, line[start:end])
        line_start += len(line) + 1


def _line_spans(line: str) -> Iterator[tuple[int, int]]:
    start = 0
    for boundary in _boundaries(line):
        span = _trimmed(line, start, boundary)
        if span is not None:
            yield span
        start = boundary
    span = _trimmed(line, start, len(line))
    if span is not None:
        yield span


def _trimmed(line: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _boundaries(line: str) -> Iterator[int]:
    """Offsets (in ``line``) just after each sentence's last character."""
    i, n = 0, len(line)
    while i < n:
        if line[i] not in _TERMINATORS:
            i += 1
            continue
        end = i + 1
        while end < n and line[end] in _TERMINATORS:  # "?!", "...", "؟!"
            end += 1
        while end < n and line[end] in _CLOSERS:
            end += 1
        if _is_boundary(line, i, end):
            yield end
        i = end


def _is_boundary(line: str, first: int, end: int) -> bool:
    """Whether the terminators starting at ``first`` (closers included up to ``end``) end a
    sentence."""
    if end >= len(line):
        return False  # the line end is the boundary anyway
    if line[end - 1] in _CLOSED_TERMINATORS or line[first] in _CLOSED_TERMINATORS:
        return True
    if not line[end].isspace():
        return False  # 3.5, U.S.A, example.com, "word.Word" in code
    following = _next_word(line, end)
    if not following or following[0].islower() or following[0] in _TERMINATORS:
        return False  # "Why?" she asked; a spaced ellipsis ". . ."
    if line[first:end].rstrip(_CLOSERS) == ".":
        return _full_stop_ends(line[: first + 1], following)
    return True


def _next_word(line: str, position: int) -> str:
    i = position
    while i < len(line) and (line[i].isspace() or line[i] in _OPENERS):
        i += 1
    j = i
    while j < len(line) and not line[j].isspace():
        j += 1
    return line[i:j]


def _full_stop_ends(before: str, following: str) -> bool:
    """Whether a single full stop (the last character of ``before``) ends a sentence."""
    match = _WORD_BEFORE.search(before[-40:])
    if match is None:
        return True  # after a number, a quote or a bracket: "in 2014. Then"
    word = match.group(1)
    key = word.replace(".", "").casefold()
    if key in _TITLES:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "John F. Kennedy"
    opener = following.strip(_OPENERS).rstrip(".,;:!?").casefold()
    if key in _NUMBER_SIGNS:
        return not following[0].isdigit()
    if "." in word or key in _ABBREVIATIONS or (key in _CALENDAR and word[0].isupper()):
        return opener in _SENTENCE_OPENERS  # "the U.S. The talks", but "U.S. Navy"
    return True
