"""W3C Web Annotation export: an AnnotationCollection with one Annotation per claim.

Annotation tools (Hypothesis, Recogito, IIIF viewers) read this model. Each claim becomes an
annotation targeting its document, selected both by quote (TextQuoteSelector, which survives
edits) and by position (TextPositionSelector, code points, exact); its verdict, rationale,
summary, tags and sources become bodies with W3C purposes. A document without a web address is
identified by ``urn:sha256:`` of its text, which is what ``annotator.formats.webanno_import``
matches on when the file comes back.

What the W3C vocabulary has no word for is carried as the model's section on extensions asks
(properties a consumer must ignore if it does not know them, never a changed W3C term):

- each source is a ``linking`` SpecificResource body; its excerpt is a TextQuoteSelector on
  the source (the body is that passage of the cited page, in W3C terms), and its stance is
  ``annotator:stance`` ("supports", "refutes" or "context"), a term of Annotator's namespace,
  declared in an extra ``@context`` object beside anno.jsonld (only when a source is cited);
  a web archive's copy of the source, when the checker recorded one, is the body's W3C
  ``TimeState`` (``cached``, and ``sourceDate`` when it was captured);
- the claim's status is ``schema:creativeWorkStatus``, and who made the claim and when is
  ``schema:itemReviewed``, a ``schema:Claim`` with ``schema:author`` and
  ``schema:datePublished``, as in ClaimReview. anno.jsonld already declares the ``schema:``
  prefix, and the model recommends using it rather than a new context.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from annotator.domain.web import is_web_url
from annotator.formats.exporters.claimreview import claimant_kind
from annotator.formats.exporters.report_parts import archived_copies, is_iso_datetime
from annotator.formats.report import Report, ReportClaim, ReportClaimant, ReportDocument

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = "https://w3id.org/annotator/ns#"
"""Annotator's own terms (``stance``, ``anchorState``); declared as the ``annotator:`` prefix."""
EXTENSION_CONTEXT = {"annotator": NAMESPACE}
STANCE = "annotator:stance"
ANCHOR_STATE = "annotator:anchorState"
"""A claim flagged for review ("fuzzy": placed approximately; "orphaned": its passage is gone),
so that the flag survives a round trip."""
REVIEW_STATES = ("fuzzy", "orphaned")
STATUS = "schema:creativeWorkStatus"
ITEM_REVIEWED = "schema:itemReviewed"
# Ids that are not UUIDs are turned into stable ones in this namespace.
_ID_NAMESPACE = uuid.UUID("5b0e8d2a-6f1c-4d8e-9a37-0c2f4e6b8d19")


def render_webannotation(report: Report) -> bytes:
    """The report's claims as one JSON-LD AnnotationCollection (UTF-8, final newline)."""
    archived = archived_copies(report)
    items = [
        annotation(document, claim, archived)
        for document in report.documents
        for claim in document.claims
    ]
    cites = any(
        claim.sources or claim.anchor_state in REVIEW_STATES
        for document in report.documents
        for claim in document.claims
    )
    identity = collection_id(report)
    collection = {
        "@context": [CONTEXT, EXTENSION_CONTEXT] if cites else CONTEXT,
        "id": identity,
        "type": "AnnotationCollection",
        "label": report.project.title,
        "total": len(items),
        "first": {
            "id": urn_uuid(f"page:1:{identity}"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
    return json.dumps(collection, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def collection_id(report: Report) -> str:
    """The same id for every export of the same project: derived from its title and the ids
    of its documents (random UUIDs given on import), not from the export time or where the
    project file lies. Renaming the project or adding or removing a document changes it."""
    documents = "\n".join(sorted(document.id for document in report.documents))
    return urn_uuid(f"collection:{report.project.title}\n{documents}")


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


def annotation(
    document: ReportDocument,
    claim: ReportClaim,
    archived: Mapping[str, tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """One claim as a W3C Annotation (without ``@context``: the collection carries it).
    ``archived`` gives a web archive's copy of cited sources (``report_parts.archived_copies``)."""
    bodies = _bodies(claim, archived or {})
    result: dict[str, Any] = {"id": urn_uuid(claim.id), "type": "Annotation"}
    result["motivation"] = _motivation(claim, bodies)
    for name, value in (("created", claim.created_at), ("modified", claim.updated_at)):
        # The model requires xsd:dateTime; a bare or unknown date is better left out.
        if value and is_iso_datetime(value):
            result[name] = value
    result[STATUS] = claim.status
    if claim.anchor_state in REVIEW_STATES:
        result[ANCHOR_STATE] = claim.anchor_state
    reviewed = _reviewed_claim(claim)
    if reviewed:
        result[ITEM_REVIEWED] = reviewed
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


def _bodies(claim: ReportClaim, archived: Mapping[str, tuple[str, str]]) -> list[dict[str, Any]]:
    bodies: list[dict[str, Any]] = []
    if claim.verdict is not None:
        bodies.append(_text_body(claim.verdict.label, "assessing"))
        if claim.verdict.rationale:
            bodies.append(_text_body(claim.verdict.rationale, "commenting"))
    if claim.summary:
        bodies.append(_text_body(claim.summary, "describing"))
    bodies.extend(_text_body(tag, "tagging") for tag in claim.tags)
    for source in claim.sources:
        if not is_web_url(source.url):
            continue
        link: dict[str, Any] = {"type": "SpecificResource", "purpose": "linking"}
        link["source"] = source.url
        if source.excerpt.strip():
            link["selector"] = {"type": "TextQuoteSelector", "exact": source.excerpt}
        if source.id in archived and is_web_url(archived[source.id][0]):
            link["state"] = _archived_state(*archived[source.id])
        link[STANCE] = source.stance
        bodies.append(link)
    return bodies


def _archived_state(url: str, captured_at: str) -> dict[str, Any]:
    """A W3C TimeState: the source as it was, cached at a web archive's address."""
    state: dict[str, Any] = {"type": "TimeState", "cached": url}
    if is_iso_datetime(captured_at):
        state["sourceDate"] = captured_at
    return state


def _reviewed_claim(claim: ReportClaim) -> dict[str, Any]:
    """Who made the claim and when, as a schema.org Claim (empty when neither is known)."""
    node: dict[str, Any] = {}
    author = _claimant(claim.claimant)
    if author:
        node["schema:author"] = author
    if claim.claim_date:
        node["schema:datePublished"] = claim.claim_date
    return {"type": "schema:Claim", **node} if node else {}


def _claimant(claimant: ReportClaimant) -> dict[str, Any]:
    if not (claimant.name or claimant.role or claimant.url):
        return {}
    kind = claimant_kind(claimant.name, claimant.role)
    # schema.org gives a Person a jobTitle; an organisation's kind is its description.
    role = "schema:jobTitle" if kind == "Person" else "schema:description"
    fields = (("schema:name", claimant.name), (role, claimant.role), ("schema:url", claimant.url))
    return {"type": f"schema:{kind}", **{key: value for key, value in fields if value}}


def _text_body(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}
