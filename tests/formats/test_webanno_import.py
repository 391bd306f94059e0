"""Reading Web Annotation files: every shape a tool writes, and one-line refusals."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from annotator.errors import ReportError
from annotator.formats import webanno_import
from annotator.formats.exporters.webannotation import render_webannotation
from annotator.formats.webanno_import import (
    Claimant,
    Link,
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


def test_reads_back_stances_excerpts_and_claim_fields_of_our_export() -> None:
    report = fixture_report()
    annotations = parse_annotations(render_webannotation(report), "export.jsonld")
    claims = [c for d in report.documents for c in d.claims]
    assert any(s.excerpt for c in claims for s in c.sources)
    assert {s.stance for c in claims for s in c.sources} == {"supports", "refutes", "context"}
    for annotation, claim in zip(annotations, claims, strict=True):
        assert annotation.citations == tuple(
            Link(s.url, s.stance, s.excerpt) for s in claim.sources
        )
        assert annotation.status == claim.status
        assert annotation.claim_date == claim.claim_date
        expected = claim.claimant
        assert annotation.claimant == (
            Claimant(expected.name, expected.role, expected.url) if expected.name else None
        )


def test_extension_terms_are_read_as_full_iris_and_bad_values_left_out() -> None:
    annotation = {
        **HYPOTHESIS_STYLE,
        "http://schema.org/creativeWorkStatus": "done",
        "schema:itemReviewed": {
            "type": "schema:Claim",
            "schema:author": {"schema:name": "Ministry of Information", "schema:url": "ftp://x"},
            "schema:datePublished": "last Tuesday",
        },
        "body": [
            {
                "type": "SpecificResource",
                "source": "https://example.org/a",
                "https://w3id.org/annotator/ns#stance": "refutes",
                "selector": {"type": "TextQuoteSelector", "exact": "not four"},
            },
            {"source": "https://example.org/b", "annotator:stance": "maybe"},
            {"source": "https://example.org/a"},
        ],
    }
    [read] = _parse(annotation)
    assert read.status == "done"
    assert read.claimant == Claimant("Ministry of Information")
    assert read.claim_date == ""
    assert read.links == ("https://example.org/a", "https://example.org/b")
    assert read.citations == (
        Link("https://example.org/a", "refutes", "not four"),
        Link("https://example.org/b"),
    )


def test_a_plain_w3c_annotation_has_no_claim_fields() -> None:
    [read] = _parse(HYPOTHESIS_STYLE)
    assert (read.status, read.claimant, read.claim_date) == ("", None, "")
    assert read.citations == (Link("https://www.sipri.org/"),)


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


def test_deeply_nested_json_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(ReportError) as caught:
        read_annotations(path)
    assert str(caught.value) == (
        "deep.json is not a Web Annotation file: its JSON is nested too deeply to read."
    )


def test_deeply_nested_choice_bodies_are_read() -> None:
    choice = b'{"type": "Choice", "items": [' * 300 + b'"https://b.example/"' + b"]}" * 300
    data = b'{"type": "Annotation", "target": "https://a.example/", "body": ' + choice + b"}"
    (annotation,) = parse_annotations(data, "choice.json")
    assert annotation.links == ("https://b.example/",)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    outcome: list[str] = []

    def attempt() -> None:
        with pytest.raises(ReportError) as caught:
            read_annotations(path)
        outcome.append(str(caught.value))

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "reading a named pipe hangs"
    assert outcome == ["pipe.json is not a regular file; give a Web Annotation file."]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused() -> None:
    with pytest.raises(ReportError) as caught:
        read_annotations(Path("/dev/zero"))
    assert str(caught.value) == "zero is not a regular file; give a Web Annotation file."


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReportError) as caught:
        read_annotations(tmp_path)
    assert str(caught.value) == f"{tmp_path.name} is a folder; give a Web Annotation file."


def test_a_file_that_grows_after_its_size_was_checked_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webanno_import, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    path = tmp_path / "growing.json"
    path.write_bytes(b"[]")
    real_stat = Path.stat

    def stat_then_grow(self: Path, **kwargs: Any) -> os.stat_result:
        result = real_stat(self, **kwargs)
        if self == path:
            with path.open("ab") as handle:
                handle.write(b" " * (3 * 1024 * 1024))
        return result

    monkeypatch.setattr(Path, "stat", stat_then_grow)
    with pytest.raises(ReportError) as caught:
        read_annotations(path)
    assert str(caught.value) == "growing.json is larger than 2 MB; split it before importing."
