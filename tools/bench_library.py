"""The claim library's hot paths, each against a baseline timed in the same run:

- importing a generated 10,000-review ClaimReview DataFeed (shaped like the Data Commons feed:
  outlet, claimant, appearance, rating with its scale) into a fresh library, against
  ``json.loads`` of the same bytes (the goal: under 10x);
- matching one text against those 10,000 entries with the re-ranker, against the lexical
  stage alone (BM25), with the median and 95th percentile time per query;
- the window's path ("Checked before"): from asking for a claim's matches to receiving them
  on the UI thread (worker thread, queued signal), against the same matching called directly
  (the goal: within 200 ms).

Run: ``.venv/bin/python tools/bench_library.py [--reviews N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.services.library import ClaimLibrary
from annotator.services.matching import Matcher

SEED = 15
SUBJECTS = [
    "president",
    "minister",
    "senator",
    "governor",
    "mayor",
    "company",
    "hospital",
    "army",
    "school",
    "city",
]
VERBS = [
    "bought",
    "sold",
    "banned",
    "closed",
    "built",
    "cancelled",
    "approved",
    "doubled",
    "cut",
    "raised",
]
THINGS = [
    "helicopters",
    "vaccines",
    "schools",
    "bridges",
    "taxes",
    "jobs",
    "hospitals",
    "tanks",
    "flights",
    "factories",
    "pensions",
    "farms",
    "prisons",
    "libraries",
    "refugees",
]
PLACES = [
    "Pakistan",
    "Russia",
    "Brazil",
    "Kenya",
    "Texas",
    "Ohio",
    "Delhi",
    "Lagos",
    "Paris",
    "Manila",
    "Quebec",
    "Chile",
]
VERDICTS = ["False", "Mostly false", "Misleading", "Half true", "Mostly true", "True"]


def claim(rng: random.Random) -> str:
    return (
        f"The {rng.choice(SUBJECTS)} of {rng.choice(PLACES)} {rng.choice(VERBS)} "
        f"{rng.randint(2, 5000)} {rng.choice(THINGS)} in {rng.randint(1990, 2024)}, "
        f"{rng.choice(['a post says', 'according to a viral video', 'a politician claimed'])}."
    )


def review(rng: random.Random, number: int) -> dict[str, object]:
    verdict = rng.randrange(len(VERDICTS))
    return {
        "@context": "http://schema.org",
        "@type": "ClaimReview",
        "author": {"@type": "Organization", "name": "Checks", "url": "https://checks.example/"},
        "claimReviewed": claim(rng),
        "datePublished": f"2023-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}",
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [{"@type": "CreativeWork", "url": f"https://social.example/{number}"}],
            "author": {"@type": "Person", "name": "Social media users"},
            "datePublished": "2023-01-02",
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": VERDICTS[verdict],
            "ratingValue": str(verdict + 1),
            "bestRating": "6",
            "worstRating": "1",
        },
        "sdPublisher": {"@type": "Organization", "name": "Google Fact Check Tools"},
        "url": f"https://checks.example/reviews/{number}",
    }


def data_feed(count: int) -> bytes:
    rng = random.Random(SEED)
    items = [{"@type": "DataFeedItem", "item": [review(rng, n)]} for n in range(count)]
    feed = {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": items}
    return json.dumps(feed).encode()


def best_of(runs: int, work: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Claim library benchmarks.")
    parser.add_argument("--reviews", type=int, default=10_000)
    args = parser.parse_args(argv)
    data = data_feed(args.reviews)
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.json"
        feed.write_bytes(data)
        runs = iter(range(100))

        def load() -> None:
            json.loads(feed.read_bytes())

        def store() -> None:
            with ClaimLibrary.open(Path(folder) / f"library-{next(runs)}.sqlite") as library:
                library.import_feeds([feed])

        parse = best_of(3, load)
        imported = best_of(3, store)
        print(f"{'measure':<66}{'ours':>10}{'baseline':>10}{'ratio':>8}")
        print(
            f"{f'import a {args.reviews:,}-review feed vs json.loads of it':<66}"
            f"{imported * 1000:>8.1f}ms{parse * 1000:>8.1f}ms{imported / parse:>8.3g}"
        )
        with ClaimLibrary.open(Path(folder) / "library-0.sqlite") as library:
            rng = random.Random(SEED + 1)
            queries = [claim(rng) for _ in range(200)]
            ours, lexical = (
                _times(Matcher(library), queries),
                _times(Matcher(library, rerank=False), queries),
            )
        window = _window_times(Path(folder) / "library-0.sqlite", queries)
    p50, p95 = _percentiles(ours)
    base50, _ = _percentiles(lexical)
    print(
        f"{f'match one text over {args.reviews:,} entries (p50) vs BM25 alone':<66}"
        f"{p50:>8.1f}ms{base50:>8.1f}ms{p50 / base50:>8.3g}"
    )
    print(f"  re-ranked query time: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    w50, w95 = _percentiles(window)
    print(
        f"{'Checked before: ask to shown on the UI thread (p50) vs direct':<66}"
        f"{w50:>8.1f}ms{p50:>8.1f}ms{w50 / p50:>8.3g}"
    )
    print(f"  window path: p50 {w50:.1f} ms, p95 {w95:.1f} ms (goal: under 200 ms)")
    return 0


def _window_times(path: Path, queries: list[str]) -> list[float]:
    """Each query asked through the window's LibraryMatches, timed until ``found`` arrives."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from annotator.domain.model import Anchor, Claim
    from annotator.ui.library_matches import LibraryMatches

    app = QCoreApplication.instance() or QCoreApplication([])
    matches = LibraryMatches(path)
    loop = QEventLoop()
    matches.found.connect(lambda *_args: loop.quit())
    seconds = []
    for number, text in enumerate(queries):
        claim = Claim(id=str(number), document_id="d", anchor=Anchor(0, len(text), text, "", ""))
        start = time.perf_counter()
        matches.ask(claim)
        loop.exec()
        seconds.append(time.perf_counter() - start)
    matches.stop()
    del app
    return seconds[10:]  # the first ones open the connection and fill the caches


def _times(matcher: Matcher, queries: list[str]) -> list[float]:
    for query in queries[:10]:
        matcher.match(query)  # warm the caches, as a window does after its first query
    seconds = []
    for query in queries:
        start = time.perf_counter()
        matcher.match(query)
        seconds.append(time.perf_counter() - start)
    return seconds


def _percentiles(seconds: list[float]) -> tuple[float, float]:
    milliseconds = sorted(s * 1000 for s in seconds)
    return statistics.median(milliseconds), milliseconds[round(0.95 * (len(milliseconds) - 1))]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
