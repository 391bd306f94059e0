"""Capturing a source from the web, on the checker's explicit request (never automatically).

The source's address is fetched with the standard library's HTTP client, following at most
``max_redirects`` redirects and only to http(s) addresses, within a size cap and a time cap for
the whole capture. What was exchanged becomes a WARC file (``formats/warc.py``), stored as one
snapshot with the page's extracted text. Fetching writes nothing; storing is one transaction,
so a capture that fails, is cancelled or is killed leaves the project as it was. Every failure
says what failed: the name lookup (DNS), the secure connection (TLS), the HTTP status, the size
or the time.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from urllib.parse import SplitResult, urljoin, urlsplit

from annotator import __version__
from annotator.domain.checks import check_url
from annotator.domain.snapshot import CaptureMethod, Snapshot
from annotator.domain.web import is_web_url
from annotator.errors import AnnotatorError, Cancelled
from annotator.formats.snapshot_text import snapshot_text
from annotator.formats.warc import (
    WARC_MEDIA_TYPE,
    Exchange,
    PayloadError,
    build_warc,
    decode_content,
)
from annotator.services.common import utc_now
from annotator.services.snapshots import NewSnapshot
from annotator.services.workspace import Workspace

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0
_REDIRECTS = (301, 302, 303, 307, 308)
_READ_BYTES = 64 * 1024

CaptureProgress = Callable[[int, int | None], None]
"""Called as ``progress(bytes received, bytes expected or None)``."""


class CaptureError(AnnotatorError):
    """A capture failed; the message names what failed. Nothing was stored."""


class CaptureCancelled(Cancelled):
    """The checker stopped a capture; nothing was stored."""


@dataclass(frozen=True, slots=True)
class CaptureLimits:
    """How much a capture may fetch and for how long (the whole capture, redirects included)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    max_redirects: int = 10


@dataclass(frozen=True, slots=True)
class Capture:
    """A fetched page, ready to store: the WARC file, the page's text, where it ended up."""

    url: str
    final_url: str
    warc: bytes
    text: str
    captured_at: str


def capture_source(
    workspace: Workspace,
    source_id: str,
    limits: CaptureLimits | None = None,
    *,
    archive_url: str = "",
) -> Snapshot:
    """Fetch a source's address (or a web archive's copy of it) and store it as a snapshot."""
    source = workspace.sources.get(source_id)
    capture = fetch_capture(archive_url or source.url, limits or CaptureLimits())
    return store_capture(workspace, source_id, capture, archive_url=archive_url)


def store_capture(
    workspace: Workspace, source_id: str, capture: Capture, *, archive_url: str = ""
) -> Snapshot:
    """Store a fetched capture as one snapshot of ``source_id`` (one transaction)."""
    source = workspace.sources.get(source_id)
    host = urlsplit(capture.final_url).hostname or "capture"
    new = NewSnapshot(
        source_id,
        method=CaptureMethod.ARCHIVE if archive_url else CaptureMethod.WEB,
        url=source.url,
        archived_url=archive_url,
        captured_at=capture.captured_at,
        filename=f"{host}.warc",
        media_type=WARC_MEDIA_TYPE,
    )
    return workspace.snapshots.add_bytes(new, capture.warc, capture.text)


