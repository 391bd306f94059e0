"""W3C Web Annotation export: an AnnotationCollection with one Annotation per claim.

Annotation tools (Hypothesis, Recogito, IIIF viewers) read this model. Each claim becomes an
annotation targeting its document, selected both by quote (TextQuoteSelector, which survives
edits) and by position (TextPositionSelector, code points, exact); its verdict, rationale,
summary, tags and sources become bodies with W3C purposes. A document without a web address is
identified by ``urn:sha256:`` of its text, which is what ``annotator.formats.webanno_import``
matches on when the file comes back.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from annotator.formats.exporters.report_parts import is_iso_datetime, is_web_url
from annotator.formats.report import Report, ReportClaim, ReportDocument

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Ids that are not UUIDs are turned into stable ones in this namespace.
_ID_NAMESPACE = uuid.UUID("5b0e8d2a-6f1c-4d8e-9a37-0c2f4e6b8d19")


def render_webannotation(report: Report) -> bytes:
    """The report's claims as one JSON-LD AnnotationCollection (UTF-8, final newline)."""
    items = [
        annotation(document, claim) for document in report.documents for claim in document.claims
    ]
    collection = {
        "@context": CONTEXT,
        "id": urn_uuid(f"collection:{report.project.title}:{report.exported_at}"),
        "type": "AnnotationCollection",
        "label": report.project.title,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(collection, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def urn_uuid(value: str) -> str:
    """``urn:uuid:`` of ``value`` when it is a UUID, else of a stable UUID derived from it."""
    try:
        return uuid.UUID(value).urn
    except ValueError:
        return uuid.uuid5(_ID_NAMESPACE, value).urn


def target_source(document: ReportDocument) -> str:
    """The document's web address, or ``urn:sha256:`` of its text when it has none."""
    origin = document.origin.strip()
    return origin if is_web_url(origin) else f"urn:sha256:{document.sha256}"


def annotation(document: ReportDocument, claim: ReportClaim) -> dict[str, Any]:
    """One claim as a W3C Annotation (without ``@context``: the collection carries it)."""
    bodies = _bodies(claim)
    result: dict[str, Any] = {"id": urn_uuid(claim.id), "type": "Annotation"}
    result["motivation"] = _motivation(claim, bodies)
    for name, value in (("created", claim.created_at), ("modified", claim.updated_at)):
        # The model requires xsd:dateTime; a bare or unknown date is better left out.
        if value and is_iso_datetime(value):
            result[name] = value
    if bodies:
        result["body"] = bodies
    selectors: list[dict[str, object]] = [
        {
            "type": "TextQuoteSelector",
            "exact": claim.quote,
            "prefix": claim.prefix,
            "suffix": claim.suffix,
        }
    ]
    # An orphaned claim's offsets belong to an earlier revision: its quote alone is honest.
    if claim.anchor_state != "orphaned":
        selectors.append({"type": "TextPositionSelector", "start": claim.start, "end": claim.end})
    result["target"] = {"source": target_source(document), "selector": selectors}
    return result


def _motivation(claim: ReportClaim, bodies: list[dict[str, Any]]) -> str:
    if claim.verdict is not None:
        return "assessing"
    return "commenting" if bodies else "highlighting"


def _bodies(claim: ReportClaim) -> list[dict[str, Any]]:
    bodies: list[dict[str, Any]] = []
    if claim.verdict is not None:
        bodies.append(_text_body(claim.verdict.label, "assessing"))
        if claim.verdict.rationale:
            bodies.append(_text_body(claim.verdict.rationale, "commenting"))
    if claim.summary:
        bodies.append(_text_body(claim.summary, "describing"))
    bodies.extend(_text_body(tag, "tagging") for tag in claim.tags)
    bodies.extend(
        {"type": "SpecificResource", "purpose": "linking", "source": source.url}
        for source in claim.sources
        if is_web_url(source.url)
    )
    return bodies


def _text_body(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}
