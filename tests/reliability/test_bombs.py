"""D1: a PDF decompression bomb is refused with a clear message, and the mechanism holds:
inflation stops at the budget (measured a megabyte at a time and kept only when the whole
stream fits), a page's drawing instructions
and its glyphs are capped. The budget is lowered in most tests so they run in moments; one
test uses a real 256 MiB bomb at the default budget."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from annotator.errors import DocumentImportError
from annotator.formats.importers import pdf, pdf_limits
from annotator.formats.importers.pdf import import_pdf_bytes


def _pdf(content: bytes, filters: str = "") -> bytes:
    """A one-page PDF whose page draws ``content`` (already encoded for ``filters``)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        f"<< /Length {len(content)} {filters} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    trailer = f"trailer\n<< /Root 1 0 R /Size {len(objects) + 1} >>\nstartxref\n{xref}\n%%EOF\n"
    return out + trailer.encode()


def _deflated_zeros(size: int, chunk: int = 1 << 20) -> bytes:
    compressor = zlib.compressobj(9)
    zeros = b"0" * chunk
    parts = [compressor.compress(zeros) for _ in range(size // chunk)]
    return b"".join(parts) + compressor.flush()


@pytest.fixture
def budgets(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every budget the PDF importer opens, to see how much it inflated."""
    seen: list[Any] = []
    real = pdf.pdf_work_limits

    @contextmanager
    def spying(name: str) -> Iterator[Any]:
        with real(name) as budget:
            seen.append(budget)
            yield budget

    monkeypatch.setattr(pdf, "pdf_work_limits", spying)
    return seen


def test_a_real_bomb_is_refused_having_inflated_no_more_than_the_budget(
    budgets: list[Any],
) -> None:
    bomb = _pdf(_deflated_zeros(256 << 20), "/Filter /FlateDecode")
    assert len(bomb) < 1 << 20  # under a megabyte on disk
    with pytest.raises(DocumentImportError) as error:
        import_pdf_bytes(bomb, "bomb.pdf")
    assert str(error.value) == (
        "bomb.pdf unpacks to more than 32 MB (a PDF built to exhaust memory, or not an "
        "article); it was not imported."
    )
    [budget] = budgets
    assert budget.inflated <= pdf_limits.MAX_INFLATED_BYTES + (1 << 20)


@pytest.mark.parametrize("limit", [1 << 20, 4 << 20])
def test_inflation_stops_at_the_budget(
    budgets: list[Any], monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr(pdf_limits, "MAX_INFLATED_BYTES", limit)
    with pytest.raises(DocumentImportError, match="unpacks to more than"):
        import_pdf_bytes(_pdf(_deflated_zeros(32 << 20), "/Filter /FlateDecode"), "b.pdf")
    assert limit < budgets[0].inflated <= limit + (1 << 20)  # stopped within one chunk


def test_a_damaged_deflate_bomb_is_bounded_too(
    budgets: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """pdfminer retries a stream with a bad checksum byte by byte: that path counts too."""
    monkeypatch.setattr(pdf_limits, "MAX_INFLATED_BYTES", 1 << 20)
    stream = _deflated_zeros(8 << 20)[:-4] + b"\0\0\0\0"  # a wrong Adler-32
    with pytest.raises(DocumentImportError, match="unpacks to more than"):
        import_pdf_bytes(_pdf(stream, "/Filter /FlateDecode"), "crc.pdf")
    assert budgets[0].inflated <= 2 << 20


def test_a_run_length_bomb_is_counted_before_it_is_decoded(
    budgets: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_limits, "MAX_INFLATED_BYTES", 1 << 20)
    runs = bytes([129, ord("0")]) * 100_000 + bytes([128])  # 12.8 MB from 200 KB
    with pytest.raises(DocumentImportError, match="unpacks to more than 1 MB"):
        import_pdf_bytes(_pdf(runs, "/Filter /RunLengthDecode"), "rl.pdf")


def test_a_page_with_too_many_drawing_instructions_is_refused() -> None:
    content = b"0 0 m\n" * (pdf_limits.MAX_PAGE_CONTENT_BYTES // 6 + 1)
    with pytest.raises(DocumentImportError) as error:
        import_pdf_bytes(_pdf(content), "drawing.pdf")
    assert str(error.value) == (
        "drawing.pdf: page 1 holds 2 MB of drawing instructions, over the 2 MB limit for a "
        "page of an article; it was not imported."
    )


def test_a_page_with_too_many_glyphs_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_limits, "MAX_PAGE_GLYPHS", 500)
    content = b"BT /F1 1 Tf 10 10 Td (" + b"x" * 501 + b") Tj ET"
    with pytest.raises(DocumentImportError) as error:
        import_pdf_bytes(_pdf(content), "glyphs.pdf")
    assert str(error.value) == (
        "glyphs.pdf: page 1 lays out more than 500 characters, far more than a page of an "
        "article; it was not imported."
    )
    fine = b"BT /F1 12 Tf 72 700 Td (" + b"Just a line of text." + b") Tj ET"
    assert import_pdf_bytes(_pdf(fine), "fine.pdf").text == "Just a line of text."


def test_a_ten_megabyte_paragraph_names_the_size_limit_not_missing_text() -> None:
    from annotator.formats.importers.html import import_html_bytes

    page = b"<html><body><article><p>" + b"word " * 2_000_000 + b"</p></article></body></html>"
    with pytest.raises(DocumentImportError) as error:
        import_html_bytes(page, "long.html")
    assert str(error.value) == (
        "long.html holds about 10.0 million characters of text; Annotator takes articles of up "
        "to 5 million (a long book). Split it into parts and import those."
    )
