"""D11: the Web Annotation round trip keeps the review state. FUZZY and ORPHANED claims come
back with their flag (they used to come back EXACT), and an orphan whose quote occurs many
times is never placed silently."""

from __future__ import annotations

from pathlib import Path

from annotator.domain.model import AnchorState
from annotator.formats.exporters.webannotation import render_webannotation
from annotator.formats.importers import import_pasted_text
from annotator.services import Workspace
from annotator.services.interchange import import_annotations
from annotator.services.reports import build_report

TEXT = "\n".join(
    f"Paragraph {n}: the minister said the roads were rebuilt, and the budget grew."
    for n in range(1, 52)
)


def test_fuzzy_and_orphaned_claims_keep_their_flag_through_web_annotations(
    tmp_path: Path,
) -> None:
    with Workspace.create(tmp_path / "first.factcheck") as first:
        document = first.documents.add(import_pasted_text(TEXT, "Roads"))
        first.claims.add_by_quote(document.id, "Paragraph 3: the minister")
        fuzzy = first.claims.add_by_quote(document.id, "the budget grew", occurrence=7)
        orphan = first.claims.add_by_quote(document.id, "the roads were rebuilt", occurrence=40)
        first.claims.set_anchor_state(fuzzy.id, AnchorState.FUZZY)
        first.claims.set_anchor_state(orphan.id, AnchorState.ORPHANED)
        exported = tmp_path / "claims.jsonld"
        exported.write_bytes(render_webannotation(build_report(first)))
    with Workspace.create(tmp_path / "second.factcheck") as second:
        second.documents.add(import_pasted_text(TEXT, "Roads"))
        summary = import_annotations(second, exported)
        claims = {claim.quote: claim for claim in second.claims.all()}
    assert summary.placed == 3
    assert claims["Paragraph 3: the minister"].anchor_state is AnchorState.EXACT
    assert claims["the budget grew"].anchor_state is AnchorState.FUZZY
    assert claims["the roads were rebuilt"].anchor_state is AnchorState.ORPHANED
    assert sorted(summary.flagged) == [
        "“the budget grew”: was flagged for review in the exported project (placed "
        "approximately there) and still is: check it",
        "“the roads were rebuilt”: its passage had been lost (orphaned) in the exported "
        "project; placed where its quote occurs in “Roads” and still flagged: check it",
    ]
