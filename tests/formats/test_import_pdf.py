"""PDF articles: paragraphs rebuilt from lines, running headers dropped, progress, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.domain.body import BlockKind
from annotator.formats.importers import ImportCancelled, import_file
from annotator.formats.importers.pdf import Vocabulary, import_pdf_bytes, join_lines
from annotator.formats.importers.pdf_meta import pdf_date
from tests.formats.test_import_invariants import FIXTURES, assert_well_formed, refusal

Line = tuple[float, float, float, str]  # x, y, font size, text


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _pdf(pages: list[list[Line]], info: str = "", encrypt: bool = False) -> bytes:
    """A small valid PDF with Helvetica text at the given places (no PDF library needed)."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for lines in pages:
        stream = "".join(
            f"BT /F1 {size} Tf {x} {y} Td ({_escape(text)}) Tj ET\n" for x, y, size, text in lines
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}endstream")
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    trailer = f"/Root 1 0 R /Size {len(objects) + 3}"
    if info:
        objects.append(info)
        trailer += f" /Info {len(objects)} 0 R"
    if encrypt:
        objects.append(f"<< /Filter /Standard /V 1 /R 2 /O <{'ab' * 32}> /U <{'cd' * 32}> /P -4 >>")
        trailer += f" /Encrypt {len(objects)} 0 R /ID [<{'01' * 16}> <{'01' * 16}>]"
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    return out + f"trailer\n<< {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()


def _page(number: int, body: list[str], heading: str = "") -> list[Line]:
    lines: list[Line] = [
        (72, 760, 9, "Quarterly Review of Public Claims"),
        (300, 30, 9, str(number)),
    ]
    y = 700.0
    if heading:
        lines.append((72, y, 20, heading))
        y -= 40
    for text in body:
        if text == "":
            y -= 14
            continue
        lines.append((72, y, 12, text))
        y -= 14
    return lines


_PAGES = [
    _page(
        1,
        ["The committee found that the frac-", "tion of false claims was small.", "",
         "A second paragraph says that the results were"],
        heading="Annual Findings",
    ),
    _page(2, ["confirmed by the auditors in March.", "", "Page two has its own paragraph."]),
    _page(3, ["The last page closes the report."]),
]  # fmt: skip
_INFO = "<< /Title (Claims Review) /Author (Ann Auditor) /CreationDate (D:20200102030405+01'00') >>"


def test_paragraphs_hyphenation_headers_and_page_numbers() -> None:
    doc = import_pdf_bytes(_pdf(_PAGES, _INFO), "review.pdf")
    assert_well_formed(doc)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, "Annual Findings"),
        (BlockKind.PARAGRAPH, "The committee found that the fraction of false claims was small."),
        (
            BlockKind.PARAGRAPH,
            "A second paragraph says that the results were confirmed by the auditors in March.",
        ),
        (BlockKind.PARAGRAPH, "Page two has its own paragraph."),
        (BlockKind.PARAGRAPH, "The last page closes the report."),
    ]
    assert (doc.title, doc.author, doc.published) == (
        "Claims Review",
        "Ann Auditor",
        "2020-01-02T03:04:05+01:00",
    )


