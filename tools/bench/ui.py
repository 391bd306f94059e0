"""The scenarios measured in the window, in this process: P1 open, P2 create a claim, P3 filter,
P10 scroll, and the highlighter's own measures (E1, E2)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtWidgets import QApplication, QListView, QTextEdit

from tools.bench.measure import Result, median, p95
from tools.bench.window import (
    PaintWatch,
    fully_highlighted,
    is_article_viewport,
    open_window,
    settle,
    wait_until,
)


def first_text(project: Path) -> str:
    import sqlite3

    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as db:
        (text,) = db.execute("SELECT text FROM documents ORDER BY position LIMIT 1").fetchone()
    return str(text)


def bare_first_paint(app: QApplication, text: str, rounds: int) -> list[float]:
    """setPlainText on a bare QTextEdit of the article view's size, until its first paint."""
    edit = QTextEdit()
    edit.resize(900, 700)
    edit.show()
    settle(app)
    watch = PaintWatch(app, lambda w: w is edit.viewport())
    times = []
    for _ in range(rounds):
        edit.setPlainText("")
        settle(app)
        count = watch.count
        start = time.perf_counter()
        edit.setPlainText(text)
        times.append(watch.wait(count) - start)
    watch.close()
    edit.close()
    edit.deleteLater()
    settle(app)
    return times


def open_project(app: QApplication, project: Path, rounds: int) -> tuple[list[float], list[float]]:
    """Seconds from open_path to the first painted article, and to full highlighting."""
    window = open_window(app)
    watch = PaintWatch(app, is_article_viewport)
    first, full = [], []
    for _ in range(rounds):
        count = watch.count
        start = time.perf_counter()
        window.open_path(project)
        first.append(watch.wait(count) - start)
        full.append(wait_until(app, lambda: fully_highlighted(window)) - start)
        window.close_project()
        settle(app)
    watch.close()
    window.close()
    window.deleteLater()
    settle(app)
    return first, full


def p1(app: QApplication, project: Path, rounds: int, tag: str = "M") -> Result:
    text = first_text(project)
    open_project(app, project, 1)  # once before timing: imports and caches warm
    bare: list[float] = []
    first: list[float] = []
    full: list[float] = []
    for _ in range(rounds):  # in turns, so that a noisy moment hits both
        bare.extend(bare_first_paint(app, text, 1))
        opened, highlighted = open_project(app, project, 1)
        first.extend(opened)
        full.extend(highlighted)
    ours, base = median(first), median(bare)
    return Result(
        "P1" if tag == "M" else f"P1-{tag}",
        f"open project ({tag}) until the highlighted article is painted",
        ours,
        base,
        "≤ 3× bare first paint",
        ours <= 3 * base,
        detail={"fully_highlighted_ms": median(full) * 1000},
    )


def create_claims(app: QApplication, project: Path, count: int) -> list[float]:
    """Seconds from Ctrl+E on a selection to the repainted article, for ``count`` claims."""
    window = open_window(app)
    window.open_path(project)
    wait_until(app, lambda: fully_highlighted(window))
    settle(app, 20)
    article = window.workbench.article
    watch = PaintWatch(app, lambda w: w is article.viewport())
    times = []
    for k in range(count):
        y = 40 + (k * 23) % max(40, article.viewport().height() - 80)
        position = article.cursorForPosition(QPoint(60 + (k * 37) % 300, y)).position()
        offset = article.offset_of(position)
        article.select_offsets(offset, offset + 12)
        settle(app)
        before = watch.count
        start = time.perf_counter()
        window.workbench.create_claim_from_selection()
        times.append(watch.wait(before, timeout=10) - start)
    watch.close()
    window.close_project()
    window.close()
    window.deleteLater()
    settle(app)
    return times


def p2(app: QApplication, small: list[float], big: list[float], tag: str, claims: int) -> Result:
    ours, base = median(big), median(small)
    ratio = ours / base
    holds = ratio <= 1.1 and (tag != "M" or p95(big) <= 0.016)
    return Result(
        "P2" if tag == "M" else f"P2-{tag}",
        f"create one claim until repainted, {claims:,} vs 500 claims (p50)",
        ours,
        base,
        "≤ 1.1× (flat); p95 ≤ 16 ms" if tag == "M" else "≤ 1.1× (flat)",
        holds,
        detail={"p95_ms": p95(big) * 1000, "baseline_p95_ms": p95(small) * 1000},
    )


KEYS = "officials"


def keystrokes() -> list[str]:
    """The filter's text after each keystroke: a word typed, then erased."""
    typed = [KEYS[: i + 1] for i in range(len(KEYS))]
    return typed + typed[-2::-1] + [""]


