"""A long article opens text first: the window paints it, then its claims load; a claim to
reselect, or an edit made meanwhile, is not lost."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from annotator.services import Workspace
from annotator.settings import Settings
from annotator.ui.main_window import MainWindow
from annotator.ui.widgets.article_view import PROGRESSIVE_CHARS

PARAGRAPHS = [
    f"Paragraph {n} says that exports grew by {n}% last year, officials said." for n in range(2500)
]


def _long_project(path: Path) -> tuple[Workspace, str, list[str]]:
    from annotator.formats.importers import import_pasted_text

    workspace = Workspace.create(path, "Long")
    document = workspace.documents.add(import_pasted_text("\n".join(PARAGRAPHS)))
    text = workspace.documents.get(document.id).text
    assert len(text) > PROGRESSIVE_CHARS
    ids = [
        workspace.claims.add_by_quote(document.id, f"Paragraph {n} says").id
        for n in (1, 1200, 2400)
    ]
    return workspace, document.id, ids


def test_the_text_comes_first_then_the_claims(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    workspace, _document_id, ids = _long_project(tmp_path / "long.factcheck")
    window.set_workspace(workspace)
    bench = window.workbench
    assert bench is not None
    assert bench.article.toPlainText().startswith("Paragraph 0")
    assert bench.panel.model.rowCount() == 0  # not yet: the frame is painted first
    qtbot.waitUntil(lambda: bench.panel.model.rowCount() == len(ids), timeout=10_000)
    assert window.status_label.text().startswith("3 claims")


def test_the_claim_left_selected_is_selected_again(qtbot: QtBot, tmp_path: Path) -> None:
    workspace, document_id, ids = _long_project(tmp_path / "long.factcheck")
    path = workspace.path
    workspace.close()
    settings = Settings()
    settings.remember_project(path)
    settings.remember_place(path, document_id, ids[1])
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_path(path)
    bench = window.workbench
    assert bench is not None
    assert bench.place() == (document_id, ids[1])  # remembered while the claims load
    qtbot.waitUntil(lambda: bench.panel.selected_claim_id() == ids[1], timeout=10_000)


def test_an_edit_before_the_claims_load_is_kept_once(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    workspace, _document_id, ids = _long_project(tmp_path / "long.factcheck")
    window.set_workspace(workspace)
    bench = window.workbench
    assert bench is not None
    start = bench.article.toPlainText().index("Paragraph 3 says")
    bench.article.select_offsets(start, start + len("Paragraph 3"))
    bench.create_claim_from_selection()  # before the claims came: they load first
    assert bench.panel.model.rowCount() == len(ids) + 1
    qtbot.wait(50)
    assert bench.panel.model.rowCount() == len(ids) + 1
    assert window.status_label.text().startswith("4 claims")
