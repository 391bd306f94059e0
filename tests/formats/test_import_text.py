"""Plain-text articles in the encodings people actually save them in, and file dispatch."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import DocumentImportError
from annotator.formats.importers import SUPPORTED_SUFFIXES, import_file, import_pasted_text
from annotator.formats.importers.text import import_text_bytes
from tests.formats.test_import_invariants import assert_well_formed, refusal

_GERMAN = (
    "Der Bürgermeister sagte, die Straße bleibe geöffnet. Außerdem seien die Gebühren für "
    "Anwohner gesenkt worden, erklärte er am Montag."
)
_TYPOGRAPHIC = "Café naïve — “quoted” text, 5 € and… more\nSecond line: Œuvre, façade"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-16", _TYPOGRAPHIC),  # with BOM
        ("utf-16-le", _TYPOGRAPHIC),  # without BOM
        ("utf-16-be", _TYPOGRAPHIC),
        ("utf-8-sig", _TYPOGRAPHIC),
        ("cp1252", _TYPOGRAPHIC),
        ("cp1252", _GERMAN),
        ("latin-1", _GERMAN),
        ("utf-8", "Привет, мир. Ελληνικά. 日本語のテキスト。 Emoji 😀 after."),
    ],
)
def test_encodings_are_recognised(encoding: str, text: str) -> None:
    doc = import_text_bytes(text.encode(encoding), "article.txt")
    assert doc.text == text
    assert_well_formed(doc)


def test_windows_line_ends_and_decomposed_accents_become_canonical() -> None:
    doc = import_text_bytes("Cafe\u0301 one\r\nline two\rline three".encode(), "a.txt")
    assert doc.text == "Café one\nline two\nline three"


def test_pasted_text_keeps_its_lines() -> None:
    doc = import_pasted_text("\n  Title line\nSecond line\n\n")
    assert doc.text == "  Title line\nSecond line"
    assert doc.origin == "clipboard"


def test_every_advertised_suffix_is_dispatched(tmp_path: Path) -> None:
    assert set(SUPPORTED_SUFFIXES) >= {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}
    path = tmp_path / "NOTES.TXT"
    path.write_text("A line of text.", encoding="utf-8")
    assert import_file(path).format == "text"


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK")
    names = ", ".join(sorted(SUPPORTED_SUFFIXES))
    assert refusal(path) == f"{path}: .pptx files cannot be imported; use one of {names}."


def test_size_limit_applies_to_every_format(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    path.write_bytes(b"<p>" + b"x" * 3_000_000 + b"</p>")
    with pytest.raises(DocumentImportError) as error:
        import_file(path, max_bytes=1_000_000)
    assert str(error.value) == (
        f"{path} is 3.0 MB, over the 1 MB limit for an article; split it or import an extract."
    )
