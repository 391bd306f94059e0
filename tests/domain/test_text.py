"""Canonical text, anchors, and the code-point <-> UTF-16 conversion at the Qt boundary."""

from __future__ import annotations

import pytest

from annotator.domain.text import (
    Utf16Index,
    canonical_text,
    find_quote,
    from_utf16,
    make_anchor,
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
