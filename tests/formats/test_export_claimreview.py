"""ClaimReview export: one review per rated claim, carrying every field the claim has data for
and no empty ones, shaped like real fact-checkers' markup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.formats.exporters import export_warnings
from annotator.formats.exporters.claimreview import (
    claimant_kind,
    claimreview_warnings,
    render_claimreview,
)
from annotator.formats.report import (
    Report,
    ReportClaim,
    ReportClaimant,
    ReportDocument,
    ReportPublisher,
)
from tests.fixtures.report_fixture import default_scale_report, fixture_report

REAL_MARKUP = Path("/work/shared/corpora/claimreview")


def _reviews(report: Report) -> list[dict[str, Any]]:
    data = json.loads(render_claimreview(report))
    assert isinstance(data, list)
    return data


def _rated(report: Report) -> list[tuple[ReportDocument, ReportClaim]]:
    return [(d, c) for d in report.documents for c in d.claims if c.verdict is not None]


def _walk(node: Any) -> list[Any]:
    values = [node]
    if isinstance(node, dict):
        for value in node.values():
            values.extend(_walk(value))
    elif isinstance(node, list):
        for value in node:
            values.extend(_walk(value))
    return values


@pytest.mark.parametrize("make", [fixture_report, default_scale_report])
def test_one_review_per_rated_claim_with_every_field(make: Any) -> None:
    report = make()
    reviews = _reviews(report)
    rated = _rated(report)
    assert len(reviews) == len(rated)
    publisher = report.project.publisher
    for review, (document, claim) in zip(reviews, rated, strict=True):
        assert claim.verdict is not None
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == (claim.summary or claim.quote)
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["alternateName"] == claim.verdict.label
        assert rating.get("ratingExplanation", "") == claim.verdict.rationale
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["appearance"]["headline"] == document.title
        if document.origin.startswith("http"):
            assert item["appearance"]["url"] == document.origin
        if claim.claimant.name:
            assert item["author"]["name"] == claim.claimant.name
            assert item["author"]["@type"] in ("Person", "Organization")
        assert item.get("datePublished", "") == claim.claim_date
        if claim.verdict.rated_at:
            assert review["datePublished"] == claim.verdict.rated_at[:10]
        if publisher.name:
            assert review["author"] == {
                "@type": "Organization",
                "name": publisher.name,
                "url": publisher.url,
                "logo": publisher.logo,
            }
        if publisher.review_url:
            assert review["url"] == f"{publisher.review_url}#claim-{claim.id}"
        citations = review.get("citation", [])
        assert [c["url"] for c in citations] == [s.url for s in claim.sources]
        assert all(c["@type"] == "CreativeWork" for c in citations)
        assert "" not in _walk(review), "empty fields are left out"


def test_numeric_ratings_carry_the_scale_bounds() -> None:
    reviews = _reviews(fixture_report())
    by_label = {r["reviewRating"]["alternateName"]: r["reviewRating"] for r in reviews}
    assert by_label["Half true"] | {} == {
        "@type": "Rating",
        "alternateName": "Half true",
        "ratingValue": 2.5,
        "bestRating": 4,
        "worstRating": 1,
        "ratingExplanation": by_label["Half true"]["ratingExplanation"],
    }
    assert by_label["Inaccurate"]["ratingValue"] == 1
    assert "ratingValue" not in by_label["Satire"], "a rating without a number gets none"
    assert "bestRating" not in by_label["Satire"]


def test_default_scale_and_claimant_kinds() -> None:
    reviews = _reviews(default_scale_report())
    flat = reviews[0]
    assert flat["reviewRating"]["ratingValue"] == 1
    assert flat["reviewRating"]["bestRating"] == 5
    assert flat["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Square World Society",
    }
    assert "author" not in flat, "no publisher settings, no author"
    assert "url" not in flat
    person = _reviews(fixture_report())[2]["itemReviewed"]["author"]
    assert person["@type"] == "Person"
    assert person["jobTitle"] == "Reporter"


def test_claim_reviewed_falls_back_to_the_quote_first_sentence() -> None:
    report = fixture_report()
    reviews = _reviews(report)
    trade = next(r for r in reviews if r["reviewRating"]["alternateName"] == "Inaccurate")
    assert trade["claimReviewed"] == "Trade grew by 300% in a single year."


@pytest.mark.skipif(not REAL_MARKUP.is_dir(), reason="shared ClaimReview corpus not present")
def test_uses_the_same_keys_as_real_fact_checkers() -> None:
    real_keys: set[str] = set()
    for path in REAL_MARKUP.glob("*.json"):
        for node in _walk(json.loads(path.read_text("utf-8"))):
            if isinstance(node, dict):
                real_keys.update(node)
    ours: set[str] = set()
    for node in _walk(_reviews(fixture_report())):
        if isinstance(node, dict):
            ours.update(node)
    # Every key we emit is used by a real fact-checker, except `citation` (schema.org's
    # property for the evidence, which Google's examples do not show) and `headline`.
    assert ours - real_keys <= {"citation", "headline", "jobTitle", "ratingExplanation"}


@pytest.mark.parametrize(
    ("name", "role", "kind"),
    [
        ("Ministry of Foreign Affairs", "Government", "Organization"),
        ("Ministry of Foreign Affairs", "", "Organization"),
        ("Ministry of Foreign Affairs", "Spokesperson", "Organization"),
        ("Zahid Chaudhary", "Reporter", "Person"),
        ("Zahid Chaudhary", "", "Person"),
        ("Zahid Chaudhary", "Government spokesperson", "Person"),
        ("Imran Khan", "Party leader", "Person"),
        ("PTI", "Political party", "Organization"),
        ("Rosneft", "Company", "Organization"),
        ("FDA", "Agency", "Organization"),
        ("Ministère de l'Europe et des Affaires étrangères", "", "Organization"),
        ("Ministerio de Salud", "", "Organization"),
        ("Bundesministerium der Finanzen", "", "Organization"),
        ("Auswärtiges Amt", "", "Organization"),
        ("وزارة الخارجية", "", "Organization"),
        ("الحكومة المصرية", "", "Organization"),
        ("وزارت خارجہ", "", "Organization"),
        ("حکومت پاکستان", "", "Organization"),
        ("Министерство обороны", "", "Organization"),
        ("Marie Partidon", "Ministre", "Person"),
    ],
)
def test_claimant_kind_reads_the_name_whatever_the_role(name: str, role: str, kind: str) -> None:
    assert claimant_kind(name, role) == kind


def _claimant_report(name: str, role: str) -> Report:
    report = fixture_report()
    article = report.documents[0]
    claims = [
        claim.model_copy(update={"claimant": ReportClaimant(name=name, role=role)})
        if claim.verdict is not None
        else claim
        for claim in article.claims
    ]
    documents = [article.model_copy(update={"claims": claims}), *report.documents[1:]]
    return report.model_copy(update={"documents": documents})


def test_a_ministry_with_a_role_is_published_as_an_organisation() -> None:
    review = _reviews(_claimant_report("Ministry of Foreign Affairs", "Government"))[0]
    assert review["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Ministry of Foreign Affairs",
        "description": "Government",
    }


def test_missing_publisher_settings_are_reported_not_invented() -> None:
    assert claimreview_warnings(fixture_report()) == []
    report = default_scale_report()
    warnings = claimreview_warnings(report)
    assert export_warnings(report, "claimreview") == warnings
    assert len(warnings) == 2
    url, author = warnings
    assert url.startswith("The reviews have no url, which Google requires")
    assert "review base URL" in url
    assert author.startswith("The reviews have no author, which Google recommends")
    assert "publisher name" in author
    assert all("File › Project settings" in w for w in warnings)
    assert "annotator set-project PROJECT --review-url URL" in url
    assert "--publisher-name NAME" in author
    review = _reviews(report)[0]
    assert "url" not in review, "nothing is invented"
    assert "author" not in review
    named = report.model_copy(
        update={
            "project": report.project.model_copy(
                update={"publisher": ReportPublisher(name="Checkers")}
            )
        }
    )
    assert claimreview_warnings(named) == [url]


def test_nothing_to_review_is_reported() -> None:
    report = fixture_report()
    unrated = [
        d.model_copy(update={"claims": [c.model_copy(update={"verdict": None}) for c in d.claims]})
        for d in report.documents
    ]
    warnings = claimreview_warnings(report.model_copy(update={"documents": unrated}))
    assert warnings == ["No claim is rated yet, so the ClaimReview file holds no reviews."]


def test_formats_without_checks_have_no_warnings() -> None:
    report = default_scale_report()
    assert export_warnings(report, "html") == []
    assert export_warnings(report, "no-such-format") == []
