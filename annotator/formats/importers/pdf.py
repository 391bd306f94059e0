"""PDF articles: text in reading order, rebuilt into paragraphs.

pdfminer.six lays each page out into text boxes in reading order; this module turns their
lines back into prose: lines of a paragraph are joined with spaces, paragraphs break at wider
gaps, first-line indents and short final lines, and a paragraph cut by a page break is joined
again. A word broken at a line end after a hyphen is mended as the document itself spells it
(``frac-``/``tion`` is "fraction", ``well-``/``known`` stays "well-known" where the article
writes "well-known" elsewhere), else by the shape of its parts. Running headers and footers
(a line repeated at the top or bottom of most pages) and bare page numbers are dropped. Large
type becomes headings. Every block keeps the page it starts on (and where a paragraph continued
on the next page moves on to it), so a claim can be cited as "p. 3". Pages are reported through
``progress`` and ``cancelled`` is honoured between pages.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFStream, resolve1

from annotator.domain.body import Block, BlockKind
from annotator.errors import DocumentImportError
from annotator.formats.importers.base import (
    CancelCheck,
    ImportCancelled,
    ImportedDocument,
    ProgressCallback,
)
from annotator.formats.importers.builder import BlockStyle, BlockWriter, with_directions
from annotator.formats.importers.pdf_limits import (
    PdfWorkLimitError,
    check_page_content,
    check_page_glyphs,
    pdf_work_limits,
)
from annotator.formats.importers.pdf_meta import open_pdf, pdf_metadata

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_CID = re.compile(r"\(cid:\d+\)")
_PAGE_NUMBER = re.compile(
    r"^\W*(?:page\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?\W*$", re.I
)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’)\]]$")
_HYPHENS = "-\u2010\u2011"
_COMPOUND = re.compile(rf"\w+(?:[{_HYPHENS}]\w+)*")
_BROKEN = re.compile(r"(\w+)([-\u00ad])$")
"""A line ending inside a word: the word's last part, then a hyphen or a soft hyphen."""
_FIRST_WORD = re.compile(r"\w+")
_SUSPENDED = re.compile(rf"(?:and|or)\b.*\w[{_HYPHENS}]", re.I)
"""The rest of ``pre-``/``and post-war``: the hyphen stands for a word said later."""


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    box: int
    page: int = 0

    @property
    def height(self) -> float:
        return self.top - self.bottom


