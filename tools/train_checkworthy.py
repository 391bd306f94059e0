"""Train the check-worthiness model shipped with the app (needs the `train` extra).

    .venv/bin/python tools/train_checkworthy.py [TRAINING-FOLDER] [-o MODEL.json.gz]

Reads the CLEF-2019 CheckThat! task 1 transcripts (default ../shared/corpora/checkworthy/
training), turns every sentence into the features of ``annotator.domain.checkworthy_features``
(the same function the app scores with), fits a scikit-learn logistic regression with fixed
settings and seed, and writes its weights as a small gzipped JSON feature -> weight table that
the app reads without scikit-learn. The settings (``C``, ``MIN_COUNT``) were chosen by
leave-one-file-out cross-validation on the training files only (``tools/eval_suggest.py``).
Two runs on the same files write byte-identical models.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.domain.checkworthy import CheckworthyModel  # noqa: E402
from annotator.domain.checkworthy_features import sentence_features  # noqa: E402
from annotator.formats.clef import ScoredLine, read_sentence_file  # noqa: E402

DEFAULT_TRAINING = ROOT.parent / "shared" / "corpora" / "checkworthy" / "training"
DEFAULT_OUTPUT = ROOT / "resources" / "models" / "checkworthy.json.gz"

C = 0.01
"""Inverse regularisation strength, chosen by leave-one-file-out cross-validation (0.003 to 0.3
tried)."""
MIN_COUNT = 3
"""A feature seen in fewer training sentences is dropped: it cannot generalise, and it would
only make the shipped file bigger."""
CUE_BOOST = 0.25
"""Added to every cue's learnt weight: the rule heuristic (count the cues) ranks well on its
own, and mixing a quarter of it in beat the regression alone in cross-validation."""
CONTEXT = 0.5
"""How much the better neighbour's margin counts (``CheckworthyModel.in_context``), chosen by
cross-validation among 0.1 to 1."""
SEED = 0
DIGITS = 4
"""Weights are rounded to this many decimals in the shipped file (no effect on the ranking
measured by cross-validation)."""


@dataclass(frozen=True)
class Transcript:
    name: str
    lines: list[ScoredLine]

    @property
    def labels(self) -> list[int]:
        return [line.label or 0 for line in self.lines]


def read_folder(folder: Path) -> list[Transcript]:
    files = sorted(folder.glob("*.tsv"))
    if not files:
        raise SystemExit(f"error: no CLEF .tsv files in {folder}")
    return [Transcript(path.stem, read_sentence_file(path)) for path in files]


def features_of(transcript: Transcript) -> list[list[str]]:
    return [sentence_features(line.text, line.speaker) for line in transcript.lines]


def fit(
    transcripts: Sequence[Transcript], c: float = C, min_count: int = MIN_COUNT
) -> CheckworthyModel:
    """A logistic regression over the transcripts' sentences, as a weight table."""
    rows = [f for t in transcripts for f in features_of(t)]
    labels = [label for t in transcripts for label in t.labels]
    return fit_rows(rows, labels, c, min_count)


def fit_rows(
    rows: Sequence[Sequence[str]],
    labels: Sequence[int],
    c: float = C,
    min_count: int = MIN_COUNT,
) -> CheckworthyModel:
    """``fit`` on sentences already turned into features (cross-validation reuses them)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    sets = [set(row) for row in rows]
    counts = Counter(f for row in sets for f in row)
    kept = [dict.fromkeys((f for f in row if counts[f] >= min_count), 1.0) for row in sets]
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(kept).tocsr()
    # liblinear takes 32-bit indices only; DictVectorizer may hand out 64-bit ones.
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    model = LogisticRegression(
        C=c, class_weight="balanced", solver="liblinear", max_iter=1000, random_state=SEED
    )
    model.fit(matrix, list(labels))
    names = vectorizer.get_feature_names_out()
    learnt = zip(names, model.coef_[0], strict=True)
    boosted = ((str(n), float(w) + (CUE_BOOST if n.startswith("cue:") else 0.0)) for n, w in learnt)
    weights = {name: round(w, DIGITS) for name, w in boosted if round(w, DIGITS) != 0.0}
    info = (
        f"logistic regression, C={c}, features seen >= {min_count} times, cues +{CUE_BOOST}, "
        f"context {CONTEXT}; trained on {len(rows)} sentences of CLEF-2019 task 1 transcripts"
    )
    return CheckworthyModel(weights, round(float(model.intercept_[0]), DIGITS), info, CONTEXT)


def write_model(model: CheckworthyModel, path: Path) -> int:
    """Write the model as gzipped JSON with sorted keys and no timestamp (reproducible)."""
    data = json.dumps(model.to_json(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    packed = gzip.compress(data.encode("utf-8"), compresslevel=9, mtime=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(packed)
    return len(packed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "training",
        nargs="?",
        type=Path,
        default=DEFAULT_TRAINING,
        help="folder of CLEF task 1 .tsv files",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="where to write the model (default: the one the app ships)",
    )
    args = parser.parse_args(argv)
    transcripts = read_folder(args.training)
    model = fit(transcripts)
    size = write_model(model, args.output)
    print(f"{args.output}: {len(model.weights):,} weights, {size:,} bytes; {model.info}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
