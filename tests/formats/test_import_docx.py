"""Word documents: structure, footnotes, metadata, and hostile packages."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import docx
import pytest
from lxml import etree

from annotator.domain.body import BlockKind, MarkKind
from annotator.errors import DocumentImportError
from annotator.formats.importers import import_file
from annotator.formats.importers.docx import import_docx_bytes
from tests.formats.test_import_invariants import FIXTURES, assert_well_formed, refusal


def _word_file() -> bytes:
    document = docx.Document()
    document.core_properties.title = "Council budget"
    document.core_properties.author = "Ada Reporter"
    document.core_properties.created = datetime(2024, 2, 3, 10, 0, 0)
    document.add_heading("Council budget", level=1)
    paragraph = document.add_paragraph("The council ")
    paragraph.add_run("doubled").bold = True
    paragraph.add_run(" spending, ")
    paragraph.add_run("officials").italic = True
    paragraph.add_run(" said.")
    document.add_heading("Details", level=2)
    document.add_paragraph("Roads", style="List Bullet")
    document.add_paragraph("Schools", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, [("Item", "Cost"), ("Roads", "5 M")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("Line one\nline two")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_headings_marks_lists_tables_and_metadata() -> None:
    doc = import_docx_bytes(_word_file(), "budget.docx")
    assert_well_formed(doc)
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, 1, "Council budget"),
        (BlockKind.PARAGRAPH, 0, "The council doubled spending, officials said."),
        (BlockKind.HEADING, 2, "Details"),
        (BlockKind.LIST_ITEM, 1, "Roads"),
        (BlockKind.LIST_ITEM, 1, "Schools"),
        (BlockKind.TABLE_ROW, 0, "Item | Cost"),
        (BlockKind.TABLE_ROW, 0, "Roads | 5 M"),
        (BlockKind.PARAGRAPH, 0, "Line one line two"),
    ]
    text = doc.blocks[1].text
    assert {(m.kind, text[m.start : m.end]) for m in doc.blocks[1].marks} == {
        (MarkKind.STRONG, "doubled"),
        (MarkKind.EMPHASIS, "officials"),
    }
    assert [b.ordered for b in doc.blocks[3:5]] == [False, True]
    assert (doc.title, doc.author, doc.published) == (
        "Council budget",
        "Ada Reporter",
        "2024-02-03",
    )


def test_footnotes_become_a_final_section_numbered_as_referenced() -> None:
    doc = import_file(FIXTURES / "footnotes.docx")
    assert_well_formed(doc)
    assert doc.text == "Ouch[1].[2]\nFootnotes\n[1] A tachyon walks into a bar.\n[2] Fin."
    assert doc.blocks[1].kind is BlockKind.HEADING
    assert doc.author == "Michael Williamson"
    assert doc.published == "2014-06-10"


def test_numbered_paragraphs_and_tables_from_word() -> None:
    lists = import_file(FIXTURES / "simple-list.docx")
    assert [(b.kind, b.level, b.ordered, b.text) for b in lists.blocks] == [
        (BlockKind.LIST_ITEM, 1, False, "Apple"),
        (BlockKind.LIST_ITEM, 1, False, "Banana"),
    ]
    tables = import_file(FIXTURES / "tables.docx")
    assert_well_formed(tables)
    assert tables.text == "Above\nTop left | Top right\nBottom left | Bottom right\nBelow"


_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _xml(fragment: str) -> etree._Element:
    """``fragment``'s root element, with the namespaces Word uses for boxes and controls."""
    tag_end = fragment.index(">")
    if fragment[tag_end - 1] == "/":
        tag_end -= 1
    return etree.fromstring(f"{fragment[:tag_end]} {_NAMESPACES}{fragment[tag_end:]}")


