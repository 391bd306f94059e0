"""The set-based paths (issue 10) give exactly what the object-by-object paths gave: claims
read in two queries, statistics aggregated in SQL, one-statement verdicts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from annotator.domain.model import ClaimStatus
from annotator.errors import NotFoundError
from annotator.services import Workspace
from annotator.services.reports import import_report
from annotator.storage.rows import ClaimRow, to_claim
from tests.fixtures.report_fixture import fixture_report


@pytest.fixture
def imported(tmp_path: Path) -> Workspace:
    workspace = import_report(fixture_report(), tmp_path / "fixture.factcheck")
    yield workspace
    workspace.close()


def _orm_claims(workspace: Workspace) -> dict[str, object]:
    with workspace.database.session() as session:
        return {row.id: to_claim(row) for row in session.scalars(select(ClaimRow))}


def test_claims_read_in_bulk_equal_the_orm_snapshots(imported: Workspace) -> None:
    expected = _orm_claims(imported)
    claims = imported.claims.all()
    assert {c.id: c for c in claims} == expected
    assert any(c.sources for c in claims)
    assert any(c.tags for c in claims)
    assert any(c.claimant.name for c in claims)
    assert any(c.verdict for c in claims)
    # Article order: by document, then position.
    positions = {d.id: n for n, d in enumerate(imported.documents.all())}
    keys = [(positions[c.document_id], c.start, c.end, c.id) for c in claims]
    assert keys == sorted(keys)
    for document in imported.documents.all():
        assert imported.claims.all(document.id) == [
            c for c in claims if c.document_id == document.id
        ]
    for claim in claims:
        assert imported.claims.get(claim.id) == expected[claim.id]


def test_get_of_an_unknown_claim_says_so(imported: Workspace) -> None:
    with pytest.raises(NotFoundError, match="no claim with id 'nope'"):
        imported.claims.get("nope")


def test_statistics_in_sql_equal_counting_in_python(imported: Workspace) -> None:
    claims = imported.claims.all()
    some = claims[0]
    imported.claims.set_anchor_state(some.id, "fuzzy")  # type: ignore[arg-type]
    imported.claims.clear_verdict(claims[1].id)
    claims = imported.claims.all()
    stats = imported.project.statistics()
    ratings = Counter(c.rating_key for c in claims if c.rating_key)
    statuses = Counter(c.status.value for c in claims)
    scale = imported.project.info().scale
    assert stats.claims == len(claims)
    assert stats.documents == len(imported.documents.all())
    assert stats.sources == len(imported.sources.all())
    assert stats.by_rating == tuple((r.key, ratings.get(r.key, 0)) for r in scale)
    assert stats.unrated == sum(1 for c in claims if c.verdict is None) >= 1
    assert stats.by_status == tuple((s.value, statuses.get(s.value, 0)) for s in ClaimStatus)
    assert stats.needs_review == sum(1 for c in claims if c.anchor_state.needs_review) >= 1
    assert imported.project.claim_counts() == (stats.claims, stats.claims - stats.unrated)


def test_statistics_of_an_empty_project(workspace: Workspace) -> None:
    stats = workspace.project.statistics()
    assert (stats.claims, stats.unrated, stats.needs_review) == (0, 0, 0)
    assert all(count == 0 for _, count in stats.by_rating)
    assert workspace.project.claim_counts() == (0, 0)


def test_set_verdict_stores_every_field_and_keeps_the_rest(imported: Workspace) -> None:
    imported.project.set_checker("Ana Checker")
    first, second = (r.key for r in imported.project.info().scale[:2])
    claim = next(c for c in imported.claims.all() if c.sources)
    rated = imported.claims.set_verdict(claim.id, first, "  Wrong year.  ")
    assert rated.verdict
    assert (rated.verdict.rating, rated.verdict.rationale) == (first, "Wrong year.")
    assert rated.verdict.rated_by == "Ana Checker"
    assert rated.updated_at == rated.verdict.rated_at
    assert (rated.sources, rated.anchor) == (claim.sources, claim.anchor)
    assert imported.claims.get(claim.id) == rated
    signed = imported.claims.set_verdict(claim.id, second, rated_by="Someone Else")
    assert signed.verdict
    assert signed.verdict.rated_by == "Someone Else"


def test_set_verdict_refuses_an_unknown_claim_or_rating(imported: Workspace) -> None:
    claim = imported.claims.all()[0]
    key = imported.project.info().scale[0].key
    with pytest.raises(NotFoundError, match="no claim with id 'nope'"):
        imported.claims.set_verdict("nope", key)
    with pytest.raises(NotFoundError, match=r"'maybe' is not a rating .* use one of: "):
        imported.claims.set_verdict(claim.id, "maybe")
    assert imported.claims.get(claim.id) == claim


def test_bulk_import_and_export_round_trip(imported: Workspace, tmp_path: Path) -> None:
    from annotator.formats.report import report_json
    from annotator.services.reports import build_report, parse_report

    first = report_json(build_report(imported, "2026-01-01T00:00:00Z"))
    copy = import_report(parse_report(first, "r.json"), tmp_path / "copy.factcheck")
    with copy:
        assert copy.claims.all() == imported.claims.all()
        second = report_json(build_report(copy, "2026-01-01T00:00:00Z"))
    assert first == second


def test_bulk_import_stores_sources_cited_only_in_claims(tmp_path: Path) -> None:
    report = fixture_report()
    cited = {link.id for d in report.documents for c in d.claims for link in c.sources}
    older = report.model_copy(update={"sources": []})  # reports once listed no sources
    with import_report(older, tmp_path / "older.factcheck") as workspace:
        assert {s.id for s in workspace.sources.all()} == cited
        claims = workspace.claims.all()
    expected = {c.id: [link.id for link in c.sources] for d in report.documents for c in d.claims}
    assert {c.id: [link.source.id for link in c.sources] for c in claims} == expected
