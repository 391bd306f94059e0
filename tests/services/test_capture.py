"""Capturing a source from the web, against a real HTTP server on 127.0.0.1: the page is stored
as a WARC capture with its text; every failure (status, redirect to another scheme, too large,
a decompression bomb, too slow, TLS, DNS) says exactly what failed and stores nothing."""

from __future__ import annotations

import gzip
import io
import socket
import threading
import time
import zlib
from contextlib import suppress
from http.server import BaseHTTPRequestHandler

import pytest
from warcio.archiveiterator import ArchiveIterator

from annotator.domain.model import Source
from annotator.domain.snapshot import CaptureMethod
from annotator.services import Workspace
from annotator.services.capture import (
    CaptureCancelled,
    CaptureError,
    CaptureLimits,
    capture_source,
    fetch_capture,
)
from tests.loopback import LoopbackServer

PAGE = (
    b"<!DOCTYPE html><html><head><title>Budget 2025</title></head><body><article>"
    b"<h1>Budget 2025</h1><p>The budget grew by 4 percent, the ministry said on Monday.</p>"
    b"</article></body></html>"
)
FAST = CaptureLimits(max_bytes=1_000_000, timeout=5.0)


def _source(workspace: Workspace, url: str) -> Source:
    return workspace.sources.add(Source(id="", url=url, title="Budget"))


def _records(warc: bytes) -> list[tuple[str, str]]:
    return [
        (record.rec_type, record.rec_headers.get_header("WARC-Target-URI"))
        for record in ArchiveIterator(io.BytesIO(warc))
    ]


def test_a_capture_is_stored_as_warc_records_with_the_page_text(
    workspace: Workspace, http_server: LoopbackServer
) -> None:
    http_server.add("/budget", PAGE)
    source = _source(workspace, http_server.url("/budget"))
    snapshot = capture_source(workspace, source.id, FAST)
    assert snapshot.media_type == "application/warc"
    assert snapshot.method is CaptureMethod.WEB
    assert snapshot.url == source.url
    warc = workspace.snapshots.read(snapshot.id)
    assert _records(warc) == [("response", source.url), ("request", source.url)]
    response = next(r for r in ArchiveIterator(io.BytesIO(warc)) if r.rec_type == "response")
    assert response.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
    assert response.http_headers.get_statuscode() == "200"
    assert response.content_stream().read() == PAGE
    assert "grew by 4 percent" in workspace.snapshots.text(snapshot.id)
    assert http_server.requests == ["/budget"]


def test_redirects_are_followed_and_recorded(
    workspace: Workspace, http_server: LoopbackServer
) -> None:
    http_server.add("/new", PAGE)
    http_server.redirect("/old", "/new", status=301)
    source = _source(workspace, http_server.url("/old"))
    snapshot = capture_source(workspace, source.id, FAST)
    uris = _records(workspace.snapshots.read(snapshot.id))
    assert [uri for kind, uri in uris if kind == "response"] == [
        http_server.url("/old"),
        http_server.url("/new"),
    ]


def test_gzip_content_is_stored_as_sent_and_its_text_decoded(
    workspace: Workspace, http_server: LoopbackServer
) -> None:
    sent = gzip.compress(PAGE)
    http_server.add(
        "/gz",
        sent,
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
    )
    snapshot = capture_source(workspace, _source(workspace, http_server.url("/gz")).id, FAST)
    assert "grew by 4 percent" in workspace.snapshots.text(snapshot.id)
    warc = workspace.snapshots.read(snapshot.id)
    response = next(r for r in ArchiveIterator(io.BytesIO(warc)) if r.rec_type == "response")
    assert response.raw_stream.read() == sent


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/gone", 404, "answered HTTP 404 Not Found; nothing was stored"),
        ("/broken", 500, "answered HTTP 500 Internal Server Error; nothing was stored"),
    ],
)
def test_an_http_error_status_is_named(
    workspace: Workspace, http_server: LoopbackServer, path: str, status: int, message: str
) -> None:
    if status != 404:
        http_server.add(path, b"oops", status=status)
    source = _source(workspace, http_server.url(path))
    with pytest.raises(CaptureError, match=message):
        capture_source(workspace, source.id, FAST)
    assert workspace.snapshots.all() == []


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "ftp://127.0.0.1/secret.txt", "javascript:alert(1)"]
)
def test_a_redirect_to_another_scheme_is_refused(
    workspace: Workspace, http_server: LoopbackServer, target: str
) -> None:
    http_server.redirect("/r", target)
    with pytest.raises(
        CaptureError, match=r"redirects to '.*', which is not a web address \(only http and https"
    ):
        capture_source(workspace, _source(workspace, http_server.url("/r")).id, FAST)
    assert workspace.snapshots.all() == []


