"""Bounds on the work a PDF can make the importer do: a decompression bomb is refused, not run.

pdfminer inflates every stream whole (a 3.65 MB file whose page inflates to 1 GiB ran for
minutes and took 18.8 GB) and lays out every glyph of a page. Within ``pdf_work_limits()``:

- every FlateDecode, LZWDecode and RunLengthDecode stream is inflated against one budget for
  the whole file (``MAX_INFLATED_BYTES``), and inflation stops the moment it would go beyond
  it, so nothing past the budget is ever produced;
- a page's drawing instructions may not exceed ``MAX_PAGE_CONTENT_BYTES`` (pdfminer keeps a
  Python object per token), and a page may not lay out more than ``MAX_PAGE_GLYPHS`` glyphs.

A breach raises ``DocumentImportError`` naming the limit. pdfminer reaches zlib and the
decoders through its ``pdftypes`` module, so this module installs bounded stand-ins there; they
behave exactly like the originals outside ``pdf_work_limits()``.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from pdfminer import pdftypes
from pdfminer.lzw import LZWDecoder
from pdfminer.runlength import rldecode

from annotator.errors import DocumentImportError

MAX_INFLATED_BYTES = 32 * 1024 * 1024
"""All streams of one PDF together; an article's text, fonts and figures fit many times."""
MAX_PAGE_CONTENT_BYTES = 2 * 1024 * 1024
"""One page's drawing instructions; a dense page of text takes 20-200 KB."""
MAX_PAGE_GLYPHS = 50_000
"""Characters laid out on one page; a dense page of small type has about 6,000."""


class PdfWorkLimitError(DocumentImportError):
    """A PDF asked for more work than any article needs (a decompression bomb)."""


@dataclass
class _Budget:
    name: str
    remaining: int
    inflated: int = 0

    def spend(self, produced: int, *, over: bool) -> None:
        self.inflated += produced
        if over or produced > self.remaining:
            raise PdfWorkLimitError(
                f"{self.name} unpacks to more than {_mb(MAX_INFLATED_BYTES)} (a PDF built to "
                "exhaust memory, or not an article); it was not imported."
            )
        self.remaining -= produced


_budget: ContextVar[_Budget | None] = ContextVar("pdf-budget", default=None)


@contextmanager
def pdf_work_limits(name: str) -> Iterator[_Budget]:
    """Bound the inflating done while the block runs (in this thread or task)."""
    budget = _Budget(name, MAX_INFLATED_BYTES)
    token = _budget.set(budget)
    try:
        yield budget
    finally:
        _budget.reset(token)


def check_page_content(name: str, number: int, size: int) -> None:
    if size > MAX_PAGE_CONTENT_BYTES:
        raise PdfWorkLimitError(
            f"{name}: page {number} holds {_mb(size)} of drawing instructions, over the "
            f"{_mb(MAX_PAGE_CONTENT_BYTES)} limit for a page of an article; it was not imported."
        )


def check_page_glyphs(name: str, number: int, glyphs: int) -> None:
    if glyphs > MAX_PAGE_GLYPHS:
        raise PdfWorkLimitError(
            f"{name}: page {number} lays out more than {MAX_PAGE_GLYPHS:,} characters, far "
            "more than a page of an article; it was not imported."
        )


class _BoundedDecompressor:
    """``zlib.decompressobj()`` whose output counts against the budget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._inner = zlib.decompressobj(*args, **kwargs)

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        budget = _budget.get()
        if budget is None:
            return self._inner.decompress(data, max_length)
        limit = budget.remaining + 1 if not max_length else min(max_length, budget.remaining + 1)
        out = self._inner.decompress(data, limit)
        budget.spend(len(out), over=len(out) > budget.remaining)
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _BoundedZlib:
    """What pdfminer's ``pdftypes`` module sees as ``zlib``."""

    error = zlib.error
    decompressobj = _BoundedDecompressor

    @staticmethod
    def decompress(data: bytes) -> bytes:
        budget = _budget.get()
        if budget is not None:
            # Measure first, a chunk at a time and keeping nothing: a bomb costs a megabyte of
            # memory, not the budget's worth.
            budget.spend(_inflated_size(data, budget.remaining + 1), over=False)
        return zlib.decompress(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _inflated_size(data: bytes, stop_after: int) -> int:
    """How many bytes ``data`` inflates to (no further than ``stop_after``), without keeping
    them; a damaged stream counts what inflates before the damage."""
    inflater = zlib.decompressobj()
    size = 0
    pending = data
    try:
        while pending and size < stop_after and not inflater.eof:
            size += len(inflater.decompress(pending, _CHUNK))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # zlib.decompress then raises it, and pdfminer retries byte by byte (counted)
    return size


_CHUNK = 1 << 20


def _bounded_lzwdecode(data: bytes) -> bytes:
    budget = _budget.get()
    chunks = []
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        if budget is not None:
            budget.spend(len(chunk), over=False)
        chunks.append(chunk)
    return b"".join(chunks)


def _bounded_rldecode(data: bytes) -> bytes:
    budget = _budget.get()
    if budget is not None:
        budget.spend(_runlength_size(data, budget.remaining + 1), over=False)
    return rldecode(data)


def _runlength_size(data: bytes, stop_after: int) -> int:
    """The decoded size of a RunLengthDecode stream, counted without decoding it (and no
    further than ``stop_after``)."""
    size = at = 0
    while at < len(data) and size < stop_after:
        length = data[at]
        if length == 128:
            break
        if length < 128:
            size, at = size + length + 1, at + length + 2
        else:
            size, at = size + 257 - length, at + 2
    return size


def _install() -> None:
    replacements: dict[str, Callable[..., Any] | object] = {
        "zlib": _BoundedZlib(),
        "lzwdecode": _bounded_lzwdecode,
        "rldecode": _bounded_rldecode,
    }
    for attribute, value in replacements.items():
        setattr(pdftypes, attribute, value)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:,.0f} KB"


_install()
