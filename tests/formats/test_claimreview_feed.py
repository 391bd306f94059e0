"""Reading fact-check feeds: the real ClaimReview markup of six outlets and schema.org, every
shape a feed comes in, and the messages for feeds that cannot be used."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.errors import FeedError
from annotator.formats.claimreview_feed import parse_feed, read_feed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claimreview"


def review(number: int, **fields: Any) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checks.example/{number}",
        "claimReviewed": f"Claim number {number} was made.",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "author": {"@type": "Organization", "name": "Checks"},
        **fields,
    }


def feed(data: Any) -> bytes:
    return json.dumps(data).encode()


def test_the_real_feeds_are_read_with_claim_verdict_outlet_and_dates() -> None:
    entries = {path.name: read_feed(path).entries for path in sorted(FIXTURES.glob("*.json"))}
    assert len(entries) == 8
    assert all(len(found) == 1 for found in entries.values())
    [snopes] = entries["real_snopes_yovanovitch_net_worth.json"]
    assert snopes.claim == (
        "Former U.S. ambassador to Ukraine Marie Yovanovitch has a net worth of $17 million."
    )
    assert (snopes.verdict, snopes.outlet) == ("Unproven", "Snopes")
    assert snopes.url == "https://www.snopes.com/fact-check/marie-yovanovitch-net-worth/"
    assert snopes.review_date == "2019-11-18T10:15:00+00:00"
    [factly] = entries["real_factly_in_article370_datacommons_feed.json"]
    assert (factly.rating, factly.best_rating, factly.worst_rating) == (2.0, 5.0, 1.0)
    assert factly.claimant == "SOCIAL MEDIA POST"
    [polygraph] = entries["real_polygraph_info_al_tanf.json"]
    assert polygraph.title == "Russia and Syria: U.S.-backed Syrian Forces Blocking Refugee Return"
    assert polygraph.claim_date == "2019-11-18"


def test_an_outlet_without_a_name_is_named_by_its_website() -> None:
    [entry] = read_feed(FIXTURES / "real_factcrescendo_lk_datacommons_feed.json").entries
    assert entry.outlet == "srilanka.factcrescendo.com"


def test_a_rating_given_only_as_a_number_is_shown_against_its_best() -> None:
    [entry] = read_feed(FIXTURES / "schemaorg_example_issue1061_politifact.json").entries
    assert entry.verdict == "1 of 6"
    assert entry.rating == 1.0


@pytest.mark.parametrize(
    "shape",
    [
        pytest.param(lambda reviews: reviews, id="list"),
        pytest.param(lambda reviews: {"@context": "x", "@graph": reviews}, id="graph"),
        pytest.param(
            lambda reviews: {
                "@type": "DataFeed",
                "dataFeedElement": [{"@type": "DataFeedItem", "item": [r]} for r in reviews],
            },
            id="datafeed",
        ),
        pytest.param(
            lambda reviews: {"@type": "ItemList", "itemListElement": reviews}, id="itemlist"
        ),
    ],
)
def test_every_feed_shape_gives_every_review(shape: Any) -> None:
    reviews = [review(1), review(2), review(3)]
    entries = parse_feed(feed(shape(reviews)), "feed.json").entries
    assert [e.url for e in entries] == [f"https://checks.example/{n}" for n in (1, 2, 3)]


def test_one_json_object_a_line_is_a_feed() -> None:
    data = "\n".join(json.dumps(review(n)) for n in (1, 2)).encode()
    assert len(parse_feed(data, "feed.jsonl").entries) == 2


def test_a_feed_repeating_a_review_keeps_the_last_one() -> None:
    data = feed([review(1), review(1, reviewRating={"alternateName": "True"})])
    [entry] = parse_feed(data, "feed.json").entries
    assert entry.verdict == "True"


def test_reviews_with_an_identifier_are_told_apart_by_it() -> None:
    data = feed([review(1, identifier="a"), review(1, identifier="b")])
    assert [e.key for e in parse_feed(data, "feed.json").entries] == ["id:a", "id:b"]


def test_loose_markup_is_read_numbers_as_text_lists_as_single_values() -> None:
    data = feed(
        [
            review(
                1,
                author=[{"name": "First outlet"}, {"name": "Second"}],
                reviewRating={"ratingValue": "2", "bestRating": 5, "alternateName": ["Mixed"]},
                headline=["A title"],
            )
        ]
    )
    [entry] = parse_feed(data, "feed.json").entries
    assert (entry.outlet, entry.verdict, entry.rating, entry.best_rating, entry.title) == (
        "First outlet",
        "Mixed",
        2.0,
        5.0,
        "A title",
    )


def test_text_that_is_not_json_is_refused_with_where_it_fails() -> None:
    with pytest.raises(FeedError, match=r"notes.txt is not JSON \(line 1, column 1"):
        parse_feed(b"these are my notes", "notes.txt")


def test_json_without_claim_review_is_refused() -> None:
    data = feed({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "x"})
    with pytest.raises(FeedError, match=r"article\.json holds no ClaimReview"):
        parse_feed(data, "article.json")


def test_a_review_missing_its_claim_refuses_the_feed_and_names_the_review() -> None:
    broken = review(2)
    del broken["claimReviewed"]
    with pytest.raises(FeedError) as caught:
        parse_feed(feed([review(1), broken, review(3)]), "feed.json")
    assert str(caught.value) == (
        "feed.json: 1 review of 3 cannot be used (review 2: no claimReviewed (the claim that "
        "was checked)). Nothing was imported; fix the feed, or import with --skip-invalid to "
        "leave those reviews out."
    )


def test_a_review_without_url_or_identifier_cannot_be_told_apart() -> None:
    broken = review(1)
    del broken["url"]
    with pytest.raises(FeedError, match="review 1: neither url nor identifier"):
        parse_feed(feed([broken]), "feed.json")


def test_skip_invalid_keeps_the_usable_reviews_and_lists_the_others() -> None:
    broken = review(2, claimReviewed="  ")
    result = parse_feed(feed([review(1), broken]), "feed.json", skip_invalid=True)
    assert [e.url for e in result.entries] == ["https://checks.example/1"]
    assert result.skipped == ("review 2: no claimReviewed (the claim that was checked)",)


def test_a_huge_file_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(1024**3)  # sparse: 1 GB of nothing, no disk used
    with pytest.raises(FeedError, match=r"huge.json is 1,074 MB; a fact-check feed over 256 MB"):
        read_feed(huge)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="does not exist"):
        read_feed(tmp_path / "nowhere.json")


def test_a_file_that_is_not_utf8_is_refused() -> None:
    with pytest.raises(FeedError, match=r"latin\.json is not UTF-8 text"):
        parse_feed('[{"claimReviewed": "caf\xe9"}]'.encode("latin-1"), "latin.json")


def test_json_nested_too_deeply_is_refused_not_a_crash() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(FeedError, match=r"deep\.json nests its JSON too deeply"):
        parse_feed(deep, "deep.json")