def test_progress_is_reported_per_page_and_cancel_stops_between_pages() -> None:
    data = _pdf(_PAGES)
    seen: list[tuple[int, int]] = []
    import_pdf_bytes(data, "review.pdf", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    seen.clear()
    with pytest.raises(ImportCancelled) as error:
        import_pdf_bytes(
            data,
            "review.pdf",
            progress=lambda d, t: seen.append((d, t)),
            cancelled=lambda: bool(seen),
        )
    assert seen == [(1, 3)]
    assert str(error.value) == "Import of review.pdf was cancelled."


def test_import_file_passes_progress_through(tmp_path: Path) -> None:
    path = tmp_path / "review.pdf"
    path.write_bytes(_pdf(_PAGES))
    seen: list[int] = []
    doc = import_file(path, progress=lambda done, total: seen.append(done))
    assert seen == [1, 2, 3]
    assert doc.format == "pdf"


def test_real_pdfs() -> None:
    latex = import_file(FIXTURES / "pdflatex-4-pages.pdf")
    assert_well_formed(latex)
    assert latex.text.startswith("Hello, here is some text without a meaning.")
    assert not any(block.text.strip().isdigit() for block in latex.blocks)  # page numbers gone
    assert latex.published == "2022-04-03T19:59:45+02:00"
    writer = import_file(FIXTURES / "002-trivial-libre-office-writer.pdf")
    assert_well_formed(writer)
    assert len(writer.blocks) == 1
    assert writer.text.endswith("no sea takimata sanctus est Lorem ipsum dolor sit amet.")


def _paragraphs(*paragraphs: list[str]) -> list[list[Line]]:
    """One page of body text, the paragraphs a blank line apart."""
    lines: list[Line] = []
    y = 700.0
    for paragraph in paragraphs:
        for text in paragraph:
            lines.append((72, y, 12, text))
            y -= 14
        y -= 14
    return [lines]


def test_hyphen_at_a_line_end_is_kept_or_dropped_as_the_document_spells_the_word() -> None:
    pages = _paragraphs(
        ["It is a well-known fact that the co-author of the",
         "report says the unions cooperate with the council."],
        ["The claim was well-", "known to readers, and the unions co-",
         "operate on the plan with the co-", "author, while an extraordi-",
         "nary figure came from the Pakistan-", "Russia talks about COVID-",
         "19 cases in pre-", "and post-war Europe."],
    )  # fmt: skip
    doc = import_pdf_bytes(_pdf(pages), "hyphens.pdf")
    assert_well_formed(doc)
    assert [b.text for b in doc.blocks] == [
        "It is a well-known fact that the co-author of the report says the unions cooperate "
        "with the council.",
        "The claim was well-known to readers, and the unions cooperate on the plan with the "
        "co-author, while an extraordinary figure came from the Pakistan-Russia talks about "
        "COVID-19 cases in pre- and post-war Europe.",
    ]


def test_join_lines_without_a_vocabulary_follows_the_shape_of_the_parts() -> None:
    assert join_lines(["the frac-", "tion of", "claims"]) == "the fraction of claims"
    assert join_lines(["a well-", "known claim"]) == "a wellknown claim"  # nothing says otherwise
    assert join_lines(["Anglo-", "Saxon words"]) == "Anglo-Saxon words"
    assert join_lines(["COVID-", "19 and COVID-", "related"]) == "COVID-19 and COVID-related"
    assert join_lines(["a G7-", "led plan for 2020-", "21"]) == "a G7-led plan for 2020-21"
    assert join_lines(["first-", "and second-order"]) == "first- and second-order"
    assert join_lines(["soft\u00ad", "hyphen"]) == "softhyphen"
    assert join_lines(["Soft\u00ad", "Ware"]) == "SoftWare"
    assert join_lines(["a dash -", "then more"]) == "a dash - then more"
    assert join_lines(["ends-", "(aside)"]) == "ends- (aside)"


def test_document_spelling_comes_before_the_shape_of_the_parts() -> None:
    vocabulary = Vocabulary.of(["A state-of-the-art PowerPoint, e-mail and E-MAIL, email."])
    assert join_lines(["a Power-", "Point deck"], vocabulary) == "a PowerPoint deck"
    assert join_lines(["the state-of-the-", "art tool"], vocabulary) == "the state-of-the-art tool"
    # Two hyphenated spellings (case-folded) against one joined: the hyphen stays.
    assert join_lines(["an e-", "mail"], vocabulary) == "an e-mail"
    assert join_lines(["an extraordi-", "nary claim"], vocabulary) == "an extraordinary claim"


def test_pdf_dates() -> None:
    assert pdf_date("D:20140610120000+01'00'") == "2014-06-10T12:00:00+01:00"
    assert pdf_date("D:20140610120000Z") == "2014-06-10T12:00:00+00:00"
    assert pdf_date("D:2014") == "2014-01-01"
    assert pdf_date("yesterday") == ""


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.pdf"
    path.write_bytes(_pdf(_PAGES, encrypt=True))
    assert refusal(path) == (
        f"{path} is password-protected; open it, save an unprotected copy and import that."
    )


def test_damaged_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R\n")
    assert refusal(path) == (
        f"{path} is not a valid PDF (the file is damaged or incomplete); re-export it and try "
        "again."
    )


def test_file_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("just some notes", encoding="utf-8")
    assert refusal(path) == (
        f"{path} is not a PDF file (it does not start with %PDF); check the file or its extension."
    )


def test_pdf_without_text_suggests_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf([[]]))
    assert refusal(path) == (
        f"{path} has no text layer (it is probably a scanned image); run OCR on it first and "
        "try again."
    )


def test_every_block_keeps_its_page_and_where_a_paragraph_moves_on_to_the_next() -> None:
    doc = import_pdf_bytes(_pdf(_PAGES), "claims.pdf")
    pages = {block.text: block.page for block in doc.blocks}
    assert pages["Annual Findings"] == 1
    assert pages["Page two has its own paragraph."] == 2
    assert pages["The last page closes the report."] == 3
    [continued] = [b for b in doc.blocks if b.text.startswith("A second paragraph")]
    assert continued.page == 1
    [cut] = continued.page_breaks
    assert continued.text[cut:].startswith("confirmed by the auditors")
    assert continued.pages(0, 5) == (1,)
    assert continued.pages(cut, cut + 9) == (2,)
    assert continued.pages(0, len(continued.text)) == (1, 2)


def test_a_paragraph_over_four_pages_says_where_each_page_starts() -> None:
    latex = import_file(FIXTURES / "pdflatex-4-pages.pdf")
    [block] = latex.blocks  # the blind text really is one paragraph
    assert block.page == 1
    assert len(block.page_breaks) == 3
    last = block.page_breaks[-1]
    assert block.pages(last + 10, last + 20) == (4,)