def test_endless_redirects_are_refused(workspace: Workspace, http_server: LoopbackServer) -> None:
    http_server.redirect("/loop", "/loop")
    with pytest.raises(CaptureError, match="redirects more than 3 times"):
        capture_source(
            workspace,
            _source(workspace, http_server.url("/loop")).id,
            CaptureLimits(1000, 5.0, max_redirects=3),
        )
    assert http_server.requests == ["/loop"] * 4


def test_the_size_cap_covers_the_redirects_bodies_too(
    workspace: Workspace, http_server: LoopbackServer
) -> None:
    # Each redirect's body is under the cap; together they are four times over it.
    for n in range(4):
        http_server.add(
            f"/r{n}",
            b"x" * 900_000,
            status=302,
            headers={"Location": f"/r{n + 1}", "Content-Type": "text/plain"},
        )
    http_server.add("/r4", PAGE)
    source = _source(workspace, http_server.url("/r0"))
    with pytest.raises(CaptureError, match=r"/r1 is too large: over the 1 MB capture limit"):
        capture_source(workspace, source.id, FAST)
    assert workspace.snapshots.all() == []


def test_a_body_over_the_cap_is_refused_by_its_declared_length(
    workspace: Workspace, http_server: LoopbackServer
) -> None:
    http_server.add("/big", b"x" * 2_000_001, headers={"Content-Type": "application/pdf"})
    with pytest.raises(CaptureError, match=r"is too large: over the 1 MB capture limit"):
        capture_source(workspace, _source(workspace, http_server.url("/big")).id, FAST)
    assert workspace.snapshots.all() == []


