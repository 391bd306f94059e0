"""A claim made or moved from a drag selection that starts or ends inside a word covers the
whole words, never half of one."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from annotator.ui.main_window import MainWindow
from annotator.ui.workbench import Workbench

WHOLE = "four Mi-35M combat and cargo helicopters to Pakistan"


def select_inside(bench: Workbench, whole: str, trim_start: int, trim_end: int) -> None:
    document = bench.current_document
    assert document is not None
    start = document.text.index(whole)
    bench.article.select_offsets(start + trim_start, start + len(whole) - trim_end)


def test_a_claim_from_a_mid_word_selection_takes_whole_words(
    sample_window: MainWindow,
) -> None:
    bench = sample_window.workbench
    assert bench is not None
    select_inside(bench, WHOLE, 1, 1)  # "our Mi-35M … helicopters to Pakista"
    assert bench.article.textCursor().selectedText() == WHOLE[1:-1]
    bench.create_claim_from_selection()
    claim = bench.selected_claim()
    assert claim is not None
    assert claim.quote == WHOLE
    document = bench.current_document
    assert document is not None
    assert document.text[claim.start : claim.end] == WHOLE


def test_moving_a_claim_to_a_mid_word_selection_takes_whole_words(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = sample_window.workbench
    assert bench is not None
    select_inside(bench, "codenamed ‘Friendship’", 0, 0)
    bench.create_claim_from_selection()
    select_inside(bench, WHOLE, 3, 4)  # "r Mi-35M … helicopters to Pakis"
    sample_window.action_map["move-claim"].trigger()
    claim = bench.selected_claim()
    assert claim is not None
    assert claim.quote == WHOLE
