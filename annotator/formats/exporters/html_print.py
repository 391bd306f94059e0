"""The report as HTML for Qt's printing (``QTextDocument.setHtml`` then a ``QPdfWriter``).

Qt's rich text supports HTML 4 tables and a small CSS subset, and no SVG, ``<mark>``, flexbox or
custom properties. So this variant states colours inline, draws the verdict chart with
coloured table cells, frames claim cards as two-cell tables (a colour strip and the content),
and prints source addresses in full because a reader of paper cannot click. Escaping and link
rules are those of the browser report.

Right-to-left text is set apart as in the browser report, in what Qt understands: it knows
neither ``dir="auto"`` (its ``<html>`` makes every block left to right) nor ``<bdi>``, so each
block of user text gets the ``dir`` of its first strong letter, and names and values inside an
English sentence are wrapped in the Unicode isolates FSI ... PDI, which Qt's layout honours.
Qt's CSS ignores margins given in points, so the spacing rules here are in pixels.
Italic that the italic face cannot draw (Arabic in DejaVu Sans Oblique) is made upright when
the PDF is laid out (``annotator.ui.printing``).
"""

from __future__ import annotations

from html import escape

from annotator.domain.body import text_direction
from annotator.domain.web import is_web_url
from annotator.domain.wording import counted
from annotator.formats.exporters.html_body import BodyStyle, render_body
from annotator.formats.exporters.html_report import (
    claimant_text,
    directed,
    document_meta,
    link,
    paragraphs,
)
from annotator.formats.exporters.html_style import HIGHLIGHT_TINT, OVERLAP_TINT, PRINT_CSS
from annotator.formats.exporters.report_parts import (
    VerdictCount,
    claim_color,
    claim_pages,
    claim_total,
    ink_on,
    project_byline,
    ratings_by_key,
    readable_date,
    status_label,
    tint,
    verdict_counts,
    verdict_label,
)
from annotator.formats.report import (
    Report,
    ReportClaim,
    ReportClaimSource,
    ReportRating,
    claim_numbers,
)


def isolated(markup: str) -> str:
    """Markup between FSI and PDI: its direction is its own, apart from the sentence around
    it (Qt's stand-in for ``<bdi>``)."""
    return f"&#x2068;{markup}&#x2069;"


def direction_of(text: str) -> str:
    """The ``dir`` of a block holding ``text``: its first strong letter's, else left to right."""
    return text_direction(text) or "ltr"


def render_print_html(report: Report) -> str:
    """The whole report as Qt-renderable HTML."""
    ratings = ratings_by_key(report)
    numbers = claim_numbers(report)
    pages = claim_pages(report)
    style = BodyStyle(
        highlight=lambda claim, depth: _highlight(claim, depth, ratings),
        marker=lambda claim, number: f"<sup><b>{number}</b></sup>",
    )
    project = report.project
    parts = [
        '<html><head><meta charset="utf-8">',
        f"<title>{escape(project.title)}</title><style>{PRINT_CSS}</style>",
        "</head><body>",
        f'<h1 dir="{direction_of(project.title)}">{escape(project.title)}</h1>',
        f'<p class="meta">{project_byline(report, escape, link)}</p>',
        "<h2>Summary</h2>",
        f"<p>{counted(claim_total(report), 'claim')} in "
        f"{counted(len(report.documents), 'document')}.</p>",
        _chart(verdict_counts(report)),
    ]
    for index, document in enumerate(report.documents):
        direction = "rtl" if document.direction == "rtl" else "ltr"
        # The first article follows the summary on page one, which would stay almost empty.
        page_break = ' style="page-break-before: always"' if index else ""
        parts.append(
            f'<h2 dir="{direction_of(document.title)}"{page_break}>{escape(document.title)}</h2>'
        )
        parts.append(f'<p class="meta">{document_meta(document, isolated)}</p>')
        parts.append(
            f'<div dir="{direction}">{render_body(directed(document), numbers, style)}</div>'
        )
        if document.claims:
            parts.append("<h3>Claims</h3>")
        parts.extend(
            _card(claim, numbers[claim.id], ratings, pages.get(claim.id, ""))
            for claim in document.claims
        )
    exported = escape(readable_date(report.exported_at))
    parts.append(f'<p class="muted">{escape(report.generator)} · {exported}</p>')
    parts.append("</body></html>")
    return "\n".join(parts)


