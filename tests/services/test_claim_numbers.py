"""Claim numbers are given once, when a claim is made, and never change or get reused: the
window, every report and the command line can say "claim 12" and mean one claim."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from annotator.errors import ReportError
from annotator.formats.report import report_json
from annotator.services import Workspace
from annotator.services.reports import build_report, import_report, parse_report
from annotator.storage import migrate

TEXT = "One claim here. Two claims there. Three claims everywhere."


def _document(workspace: Workspace) -> str:
    from annotator.formats.importers.text import import_pasted_text

    return workspace.documents.add(import_pasted_text(TEXT, "Numbers")).id


def test_numbers_follow_creation_not_position_and_are_never_reused(workspace: Workspace) -> None:
    document = _document(workspace)
    third = workspace.claims.add_by_quote(document, "Three claims")
    first = workspace.claims.add_by_quote(document, "One claim")
    second = workspace.claims.add_by_quote(document, "Two claims")
    assert (third.number, first.number, second.number) == (1, 2, 3)
    # Adding a claim before the others in the text renumbers nothing.
    assert [c.number for c in workspace.claims.all(document)] == [2, 3, 1]
    deleted = workspace.claims.delete(second.id)
    fourth = workspace.claims.add_by_quote(document, "claims there")
    assert fourth.number == 4, "a deleted claim's number is not given again"
    restored = workspace.claims.restore(deleted)
    assert restored.number == 3, "undoing a deletion brings the claim back with its number"
    assert workspace.claims.get(first.id).number == 2


def test_the_native_report_carries_numbers_and_round_trips_them(
    workspace: Workspace, tmp_path: Path
) -> None:
    document = _document(workspace)
    for quote in ("Three claims", "One claim"):
        workspace.claims.add_by_quote(document, quote)
    workspace.claims.delete(workspace.claims.add_by_quote(document, "Two claims").id)
    first = report_json(build_report(workspace, "2026-12-04T10:00:00Z"))
    numbers = [c["number"] for c in json.loads(first)["documents"][0]["claims"]]
    assert numbers == [2, 1]
    with import_report(parse_report(first, "r.json"), tmp_path / "copy.factcheck") as copy:
        assert report_json(build_report(copy, "2026-12-04T10:00:00Z")) == first
        new = copy.claims.add_by_quote(document, "Two claims")
        assert new.number == 3, "the imported project goes on from the highest number"


def test_a_report_without_numbers_is_numbered_in_order(
    workspace: Workspace, tmp_path: Path
) -> None:
    document = _document(workspace)
    for quote in ("Three claims", "One claim", "Two claims"):
        workspace.claims.add_by_quote(document, quote)
    data = json.loads(report_json(build_report(workspace)))
    for claim in data["documents"][0]["claims"]:
        del claim["number"]
    old = json.dumps(data).encode()
    with import_report(parse_report(old, "old.json"), tmp_path / "old.factcheck") as copy:
        assert [c.number for c in copy.claims.all()] == [1, 2, 3]
        assert copy.claims.add_by_quote(document, "claims there").number == 4


def test_a_report_giving_one_number_twice_is_refused(workspace: Workspace) -> None:
    document = _document(workspace)
    workspace.claims.add_by_quote(document, "One claim")
    workspace.claims.add_by_quote(document, "Two claims")
    data = json.loads(report_json(build_report(workspace)))
    for claim in data["documents"][0]["claims"]:
        claim["number"] = 7
    with pytest.raises(ReportError) as error:
        parse_report(json.dumps(data).encode(), "twice.json")
    assert (
        str(error.value) == "twice.json is not a valid report: claim number id '7' appears twice."
    )


def test_migration_numbers_existing_claims_in_the_order_they_were_made(
    project_path: Path,
) -> None:
    engine = create_engine(f"sqlite:///{project_path}")
    text = "Some old text with old claims."
    sha = hashlib.sha256(text.encode()).hexdigest()
    with engine.begin() as connection:
        migrate.upgrade(connection, "0004")
        connection.exec_driver_sql(
            "INSERT INTO project (id, title, created_at) VALUES (1, 'Old', '2025-01-01')"
        )
        connection.exec_driver_sql(
            "INSERT INTO documents (id, position, title, author, publisher, published, origin, "
            "format, lang, direction, text, body, original, sha256, created_at) VALUES "
            f"('d1', 0, 'Doc', '', '', '', '', 'text', '', 'ltr', '{text}', '[]', x'00', "
            f"'{sha}', '2025-01-01')"
        )
        for claim_id, start, end, made in (
            ("late", 19, 29, "2025-01-03T00:00:00Z"),
            ("early", 5, 8, "2025-01-01T00:00:00Z"),
            ("middle", 0, 4, "2025-01-02T00:00:00Z"),
        ):
            connection.exec_driver_sql(
                "INSERT INTO claims (id, document_id, start, end, quote, prefix, suffix, "
                "summary, status, tags, notes, claimant_name, claimant_role, claimant_url, "
                "claim_date, rationale, rated_by, rated_at, created_at, updated_at) VALUES "
                f"('{claim_id}', 'd1', {start}, {end}, '{text[start:end]}', '', '', '', "
                f"'draft', '[]', '', '', '', '', '', '', '', '', '{made}', '{made}')"
            )
    engine.dispose()
    with Workspace.open(project_path) as workspace:
        numbers = {c.id: c.number for c in workspace.claims.all()}
        assert numbers == {"early": 1, "middle": 2, "late": 3}
        assert workspace.claims.add(document_id="d1", start=9, end=13).number == 4
