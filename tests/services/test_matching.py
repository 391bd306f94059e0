"""Finding what was checked before: a claim worded differently finds its review, a review
whose numbers, counts or years disagree with the text is pushed below one that agrees, and
the shipped re-ranker is the one the features expect."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from annotator.domain.claim_text import ClaimText
from annotator.domain.matching import FEATURES, Lexical, Prepared, features
from annotator.services.library import ClaimLibrary
from annotator.services.matching import Matcher, default_reranker

REVIEWS = [
    ("r-heli-4", "Pakistan bought 4 new attack helicopters from Russia in 2015."),
    ("r-heli-40", "Russia sold 40 helicopters to Pakistan."),
    ("r-flat", "The world is flat."),
    ("r-yovanovitch", "Former U.S. ambassador Marie Yovanovitch has a net worth of $17 million."),
    ("r-5g", "5G towers spread the coronavirus."),
    ("r-vaccine", "The measles vaccine causes autism in children."),
    ("r-moon-1969", "The last moon landing, in 1969, was filmed in a studio."),
    ("r-moon", "A moon landing was filmed in a studio."),
]


def feed(tmp_path: Path, reviews: list[tuple[str, str]]) -> Path:
    path = tmp_path / "checks.json"
    data: list[dict[str, Any]] = [
        {
            "@type": "ClaimReview",
            "identifier": identifier,
            "url": f"https://checks.example/{identifier}",
            "claimReviewed": claim,
            "reviewRating": {"alternateName": "False"},
            "author": {"name": "Checks"},
        }
        for identifier, claim in reviews
    ]
    path.write_text(json.dumps(data), "utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path) -> Any:
    with ClaimLibrary.open(tmp_path / "library.sqlite") as opened:
        opened.import_feeds([feed(tmp_path, REVIEWS)])
        yield opened


def top(matcher: Matcher, text: str, n: int = 3) -> list[str]:
    return [m.entry.identifier for m in matcher.match(text, n)]


def test_a_claim_worded_differently_finds_its_review(library: ClaimLibrary) -> None:
    matcher = Matcher(library)
    assert top(matcher, "Did the former ambassador Yovanovitch really make 17 million dollars?")[
        0
    ] == ("r-yovanovitch")
    assert top(matcher, "Vaccines against measles give kids autism, says a viral post")[0] == (
        "r-vaccine"
    )


def test_a_review_counting_other_numbers_is_pushed_below_one_that_agrees(
    library: ClaimLibrary,
) -> None:
    text = "Pakistan bought forty new attack helicopters from Russia"
    # The words alone favour the review about 4 helicopters...
    assert top(Matcher(library, rerank=False), text)[0] == "r-heli-4"
    # ...the number it states (forty) does not: the review about 40 comes first.
    assert top(Matcher(library), text)[0] == "r-heli-40"


def test_without_the_disagreement_weights_the_words_win(library: ClaimLibrary) -> None:
    """The rule, not chance, flips the order above: with the disagreement features weighed 0
    the review about 4 helicopters comes first again."""
    reranker = default_reranker()
    muted = replace(
        reranker,
        weights=tuple(
            0.0 if name.endswith("_disagree") else weight
            for name, weight in zip(reranker.names, reranker.weights, strict=True)
        ),
    )
    text = "Pakistan bought forty new attack helicopters from Russia"
    assert top(Matcher(library, muted), text)[0] == "r-heli-4"


def test_a_review_of_another_year_is_pushed_down(library: ClaimLibrary) -> None:
    text = "The last moon landing in 1972 was filmed in a studio"
    assert top(Matcher(library, rerank=False), text)[0] == "r-moon-1969"
    assert top(Matcher(library), text)[0] == "r-moon"


def test_nothing_in_common_finds_nothing(library: ClaimLibrary) -> None:
    assert Matcher(library).match("Bananas are yellow", 5) == []
    assert Matcher(library).match("", 5) == []


def test_similarity_is_a_probability_and_follows_the_order(library: ClaimLibrary) -> None:
    matches = Matcher(library).match("Marie Yovanovitch has a net worth of $17 million", 5)
    assert all(0.0 <= m.similarity <= 1.0 for m in matches)
    assert [m.similarity for m in matches] == sorted((m.similarity for m in matches), reverse=True)
    assert matches[0].similarity > 0.5


def test_an_entry_changed_in_the_library_is_matched_by_its_new_text(
    library: ClaimLibrary, tmp_path: Path
) -> None:
    matcher = Matcher(library)
    assert top(matcher, "The world is flat")[0] == "r-flat"
    library.import_feeds([feed(tmp_path, [("r-flat", "Birds are not real.")])])
    assert top(matcher, "Birds are not real, they are drones")[0] == "r-flat"
    assert "r-flat" not in top(matcher, "The world is flat")


def test_the_disagreement_features_see_numbers_counts_and_years() -> None:
    lexical = Lexical(score=10.0, claim=8.0, title=2.0, rank=1, best=10.0)
    query = Prepared.of("Russia sold forty helicopters to Pakistan in 2015")
    empty = Prepared.of("")

    def vector(claim: str) -> dict[str, float]:
        return dict(zip(FEATURES, features(query, Prepared.of(claim), empty, lexical), strict=True))

    four = vector("Russia sold 4 helicopters to Pakistan in 2016")
    assert (four["numbers_disagree"], four["counts_disagree"], four["years_disagree"]) == (1, 1, 1)
    forty = vector("40 helicopters were sold by Russia in 2015")
    assert (forty["numbers_disagree"], forty["counts_disagree"], forty["years_disagree"]) == (
        0,
        0,
        0,
    )
    assert forty["numbers_shared"] == 1


def test_numbers_are_read_in_digits_words_and_scales() -> None:
    text = ClaimText.of("He paid $17 million, 1,000 men came, seventy percent agreed in 2019")
    assert text.numbers == {17e6, 1000.0, 70.0}
    assert text.years == {2019}
    assert (1000.0, "men") in text.counts


def test_social_media_noise_is_removed_and_hashtags_split() -> None:
    text = ClaimText.of("RT @BradTrostCPC: #DefundTheCBC now https://t.co/abc pic.twitter.com/x")
    assert text.words == ("brad", "trost", "cpc", "defund", "cbc")


def test_the_shipped_reranker_matches_the_features_and_pushes_disagreement_down() -> None:
    reranker = default_reranker()
    assert reranker.names == FEATURES
    for name in ("numbers_disagree", "counts_disagree", "years_disagree"):
        assert reranker.weight(name) < 0, name


def test_a_post_with_a_picture_and_a_review_of_one_are_both_about_media() -> None:
    assert ClaimText.of("Look at this pic.twitter.com/AbC123 wow").media
    assert ClaimText.of("A photograph shows a frozen tree frog.").media
    assert not ClaimText.of("The minister said taxes went up.").media