def _highlight(claim: ReportClaim, depth: int, ratings: dict[str, ReportRating]) -> tuple[str, str]:
    color = claim_color(claim, ratings)
    shade = tint(color, OVERLAP_TINT if depth > 1 else HIGHLIGHT_TINT)
    return f'<span style="background-color:{shade}">', "</span>"


def _chart(bars: list[VerdictCount]) -> str:
    """Claims per verdict as table rows whose coloured cell is as wide as the share."""
    peak = max((bar.count for bar in bars), default=0) or 1
    rows = []
    for bar in bars:
        percent = max(1, round(100 * bar.count / peak)) if bar.count else 0
        # Qt ignores a percentage width on a nested table, but honours it on cells.
        filled = (
            '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
            f'<td width="{percent}%" bgcolor="{bar.color}" height="12">&nbsp;</td>'
            f'<td width="{100 - percent}%"></td></tr></table>'
            if percent
            else "&nbsp;"
        )
        rows.append(
            f'<tr><td width="28%">{escape(bar.label)}</td>'
            f'<td width="62%">{filled}</td><td width="10%" align="right">{bar.count}</td></tr>'
        )
    return f'<table width="100%" cellspacing="0" cellpadding="3">{"".join(rows)}</table>'


def _card(claim: ReportClaim, number: int, ratings: dict[str, ReportRating], page: str = "") -> str:
    color = claim_color(claim, ratings)
    badge = (
        f'<span style="background-color:{color}; color:{ink_on(color)}">'
        f"&nbsp;{escape(verdict_label(claim))}&nbsp;</span>"
    )
    state = f" · anchor {escape(claim.anchor_state)}" if claim.anchor_state != "exact" else ""
    state = (f" · {escape(page)}" if page else "") + state
    lines = [
        f"<p><b>{number}.</b> {badge} "
        f'<span class="muted">{escape(status_label(claim))}{state}</span></p>',
        # Not italic: the oblique faces of common fonts lack Arabic and Urdu letters.
        f'<p dir="{direction_of(claim.quote)}">“{escape(claim.quote)}”</p>',
    ]
    if claim.summary:
        lines.append(f'<p dir="{direction_of(claim.summary)}"><b>{escape(claim.summary)}</b></p>')
    if claim.verdict and claim.verdict.rationale:
        lines.append(paragraphs(claim.verdict.rationale, direction_of))
    if claim.verdict and (claim.verdict.rated_by or claim.verdict.rated_at):
        by = f" by {isolated(escape(claim.verdict.rated_by))}" if claim.verdict.rated_by else ""
        at = claim.verdict.rated_at
        on = f" on {escape(readable_date(at))}" if at else ""
        lines.append(f'<p class="muted">Rated{by}{on}</p>')
    if claim.claimant.name:
        lines.append(f"<p>Claimed by {claimant_text(claim, isolated)}</p>")
    if claim.sources:
        items = "".join(f"<li>{_source(source)}</li>" for source in claim.sources)
        lines.append(f"<ul>{items}</ul>")
    if claim.tags:
        tags = ", ".join(isolated(escape(tag)) for tag in claim.tags)
        lines.append(f'<p class="muted">Tags: {tags}</p>')
    # A coloured strip beside each card would need a table per card, which Qt lays out
    # several times slower than paragraphs when there are thousands; the badge carries colour.
    return f'<hr><div style="margin-top:6px">{"".join(lines)}</div>'


def _source(source: ReportClaimSource) -> str:
    text = f'<span class="{source.stance}">{source.stance.upper()}</span> '
    text += isolated(link(source.url, source.title or source.url))
    if source.publisher:
        text += f" — {isolated(escape(source.publisher))}"
    if source.title and is_web_url(source.url):
        text += f'<br><span class="muted">{escape(source.url)}</span>'
    if source.excerpt:
        text += f"<br><i>“{isolated(escape(source.excerpt))}”</i>"
    return text
