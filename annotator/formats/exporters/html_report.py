"""The readable report as one self-contained HTML file, and its print variant for Qt's PDF
renderer.

Title, a summary of verdicts (an inline SVG bar chart), then each document with its claims
highlighted and numbered, followed by a card per claim. The article text comes from the web,
so every piece of text and every attribute is escaped and only http(s) links are written; the
file loads nothing (no scripts, style sheets, fonts or images from anywhere). The variant for
Qt's PDF printing, which knows neither SVG nor most of CSS, is in ``html_print``.

The report's own words are English, but what checkers and articles write may be Arabic or Urdu.
So every block of such text takes its direction from its own first strong letter
(``dir="auto"``; the article's blocks carry the direction the importer gave them), and names,
titles and values inside an English sentence are isolated (``<bdi>``), so that "Claimed by
<bdi>وزير المالية</bdi>, <bdi>وزير</bdi>" keeps its comma and its order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

from annotator.domain.body import text_direction
from annotator.domain.web import is_web_url
from annotator.domain.wording import counted
from annotator.formats.exporters.html_body import BodyStyle, render_body
from annotator.formats.exporters.html_evidence import (
    EVIDENCE_CSS,
    evidence_section,
    has_snapshots,
    snapshot_note,
)
from annotator.formats.exporters.html_style import screen_css
from annotator.formats.exporters.report_parts import (
    UNRATED_LABEL,
    VerdictCount,
    claim_pages,
    claim_total,
    claimant_line,
    project_byline,
    public_origin,
    ratings_by_key,
    readable_date,
    status_label,
    verdict_counts,
)
from annotator.formats.report import (
    Report,
    ReportBlock,
    ReportClaim,
    ReportClaimSource,
    ReportDocument,
    claim_numbers,
)

# Wraps escaped markup so that its direction is its own, apart from the sentence around it.
Isolate = Callable[[str], str]

_BAR_HEIGHT = 22
_LABEL_WIDTH = 170
_CHART_WIDTH = 600


def render_html(report: Report, snapshot_files: Mapping[str, str] | None = None) -> bytes:
    """The report as a UTF-8 HTML document for browsers (and their print). ``snapshot_files``
    maps snapshot ids to the relative paths of their files, for a bundle."""
    numbers = claim_numbers(report)
    css = screen_css(report) + (EVIDENCE_CSS if has_snapshots(report) else "")
    pages = claim_pages(report)
    style = BodyStyle(highlight=_highlight, marker=_marker)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{escape(report.generator)}">',
        f"<title>{escape(report.project.title)}</title>",
        f"<style>\n{css}</style>",
        "</head>",
        "<body>",
        _header(report),
        _summary(report),
    ]
    for document in report.documents:
        parts.append(_document(report, document, numbers, style, pages))
    if evidence := evidence_section(report, snapshot_files or {}):
        parts.append(evidence)
    exported = readable_date(report.exported_at)
    parts.append(f"<footer>{escape(report.generator)} · {escape(exported)}</footer>")
    parts.extend(["</body>", "</html>", ""])
    return "\n".join(parts).encode("utf-8")


def link(url: str, text: str) -> str:
    """An escaped link when ``url`` is http(s), else only the escaped text."""
    if not is_web_url(url):
        return escape(text)
    return f'<a href="{escape(url.strip())}" rel="nofollow noreferrer">{escape(text)}</a>'


def _highlight(claim: ReportClaim, depth: int) -> tuple[str, str]:
    key = claim.verdict.rating if claim.verdict else "unrated"
    overlap = " ov" if depth > 1 else ""
    return f'<mark class="r-{escape(key)}{overlap}">', "</mark>"


def _marker(claim: ReportClaim, number: int) -> str:
    return f'<sup class="n"><a href="#claim-{escape(claim.id)}">{number}</a></sup>'


def bdi(markup: str) -> str:
    """Markup isolated in the browser's way: ``<bdi>`` (its direction from its first letter)."""
    return f"<bdi>{markup}</bdi>"


def _header(report: Report) -> str:
    return (
        f'<header>\n<h1 dir="auto">{escape(report.project.title)}</h1>\n'
        f'<p class="meta">{project_byline(report, escape, link)}</p>\n</header>'
    )


def _summary(report: Report) -> str:
    """The counts once: a bar per verdict with its label and count beside it."""
    total = claim_total(report)
    documents = len(report.documents)
    return (
        '<section class="summary">\n<h2>Summary</h2>\n'
        f"<p>{counted(total, 'claim')} in {counted(documents, 'document')}.</p>\n"
        f"{svg_chart(verdict_counts(report))}\n</section>"
    )


def svg_chart(bars: list[VerdictCount]) -> str:
    """A horizontal bar chart of claims per verdict, as inline SVG."""
    peak = max((bar.count for bar in bars), default=0) or 1
    span = _CHART_WIDTH - _LABEL_WIDTH - 50
    height = _BAR_HEIGHT * len(bars) + 4
    rows = []
    for index, bar in enumerate(bars):
        y = index * _BAR_HEIGHT + 2
        width = round(span * bar.count / peak)
        rows.append(
            f'<text x="{_LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">'
            f"{escape(bar.label)}</text>"
            f'<rect x="{_LABEL_WIDTH}" y="{y + 3}" width="{width}" height="{_BAR_HEIGHT - 6}" '
            f'rx="2" fill="{bar.color}"/>'
            f'<text x="{_LABEL_WIDTH + width + 6}" y="{y + 15}">{bar.count}</text>'
        )
    title = ", ".join(f"{bar.label}: {bar.count}" for bar in bars)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_CHART_WIDTH} {height}" '
        f'role="img" font-family="system-ui, sans-serif" font-size="13" fill="#1f2328">'
        f"<title>Claims per verdict: {escape(title)}</title>{''.join(rows)}</svg>"
    )


