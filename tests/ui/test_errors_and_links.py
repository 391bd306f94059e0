"""Unexpected errors, links, paste, drop and cancellable background work."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from annotator.errors import AnnotatorError
from annotator.ui.error_handler import ErrorHandler
from annotator.ui.links import confirm_open_url
from annotator.ui.main_window import MainWindow
from annotator.ui.tasks import run_task
from tests.ui.conftest import DialogRecorder


def test_unexpected_error_is_logged_and_shown(tmp_path: Path, dialogs: DialogRecorder) -> None:
    import logging

    from annotator.ui.error_handler import setup_logging

    log = setup_logging(tmp_path / "logs")
    handler = ErrorHandler(log)
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError as exc:
        handler.handle(type(exc), exc, exc.__traceback__)
    title, text = dialogs.messages[-1]
    assert title == "Something went wrong"
    assert "ZeroDivisionError: boom" in text
    assert str(log) in text
    assert "Your work up to your last edit is saved" in text
    for handler_ in logging.getLogger().handlers:
        handler_.flush()
    assert "Traceback" in log.read_text()
    handler.handle(AnnotatorError, AnnotatorError("A clear message."), None)
    assert dialogs.messages[-1] == ("Annotator", "A clear message.")


def test_links_open_only_http_after_asking(
    qtbot: QtBot, window: MainWindow, dialogs: DialogRecorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert not confirm_open_url(window, "javascript:alert(1)")
    assert "opens only web links" in dialogs.messages[-1][1]
    assert not confirm_open_url(window, "file:///etc/passwd")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not confirm_open_url(window, "https://example.org/a")
    assert opened == []
    dialogs.answer = QMessageBox.StandardButton.Open
    assert confirm_open_url(window, "https://example.org/a")
    assert opened == [QUrl("https://example.org/a")]


def test_paste_text_as_a_new_article(qtbot: QtBot, open_project: MainWindow) -> None:
    QGuiApplication.clipboard().setText("Pasted article.\nThe rate rose 5% in March.")
    open_project.documents.paste_article()
    bench = open_project.workbench
    assert bench is not None
    assert bench.current_document is not None
    assert bench.current_document.text == "Pasted article.\nThe rate rose 5% in March."


def test_paste_rich_content(qtbot: QtBot, open_project: MainWindow) -> None:
    mime = QMimeData()
    mime.setHtml("<h1>Title</h1><p>Rich <b>text</b> with <script>alert(1)</script>a claim.</p>")
    mime.setText("Title\nRich text with a claim.")
    QGuiApplication.clipboard().setMimeData(mime)
    open_project.documents.paste_article()
    bench = open_project.workbench
    assert bench is not None
    assert bench.current_document is not None
    assert "alert" not in bench.current_document.text
    assert "Rich text with" in bench.current_document.text


def test_empty_clipboard_is_explained(
    qtbot: QtBot, open_project: MainWindow, dialogs: DialogRecorder
) -> None:
    QGuiApplication.clipboard().setText("   ")
    open_project.documents.paste_article()
    assert "holds no text" in dialogs.messages[-1][1]


def test_dropping_an_article_imports_it(
    qtbot: QtBot, open_project: MainWindow, tmp_path: Path
) -> None:
    article = tmp_path / "dropped.md"
    article.write_text("# Dropped\n\nA *claim* here.", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    open_project.dropEvent(event)
    bench = open_project.workbench
    assert bench is not None
    assert bench.current_document is not None
    assert bench.current_document.title == "Dropped"


def test_unreadable_article_is_explained(
    open_project: MainWindow, dialogs: DialogRecorder, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip at all")
    open_project.documents.add_article(broken)
    assert "broken.docx" in dialogs.messages[-1][1]


def test_cancelling_an_import_stops_it_quietly(
    qtbot: QtBot,
    open_project: MainWindow,
    dialogs: DialogRecorder,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import QTimer

    from annotator.formats import importers
    from annotator.formats.importers import ImportCancelled

    def slow_import(path: Path, *, progress, cancelled, **_kw):  # type: ignore[no-untyped-def]
        # As the PDF importer does: check between pages, stop with its own exception.
        for page in range(1000):
            if cancelled():
                raise ImportCancelled(f"Import of {path.name} was cancelled.")
            progress(page, 1000)
            time.sleep(0.01)
        raise AssertionError("the import was never cancelled")

    def press_cancel() -> None:
        dialog = open_project.findChild(QProgressDialog)
        assert dialog is not None
        button = dialog.findChild(QPushButton)
        assert button is not None
        assert button.text() == "Cancel"
        button.click()

    monkeypatch.setattr(importers, "import_file", slow_import)
    QTimer.singleShot(300, press_cancel)
    assert open_project.documents.read_article(tmp_path / "long.pdf") is None
    assert dialogs.messages == []  # a cancel is not an error
    assert open_project.statusBar().currentMessage() == "Import cancelled."
    assert run_task(open_project, "Quick", lambda _p, _c: "done") == "done"


def test_a_finished_task_leaves_no_progress_dialog_to_pop_up_later(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    shown: list[list[bool]] = []

    def task_then_a_modal_dialog() -> None:  # as the window does: from inside its event loop
        assert run_task(window, "Quick", lambda _p, _c: "done", show_after_ms=50) == "done"
        following = QDialog(window)

        def look() -> None:
            shown.append([d.isVisible() for d in window.findChildren(QProgressDialog)])
            following.accept()

        QTimer.singleShot(300, look)  # well past the moment the progress dialog would show
        following.exec()

    QTimer.singleShot(0, task_then_a_modal_dialog)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert not any(shown[0])


def test_failed_export_leaves_no_file(tmp_path: Path, sample_workspace) -> None:  # type: ignore[no-untyped-def]
    from annotator.errors import ReportError
    from annotator.services.exports import write_export

    target = tmp_path / "report.pdf"

    def broken(_report: object) -> bytes:
        raise ReportError("The printer failed.")

    with pytest.raises(ReportError, match="The printer failed"):
        write_export(sample_workspace, "pdf", target, pdf_renderer=broken)
    assert not target.exists()
    assert list(tmp_path.glob(".report.pdf.*")) == []


def test_busy_shows_the_wait_cursor_and_always_restores_it(qtbot: QtBot) -> None:
    from PySide6.QtGui import QGuiApplication

    from annotator.ui.tasks import busy

    shapes: list[Qt.CursorShape] = []

    def failing_work() -> None:
        with busy():
            cursor = QGuiApplication.overrideCursor()
            shapes.append(cursor.shape() if cursor is not None else Qt.CursorShape.ArrowCursor)
            raise RuntimeError("the work failed")

    assert QGuiApplication.overrideCursor() is None
    with pytest.raises(RuntimeError):
        failing_work()
    assert shapes == [Qt.CursorShape.WaitCursor]
    assert QGuiApplication.overrideCursor() is None
