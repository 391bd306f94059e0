"""Snapshots in the native report: included (base64) by default, left out on request with their
hashes and metadata kept; export -> import -> export gives the same bytes either way; older
(version 1) reports still import; a report whose snapshot bytes do not match is refused."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from annotator.domain.model import Source, Stance
from annotator.errors import NotFoundError, ReportError
from annotator.formats.report import report_json
from annotator.services import Workspace
from annotator.services.reports import build_report, import_report, parse_report
from annotator.services.snapshots import NewSnapshot

EXPORTED_AT = "2026-12-04T12:00:00Z"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "readability-dev"
PAGE = b"<html><body><article><p>Exports rose by 12 percent last year.</p></article></body></html>"


def _export(workspace: Workspace, *, snapshots: bool = True) -> bytes:
    return report_json(build_report(workspace, EXPORTED_AT, snapshots=snapshots))


def _round_trip(data: bytes, tmp_path: Path, name: str, *, snapshots: bool = True) -> bytes:
    target = tmp_path / f"{name}.factcheck"
    with import_report(parse_report(data, "report"), target) as imported:
        return _export(imported, snapshots=snapshots)


@pytest.fixture
def evidence(sample_workspace: Workspace) -> Workspace:
    workspace = sample_workspace
    document = workspace.documents.all()[0]
    claim = workspace.claims.add(document.id, 0, 12)
    source, _ = workspace.sources.cite(
        claim.id, Source(id="", url="https://example.org/exports", title="Exports"), Stance.SUPPORTS
    )
    page = workspace.snapshots.add_bytes(
        NewSnapshot(
            source.id,
            filename="exports.html",
            captured_at="2026-03-01T09:00:00Z",
            archived_url="https://web.archive.org/web/2026/https://example.org/exports",
        ),
        PAGE,
    )
    workspace.snapshots.add_bytes(
        NewSnapshot(source.id, filename="shot.png", captured_at="2026-03-02T09:00:00Z"),
        b"\x89PNG\r\n\x1a\n" + os.urandom(3000),
    )
    start = workspace.snapshots.text(page.id).index("rose by")
    workspace.snapshots.pick_excerpt(claim.id, source.id, page.id, start, start + 18)
    return workspace


def test_a_report_carries_snapshots_and_where_excerpts_came_from(evidence: Workspace) -> None:
    data = json.loads(_export(evidence))
    assert data["version"] == 2
    [source] = data["sources"]
    page, shot = source["snapshots"]
    assert page["media_type"] == "text/html"
    assert page["archived_url"].startswith("https://web.archive.org/")
    assert page["content"] is not None
    assert shot["media_type"] == "image/png"
    [link] = data["documents"][0]["claims"][0]["sources"]
    assert link["excerpt"] == "rose by 12 percent"
    assert link["excerpt_from"]["snapshot"] == page["id"]


@pytest.mark.parametrize("snapshots", [True, False])
def test_export_import_export_is_byte_identical(
    evidence: Workspace, tmp_path: Path, snapshots: bool
) -> None:
    first = _export(evidence, snapshots=snapshots)
    assert _round_trip(first, tmp_path, "again", snapshots=snapshots) == first


def test_without_snapshots_the_hashes_and_metadata_stay(
    evidence: Workspace, tmp_path: Path
) -> None:
    full = json.loads(_export(evidence))
    bare = json.loads(_export(evidence, snapshots=False))
    for kept, left in zip(
        full["sources"][0]["snapshots"], bare["sources"][0]["snapshots"], strict=True
    ):
        assert left["content"] is None
        assert {**kept, "content": None} == left
    target = tmp_path / "bare.factcheck"
    with import_report(parse_report(_export(evidence, snapshots=False), "r"), target) as imported:
        [page, _shot] = imported.snapshots.all()
        assert not page.has_bytes
        with pytest.raises(NotFoundError, match="came from a report exported without snapshots"):
            imported.snapshots.read(page.id)
        # A full export of that project has no bytes to give either: it stays lossless.
        assert _export(imported) == _export(evidence, snapshots=False)


def test_a_version_1_report_still_imports(sample_workspace: Workspace, tmp_path: Path) -> None:
    sample_workspace.sources.add(Source(id="", url="https://example.org/old"))
    data = json.loads(_export(sample_workspace))
    data["version"] = 1
    for source in data["sources"]:
        del source["snapshots"]
    target = tmp_path / "old.factcheck"
    with import_report(parse_report(json.dumps(data).encode(), "old.json"), target) as imported:
        assert [s.url for s in imported.sources.all()] == ["https://example.org/old"]
        assert imported.snapshots.all() == []


def test_snapshot_bytes_that_do_not_match_their_hash_are_refused(evidence: Workspace) -> None:
    data = json.loads(_export(evidence))
    snapshot = data["sources"][0]["snapshots"][0]
    snapshot["content"] = snapshot["content"][:-8] + "AAAAAAA="
    with pytest.raises(
        ReportError, match=f"snapshot {snapshot['id']}: its content does not match its sha256"
    ):
        parse_report(json.dumps(data).encode(), "tampered.json")


def test_an_excerpt_naming_another_text_is_refused(evidence: Workspace) -> None:
    data = json.loads(_export(evidence))
    link = data["documents"][0]["claims"][0]["sources"][0]
    link["excerpt_from"]["start"] += 1
    with pytest.raises(ReportError, match="is not the text of snapshot"):
        parse_report(json.dumps(data).encode(), "shifted.json")


def test_snapshots_too_large_for_one_report_are_refused_with_what_to_do(
    evidence: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("annotator.services.reports.MAX_REPORT_BYTES", 1000)
    with pytest.raises(
        ReportError, match="export with --no-snapshots, or as a folder with --bundle"
    ):
        build_report(evidence)
    assert build_report(evidence, snapshots=False).sources


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpora/readability-dev")
@pytest.mark.parametrize("snapshots", [True, False])
def test_the_readability_pages_as_snapshots_round_trip_byte_identical(
    workspace: Workspace, tmp_path: Path, snapshots: bool
) -> None:
    pages = sorted(p for p in CORPUS.iterdir() if (p / "source.html").is_file())
    assert len(pages) == 33
    for page in pages:
        source = workspace.sources.add(Source(id="", url=f"https://example.org/{page.name}"))
        workspace.snapshots.add_file(
            NewSnapshot(source.id, captured_at="2026-01-01T00:00:00Z"), page / "source.html"
        )
    first = _export(workspace, snapshots=snapshots)
    second = _round_trip(first, tmp_path, "imported", snapshots=snapshots)
    assert second == first
    third = _round_trip(second, tmp_path, "imported-again", snapshots=snapshots)
    assert third == first
    if snapshots:
        target = tmp_path / "imported.factcheck"
        with Workspace.open(target, read_only=True) as imported:
            originals = {
                f"https://example.org/{p.name}": (p / "source.html").read_bytes() for p in pages
            }
            for snapshot in imported.snapshots.all():
                assert imported.snapshots.read(snapshot.id) == originals[snapshot.url]
