"""Train the claim matcher's re-ranker on CLEF-2020 CheckThat! task 2 (English tweets against
10,373 claims verified by Snopes): fit on ``train``, choose the regularisation on ``dev``, and
write the weights to ``annotator/services/data/matcher.json``.

Usage: ``python tools/train_matcher.py [DATA_DIR]`` (default ``../shared/corpora/claim-matching``);
needs the ``train`` extra (scikit-learn), which the app itself never loads. Seeds are fixed, so
the same data gives the same file. The candidates and their features come from the same code the
app runs (``Matcher.candidates``), so training sees what the app sees.

The model is a pairwise logistic regression (a RankSVM-like ranker): each example is the
difference between a right candidate's standardised features and a wrong one's for the same
query. On the dev queries this ranks better than a pointwise classifier (MAP@5 0.824 against
0.815). A one-feature logistic fit on the training candidates then maps scores to probabilities.

Disagreement is a rule, not only a statistic: CLEF's tweets rarely state a number their claim
contradicts, so left alone the fit gives "the numbers disagree" no weight at all. The fit is
therefore bounded (L-BFGS-B): each disagreement feature pushes a candidate down by at least
``MIN_PUSH`` (in score units, per unit of the feature), names missing from the query never
pull one up.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import clef_claims
import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from annotator.domain.matching import FEATURES
from annotator.services.library import ClaimLibrary
from annotator.services.matching import CANDIDATES, Matcher

OUTPUT = Path(__file__).resolve().parents[1] / "annotator/services/data/matcher.json"
SEED = 20200
C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
# The least push down of each disagreement feature (score units per unit of the feature; the
# calibration's slope is about 0.7, so 1.5 lowers the odds of being right about 3 times).
MIN_PUSH = {
    "numbers_disagree": 1.5,
    "counts_disagree": 10.0,
    "years_disagree": 1.5,
    "names_missing": 0.0,
    "numbers_missing": 0.0,
}

Split = list[tuple[str, list[str], np.ndarray]]  # query id, candidate ids, features


def build_library(data: Path, folder: Path) -> ClaimLibrary:
    """A fresh library holding the verified claims, imported as a ClaimReview feed."""
    feed = folder / "clef2020-verified-claims.json"
    feed.write_text(clef_claims.claimreview_feed(clef_claims.verified_claims(data)), "utf-8")
    library = ClaimLibrary.open(folder / "library.sqlite")
    library.import_feeds([feed])
    return library


def featurise(matcher: Matcher, queries: Sequence[tuple[str, str]]) -> Split:
    """Every query's candidates (their verified claim ids) and feature vectors."""
    split: Split = []
    for query_id, text in queries:
        candidates = matcher.candidates(text)
        ids = [entry.identifier for entry, _ in candidates]
        vectors = np.array([vector for _, vector in candidates], dtype=float)
        split.append((query_id, ids, vectors.reshape(len(ids), len(FEATURES))))
    return split


class Model:
    """Standardisation, weights and calibration: what ``matcher.json`` holds."""

    def __init__(self, scaler: StandardScaler, weights: np.ndarray) -> None:
        self.scaler, self.weights = scaler, weights
        self.calibration = (1.0, 0.0)

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        return np.asarray(self.scaler.transform(vectors) @ self.weights)


def rank(split: Split, model: Model) -> dict[str, list[str]]:
    runs: dict[str, list[str]] = {}
    for query_id, ids, vectors in split:
        scores = model.scores(vectors) if ids else np.array([])
        order = sorted(range(len(ids)), key=lambda i: (-scores[i], i))
        runs[query_id] = [ids[i] for i in order]
    return runs


def pairs(
    split: Split, gold: dict[str, set[str]], scaler: StandardScaler
) -> tuple[np.ndarray, np.ndarray]:
    """Right-minus-wrong feature differences (label 1) and their negations (label 0)."""
    differences = []
    for query_id, ids, vectors in split:
        if not ids:
            continue
        scaled = scaler.transform(vectors)
        right = [i for i, c in enumerate(ids) if c in gold.get(query_id, set())]
        for r in right:
            differences.extend(scaled[r] - scaled[w] for w in range(len(ids)) if w not in right)
    x = np.array(differences)
    return np.vstack([x, -x]), np.concatenate([np.ones(len(x)), np.zeros(len(x))])


