"""The CLEF-2020 CheckThat! task 2 data (verified claim retrieval) for the matching tools:
reading the verified claims, queries and qrels, turning the claims into a ClaimReview feed, and
the measures of the official scorer (MAP@k, MRR, recall@k).

Data: ``../shared/corpora/claim-matching`` (see its README): ``verified_claims.docs.tsv``
(``vclaim_id<TAB>claim<TAB>title``), ``{train,dev}/tweets.queries.tsv`` (``id<TAB>text``) and
``{train,dev}/tweet-vclaim-pairs.qrels`` (``tweet_id 0 vclaim_id 1``).
"""

from __future__ import annotations

import csv
import json
import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared/corpora/claim-matching"
CUTOFFS = (1, 3, 5, 10)


def read_tsv(path: Path) -> list[list[str]]:
    """Rows of a CLEF tab-separated file (CSV quoting, a header line dropped)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return rows[1:]


def verified_claims(data: Path) -> list[tuple[str, str, str]]:
    """``(vclaim_id, claim, title)`` for every verified claim."""
    return [(r[0], r[1], r[2]) for r in read_tsv(data / "verified_claims.docs.tsv")]


def queries(data: Path, split: str) -> list[tuple[str, str]]:
    """``(tweet_id, text)`` of a split (``train`` or ``dev``)."""
    return [(r[0], r[1]) for r in read_tsv(data / split / "tweets.queries.tsv")]


def qrels(data: Path, split: str) -> dict[str, set[str]]:
    """The relevant verified claim ids of each query."""
    relevant: dict[str, set[str]] = {}
    for line in (data / split / "tweet-vclaim-pairs.qrels").read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] != "0":
            relevant.setdefault(parts[0], set()).add(parts[2])
    return relevant


def claimreview_feed(claims: Sequence[tuple[str, str, str]]) -> str:
    """The verified claims as a ClaimReview list: the id as ``identifier``, the claim as
    ``claimReviewed``, the fact-check's title as ``headline``."""
    reviews = [
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": vclaim_id,
            "claimReviewed": claim,
            "headline": title,
            "author": {"@type": "Organization", "name": "Snopes"},
        }
        for vclaim_id, claim, title in claims
    ]
    return json.dumps(reviews, ensure_ascii=False)


def average_precision(ranked: Sequence[str], relevant: set[str], cutoff: int) -> float:
    """AP@k as the CLEF-2020 scorer computes it: precision at each relevant hit in the top
    ``cutoff``, summed and divided by the number of relevant claims."""
    hits, total = 0, 0.0
    for position, item in enumerate(ranked[:cutoff], start=1):
        if item in relevant:
            hits += 1
            total += hits / position
    return total / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: Sequence[str], relevant: set[str]) -> float:
    return next((1.0 / p for p, item in enumerate(ranked, start=1) if item in relevant), 0.0)


def measures(runs: Mapping[str, Sequence[str]], gold: Mapping[str, set[str]]) -> dict[str, float]:
    """MAP@1/3/5/10, MRR and recall@5 over the queries of ``gold``."""
    result = {
        f"MAP@{k}": statistics.fmean(average_precision(runs.get(q, ()), gold[q], k) for q in gold)
        for k in CUTOFFS
    }
    result["MRR"] = statistics.fmean(reciprocal_rank(runs.get(q, ()), gold[q]) for q in gold)
    result["R@5"] = statistics.fmean(
        len(set(runs.get(q, ())[:5]) & gold[q]) / len(gold[q]) for q in gold
    )
    return result
