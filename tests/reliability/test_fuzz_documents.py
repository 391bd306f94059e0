"""Property-based fuzzing of every article importer with hypothesis: a real file of each
format (text, Markdown, a saved web page, Word, PDF) with bytes overwritten or cut. Each
mutant is imported whole or refused with one ``DocumentImportError`` line naming the file;
anything else (a traceback) fails. 200 cases per format here; ``make torture`` runs 2,000."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from annotator.errors import DocumentImportError
from annotator.formats.importers import import_file
from annotator.paths import sample_article
from tests.reliability.figures import record
from tests.reliability.test_fuzz_importers import mutated_bytes

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
SEEDS = {
    "txt": sample_article(),
    "markdown": FIXTURES / "2019-08-19-jekyll-4-0-0-released.markdown",
    "html": FIXTURES / "pages" / "001" / "source.html",
    "docx": FIXTURES / "simple-list.docx",
    "pdf": FIXTURES / "002-trivial-libre-office-writer.pdf",
}


def _fuzz(kind: str, cases: int) -> None:
    seed = SEEDS[kind]
    outcomes = {"read": 0, "refused": 0}
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"mutant{seed.suffix}"

        @settings(
            max_examples=cases,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
        @given(mutated_bytes(seed.read_bytes()))
        def check(data: bytes) -> None:
            target.write_bytes(data)
            try:
                import_file(target)
            except DocumentImportError as error:
                message = str(error)
                assert target.name in message, message
                assert "\n" not in message, message
                outcomes["refused"] += 1
            else:
                outcomes["read"] += 1

        check()
    record(f"fuzz {kind} importer", {"cases": sum(outcomes.values()), **outcomes})


@pytest.mark.parametrize("kind", list(SEEDS))
def test_every_importer_reads_or_refuses_every_mutant(kind: str) -> None:
    _fuzz(kind, 200)


@pytest.mark.torture
@pytest.mark.parametrize("kind", list(SEEDS))
def test_torture_importers(kind: str) -> None:
    _fuzz(kind, 2_000)


def test_a_word_document_with_damaged_compressed_parts_is_refused() -> None:
    """Found by the fuzzing above: a part whose deflate data is damaged raised zlib.error."""
    import io
    import zipfile

    from annotator.formats.importers.docx import import_docx_bytes

    data = SEEDS["docx"].read_bytes()
    messages = []
    for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        for offset in range(0, info.compress_size, max(1, info.compress_size // 10)):
            damaged = bytearray(data)
            damaged[start + offset] ^= 0xFF
            try:
                import_docx_bytes(bytes(damaged), "damaged.docx")
            except DocumentImportError as error:
                messages.append(str(error))
    assert len(messages) > 50
    assert all(message.startswith("damaged.docx ") for message in messages)
