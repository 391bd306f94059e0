"""Through the window: import an article file, mark claims, load a new version, see the
claims re-anchored, flagged and highlighted in the right place."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from annotator.domain.model import AnchorState
from annotator.ui.actions import ActionId
from annotator.ui.dialogs.revision_dialog import RevisionChangesDialog, RevisionViewerDialog
from annotator.ui.main_window import MainWindow
from tests.services.test_revisions import V1, V2


def test_import_claim_new_version_reanchor(
    qtbot: QtBot, open_project: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_project
    shown: list[QDialog] = []
    monkeypatch.setattr(RevisionChangesDialog, "exec", lambda self: shown.append(self) or 0)
    monkeypatch.setattr(RevisionViewerDialog, "exec", lambda self: shown.append(self) or 0)
    first = tmp_path / "city-news.txt"
    first.write_text(V1, encoding="utf-8")
    window.documents.add_article(first)
    bench = window.workbench
    assert bench is not None
    assert bench.current_document is not None
    for quote in ("40% of roads were rebuilt in 2023", "Unemployment fell to 3.1% last year"):
        start = V1.index(quote)
        bench.article.select_offsets(start, start + len(quote))
        bench.create_claim_from_selection()
    second = tmp_path / "city-news-v2.txt"
    second.write_text(V2, encoding="utf-8")
    update = window.documents.apply_new_version(second)
    assert update is not None
    assert isinstance(shown[-1], RevisionChangesDialog)
    assert "Wording changed" in shown[-1].browser.toPlainText()
    claims = {c.quote: c for c in bench.panel.model.claims()}
    fuzzy = claims["Unemployment fell to 3.4% last year"]
    assert fuzzy.anchor_state is AnchorState.FUZZY
    row = bench.panel.model.row_of(fuzzy.id)
    assert row is not None
    assert bench.panel.model.index(row, 0).data().startswith("⚠")
    assert bench.article.toPlainText() == V2
    # Selecting the flagged claim later still says what the new version changed in it.
    bench.panel.select_claim(fuzzy.id)
    assert bench.editor.anchor_warning.isVisibleTo(bench.editor)
    assert "“3.1%” → “3.4%”" in bench.editor.anchor_warning.text()
    moved = claims["40% of roads were rebuilt in 2023"]
    bench.panel.select_claim(moved.id)
    assert not bench.editor.anchor_warning.isVisibleTo(bench.editor)
    assert V2[moved.start : moved.end] == moved.quote
    window.documents.view_revisions()
    viewer = shown[-1]
    assert isinstance(viewer, RevisionViewerDialog)
    viewer.picker.setCurrentIndex(1)
    assert viewer.view.toPlainText() == V1


def test_move_claim_confirms_a_flagged_claim(
    qtbot: QtBot, open_project: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_project
    monkeypatch.setattr(RevisionChangesDialog, "exec", lambda self: 0)
    first = tmp_path / "v1.txt"
    first.write_text(V1, encoding="utf-8")
    window.documents.add_article(first)
    bench = window.workbench
    assert bench is not None
    quote = "A new bridge opened on Monday"
    bench.article.select_offsets(V1.index(quote), V1.index(quote) + len(quote))
    bench.create_claim_from_selection()
    second = tmp_path / "v2.txt"
    second.write_text(V2, encoding="utf-8")
    window.documents.apply_new_version(second)
    [orphan] = bench.panel.model.claims()
    assert orphan.anchor_state is AnchorState.ORPHANED
    bench.panel.select_claim(orphan.id)
    target = "The council met on Tuesday"
    bench.article.select_offsets(V2.index(target), V2.index(target) + len(target))
    window.action_map[ActionId.MOVE_CLAIM].trigger()
    [moved] = bench.panel.model.claims()
    assert (moved.quote, moved.anchor_state) == (target, AnchorState.EXACT)
    window.undo_stack.undo()
    assert bench.panel.model.claims()[0].anchor_state is AnchorState.ORPHANED
