"""Fuzzing each article importer through the document service: plain text, Markdown, saved web
pages, Word, PDF, and text or HTML pasted from the clipboard.

Each case writes a damaged or made-up file and adds it to a project as the window and
``add-document`` do. It is added whole (its text canonical and stored), or refused with a
one-line AnnotatorError naming the file (the clipboard, for pastes), the project unchanged.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.domain.text import canonical_text
from annotator.formats.importers import import_pasted_html, import_pasted_text
from annotator.services import Workspace
from tests.reliability import seeds
from tests.reliability.figures import record
from tests.reliability.fuzzing import FuzzFigures, fast_commits, run_case, unchanged_unless_accepted
from tests.reliability.mutate import damaged_bytes, damaged_text, encoded
from tests.reliability.profiles import SIZES, fuzz_settings

pytestmark = pytest.mark.fuzz

_PDF_FRAGMENTS = [
    b"/Length 999999999999",
    b"/Length -1",
    b"/Filter /FlateDecode",
    b"/Filter [/FlateDecode /LZWDecode /ASCII85Decode]",
    b"/DecodeParms << /Predictor 15 /Columns 99999 >>",
    b"<<" * 500,
    b"[" * 5000,
    b"9999999999999999999999999999 0 R",
    b"/Kids [3 0 R 3 0 R 3 0 R]",
    b"/Count 2147483647",
    b"/MediaBox [0 0 1e308 -1e308]",
    b"BT /F1 1e300 Tf (x) Tj ET",
    b"stream\n\x00\xff\x00\xff\nendstream",
    b"%%EOF",
    b"xref\n0 1\n",
    b"startxref\n-5\n",
    b"/Encrypt << /Filter /Standard >>",
    b"/Type /Page",
]


@st.composite
def damaged_pdf(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(seeds.pdf_seeds()))
    kind = draw(st.sampled_from(["bytes", "fragment", "fragment", "scratch", "content"]))
    if kind == "bytes":
        return draw(damaged_bytes(data))
    if kind == "fragment":
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.sampled_from(_PDF_FRAGMENTS)) + data[at:]
        return data
    if kind == "content":
        return seeds.pdf_file([], content=draw(st.binary(max_size=300)))
    return seeds.pdf_file(draw(st.lists(st.text(max_size=60), max_size=5)))


@st.composite
def damaged_word(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(seeds.word_seeds()))
    kind = draw(st.sampled_from(["bytes", "part", "part", "scratch", "random"]))
    if kind == "bytes":
        return draw(damaged_bytes(data))
    if kind == "random":
        return draw(st.binary(max_size=1024))
    if kind == "scratch":
        return seeds.word_file(seeds.word_xml(draw(damaged_text([seeds.SMALL_WORD_BODY]))))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    name = draw(st.sampled_from(sorted(parts)))
    text = parts[name].decode("utf-8", "replace")
    parts[name] = draw(encoded(draw(damaged_text([text]))))
    if draw(st.booleans()):
        del parts[draw(st.sampled_from(sorted(parts)))]
    buffer = io.BytesIO()
    method = draw(st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_BZIP2]))
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return buffer.getvalue()


def damaged_text_file(texts: list[str]) -> st.SearchStrategy[bytes]:
    """A text file damaged as text, then sometimes as bytes; or random bytes."""
    as_text = damaged_text(texts).flatmap(encoded)
    return st.one_of(as_text, as_text, as_text.flatmap(damaged_bytes), st.binary(max_size=1024))


FILES: dict[str, tuple[str, Callable[[], st.SearchStrategy[bytes]], int]] = {
    "text": (".txt", lambda: damaged_text_file(seeds.text_seeds()), 300),
    "markdown": (".md", lambda: damaged_text_file(seeds.markdown_seeds()), 120),
    "html": (".html", lambda: damaged_text_file(seeds.html_seeds()), 120),
    "docx": (".docx", damaged_word, 300),
    "pdf": (".pdf", damaged_pdf, 300),
}
"""Each importer: its file suffix, how its inputs are made, and its cases in ``make test``
(a case costs 7-10 ms of CPU, 40 for Markdown and HTML; ``make torture`` runs 20,000)."""


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "fuzz.factcheck", "Fuzz")
    fast_commits(workspace)
    with workspace:
        yield workspace


def _added_whole(workspace: Workspace, added: Any) -> None:
    if added is None:
        return
    document = workspace.documents.get(added.id)
    assert canonical_text(document.text) == document.text
    assert document.text.strip()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", sorted(FILES))
def test_damaged_articles_are_added_whole_or_refused_naming_the_file(
    kind: str, size: str, project: Workspace, tmp_path: Path
) -> None:
    suffix, inputs, suite_cases = FILES[kind]
    figures = FuzzFigures()
    path = tmp_path / f"damaged{suffix}"

    @fuzz_settings(size, suite_cases)
    @given(inputs())
    def case(data: bytes) -> None:
        path.write_bytes(data)
        with unchanged_unless_accepted(project, figures):
            added = run_case(figures, str(path), lambda: project.documents.add_file(path))
        _added_whole(project, added)

    case()
    record(f"fuzz ({size}): {kind} importer", figures.finish())
    assert figures.refused > 0
    assert figures.accepted > 0


PASTES = {
    "text": import_pasted_text,
    "html": import_pasted_html,
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", sorted(PASTES))
def test_pasted_text_is_added_whole_or_refused(kind: str, size: str, project: Workspace) -> None:
    figures = FuzzFigures()
    paste = PASTES[kind]
    pieces = seeds.html_seeds() if kind == "html" else seeds.text_seeds()
    texts = st.one_of(damaged_text(pieces), st.text(), st.text(st.characters(codec=None)))

    @fuzz_settings(size, 300)
    @given(texts, st.text(max_size=30))
    def case(text: str, title: str) -> None:
        with unchanged_unless_accepted(project, figures):
            added = run_case(
                figures, "clipboard", lambda: project.documents.add(paste(text, title))
            )
        _added_whole(project, added)

    case()
    record(f"fuzz ({size}): pasted {kind}", figures.finish())
    assert figures.refused > 0
    assert figures.accepted > 0