def _p(text: str, style: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _vml_box(paragraphs: str) -> str:
    return (
        "<w:pict><v:rect><v:textbox><w:txbxContent>"
        f"{paragraphs}</w:txbxContent></v:textbox></v:rect></w:pict>"
    )


def _drawing_box(paragraphs: str) -> str:
    return (
        '<w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/'
        'office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>'
        f"{paragraphs}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing>"
    )


def _word_file_with_boxes_and_controls() -> bytes:
    """A text box stored twice (DrawingML choice, VML fallback), an older VML-only box, and
    content controls around paragraphs, a table and another control."""
    document = docx.Document()
    document.add_heading("Turnout", level=1)
    note = '<w:r><w:footnoteReference w:id="2"/></w:r>'
    box = _p("Box: turnout fell to 41%.").replace("</w:p>", f"{note}</w:p>")
    box += _p("The lowest in years.")
    anchor = document.add_paragraph("The mayor spoke on Monday.")
    anchor.add_run(" She took questions.")
    anchor._p.insert(
        2,  # between the two runs: the box is read after the whole anchoring paragraph
        _xml(
            '<w:r><mc:AlternateContent><mc:Choice Requires="wps">'
            f"{_drawing_box(box)}</mc:Choice><mc:Fallback>{_vml_box(box)}</mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        ),
    )
    old = document.add_paragraph("An older file drew this box.")
    old._p.append(_xml(f"<w:r>{_vml_box(_p('A VML-only box.'))}</w:r>"))
    last = document.add_paragraph("Last words.")
    table = (
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        + "".join(
            f"<w:tr><w:tc>{_p(left)}</w:tc><w:tc>{_p(right)}</w:tc></w:tr>"
            for left, right in [("Region", "Turnout"), ("North", "41%")]
        )
        + "</w:tbl>"
    )
    inner = f"<w:sdt><w:sdtPr/><w:sdtContent>{_p('A control in a control.')}</w:sdtContent></w:sdt>"
    last._p.addprevious(
        _xml(
            "<w:sdt><w:sdtPr><w:alias w:val='Results'/></w:sdtPr><w:sdtContent>"
            f"{_p('Results', 'Heading2')}{_p('Counted by the clerk.')}{table}{inner}"
            "</w:sdtContent></w:sdt>"
        )
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_text_boxes_and_content_controls_are_read_in_order_once() -> None:
    doc = import_docx_bytes(_word_file_with_boxes_and_controls(), "turnout.docx")
    assert_well_formed(doc)
    assert doc.text == (
        "Turnout\n"
        "The mayor spoke on Monday. She took questions.\n"
        "Box: turnout fell to 41%.[1]\n"
        "The lowest in years.\n"
        "An older file drew this box.\n"
        "A VML-only box.\n"
        "Results\n"
        "Counted by the clerk.\n"
        "Region | Turnout\n"
        "North | 41%\n"
        "A control in a control.\n"
        "Last words."
    )
    assert [(b.kind, b.level) for b in doc.blocks[6:10]] == [
        (BlockKind.HEADING, 2),
        (BlockKind.PARAGRAPH, 0),
        (BlockKind.TABLE_ROW, 0),
        (BlockKind.TABLE_ROW, 0),
    ]


def test_a_text_box_only_in_the_fallback_is_still_read() -> None:
    document = docx.Document()
    anchor = document.add_paragraph("A shape Word drew as a picture.")
    anchor._p.append(
        _xml(
            '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/></mc:Choice>'
            f"<mc:Fallback>{_vml_box(_p('Kept from the fallback.'))}</mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
    )
    buffer = io.BytesIO()
    document.save(buffer)
    doc = import_docx_bytes(buffer.getvalue(), "shape.docx")
    assert doc.text == "A shape Word drew as a picture.\nKept from the fallback."


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_zip_bomb_is_refused_before_anything_is_unpacked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    members = _members(FIXTURES / "simple-list.docx")
    members["word/media/padding.bin"] = bytes(200 * 1024 * 1024)
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip(members))
    assert path.stat().st_size < 1024 * 1024
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(archive: zipfile.ZipFile, member: object, *args: object, **kwargs: object) -> object:
        opened.append(getattr(member, "filename", str(member)))
        return real_open(archive, member, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    with pytest.raises(DocumentImportError) as error:
        import_file(path)
    assert opened == []  # refused from the sizes in the zip directory, before unpacking anything
    assert str(error.value).startswith(f"{path} would unpack to 210 MB (compressed ")
    assert str(error.value).endswith(
        "to 1), which no Word article needs; it looks like a zip bomb and was not opened."
    )


_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def test_billion_laughs_in_document_xml_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused at its DTD by the safety check, before anything that would expand the entities
    (python-docx's lxml parser) sees the package."""
    members = _members(FIXTURES / "simple-list.docx")
    members["word/document.xml"] = _LAUGHS
    path = tmp_path / "laughs.docx"
    path.write_bytes(_zip(members))

    def must_not_read(*_args: object) -> None:
        raise AssertionError("python-docx was given a package with an XML bomb")

    monkeypatch.setattr(docx, "Document", must_not_read)
    with pytest.raises(DocumentImportError) as error:
        import_file(path)
    assert str(error.value) == (
        f"{path} contains XML with a DTD or entity declarations in word/document.xml, which "
        "Word never writes; it was refused as unsafe."
    )


def test_damaged_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes((FIXTURES / "tables.docx").read_bytes()[:3000])
    assert refusal(path) == (
        f"{path} is not a valid Word document (the zip archive is damaged); re-save it from "
        "Word and try again."
    )


def test_zip_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sheet.docx"
    path.write_bytes(_zip({"xl/workbook.xml": b"<workbook/>"}))
    assert refusal(path) == (
        f"{path} is not a Word document (it has no word/document.xml); save it as .docx from "
        "Word and try again."
    )


def test_malformed_document_xml_is_refused(tmp_path: Path) -> None:
    members = _members(FIXTURES / "simple-list.docx")
    members["word/document.xml"] = b"<w:document><w:body><w:p>"
    path = tmp_path / "broken.docx"
    path.write_bytes(_zip(members))
    assert refusal(path) == (
        f"{path} is not a valid Word document (word/document.xml is not well-formed XML); "
        "re-save it from Word and try again."
    )


def test_old_word_or_encrypted_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    assert refusal(path) == (
        f"{path} is an old-style Word (.doc) or password-protected file; save it from Word as "
        "an unprotected .docx and try again."
    )


def _png() -> bytes:
    """A one-pixel PNG, for a document with a picture."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_a_picture_becomes_a_placeholder_with_its_alt_text_and_caption(tmp_path: Path) -> None:
    from docx.shared import Inches

    document = docx.Document()
    document.add_paragraph("Before the picture.")
    document.add_picture(io.BytesIO(_png()), width=Inches(1))
    document.inline_shapes[0]._inline.docPr.set("descr", "A map of the border")
    document.add_paragraph("Figure 1: The border region", style="Caption")
    document.add_paragraph("After the picture.")
    path = tmp_path / "picture.docx"
    document.save(str(path))
    imported = import_file(path)
    assert_well_formed(imported)
    assert [(b.kind, b.text) for b in imported.blocks] == [
        (BlockKind.PARAGRAPH, "Before the picture."),
        (BlockKind.FIGURE, "Figure 1: The border region"),
        (BlockKind.PARAGRAPH, "After the picture."),
    ]
    assert imported.blocks[1].alt == "A map of the border"
    assert imported.blocks[1].caption == "Figure 1: The border region"