def _document(
    report: Report,
    document: ReportDocument,
    numbers: dict[str, int],
    style: BodyStyle,
    pages: dict[str, str],
) -> str:
    lang = f' lang="{escape(document.lang)}"' if document.lang else ""
    body = render_body(directed(document), numbers, style)
    cards = "\n".join(
        _card(report, claim, numbers[claim.id], pages.get(claim.id, ""))
        for claim in document.claims
    )
    claims_heading = "<h3>Claims</h3>" if document.claims else "<p>No claims.</p>"
    return (
        f'<section class="document" id="document-{escape(document.id)}">\n'
        f'<h2 dir="auto">{escape(document.title)}</h2>\n'
        f'<p class="meta">{document_meta(document)}</p>\n'
        f'<div class="article" dir="{document.direction}"{lang}>\n{body}\n</div>\n'
        f"{claims_heading}\n{cards}\n</section>"
    )


def directed(document: ReportDocument) -> ReportDocument:
    """The document with each block's direction stated: the importer's, or for a block stored
    without one (imported before every importer set it, or by an older version) its text's."""
    blocks = document.blocks or [
        ReportBlock(kind="paragraph", text=line) for line in document.text.split("\n")
    ]
    return document.model_copy(
        update={
            "blocks": [
                block
                if block.direction
                else block.model_copy(update={"direction": text_direction(block.text)})
                for block in blocks
            ]
        }
    )


def document_meta(document: ReportDocument, isolate: Isolate = bdi) -> str:
    """Author · publisher · date · origin, escaped and each isolated (the origin linked when it
    is a web page, and only its file name when it is a local file)."""
    meta = [isolate(escape(x)) if x else "" for x in (document.author, document.publisher)]
    meta.append(escape(readable_date(document.published)))
    if origin := public_origin(document.origin):
        meta.append(isolate(link(origin, origin)))
    return " · ".join(x for x in meta if x)


def _card(report: Report, claim: ReportClaim, number: int, page: str = "") -> str:
    ratings = ratings_by_key(report)
    key = claim.verdict.rating if claim.verdict and claim.verdict.rating in ratings else "unrated"
    label = claim.verdict.label if claim.verdict else UNRATED_LABEL
    parts = [
        f'<article class="claim c-{escape(key)}" id="claim-{escape(claim.id)}">',
        f'<header><span class="num">{number}.</span>'
        f'<span class="badge b-{escape(key)}">{escape(label)}</span>'
        f'<span class="status">{escape(status_label(claim))}</span>'
        + (f'<span class="page">{escape(page)}</span>' if page else "")
        + (
            f'<span class="state">anchor: {escape(claim.anchor_state)}</span>'
            if claim.anchor_state != "exact"
            else ""
        )
        + "</header>",
        f'<blockquote dir="auto">{escape(claim.quote)}</blockquote>',
    ]
    if claim.summary:
        parts.append(f'<p class="summary-text" dir="auto">{escape(claim.summary)}</p>')
    if claim.verdict and claim.verdict.rationale:
        parts.append(f'<div class="rationale">{paragraphs(claim.verdict.rationale)}</div>')
    parts.extend(_card_details(report, claim))
    parts.append("</article>")
    return "\n".join(parts)


def _card_details(report: Report, claim: ReportClaim) -> list[str]:
    parts = []
    if claim.verdict and (claim.verdict.rated_by or claim.verdict.rated_at):
        by = f" by {bdi(escape(claim.verdict.rated_by))}" if claim.verdict.rated_by else ""
        at = (
            f" on {escape(readable_date(claim.verdict.rated_at))}" if claim.verdict.rated_at else ""
        )
        parts.append(f'<p class="meta">Rated{by}{at}</p>')
    if claim.claimant.name:
        parts.append(f'<p class="claimant">Claimed by {claimant_text(claim)}</p>')
    if claim.sources:
        items = "\n".join(
            f"<li>{_source(source)}{snapshot_note(report, source.id)}</li>"
            for source in claim.sources
        )
        parts.append(f'<ul class="sources">\n{items}\n</ul>')
    if claim.tags:
        tags = "".join(f'<span dir="auto">{escape(tag)}</span>' for tag in claim.tags)
        parts.append(f'<p class="tags">{tags}</p>')
    return parts


def claimant_text(claim: ReportClaim, isolate: Isolate = bdi) -> str:
    """The claimant's name, role and claim date, each isolated within the English sentence."""
    return claimant_line(
        claim, lambda text: isolate(escape(text)), lambda url, text: isolate(link(url, text))
    )


def _source(source: ReportClaimSource) -> str:
    text = f'<span class="stance stance-{source.stance}">{source.stance}</span> ' + bdi(
        link(source.url, source.title or source.url)
    )
    if source.publisher:
        text += f" — {bdi(escape(source.publisher))}"
    if source.excerpt:
        text += f' <span class="excerpt">“{bdi(escape(source.excerpt))}”</span>'
    return text


def _auto(line: str) -> str:
    return "auto"


def paragraphs(text: str, direction: Callable[[str], str] = _auto) -> str:
    """Plain text as escaped paragraphs, one per line, each with its ``dir`` (``auto``: its
    first strong letter's)."""
    return "".join(
        f'<p dir="{direction(line)}">{escape(line)}</p>'
        for line in text.split("\n")
        if line.strip()
    )
