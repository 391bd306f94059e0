"""Text from articles (titles, authors, quotes, URLs) is shown as text: a hostile page title
such as <img src="/local/file.png"> never renders, and so never loads a local file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.ui.main_window import MainWindow
from annotator.ui.plain import safe
from tests.ui.conftest import DialogRecorder

HOSTILE = '<img src="{image}" width=400 height=300>Breaking news'


def test_safe_keeps_plain_text_and_escapes_markup() -> None:
    assert safe("Plain title, a < b") == "Plain title, a < b"
    escaped = safe('<img src="/x.png">Hi')
    assert "<img" not in escaped
    assert "&lt;img" in escaped


def test_hostile_page_title_and_author_are_plain_text(
    qtbot: QtBot, open_project: MainWindow, tmp_path: Path, dialogs: DialogRecorder
) -> None:
    image = tmp_path / "secret.png"
    from PySide6.QtGui import QColor, QImage

    picture = QImage(400, 300, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    picture.save(str(image))
    hostile = HOSTILE.format(image=image)
    page = tmp_path / "page.html"
    escaped = hostile.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    page.write_text(
        f"<html><head><title>{escaped}</title><meta name='author' content='{escaped}'></head>"
        "<body><article><h1>Headline</h1><p>"
        + "A long enough paragraph of article text to be kept by the extractor. " * 8
        + f"Quote: {escaped}.</p></article></body></html>",
        encoding="utf-8",
    )
    open_project.documents.add_article(page)
    bench = open_project.workbench
    assert bench is not None
    assert bench.current_document is not None
    assert bench.title.textFormat() == Qt.TextFormat.PlainText
    assert bench.byline.textFormat() == Qt.TextFormat.PlainText
    # A rendered 400x300 image would make the label at least that tall.
    assert bench.title.sizeHint().height() < 100
    assert bench.byline.sizeHint().height() < 100
    text = bench.current_document.text
    start = text.index("<img")
    bench.article.select_offsets(start, start + len(hostile))
    bench.create_claim_from_selection()
    assert bench.editor.quote.textFormat() == Qt.TextFormat.PlainText
    assert bench.editor.quote.sizeHint().height() < 100
    open_project.documents.delete_document()
    assert "<img" not in dialogs.messages[-1][1]
