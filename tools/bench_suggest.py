"""Benchmark of the claim suggestions, each a ratio to a baseline timed in the same run:

- scoring the 16,421 CLEF-2019 training sentences with the shipped model (pure Python) vs
  reading them from their files (``read_sentence_file``), plus the time per sentence;
- ranking a 1 MB article (the transcripts joined as paragraphs) vs only splitting it into
  sentences;
- and the model file's size.

Run: ``.venv/bin/python tools/bench_suggest.py`` (``make bench`` runs it).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.domain import checkworthy  # noqa: E402
from annotator.domain.sentences import split_sentences  # noqa: E402
from annotator.domain.suggestions import rank_suggestions  # noqa: E402
from annotator.formats.clef import ScoredLine, read_sentence_file  # noqa: E402

TRAINING = ROOT.parent / "shared" / "corpora" / "checkworthy" / "training"


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def read_all(files: list[Path]) -> list[ScoredLine]:
    return [line for path in files for line in read_sentence_file(path)]


def main() -> int:
    files = sorted(TRAINING.glob("*.tsv"))
    if not files:
        print(f"bench_suggest: no CLEF files in {TRAINING}; skipped")
        return 0
    lines = read_all(files)
    model = checkworthy.default_model()
    reading = best_of(3, lambda: read_all(files))
    scoring = best_of(3, lambda: [model.score(line.text, line.speaker) for line in lines])

    paragraphs, size = [], 0
    while size < 1_000_000:
        for line in lines:
            paragraphs.append(line.text)
            size += len(line.text.encode("utf-8")) + 1
    article = "\n".join(paragraphs)[:1_000_000]
    splitting = best_of(1, lambda: split_sentences(article))
    ranking = best_of(1, lambda: rank_suggestions(article, model))

    data = resources.files("annotator").joinpath("resources/models/checkworthy.json.gz")

    rows = [
        (f"score {len(lines):,} training sentences vs read them", scoring, reading),
        ("rank a 1 MB article's sentences vs split it into sentences", ranking, splitting),
    ]
    print(f"{'suggestions':<66}{'ours':>10}{'baseline':>10}{'ratio':>8}")
    for name, ours, baseline in rows:
        print(f"{name:<66}{ours * 1000:>8.1f}ms{baseline * 1000:>8.1f}ms{ours / baseline:>8.3g}")
    per_sentence = scoring / len(lines) * 1e6
    print(f"one sentence scored in {per_sentence:.0f} µs on average")
    print(f"model file: {len(data.read_bytes()):,} bytes, {len(model.weights):,} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
