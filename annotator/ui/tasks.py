"""Long work off the UI thread: a worker thread, a progress dialog that can cancel it, and the
window kept responsive meanwhile.

Only pure work runs in the thread (parsing an article, rendering a report); database calls stay
on the UI thread, so no session ever crosses threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator import errors

T = TypeVar("T")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


# The user pressed Cancel: whether the work noticed and stopped (an importer raising its own
# Cancelled) or finished anyway, the caller sees this one class.
TaskCancelled = errors.Cancelled


class _Worker(QThread, Generic[T]):
    progressed = Signal(int, int)

    def __init__(self, work: Callable[[Progress, Cancelled], T], stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._stop = stop
        self.result: T | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._work(self.progressed.emit, self._stop.is_set)
        except BaseException as exc:  # handed to the UI thread, re-raised there
            self.error = exc


def run_task(
    parent: QWidget | None,
    label: str,
    work: Callable[[Progress, Cancelled], T],
    *,
    show_after_ms: int = 300,
) -> T:
    """Run ``work(progress, cancelled)`` in a thread while a progress dialog shows; return its
    result or raise its exception (TaskCancelled when the user cancelled)."""
    stop = threading.Event()
    worker: _Worker[T] = _Worker(work, stop)
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Annotator")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(show_after_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    loop = QEventLoop()

    def on_progress(done: int, total: int) -> None:
        if dialog.wasCanceled():
            stop.set()
            return
        dialog.setMaximum(total)
        dialog.setValue(done)

    worker.progressed.connect(on_progress, Qt.ConnectionType.QueuedConnection)
    worker.finished.connect(loop.quit)
    dialog.canceled.connect(stop.set)
    worker.start()
    # A started QProgressDialog shows itself after show_after_ms only when poked; the timer is
    # the dialog's child so it dies with it and never fires on a deleted dialog.
    poke = QTimer(dialog)
    poke.setSingleShot(True)
    poke.timeout.connect(lambda: dialog.setValue(dialog.value()))
    poke.start(show_after_ms)
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    cancelled = stop.is_set()
    dialog.canceled.disconnect(stop.set)  # closing the dialog emits canceled too
    # The dialog's own show-timer would still pop it up, over whatever modal dialog comes next.
    poke.stop()
    dialog.reset()
    dialog.close()
    dialog.deleteLater()
    if worker.error is not None and not isinstance(worker.error, errors.Cancelled):
        raise worker.error
    if cancelled or worker.error is not None:
        # Work that finished anyway after Cancel is discarded: the user asked not to have it.
        raise TaskCancelled("Cancelled.")
    return worker.result  # type: ignore[return-value]


@contextmanager
def busy() -> Iterator[None]:
    """The wait cursor for work that must stay on the UI thread (it reads the database) and may
    take a noticeable moment on a large project, such as gathering a report."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
