"""A long article shows progressively: the first screen at once, highlighted, the rest in
batches from the event loop; each block is highlighted once; positions further on load the
rest first; new settings re-highlight only when a colour changed."""

from __future__ import annotations

import hashlib

import pytest
from pytestqt.qtbot import QtBot

from annotator.domain.body import Block, BlockKind, body_text
from annotator.domain.model import Claim, Document, DocumentInfo, ProjectInfo, Rating, Verdict
from annotator.domain.ratings import DEFAULT_SCALE
from annotator.domain.text import make_anchor, to_utf16
from annotator.ui.widgets import highlighter as highlighter_module
from annotator.ui.widgets.article_view import PROGRESSIVE_CHARS, ArticleView
from annotator.ui.widgets.find_bar import FindBar

BLOCKS = tuple(
    Block(
        BlockKind.PARAGRAPH,
        f"Paragraph {n} 📈 says exports grew by {n}% last year, officials said.",
    )
    for n in range(3000)
)
TEXT = body_text(BLOCKS)
INFO = ProjectInfo("P", DEFAULT_SCALE)
RATING = DEFAULT_SCALE[0].key


def _document() -> Document:
    return Document(
        DocumentInfo("d", "Long", format="text"),
        TEXT,
        BLOCKS,
        hashlib.sha256(TEXT.encode()).hexdigest(),
    )


def _claim(paragraph: int, claim_id: str) -> Claim:
    start = TEXT.index(f"Paragraph {paragraph} ")
    return Claim(claim_id, "d", make_anchor(TEXT, start, start + 20), verdict=Verdict(RATING))


def _is_highlighted(view: ArticleView, claim: Claim) -> bool:
    position = to_utf16(TEXT, claim.start)
    block = view.document().findBlock(position)
    return any(
        f.format.background().style().value
        and f.start <= position - block.position() < f.start + f.length
        for f in block.layout().formats()
    )


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of highlightBlock calls so far."""
    count = [0]
    original = highlighter_module.ClaimHighlighter.highlightBlock

    def counting(self: highlighter_module.ClaimHighlighter, text: str) -> None:
        count[0] += 1
        original(self, text)

    monkeypatch.setattr(highlighter_module.ClaimHighlighter, "highlightBlock", counting)
    return count


def test_a_long_article_shows_its_first_screen_then_the_rest(
    qtbot: QtBot, calls: list[int]
) -> None:
    assert len(TEXT) > PROGRESSIVE_CHARS
    view = ArticleView()
    qtbot.addWidget(view)
    first, last = _claim(1, "first"), _claim(2990, "last")
    view.show_document(_document(), [first, last], INFO)
    assert not view.fully_highlighted()
    assert 1 < view.document().blockCount() < len(BLOCKS)
    assert _is_highlighted(view, first)
    qtbot.waitUntil(view.fully_highlighted, timeout=20_000)
    qtbot.wait(50)  # no second pass comes later
    assert view.toPlainText() == TEXT
    assert _is_highlighted(view, last)
    # Once per block, give or take the block where one batch meets the next.
    assert len(BLOCKS) <= calls[0] < len(BLOCKS) * 1.1


def test_positions_further_on_load_the_rest_first(qtbot: QtBot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    last = _claim(2990, "last")
    view.show_document(_document(), [last], INFO)
    assert not view.fully_highlighted()
    view.select_offsets(last.start, last.end)
    assert view.fully_highlighted()
    assert view.textCursor().selectedText() == last.quote
    assert _is_highlighted(view, last)


def test_find_searches_the_whole_article_while_it_loads(qtbot: QtBot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    view.show_document(_document(), [], INFO)
    bar = FindBar(view)
    qtbot.addWidget(bar)
    bar.line.setText("Paragraph 2999 ")
    assert bar.find_next()
    assert view.textCursor().selectedText() == "Paragraph 2999 "


def test_settings_rehighlight_only_when_a_colour_changes(qtbot: QtBot, calls: list[int]) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    claim = _claim(3, "c")
    view.show_document(_document(), [claim], INFO)
    qtbot.waitUntil(view.fully_highlighted, timeout=20_000)
    before = calls[0]
    view.set_project_info(ProjectInfo("Renamed", DEFAULT_SCALE, checker="Ana"))
    assert calls[0] == before
    recoloured = tuple(
        Rating(r.key, r.label, "#123456", r.value) if r.key == RATING else r for r in DEFAULT_SCALE
    )
    view.set_project_info(ProjectInfo("Renamed", recoloured))
    assert calls[0] > before
    highlighter = view._highlighter
    assert highlighter is not None
    span = highlighter.span("c")
    assert span is not None
    assert span.color == "#123456"


def test_claims_given_after_the_article_are_highlighted_as_it_loads(qtbot: QtBot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    first, last = _claim(2, "first"), _claim(2995, "last")
    view.show_document(_document(), [], INFO)
    assert not _is_highlighted(view, first)
    view.set_claims([first, last])
    assert _is_highlighted(view, first)
    qtbot.waitUntil(view.fully_highlighted, timeout=20_000)
    assert _is_highlighted(view, last)