def import_pdf_bytes(
    data: bytes,
    name: str,
    origin: str = "",
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportedDocument:
    """Import a PDF article from its bytes, page by page, within the work limits of
    ``pdf_limits`` (a decompression bomb is refused before it is unpacked)."""
    with pdf_work_limits(name):
        document = open_pdf(data, name)
        pages = _page_lines(document, name, progress, cancelled)
        title, author, created = pdf_metadata(document)
    pages = _without_running_lines(pages)
    blocks, direction = with_directions(_blocks(pages))
    if not blocks:
        raise DocumentImportError(
            f"{name} has no text layer (it is probably a scanned image); run OCR on it first "
            "and try again."
        )
    return ImportedDocument(
        blocks=blocks,
        format="pdf",
        original=data,
        origin=origin,
        title=title or next((b.text for b in blocks if b.kind is BlockKind.HEADING), ""),
        author=author,
        published=created,
        direction=direction,
    )


def _page_lines(
    document: PDFDocument,
    name: str,
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
) -> list[list[_Line]]:
    try:
        # The permission flags ("copying not allowed") are advisory; quoting an article to
        # check it is exactly what they cannot forbid, so they are not enforced here.
        pages = list(PDFPage.create_pages(document))
    except PdfWorkLimitError:
        raise
    except Exception:  # pdfminer raises a wide variety for a broken page tree
        raise DocumentImportError(
            f"{name} is not a valid PDF (its page list is damaged); re-export it and try again."
        ) from None
    manager = PDFResourceManager()
    device = _CountingAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    result = []
    for number, page in enumerate(pages, start=1):
        if cancelled is not None and cancelled():
            raise ImportCancelled(f"Import of {name} was cancelled.")
        try:
            check_page_content(name, number, sum(len(s.get_data()) for s in _contents(page)))
            device.start_counting(name, number)
            interpreter.process_page(page)
        except PdfWorkLimitError:
            raise
        except Exception:  # one broken page should name the page, not crash
            raise DocumentImportError(
                f"{name} is not a valid PDF (page {number} is damaged); re-export it and try again."
            ) from None
        result.append(_lines_of(device.get_result(), number))
        if progress is not None:
            progress(number, len(pages))
    return result


class _CountingAggregator(PDFPageAggregator):
    """pdfminer's page layout, stopped once a page lays out more glyphs than an article's."""

    _name = ""
    _page = 0
    _glyphs = 0

    def start_counting(self, name: str, page: int) -> None:
        self._name, self._page, self._glyphs = name, page, 0

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        self._glyphs += 1
        check_page_glyphs(self._name, self._page, self._glyphs)
        return float(super().render_char(*args, **kwargs))


def _contents(page: PDFPage) -> list[Any]:
    """The page's content streams (pdfminer keeps them as a list of resolved objects)."""
    streams = (resolve1(content) for content in page.contents)
    return [stream for stream in streams if isinstance(stream, PDFStream)]


def _lines_of(layout: Iterable[object], page: int = 0) -> list[_Line]:
    lines = []
    for index, box in enumerate(layout):
        if not isinstance(box, LTTextBox):
            continue
        for line in box:
            if isinstance(line, LTTextLine):
                text = _CID.sub("", line.get_text()).translate(_LIGATURES)
                text = " ".join(text.split())
                if text:
                    lines.append(_Line(text, line.x0, line.x1, line.y1, line.y0, index, page))
    return lines


def _shape(line: _Line) -> str:
    """A line's text with numbers blurred (so "Page 3" and "Page 4" count as one header) and
    its height on the page, since running headers and footers stay in place."""
    return f"{round(line.top / 6)}:{_DIGITS.sub('#', line.text.lower())}"


def _without_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Drop page numbers and lines repeated at the top or bottom of most pages."""
    edges: dict[str, int] = {}
    for lines in pages:
        for shape in {_shape(line) for line in _edge_lines(lines)}:
            edges[shape] = edges.get(shape, 0) + 1
    needed = max(2, (len(pages) + 1) // 2)
    running = {shape for shape, count in edges.items() if count >= needed}
    cleaned = []
    for lines in pages:
        drop = {
            id(line)
            for line in _edge_lines(lines)
            if _shape(line) in running or _PAGE_NUMBER.match(line.text)
        }
        cleaned.append([line for line in lines if id(line) not in drop])
    return cleaned


def _edge_lines(lines: list[_Line]) -> list[_Line]:
    """The top-most and bottom-most lines of a page (two of each, for two-line headers)."""
    per_box: dict[int, int] = {}
    for line in lines:
        per_box[line.box] = per_box.get(line.box, 0) + 1
    ordered = sorted(lines, key=lambda line: -line.top)
    edges = ordered[:2] + ordered[-2:] if len(ordered) > 4 else ordered
    # Headers and footers stand apart from the body, in boxes of their own.
    return [line for line in edges if per_box[line.box] <= 2]


def _blocks(pages: list[list[_Line]]) -> tuple[Block, ...]:
    heights = [line.height for lines in pages for line in lines]
    if not heights:
        return ()
    body_height = statistics.median(heights)
    paragraphs: list[list[_Line]] = []
    for lines in pages:
        page_paragraphs = _paragraphs(lines, body_height)
        if paragraphs and page_paragraphs and _continues(paragraphs[-1], page_paragraphs[0]):
            paragraphs[-1] = paragraphs[-1] + page_paragraphs.pop(0)
        paragraphs.extend(page_paragraphs)
    vocabulary = Vocabulary.of(line.text for lines in pages for line in lines)
    writer = BlockWriter()
    for paragraph in paragraphs:
        writer.start(_style(paragraph, body_height))
        writer.write(join_lines([line.text for line in paragraph], vocabulary))
        before = len(writer.blocks)
        writer.end()
        if len(writer.blocks) > before:
            writer.blocks[-1] = _with_page_break(writer.blocks[-1], paragraph, vocabulary)
    return writer.finish()


def _with_page_break(block: Block, paragraph: list[_Line], vocabulary: Vocabulary) -> Block:
    """The block with where its text moves on to each next page, for a paragraph continued
    there (the length of the text before that page, give or take a mended hyphen)."""
    cuts: list[int] = []
    for before, line in itertools.pairwise(range(len(paragraph))):
        if paragraph[line].page != paragraph[before].page:
            head = join_lines([x.text for x in paragraph[:line]], vocabulary)
            cuts.append(min(len(" ".join(head.split())) + 1, len(block.text) - 1))
    return replace(block, page_breaks=tuple(cuts)) if cuts else block


def _paragraphs(lines: list[_Line], body_height: float) -> list[list[_Line]]:
    margins: dict[int, tuple[float, float]] = {}
    for line in lines:
        left, right = margins.get(line.box, (line.x0, line.x1))
        margins[line.box] = (min(left, line.x0), max(right, line.x1))
    paragraphs: list[list[_Line]] = []
    for line in lines:
        previous = paragraphs[-1][-1] if paragraphs else None
        if previous is None or _breaks(previous, line, margins[line.box], body_height):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def _breaks(previous: _Line, line: _Line, margins: tuple[float, float], body_height: float) -> bool:
    """Whether ``line`` starts a new paragraph rather than continuing after ``previous``."""
    if line.box != previous.box or abs(line.height - previous.height) > 0.25 * body_height:
        return True
    if previous.bottom - line.top > 0.7 * body_height:
        return True
    left, right = margins
    if line.x0 > left + body_height and previous.x0 < left + body_height / 2:
        return True  # a first-line indent
    short = previous.x1 < right - 0.15 * (right - left)
    return short and bool(_SENTENCE_END.search(previous.text))


def _continues(before: list[_Line], after: list[_Line]) -> bool:
    """A paragraph cut by a page break: no closing punctuation, and lower case after it."""
    last, first = before[-1].text, after[0].text
    return not _SENTENCE_END.search(last) and first[:1].islower()


class Vocabulary:
    """How often a document spells each word, and each pair of words joined by a hyphen, so a
    word broken at a line end can be mended the way the rest of the document writes it."""

    def __init__(self, counts: Counter[str] | None = None) -> None:
        self._counts: Counter[str] = counts if counts is not None else Counter()

    @classmethod
    def of(cls, lines: Iterable[str]) -> Vocabulary:
        counts: Counter[str] = Counter()
        for line in lines:
            for compound in _COMPOUND.findall(line.casefold()):
                parts = re.split(f"[{_HYPHENS}]", compound)
                counts.update(parts)
                # "state-of-the-art" vouches for "the-art" as well as for "state-of".
                counts.update(f"{left}-{right}" for left, right in itertools.pairwise(parts))
        return cls(counts)

    def count(self, word: str) -> int:
        return self._counts[word.casefold()]


def join_lines(lines: list[str], vocabulary: Vocabulary | None = None) -> str:
    """Lines of one paragraph as one line: ``frac-`` + ``tion`` gives ``fraction``, and
    ``Pakistan-`` + ``Russia`` gives ``Pakistan-Russia`` (see :func:`_keeps_hyphen`)."""
    if vocabulary is None:
        vocabulary = Vocabulary()
    text = ""
    for line in lines:
        line = line.strip()
        text = _join(text, line, vocabulary) if text else line
    return text


def _join(text: str, line: str, vocabulary: Vocabulary) -> str:
    broken, first = _BROKEN.search(text), _FIRST_WORD.match(line)
    if broken is None or first is None:
        return f"{text} {line}"
    if broken.group(2) == "\u00ad":
        return text[:-1] + line  # a soft hyphen only ever marks where a word may break
    keep = _keeps_hyphen(broken.group(1), first.group(), line, vocabulary)
    if keep is None:
        return f"{text} {line}"
    return (text if keep else text[:-1]) + line


def _keeps_hyphen(left: str, right: str, line: str, vocabulary: Vocabulary) -> bool | None:
    """Whether the hyphen between ``left-`` at a line end and ``right`` on the next line is part
    of the word (True) or only hyphenation (False); None for a suspended hyphen ("pre- and
    post-war"), which keeps its space. The document's own spelling decides first."""
    joined, hyphenated = vocabulary.count(left + right), vocabulary.count(f"{left}-{right}")
    if joined != hyphenated:
        return hyphenated > joined
    if _SUSPENDED.match(line):
        return None
    if right[0].isupper() or right[0].isdigit():
        return True  # "Pakistan-Russia", "COVID-19": typesetters do not break names or numbers
    # "G7-led" and "COVID-related" keep theirs too; any other hyphen at a line end is most
    # likely the typesetter's, so the word is joined.
    return any(c.isdigit() for c in left) or (len(left) > 1 and left.isupper())


def _style(paragraph: list[_Line], body_height: float) -> BlockStyle:
    height = min(line.height for line in paragraph)
    length = sum(len(line.text) for line in paragraph)
    page = paragraph[0].page
    if height >= 1.25 * body_height and length < 200:
        return BlockStyle(BlockKind.HEADING, 1 if height >= 1.8 * body_height else 2, page=page)
    return BlockStyle(page=page)
