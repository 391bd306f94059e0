"""The claims as a spreadsheet: one CSV row per claim, for Excel, LibreOffice and pandas.

RFC 4180 (``\\r\\n`` line ends, minimal quoting by the csv module) in UTF-8 with a byte-order
mark, without which Excel reads UTF-8 as the local code page. Cells holding untrusted text that
starts like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) get a leading apostrophe,
the OWASP advice against CSV injection: spreadsheets show the text instead of running it.
"""

from __future__ import annotations

import csv
import io

from annotator.formats.report import Report, ReportClaim, ReportDocument

COLUMNS = (
    "document",
    "claim_id",
    "start",
    "end",
    "quote",
    "summary",
    "status",
    "tags",
    "claimant",
    "verdict",
    "verdict_label",
    "rationale",
    "rated_by",
    "rated_at",
    "sources",
    "anchor_state",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_csv(report: Report) -> bytes:
    """One header row, then one row per claim in document order."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for document in report.documents:
        writer.writerows(_row(document, claim) for claim in document.claims)
    return buffer.getvalue().encode("utf-8-sig")


def defuse(value: str) -> str:
    """``value`` made safe to open in a spreadsheet (see the module docstring)."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _row(document: ReportDocument, claim: ReportClaim) -> list[str | int]:
    verdict = claim.verdict
    claimant = ", ".join(x for x in (claim.claimant.name, claim.claimant.role) if x)
    sources = "; ".join(f"{source.url} ({source.stance})" for source in claim.sources)
    text = [
        document.title,
        claim.id,
        claim.quote,
        claim.summary,
        claim.status,
        "; ".join(claim.tags),
        claimant,
        verdict.rating if verdict else "",
        verdict.label if verdict else "",
        verdict.rationale if verdict else "",
        verdict.rated_by if verdict else "",
        verdict.rated_at if verdict else "",
        sources,
        claim.anchor_state,
    ]
    safe = [defuse(value) for value in text]
    return [*safe[:2], claim.start, claim.end, *safe[2:]]
