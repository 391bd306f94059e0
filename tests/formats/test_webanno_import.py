"""Reading Web Annotation files: every shape a tool writes, and one-line refusals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.errors import ReportError
from annotator.formats.exporters.webannotation import render_webannotation
from annotator.formats.webanno_import import (
    PositionSelector,
    QuoteSelector,
    parse_annotations,
    read_annotations,
)
from tests.fixtures.report_fixture import fixture_report

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "webanno" / "correct"

HYPOTHESIS_STYLE: dict[str, Any] = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "id": "https://hypothes.is/a/Zx1",
    "type": "Annotation",
    "motivation": "commenting",
    "body": [
        {"type": "TextualBody", "value": "Check the delivery dates.", "format": "text/plain"},
        {"type": "TextualBody", "purpose": "tagging", "value": "defence"},
        "https://www.sipri.org/",
    ],
    "target": {
        "source": "https://news.example.com/2018/03/pakistan-russia",
        "selector": [{"type": "TextQuoteSelector", "exact": "four Mi-35M", "prefix": "provided "}],
    },
}


def _parse(data: Any, name: str = "notes.json") -> list[Any]:
    return parse_annotations(json.dumps(data).encode("utf-8"), name)


def test_reads_our_own_collection() -> None:
    report = fixture_report()
    annotations = parse_annotations(render_webannotation(report), "export.jsonld")
    claims = [c for d in report.documents for c in d.claims]
    assert len(annotations) == len(claims)
    for annotation, claim in zip(annotations, claims, strict=True):
        assert annotation.quote == QuoteSelector(claim.quote, claim.prefix, claim.suffix)
        assert annotation.position == PositionSelector(claim.start, claim.end)
        assert annotation.summary == claim.summary
        assert annotation.tags == tuple(claim.tags)
        assert annotation.links == tuple(s.url for s in claim.sources)
        assert annotation.rating_label == (claim.verdict.label if claim.verdict else "")
        assert annotation.rationale == (claim.verdict.rationale if claim.verdict else "")


def test_reads_a_hypothesis_style_annotation() -> None:
    (annotation,) = _parse(HYPOTHESIS_STYLE)
    assert annotation.source == "https://news.example.com/2018/03/pakistan-russia"
    assert annotation.quote == QuoteSelector("four Mi-35M", "provided ", "")
    assert annotation.position is None
    assert annotation.rationale == "Check the delivery dates."
    assert annotation.tags == ("defence",)
    assert annotation.links == ("https://www.sipri.org/",)


def test_reads_hypothesis_api_fields() -> None:
    row = {
        "id": "Zx2",
        "uri": "https://example.org/a",
        "text": "A comment",
        "tags": ["one", " two "],
        "target": [{"source": "https://example.org/a", "selector": [
            {"type": "RangeSelector", "startContainer": "/p[1]"},
            {"type": "TextPositionSelector", "start": 3, "end": 9},
            {"type": "TextQuoteSelector", "exact": "quoted"},
        ]}],
    }  # fmt: skip
    (annotation,) = _parse(row)
    assert annotation.rationale == "A comment"
    assert annotation.tags == ("one", "two")
    assert annotation.position == PositionSelector(3, 9)


def test_reads_pages_lists_and_refined_selectors() -> None:
    page = json.loads((SAMPLES / "example42.json").read_text("utf-8"))
    assert [a.source for a in _parse(page)] == [
        "http://example.com/book/chapter1",
        "http://example.com/book/chapter2",
    ]
    refined = json.loads((SAMPLES / "anno32.json").read_text("utf-8"))
    (annotation,) = _parse([refined])
    assert annotation.quote is not None
    assert annotation.quote.exact == "Selected Text"


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_every_correct_sample_is_readable_or_refused_cleanly(path: Path) -> None:
    try:
        annotations = read_annotations(path)
    except ReportError as exc:
        message = str(exc)
        assert "\n" not in message
        assert message.startswith(f"{path.name} is not a Web Annotation file: ")
        return
    assert annotations


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"this is not json", "invalid JSON at line 1, column 1 (Expecting value)."),
        (b"\xff\xfe\x00", "it is not UTF-8 text."),
        (b"42", "expected a JSON object or list."),
        (b"[]", "it holds no annotations."),
        (b'{"type": "Squirrel", "target": "http://a.example/"}', "annotation 1 has type 'Squirrel', not Annotation."),
        (b'{"type": "Annotation", "id": "urn:x:1"}', "annotation urn:x:1 has no target."),
        (b'{"type": "Annotation", "target": 9}', "annotation 1 has a target that is neither a link nor an object."),
        (b'{"type": "Annotation", "target": {"selector": []}}', "annotation 1 has a target without a source."),
        (b'{"type": "AnnotationCollection", "first": "http://a.example/p1"}', "its pages are not embedded (first is a link); download them first."),
        (b'{"type": "AnnotationPage"}', "an annotation page has no list of items."),
        (b'{"type": "Annotation", "target": {"source": "http://a.example/", "selector": {"type": "TextQuoteSelector"}}}', "annotation 1 has a TextQuoteSelector without an exact quote."),
        (b'{"type": "Annotation", "target": {"source": "http://a.example/", "selector": {"type": "TextPositionSelector", "start": "1", "end": 4}}}', "annotation 1 has a TextPositionSelector whose start or end is not a number."),
        (b'{"type": "Annotation", "target": {"source": "http://a.example/", "selector": {"type": "TextPositionSelector", "start": 9, "end": 4}}}', "annotation 1 has a TextPositionSelector with start 9 after end 4."),
        (b'{"type": "Annotation", "target": "http://a.example/", "body": {"type": "TextualBody", "value": ["a", "b"]}}', "annotation 1 has a text body without a single text value."),
    ],
)  # fmt: skip
def test_malformed_files_are_refused_in_one_line(data: bytes, message: str) -> None:
    with pytest.raises(ReportError) as caught:
        parse_annotations(data, "bad.json")
    assert str(caught.value) == f"bad.json is not a Web Annotation file: {message}"


def test_unreadable_file_names_itself(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"^Cannot read missing\.json: No such file"):
        read_annotations(tmp_path / "missing.json")
