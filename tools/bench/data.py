"""Deterministic benchmark data: articles of a given size, claims over them, as native reports.

``report(documents=[(chars, claims)], seed=...)`` returns the report as a plain dict (fast to
build, then written with ``json.dumps``) that ``annotator import`` turns into a project. The
same seed always gives the same bytes. Shape, as issue 10 specifies: paragraphs of about 380
characters (a 1 MB article has about 2,600), claims of 10-80 characters, 20% of them overlapping
the claim before, each with a verdict and one or two sources; a few astral characters (emoji)
so UTF-16 conversion is exercised.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Any

from annotator.domain.ratings import DEFAULT_SCALE

VOCABULARY = (
    "officials said exports to Russia grew by percent in while imports fell sharply the "
    "minister claimed unemployment has halved since inflation reached record levels last year "
    "according to figures published by statistics office government spending on health "
    "education rose million billion report shows that crime rates dropped across country "
    "opposition leader argued taxes doubled under current administration households pay more "
    "energy prices climbed during winter months analysts expect growth slow next quarter"
)
WORDS = tuple(VOCABULARY.split())
PARAGRAPH_CHARS = 382
OVERLAPPING = 0.2
ASTRAL = "\U0001f4c8"  # chart with upwards trend: two UTF-16 units
TAGS = ("economy", "health", "crime", "energy", "taxes")
STANCES = ("supports", "refutes", "context")


def article(chars: int, rng: random.Random) -> list[str]:
    """Paragraphs whose texts, joined with newlines, are about ``chars`` characters."""
    paragraphs: list[str] = []
    total = 0
    while total < chars:
        words: list[str] = []
        length = 0
        target = rng.randint(PARAGRAPH_CHARS // 2, PARAGRAPH_CHARS * 3 // 2)
        while length < target:
            word = rng.choice(WORDS)
            if not words:
                word = word.capitalize()
            words.append(word)
            length += len(word) + 1
        if len(paragraphs) % 40 == 7:
            words.insert(len(words) // 2, ASTRAL)
        text = " ".join(words) + "."
        paragraphs.append(text)
        total += len(text) + 1
    return paragraphs


def claims(text: str, count: int, rng: random.Random, prefix: str) -> list[tuple[str, int, int]]:
    """``count`` spans (id, start, end) of 10-80 characters, in article order; a fifth of
    them start inside the claim before."""
    spans: list[tuple[str, int, int]] = []
    slot = max(1, len(text) // max(count, 1))
    for i in range(count):
        length = rng.randint(10, 80)
        if spans and rng.random() < OVERLAPPING:
            _, start_before, end_before = spans[-1]
            start = rng.randint(start_before + 1, max(start_before + 1, end_before - 2))
        else:
            start = min(i * slot + rng.randint(0, slot // 2), len(text) - 11)
        start = max(0, min(start, len(text) - 11))
        end = min(start + length, len(text))
        while start < end and text[start].isspace():
            start += 1
        while end > start + 1 and text[end - 1].isspace():
            end -= 1
        spans.append((f"{prefix}c{i}", start, end))
    return spans


def _claim(
    text: str, span: tuple[str, int, int], number: int, rng: random.Random, sources: int
) -> dict[str, Any]:
    claim_id, start, end = span
    rating = DEFAULT_SCALE[number % len(DEFAULT_SCALE)]
    cited = rng.sample(range(sources), k=min(sources, rng.randint(1, 2)))
    return {
        "id": claim_id,
        "start": start,
        "end": end,
        "quote": text[start:end],
        "prefix": text[max(0, start - 32) : start],
        "suffix": text[end : end + 32],
        "summary": f"Claim {number}: {' '.join(rng.sample(WORDS, 5))}" if number % 2 else "",
        "status": ("draft", "in-review", "done")[number % 3],
        "tags": [TAGS[number % len(TAGS)]] if number % 4 == 0 else [],
        "verdict": {
            "rating": rating.key,
            "label": rating.label,
            "rationale": "Checked against the official figures.",
            "rated_by": "Bench Checker",
            "rated_at": "2024-05-01T12:00:00Z",
        },
        "sources": [
            {
                "id": f"s{k}",
                "url": f"https://example.org/source/{k}",
                "title": f"Source {k}",
                "publisher": "Example",
                "stance": STANCES[(number + k) % 3],
                "excerpt": "",
                "accessed": "2024-04-30",
            }
            for k in cited
        ],
        "created_at": "2024-05-01T10:00:00Z",
        "updated_at": "2024-05-01T12:00:00Z",
    }


def report(documents: list[tuple[int, int]], seed: int = 10) -> dict[str, Any]:
    """A native report with one document per (characters, claims) pair."""
    rng = random.Random(seed)
    total_claims = sum(count for _, count in documents)
    source_count = max(10, total_claims // 5)
    made = []
    for number, (chars, count) in enumerate(documents):
        paragraphs = article(chars, rng)
        text = "\n".join(paragraphs)
        spans = claims(text, count, rng, f"d{number}")
        made.append(
            {
                "id": f"d{number}",
                "title": f"Benchmark article {number + 1}",
                "origin": f"https://news.example.com/article/{number}",
                "format": "text",
                "created_at": "2024-05-01T09:00:00Z",
                "text": text,
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "blocks": [{"kind": "paragraph", "text": p} for p in paragraphs],
                "claims": [_claim(text, s, i, rng, source_count) for i, s in enumerate(spans)],
            }
        )
    return {
        "format": "annotator-report",
        "version": 1,
        "generator": "annotator bench",
        "exported_at": "2024-05-02T10:00:00Z",
        "project": {
            "title": "Benchmark",
            "checker": "Bench Checker",
            "rating_scale": [
                {"key": r.key, "label": r.label, "color": r.color, "value": r.value}
                for r in DEFAULT_SCALE
            ],
        },
        "documents": made,
        "sources": [
            {
                "id": f"s{k}",
                "url": f"https://example.org/source/{k}",
                "title": f"Source {k}",
                "publisher": "Example",
                "accessed": "2024-04-30",
            }
            for k in range(source_count)
        ],
    }


def write_report(path: Path, documents: list[tuple[int, int]], seed: int = 10) -> Path:
    path.write_text(json.dumps(report(documents, seed), ensure_ascii=False), encoding="utf-8")
    return path


SIZES = {
    # name: (article characters, claims)
    "S": (100_000, 500),
    "M": (1_000_000, 5_000),
    "L": (10_000_000, 50_000),
}
