"""The claims as a spreadsheet: one CSV row per claim, for Excel, LibreOffice and pandas.

A row holds the claim's number, the claim with its document (title and id), claimant (name,
role, link), date, verdict, anchor state and its page(s) in a paged source (PDF). Its sources
share one cell, one line each, readable as they are:
``refutes: SIPRI Arms Transfers Database — SIPRI <https://www.sipri.org/…> “excerpt”``.

RFC 4180 (``\\r\\n`` line ends, minimal quoting by the csv module) in UTF-8 with a byte-order
mark, without which Excel reads UTF-8 as the local code page. Cells holding untrusted text that
starts like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) get a leading apostrophe,
the OWASP advice against CSV injection: spreadsheets show the text instead of running it.
"""

from __future__ import annotations

import csv
import io

from annotator.formats.exporters.report_parts import claim_pages
from annotator.formats.report import (
    Report,
    ReportClaim,
    ReportClaimSource,
    ReportDocument,
    claim_numbers,
)

COLUMNS = (
    "number",
    "document",
    "document_id",
    "claim_id",
    "start",
    "end",
    "quote",
    "summary",
    "status",
    "tags",
    "claimant",
    "claimant_url",
    "claim_date",
    "verdict",
    "verdict_label",
    "rationale",
    "rated_by",
    "rated_at",
    "sources",
    "anchor_state",
    "pages",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_csv(report: Report) -> bytes:
    """One header row, then one row per claim in document order."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    numbers, pages = claim_numbers(report), claim_pages(report)
    for document in report.documents:
        writer.writerows(
            [numbers[claim.id], *_row(document, claim), pages.get(claim.id, "")]
            for claim in document.claims
        )
    return buffer.getvalue().encode("utf-8-sig")


def defuse(value: str) -> str:
    """``value`` made safe to open in a spreadsheet (see the module docstring)."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def source_line(source: ReportClaimSource) -> str:
    """One cited source on one line: ``stance: title — publisher <url> “excerpt”``, leaving
    out what is empty; line breaks inside a field become spaces."""
    title, publisher, excerpt = (
        _one_line(x) for x in (source.title, source.publisher, source.excerpt)
    )
    named = " — ".join(x for x in (title, publisher) if x)
    parts = [f"{source.stance}:", named, f"<{_one_line(source.url)}>"]
    if excerpt:
        parts.append(f"“{excerpt}”")
    return " ".join(x for x in parts if x)


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _row(document: ReportDocument, claim: ReportClaim) -> list[str | int]:
    verdict = claim.verdict
    claimant = ", ".join(x for x in (claim.claimant.name, claim.claimant.role) if x)
    sources = "\n".join(source_line(source) for source in claim.sources)
    before = [document.title, document.id, claim.id]
    after = [
        claim.quote,
        claim.summary,
        claim.status,
        "; ".join(claim.tags),
        claimant,
        claim.claimant.url,
        claim.claim_date,
        verdict.rating if verdict else "",
        verdict.label if verdict else "",
        verdict.rationale if verdict else "",
        verdict.rated_by if verdict else "",
        verdict.rated_at if verdict else "",
        sources,
        claim.anchor_state,
    ]
    return [*map(defuse, before), claim.start, claim.end, *map(defuse, after)]
