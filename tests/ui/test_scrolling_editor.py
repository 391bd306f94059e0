"""The claim editor scrolls as one form: the mouse wheel over a combo box it passes does not
change the claim, and no row is ever drawn over another, whatever the panel's size."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from annotator.domain.model import ClaimStatus, Source, Stance
from annotator.domain.ratings import DEFAULT_SCALE
from annotator.ui.main_window import MainWindow
from annotator.ui.widgets.claim_editor import ClaimEditor
from annotator.ui.workbench import Workbench
from tests.ui.test_claim_editor import CLAIM, Recorder


def roll_wheel(widget: QWidget, notches: int = -1) -> bool:
    """Send one wheel event (negative: towards the user) and say whether it was accepted."""
    center = QPointF(widget.rect().center())
    event = QWheelEvent(
        center,
        QPointF(widget.mapToGlobal(center.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


@pytest.fixture
def editor(qtbot: QtBot) -> ClaimEditor:
    widget = ClaimEditor()
    qtbot.addWidget(widget)
    widget.set_scale(DEFAULT_SCALE)
    widget.show_claim(CLAIM)
    widget.resize(420, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.summary.setFocus()
    return widget


@pytest.mark.parametrize("name", ["status", "rating"])
def test_wheel_over_an_unfocused_combo_changes_nothing(editor: ClaimEditor, name: str) -> None:
    combo = editor.status if name == "status" else editor.verdict.rating
    recorder = Recorder(editor)
    before = combo.currentIndex()
    accepted = [roll_wheel(combo) for _ in range(3)]
    assert combo.currentIndex() == before
    assert recorder.calls == []
    assert accepted == [False] * 3  # left for the scroll area around the editor
    assert not combo.hasFocus()  # the wheel does not give focus either


def test_wheel_over_a_focused_combo_still_picks(editor: ClaimEditor) -> None:
    recorder = Recorder(editor)
    editor.status.setFocus()
    roll_wheel(editor.status)
    assert editor.status.currentData() == ClaimStatus.IN_REVIEW.value
    assert [edit.status for edit in recorder.edits()] == [ClaimStatus.IN_REVIEW]


def test_value_combos_do_not_take_focus_from_the_wheel(editor: ClaimEditor) -> None:
    for combo in (editor.status, editor.verdict.rating):
        assert isinstance(combo, QComboBox)
        assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus


# -- layout ---------------------------------------------------------------------------------


def _top_bottom(widget: QWidget, editor: ClaimEditor) -> tuple[int, int]:
    top = widget.mapTo(editor, QPoint(0, 0)).y()
    return top, top + widget.height()


def layout_problems(editor: ClaimEditor) -> list[str]:
    """Rows drawn over the next one, or given less height than they need at their width."""
    rows: list[QWidget] = [
        editor._quote_box,
        editor.summary,
        editor.claimant_name,
        editor.claimant_role,
        editor.claimant_url,
        editor.claim_date,
        editor.status,
        editor.tags,
        editor.notes,
        editor.verdict.rating,
        editor.verdict.rationale,
        editor.verdict.rated_by,
        editor.sources,
    ]
    rows = [row for row in rows if row.isVisible()]
    problems = []
    for upper, lower in pairwise(rows):
        if _top_bottom(lower, editor)[0] < _top_bottom(upper, editor)[1]:
            problems.append(f"{lower.accessibleName() or type(lower).__name__} overlaps")
    for widget in (editor._quote_box, editor.verdict.rated_by, editor.sources):
        if widget.height() < widget.heightForWidth(widget.width()):
            problems.append(f"{widget.accessibleName() or type(widget).__name__} squeezed")
    return problems


def _mark(bench: Workbench, quote: str) -> str:
    document = bench.current_document
    assert document is not None
    start = document.text.index(quote)
    bench.article.select_offsets(start, start + len(quote))
    bench.create_claim_from_selection()
    claim = bench.selected_claim()
    assert claim is not None
    return claim.id


def test_rated_by_line_never_covers_the_rationale(qtbot: QtBot, sample_window: MainWindow) -> None:
    bench = sample_window.workbench
    assert bench is not None
    other = _mark(bench, "codenamed ‘Friendship’")
    rated = _mark(
        bench,
        "both the countries are on path of solidifying their relations both in economic and "
        "defence fields",
    )
    bench.set_verdict("mostly-true")
    source = Source("", "https://example.org/evidence", "Evidence", "Example")
    problems = []
    for width in (340, 400, 460, 520):
        for height in (250, 400, 700):
            bench.splitter.setSizes([1200 - width, width])
            bench.right_splitter.setSizes([760 - height, height])
            qtbot.wait(5)
            bench.panel.select_claim(other)
            qtbot.wait(5)
            bench.panel.select_claim(rated)
            qtbot.wait(5)
            assert bench.editor.verdict.rated_by.isVisible()
            problems += [f"{width}x{height}: {p}" for p in layout_problems(bench.editor)]
            bench.editor.source_add_requested.emit(rated, source, Stance.SUPPORTS, "")
            qtbot.wait(5)
            problems += [
                f"{width}x{height}, source added: {p}" for p in layout_problems(bench.editor)
            ]
            sample_window.undo_stack.undo()
    assert problems == []
