"""Claim › Next status (Ctrl+T): draft → in review → done → draft, one undo step each, and only
with a claim selected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.domain.model import ClaimStatus
from annotator.ui.actions import shortcut_help
from annotator.ui.main_window import MainWindow
from tests.conftest import SAMPLE_CLAIM


def _status(window: MainWindow, claim_id: str) -> ClaimStatus:
    assert window.session is not None
    return window.session.read.claim(claim_id).status


def test_ctrl_t_moves_the_status_on_and_undo_puts_it_back(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = sample_window.workbench
    assert bench is not None
    action = sample_window.action_map["next-status"]
    assert not action.isEnabled()  # no claim selected yet
    text = bench.current_document.text  # type: ignore[union-attr]
    start = text.index(SAMPLE_CLAIM)
    bench.article.select_offsets(start, start + len(SAMPLE_CLAIM))
    qtbot.keyClick(bench.article, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    claim = bench.selected_claim()
    assert claim is not None
    assert claim.status is ClaimStatus.DRAFT
    assert action.isEnabled()
    seen: list[ClaimStatus] = []
    for _ in range(3):
        qtbot.keyClick(bench.article, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
        seen.append(_status(sample_window, claim.id))
    assert seen == [ClaimStatus.IN_REVIEW, ClaimStatus.DONE, ClaimStatus.DRAFT]
    assert bench.editor.current_claim().status is ClaimStatus.DRAFT  # type: ignore[union-attr]
    assert sample_window.undo_stack.undoText() == "Edit status"
    sample_window.undo_stack.undo()
    assert _status(sample_window, claim.id) is ClaimStatus.DONE
    bench.panel.select_claim(None)
    assert not action.isEnabled()


def test_the_new_shortcut_is_in_the_shortcut_list(qapp: QApplication) -> None:
    assert any(keys == "Ctrl+T" and "in review" in what for keys, what in shortcut_help())


def test_next_status_joins_its_own_section_of_the_claim_menu(window: MainWindow) -> None:
    """Declared in section 1 (beside Next / Previous claim) after an action of section 2, it
    must not split the menu into a group of its own between Move claim and Delete claim."""
    [claim_menu] = [m.menu() for m in window.menuBar().actions() if m.text() == "&Claim"]
    groups: list[list[str]] = [[]]
    for action in claim_menu.actions():
        if action.isSeparator():
            groups.append([])
        else:
            groups[-1].append(action.objectName() or action.text())
    assert ["next-claim", "previous-claim", "next-status"] in groups
    assert ["move-claim", "delete-claim"] in groups
