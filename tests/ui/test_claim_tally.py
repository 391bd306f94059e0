"""The status bar's counts follow each claim change without counting the whole project."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from annotator.domain.model import Anchor, Claim, Verdict
from annotator.services import Workspace
from annotator.services.project import ProjectService
from annotator.ui.claim_tally import ClaimTally
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import DialogRecorder


def _claim(claim_id: str, rating: str | None) -> Claim:
    return Claim(
        claim_id, "d", Anchor(0, 1, "x", "", ""), verdict=Verdict(rating) if rating else None
    )


def test_the_tally_counts_changes_one_by_one() -> None:
    tally = ClaimTally({"a": True, "b": False})
    assert (tally.claims, tally.rated) == (2, 1)
    tally.changed(_claim("c", None))  # added, unrated
    tally.changed(_claim("b", "true"))  # rated
    tally.changed(_claim("b", "false"))  # rated again: still one
    assert (tally.claims, tally.rated) == (3, 2)
    tally.changed(_claim("a", None))  # verdict cleared
    tally.removed("b")
    tally.removed("missing")
    assert (tally.claims, tally.rated) == (2, 0)


def test_the_status_line_follows_claims_without_recounting(
    window: MainWindow,
    dialogs: DialogRecorder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from annotator.formats.importers import import_pasted_text

    workspace = Workspace.create(tmp_path / "p.factcheck", "P")
    document = workspace.documents.add(import_pasted_text("Alpha beta gamma delta."))
    workspace.claims.add_by_quote(document.id, "Alpha")
    window.set_workspace(workspace)
    assert window.status_label.text().startswith("1 claim, 0 rated")

    def no_recount(_self: ProjectService) -> None:
        raise AssertionError("statistics() counted the whole project for one claim")

    monkeypatch.setattr(ProjectService, "statistics", no_recount)
    bench = window.workbench
    assert bench is not None
    bench.article.select_offsets(6, 10)
    bench.create_claim_from_selection()
    assert window.status_label.text().startswith("2 claims, 0 rated")
    bench.set_verdict(workspace.project.info().scale[0].key)
    assert window.status_label.text().startswith("2 claims, 1 rated")
    window.undo_stack.undo()
    assert window.status_label.text().startswith("2 claims, 0 rated")
    bench.delete_claim()
    assert window.status_label.text().startswith("1 claim, 0 rated")
    dialogs.answer = QMessageBox.StandardButton.Yes
    window.documents.delete_document()
    assert window.status_label.text().startswith("0 claims")
