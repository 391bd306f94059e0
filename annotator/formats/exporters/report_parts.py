"""What every human-readable export needs from a report: ratings by key, claim numbers, counts
per verdict, colours, safe links and short quotes.

Kept apart from the renderers so that HTML, print HTML, Markdown and CSV agree on numbering,
labels and which links are followed.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote, urlsplit

from annotator.domain.body import Block, BlockKind
from annotator.domain.model import ClaimStatus
from annotator.domain.ratings import UNRATED_COLOR
from annotator.domain.web import is_web_url, without_credentials
from annotator.formats.report import (
    Report,
    ReportClaim,
    ReportDocument,
    ReportRating,
    claim_numbers,
)

UNRATED_LABEL = "Unrated"

# How a renderer writes untrusted text, and a link (url, text), in its own syntax.
TextWriter = Callable[[str], str]
LinkWriter = Callable[[str, str], str]

# A sentence ends at Latin, Arabic/Urdu, Devanagari or CJK full stops, question or
# exclamation marks followed by a space or the end of the text.
_SENTENCE_END = re.compile(r"[.!?\u06d4\u061f\u0964\u3002\uff01\uff1f](?=\s|$)")


@dataclass(frozen=True, slots=True)
class VerdictCount:
    """One bar of the summary chart."""

    key: str
    label: str
    color: str
    count: int


def ratings_by_key(report: Report) -> dict[str, ReportRating]:
    return {rating.key: rating for rating in report.project.rating_scale}


def claim_color(claim: ReportClaim, ratings: dict[str, ReportRating]) -> str:
    """The verdict's colour, or the grey of unrated claims."""
    if claim.verdict is None or claim.verdict.rating not in ratings:
        return UNRATED_COLOR
    return ratings[claim.verdict.rating].color


def verdict_label(claim: ReportClaim) -> str:
    return claim.verdict.label if claim.verdict else UNRATED_LABEL


def numbered_claims(report: Report) -> Iterator[tuple[int, ReportDocument, ReportClaim]]:
    """Every claim, in document order, with its stable number in the project (a report made
    before claims were numbered: numbered in order)."""
    numbers = claim_numbers(report)
    for document in report.documents:
        for claim in document.claims:
            yield numbers[claim.id], document, claim


def claim_pages(report: Report) -> dict[str, str]:
    """Each claim's page(s) in its source, as cited: "p. 3", "pp. 3–4"; claims of documents
    without pages (web pages, text) are left out."""
    labels: dict[str, str] = {}
    for document in report.documents:
        if not any(block.page for block in document.blocks):
            continue
        starts = list(itertools.accumulate((len(b.text) + 1 for b in document.blocks), initial=0))
        for claim in document.claims:
            pages = _pages(document, starts, claim.start, claim.end)
            if pages:
                labels[claim.id] = page_label(pages)
    return labels


def _pages(document: ReportDocument, starts: list[int], start: int, end: int) -> set[int]:
    pages: set[int] = set()
    index = max(bisect.bisect_right(starts, start) - 1, 0)
    while index < len(document.blocks) and starts[index] < max(end, start + 1):
        block = document.blocks[index]
        domain = Block(
            BlockKind.PARAGRAPH, block.text, page=block.page, page_breaks=tuple(block.page_breaks)
        )
        offset = starts[index]
        pages.update(domain.pages(max(start - offset, 0), min(end - offset, len(block.text))))
        index += 1
    return pages


def page_label(pages: set[int]) -> str:
    """ "p. 3", "pp. 3–4" (a run), "pp. 3, 5" (apart)."""
    ordered = sorted(pages)
    if len(ordered) == 1:
        return f"p. {ordered[0]}"
    if ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"pp. {ordered[0]}\u2013{ordered[-1]}"
    return "pp. " + ", ".join(map(str, ordered))


