"""Searching every claim of a project: quote, summary, rationale, notes, claimant, tags and
source titles, by word starts, across articles or in one, kept current as claims change."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from sqlalchemy import create_engine

from annotator.domain.model import Claimant, ClaimEdit, Source, Stance
from annotator.formats.importers.text import import_pasted_text
from annotator.services import Workspace
from annotator.services.reports import build_report, import_report
from annotator.services.search import fts_query
from annotator.storage import migrate


def _ids(workspace: Workspace, typed: str, document: str | None = None) -> set[str]:
    return {claim.id for claim in workspace.search.claims(typed, document)}


def test_search_finds_claims_in_every_article_by_any_of_their_fields(
    workspace: Workspace,
) -> None:
    first = workspace.documents.add(import_pasted_text("One\nRussia sold Mi-35M helicopters.", "A"))
    second = workspace.documents.add(import_pasted_text("Two\nTrade grew by 300 percent.", "B"))
    heli = workspace.claims.add_by_quote(first.id, "Russia sold Mi-35M helicopters")
    trade = workspace.claims.add_by_quote(
        second.id,
        "Trade grew",
        edit=ClaimEdit(
            summary="Bilateral trade",
            tags=("économie",),
            notes="Ask the ministry",
            claimant=Claimant("Finance Minister", "spokesperson"),
        ),
    )
    workspace.claims.set_verdict(trade.id, "false", "Customs data disagree")
    assert _ids(workspace, "mi-35") == {heli.id}
    assert _ids(workspace, "mi-35", second.id) == set()
    assert _ids(workspace, "") == {heli.id, trade.id}
    for typed in ("bilateral", "economie", "ministry", "finance spokes", "customs"):
        assert _ids(workspace, typed) == {trade.id}, typed
    assert _ids(workspace, "customs russia") == set(), "every word must match"
    workspace.sources.cite(
        heli.id, Source("", "https://sipri.org/x", "SIPRI arms database"), Stance.REFUTES
    )
    assert _ids(workspace, "sipri") == {heli.id}
    [link] = workspace.claims.get(heli.id).sources
    workspace.sources.update(replace(link.source, title="Arms transfers register"))
    assert _ids(workspace, "sipri") == set()
    assert _ids(workspace, "register") == {heli.id}
    workspace.claims.update(heli.id, ClaimEdit(summary="Helicopter deliveries"))
    assert _ids(workspace, "deliveries") == {heli.id}
    workspace.claims.delete(heli.id)
    assert _ids(workspace, "deliveries") == set()
    assert _ids(workspace, 'NEAR("x" "y") OR *') == set(), "FTS syntax is only searched for"
    assert fts_query('Mi-35 "NEAR"') == '"Mi"* "35"* "NEAR"*'


def test_an_upgraded_project_is_searchable(project_path: Path) -> None:
    text = "Some old text."
    sha = hashlib.sha256(text.encode()).hexdigest()
    engine = create_engine(f"sqlite:///{project_path}")
    with engine.begin() as connection:
        migrate.upgrade(connection, "0005")
        connection.exec_driver_sql("INSERT INTO project (id, title) VALUES (1, 'Old')")
        connection.exec_driver_sql(
            "INSERT INTO documents (id, position, title, author, publisher, published, origin, "
            "format, lang, direction, text, body, original, sha256, created_at) VALUES "
            f"('d1', 0, 'Doc', '', '', '', '', 'text', '', 'ltr', '{text}', '[]', x'00', "
            f"'{sha}', '2025-01-01')"
        )
        connection.exec_driver_sql(
            "INSERT INTO claims (id, number, document_id, start, end, quote, prefix, suffix, "
            "summary, status, tags, notes, claimant_name, claimant_role, claimant_url, "
            "claim_date, rationale, rated_by, rated_at, created_at, updated_at) VALUES "
            "('c1', 1, 'd1', 5, 8, 'old', '', '', 'An ancient claim', 'draft', '[]', '', '', "
            "'', '', '', '', '', '', '2025', '2025')"
        )
    engine.dispose()
    with Workspace.open(project_path) as workspace:
        assert _ids(workspace, "ancient") == {"c1"}


def test_the_claims_of_an_imported_report_are_searchable(
    workspace: Workspace, tmp_path: Path
) -> None:
    """A report is imported with bulk INSERTs (executemany): the index is filled all the same."""
    document = workspace.documents.add(
        import_pasted_text("One\nRussia sold Mi-35M helicopters.", "A")
    )
    heli = workspace.claims.add_by_quote(
        document.id, "Russia sold Mi-35M helicopters", edit=ClaimEdit(tags=("arms",))
    )
    workspace.claims.set_verdict(heli.id, "false", "Customs data disagree")
    workspace.sources.cite(
        heli.id, Source("", "https://sipri.org/x", "SIPRI arms database"), Stance.REFUTES
    )
    with import_report(build_report(workspace), tmp_path / "copy.factcheck") as copy:
        for typed in ("mi-35", "customs", "arms", "sipri"):
            assert _ids(copy, typed) == {heli.id}, typed
        assert [c.number for c in copy.search.claims("helicopters")] == [heli.number]
