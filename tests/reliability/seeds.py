"""Valid article files for the fuzz tests to damage: the test fixtures (real pages, a Jekyll
post, Word and PDF files) and the smallest valid files of each format, built here, which keep
the cost of a case low enough for thousands of cases in the suite."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples"

_WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def word_xml(body: str) -> str:
    """A ``word/document.xml`` whose body is ``body``."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_WORD_NS}"><w:body>{body}</w:body></w:document>'
    )


SMALL_WORD_BODY = (
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Talks in Islamabad</w:t></w:r></w:p>'
    "<w:p><w:r><w:t>Russia will deliver </w:t></w:r><w:r><w:rPr><w:b/></w:rPr>"
    "<w:t>four helicopters</w:t></w:r><w:r><w:t> this year.</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
)


def word_file(document_xml: str, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal .docx package around ``document_xml``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document_xml.encode("utf-8", "surrogatepass"))
    return buffer.getvalue()


def pdf_file(lines: list[str], content: bytes | None = None, stream_filter: bytes = b"") -> bytes:
    """A minimal one-page PDF showing ``lines`` (or drawing ``content``, encoded with
    ``stream_filter``), with a correct cross-reference table."""
    if content is None:
        shown = b"".join(
            b"(" + line.encode("latin-1", "replace").replace(b")", b"") + b") Tj 0 -14 Td "
            for line in lines
        )
        content = b"BT /F1 12 Tf 72 720 Td " + shown + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length "
        + str(len(content)).encode()
        + stream_filter
        + b" >>\nstream\n"
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode())
    out.write(f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


SMALL_TEXT = (
    "Talks in Islamabad\n\nRussia will deliver four helicopters this year, the minister said.\n"
)
SMALL_MARKDOWN = (
    "---\ntitle: Talks\nauthor: A. Writer\n---\n# Talks in Islamabad\n\n"
    "Russia will deliver *four* **helicopters** [this year](https://example.org/).\n\n"
    "- one\n- two\n\n> a quote\n\n```\ncode\n```\n"
)
SMALL_HTML = (
    "<!doctype html><html lang='en'><head><title>Talks | News</title>"
    "<meta name='author' content='A. Writer'></head><body><article><h1>Talks in Islamabad</h1>"
    "<p>Russia will deliver <b>four</b> helicopters <a href='https://example.org/'>this year</a>."
    "</p><ul><li>one</li></ul><table><tr><td>cell</td></tr></table></article></body></html>"
)


def text_seeds() -> list[str]:
    return [SMALL_TEXT, (SAMPLE / "pakistan-russia-2018-03-03.txt").read_text("utf-8")]


def markdown_seeds() -> list[str]:
    jekyll = FIXTURES / "2019-08-19-jekyll-4-0-0-released.markdown"
    return [SMALL_MARKDOWN, jekyll.read_text("utf-8")]


def html_seeds() -> list[str]:
    return [SMALL_HTML, (FIXTURES / "pages" / "rtl-3" / "source.html").read_text("utf-8")]


def word_seeds() -> list[bytes]:
    return [word_file(word_xml(SMALL_WORD_BODY)), (FIXTURES / "simple-list.docx").read_bytes()]


def pdf_seeds() -> list[bytes]:
    return [
        pdf_file(["Talks in Islamabad", "Russia will deliver four helicopters."]),
        (FIXTURES / "002-trivial-libre-office-writer.pdf").read_bytes(),
    ]
