"""Per-project and app-wide choices: what an export leaves out (remembered in the project), and
the checker's name (set once for the app, overridden by a project)."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.domain.model import ClaimEdit, ClaimStatus, ExportOptions
from annotator.formats.importers.text import import_pasted_text
from annotator.services import Workspace
from annotator.services.exports import export_bytes
from annotator.settings import Settings, save_settings


def test_export_choices_are_remembered_per_project(workspace: Workspace) -> None:
    assert workspace.project.export_options() == ExportOptions()
    chosen = ExportOptions(include_drafts=False, only_with_claims=True)
    assert workspace.project.set_export_options(chosen) == chosen
    assert workspace.project.export_options() == chosen
    assert workspace.project.info().title == "Test project", "other settings stay"


def test_leaving_out_drafts_and_articles_left_without_claims(workspace: Workspace) -> None:
    first = workspace.documents.add(import_pasted_text("One\nA draft claim. A done claim.", "A"))
    workspace.documents.add(import_pasted_text("Two\nNothing marked here.", "B"))
    workspace.claims.add_by_quote(first.id, "A draft claim.")
    workspace.claims.add_by_quote(
        first.id, "A done claim.", edit=ClaimEdit(status=ClaimStatus.DONE)
    )
    everything = json.loads(export_bytes(workspace, "json"))
    assert [len(d["claims"]) for d in everything["documents"]] == [2, 0]
    done = json.loads(export_bytes(workspace, "json", options=ExportOptions(include_drafts=False)))
    assert [[c["number"] for c in d["claims"]] for d in done["documents"]] == [[2], []]
    only = json.loads(
        export_bytes(
            workspace, "json", options=ExportOptions(include_drafts=False, only_with_claims=True)
        )
    )
    assert [d["title"] for d in only["documents"]] == ["A"]


def test_verdicts_are_signed_with_the_app_s_checker_unless_the_project_names_one(
    project_path: Path,
) -> None:
    save_settings(Settings(checker_name="Amina K."))
    with Workspace.create(project_path, "Signed") as workspace:
        document = workspace.documents.add(import_pasted_text("Title\nA claim here.", "T"))
        claim = workspace.claims.add_by_quote(document.id, "A claim")
        assert workspace.claims.checker_name() == "Amina K."
        rated = workspace.claims.set_verdict(claim.id, "true")
        assert rated.verdict is not None
        assert rated.verdict.rated_by == "Amina K."
        workspace.project.set_checker("Desk B")
        rated = workspace.claims.set_verdict(claim.id, "false")
        assert rated.verdict is not None
        assert rated.verdict.rated_by == "Desk B"
