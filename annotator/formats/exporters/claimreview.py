"""schema.org ClaimReview export: the JSON-LD that search engines and fact-check aggregators
(Google Fact Check Tools, Data Commons) read.

One ClaimReview per rated claim, shaped like the markup real fact-checkers publish (see the
samples in ``shared/corpora/claimreview``). Empty fields are left out rather than emitted as
"", and numeric ratings carry the scale's best and worst values so that a "2" can be read.
"""

from __future__ import annotations

import json
import re
from typing import Any

from annotator.domain.web import is_web_url
from annotator.formats.exporters.report_parts import (
    archived_copies,
    first_sentence,
    iso_date,
    ratings_by_key,
)
from annotator.formats.report import (
    Report,
    ReportClaim,
    ReportClaimant,
    ReportClaimSource,
    ReportDocument,
    ReportRating,
)

CONTEXT = "https://schema.org"

# The claimant has no "kind" field; these words in a name mark an organisation, so that
# "Ministry of Foreign Affairs" is not published as a Person with a job title. English, French,
# Spanish, German (also inside compounds: "Bundesministerium"), Russian, Arabic (also with the
# article: "الحكومة") and Urdu.
_ORGANISATION_WORDS = re.compile(
    r"\b(ministry|department|government|party|society|association|agency|council|committee|"
    r"institute|university|foundation|company|corporation|inc|ltd|llc|news|times|radio|tv|"
    r"organi[sz]ation|office|union|group|bank|network|press|media|authority|commission|"
    # French, Spanish
    r"minist[eè]re|gouvernement|parti|soci[eé]t[eé]|agence|conseil|comit[eé]|institut|"
    r"universit[eé]|fondation|entreprise|syndicat|groupe|banque|presse|m[eé]dias|"
    r"ministerio|gobierno|partido|sociedad|asociaci[oó]n|agencia|consejo|instituto|"
    r"universidad|fundaci[oó]n|empresa|compa[nñ][ií]a|organizaci[oó]n|sindicato|grupo|banco|"
    r"prensa|secretar[ií]a|"
    # German (compounds too)
    r"\w*ministerium|\w*regierung|\w*partei|\w*beh[oö]rde|\w*verband|\w*gesellschaft|"
    r"\w*stiftung|\w*zeitung|\w*bundesamt|amt|verein|universit[aä]t|unternehmen|gmbh|"
    # Russian
    r"министерство|правительство|партия|компания|агентство|"
    # Arabic, Urdu
    r"(?:ال)?(?:وزارة|حكومة|حزب|هيئة|مجلس|لجنة|جمعية|جامعة|مؤسسة|شركة|وكالة|منظمة|مكتب|اتحاد)|"
    r"وزارت|حکومت|جماعت|پارٹی|کمپنی|ادارہ|تنظیم|محکمہ|کونسل|کمیٹی)\b",
    re.IGNORECASE,
)
# A role that is itself a kind of organisation ("Government", "Political party") makes the
# claimant one; a role naming a person's post at one ("Government spokesperson", "Party
# leader") does not.
_PERSON_WORDS = re.compile(
    r"\b(spokes\w*|minist(?:er|re|ro|ra)|leader|president|presidente|pr[eé]sident\w*|"
    r"pr[aä]sident\w*|head|director|directeur|directora?|chief|member|officer|secretary|"
    r"chair\w*|ceo|founder|candidate|mp|senator|official|employee|advis[eo]r|representative|"
    r"ambassador|professor|researcher|scientist|journalist|reporter|editor|columnist|presenter|"
    r"anchor|correspondent|analyst|economist|expert|manager|executive|owner|governor|mayor|"
    r"deputy|commissioner|judge|lawyer|doctor|activist|politician|councill?or|porte-parole|"
    r"portavoz|vocero|sprecher\w*|dirigeant\w*|l[ií]der|jefe|jefa|министр|وزير|متحدث|"
    r"ناطق|رئيس|ترجمان|وزیر|صدر|رہنما)\b",
    re.IGNORECASE,
)


def claimant_kind(name: str, role: str) -> str:
    """ "Organization" when the claimant's name, or its role, names an organisation, else
    "Person" (the role alone decides nothing when it is a person's post at one)."""
    if _ORGANISATION_WORDS.search(name):
        return "Organization"
    if _ORGANISATION_WORDS.search(role) and not _PERSON_WORDS.search(role):
        return "Organization"
    return "Person"


def claimreview_warnings(report: Report) -> list[str]:
    """What the ClaimReview export of ``report`` lacks that Google's fact-check guidelines ask
    for, one sentence each, to show beside a successful export (the file is still written:
    other readers of ClaimReview, and a publisher who adds the URL by hand, can use it).

    Google requires each review's ``url`` (the published fact check) and recommends its
    ``author`` (the publishing organisation); Annotator makes them from the project's
    publisher settings and never invents them.
    """
    if not any(c.verdict is not None for d in report.documents for c in d.claims):
        return ["No claim is rated yet, so the ClaimReview file holds no reviews."]
    publisher = report.project.publisher
    warnings = []
    if not _web(publisher.review_url):
        warnings.append(
            "The reviews have no url, which Google requires: set the review base URL (where "
            "your fact checks are published) in File › Project settings, or with "
            "`annotator set-project PROJECT --review-url URL`."
        )
    if not (publisher.name or _web(publisher.url)):
        warnings.append(
            "The reviews have no author, which Google recommends: set the publisher name "
            "(and its web address) in File › Project settings, or with "
            "`annotator set-project PROJECT --publisher-name NAME --publisher-url URL`."
        )
    return warnings


