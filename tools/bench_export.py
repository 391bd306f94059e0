"""Times every export format on a generated 10,000-claim project, relative to the JSON export.

Ratios to JSON in the same run make the numbers comparable across machines: a format that
degrades to O(n^2) shows up as a ratio that grows with --claims. Run:

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/bench_export.py [--claims N] [--no-pdf]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.domain.ratings import DEFAULT_SCALE
from annotator.formats.exporters import EXPORT_FORMATS
from annotator.formats.report import (
    Report,
    ReportBlock,
    ReportClaim,
    ReportClaimSource,
    ReportDocument,
    ReportMark,
    ReportProject,
    ReportRating,
    ReportVerdict,
)

SENTENCE = "The minister said on Friday that exports to Russia grew by 12% in 2017 alone. "
DOCUMENTS = 10
BOLD = ReportMark(kind="strong", start=4, end=12)


def _claim(index: int, text: str, start: int, end: int) -> ReportClaim:
    rating = DEFAULT_SCALE[index % len(DEFAULT_SCALE)]
    verdict = None
    if index % 4:
        verdict = ReportVerdict(
            rating=rating.key, label=rating.label, rationale="Checked against the ministry.",
            rated_by="bench", rated_at="2024-05-01T12:00:00Z",
        )  # fmt: skip
    sources = [
        ReportClaimSource(id=f"s{index % 50}", url=f"https://example.org/{index % 50}",
                          title="A source", stance="refutes")
    ] if index % 3 == 0 else []  # fmt: skip
    return ReportClaim(
        id=f"c{index}", start=start, end=end, quote=text[start:end],
        prefix=text[max(0, start - 32) : start], suffix=text[end : end + 32],
        summary="Exports grew by 12%.", tags=["trade"], verdict=verdict, sources=sources,
    )  # fmt: skip


def _document(number: int, claims: int, first_id: int) -> ReportDocument:
    """A document with ``claims`` claims, a third of them overlapping their neighbour."""
    blocks = [
        ReportBlock(kind="paragraph", text=SENTENCE * 3, marks=[BOLD])
        for _ in range(claims // 3 + 1)
    ]  # fmt: skip
    text = "\n".join(block.text for block in blocks)
    step = len(SENTENCE)
    made = []
    for i in range(claims):
        start = i * step + 4
        end = start + (60 if i % 3 == 0 else 30)
        made.append(_claim(first_id + i, text, start, end))
    made.sort(key=lambda c: (c.start, c.end))
    return ReportDocument(
        id=f"d{number}", title=f"Article {number}", origin=f"https://news.example.com/{number}",
        text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), blocks=blocks, claims=made,
    )  # fmt: skip


def build_report(claims: int) -> Report:
    per_document = claims // DOCUMENTS
    documents = [_document(n, per_document, n * per_document) for n in range(DOCUMENTS)]
    scale = [
        ReportRating(key=r.key, label=r.label, color=r.color, value=r.value) for r in DEFAULT_SCALE
    ]
    return Report(
        generator="bench", exported_at="2024-05-02T10:00:00Z",
        project=ReportProject(title="Benchmark", rating_scale=scale), documents=documents,
    )  # fmt: skip


def _best_of(render: Callable[[Report], bytes], report: Report, rounds: int) -> tuple[float, int]:
    best, size = float("inf"), 0
    for _ in range(rounds):
        started = time.perf_counter()
        size = len(render(report))
        best = min(best, time.perf_counter() - started)
    return best, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true", help="skip the Qt PDF renderer")
    args = parser.parse_args()
    report = build_report(args.claims)
    renderers: dict[str, Callable[[Report], bytes]] = {
        name: fmt.render for name, fmt in EXPORT_FORMATS.items() if fmt.render is not None
    }
    if not args.no_pdf:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from annotator.ui.printing import render_pdf

        renderers["pdf"] = render_pdf
    claims = sum(len(d.claims) for d in report.documents)
    print(f"{claims:,} claims in {len(report.documents)} documents, best of {args.rounds}")
    _best_of(renderers["json"], report, 1)  # warm-up: caches, allocator
    timings = {
        name: _best_of(render, report, 1 if name == "pdf" else args.rounds)
        for name, render in renderers.items()
    }
    json_seconds = timings["json"][0]
    print(f"{'format':<14}{'seconds':>9}{'x json':>9}{'MB':>9}")
    for name, (seconds, size) in timings.items():
        print(f"{name:<14}{seconds:>9.3f}{seconds / json_seconds:>9.2f}{size / 1e6:>9.2f}")
    # Growth: eight times the claims should take about eight times as long (linear), not 64.
    eighth = build_report(max(DOCUMENTS, args.claims // 8))
    print(f"\ntime for {claims:,} claims / time for an eighth of them (8 = linear)")
    for name, render in renderers.items():
        if name != "pdf":
            small = _best_of(render, eighth, args.rounds)[0]
            print(f"{name:<14}{timings[name][0] / small:>9.1f}")


if __name__ == "__main__":
    main()
