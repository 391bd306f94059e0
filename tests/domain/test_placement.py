"""Placing an annotation's selectors on a text, without a project (the pure rules)."""

from __future__ import annotations

from annotator.domain.placement import Placement, PositionSelector, QuoteSelector, place

TEXT = "The minister said taxes fell. Later the minister said taxes fell again."


def test_a_position_whose_text_is_the_quote_is_taken_as_it_is() -> None:
    start = TEXT.index("taxes", 40)
    quote = QuoteSelector("taxes fell")
    position = PositionSelector(start, start + len("taxes fell"))
    assert place(TEXT, quote, position, trust_positions=False) == Placement(start, position.end)


def test_context_chooses_between_repeated_quotes() -> None:
    quote = QuoteSelector("taxes fell", prefix="minister said ", suffix=" again")
    start = TEXT.index("taxes fell again")
    assert place(TEXT, quote, None, trust_positions=False) == Placement(start, start + 10)


def test_a_bare_position_is_flagged_unless_the_text_is_the_same() -> None:
    position = PositionSelector(4, 12)
    assert place(TEXT, None, position, trust_positions=True) == Placement(4, 12)
    assert place(TEXT, None, position, trust_positions=False) == Placement(4, 12, fuzzy=True)


def test_a_quote_nowhere_in_the_text_is_not_placed() -> None:
    assert (
        place(TEXT, QuoteSelector("unemployment rose sharply"), None, trust_positions=False) is None
    )
