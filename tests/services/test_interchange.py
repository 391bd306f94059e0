"""Importing Web Annotations onto a project: our own export comes back span for span; foreign
annotations are placed by quote, approximately (flagged), or reported when they do not fit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.domain.model import AnchorState
from annotator.errors import AnnotatorError, ReportError
from annotator.formats.exporters.webannotation import render_webannotation
from annotator.formats.report import Report
from annotator.services.interchange import import_annotations
from annotator.services.reports import build_report, import_report
from annotator.services.workspace import Workspace
from tests.fixtures.report_fixture import fixture_report

ARTICLE = "https://news.example.com/2018/03/pakistan-russia"


def _without_claims(report: Report) -> Report:
    documents = [d.model_copy(update={"claims": []}) for d in report.documents]
    return report.model_copy(update={"documents": documents})


@pytest.fixture
def bare(tmp_path: Path) -> Any:
    """A project with the fixture's documents, scale and sources but no claims."""
    workspace = import_report(_without_claims(fixture_report()), tmp_path / "bare.factcheck")
    yield workspace
    workspace.close()


def _write(tmp_path: Path, data: Any, name: str = "annotations.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def _annotation(exact: str, **extra: Any) -> dict[str, Any]:
    selector = [{"type": "TextQuoteSelector", "exact": exact, **extra.pop("quote", {})}]
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"https://hypothes.is/a/{abs(hash(exact))}",
        "type": "Annotation",
        "target": {"source": extra.pop("source", ARTICLE + "/#section"), "selector": selector},
        **extra,
    }


def test_own_export_round_trips_span_for_span(bare: Workspace, tmp_path: Path) -> None:
    original = fixture_report()
    path = tmp_path / "export.jsonld"
    path.write_bytes(render_webannotation(original))
    summary = import_annotations(bare, path)
    claims = [c for d in original.documents for c in d.claims]
    assert (summary.placed, summary.skipped, summary.flagged) == (len(claims), 0, [])
    rebuilt = build_report(bare)
    for before, after in zip(original.documents, rebuilt.documents, strict=True):
        assert [(c.start, c.end, c.quote) for c in after.claims] == [
            (c.start, c.end, c.quote) for c in before.claims
        ]
        for old, new in zip(before.claims, after.claims, strict=True):
            assert new.summary == old.summary
            assert new.tags == old.tags
            assert new.anchor_state == "exact"
            assert [s.url for s in new.sources] == [s.url for s in old.sources]
            assert (new.verdict.rating if new.verdict else None) == (
                old.verdict.rating if old.verdict else None
            )
            assert (new.verdict.rationale if new.verdict else "") == (
                old.verdict.rationale if old.verdict else ""
            )
    again = import_annotations(bare, path)
    assert again.placed == 0, "importing the same file twice adds nothing"
    assert again.skipped == len(claims)


def _claim_fields(report: Report) -> list[tuple[Any, ...]]:
    return [
        (
            claim.quote,
            claim.summary,
            claim.status,
            claim.claimant,
            claim.claim_date,
            tuple(claim.tags),
            claim.verdict.rating if claim.verdict else None,
            [(s.url, s.stance, s.excerpt) for s in claim.sources],
        )
        for document in report.documents
        for claim in document.claims
    ]


def test_own_export_brings_back_stances_excerpts_and_claim_fields(
    bare: Workspace, tmp_path: Path
) -> None:
    """Supports, refutes and context links, an excerpt, a claimant with role and link, each
    status and a claim date survive export -> import-annotations into a fresh project."""
    original = fixture_report()
    before = _claim_fields(original)
    assert {stance for fields in before for _, stance, _ in fields[-1]} == {
        "supports",
        "refutes",
        "context",
    }
    assert {fields[2] for fields in before} == {"draft", "in-review", "done"}
    path = tmp_path / "export.jsonld"
    path.write_bytes(render_webannotation(original))
    summary = import_annotations(bare, path)
    assert (summary.skipped, summary.flagged) == (0, [])
    assert _claim_fields(build_report(bare)) == before


