"""Measure the claim matcher on CLEF-2020 CheckThat! task 2 (English): the verified claims
become a ClaimReview feed (``vclaim_id`` as ``identifier``, the claim as ``claimReviewed``, the
fact-check's title as ``headline``), are imported into a fresh library with the app's own
importer, and the dev tweets are matched against them. Prints MAP@1/3/5/10, MRR and recall@5
for plain BM25 (the lexical stage alone) and for the re-ranked matcher, from the same library
in the same run, and the re-ranked matcher's time per query (median and 95th percentile).

Usage: ``python tools/eval_match.py [DATA_DIR] [--split dev]`` (default data:
``../shared/corpora/claim-matching``). The re-ranker was trained on ``train`` with its one
setting chosen on ``dev`` (tools/train_matcher.py), so dev numbers are slightly optimistic;
the test queries were never used.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import clef_claims

from annotator.services.library import ClaimLibrary
from annotator.services.matching import Matcher

DEPTH = 10


def run(
    matcher: Matcher, queries: list[tuple[str, str]]
) -> tuple[dict[str, list[str]], list[float]]:
    """Each query's ranked verified claim ids, and the seconds each query took."""
    runs: dict[str, list[str]] = {}
    seconds: list[float] = []
    for query_id, text in queries:
        start = time.perf_counter()
        matches = matcher.match(text, DEPTH)
        seconds.append(time.perf_counter() - start)
        runs[query_id] = [m.entry.reference for m in matches]
    return runs, seconds


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=clef_claims.DEFAULT_DATA)
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    args = parser.parse_args(argv)
    claims = clef_claims.verified_claims(args.data)
    queries = clef_claims.queries(args.data, args.split)
    gold = clef_claims.qrels(args.data, args.split)
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "clef2020-verified-claims.json"
        feed.write_text(clef_claims.claimreview_feed(claims), "utf-8")
        with ClaimLibrary.open(Path(folder) / "library.sqlite") as library:
            start = time.perf_counter()
            [summary] = library.import_feeds([feed])
            imported = time.perf_counter() - start
            print(
                f"library: {summary.added:,} verified claims imported in {imported:.1f} s; "
                f"{len(gold)} {args.split} queries"
            )
            bm25_runs, _ = run(Matcher(library, rerank=False), queries)
            matcher = Matcher(library)
            run(matcher, queries[:20])  # warm the cache of prepared entries, as the app does
            ours_runs, seconds = run(matcher, queries)
    names = ["MAP@1", "MAP@3", "MAP@5", "MAP@10", "MRR", "R@5"]
    print(f"{'':<18}" + "".join(f"{name:>8}" for name in names))
    for label, runs in (("BM25 (baseline)", bm25_runs), ("BM25 + re-ranker", ours_runs)):
        scores = clef_claims.measures(runs, gold)
        print(f"{label:<18}" + "".join(f"{scores[name]:8.4f}" for name in names))
    milliseconds = sorted(s * 1000 for s in seconds)
    p95 = milliseconds[min(len(milliseconds) - 1, round(0.95 * len(milliseconds)))]
    print(
        f"re-ranked query time over {len(claims):,} claims: "
        f"p50 {statistics.median(milliseconds):.1f} ms, p95 {p95:.1f} ms (one core)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
