"""Word (.docx) articles: paragraphs, headings, lists, tables and footnotes.

The zip package is checked first (:mod:`docx_safety`); python-docx then reads the body in
document order. "Heading N" and "Title" styles become headings, numbered or bulleted
paragraphs list items, table rows one block each with cells joined by `` | ``, and the
footnotes a final "Footnotes" section whose numbers match the ``[n]`` left in the text where
each was referenced. Bold, italic and hyperlinks become marks. Block-level content controls
(``w:sdt``) are read where they stand, and a text box's paragraphs follow the paragraph that
anchors it, read once although Word stores most text boxes twice (a DrawingML choice and a VML
fallback).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import Any

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from annotator.domain.body import Block, BlockKind, MarkKind, figure_text
from annotator.errors import DocumentImportError
from annotator.formats.importers.base import ImportedDocument
from annotator.formats.importers.builder import (
    BlockStyle,
    BlockWriter,
    clean_inline,
    with_directions,
)
from annotator.formats.importers.docx_safety import open_package
from annotator.formats.importers.html_blocks import safe_href

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ALTERNATE_CONTENT = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_DRAWING = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}drawing"
_DOC_PROPERTIES = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_PICTURE = "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_UNORDERED_FORMATS = {"bullet", "none", ""}


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def import_docx_bytes(data: bytes, name: str, origin: str = "") -> ImportedDocument:
    """Import a Word document from its bytes."""
    archive = open_package(data, name)
    try:
        return _read(data, archive, name, origin)
    except DocumentImportError:
        raise
    except Exception as exc:  # python-docx raises many kinds, some only when a part is read
        raise DocumentImportError(
            f"{name} is not a valid Word document ({_reason(exc)}); re-save it from Word and "
            "try again."
        ) from None


def _read(data: bytes, archive: zipfile.ZipFile, name: str, origin: str) -> ImportedDocument:
    document = docx.Document(io.BytesIO(data))
    reader = _BodyReader(_numbering_formats(document))
    blocks = reader.read(document)
    heading = next((b.text for b in blocks if b.kind is BlockKind.HEADING), "")
    try:
        blocks += _footnote_blocks(archive, reader.footnote_numbers)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):  # a damaged member
        raise DocumentImportError(
            f"{name} is not a valid Word document (its footnotes cannot be unpacked); re-save "
            "it from Word and try again."
        ) from None
    if not blocks:
        raise DocumentImportError(f"{name} has no text to check.")
    title, author, created = _core_properties(document, archive)
    directed, direction = with_directions(blocks)
    return ImportedDocument(
        blocks=directed,
        format="docx",
        original=data,
        origin=origin,
        title=title or heading,
        author=author,
        published=created,
        direction=direction,
    )


def _reason(exc: Exception) -> str:
    text = clean_inline(str(exc)).strip()
    return text[:80] if text else type(exc).__name__


class _BodyReader:
    """Walks the body in order, numbering footnote references as it meets them."""

    def __init__(self, numbering: dict[tuple[str, str], str]) -> None:
        self.numbering = numbering
        self.footnote_numbers: dict[str, int] = {}
        self.writer = BlockWriter()

    def read(self, document: Any) -> list[Block]:
        body = document.element.body
        if body is not None:
            self._blocks(body, document)
        return list(self.writer.finish())

    def _blocks(self, container: Any, parent: Any) -> None:
        """The paragraphs and tables of a body, text box or content control, in order (custom
        XML wraps blocks the same way a content control does)."""
        for child in container:
            if child.tag == _w("p"):
                self._paragraph(Paragraph(child, parent))
                for box in _text_boxes(child):
                    self._blocks(box, parent)
            elif child.tag == _w("tbl"):
                self._table(Table(child, parent))
            elif child.tag == _w("sdt"):
                for content in child.iterchildren(_w("sdtContent")):
                    self._blocks(content, parent)
            elif child.tag == _w("customXml"):
                self._blocks(child, parent)

    def _paragraph(self, paragraph: Any) -> None:
        if self._caption(paragraph):
            return
        self.writer.start(self._style(paragraph))
        for item in paragraph.iter_inner_content():
            if hasattr(item, "address"):
                href = safe_href(item.url or "")
                mark = self.writer.open_mark(MarkKind.LINK, href) if href else None
                for run in item.runs:
                    self._run(run)
                if mark is not None:
                    self.writer.close_mark(mark)
            else:
                self._run(item)
        self.writer.end()
        for drawing in paragraph._p.iter(_DRAWING):
            if next(drawing.iter(_PICTURE), None) is not None:
                self._figure(drawing)

    def _figure(self, drawing: Any) -> None:
        """A picture as a FIGURE placeholder with its alt text (the picture is not kept)."""
        properties = next(drawing.iter(_DOC_PROPERTIES), None)
        alt = "" if properties is None else properties.get("descr") or properties.get("title")
        alt = clean_inline(alt or "").strip()
        self.writer.blocks.append(Block(BlockKind.FIGURE, figure_text(alt, "", ""), alt=alt))

    def _caption(self, paragraph: Any) -> bool:
        """A "Caption" paragraph right after a picture becomes that figure's caption."""
        style_name = (paragraph.style.name if paragraph.style is not None else "") or ""
        last = self.writer.blocks[-1] if self.writer.blocks else None
        if style_name != "Caption" or last is None or last.kind is not BlockKind.FIGURE:
            return False
        caption = clean_inline(paragraph.text).strip()
        if not caption or last.caption:
            return False
        self.writer.blocks[-1] = replace(
            last, caption=caption, text=figure_text(last.alt, caption, last.credit)
        )
        return True

    def _run(self, run: Any) -> None:
        marks = []
        if run.bold:
            marks.append(self.writer.open_mark(MarkKind.STRONG))
        if run.italic:
            marks.append(self.writer.open_mark(MarkKind.EMPHASIS))
        self.writer.write(run.text)
        for mark in marks:
            self.writer.close_mark(mark)
        # Its own references only: a text box anchored in the run is read as blocks of its own.
        for reference in run._r.iterchildren(_w("footnoteReference")):
            number = self.footnote_numbers.setdefault(
                reference.get(_w("id"), ""), len(self.footnote_numbers) + 1
            )
            self.writer.write(f"[{number}]")

    def _style(self, paragraph: Any) -> BlockStyle:
        style_name = (paragraph.style.name if paragraph.style is not None else "") or ""
        heading = _HEADING_STYLE.match(style_name.strip())
        if heading:
            return BlockStyle(BlockKind.HEADING, min(max(int(heading.group(1)), 1), 6))
        if style_name == "Title":
            return BlockStyle(BlockKind.HEADING, 1)
        num_pr = paragraph._p.find(f"{_w('pPr')}/{_w('numPr')}")
        if num_pr is not None:
            level = _val(num_pr.find(_w("ilvl"))) or "0"
            fmt = self.numbering.get((_val(num_pr.find(_w("numId"))), level), "")
            ordered = fmt not in _UNORDERED_FORMATS
            return BlockStyle(
                BlockKind.LIST_ITEM, int(level) + 1 if level.isdigit() else 1, ordered
            )
        if style_name.startswith(("List Bullet", "List Number")):
            return BlockStyle(BlockKind.LIST_ITEM, 1, style_name.startswith("List Number"))
        if style_name in ("Quote", "Intense Quote"):
            return BlockStyle(BlockKind.QUOTE)
        return BlockStyle()

    def _table(self, table: Any) -> None:
        for row in table.rows:
            cells, seen = [], set()
            for cell in row.cells:
                # A merged cell is returned once per grid column it spans.
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    cells.append(clean_inline(cell.text).strip())
            self.writer.start(BlockStyle(BlockKind.TABLE_ROW))
            self.writer.write(" | ".join(cells))
        self.writer.start(BlockStyle())


