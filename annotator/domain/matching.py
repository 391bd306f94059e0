"""Re-ranking the library's lexical candidates for a text: the features of a (query,
candidate) pair and the learned model that weighs them.

Lexical retrieval (BM25 over the claim and the review title) finds candidates; the re-ranker
adds what BM25 misses: how much of the candidate the query covers (a checked claim is usually
a sub-claim of the post), character n-gram similarity (spelling, inflection, hashtags), and
disagreement: a candidate with numbers, years or names the query does not have is pushed down.
The weights are trained by ``tools/train_matcher.py`` and shipped as a small JSON file; scoring
needs nothing but Python (DESIGN.md, claim library).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from annotator.domain.claim_text import ClaimText

FEATURES = (
    "bm25",
    "bm25_relative",
    "bm25_gap",
    "bm25_claim",
    "bm25_title",
    "reciprocal_rank",
    "covered",
    "query_covered",
    "jaccard",
    "title_covered",
    "trigrams_covered",
    "claim_in_query",
    "token_set_ratio",
    "title_in_query",
    "names_missing",
    "numbers_shared",
    "numbers_disagree",
    "numbers_missing",
    "years_disagree",
    "counts_disagree",
    "both_media",
    "log_length",
)


@dataclass(frozen=True, slots=True)
class Lexical:
    """A candidate's lexical retrieval scores (BM25, higher is better) and rank (from 1)."""

    score: float
    claim: float
    title: float
    rank: int
    best: float  # the best candidate's score for this query


@dataclass(frozen=True, slots=True)
class Prepared:
    """A text read once for matching: its reading, stems, trigrams and lower-case form."""

    text: ClaimText
    stems: frozenset[str]
    trigrams: frozenset[str]
    lower: str

    @classmethod
    def of(cls, text: str) -> Prepared:
        reading = ClaimText.of(text)
        lower = " ".join(reading.words)
        return cls(reading, reading.stems, _trigrams(lower), reading.clean.lower())


def _trigrams(text: str) -> frozenset[str]:
    padded = f" {text} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def _share(part: frozenset[Any], whole: frozenset[Any]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _contained(part: str, whole: str) -> float:
    """How much of ``part`` occurs in ``whole``, in order, character by character (the longest
    common subsequence over the part's length): bit-parallel, so about 100 times cheaper than
    the best-aligned substring (rapidfuzz's partial_ratio) and as good a feature here."""
    return LCSseq.similarity(part, whole) / len(part) if part else 0.0


def features(query: Prepared, claim: Prepared, title: Prepared, lexical: Lexical) -> list[float]:
    """The feature vector of one (query, candidate) pair, in the order of ``FEATURES``."""
    q, c = query.text, claim.text
    union = query.stems | claim.stems
    numbers_missing = _share(c.numbers, c.numbers - q.numbers) if q.numbers else 0.0
    return [
        lexical.score,
        lexical.score / lexical.best if lexical.best > 0 else 0.0,
        lexical.best - lexical.score,
        lexical.claim,
        lexical.title,
        1.0 / lexical.rank,
        _share(claim.stems, query.stems),
        _share(query.stems, claim.stems),
        len(query.stems & claim.stems) / len(union) if union else 0.0,
        _share(title.stems, query.stems),
        _share(claim.trigrams, query.trigrams),
        _contained(claim.lower, query.lower),
        fuzz.token_set_ratio(claim.lower, query.lower) / 100.0,
        _contained(title.lower, query.lower),
        _share(c.names, q.names | frozenset(query.text.words)),
        1.0 if c.numbers & q.numbers else 0.0,
        1.0 if q.numbers and c.numbers and not c.numbers & q.numbers else 0.0,
        numbers_missing,
        1.0 if q.years and c.years and not c.years & q.years else 0.0,
        1.0 if c.count_conflict(q) else 0.0,
        1.0 if q.media and c.media else 0.0,
        math.log1p(len(c.words)),
    ]


@dataclass(frozen=True, slots=True)
class Reranker:
    """A linear model over standardised features: ``score`` orders candidates (trained on
    pairs: a right candidate against a wrong one for the same query), and ``similarity`` maps
    a score to the chance that the candidate is right (Platt scaling), the 0-1 figure the
    window shows."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    calibration: tuple[float, float]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reranker:
        names = tuple(str(n) for n in data["features"])
        if names != FEATURES:
            raise ValueError(f"the model's features {names} are not this version's {FEATURES}")
        return cls(
            names,
            tuple(float(v) for v in data["mean"]),
            tuple(float(v) for v in data["scale"]),
            tuple(float(v) for v in data["weights"]),
            (float(data["calibration"][0]), float(data["calibration"][1])),
        )

    def score(self, vector: Sequence[float]) -> float:
        total = 0.0
        for value, mean, scale, weight in zip(
            vector, self.mean, self.scale, self.weights, strict=True
        ):
            total += weight * (value - mean) / scale
        return total

    def similarity(self, score: float) -> float:
        slope, offset = self.calibration
        logit = max(-50.0, min(50.0, slope * score + offset))
        return 1.0 / (1.0 + math.exp(-logit))

    def weight(self, feature: str) -> float:
        return self.weights[self.names.index(feature)]
