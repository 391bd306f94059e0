"""Image placeholders are no claimable text, and a claim in a paged source is cited with its
page(s) in every report; both survive the native report's round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.domain.body import Block, BlockKind, body_text
from annotator.errors import AnchorError
from annotator.formats.importers.base import ImportedDocument
from annotator.formats.report import report_json
from annotator.services import Workspace
from annotator.services.exports import export_bytes
from annotator.services.reports import build_report, import_report, parse_report

BLOCKS = (
    Block(BlockKind.PARAGRAPH, "The talks resumed on Friday.", page=1),
    Block(
        BlockKind.FIGURE,
        "Delegates in Islamabad (Photo: Wire)",
        alt="Two delegations",
        caption="Delegates in Islamabad",
        credit="Photo: Wire",
        page=1,
    ),
    Block(BlockKind.PARAGRAPH, "Both sides will meet in March, officials said.", page=1),
    Block(BlockKind.PARAGRAPH, "Trade grew by 300% in a year.", page=2, page_breaks=(10,)),
)
TEXT = body_text(BLOCKS)


def _document(workspace: Workspace) -> str:
    imported = ImportedDocument(blocks=BLOCKS, format="pdf", original=b"%PDF", title="Talks")
    return workspace.documents.add(imported).id


def test_a_caption_or_credit_cannot_be_marked_as_a_claim(workspace: Workspace) -> None:
    document = _document(workspace)
    message = (
        "The selection takes in an image's caption or credit, which is not the article's "
        "text; select only words of the article."
    )
    for quote in ("Delegates in Islamabad", "Photo: Wire", "Friday.\nDelegates"):
        with pytest.raises(AnchorError) as error:
            workspace.claims.add_by_quote(document, quote)
        assert str(error.value) == message
    claim = workspace.claims.add_by_quote(document, "Both sides will meet in March")
    start = TEXT.index("Delegates")
    with pytest.raises(AnchorError):
        workspace.claims.move(claim.id, start, start + 9)
    assert workspace.claims.get(claim.id).quote == "Both sides will meet in March"


def test_reports_cite_each_claim_s_pages(workspace: Workspace) -> None:
    document = _document(workspace)
    workspace.claims.add_by_quote(document, "The talks resumed")
    workspace.claims.add_by_quote(document, "Trade grew by 300%")
    markdown = export_bytes(workspace, "markdown").decode()
    assert "**Page:** p. 1" in markdown
    assert "**Page:** pp. 2–3" in markdown
    csv = export_bytes(workspace, "csv").decode("utf-8-sig").splitlines()
    assert csv[0].endswith(",pages")
    assert [row.rsplit(",", 1)[1] for row in csv[1:]] == ["p. 1", "pp. 2–3"]
    html = export_bytes(workspace, "html").decode()
    assert '<span class="page">pp. 2–3</span>' in html
    assert '<p class="figure"' in html
    assert "Image: Two delegations" in html


def test_figures_and_pages_survive_the_native_report(workspace: Workspace, tmp_path: Path) -> None:
    document = _document(workspace)
    workspace.claims.add_by_quote(document, "Trade grew")
    first = report_json(build_report(workspace, "2026-12-04T10:00:00Z"))
    with import_report(parse_report(first, "r.json"), tmp_path / "copy.factcheck") as copy:
        assert copy.documents.get(document).blocks == BLOCKS
        assert report_json(build_report(copy, "2026-12-04T10:00:00Z")) == first
