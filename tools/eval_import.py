"""Measure the web-page importer against a reader-mode test corpus, beside two known extractors.

Usage: ``python tools/eval_import.py PAGES_DIR``. Each subfolder of PAGES_DIR holding
``source.html``, ``expected.html`` and ``expected-metadata.json`` (the layout of Mozilla
Readability's test pages) is one page. Our importer, trafilatura and readability-lxml each
extract the article from ``source.html``; the score is the word-level F1 against the text of
``expected.html`` (words are ``\\w+`` runs, lower-cased, compared as multisets), and the title
and byline are compared exactly (white space normalised) with the expected metadata.
Prints a table per page and a summary per extractor; always exits 0.
"""

from __future__ import annotations

import importlib.util
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.domain.body import Block, BlockKind
from annotator.errors import AnnotatorError
from annotator.formats.importers.html import import_html_bytes


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str
    byline: str


@dataclass(slots=True)
class Tally:
    f1: list[float] = field(default_factory=list)
    titles: list[bool] = field(default_factory=list)
    bylines: list[bool] = field(default_factory=list)
    seconds: float = 0.0


Extractor = Callable[[bytes], Extracted]


def ours(source: bytes) -> Extracted:
    try:
        doc = import_html_bytes(source, "source.html")
    except AnnotatorError:
        return Extracted("", "", "")
    return Extracted(page_text(doc.blocks), doc.title, doc.author)


def page_text(blocks: tuple[Block, ...]) -> str:
    """The article's text as the page shows it: an image placeholder counts by its caption
    and credit (text on the page), not by its alt text or the word "Image" (not text there)."""
    return "\n".join(
        f"{b.caption} {b.credit}".strip() if b.kind is BlockKind.FIGURE else b.text for b in blocks
    )


def trafilatura_extract(source: bytes) -> Extracted:
    import trafilatura

    html = source.decode("utf-8", errors="replace")
    result = trafilatura.bare_extraction(html, with_metadata=True)
    if not result:
        return Extracted("", "", "")
    data = result if isinstance(result, dict) else result.as_dict()
    return Extracted(data.get("text") or "", data.get("title") or "", data.get("author") or "")


def readability_extract(source: bytes) -> Extracted:
    from readability import Document

    document = Document(source.decode("utf-8", errors="replace"))
    summary = document.summary(html_partial=True)
    text = lxml_html.fromstring(summary).text_content() if summary.strip() else ""
    return Extracted(text, document.short_title() or "", "")


EXTRACTORS: dict[str, Extractor] = {
    "ours": ours,
    "trafilatura": trafilatura_extract,
    "readability-lxml": readability_extract,
}


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in re.findall(r"\w+", text))


def f1(found: str, expected: str) -> float:
    got, want = words(found), words(expected)
    common = sum((got & want).values())
    if not got or not want or not common:
        return 1.0 if not got and not want else 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


def pages(root: Path) -> list[Path]:
    needed = ("source.html", "expected.html", "expected-metadata.json")
    return sorted(
        p for p in root.iterdir() if p.is_dir() and all((p / n).is_file() for n in needed)
    )


def evaluate(page: Path, tallies: dict[str, Tally]) -> list[str]:
    source = (page / "source.html").read_bytes()
    expected_html = (page / "expected.html").read_text(encoding="utf-8")
    expected_text = lxml_html.fromstring(expected_html).text_content()
    meta = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
    cells = [page.name[:30]]
    for name, extractor in EXTRACTORS.items():
        started = time.perf_counter()
        try:
            got = extractor(source)
        except Exception as exc:  # a baseline crashing on one page must not stop the run
            print(f"  {name} failed on {page.name}: {exc}", file=sys.stderr)
            got = Extracted("", "", "")
        tally = tallies[name]
        tally.seconds += time.perf_counter() - started
        score = f1(got.text, expected_text)
        tally.f1.append(score)
        tally.titles.append(same(got.title, meta.get("title")))
        tally.bylines.append(same(got.byline, meta.get("byline")))
        flags = ("T" if tally.titles[-1] else "-") + ("B" if tally.bylines[-1] else "-")
        cells.append(f"{score:6.3f} {flags}")
    return cells


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: eval_import.py PAGES_DIR", file=sys.stderr)
        return 0
    found = pages(Path(argv[1]))
    for name, module in (("trafilatura", "trafilatura"), ("readability-lxml", "readability")):
        if importlib.util.find_spec(module) is None:
            print(f"{name} is not installed (pip install -e '.[eval]'); skipping it.")
            del EXTRACTORS[name]
    tallies = {name: Tally() for name in EXTRACTORS}
    header = ["page", *EXTRACTORS]
    print("  ".join(f"{h:<30}" if i == 0 else f"{h:>16}" for i, h in enumerate(header)))
    print("(F1, T = title exact, B = byline exact)")
    for page in found:
        cells = evaluate(page, tallies)
        print("  ".join(f"{c:<30}" if i == 0 else f"{c:>16}" for i, c in enumerate(cells)))
    print(f"\n{len(found)} pages")
    print(f"{'extractor':<18}" + "".join(f"{c:>11}" for c in SUMMARY_COLUMNS))
    for name, tally in tallies.items():
        if tally.f1:
            print(f"{name:<18}" + "".join(f"{v:>11}" for v in summary(tally)))
    return 0


SUMMARY_COLUMNS = ("median F1", "mean F1", "title %", "byline %", "seconds")


def summary(tally: Tally) -> tuple[str, ...]:
    return (
        f"{statistics.median(tally.f1):.3f}",
        f"{statistics.mean(tally.f1):.3f}",
        f"{100 * sum(tally.titles) / len(tally.titles):.0f}",
        f"{100 * sum(tally.bylines) / len(tally.bylines):.0f}",
        f"{tally.seconds:.1f}",
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv))
