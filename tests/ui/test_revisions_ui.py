"""Through the window: import an article file, mark claims, load a new version, see the
claims re-anchored, flagged and highlighted in the right place."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.domain.model import AnchorState
from annotator.ui.dialogs.revision_dialog import RevisionChangesDialog, RevisionViewerDialog
from annotator.ui.main_window import MainWindow
from annotator.ui.widgets.article_view import ArticleView
from tests.services.test_revisions import UNRELATED, V1, V2
from tests.ui.conftest import DialogRecorder


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
    window.action_map["move-claim"].trigger()
    [moved] = bench.panel.model.claims()
    assert (moved.quote, moved.anchor_state) == (target, AnchorState.EXACT)
    window.undo_stack.undo()
    assert bench.panel.model.claims()[0].anchor_state is AnchorState.ORPHANED


def _article_with_claims(window: MainWindow, tmp_path: Path, quotes: tuple[str, ...]) -> None:
    first = tmp_path / "city-news.txt"
    first.write_text(V1, encoding="utf-8")
    window.documents.add_article(first)
    bench = window.workbench
    assert bench is not None
    for quote in quotes:
        start = V1.index(quote)
        bench.article.select_offsets(start, start + len(quote))
        bench.create_claim_from_selection()


QUOTES = (
    "40% of roads were rebuilt in 2023",
    "Unemployment fell to 3.1% last year",
    "A new bridge opened on Monday",
)


@pytest.mark.parametrize("answer", ["Cancel", "Update anyway"])
def test_a_version_that_loses_most_claims_asks_first(
    qtbot: QtBot,
    open_project: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
) -> None:
    window = open_project
    monkeypatch.setattr(RevisionChangesDialog, "exec", lambda self: 0)
    asked: list[tuple[str, list[str], str]] = []

    def exec_box(box: QMessageBox) -> int:
        default = box.defaultButton()
        asked.append((box.text(), sorted(b.text() for b in box.buttons()), default.text()))
        next(b for b in box.buttons() if b.text().replace("&", "") == answer).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    _article_with_claims(window, tmp_path, QUOTES)
    bench = window.workbench
    assert bench is not None
    assert bench.current_document is not None
    document_id = bench.current_document.id
    steps = window.undo_stack.count()
    wrong = tmp_path / "recipe.txt"
    wrong.write_text(UNRELATED, encoding="utf-8")
    update = window.documents.apply_new_version(wrong)
    [(text, buttons, default)] = asked
    assert "leaves 3 of 3 claims without a place in the text" in text
    assert "Is it the right file?" in text
    assert [b.replace("&", "") for b in buttons] == ["Cancel", "Update anyway"]
    assert default.replace("&", "") == "Cancel"
    session = window.session
    assert session is not None
    stored = session.workspace.documents.get(document_id)
    if answer == "Cancel":
        assert update is None
        assert (stored.info.revision, stored.text) == (1, V1)
        assert window.undo_stack.count() == steps  # nothing happened, nothing forgotten
        assert bench.article.toPlainText() == V1
    else:
        assert update is not None
        assert (stored.info.revision, stored.text) == (2, UNRELATED)


def test_a_likely_version_is_stored_without_asking(
    qtbot: QtBot, open_project: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_project
    monkeypatch.setattr(RevisionChangesDialog, "exec", lambda self: 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail(box.text()))
    _article_with_claims(window, tmp_path, QUOTES)
    second = tmp_path / "v2.txt"
    second.write_text(V2, encoding="utf-8")
    assert window.documents.apply_new_version(second) is not None


def test_selecting_a_claim_in_the_list_drops_an_earlier_text_selection(
    qtbot: QtBot, open_project: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_project
    monkeypatch.setattr(RevisionChangesDialog, "exec", lambda self: 0)
    _article_with_claims(window, tmp_path, QUOTES[1:])
    second = tmp_path / "v2.txt"
    second.write_text(V2, encoding="utf-8")
    window.documents.apply_new_version(second)
    bench = window.workbench
    assert bench is not None
    claims = {c.anchor_state: c for c in bench.panel.model.claims()}
    orphan, fuzzy = claims[AnchorState.ORPHANED], claims[AnchorState.FUZZY]
    # Some text selected earlier, then the orphaned claim picked in the list.
    stale = "The council met on Tuesday"
    bench.article.select_offsets(V2.index(stale), V2.index(stale) + len(stale))
    bench.panel.select_claim(orphan.id)
    assert not bench.article.textCursor().hasSelection()
    window.action_map["move-claim"].trigger()
    assert bench.panel.model.claims()  # nothing moved onto the old selection
    session = window.session
    assert session is not None
    assert session.workspace.claims.get(orphan.id).anchor_state is AnchorState.ORPHANED
    # A placed claim shows as the selection: Ctrl+Shift+M then confirms it where it is.
    bench.panel.select_claim(fuzzy.id)
    assert bench.article.selection_offsets() == (fuzzy.start, fuzzy.end)
    window.action_map["move-claim"].trigger()
    confirmed = session.workspace.claims.get(fuzzy.id)
    assert (confirmed.anchor_state, confirmed.start) == (AnchorState.EXACT, fuzzy.start)


def test_moving_a_claim_onto_another_claims_text_asks_first(
    qtbot: QtBot,
    open_project: MainWindow,
    dialogs: DialogRecorder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_project
    monkeypatch.setattr(RevisionChangesDialog, "exec", lambda self: 0)
    _article_with_claims(window, tmp_path, QUOTES)
    second = tmp_path / "v2.txt"
    second.write_text(V2, encoding="utf-8")
    window.documents.apply_new_version(second)
    bench = window.workbench
    session = window.session
    assert bench is not None
    assert session is not None
    claims = {c.anchor_state: c for c in bench.panel.model.claims()}
    orphan, other = claims[AnchorState.ORPHANED], claims[AnchorState.MOVED]
    bench.panel.select_claim(orphan.id)
    bench.article.select_offsets(other.start, other.end)
    dialogs.answer = QMessageBox.StandardButton.No
    window.action_map["move-claim"].trigger()
    _title, text = dialogs.messages[-1]
    assert "already the text of another claim" in text
    assert dialogs.defaults[-1] == QMessageBox.StandardButton.No
    assert session.workspace.claims.get(orphan.id).anchor_state is AnchorState.ORPHANED
    dialogs.answer = QMessageBox.StandardButton.Yes
    window.action_map["move-claim"].trigger()
    moved = session.workspace.claims.get(orphan.id)
    assert (moved.start, moved.end, moved.anchor_state) == (
        other.start,
        other.end,
        AnchorState.EXACT,
    )


def test_revision_viewer_highlights_claims_where_they_were(
    qtbot: QtBot, open_project: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_project
    shown: list[QDialog] = []
    monkeypatch.setattr(RevisionChangesDialog, "exec", lambda self: 0)
    monkeypatch.setattr(RevisionViewerDialog, "exec", lambda self: shown.append(self) or 0)
    _article_with_claims(window, tmp_path, QUOTES)
    second = tmp_path / "v2.txt"
    second.write_text(V2, encoding="utf-8")
    window.documents.apply_new_version(second)
    window.documents.view_revisions()
    viewer = shown[-1]
    assert isinstance(viewer, RevisionViewerDialog)
    # The current revision: the two claims that have a place in it.
    assert _highlighted(viewer.view) == {
        "40% of roads were rebuilt in 2023",
        "Unemployment fell to 3.4% last year",
    }
    viewer.picker.setCurrentIndex(1)  # revision 1: each claim where it sat, as it read then
    assert viewer.view.toPlainText() == V1
    assert _highlighted(viewer.view) == set(QUOTES)
    assert viewer.view.isReadOnly()


def _highlighted(view: ArticleView) -> set[str]:
    """The quotes of the claims the view highlights, read back from its highlighter."""
    text = view.toPlainText()
    highlighter = view._highlighter
    assert highlighter is not None
    return {text[s.start : s.end] for s in highlighter._spans}


def test_an_earlier_revision_offers_no_mark_as_claim(qtbot: QtBot) -> None:
    from PySide6.QtCore import QPoint

    from annotator.ui.widgets.article_view import ArticleView

    offered = []
    for offers in (True, False):
        view = ArticleView()
        qtbot.addWidget(view)
        view.offers_claims = offers
        menu = view.context_menu(QPoint(5, 5))
        offered.append([action.text() for action in menu.actions()])
        menu.deleteLater()
    assert "Mark as claim" in offered[0]
    assert "Mark as claim" not in offered[1]