def _text_boxes(paragraph: Any) -> Iterator[Any]:
    """The text boxes (``w:txbxContent``) anchored in a paragraph, each once: of the copies in
    ``mc:AlternateContent`` only the first branch holding a text box counts (the DrawingML
    ``mc:Choice`` before its VML ``mc:Fallback``), and a box inside another box is left for
    when that box's own paragraphs are read."""
    for box in paragraph.iter(_w("txbxContent")):
        if all(_chosen(ancestor) for ancestor in _ancestors_below(box, paragraph)):
            yield box


def _ancestors_below(element: Any, top: Any) -> Iterator[Any]:
    for ancestor in element.iterancestors():
        if ancestor is top:
            return
        yield ancestor


def _chosen(element: Any) -> bool:
    if element.tag == _w("txbxContent"):
        return False  # a nested box
    parent = element.getparent()
    if parent is None or parent.tag != _ALTERNATE_CONTENT:
        return True
    branches = (
        branch for branch in parent if next(branch.iter(_w("txbxContent")), None) is not None
    )
    return next(branches, None) is element


def _val(element: Any) -> str:
    return str(element.get(_w("val"), "")) if element is not None else ""


def _numbering_formats(document: Any) -> dict[tuple[str, str], str]:
    """(numId, level) to the number format ("bullet", "decimal", ...) from numbering.xml."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        # python-docx signals a document without a numbering part with NotImplementedError.
        return {}
    abstract = {}
    for definition in numbering.iter(_w("abstractNum")):
        levels = {
            lvl.get(_w("ilvl")): _val(lvl.find(_w("numFmt"))) for lvl in definition.iter(_w("lvl"))
        }
        abstract[definition.get(_w("abstractNumId"))] = levels
    formats: dict[tuple[str, str], str] = {}
    for num in numbering.iter(_w("num")):
        levels = abstract.get(_val(num.find(_w("abstractNumId"))), {})
        for level, fmt in levels.items():
            formats[(str(num.get(_w("numId"))), str(level))] = fmt
    return formats


def _footnote_blocks(archive: zipfile.ZipFile, numbers: dict[str, int]) -> list[Block]:
    """The footnotes in the order they are referenced, as a final section."""
    if not numbers or "word/footnotes.xml" not in archive.namelist():
        return []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(archive.read("word/footnotes.xml"), parser)
    texts = {}
    for note in root.iter(_w("footnote")):
        paragraphs = ["".join(t.text or "" for t in p.iter(_w("t"))) for p in note.iter(_w("p"))]
        texts[note.get(_w("id"), "")] = clean_inline(" ".join(paragraphs)).strip()
    writer = BlockWriter()
    writer.start(BlockStyle(BlockKind.HEADING, 2))
    writer.write("Footnotes")
    for note_id, number in sorted(numbers.items(), key=lambda item: item[1]):
        writer.start(BlockStyle())
        writer.write(f"[{number}] {texts.get(note_id, '')}")
    return list(writer.finish())


def _core_properties(document: Any, archive: zipfile.ZipFile) -> tuple[str, str, str]:
    """Title, author and creation date, when the file has its own core properties (without
    them python-docx invents defaults such as the title "Word Document")."""
    if not any(n.endswith("core.xml") for n in archive.namelist()):
        return "", "", ""
    props = document.core_properties
    created = props.created
    when = created.date().isoformat() if isinstance(created, datetime) else ""
    return clean_inline(props.title or "").strip(), clean_inline(props.author or "").strip(), when
