"""The CLEF-2019 CheckThat! task 1 measures of a ranking, as the organisers' scorer computes
them: average precision (MAP is its mean over files), R-precision and precision at k."""

from __future__ import annotations

from collections.abc import Sequence

CUTOFFS = (5, 10, 20, 50)


def ranked_labels(scores: Sequence[float], labels: Sequence[int]) -> list[int]:
    """The gold labels in the order of decreasing score (ties keep the file's order)."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    return [labels[i] for i in order]


def average_precision(ranked: Sequence[int]) -> float:
    positives = sum(ranked)
    if not positives:
        return 0.0
    hits, total = 0, 0.0
    for rank, label in enumerate(ranked, 1):
        if label:
            hits += 1
            total += hits / rank
    return total / positives


def precision_at(ranked: Sequence[int], k: int) -> float:
    return sum(ranked[:k]) / k


def r_precision(ranked: Sequence[int]) -> float:
    positives = sum(ranked)
    return precision_at(ranked, positives) if positives else 0.0


def measures(ranked: Sequence[int]) -> dict[str, float]:
    """Every measure of one file's ranking."""
    result = {"AP": average_precision(ranked), "R-P": r_precision(ranked)}
    result.update({f"P@{k}": precision_at(ranked, k) for k in CUTOFFS})
    return result


def mean_measures(per_file: Sequence[dict[str, float]]) -> dict[str, float]:
    """The means over files; AP becomes MAP."""
    names = per_file[0].keys()
    means = {name: sum(m[name] for m in per_file) / len(per_file) for name in names}
    means["MAP"] = means.pop("AP")
    return {"MAP": means.pop("MAP"), **means}
