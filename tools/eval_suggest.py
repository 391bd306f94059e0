"""`make eval-suggest`: how well the claim suggestions rank check-worthy sentences, in the
CLEF-2019 CheckThat! task 1 measures (MAP over files, R-precision, P@5/10/20/50), beside three
baselines measured in the same run on the same files:

- random: a seeded shuffle;
- rules: the number of hand-written cues that fire (a number, a comparison...), longer
  sentences first among equals;
- TF-IDF + LR: scikit-learn's TfidfVectorizer (words and pairs) and a logistic regression;
- suggest: the app's model (``tools/train_checkworthy.py``), scored by the app's own pure-Python
  code.

Without FILES, every system is measured by leave-one-file-out cross-validation over the
training transcripts: trained on 18, ranked on the 19th. With ``FILES=folder`` (or
``--files``), the systems are trained on all the training files and ranked on that folder's
CLEF files (the app's model is the shipped one).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.domain.checkworthy import default_model  # noqa: E402
from annotator.domain.checkworthy_features import cue_features, tokens  # noqa: E402
from tools.ranking_metrics import mean_measures, measures, ranked_labels  # noqa: E402
from tools.train_checkworthy import (  # noqa: E402
    DEFAULT_TRAINING,
    SEED,
    Transcript,
    features_of,
    fit_rows,
    read_folder,
)

# A ranker learns from training transcripts and returns a scorer of one transcript.
Scorer = Callable[[Transcript], list[float]]
Ranker = Callable[[Sequence[Transcript]], Scorer]


def random_ranker(_training: Sequence[Transcript]) -> Scorer:
    def score(transcript: Transcript) -> list[float]:
        generator = random.Random(f"{SEED}:{transcript.name}")
        return [generator.random() for _ in transcript.lines]

    return score


def rule_score(sentence: str) -> float:
    """The rule heuristic: cues that fire, then length (a tie-breaker below one cue)."""
    return len(cue_features(sentence)) + min(len(tokens(sentence)), 99) / 100


def rules_ranker(_training: Sequence[Transcript]) -> Scorer:
    return lambda transcript: [rule_score(line.text) for line in transcript.lines]


def tfidf_ranker(training: Sequence[Transcript]) -> Scorer:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    matrix = vectorizer.fit_transform([line.text for t in training for line in t.lines])
    model = LogisticRegression(class_weight="balanced", solver="liblinear", random_state=SEED)
    model.fit(matrix, [label for t in training for label in t.labels])

    def score(transcript: Transcript) -> list[float]:
        texts = [line.text for line in transcript.lines]
        return [float(s) for s in model.decision_function(vectorizer.transform(texts))]

    return score


def suggest_ranker(training: Sequence[Transcript]) -> Scorer:
    rows = [f for t in training for f in features_of(t)]
    model = fit_rows(rows, [label for t in training for label in t.labels])
    return lambda transcript: model.in_context([model.margin(f) for f in features_of(transcript)])


def shipped_ranker(_training: Sequence[Transcript]) -> Scorer:
    model = default_model()
    return lambda transcript: model.scores(
        [line.text for line in transcript.lines], [line.speaker for line in transcript.lines]
    )


def cross_validated(ranker: Ranker, transcripts: Sequence[Transcript]) -> dict[str, float]:
    per_file = []
    for index, held_out in enumerate(transcripts):
        training = [t for i, t in enumerate(transcripts) if i != index]
        scores = ranker(training)(held_out)
        per_file.append(measures(ranked_labels(scores, held_out.labels)))
    return mean_measures(per_file)


def on_files(
    ranker: Ranker, training: Sequence[Transcript], test: Sequence[Transcript]
) -> dict[str, float]:
    scorer = ranker(training)
    return mean_measures([measures(ranked_labels(scorer(t), t.labels)) for t in test])


def table(results: dict[str, dict[str, float]]) -> str:
    names = list(next(iter(results.values())))
    lines = [f"| {'system':<12} | " + " | ".join(f"{n:>6}" for n in names) + " |"]
    lines.append("|" + "-" * 14 + "|" + "|".join("-" * 8 for _ in names) + "|")
    for system, values in results.items():
        cells = " | ".join(f"{values[n]:6.4f}" for n in names)
        lines.append(f"| {system:<12} | {cells} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the claim suggestions (CLEF-2019 1).")
    parser.add_argument(
        "--training",
        type=Path,
        default=DEFAULT_TRAINING,
        help="folder of CLEF task 1 training .tsv files",
    )
    parser.add_argument(
        "--files",
        type=Path,
        default=None,
        help="rank this folder's CLEF files instead of cross-validating",
    )
    args = parser.parse_args(argv)
    training = read_folder(args.training)
    rankers: dict[str, Ranker] = {
        "random": random_ranker,
        "rules": rules_ranker,
        "TF-IDF + LR": tfidf_ranker,
    }
    if args.files is None:
        rankers["suggest"] = suggest_ranker
        print(f"Leave-one-file-out cross-validation over {len(training)} training files:")
        results = {name: cross_validated(r, training) for name, r in rankers.items()}
    else:
        rankers["suggest"] = shipped_ranker
        test = read_folder(args.files)
        print(f"Trained on {len(training)} training files, ranked on {len(test)} in {args.files}:")
        results = {name: on_files(r, training, test) for name, r in rankers.items()}
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