def _stream_without_length(size: int) -> object:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Connection", "close")
        handler.end_headers()
        block = b"y" * 65536
        for _ in range(size // len(block)):
            handler.wfile.write(block)

    return route


def test_a_body_over_the_cap_without_a_length_is_cut_off(
    workspace: Workspace, http_server: LoopbackServer
) -> None:
    http_server.routes["/stream"] = _stream_without_length(8_000_000)  # type: ignore[assignment]
    with pytest.raises(CaptureError, match="is too large: over the 1 MB capture limit"):
        capture_source(workspace, _source(workspace, http_server.url("/stream")).id, FAST)


def test_raw_deflate_content_is_read_and_damaged_content_is_named(
    workspace: Workspace, http_server: LoopbackServer
) -> None:
    # Some servers send "deflate" without its zlib wrapper; browsers read it, so do we.
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    raw = packer.compress(PAGE) + packer.flush()
    html = {"Content-Type": "text/html"}
    http_server.add("/raw", raw, headers={**html, "Content-Encoding": "deflate"})
    http_server.add("/bad", b"\x1f\x8b not gzip", headers={**html, "Content-Encoding": "gzip"})
    snapshot = capture_source(workspace, _source(workspace, http_server.url("/raw")).id, FAST)
    assert "grew by 4 percent" in workspace.snapshots.text(snapshot.id)
    with pytest.raises(CaptureError, match=r"/bad cannot be read: its gzip content is damaged \("):
        capture_source(workspace, _source(workspace, http_server.url("/bad")).id, FAST)
    assert len(workspace.snapshots.all()) == 1


def test_a_gzip_bomb_is_never_expanded_beyond_the_cap(
    workspace: Workspace, http_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = gzip.compress(b"\0" * 50_000_000, 9)  # 50 KB that expand to 50 MB
    http_server.add(
        "/bomb", bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )
    produced: list[int] = []
    real = __import__("zlib").decompressobj

    class Watched:
        def __init__(self, *args: object) -> None:
            self._inner = real(*args)

        def decompress(self, data: bytes, max_length: int = 0) -> bytes:
            out = self._inner.decompress(data, max_length)
            produced.append(len(out))
            return out

    monkeypatch.setattr("annotator.formats.warc.zlib.decompressobj", Watched)
    with pytest.raises(
        CaptureError, match=r"expands beyond 1,000,000 bytes once decompressed \(gzip\)"
    ):
        capture_source(workspace, _source(workspace, http_server.url("/bomb")).id, FAST)
    assert produced
    assert max(produced) <= FAST.max_bytes + 1
    assert workspace.snapshots.all() == []


def test_a_slow_server_times_out(workspace: Workspace, http_server: LoopbackServer) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(2)
        handler.send_response(200)
        handler.end_headers()

    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        for _ in range(100):
            handler.wfile.write(b"z")
            handler.wfile.flush()
            time.sleep(0.05)

    http_server.routes["/slow"] = slow
    http_server.routes["/trickle"] = trickle
    limits = CaptureLimits(1000, timeout=0.5)
    for path in ("/slow", "/trickle"):
        with pytest.raises(CaptureError, match=r"did not finish within 0.5 seconds \(timeout\)"):
            capture_source(workspace, _source(workspace, http_server.url(path)).id, limits)
    assert workspace.snapshots.all() == []


def test_a_server_dripping_its_headers_times_out_at_the_capture_limit(
    workspace: Workspace,
) -> None:
    # Each byte arrives well within a socket timeout; only the capture's own limit stops it.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]

        def drip() -> None:
            client, _ = listener.accept()
            with client, suppress(OSError):
                client.recv(4096)
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 100:
                    client.send(bytes([byte]))
                    time.sleep(0.05)

        threading.Thread(target=drip, daemon=True).start()
        source = _source(workspace, f"http://127.0.0.1:{port}/")
        started = time.monotonic()
        with pytest.raises(CaptureError, match=r"did not finish within 0.5 seconds \(timeout\)"):
            capture_source(workspace, source.id, CaptureLimits(1000, timeout=0.5))
        assert time.monotonic() - started < 2.5
    assert workspace.snapshots.all() == []


def test_tls_failure_is_named(workspace: Workspace, http_server: LoopbackServer) -> None:
    # The loopback server speaks plain HTTP: a TLS handshake with it fails.
    url = http_server.url("/budget").replace("http://", "https://")
    with pytest.raises(CaptureError, match=r"The secure connection to 127.0.0.1 failed \(TLS"):
        capture_source(workspace, _source(workspace, url).id, FAST)


def test_dns_failure_is_named(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*_args: object, **_kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    # The lookup is answered here, so the test touches no resolver and no other address.
    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    source = _source(workspace, "https://no-such-host.invalid/page")
    with pytest.raises(
        CaptureError,
        match=r"Cannot find the host no-such-host.invalid \(DNS lookup failed: Name or service not known\)",
    ):
        capture_source(workspace, source.id, FAST)


def test_a_refused_connection_is_named(workspace: Workspace) -> None:
    with socket.socket() as probe:  # a port with nothing listening on it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    source = _source(workspace, f"http://127.0.0.1:{port}/")
    with pytest.raises(CaptureError, match=r"127\.0\.0\.1 refused the connection"):
        capture_source(workspace, source.id, FAST)


def test_a_capture_can_be_cancelled(http_server: LoopbackServer) -> None:
    http_server.add("/budget", PAGE)
    with pytest.raises(CaptureCancelled, match="cancelled; nothing was stored"):
        fetch_capture(http_server.url("/budget"), FAST, cancelled=lambda: True)


def test_an_archive_copy_records_its_archived_url(
    workspace: Workspace, http_server: LoopbackServer
) -> None:
    http_server.add("/web/2025/budget", PAGE)
    source = _source(workspace, "https://example.org/budget")
    archived = http_server.url("/web/2025/budget")
    snapshot = capture_source(workspace, source.id, FAST, archive_url=archived)
    assert snapshot.method is CaptureMethod.ARCHIVE
    assert snapshot.archived_url == archived
    assert snapshot.url == "https://example.org/budget"
    assert http_server.requests == ["/web/2025/budget"]
