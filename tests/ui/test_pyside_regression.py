"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every QTextCursor.setPosition
and aborts the process after a few thousand calls (DESIGN.md, pitfalls). The dependency pins
that version out; this test would crash the test process if it came back."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument


def test_set_position_100_000_times() -> None:
    document = QTextDocument("x" * 1000)
    cursor = QTextCursor(document)
    for i in range(100_000):
        cursor.setPosition(i % 1000)
    assert cursor.position() == 99_999 % 1000
