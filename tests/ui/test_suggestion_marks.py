"""Ghost suggestions in the article view: drawn unlike claims, found under the cursor or the
mouse, stepped through in article order, with score and reasons on hover."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from pytestqt.qtbot import QtBot

from annotator.domain.body import Block, BlockKind, body_text
from annotator.domain.model import Document, DocumentInfo, ProjectInfo
from annotator.domain.ratings import DEFAULT_SCALE
from annotator.domain.suggestions import Suggestion
from annotator.ui.widgets.article_view import ArticleView

BLOCKS = (
    Block(BlockKind.PARAGRAPH, "Emoji 😀 first. Jobs rose 5% in 2014. Nothing here."),
    Block(BlockKind.PARAGRAPH, "The deal was signed in Nov 2014 by both sides."),
)
TEXT = body_text(BLOCKS)


def suggestion(sentence: str, score: float = 0.9) -> Suggestion:
    start = TEXT.index(sentence)
    return Suggestion(start, start + len(sentence), sentence, score, ("a number", "a date"))


RISE = suggestion("Jobs rose 5% in 2014.")
DEAL = suggestion("The deal was signed in Nov 2014 by both sides.", 0.8)


@pytest.fixture
def view(qtbot: QtBot) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(700, 300)
    document = Document(
        DocumentInfo("d", "Doc"), TEXT, BLOCKS, hashlib.sha256(TEXT.encode()).hexdigest()
    )
    widget.show_document(document, [], ProjectInfo("P", DEFAULT_SCALE))
    widget.show()
    qtbot.waitExposed(widget)
    widget.suggestions.show([DEAL, RISE])
    return widget


def point_inside(view: ArticleView, item: Suggestion) -> QPoint:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view._to_qt(item.start) + 2)
    return view.cursorRect(cursor).center()


def test_ghosts_cover_exactly_the_sentences_with_a_dashed_underline(view: ArticleView) -> None:
    selections = view.extraSelections()
    assert [s.cursor.selectedText() for s in selections] == [RISE.text, DEAL.text]
    for selection in selections:
        assert selection.format.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    assert view.suggestions.suggestions == [RISE, DEAL]  # article order


def test_the_suggestion_under_the_text_cursor_includes_its_last_character(
    view: ArticleView,
) -> None:
    view.select_offsets(RISE.end, RISE.end)
    assert view.suggestion_at_cursor() == RISE
    view.select_offsets(TEXT.index("Nothing"), TEXT.index("Nothing"))
    assert view.suggestion_at_cursor() is None


def test_next_and_previous_wrap_around_and_mark_the_current_one(view: ArticleView) -> None:
    marks = view.suggestions
    assert marks.step(0, forward=True) == RISE
    assert marks.step(RISE.start, forward=True) == DEAL
    assert marks.step(DEAL.start, forward=True) == RISE
    assert marks.step(RISE.start, forward=False) == DEAL
    current = [s for s in view.extraSelections() if s.format.background().color().alpha() > 30]
    assert [s.cursor.selectedText() for s in current] == [DEAL.text]
    view.go_to_suggestion(RISE)
    assert view.suggestion_at_cursor() == RISE
    assert marks.current == RISE


def test_removing_one_keeps_the_rest_and_moves_current_on(view: ArticleView) -> None:
    view.suggestions.set_current(RISE)
    view.suggestions.remove(RISE)
    assert view.suggestions.suggestions == [DEAL]
    assert view.suggestions.current == DEAL
    assert [s.cursor.selectedText() for s in view.extraSelections()] == [DEAL.text]
    view.suggestions.remove(DEAL)
    assert view.suggestions.current is None
    assert view.extraSelections() == []


def test_hover_shows_score_and_reasons_and_a_click_emits_the_suggestion(
    view: ArticleView, qtbot: QtBot
) -> None:
    point = point_inside(view, DEAL)
    tip = view.tooltip_at(point)
    assert "Suggested claim" in tip
    assert "0.80" in tip
    assert "a number; a date" in tip
    with qtbot.waitSignal(view.suggestion_clicked) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [DEAL]


def test_a_new_document_clears_the_ghosts(view: ArticleView) -> None:
    view.show_document(None, [], ProjectInfo("P", DEFAULT_SCALE))
    assert view.suggestions.suggestions == []
    assert view.extraSelections() == []