def verdict_counts(report: Report) -> list[VerdictCount]:
    """Claims per rating of the scale (in scale order), then unrated claims; empty bars stay so
    that charts of different projects with one scale line up."""
    counts = Counter(
        claim.verdict.rating if claim.verdict else None
        for document in report.documents
        for claim in document.claims
    )
    bars = [
        VerdictCount(r.key, r.label, r.color, counts[r.key]) for r in report.project.rating_scale
    ]
    bars.append(VerdictCount("", UNRATED_LABEL, UNRATED_COLOR, counts[None]))
    return bars


def project_byline(report: Report, text: TextWriter, link: LinkWriter) -> str:
    """Checker · publisher · export time, in the renderer's syntax."""
    project = report.project
    parts = []
    if project.checker:
        parts.append(f"Checked by {text(project.checker)}")
    if project.publisher.name:
        parts.append(f"Published by {link(project.publisher.url, project.publisher.name)}")
    parts.append(f"Exported {text(readable_date(report.exported_at))}")
    return " · ".join(parts)


def claimant_line(claim: ReportClaim, text: TextWriter, link: LinkWriter) -> str:
    """Name (linked), role (claim date), in the renderer's syntax."""
    line = link(claim.claimant.url, claim.claimant.name)
    if claim.claimant.role:
        line += f", {text(claim.claimant.role)}"
    if claim.claim_date:
        line += f" ({text(readable_date(claim.claim_date))})"
    return line


def claim_total(report: Report) -> int:
    return sum(len(document.claims) for document in report.documents)


def public_origin(origin: str) -> str:
    """Where a document came from, as a published report may say it: a web address whole, a
    local file (path or ``file:`` URL, POSIX or Windows) by its name alone, so that reports
    do not reveal the checker's folders and user name. The native JSON is built the same way
    (``services/reports.py``)."""
    origin = origin.strip()
    if is_web_url(origin):
        # A "user:password@" part is the checker's credentials, not the page's address.
        return without_credentials(origin)
    parts = urlsplit(origin)
    if parts.scheme.lower() == "file":
        origin = unquote(parts.path)
    return re.split(r"[/\\]", origin.rstrip("/\\"))[-1]


def first_sentence(text: str, limit: int = 280) -> str:
    """The text's first sentence, cut at a word boundary to at most ``limit`` characters."""
    text = " ".join(text.split())
    found = _SENTENCE_END.search(text)
    if found is not None:
        text = text[: found.end()]
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def readable_date(value: str) -> str:
    """An ISO date or date-time as a reader writes it: "4 December 2026" (the day is enough
    in a report; the time stays in the native JSON). The report's words are English, so the
    month is too, written out so that no reader takes 04/12 for April. A value that is not
    an ISO date is shown as it is."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return value
    return f"{parsed.day} {_MONTHS[parsed.month - 1]} {parsed.year}"


def status_label(claim: ReportClaim) -> str:
    """The claim's status as people read it ("In review", not "in-review")."""
    return ClaimStatus(claim.status).label


def iso_date(value: str) -> str:
    """The date part of an ISO date or date-time, or '' when the value is not one."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return ""


def is_iso_datetime(value: str) -> bool:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in value


def tint(color: str, strength: float) -> str:
    """``color`` (#rrggbb) mixed with white: highlights stay readable under black text and
    print without relying on transparency, which Qt's rich text lacks."""
    channels = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - c) * strength) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def ink_on(color: str) -> str:
    """Black or white, whichever reads better on ``color`` (WCAG relative luminance)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(color[i : i + 2], 16)) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 0.179 else "#ffffff"


def archived_copies(report: Report) -> dict[str, tuple[str, str]]:
    """For each source with a web archive's copy: that copy's address and when the snapshot
    recording it was captured (the latest such snapshot)."""
    copies: dict[str, tuple[str, str]] = {}
    for source in report.sources:
        for snapshot in source.snapshots:  # oldest first: the latest wins
            if snapshot.archived_url:
                copies[source.id] = (snapshot.archived_url, snapshot.captured_at)
    return copies