def p3(app: QApplication, claims: list[Any], info: Any, rounds: int) -> Result:
    from annotator.ui.widgets.claims_panel import ClaimsPanel

    panel = ClaimsPanel()
    panel.resize(520, 800)
    panel.set_claims(claims, info)
    panel.show()
    settle(app)
    ours = _type(app, panel.table.viewport(), panel.search.setText, rounds)
    panel.close()
    panel.deleteLater()
    texts = [
        " ".join((c.quote, c.summary, c.notes, c.claimant.name, " ".join(c.tags))) for c in claims
    ]
    model = QStringListModel(texts)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QListView()
    view.setUniformItemSizes(True)
    view.setModel(proxy)
    view.resize(520, 800)
    view.show()
    settle(app)
    bare = _type(app, view.viewport(), proxy.setFilterFixedString, rounds)
    view.close()
    settle(app)
    return Result(
        "P3",
        f"one keystroke in the claims filter, {len(claims):,} claims (p95)",
        p95(ours),
        p95(bare),
        "p95 ≤ 16 ms",
        p95(ours) <= 0.016,
        detail={"p50_ms": median(ours) * 1000},
    )


def _type(app: QApplication, viewport: Any, set_text: Any, rounds: int) -> list[float]:
    watch = PaintWatch(app, lambda w: w is viewport)
    times = []
    for _ in range(rounds):
        for text in keystrokes():
            before = watch.count
            start = time.perf_counter()
            set_text(text)
            try:
                times.append(watch.wait(before, timeout=2) - start)
            except TimeoutError:
                times.append(time.perf_counter() - start)
    watch.close()
    return times


def p10(app: QApplication, project: Path, steps: int = 60) -> Result:
    """Scroll the article a page at a time, timing each paint, in turns with a plain
    QTextEdit holding the same text (so a noisy moment hits both)."""
    window = open_window(app)
    window.open_path(project)
    wait_until(app, lambda: fully_highlighted(window))
    article = window.workbench.article
    edit = QTextEdit()
    edit.resize(article.size())
    edit.setPlainText(first_text(project))
    edit.show()
    settle(app)
    ours: list[float] = []
    bare: list[float] = []
    for view in (article, edit):
        view.verticalScrollBar().setValue(0)
    settle(app)
    for _ in range(steps):
        for view, times in ((article, ours), (edit, bare)):
            bar = view.verticalScrollBar()
            bar.setValue(bar.value() + bar.pageStep())
            start = time.perf_counter()
            view.viewport().repaint()
            times.append(time.perf_counter() - start)
    window.close_project()
    window.close()
    edit.close()
    settle(app)
    return Result(
        "P10",
        "scroll through the article, each paint (p95)",
        p95(ours),
        p95(bare),
        "≤ 1.3× plain QTextEdit",
        p95(ours) <= 1.3 * p95(bare),
    )


def highlighting(app: QApplication, text: str, count: int = 5000) -> list[Result]:
    """E1: the interval-index highlighter vs 5,000 ExtraSelections; E2: adding one highlight
    vs re-highlighting all (DESIGN.md, "Highlights")."""
    from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor

    from annotator.domain.body import plain_body
    from annotator.domain.text import Utf16Index
    from annotator.ui.widgets.article_document import build_text_document
    from annotator.ui.widgets.highlighter import ClaimHighlighter, Span

    blocks = plain_body(text)
    index = Utf16Index(text)
    step = len(text) // count
    colors = ["#2e7d32", "#c62828", "#f9a825", "#9e9e9e"]
    spans = [
        Span(index.to_utf16(i * step), index.to_utf16(i * step + 40), f"c{i}", colors[i % 4])
        for i in range(count)
    ]
    view = QTextEdit()
    view.resize(900, 700)

    def with_highlighter() -> Any:
        document = build_text_document(blocks, base_font=view.font(), spaced=False)
        highlighter = ClaimHighlighter(document)
        highlighter.set_spans(spans)
        view.setDocument(document)
        app.processEvents()
        return highlighter

    def with_extra_selections() -> None:
        document = build_text_document(blocks, base_font=view.font(), spaced=False)
        view.setDocument(document)
        selections = []
        for span in spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(span.start)
            cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(span.color))
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        view.setExtraSelections(selections)
        app.processEvents()

    base = min(_seconds(with_extra_selections) for _ in range(3))
    ours = min(_seconds(with_highlighter) for _ in range(3))
    highlighter = with_highlighter()
    extra = Span(spans[10].start + 50, spans[10].start + 90, "new", "#000000")
    full = min(_seconds(lambda: highlighter.set_spans(spans)) for _ in range(5))
    one = min(_seconds(lambda: highlighter.upsert(extra)) for _ in range(20))
    return [
        Result("E1", "highlight 1 MB, 5,000 claims (vs ExtraSelections)", ours, base,
               "< 1×", ours < base),
        Result("E2", "add one highlight (vs re-highlighting all)", one, full,
               "≤ 0.01×", one <= 0.01 * full),
    ]  # fmt: skip


def _seconds(work: Any) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start
