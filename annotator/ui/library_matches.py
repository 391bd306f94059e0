"""The window's link to the claim library: finding what was checked before for the selected
claim in a worker thread, and keeping the library up to date as verdicts are edited.

Matching reads the library through a connection of its own, opened in the worker thread (the
library is its own SQLite file, never the project's, so no project session crosses threads).
Only the latest request counts: a claim selected while another is being matched replaces it.
Results come back as a queued Qt signal. Writes (a verdict set or cleared, a project's
verdicts when it opens) go, in order, through a second thread with a connection of its own:
another process writing to the library (a `library import` of a large feed) makes a write
wait for seconds, and a project of thousands of rated claims takes a second or more to store;
neither may hold the window. WAL lets reads and writes work at once.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from annotator.domain.library import Match
from annotator.domain.model import Claim, ProjectInfo
from annotator.errors import AnnotatorError

TOP = 5
# A project's claims to store: the project, its settings, the claims, the ids of removed ones.
_Sync = tuple[Path, ProjectInfo, tuple[Claim, ...], tuple[str, ...]]


class _Relay(QObject):
    """Carries results from the worker thread to the UI thread (a queued connection)."""

    found = Signal(str, object)  # claim id, list[Match]
    failed = Signal(str)
    synced = Signal()


class _Writer:
    """A daemon thread storing projects' verdicts in the library, in the order they came."""

    def __init__(self, path: Path, relay: _Relay) -> None:
        self._path, self._relay = path, relay
        self._jobs: queue.SimpleQueue[_Sync | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="library-writes", daemon=True)
        self._thread.start()

    def put(self, job: _Sync) -> None:
        self._jobs.put(job)

    def stop(self) -> None:
        """Stop once the writes asked for so far are done."""
        self._jobs.put(None)

    def _run(self) -> None:
        from annotator.services.library import ClaimLibrary

        library: ClaimLibrary | None = None
        try:
            while (job := self._jobs.get()) is not None:
                try:
                    if library is None:
                        library = ClaimLibrary.open(self._path)
                    library.sync_claims(*job)
                except AnnotatorError as exc:
                    self._relay.failed.emit(str(exc))
                    continue
                self._relay.synced.emit()
        finally:
            if library is not None:
                library.close()


class _Worker:
    """A daemon thread matching the latest requested text against the library."""

    def __init__(self, path: Path, relay: _Relay) -> None:
        self._path, self._relay = path, relay
        self._wake = threading.Condition()
        self._request: tuple[str, str] | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="library-matches", daemon=True)
        self._thread.start()

    def ask(self, key: str, text: str) -> None:
        with self._wake:
            self._request = (key, text)
            self._wake.notify()

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._wake.notify()

    def _next(self) -> tuple[str, str] | None:
        with self._wake:
            while self._request is None and not self._stopped:
                self._wake.wait()
            request, self._request = self._request, None
            return None if self._stopped else request

    def _run(self) -> None:
        from annotator.services.library import ClaimLibrary
        from annotator.services.matching import Matcher

        try:
            library = ClaimLibrary.open(self._path)
        except AnnotatorError as exc:
            self._relay.failed.emit(str(exc))
            return
        matcher = Matcher(library)
        try:
            while (request := self._next()) is not None:
                key, text = request
                try:
                    matches = matcher.match(text, TOP + 1)
                except AnnotatorError as exc:
                    self._relay.failed.emit(str(exc))
                    continue
                self._relay.found.emit(key, matches)
        finally:
            library.close()


class _Connections:
    """The matching and the writing threads: plain Python, so they can be shut when the
    window's object is destroyed."""

    def __init__(self, path: Path, relay: _Relay) -> None:
        self.path, self.relay = path, relay
        self.worker: _Worker | None = None
        self.writer: _Writer | None = None

    def ask(self, key: str, text: str) -> None:
        if self.worker is None:
            self.worker = _Worker(self.path, self.relay)
        self.worker.ask(key, text)

    def write(self, job: _Sync) -> None:
        if self.writer is None:
            self.writer = _Writer(self.path, self.relay)
        self.writer.put(job)

    def close(self, _destroyed: object = None) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
        if self.writer is not None:
            self.writer.stop()
            self.writer = None


class LibraryMatches(QObject):
    """Asks for matches (``ask``), announces them (``found``), and stores verdicts."""

    found = Signal(str, object)  # claim id, list[Match] (the claim's own entry left out)
    failed = Signal(str)
    synced = Signal()  # a write asked for by ``sync`` is stored

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay()  # no parent: the worker may outlive this object briefly
        self._relay.found.connect(self._on_found)
        self._relay.failed.connect(self.failed)
        self._relay.synced.connect(self.synced)
        self._connections = _Connections(path, self._relay)
        self.destroyed.connect(self._connections.close)

    def ask(self, claim: Claim) -> None:
        """Match the claim's quote and summary; ``found`` follows."""
        self._connections.ask(claim.id, f"{claim.quote}\n{claim.summary}".strip())

    def sync(
        self, project: Path, info: ProjectInfo, claims: Iterable[Claim], removed: Iterable[str] = ()
    ) -> None:
        """Store what the project's claims now say (rated ones in, unrated or removed out),
        in the writing thread; ``synced`` follows, or ``failed``."""
        self._connections.write((project, info, tuple(claims), tuple(removed)))

    def stop(self) -> None:
        self._connections.close()

    def _on_found(self, claim_id: str, matches: list[Match]) -> None:
        own = [m for m in matches if m.entry.claim_id != claim_id]
        self.found.emit(claim_id, own[:TOP])
