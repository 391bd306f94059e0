"""The report as Markdown: a summary table of verdicts, then every document's claims with quote,
verdict, rationale, claimant and sources.

It reads as plain text and renders on GitHub, GitLab or any CommonMark viewer. Quoted article
text is untrusted, so Markdown syntax in it is escaped (a quote holding ``*`` or ``[x](y)`` shows
those characters) and only http(s) links are written, with their address percent-encoded
inside ``<...>`` so that it cannot end the link early.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from annotator.domain.web import is_web_url
from annotator.formats.exporters.report_parts import (
    claim_pages,
    claim_total,
    claimant_line,
    first_sentence,
    numbered_claims,
    project_byline,
    public_origin,
    readable_date,
    status_label,
    verdict_counts,
    verdict_label,
)
from annotator.formats.report import Report, ReportClaim, ReportClaimSource, ReportDocument

# Characters that are Markdown syntax anywhere in a line (GFM tables and strikethrough too).
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# An entity reference would be decoded by the renderer ("&amp;" would show as "&").
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What turns a line into a heading, quote, list item, rule or setext underline.
_LINE_START = re.compile(r"^(\s*)([#>+-]|=+\s*$|\d+[.)])")


def escape_markdown(text: str) -> str:
    """``text`` with Markdown syntax escaped; line starts included."""
    lines = []
    for line in text.split("\n"):
        line = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line))
        lines.append(_LINE_START.sub(_escape_line_start, line))
    return "\n".join(lines)


def _escape_line_start(found: re.Match[str]) -> str:
    marker = found.group(2)
    if marker[0].isdigit():
        return found.group(1) + marker[:-1] + "\\" + marker[-1]
    return found.group(1) + "\\" + marker


def md_link(url: str, text: str) -> str:
    """A Markdown link when ``url`` is http(s), else the escaped text alone."""
    if not is_web_url(url):
        return escape_markdown(text)
    target = quote(url.strip(), safe="/:?#[]@!$&'*+,;=%~-._")
    return f"[{escape_markdown(text)}](<{target}>)"


def render_markdown(report: Report) -> bytes:
    """The report as UTF-8 Markdown with a final newline."""
    byline = project_byline(report, escape_markdown, md_link)
    lines = [f"# {escape_markdown(report.project.title)}", "", byline, ""]
    lines.extend(_summary(report))
    current: ReportDocument | None = None
    pages = claim_pages(report)
    for number, document, claim in numbered_claims(report):
        if document is not current:
            lines.extend(_document_heading(document))
            current = document
        lines.extend(_claim(number, claim, pages.get(claim.id, "")))
    for document in report.documents:
        if not document.claims:
            lines.extend([*_document_heading(document), "No claims.", ""])
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


def _summary(report: Report) -> list[str]:
    lines = ["## Summary", "", "| Verdict | Claims |", "| --- | ---: |"]
    lines.extend(
        f"| {escape_markdown(bar.label)} | {bar.count} |" for bar in verdict_counts(report)
    )
    lines.extend([f"| **Total** | {claim_total(report)} |", ""])
    return lines


def _document_heading(document: ReportDocument) -> list[str]:
    meta = [
        escape_markdown(x)
        for x in (document.author, document.publisher, readable_date(document.published))
        if x
    ]
    if origin := public_origin(document.origin):
        meta.append(md_link(origin, origin))
    lines = [f"## {escape_markdown(document.title)}", ""]
    if meta:
        lines.extend([" · ".join(meta), ""])
    return lines


def _claim(number: int, claim: ReportClaim, page: str = "") -> list[str]:
    title = claim.summary or first_sentence(claim.quote, 120)
    lines = [f"### {number}. {escape_markdown(verdict_label(claim))}: {escape_markdown(title)}", ""]
    lines.extend("> " + line for line in escape_markdown(claim.quote).split("\n"))
    lines.append("")
    facts = [f"**Status:** {status_label(claim)}"]
    if page:
        facts.append(f"**Page:** {page}")
    if claim.anchor_state != "exact":
        facts.append(f"**Anchor:** {claim.anchor_state}")
    if claim.verdict:
        by, at = claim.verdict.rated_by, claim.verdict.rated_at
        rated = (f" by {escape_markdown(by)}" if by else "") + (
            f" on {readable_date(at)}" if at else ""
        )
        facts.append(f"**Rated**{rated}" if rated else "")
    if claim.tags:
        facts.append("**Tags:** " + ", ".join(escape_markdown(tag) for tag in claim.tags))
    lines.extend([" · ".join(fact for fact in facts if fact), ""])
    if claim.verdict and claim.verdict.rationale:
        paragraphs = [p for p in claim.verdict.rationale.split("\n") if p.strip()]
        lines.extend(line for p in paragraphs for line in (escape_markdown(p), ""))
    if claim.claimant.name:
        lines.extend([f"**Claimed by:** {claimant_line(claim, escape_markdown, md_link)}", ""])
    if claim.sources:
        lines.extend(["**Sources:**", ""])
        lines.extend(f"- {_source(source)}" for source in claim.sources)
        lines.append("")
    return lines


def _source(source: ReportClaimSource) -> str:
    text = f"*{source.stance}*: {md_link(source.url, source.title or source.url)}"
    if source.publisher:
        text += f" — {escape_markdown(source.publisher)}"
    if source.excerpt:
        text += f" “{escape_markdown(' '.join(source.excerpt.split()))}”"
    return text
