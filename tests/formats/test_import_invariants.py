"""The body-model invariants every importer must keep, and the block writer that keeps them.

``assert_well_formed`` is shared by the per-format importer tests: canonical text, no line
break inside a block, marks inside their block, links only to http, https or mailto.
``refusal`` gives the exact message a failed import shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.domain.body import BlockKind, MarkKind
from annotator.domain.text import canonical_text
from annotator.errors import DocumentImportError
from annotator.formats.importers import ImportedDocument, import_file
from annotator.formats.importers.builder import BlockStyle, BlockWriter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def assert_well_formed(doc: ImportedDocument) -> None:
    assert doc.blocks, "an imported document has at least one block"
    assert doc.text == canonical_text(doc.text)
    assert doc.direction in ("ltr", "rtl")
    for block in doc.blocks:
        assert "\n" not in block.text
        assert block.text == canonical_text(block.text)
        assert block.text.strip(), "no empty blocks"
        for mark in block.marks:
            assert 0 <= mark.start < mark.end <= len(block.text), (block, mark)
            if mark.kind is MarkKind.LINK:
                assert mark.href.lower().startswith(("http://", "https://", "mailto:")), mark
            else:
                assert not mark.href


def refusal(path: Path) -> str:
    """The message the user sees when importing ``path`` fails (the test fails if it works)."""
    with pytest.raises(DocumentImportError) as error:
        import_file(path)
    return str(error.value)


def test_writer_collapses_white_space_and_keeps_marks_on_their_text() -> None:
    writer = BlockWriter()
    writer.write("  Hello \n\t ")
    mark = writer.open_mark(MarkKind.STRONG)
    writer.write(" big\u00a0 world ")
    writer.close_mark(mark)
    writer.write(" !")
    (block,) = writer.finish()
    assert block.text == "Hello big world !"
    (strong,) = block.marks
    assert block.text[strong.start : strong.end] == "big world"


def test_writer_normalises_to_nfc_and_moves_marks_with_the_text() -> None:
    writer = BlockWriter()
    writer.write("Cafe\u0301 ")
    mark = writer.open_mark(MarkKind.EMPHASIS)
    writer.write("cre\u0300me")
    writer.close_mark(mark)
    (block,) = writer.finish()
    assert block.text == "Café crème"
    (emphasis,) = block.marks
    assert block.text[emphasis.start : emphasis.end] == "crème"


def test_a_mark_open_across_blocks_is_split_between_them() -> None:
    writer = BlockWriter()
    mark = writer.open_mark(MarkKind.LINK, "https://example.org/")
    writer.write("first")
    writer.start(BlockStyle(BlockKind.QUOTE))
    writer.write("second")
    writer.close_mark(mark)
    first, second = writer.finish()
    assert [(m.start, m.end) for m in first.marks] == [(0, 5)]
    assert [(m.start, m.end) for m in second.marks] == [(0, 6)]
    assert second.kind is BlockKind.QUOTE


def test_invisible_characters_and_line_separators_never_reach_the_text() -> None:
    writer = BlockWriter()
    writer.write("a\u2028b\u2029c\x00d\ufeffe\rf\x85g")
    (block,) = writer.finish()
    assert block.text == "a b cde f g"
    assert block.text == canonical_text(block.text)