def fit(split: Split, gold: dict[str, set[str]], c: float) -> Model:
    """L2-regularised logistic loss on the pairs (as scikit-learn's with ``C``), minimised
    with the disagreement features' weights bounded above."""
    scaler = StandardScaler().fit(np.vstack([v for _, ids, v in split if ids]))
    x, y = pairs(split, gold, scaler)
    sign = 2 * y - 1

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        margins = sign * (x @ w)
        value = float(np.logaddexp(0, -margins).sum()) * c + 0.5 * float(w @ w)
        gradient = -(x.T @ (sign / (1 + np.exp(margins)))) * c + w
        return value, gradient

    bounds = [
        (None, -MIN_PUSH[name] * scale) if name in MIN_PUSH else (None, None)
        for name, scale in zip(FEATURES, scaler.scale_, strict=True)
    ]
    start = np.array([0.0 if upper is None else upper for _, upper in bounds])
    result = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds)
    return Model(scaler, result.x)


def calibrate(model: Model, split: Split, gold: dict[str, set[str]]) -> None:
    """Platt scaling: P(right | score) fitted on the training candidates."""
    scores = np.concatenate([model.scores(v) for _, ids, v in split if ids])
    labels = np.concatenate(
        [[1 if c in gold.get(q, set()) else 0 for c in ids] for q, ids, _ in split if ids]
    )
    platt = LogisticRegression(C=1.0, random_state=SEED).fit(scores.reshape(-1, 1), labels)
    model.calibration = (float(platt.coef_[0][0]), float(platt.intercept_[0]))


def main(argv: Sequence[str]) -> int:
    data = Path(argv[0]) if argv else clef_claims.DEFAULT_DATA
    with tempfile.TemporaryDirectory() as folder:
        library = build_library(data, Path(folder))
        matcher = Matcher(library, candidates=CANDIDATES)
        train = featurise(matcher, clef_claims.queries(data, "train"))
        dev = featurise(matcher, clef_claims.queries(data, "dev"))
        library.close()
    train_gold, dev_gold = clef_claims.qrels(data, "train"), clef_claims.qrels(data, "dev")
    print(f"train: {len(train)} queries, {sum(len(ids) for _, ids, _ in train):,} candidates")
    best: tuple[float, float, Model] | None = None
    for c in C_GRID:
        model = fit(train, train_gold, c)
        dev_map = clef_claims.measures(rank(dev, model), dev_gold)["MAP@5"]
        train_map = clef_claims.measures(rank(train, model), train_gold)["MAP@5"]
        print(f"C={c:<6} train MAP@5 {train_map:.4f}  dev MAP@5 {dev_map:.4f}")
        if best is None or dev_map > best[0]:
            best = (dev_map, c, model)
    assert best is not None
    dev_map, c, model = best
    calibrate(model, train, train_gold)
    for feature, weight, scale in zip(FEATURES, model.weights, model.scaler.scale_, strict=True):
        print(f"  {feature:<20} {weight / scale:+8.3f} per unit")
    write(model, c, dev_map)
    print(f"chosen C={c}: dev MAP@5 {dev_map:.4f}; wrote {OUTPUT}")
    return 0


def write(model: Model, c: float, dev_map: float) -> None:
    data = {
        "about": "Claim matcher re-ranker: pairwise logistic regression over standardised "
        "features, trained by tools/train_matcher.py on CLEF-2020 CheckThat! task 2 train, "
        "C chosen on dev.",
        "dev_map_at_5": round(dev_map, 4),
        "C": c,
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in model.scaler.mean_],
        "scale": [round(float(v), 6) for v in model.scaler.scale_],
        "weights": [round(float(v), 6) for v in model.weights],
        "calibration": [round(v, 6) for v in model.calibration],
    }
    OUTPUT.write_text(json.dumps(data, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
