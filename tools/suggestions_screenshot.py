"""Make docs/screenshots/suggestions.png: the window on the sample article with one claim
made and the claim suggestions shown as ghost highlights, the current one's tooltip open.
Offscreen (``QWidget.grab()``), no display needed.

Usage: python tools/suggestions_screenshot.py [OUT.png]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QRect  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QWidget  # noqa: E402

from annotator.domain.suggestions import Suggestion  # noqa: E402
from annotator.paths import sample_article  # noqa: E402
from annotator.services import Workspace  # noqa: E402
from annotator.settings import Settings  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402
from annotator.ui.widgets import suggestion_marks  # noqa: E402
from annotator.ui.widgets.article_view import ArticleView  # noqa: E402

DEFAULT_OUT = ROOT / "docs" / "screenshots" / "suggestions.png"


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else DEFAULT_OUT
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ANNOTATOR_HOME"] = folder
        project = Path(folder) / "Pakistan–Russia.factcheck"
        with Workspace.create(project, "Pakistan–Russia relations") as workspace:
            document = workspace.documents.add_file(sample_article())
            workspace.claims.add_by_quote(
                document.id, "both the countries are on path of solidifying their relations"
            )
        window = MainWindow(Settings())
        window.resize(1280, 760)
        window.open_path(project)
        window.show()
        bench = window.workbench
        assert bench is not None
        bench.suggester.show()
        bench.suggestion_bar.count.setValue(5)
        current = bench.article.suggestions.current or bench.article.suggestions.suggestions[0]
        bench.article.go_to_suggestion(current)
        app.processEvents()
        picture = window.grab()
        _draw_tooltip(picture, window, bench.article, current)
        out.parent.mkdir(parents=True, exist_ok=True)
        picture.save(str(out))
        window.close()
    print(out)
    return 0


def _draw_tooltip(
    picture: QPixmap, window: QWidget, view: ArticleView, suggestion: Suggestion
) -> None:
    """Paint the hover tooltip into the picture (an offscreen grab does not include popups)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view._to_qt(suggestion.end))
    rect = view.cursorRect(cursor)
    at = view.viewport().mapTo(window, rect.bottomLeft() + QPoint(-300, 8))
    label = QLabel(suggestion_marks.tooltip(suggestion))
    label.setStyleSheet(
        "QLabel { background: #ffffe1; color: black; border: 1px solid #888; padding: 4px; }"
    )
    label.setWordWrap(True)
    label.setFixedWidth(430)
    label.adjustSize()
    painter = QPainter(picture)
    painter.fillRect(QRect(at + QPoint(3, 3), label.size()), QColor(0, 0, 0, 60))
    label.render(painter, at)
    painter.end()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
