"""The window's link to the claim library: finding what was checked before for the selected
claim in a worker thread, and keeping the library up to date as verdicts are edited.

Matching reads the library through a connection of its own, opened in the worker thread (the
library is its own SQLite file, never the project's, so no project session crosses threads).
Only the latest request counts: a claim selected while another is being matched replaces it.
Results come back as a queued Qt signal. Writes (a verdict set or cleared) go through a
second connection on the UI thread; WAL lets both work at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from annotator.domain.library import Match
from annotator.domain.model import Claim, ProjectInfo
from annotator.errors import AnnotatorError

if TYPE_CHECKING:
    from annotator.services.library import ClaimLibrary

TOP = 5


class _Relay(QObject):
    """Carries results from the worker thread to the UI thread (a queued connection)."""

    found = Signal(str, object)  # claim id, list[Match]
    failed = Signal(str)


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
    """The worker and the UI thread's library connection: plain Python, so they can be shut
    when the window's object is destroyed."""

    def __init__(self, path: Path, relay: _Relay) -> None:
        self.path, self.relay = path, relay
        self.worker: _Worker | None = None
        self.library: ClaimLibrary | None = None

    def ask(self, key: str, text: str) -> None:
        if self.worker is None:
            self.worker = _Worker(self.path, self.relay)
        self.worker.ask(key, text)

    def writer(self) -> ClaimLibrary:
        if self.library is None:
            from annotator.services.library import ClaimLibrary

            self.library = ClaimLibrary.open(self.path)
        return self.library

    def close(self, _destroyed: object = None) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
        if self.library is not None:
            self.library.close()
            self.library = None


class LibraryMatches(QObject):
    """Asks for matches (``ask``), announces them (``found``), and stores verdicts."""

    found = Signal(str, object)  # claim id, list[Match] (the claim's own entry left out)
    failed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay()  # no parent: the worker may outlive this object briefly
        self._relay.found.connect(self._on_found)
        self._relay.failed.connect(self.failed)
        self._connections = _Connections(path, self._relay)
        self.destroyed.connect(self._connections.close)

    def ask(self, claim: Claim) -> None:
        """Match the claim's quote and summary; ``found`` follows."""
        self._connections.ask(claim.id, f"{claim.quote}\n{claim.summary}".strip())

    def sync(
        self, project: Path, info: ProjectInfo, claims: Iterable[Claim], removed: Iterable[str] = ()
    ) -> None:
        """Store what the project's claims now say (rated ones in, unrated or removed out)."""
        self._connections.writer().sync_claims(project, info, claims, removed)

    def stop(self) -> None:
        self._connections.close()

    def _on_found(self, claim_id: str, matches: list[Match]) -> None:
        own = [m for m in matches if m.entry.claim_id != claim_id]
        self.found.emit(claim_id, own[:TOP])
