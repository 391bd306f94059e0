"""Exports of a project with source snapshots: the HTML report lists each source's snapshots
(capture time, SHA-256), a bundle links the snapshot files relatively, and ClaimReview and Web
Annotation keep the archived URL the checker gave."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.domain.model import Source, Stance
from annotator.errors import ReportError
from annotator.formats.exporters.claimreview import render_claimreview
from annotator.formats.exporters.html_report import render_html
from annotator.formats.exporters.webannotation import render_webannotation
from annotator.services import Workspace
from annotator.services.bundle import write_bundle
from annotator.services.reports import build_report
from annotator.services.snapshots import NewSnapshot

ARCHIVED = "https://web.archive.org/web/20260301/https://example.org/exports"
PDF = b"%PDF-1.4\n% a kept copy\n"


@pytest.fixture
def evidence(sample_workspace: Workspace) -> tuple[Workspace, str, list[str]]:
    workspace = sample_workspace
    document = workspace.documents.all()[0]
    claim = workspace.claims.add(document.id, 0, 12)
    workspace.claims.set_verdict(claim.id, "true", "checked")
    source, _ = workspace.sources.cite(
        claim.id, Source(id="", url="https://example.org/exports", title="Exports"), Stance.REFUTES
    )
    ids = [
        workspace.snapshots.add_bytes(
            NewSnapshot(
                source.id,
                filename="exports.pdf",
                captured_at="2026-03-01T09:00:00Z",
                archived_url=ARCHIVED,
            ),
            PDF,
        ).id,
        workspace.snapshots.add_bytes(
            NewSnapshot(source.id, filename="page.html", captured_at="2026-03-02T10:00:00Z"),
            b"<html><body><p>Second capture</p></body></html>",
        ).id,
    ]
    return workspace, source.id, ids


def test_the_html_report_lists_each_sources_snapshots(
    evidence: tuple[Workspace, str, list[str]],
) -> None:
    workspace, source_id, _ids = evidence
    html = render_html(build_report(workspace, snapshots=False)).decode()
    assert f'href="#source-{source_id}">2 snapshots kept</a>' in html
    section = html[html.index('<section class="evidence">') :]
    assert "Captured 2026-03-01T09:00:00Z" in section
    assert "Captured 2026-03-02T10:00:00Z" in section
    assert hashlib.sha256(PDF).hexdigest() in section
    assert f'<a href="{ARCHIVED}">archived copy</a>' in section
    assert "open the kept copy" not in section  # no files beside a single report


def test_a_project_without_snapshots_has_no_evidence_section(sample_workspace: Workspace) -> None:
    assert "evidence" not in render_html(build_report(sample_workspace)).decode()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))
        if tag in ("img", "script", "link", "iframe") or values.get("src"):
            self.loads.append(tag)


def test_a_bundle_links_its_snapshot_files_relatively(
    evidence: tuple[Workspace, str, list[str]], tmp_path: Path
) -> None:
    workspace, _source_id, ids = evidence
    folder = tmp_path / "bundle"
    files = write_bundle(workspace, folder)
    assert sorted(p.relative_to(folder).as_posix() for p in files) == sorted(
        ["report.html", "report.json", f"snapshots/{ids[0]}.pdf", f"snapshots/{ids[1]}.html"]
    )
    assert (folder / "snapshots" / f"{ids[0]}.pdf").read_bytes() == PDF
    parser = _Links()
    parser.feed((folder / "report.html").read_text("utf-8"))
    local = [h for h in parser.hrefs if not re.match(r"^(https?:|#)", h)]
    assert sorted(local) == sorted(
        f"snapshots/{i}{s}" for i, s in zip(ids, (".pdf", ".html"), strict=True)
    )
    assert all((folder / h).is_file() for h in local)
    assert parser.loads == []  # opens offline: nothing is loaded from anywhere
    report = json.loads((folder / "report.json").read_text("utf-8"))
    assert [s["content"] for s in report["sources"][0]["snapshots"]] == [None, None]


def test_a_bundle_never_writes_into_a_folder_in_use(
    evidence: tuple[Workspace, str, list[str]], tmp_path: Path
) -> None:
    workspace, _source_id, _ids = evidence
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    with pytest.raises(ReportError, match="already exists and is not an empty folder"):
        write_bundle(workspace, tmp_path / "taken")
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]


def test_export_bundle_from_the_command_line(
    evidence: tuple[Workspace, str, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace, _source_id, _ids = evidence
    workspace.close()
    folder = tmp_path / "out"
    assert main(["export", str(workspace.path), "--bundle", str(folder)]) == 0
    assert capsys.readouterr().out == f"{folder}: 4 files\n"
    assert main(["export", str(workspace.path), "--bundle", str(folder), "-o", "x.json"]) == 1
    assert "Give either -o FILE or --bundle DIR" in capsys.readouterr().err


def test_claimreview_keeps_the_archived_url(evidence: tuple[Workspace, str, list[str]]) -> None:
    workspace, _source_id, _ids = evidence
    [review] = json.loads(render_claimreview(build_report(workspace)))
    assert review["citation"] == [
        {
            "@type": "CreativeWork",
            "url": "https://example.org/exports",
            "name": "Exports",
            "archivedAt": ARCHIVED,
        }
    ]


def test_web_annotation_keeps_the_archived_url(evidence: tuple[Workspace, str, list[str]]) -> None:
    workspace, _source_id, _ids = evidence
    collection = json.loads(render_webannotation(build_report(workspace)))
    [item] = collection["first"]["items"]
    [link] = [b for b in item["body"] if b.get("purpose") == "linking"]
    assert link["state"] == {
        "type": "TimeState",
        "cached": ARCHIVED,
        "sourceDate": "2026-03-01T09:00:00Z",
    }