def render_claimreview(report: Report) -> bytes:
    """A JSON-LD array of ClaimReview objects, one per rated claim, UTF-8 with a final newline."""
    ratings = ratings_by_key(report)
    values = [r.value for r in report.project.rating_scale if r.value is not None]
    bounds = (min(values), max(values)) if values else None
    reviews = [
        claim_review(report, document, claim, ratings.get(claim.verdict.rating), bounds)
        for document in report.documents
        for claim in document.claims
        if claim.verdict is not None
    ]
    return json.dumps(reviews, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def claim_review(
    report: Report,
    document: ReportDocument,
    claim: ReportClaim,
    rating: ReportRating | None,
    bounds: tuple[float, float] | None,
) -> dict[str, Any]:
    """The ClaimReview of one rated claim."""
    assert claim.verdict is not None
    publisher = report.project.publisher
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": claim.summary or first_sentence(claim.quote),
        "reviewRating": _rating(claim, rating, bounds),
        "itemReviewed": _item_reviewed(document, claim),
        "author": _organisation(publisher.name, publisher.url, publisher.logo),
        "datePublished": iso_date(claim.verdict.rated_at),
        "url": f"{publisher.review_url}#claim-{claim.id}" if _web(publisher.review_url) else "",
        "citation": [_citation(source, archived_copies(report)) for source in claim.sources],
    }
    return _compact(review)


def _organisation(name: str, url: str, logo: str) -> dict[str, Any]:
    """The publishing organisation, or nothing when the project names none."""
    if not (name or _web(url)):
        return {}
    return _compact({"@type": "Organization", "name": name, "url": _web(url), "logo": _web(logo)})


def _rating(
    claim: ReportClaim, rating: ReportRating | None, bounds: tuple[float, float] | None
) -> dict[str, Any]:
    assert claim.verdict is not None
    numbers: dict[str, Any] = {}
    # A rating without a number ("Satire") on a numeric scale gets no numbers at all: a
    # bestRating without a ratingValue would only mislead aggregators.
    if rating is not None and rating.value is not None and bounds is not None:
        numbers = {
            "ratingValue": _number(rating.value),
            "bestRating": _number(bounds[1]),
            "worstRating": _number(bounds[0]),
        }
    return _compact(
        {
            "@type": "Rating",
            "alternateName": claim.verdict.label,
            **numbers,
            "ratingExplanation": claim.verdict.rationale,
        }
    )


def _item_reviewed(document: ReportDocument, claim: ReportClaim) -> dict[str, Any]:
    return _compact(
        {
            "@type": "Claim",
            "author": _claimant(claim.claimant),
            "datePublished": iso_date(claim.claim_date),
            "appearance": _appearance(document),
        }
    )


def _claimant(claimant: ReportClaimant) -> dict[str, Any]:
    if not claimant.name:
        return {}
    kind = claimant_kind(claimant.name, claimant.role)
    return _compact(
        {
            "@type": kind,
            "name": claimant.name,
            # jobTitle is a Person's; an organisation's role says what kind it is.
            "jobTitle" if kind == "Person" else "description": claimant.role,
            "url": _web(claimant.url),
            "sameAs": _web(claimant.url),
        }
    )


def _appearance(document: ReportDocument) -> dict[str, Any]:
    """Where the claim was made: the article, by URL when it came from the web, else as a
    citation (headline, author, publisher, date) of the work."""
    return _compact(
        {
            "@type": "CreativeWork",
            "url": _web(document.origin),
            "headline": document.title,
            "author": _named("Person", document.author),
            "publisher": _named("Organization", document.publisher),
            "datePublished": iso_date(document.published),
        }
    )


def _citation(source: ReportClaimSource, archived: dict[str, tuple[str, str]]) -> dict[str, Any]:
    return _compact(
        {
            "@type": "CreativeWork",
            "url": _web(source.url),
            "name": source.title,
            "publisher": _named("Organization", source.publisher),
            # schema.org's archivedAt: where the evidence stays readable if the page goes.
            "archivedAt": _web(archived.get(source.id, ("", ""))[0]),
        }
    )


def _named(kind: str, name: str) -> dict[str, Any]:
    return {"@type": kind, "name": name} if name else {}


def _web(url: str) -> str:
    return url.strip() if is_web_url(url) else ""


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Drop empty strings, lists and dicts (ratingValue 0 stays)."""
    return {key: value for key, value in data.items() if value not in ("", [], {}, None)}
