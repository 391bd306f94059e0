"""The app opens the last project right after the window's first frame, not before it."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from annotator.ui.first_paint import after_first_paint


def test_work_runs_once_after_the_first_paint(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    ran: list[bool] = []
    painted: list[bool] = []
    original = window.paintEvent

    def paint(event: object) -> None:
        painted.append(True)
        original(event)  # type: ignore[arg-type]

    window.paintEvent = paint  # type: ignore[method-assign]
    after_first_paint(window, lambda: ran.append(bool(painted)))
    assert not ran
    window.show()
    qtbot.waitUntil(lambda: bool(ran), timeout=5000)
    window.update()
    qtbot.wait(50)
    assert ran == [True]  # once, and only after a frame was painted


def test_work_runs_even_if_the_window_never_paints(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    ran: list[bool] = []
    after_first_paint(window, lambda: ran.append(True))
    qtbot.waitUntil(lambda: bool(ran), timeout=5000)
    assert ran == [True]
