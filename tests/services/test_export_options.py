"""Export choices: drafts and articles without claims can be left out, and the choice made is
remembered in the project for its next export."""

from __future__ import annotations

import json

from annotator.domain.model import ClaimEdit, ClaimStatus, ExportOptions
from annotator.formats.importers.text import import_pasted_text
from annotator.services import Workspace
from annotator.services.exports import export_bytes


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
