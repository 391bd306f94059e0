"""Check-worthiness scoring at run time: a linear model over ``checkworthy_features``, read
from a small JSON file shipped with the app, scored in pure Python (no scikit-learn, no numpy).

The model is trained by ``tools/train_checkworthy.py`` (DESIGN.md, "Suggested claims"). A score
is the logistic of the summed weights, between 0 and 1; its reasons are the hand-written cues
that fired and pushed it up, then the words that pushed it up most.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from annotator.domain.checkworthy_features import CUES, STOPWORDS, sentence_features

__all__ = ["CheckworthyModel", "SentenceScore", "default_model"]

MODEL_RESOURCE = ("annotator", "resources/models/checkworthy.json.gz")
MODEL_FORMAT = 1
_REASON_WORDS = 2  # words named as reasons, beside the cues


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """How check-worthy a sentence looks (0 to 1) and why, in words for the checker."""

    score: float
    reasons: tuple[str, ...]


class CheckworthyModel:
    """A logistic-regression model as a feature -> weight table, plus how much a sentence's
    neighbours count: check-worthy sentences come in runs (a claim and its figures), so a
    sentence's margin gains ``context`` times the larger margin of the sentences around it."""

    def __init__(
        self, weights: Mapping[str, float], bias: float, info: str = "", context: float = 0.0
    ) -> None:
        self.weights = dict(weights)
        self.bias = bias
        self.info = info
        self.context = context

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> CheckworthyModel:
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"unknown check-worthiness model format {data.get('format')!r}")
        weights, bias, context = data.get("weights"), data.get("bias"), data.get("context", 0.0)
        if not isinstance(weights, dict) or not isinstance(bias, int | float):
            raise ValueError("the check-worthiness model has no weights or bias")
        if not isinstance(context, int | float):
            raise ValueError("the check-worthiness model's context weight is not a number")
        return cls(
            {str(k): float(v) for k, v in weights.items()},
            float(bias),
            str(data.get("info", "")),
            float(context),
        )

    def to_json(self) -> dict[str, object]:
        return {
            "format": MODEL_FORMAT,
            "info": self.info,
            "bias": self.bias,
            "context": self.context,
            "weights": self.weights,
        }

    def margin(self, features: Iterable[str]) -> float:
        """The sentence's own margin (log-odds), without its neighbours."""
        get = self.weights.get
        return self.bias + sum(get(f, 0.0) for f in set(features))

    def in_context(self, margins: Sequence[float]) -> list[float]:
        """Margins of consecutive sentences, each raised or lowered by its better neighbour (a
        sentence with one neighbour, or none, counts itself in the missing place)."""
        last = len(margins) - 1
        return [
            own
            + self.context
            * max(margins[i - 1] if i > 0 else own, margins[i + 1] if i < last else own)
            for i, own in enumerate(margins)
        ]

    def scores(self, sentences: Sequence[str], speakers: Sequence[str] = ()) -> list[float]:
        """The check-worthiness (0 to 1) of consecutive sentences of one text, in order."""
        margins = [
            self.margin(sentence_features(text, speakers[i] if speakers else ""))
            for i, text in enumerate(sentences)
        ]
        return [logistic(m) for m in self.in_context(margins)]

    def score(self, sentence: str, speaker: str = "") -> float:
        """The check-worthiness of a sentence on its own, from 0 to 1."""
        return self.scores([sentence], [speaker])[0]

    def reasons(self, sentence: str, speaker: str = "") -> tuple[str, ...]:
        """Why a sentence scores as it does: the cues that fired and raised its score, then
        the words that raised it most."""
        features = set(sentence_features(sentence, speaker))
        raising = [(self.weights.get(f, 0.0), f) for f in features]
        raising = sorted((pair for pair in raising if pair[0] > 0), reverse=True)
        reasons = [CUES[f[4:]] for _w, f in raising if f.startswith("cue:")]
        words = [f'"{f[2:]}"' for _w, f in raising if _shown_word(f)]
        if words:
            reasons.append("words like " + ", ".join(words[:_REASON_WORDS]))
        return tuple(reasons)

    def explain(self, sentence: str, speaker: str = "") -> SentenceScore:
        """A sentence's score on its own, with its reasons."""
        return SentenceScore(self.score(sentence, speaker), self.reasons(sentence, speaker))


def _shown_word(feature: str) -> bool:
    return feature.startswith("w:") and feature[2:3] != "<" and feature[2:] not in STOPWORDS


def logistic(margin: float) -> float:
    """The probability a margin (log-odds) stands for."""
    if margin < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-margin))


@cache
def default_model() -> CheckworthyModel:
    """The model shipped with the app (read once)."""
    package, name = MODEL_RESOURCE
    data = resources.files(package).joinpath(name).read_bytes()
    return CheckworthyModel.from_json(json.loads(gzip.decompress(data)))
