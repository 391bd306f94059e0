"""Canonical text, anchors, and the code-point <-> UTF-16 conversion at the Qt boundary."""

from __future__ import annotations

import pytest

from annotator.domain.text import (
    Utf16Index,
    canonical_text,
    find_quote,
    from_utf16,
    make_anchor,
    snap_to_words,
    to_utf16,
)
from annotator.errors import AnchorError

MIXED = "Hi 😀 — 中文 · اردو متن 👍🏽 then the claim here."


def test_canonical_text_normalises_line_ends_and_nfc() -> None:
    assert canonical_text("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert canonical_text("e\u0301") == "é"
    assert canonical_text("\ufeffstart") == "start"


@pytest.mark.parametrize("text", [MIXED, "plain ascii", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "", "مرحبا 😀 بالعالم"])
def test_utf16_round_trip_for_every_offset(text: str) -> None:
    index = Utf16Index(text)
    units = len(text.encode("utf-16-le")) // 2
    for offset in range(len(text) + 1):
        position = index.to_utf16(offset)
        assert position == len(text[:offset].encode("utf-16-le")) // 2
        assert index.from_utf16(position) == offset
    assert index.to_utf16(len(text)) == units


def test_utf16_position_inside_a_surrogate_pair_rounds_down() -> None:
    text = "a😀b"
    assert from_utf16(text, 2) == 1  # the low surrogate of 😀
    assert to_utf16(text, 2) == 3


def test_anchor_after_emoji_and_rtl_text() -> None:
    start = MIXED.index("the claim")
    anchor = make_anchor(MIXED, start, start + len("the claim"))
    assert MIXED[anchor.start : anchor.end] == anchor.quote == "the claim"
    assert anchor.prefix == MIXED[max(0, start - 32) : start]
    assert anchor.suffix == " here."
    assert to_utf16(MIXED, anchor.start) > anchor.start  # astral characters came before


def test_make_anchor_rejects_bad_spans() -> None:
    with pytest.raises(AnchorError, match="outside the document"):
        make_anchor("short", 2, 40)
    with pytest.raises(AnchorError, match="outside the document"):
        make_anchor("short", -5, 2)
    with pytest.raises(AnchorError, match="the end must come after the start"):
        make_anchor("short text", 5, 2)
    with pytest.raises(AnchorError, match="only white space"):
        make_anchor("a    b", 1, 4)


def test_find_quote_with_occurrences() -> None:
    text = "the cat and the cat and the dog"
    assert find_quote(text, "the cat") == (0, 7)
    assert find_quote(text, "the cat", 2) == (12, 19)
    with pytest.raises(AnchorError, match="occurs 2 time"):
        find_quote(text, "the cat", 3)
    with pytest.raises(AnchorError, match="is not in the document"):
        find_quote(text, "the bird")


HELICOPTERS = "Russia has provided four Mi-35M combat and cargo helicopters to Pakistan and"


def snapped(text: str, selected: str, *, trim_start: int = 0, trim_end: int = 0) -> str:
    """What a selection of ``selected`` (shortened by ``trim_*`` characters) snaps to."""
    start = text.index(selected) + trim_start
    end = text.index(selected) + len(selected) - trim_end
    first, last = snap_to_words(text, start, end)
    return text[first:last]


def test_a_selection_inside_words_widens_to_them() -> None:
    assert snapped(HELICOPTERS, "four Mi-35M", trim_start=1) == "four Mi-35M"
    assert snapped(HELICOPTERS, "to Pakistan", trim_end=1) == "to Pakistan"
    assert snapped(HELICOPTERS, "our Mi-35M combat and cargo helicopters to Pakista") == (
        "four Mi-35M combat and cargo helicopters to Pakistan"
    )
    assert snapped(HELICOPTERS, "Pakistan", trim_start=3, trim_end=3) == "Pakistan"


def test_whole_words_and_punctuation_edges_stay() -> None:
    text = "He said: “the economy grew 3.1%.” Then he left."
    assert snapped(text, "the economy grew") == "the economy grew"
    assert snapped(text, "“the economy grew 3.1%.”") == "“the economy grew 3.1%.”"
    assert snapped(text, ": “the") == ": “the"


def test_white_space_around_the_selection_is_trimmed_not_widened() -> None:
    text = "one  two three"
    start = text.index(" two")
    assert snap_to_words(text, start, start + len(" two ")) == (5, 8)
    assert snap_to_words("a   b", 1, 4) == (4, 4)  # nothing but white space: empty


def test_apostrophes_belong_to_words_and_hyphens_separate_them() -> None:
    text = "Pakistan’s well-known deal, don't 'quote' it -- now"
    assert snapped(text, "Pakistan’", trim_start=2) == "Pakistan’s"
    assert snapped(text, "well") == "well"  # one part of a compound can be chosen
    assert snapped(text, "ell-kn") == "well-known"
    assert snapped(text, "nown", trim_start=1) == "known"
    assert snapped(text, "don", trim_start=1) == "don't"
    assert snapped(text, "'quote'") == "'quote'"  # quotes around a word are not inside it
    assert snapped(text, "quot", trim_start=1) == "quote"
    assert snapped(text, "-- now", trim_start=1) == "- now"  # a dash between spaces is no word


def test_snapping_is_unicode_aware() -> None:
    # Offsets are code points: astral characters before the span count as one each.
    text = "😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 — اردو متن and Čech naïve café"
    assert snapped(text, "𝔫𝔦𝔠") == "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"
    assert snapped(text, "رد") == "اردو"
    assert snapped(text, "ech", trim_end=1) == "Čech"
    decomposed = "cafe\u0301 noir"  # a combining accent stays with its letter
    assert snap_to_words(decomposed, 1, 4) == (0, 5)


def test_scripts_without_spaces_are_not_widened() -> None:
    # Chinese, Japanese and Thai do not separate words with spaces: widening to "word" edges
    # would swallow the whole clause, so the selection is kept as it is.
    text = "我们今天讨论经济政策。"
    assert snap_to_words(text, 2, 4) == (2, 4)
    assert snap_to_words("ภาษาไทยง่าย", 2, 5) == (2, 5)


@pytest.mark.parametrize(
    "text",
    ["", "plain ascii", "café ünïcode", "a\U0001f600b\U0001f4c8c", "\U0001f600" * 3, "é\ud800x"],
)
def test_utf16_index_finds_every_astral_character(text: str) -> None:
    index = Utf16Index(text)
    # Reference: count the UTF-16 units of every prefix, one character at a time.
    units = 0
    for offset, ch in enumerate(text):
        assert index.to_utf16(offset) == units
        assert index.from_utf16(units) == offset
        units += 2 if ord(ch) > 0xFFFF else 1
    assert index.to_utf16(len(text)) == units