def test_foreign_annotations_are_placed_or_reported(bare: Workspace, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            _annotation(
                "Joint drills were codenamed ‘Friendship’",
                motivation="commenting",
                body={"type": "TextualBody", "value": "Which drills?"},
            ),
            _annotation("Trade grew by 300 percent in one single year."),
            _annotation("four Mi-35M", quote={"prefix": "provided "}, body=[
                {"type": "TextualBody", "purpose": "assessing", "value": "Pants on fire"},
                {"type": "TextualBody", "purpose": "commenting", "value": "No."},
            ]),
            _annotation("This sentence is nowhere in the article at all."),
            _annotation("Joint drills", source="https://elsewhere.example/page"),
        ],
    )  # fmt: skip
    summary = import_annotations(bare, path)
    assert summary.placed == 3
    assert summary.skipped == 2
    reasons = "\n".join(summary.flagged)
    assert "“Trade grew by 300 percent in one single year.”: placed approximately" in reasons
    assert "'Pants on fire' is not in this project's scale" in reasons
    assert "“This sentence is nowhere in the article at all.”: not found in" in reasons
    assert "no document of this project is https://elsewhere.example/page" in reasons
    claims = {c.quote: c for c in bare.claims.all()}
    drills = claims["Joint drills were codenamed ‘Friendship’"]
    assert drills.anchor_state is AnchorState.EXACT
    assert drills.notes == "Which drills?"
    fuzzy = next(c for c in claims.values() if c.quote.startswith("Trade grew"))
    assert fuzzy.anchor_state is AnchorState.FUZZY
    assert fuzzy.quote.rstrip(".") == "Trade grew by 300% in a single year"
    helicopters = claims["four Mi-35M"]
    assert helicopters.verdict is None
    assert helicopters.notes == "No."


def test_sha256_target_and_bare_position(bare: Workspace, tmp_path: Path) -> None:
    notes = fixture_report().documents[1]
    start = notes.text.index("12th time")
    annotation = {
        "type": "Annotation",
        "target": {
            "source": f"urn:sha256:{notes.sha256}",
            "selector": {"type": "TextPositionSelector", "start": start, "end": start + 9},
        },
        "body": {"type": "TextualBody", "purpose": "assessing", "value": "accurate"},
    }
    summary = import_annotations(bare, _write(tmp_path, annotation))
    assert (summary.placed, summary.flagged) == (1, [])
    (claim,) = bare.claims.all(notes.id)
    assert claim.quote == "12th time"
    assert claim.verdict is not None
    assert claim.verdict.rating == "accurate"


def test_repeated_quote_is_chosen_by_its_context(bare: Workspace, tmp_path: Path) -> None:
    text = fixture_report().documents[0].text
    assert text.count("Pakistan") > 2
    second = text.index("Pakistan", text.index("Pakistan") + 1)
    prefix = text[max(0, second - 20) : second]
    path = _write(tmp_path, _annotation("Pakistan", quote={"prefix": prefix}))
    assert import_annotations(bare, path).placed == 1
    (claim,) = bare.claims.all()
    assert claim.start == second


def test_malformed_file_changes_nothing(bare: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"type": "Annotation", "target": 9}', "utf-8")
    with pytest.raises(ReportError) as caught:
        import_annotations(bare, path)
    assert str(caught.value) == (
        "broken.json is not a Web Annotation file: annotation 1 has a target that is neither "
        "a link nor an object."
    )
    assert bare.claims.all() == []


def test_an_edited_quote_is_placed_approximately_and_flagged(
    bare: Workspace, tmp_path: Path
) -> None:
    """The re-anchoring engine is always there (a plain import, no fallback left to test):
    the edited quote lands on the passage it became, flagged for review."""
    path = _write(tmp_path, _annotation("Trade grew by 300 percent in one single year."))
    summary = import_annotations(bare, path)
    assert summary.placed == 1
    assert "placed approximately" in summary.flagged[0]
    (claim,) = bare.claims.all()
    assert claim.anchor_state is AnchorState.FUZZY
    assert "Trade grew by 300%" in claim.quote


def test_a_failing_import_stores_nothing(tmp_path: Path, sample_workspace: Workspace) -> None:
    """One annotation that cannot be stored stops the import and leaves the project as it was."""
    import json

    document = sample_workspace.documents.all()[0]
    text = sample_workspace.documents.get(document.id).text
    source = f"urn:sha256:{sample_workspace.documents.get(document.id).sha256}"

    def annotation(quote: str, rationale: str) -> dict[str, object]:
        start = text.index(quote)
        return {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": f"urn:uuid:00000000-0000-0000-0000-00000000000{len(rationale) % 10}",
            "type": "Annotation",
            "body": [
                {"type": "TextualBody", "purpose": "assessing", "value": "True"},
                {"type": "TextualBody", "purpose": "commenting", "value": rationale},
            ],
            "target": {
                "source": source,
                "selector": [
                    {"type": "TextQuoteSelector", "exact": quote},
                    {"type": "TextPositionSelector", "start": start, "end": start + len(quote)},
                ],
            },
        }

    items = [annotation("Islamabad", "fine"), annotation("Sergey Ryabkov", "x" * 100_001)]
    path = tmp_path / "annotations.jsonld"
    path.write_text(json.dumps(items), encoding="utf-8")
    with pytest.raises(AnnotatorError, match="rationale is 100,001 characters long"):
        import_annotations(sample_workspace, path)
    assert sample_workspace.claims.all() == []