def fetch_capture(
    url: str,
    limits: CaptureLimits,
    progress: CaptureProgress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Capture:
    """Fetch ``url`` following redirects, as a WARC capture. Touches no project: safe to run
    off the UI thread."""
    url = check_url(url, "address to capture")
    deadline = time.monotonic() + limits.timeout
    exchanges: list[Exchange] = []
    current = url
    captured_at = utc_now()
    for _hop in range(limits.max_redirects + 1):
        # The size cap is the whole capture's: redirect bodies count towards it too.
        received = sum(len(e.body) for e in exchanges)
        exchange = _fetch_one(current, limits, deadline, progress, cancelled, received)
        exchanges.append(exchange)
        if exchange.status not in _REDIRECTS:
            break
        current = _redirect_target(current, exchange)
    else:
        raise CaptureError(
            f"{url} redirects more than {limits.max_redirects} times; nothing was stored."
        )
    final = exchanges[-1]
    if not 200 <= final.status < 300:
        raise CaptureError(
            f"{current} answered HTTP {final.status} {final.reason}".rstrip()
            + "; nothing was stored."
        )
    try:
        decode_content(final.body, final.header("Content-Encoding"), limits.max_bytes)
    except PayloadError as exc:
        raise CaptureError(f"{current} {exc}; nothing was stored.") from None
    warc = build_warc(exchanges)
    return Capture(url, current, warc, snapshot_text(warc, WARC_MEDIA_TYPE, current), captured_at)


def _redirect_target(current: str, exchange: Exchange) -> str:
    location = exchange.header("Location").strip()
    if not location:
        raise CaptureError(
            f"{current} answered HTTP {exchange.status} without saying where to; "
            "nothing was stored."
        )
    target = urljoin(current, location)
    if not is_web_url(target):
        raise CaptureError(
            f"{current} redirects to {target[:200]!r}, which is not a web address (only http "
            "and https redirects are followed); nothing was stored."
        )
    return target


def _fetch_one(
    url: str,
    limits: CaptureLimits,
    deadline: float,
    progress: CaptureProgress | None,
    cancelled: Callable[[], bool] | None,
    received: int = 0,
) -> Exchange:
    parts = urlsplit(url)
    connection = _connect(
        parts.scheme, parts.hostname or "", parts.port, _remaining(url, limits, deadline)
    )
    watchdog = _Watchdog(connection, deadline)
    try:
        exchange = _exchange(url, connection, limits, deadline, progress, cancelled, received)
    except CaptureError:
        if watchdog.fired:  # the failure is the connection the watchdog ended
            raise _timeout(url, limits) from None
        raise
    finally:
        watchdog.stop()
    if watchdog.fired:  # a response cut short at the deadline is not the page
        raise _timeout(url, limits)
    return exchange


class _Watchdog:
    """Ends a connection at the capture's deadline. A socket timeout bounds each wait for
    data, not the whole exchange: a server sending its headers a byte at a time would
    otherwise hold a capture far past its time limit."""

    def __init__(self, connection: http.client.HTTPConnection, deadline: float) -> None:
        self.fired = False
        self._connection = connection
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        sock = self._connection.sock
        if sock is not None:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        self._timer.cancel()


def _exchange(
    url: str,
    connection: http.client.HTTPConnection,
    limits: CaptureLimits,
    deadline: float,
    progress: CaptureProgress | None,
    cancelled: Callable[[], bool] | None,
    received: int,
) -> Exchange:
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        try:
            request_headers = _send(connection, parts)
            response = connection.getresponse()
            body = _read_body(
                url, response, connection, limits, deadline, progress, cancelled, received
            )
        finally:
            connection.close()
    except (Cancelled, CaptureError):
        raise
    except socket.gaierror as exc:
        raise CaptureError(
            f"Cannot find the host {host} (DNS lookup failed: {exc.strerror}); check the "
            "address and the network connection. Nothing was stored."
        ) from None
    except ssl.SSLCertVerificationError as exc:
        raise CaptureError(
            f"The secure connection to {host} failed (TLS certificate: {exc.verify_message}); "
            "nothing was stored."
        ) from None
    except ssl.SSLError as exc:
        raise CaptureError(
            f"The secure connection to {host} failed (TLS: {exc.reason or exc}); "
            "nothing was stored."
        ) from None
    except TimeoutError:
        raise _timeout(url, limits) from None
    except ConnectionRefusedError:
        raise CaptureError(f"{host} refused the connection; nothing was stored.") from None
    except http.client.HTTPException as exc:
        raise CaptureError(
            f"{url} did not answer in HTTP ({type(exc).__name__}); nothing was stored."
        ) from None
    except OSError as exc:
        raise CaptureError(
            f"Cannot fetch {url}: {exc.strerror or exc}; nothing was stored."
        ) from None
    return Exchange(
        url=url,
        request_headers=request_headers,
        status=response.status,
        reason=response.reason,
        response_headers=tuple(response.getheaders()),
        body=body,
        date=utc_now(),
    )


def _connect(
    scheme: str, host: str, port: int | None, timeout: float
) -> http.client.HTTPConnection:
    if scheme.lower() == "https":
        return http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    return http.client.HTTPConnection(host, port, timeout=timeout)


def _send(
    connection: http.client.HTTPConnection, split: SplitResult
) -> tuple[tuple[str, str], ...]:
    target = (split.path or "/") + (f"?{split.query}" if split.query else "")
    headers = (
        ("Host", split.netloc.rpartition("@")[2]),
        ("User-Agent", f"Annotator/{__version__} (fact-checking capture)"),
        ("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
        ("Accept-Encoding", "gzip"),
        ("Connection", "close"),
    )
    connection.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
    for name, value in headers:
        connection.putheader(name, value)
    connection.endheaders()
    return headers


def _read_body(
    url: str,
    response: http.client.HTTPResponse,
    connection: http.client.HTTPConnection,
    limits: CaptureLimits,
    deadline: float,
    progress: CaptureProgress | None,
    cancelled: Callable[[], bool] | None,
    received: int,
) -> bytes:
    """The response's body, refused once the capture so far (``received`` bytes of earlier
    responses) would pass the size cap."""
    declared = _declared_length(response)
    if declared is not None and received + declared > limits.max_bytes:
        raise _too_large(url, limits)
    body = bytearray()
    while True:
        if cancelled is not None and cancelled():
            raise CaptureCancelled("The capture was cancelled; nothing was stored.")
        if connection.sock is not None:
            connection.sock.settimeout(_remaining(url, limits, deadline))
        piece = response.read1(_READ_BYTES)
        if not piece:
            return bytes(body)
        body += piece
        if received + len(body) > limits.max_bytes:
            raise _too_large(url, limits)
        if progress is not None:
            progress(len(body), declared)


def _declared_length(response: http.client.HTTPResponse) -> int | None:
    value = response.getheader("Content-Length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _remaining(url: str, limits: CaptureLimits, deadline: float) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _timeout(url, limits)
    return remaining


def _timeout(url: str, limits: CaptureLimits) -> CaptureError:
    return CaptureError(
        f"{url} did not finish within {limits.timeout:g} seconds (timeout); try again later, "
        "or raise the capture time limit. Nothing was stored."
    )


def _too_large(url: str, limits: CaptureLimits) -> CaptureError:
    return CaptureError(
        f"{url} is too large: over the {_megabytes(limits.max_bytes)} capture limit; raise the "
        "limit, or save the page from a browser and add it as a file. Nothing was stored."
    )


def _megabytes(size: int) -> str:
    return f"{size / 1e6:g} MB" if size >= 100_000 else f"{size:,} bytes"
