"""The defects the fuzz tests found, each pinned by the smallest input that showed it and the
message the user now sees instead of a traceback (or a refusal of a good file)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from annotator.domain.text import canonical_text
from annotator.errors import DocumentImportError, ReportError
from annotator.formats.importers import import_file, import_pasted_html, import_pasted_text
from annotator.formats.webanno_import import parse_annotations
from annotator.services import Workspace
from annotator.services.interchange import import_annotations
from annotator.services.reports import import_report, parse_report
from tests.fixtures.report_fixture import fixture_report
from tests.reliability import seeds

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def test_a_report_whose_original_bytes_are_not_base64_is_refused_before_any_project_exists(
    tmp_path: Path,
) -> None:
    raw = json.loads((GOLDEN / "fixture.json").read_bytes())
    raw["documents"][1]["original"] = "not base64!"
    with pytest.raises(ReportError) as caught:
        parse_report(json.dumps(raw).encode(), "damaged.json")
    assert str(caught.value) == (
        "damaged.json is not a valid report: documents.1.original: not valid base64 "
        "(the bytes the text was imported from)."
    )
    assert list(tmp_path.iterdir()) == []


def test_a_lone_surrogate_in_an_annotation_is_refused_naming_where_it_is(tmp_path: Path) -> None:
    report = fixture_report()
    bare = report.model_copy(
        update={"documents": [d.model_copy(update={"claims": []}) for d in report.documents]}
    )
    data = json.loads((GOLDEN / "fixture.annotations.jsonld").read_bytes())
    data["first"]["items"][0]["body"][2]["value"] = "half a pair: \ud800"
    path = tmp_path / "annotations.jsonld"
    path.write_text(json.dumps(data), encoding="ascii")  # "\ud800" as a JSON escape
    with import_report(bare, tmp_path / "project.factcheck") as workspace:
        with pytest.raises(ReportError) as caught:
            import_annotations(workspace, path)
        assert workspace.claims.all(workspace.documents.all()[0].id) == []
    assert str(caught.value) == (
        "annotations.jsonld is not a Web Annotation file: the text at "
        "first.items.0.body.2.value is not valid Unicode (half of a UTF-16 surrogate pair)."
    )


@pytest.mark.parametrize("text", ["0\x1f", "a\x0bb", "<p>half \ud800 pair</p>"])
def test_pasted_html_with_control_characters_or_a_lone_surrogate_is_read(
    text: str, workspace: Workspace
) -> None:
    imported = import_pasted_html(text)
    kept = text.replace("\x1f", "").replace("\x0b", "").replace("\ud800", "")
    kept = kept.removeprefix("<p>").removesuffix("</p>")
    assert imported.text == " ".join(kept.split())
    workspace.documents.add(imported)


def test_pasted_text_with_a_lone_surrogate_is_stored_without_it(workspace: Workspace) -> None:
    imported = import_pasted_text("half \ud800 pair")
    assert imported.text == "half  pair"
    workspace.documents.add(imported)


def _needing_zip_version(version: int) -> bytes:
    data = bytearray(seeds.word_file(seeds.word_xml(seeds.SMALL_WORD_BODY)))
    central = data.rfind(b"PK\x01\x02")  # the last member's central directory entry
    data[central + 6 : central + 8] = version.to_bytes(2, "little")  # version needed
    return bytes(data)


def test_a_word_file_in_a_zip_version_python_cannot_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.docx"
    path.write_bytes(_needing_zip_version(84))
    with pytest.raises(DocumentImportError) as caught:
        import_file(path)
    assert str(caught.value) == (
        f"{path} is not a valid Word document (the zip archive is damaged); "
        "re-save it from Word and try again."
    )


def test_a_word_file_whose_compressed_part_is_damaged_is_refused(tmp_path: Path) -> None:
    data = bytearray(seeds.word_file(seeds.word_xml(seeds.SMALL_WORD_BODY)))
    start = data.find(b"word/document.xml") + len("word/document.xml")
    data[start : start + 4] = b"\xff\xff\xff\xff"  # the deflate stream's first bytes
    path = tmp_path / "damaged.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(DocumentImportError) as caught:
        import_file(path)
    assert str(caught.value) == (
        f"{path} is not a valid Word document (word/document.xml cannot be unpacked); "
        "re-save it from Word and try again."
    )


def test_a_word_file_whose_styles_part_is_of_the_wrong_type_is_refused(tmp_path: Path) -> None:
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/></Relationships>'
    )
    buffer = io.BytesIO(seeds.word_file(seeds.word_xml(seeds.SMALL_WORD_BODY)))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("word/_rels/document.xml.rels", rels)
        archive.writestr("word/styles.xml", "<styles/>")  # an XML part, not a styles part
    path = tmp_path / "styles.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(DocumentImportError) as caught:
        import_file(path)
    assert str(caught.value) == (
        f"{path} is not a valid Word document ('Part' object has no attribute 'styles'); "
        "re-save it from Word and try again."
    )


def test_a_markdown_file_whose_first_line_is_a_whole_paragraph_is_added_with_a_cut_title(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "long.md"
    path.write_text("word " * 400 + "\n---\n\nMore text.\n", encoding="utf-8")  # a heading
    added = workspace.documents.add_file(path)
    assert len(added.title) == 500
    assert added.title.startswith("word word")
    assert added.title.endswith("…")


def test_a_saved_page_with_a_control_character_before_a_removed_script_is_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(
        b"<html><body><article><h1>Talks</h1><p>Russia will deliver four helicopters this "
        b"year, the minister said.\x1f<script>x</script> More text follows.</p></article>"
        b"</body></html>"
    )
    assert "the minister said. More text follows." in import_file(path).text


def test_a_line_separator_in_a_markdown_code_block_ends_a_line(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "code.md"
    path.write_text("# Code\n\n```\nfirst\u2028second\n```\n", encoding="utf-8")
    document = workspace.documents.get(workspace.documents.add_file(path).id)
    assert document.text == "Code\nfirst\nsecond"
    assert canonical_text(document.text) == document.text  # a report of it reads back


def test_an_annotation_with_a_huge_type_or_id_is_refused_in_a_short_message() -> None:
    huge = "x" * 60_000
    for item in ({"type": huge, "target": "t"}, {"id": huge, "target": []}):
        with pytest.raises(ReportError) as caught:
            parse_annotations(json.dumps(item).encode(), "huge.json")
        assert len(str(caught.value)) < 200
        assert str(caught.value).startswith("huge.json is not a Web Annotation file: annotation ")
