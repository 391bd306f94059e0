"""Bombs: small files built to make an importer do unbounded work. Each is refused (or read
to a bounded result) in a child process allowed 200 MB more than the test process, and the
mechanism that bounds it is checked: nothing is inflated, the parser never sees the file, the
cap is what refuses it. CPU seconds go to docs/RELIABILITY.md. (The PDF decompression bomb and
the 10 MB one-paragraph page are D1 and its companion, tested with their fixes.)"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.formats.importers import import_file
from annotator.formats.webanno_import import parse_annotations
from annotator.services.reports import parse_report
from tests.reliability import seeds
from tests.reliability.bounded import BombResult, run_bomb
from tests.reliability.figures import record

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform != "linux", reason="bounded child processes (Linux)"
)


def _forbid(target: Any, attribute: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``target.attribute`` fail loudly, so a bounded path that reached it shows up."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError(f"{attribute} was called on a bomb")

    monkeypatch.setattr(target, attribute, refuse)


def _import(path: Path) -> Callable[[], Any]:
    def work() -> Any:
        imported = import_file(path)
        return {"characters": len(imported.text), "blocks": len(imported.blocks)}

    return work


def _check(name: str, result: BombResult, *, size: int) -> None:
    record(name, {"file bytes": size, "outcome": result.outcome, "cpu seconds": result.cpu_seconds})
    assert result.outcome != "failed", result.message


def test_a_gzip_bomb_saved_as_a_web_page_is_never_inflated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(gzip.compress(b"<p>" + b"a" * (64 * 1024 * 1024), compresslevel=1))
    for name in ("decompress", "decompressobj"):
        _forbid(zlib, name, monkeypatch)
    _forbid(gzip, "decompress", monkeypatch)
    result = run_bomb(_import(path))
    _check("bomb: gzip (64 MB) saved as .html", result, size=path.stat().st_size)
    assert result.outcome == "refused"
    assert str(path) in result.message


def test_a_compressed_image_in_a_page_is_not_decoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import base64

    bomb = base64.b64encode(zlib.compress(b"\0" * (64 * 1024 * 1024), 1)).decode()
    page = seeds.SMALL_HTML.replace(
        "</article>", f'<img src="data:image/png;base64,{bomb}"></article>'
    )
    path = tmp_path / "image.html"
    path.write_text(page, encoding="utf-8")
    for name in ("decompress", "decompressobj"):
        _forbid(zlib, name, monkeypatch)
    result = run_bomb(_import(path))
    _check("bomb: zlib image (64 MB) inside a page", result, size=path.stat().st_size)
    assert result.outcome == "accepted"
    assert result.detail["characters"] < 1_000


def test_a_zip_bomb_docx_is_refused_before_any_part_is_unpacked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", seeds.word_xml(seeds.SMALL_WORD_BODY))
        archive.writestr("word/media/zeros.bin", b"\0" * (64 * 1024 * 1024))
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    _forbid(zipfile.ZipFile, "open", monkeypatch)
    result = run_bomb(_import(path))
    _check("bomb: zip bomb .docx (64 MB)", result, size=path.stat().st_size)
    assert result.outcome == "refused"
    assert "looks like a zip bomb and was not opened" in result.message


def test_an_xml_bomb_docx_is_refused_before_word_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entities = "".join(
        f'<!ENTITY l{i} "{"".join(f"&l{i - 1};" for _ in range(10))}">' for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{entities}]>'
        + seeds.word_xml("<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>").split("?>", 1)[1]
    )
    path = tmp_path / "laughs.docx"
    path.write_bytes(seeds.word_file(xml))
    import docx

    _forbid(docx, "Document", monkeypatch)
    result = run_bomb(_import(path))
    _check("bomb: billion laughs in .docx", result, size=path.stat().st_size)
    assert result.outcome == "refused"
    assert "DTD or entity declarations" in result.message


NESTED = {
    "html, 100,000 nested elements": ("nested.html", "<div>" * 100_000 + "x" + "</div>" * 100_000),
    "markdown, 100,000 nested quotes": ("nested.md", "> " * 100_000 + "deep text\n"),
    "markdown, a list 3,000 deep": ("list.md", "".join("  " * i + "- x\n" for i in range(3_000))),
}


@pytest.mark.parametrize("kind", sorted(NESTED))
def test_deep_nesting_in_a_document_reads_to_a_bounded_result(kind: str, tmp_path: Path) -> None:
    name, text = NESTED[kind]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run_bomb(_import(path))
    _check(f"bomb: {kind}", result, size=len(text))
    if result.outcome == "refused":
        assert str(path) in result.message
    else:
        assert result.detail["characters"] < len(text)


@pytest.mark.parametrize("reader", ["report", "annotations"])
def test_json_nested_a_million_deep_is_refused(reader: str) -> None:
    data = b"[" * 1_000_000 + b"]" * 1_000_000
    parse = parse_report if reader == "report" else parse_annotations
    result = run_bomb(lambda: parse(data, "nested.json") and None)
    _check(f"bomb: {reader} JSON nested 1,000,000 deep", result, size=len(data))
    assert result.outcome == "refused"
    assert "nested.json" in result.message
    assert "nested too deeply" in result.message
