"""Web captures as WARC records (ISO 28500), written and read with warcio.

A capture is stored the way web archives store it: for each HTTP exchange (the redirects
included) a ``request`` record and a ``response`` record holding the status line, the headers
and the payload exactly as the server sent it (still gzip-compressed if it was), with warcio's
block and payload digests. Reading a capture back decodes the content encoding with a cap, so a
decompression bomb is never expanded beyond it. warcio loads when a capture is written or read,
not when a project opens.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from annotator.errors import AnnotatorError

WARC_MEDIA_TYPE = "application/warc"

# http.client has already removed the chunked framing from the payload; a record claiming it
# would be read back wrongly.
_FRAMING_HEADERS = {"transfer-encoding"}


class PayloadError(AnnotatorError):
    """A payload that cannot be decoded within the size allowed (too large, or damaged)."""


@dataclass(frozen=True, slots=True)
class Exchange:
    """One HTTP request and its response, as sent and received."""

    url: str
    request_headers: tuple[tuple[str, str], ...]
    status: int
    reason: str
    response_headers: tuple[tuple[str, str], ...]
    body: bytes
    """The payload as received: content-encoded (gzip) if the server encoded it."""
    date: str
    """When the response arrived, ISO-8601 UTC (the record's WARC-Date)."""

    def header(self, name: str) -> str:
        return next((v for k, v in self.response_headers if k.lower() == name.lower()), "")


@dataclass(frozen=True, slots=True)
class Payload:
    """The final response of a capture: its address, status, media type and decoded body."""

    url: str
    status: int
    content_type: str
    body: bytes


def build_warc(exchanges: Sequence[Exchange]) -> bytes:
    """One uncompressed WARC file with a request and a response record per exchange (the
    project compresses it when storing it)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for exchange in exchanges:
        parts = urlsplit(exchange.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = writer.create_warc_record(
            exchange.url,
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(
                f"GET {target} HTTP/1.1", list(exchange.request_headers), is_http_request=True
            ),
            warc_headers_dict={"WARC-Date": exchange.date},
        )
        headers = [
            (k, v) for k, v in exchange.response_headers if k.lower() not in _FRAMING_HEADERS
        ]
        response = writer.create_warc_record(
            exchange.url,
            "response",
            payload=io.BytesIO(exchange.body),
            length=len(exchange.body),
            http_headers=StatusAndHeaders(
                f"{exchange.status} {exchange.reason}", headers, protocol="HTTP/1.1"
            ),
            warc_headers_dict={"WARC-Date": exchange.date},
        )
        writer.write_record(response)
        request.rec_headers.add_header("WARC-Concurrent-To", _record_id(response))
        writer.write_record(request)
    return out.getvalue()


def _record_id(record: object) -> str:
    headers = getattr(record, "rec_headers")  # noqa: B009 - warcio is untyped
    value: str = headers.get_header("WARC-Record-ID")
    return value


def read_final_payload(data: bytes, limit: int) -> Payload | None:
    """The last response of a WARC capture with its content encoding decoded, never more
    than ``limit`` bytes of it; None when the file holds no response record."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found: Payload | None = None
    try:
        for record in ArchiveIterator(io.BytesIO(data), no_record_parse=False):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            raw = record.raw_stream.read(limit + 1)
            encoding = record.http_headers.get_header("Content-Encoding") or ""
            found = Payload(
                url=record.rec_headers.get_header("WARC-Target-URI") or "",
                status=int(record.http_headers.get_statuscode() or 0),
                content_type=record.http_headers.get_header("Content-Type") or "",
                body=decode_content(raw, encoding, limit),
            )
    except (ArchiveLoadFailed, ValueError):
        return None
    return found


def decode_content(body: bytes, encoding: str, limit: int) -> bytes:
    """``body`` with its HTTP content encoding undone, refusing (PayloadError) as soon as
    the result would exceed ``limit`` bytes: nothing past the limit is ever produced."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        decoded = body
    elif encoding in ("gzip", "x-gzip", "deflate"):
        decoded = _inflate(body, encoding, limit)
    else:
        return body  # br, zstd...: kept as evidence, not decoded
    if len(decoded) > limit:
        raise PayloadError(f"is too large: it is larger than {limit:,} bytes")
    return decoded


def _inflate(body: bytes, encoding: str, limit: int) -> bytes:
    # "deflate" should be zlib-wrapped, but some servers send raw deflate; browsers read both.
    tries = [zlib.MAX_WBITS, -zlib.MAX_WBITS] if encoding == "deflate" else [16 + zlib.MAX_WBITS]
    for wbits in tries:
        try:
            decoded = zlib.decompressobj(wbits).decompress(body, limit + 1)
            break
        except zlib.error as exc:
            error = exc
    else:
        raise PayloadError(f"cannot be read: its {encoding} content is damaged ({error})")
    if len(decoded) > limit:
        raise PayloadError(
            f"is too large: it expands beyond {limit:,} bytes once decompressed ({encoding})"
        )
    return decoded
