"""The article view: the document's text, read-only, with claims highlighted.

It shows what the importer produced and nothing more: no resource is ever loaded (images,
stylesheets), and a link opens only on click, after the window asks, and only for http(s).
Positions cross the Qt boundary here: the view speaks code-point offsets to the rest of the
app and UTF-16 positions to Qt.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from annotator.domain.body import Block
from annotator.domain.model import AnchorState, Claim, Document, ProjectInfo
from annotator.domain.suggestions import Suggestion
from annotator.domain.text import Utf16Index, snap_to_words
from annotator.ui.widgets import suggestion_marks
from annotator.ui.widgets.article_document import DocumentBuilder, new_text_document
from annotator.ui.widgets.highlighter import UNRATED_HIGHLIGHT, ClaimHighlighter, Span

MIN_ZOOM, MAX_ZOOM = -5, 10
MEASURE_CHARS = 80


class ArticleView(QTextEdit):
    claim_clicked = Signal(str)
    link_clicked = Signal(str)
    create_claim_requested = Signal()
    suggestion_clicked = Signal(object)  # a Suggestion
    suggestion_accept_requested = Signal(object)  # Enter on a Suggestion
    suggestion_dismiss_requested = Signal(object)  # Backspace on a Suggestion

    zoom_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base_point_size = self.font().pointSizeF()
        self.zoom_steps = 0
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setObjectName("articleView")
        self.setAccessibleName("Article")
        self.setMouseTracking(True)
        self._document: Document | None = None
        self._index = Utf16Index("")
        self._claims: dict[str, Claim] = {}
        self._info: ProjectInfo | None = None
        # The colour of each rating key, for the settings they were taken from.
        self._colors: tuple[ProjectInfo | None, dict[str, str]] | None = None
        self._highlighter: ClaimHighlighter | None = None
        self._builder: DocumentBuilder | None = None
        self._pending: list[Block] = []  # blocks still to show, in order
        self._loader = QTimer(self)
        self._loader.setSingleShot(True)
        self._loader.timeout.connect(self._load_more)
        self._press = QPoint()
        self._after_paint: list[Callable[[], None]] = []
        # False where the view only shows (an earlier revision): no "Mark as claim" there.
        self.offers_claims = True
        self.suggestions = suggestion_marks.SuggestionMarks(self, self._to_qt)
        self.setPlaceholderText("No article in this project yet: use Document › Import article…")

    # The rest of the app speaks code points; Qt speaks UTF-16.

    @property
    def article(self) -> Document | None:
        return self._document

    def show_document(
        self, document: Document | None, claims: list[Claim], info: ProjectInfo
    ) -> None:
        """Show an article with its claims highlighted. A long article shows progressively:
        the first screenful at once, highlighted, the rest appended a batch at a time from the
        event loop; anything that needs a position further on loads the rest first."""
        self.suggestions.clear()
        self._document = document
        self._info = info
        self._loader.stop()
        self._pending = []
        self._builder = None
        if document is None:
            self.setDocument(QTextDocument(self))
            self._highlighter = None
            self._claims = {}
            self._index = Utf16Index("")
            return
        self._index = Utf16Index(document.text)
        qdoc = new_text_document(self.font())
        qdoc.setParent(self)
        # The highlighter sees the spans before any text: each block is formatted once, as it
        # is added (setting spans on the finished document would format every block twice).
        self._highlighter = ClaimHighlighter(qdoc)
        self._claims = {c.id: c for c in claims if c.anchor_state is not AnchorState.ORPHANED}
        self._highlighter.set_spans([self._span(c) for c in self._claims.values()])
        self._builder = DocumentBuilder(
            qdoc,
            base_font=self.font(),
            direction=document.info.direction,
            spaced=document.info.format not in ("text", "news"),
        )
        blocks = list(document.blocks)
        first = _first_screen(blocks) if len(document.text) > PROGRESSIVE_CHARS else len(blocks)
        self._builder.append(blocks[:first])
        self._pending = blocks[first:]
        self.setDocument(qdoc)
        if self._pending:
            self._loader.start(0)

    def set_claims(self, claims: list[Claim]) -> None:
        """Highlight these claims (all the article's) instead of those shown: the article can
        be shown first, with no claims, and its claims given once loaded; the blocks shown so
        far are highlighted now, the rest as they come."""
        if self._highlighter is None:
            return
        self._claims = {c.id: c for c in claims if c.anchor_state is not AnchorState.ORPHANED}
        self._highlighter.set_spans([self._span(c) for c in self._claims.values()])

    def after_next_paint(self, work: Callable[[], None]) -> None:
        """Run ``work`` once the view has painted its next frame (or after a moment at the
        latest, if it is not on screen): what can wait for the reader's first look."""
        self._after_paint.append(work)
        QTimer.singleShot(PAINT_FALLBACK_MS, self, self._run_after_paint)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._after_paint:
            QTimer.singleShot(0, self, self._run_after_paint)

    def _run_after_paint(self) -> None:
        waiting, self._after_paint = self._after_paint, []
        for work in waiting:
            work()

    def fully_highlighted(self) -> bool:
        """Whether the whole article is shown and highlighted (a long one loads in batches)."""
        return not self._pending

    def finish_loading(self) -> None:
        """Show the rest of a progressively loading article now."""
        if self._pending and self._builder is not None:
            self._loader.stop()
            pending, self._pending = self._pending, []
            self._builder.append(pending)

    def _load_more(self) -> None:
        if not self._pending or self._builder is None:
            return
        batch = _batch(self._pending)
        self._builder.append(self._pending[:batch])
        del self._pending[:batch]
        if self._pending:
            self._loader.start(0)

    def set_zoom(self, steps: int) -> None:
        """Show the article ``steps`` tenths larger (negative: smaller) than the system
        font, within -5 … +10; the article is laid out again so headings scale too."""
        steps = max(MIN_ZOOM, min(MAX_ZOOM, steps))
        if steps == self.zoom_steps:
            return
        self.zoom_steps = steps
        font = self.font()
        font.setPointSizeF(self._base_point_size * (1 + steps / 10))
        self.setFont(font)
        self._fit_measure()
        if self._document is not None and self._info is not None:
            self.show_document(self._document, list(self._claims.values()), self._info)
        self.zoom_changed.emit(steps)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_measure()
        super().resizeEvent(event)

    def _fit_measure(self) -> None:
        """Keep lines to about MEASURE_CHARS characters (a comfortable measure): a wider view
        centres the column between equal margins instead of stretching every line."""
        column = self.fontMetrics().averageCharWidth() * MEASURE_CHARS + 2 * 24 + 2
        spare = max(0, self.width() - self.verticalScrollBar().sizeHint().width() - column)
        side = spare // 2
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = 1 if event.angleDelta().y() > 0 else -1
            self.set_zoom(self.zoom_steps + step)
            event.accept()
            return
        super().wheelEvent(event)

    def set_project_info(self, info: ProjectInfo) -> None:
        """New settings: re-highlight only if a colour of a shown claim changed."""
        self._info = info
        if self._highlighter is None:
            return
        spans = [self._span(c) for c in self._claims.values()]
        highlighter = self._highlighter
        if any(getattr(highlighter.span(s.claim_id), "color", None) != s.color for s in spans):
            highlighter.set_spans(spans)

    def upsert_claim(self, claim: Claim) -> None:
        if (
            self._highlighter is None
            or self._document is None
            or claim.document_id != self._document.id
        ):
            return
        if claim.anchor_state is AnchorState.ORPHANED:
            self.remove_claim(claim.id)
            return
        self._claims[claim.id] = claim
        self._highlighter.upsert(self._span(claim))

    def remove_claim(self, claim_id: str) -> None:
        if self._highlighter is not None and self._claims.pop(claim_id, None) is not None:
            self._highlighter.remove(claim_id)

    def select_claim(self, claim_id: str | None, *, scroll: bool = True) -> None:
        if self._highlighter is None:
            return
        self._highlighter.select(claim_id)
        claim = self._claims.get(claim_id) if claim_id else None
        if claim is not None and scroll:
            self.scroll_to(claim.start, claim.end)

    def scroll_to(self, start: int, end: int) -> None:
        """Bring code points ``[start, end)`` to the middle of the view."""
        self._reach(end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._index.to_utf16(start))
        top = self.cursorRect(cursor).top()
        cursor.setPosition(self._index.to_utf16(end))
        bottom = self.cursorRect(cursor).bottom()
        bar = self.verticalScrollBar()
        middle = (top + bottom) // 2
        bar.setValue(bar.value() + middle - self.viewport().height() // 2)

    def selection_offsets(self) -> tuple[int, int] | None:
        """The selected text as code-point offsets, trimmed of surrounding white space and
        widened to whole words: a claim made or moved from a selection never cuts a word."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self._document is None:
            return None
        start = self._index.from_utf16(cursor.selectionStart())
        end = self._index.from_utf16(cursor.selectionEnd())
        start, end = snap_to_words(self._document.text, start, end)
        return (start, end) if start < end else None

    def offset_of(self, position: int) -> int:
        """The code-point offset of a Qt (UTF-16) position."""
        return self._index.from_utf16(position)

    def _to_qt(self, offset: int) -> int:
        self._reach(offset)  # a mark further on than the text shown so far: show the rest
        return self._index.to_utf16(offset)

    def suggestion_at_cursor(self) -> Suggestion | None:
        """The suggestion the text cursor is on (keyboard), if any."""
        return self.suggestions.at(self.offset_of(self.textCursor().position()))

    def suggestion_at(self, point: QPoint) -> Suggestion | None:
        """The suggestion under a viewport point (the mouse), if any."""
        cursor = self.cursorForPosition(point)
        offset = self.offset_of(cursor.position())
        found = self.suggestions.at(offset)
        # cursorForPosition rounds to the nearest gap: past a sentence's end is not on it.
        return found if found is not None and offset < found.end else None

    def go_to_suggestion(self, suggestion: Suggestion) -> None:
        """Make a suggestion current, put the text cursor at its start and show it."""
        self.suggestions.set_current(suggestion)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._to_qt(suggestion.start))
        self.setTextCursor(cursor)
        self.scroll_to(suggestion.start, suggestion.end)

    def select_offsets(self, start: int, end: int) -> None:
        self._reach(end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._index.to_utf16(start))
        cursor.setPosition(self._index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        """Deselect the text, leaving the view where it is."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    def claim_ids_at(self, point: QPoint) -> list[str]:
        if self._highlighter is None:
            return []
        position = self.cursorForPosition(point).position()
        return [s.claim_id for s in self._highlighter.spans_at(position)]

    def _reach(self, offset: int) -> None:
        """Load the rest of the article if code point ``offset`` is not shown yet."""
        if self._pending and self._index.to_utf16(offset) >= self.document().characterCount() - 1:
            self.finish_loading()

    def loadResource(self, _type: int, _name: QUrl | str) -> object:
        # Never load anything the importer did not embed (it embeds nothing).
        return None

    def _span(self, claim: Claim) -> Span:
        colors = self._colors
        if colors is None or colors[0] is not self._info:
            scale = self._info.scale if self._info else ()
            colors = self._colors = (self._info, {r.key: r.color for r in scale})
        verdict = claim.verdict
        return Span(
            self._index.to_utf16(claim.anchor.start),
            self._index.to_utf16(claim.anchor.end),
            claim.id,
            colors[1].get(verdict.rating, UNRATED_HIGHLIGHT) if verdict else UNRATED_HIGHLIGHT,
        )

    # Events

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._show_tooltip(event)
            return True
        return super().event(event)

    def _show_tooltip(self, event: QHelpEvent) -> None:
        text = self.tooltip_at(self.viewport().mapFromGlobal(event.globalPos()))
        if text:
            QToolTip.showText(event.globalPos(), text, self)
        else:
            QToolTip.hideText()

    def tooltip_at(self, point: QPoint) -> str:
        """The verdict and summary of the claims under a viewport point (innermost first)."""
        lines = []
        for claim_id in self.claim_ids_at(point)[:3]:
            claim = self._claims[claim_id]
            rating = (
                self._info.rating(claim.rating_key) if self._info and claim.rating_key else None
            )
            verdict = rating.label if rating else "Unrated"
            summary = claim.summary or claim.quote
            lines.append(f"<b>{_escape(verdict)}</b> — {_escape(summary[:160])}")
        if not lines:
            suggestion = self.suggestion_at(point)
            return suggestion_marks.tooltip(suggestion) if suggestion else ""
        return "<br>".join(lines)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter and Backspace act on the suggested claim under the cursor (the view is
        read-only, so they do nothing else here)."""
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Backspace):
            suggestion = self.suggestion_at_cursor()
            if suggestion is not None:
                if key == Qt.Key.Key_Backspace:
                    self.suggestion_dismiss_requested.emit(suggestion)
                else:
                    self.suggestion_accept_requested.emit(suggestion)
                return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        moved = (event.position().toPoint() - self._press).manhattanLength() > 3
        if moved or self.textCursor().hasSelection():
            return
        href = self.anchorAt(event.position().toPoint())
        if href:
            self.link_clicked.emit(href)
            return
        ids = self.claim_ids_at(event.position().toPoint())
        if ids:
            self.claim_clicked.emit(ids[0])
            return
        suggestion = self.suggestion_at(event.position().toPoint())
        if suggestion is not None:
            self.suggestion_clicked.emit(suggestion)

    def context_menu(self, position: QPoint) -> QMenu:
        """Copy, Select All and, where claims are made, Mark as claim."""
        menu = self.createStandardContextMenu(position)
        if self.offers_claims:
            menu.addSeparator()
            action = menu.addAction("Mark as claim")
            action.setShortcut(QKeySequence("Ctrl+E"))
            action.setEnabled(self.selection_offsets() is not None)
            action.triggered.connect(self.create_claim_requested)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()


PAINT_FALLBACK_MS = 150
PROGRESSIVE_CHARS = 100_000
"""Articles longer than this show progressively; shorter ones at once."""
FIRST_SCREEN_CHARS = 12_000
BATCH_CHARS = 60_000


def _first_screen(blocks: list[Block]) -> int:
    """How many blocks fill more than a screen, however tall the window."""
    return _batch(blocks, FIRST_SCREEN_CHARS)


def _batch(blocks: list[Block], chars: int = BATCH_CHARS) -> int:
    total = 0
    for count, block in enumerate(blocks, 1):
        total += len(block.text) + 1
        if total >= chars:
            return count
    return len(blocks)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
