"""Fixtures for widget tests: a main window on a fresh project or on the sample, with the
modal dialogs the tests do not drive replaced by recorders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.services import Workspace
from annotator.settings import Settings
from annotator.ui.main_window import MainWindow


class DialogRecorder:
    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []
        self.defaults: list[object] = []  # each question's default button
        self.answer = QMessageBox.StandardButton.Cancel

    def warning(
        self, _parent: object, title: str, text: str, *_args: object
    ) -> QMessageBox.StandardButton:
        self.messages.append((title, text))
        return QMessageBox.StandardButton.Ok

    def text(self, _parent: object, title: str, label: str, *_args: object) -> tuple[str, bool]:
        """An input box (the checker's name before the first verdict): cancelled."""
        self.messages.append((title, label))
        return "", False

    def question(
        self, _parent: object, title: str, text: str, *args: object
    ) -> QMessageBox.StandardButton:
        self.messages.append((title, text))
        self.defaults.append(args[1] if len(args) > 1 else None)
        return self.answer


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogRecorder:
    recorder = DialogRecorder()
    monkeypatch.setattr(QMessageBox, "warning", recorder.warning)
    monkeypatch.setattr(QMessageBox, "critical", recorder.warning)
    monkeypatch.setattr(QMessageBox, "information", recorder.warning)
    monkeypatch.setattr(QMessageBox, "question", recorder.question)
    monkeypatch.setattr(QInputDialog, "getText", recorder.text)
    return recorder


@pytest.fixture
def window(qtbot: QtBot, dialogs: DialogRecorder) -> Iterator[MainWindow]:
    win = MainWindow(Settings())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    # Window shortcuts (Ctrl+E, Ctrl+1…) fire only in the active window.
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
    yield win
    win.close()


@pytest.fixture
def sample_window(window: MainWindow) -> MainWindow:
    window.open_sample()
    assert window.workbench is not None
    return window


@pytest.fixture
def open_project(window: MainWindow, tmp_path: Path) -> MainWindow:
    window.set_workspace(Workspace.create(tmp_path / "w.factcheck", "Widget test"))
    return window
