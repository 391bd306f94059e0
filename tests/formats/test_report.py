"""The native JSON report: byte-identical round trip, schema, and every malformed input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from annotator.domain.model import Claimant, ClaimStatus, Source, Stance
from annotator.errors import ProjectError, ReportError
from annotator.formats.importers import import_pasted_text
from annotator.formats.report import json_schema, report_json
from annotator.services import Workspace
from annotator.services.claims import ClaimEdit
from annotator.services.reports import build_report, import_report, parse_report, read_report

EMOJI_RTL = (
    "Intro 😀👍🏽 and اردو متن here.\nThe minister said 40% of roads were rebuilt.\n中文 line"
)


def _fill(workspace: Workspace) -> None:
    doc = workspace.documents.add(import_pasted_text(EMOJI_RTL, "Mixed scripts"))
    claim = workspace.claims.add_by_quote(
        doc.id,
        "40% of roads were rebuilt",
        edit=ClaimEdit(
            summary="40% of roads rebuilt",
            status=ClaimStatus.DONE,
            tags=("roads",),
            claimant=Claimant("The minister", "Minister of Works", "https://example.org/m"),
            claim_date="2024-05-01",
        ),
    )
    workspace.claims.set_verdict(claim.id, "mostly-false", "Only 12% per the audit", "Ana")
    for i, stance in enumerate((Stance.SUPPORTS, Stance.REFUTES, Stance.CONTEXT)):
        source = workspace.sources.add(Source("", f"https://example.org/{i}", f"Source {i}"))
        workspace.sources.link(claim.id, source.id, stance, f"excerpt {i}")
    workspace.claims.add_by_quote(doc.id, "اردو متن")
    workspace.sources.add(Source("", "https://example.org/unused", "Not cited"))


def test_round_trip_is_byte_identical(workspace: Workspace, tmp_path: Path) -> None:
    _fill(workspace)
    first = report_json(build_report(workspace, "2026-01-01T00:00:00Z"))
    with import_report(parse_report(first, "r.json"), tmp_path / "copy.factcheck") as copy:
        second = report_json(build_report(copy, "2026-01-01T00:00:00Z"))
    assert first == second


def test_report_anchors_point_at_their_quotes(workspace: Workspace) -> None:
    _fill(workspace)
    data = json.loads(report_json(build_report(workspace)))
    for document in data["documents"]:
        for claim in document["claims"]:
            assert document["text"][claim["start"] : claim["end"]] == claim["quote"]
    jsonschema.validate(data, json_schema())


def _report(workspace: Workspace) -> dict:  # type: ignore[type-arg]
    _fill(workspace)
    return json.loads(report_json(build_report(workspace)))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda r: r["documents"][0]["claims"][0].update(start=5000, end=5010),
            "lies outside document",
        ),
        (
            lambda r: r["documents"][0]["claims"][0].update(quote="something else"),
            "its quote does not equal",
        ),
        (
            lambda r: r["documents"][0]["claims"][1]["verdict"].update(rating="bogus"),
            "'bogus' is not in the rating scale",
        ),
        (lambda r: r["documents"][0]["claims"][0].update(start="five"), "valid integer"),
        (lambda r: r["documents"][0].update(text="changed"), "sha256 does not match"),
        (lambda r: r["documents"][0]["claims"][0].update(status="finished"), "status"),
        (lambda r: r["project"].update(rating_scale=[]), "rating_scale"),
        (lambda r: r["documents"][0]["claims"][0].update(summary="x" * 5000), "at most 4000"),
        (
            lambda r: r["documents"][0]["claims"][0].update(
                anchor_state="orphaned", start=10**20, end=10**20 + 1
            ),
            "less than or equal to 20000000",
        ),
        (lambda r: r["project"]["rating_scale"][0].update(value=float("inf")), "finite number"),
        (lambda r: r["sources"][0].update(url="javascript:alert(1)"), "not an http(s) web address"),
        (
            lambda r: r["sources"][0].update(url="https://ana:s3cret@intranet.example.org/x"),
            "'https://intranet.example.org/x' carries a user name or password",
        ),
        (
            lambda r: r["documents"][0]["claims"][1]["claimant"].update(url="file:///etc"),
            "web address",
        ),
        (
            lambda r: r["documents"][0]["claims"][1].update(claim_date="last week"),
            "not an ISO date",
        ),
        (
            lambda r: r["documents"][0]["claims"][1].update(tags=["roads", "Roads"]),
            "a tag appears twice",
        ),
        (lambda r: r["documents"][0].update(original="not base64!"), "not valid base64"),
    ],
)
def test_invalid_reports_are_refused_with_the_reason(
    workspace: Workspace, mutate, message: str
) -> None:  # type: ignore[no-untyped-def]
    data = _report(workspace)
    mutate(data)
    with pytest.raises(ReportError) as error:
        _parse_and_import(json.dumps(data).encode(), workspace.path.with_name("new.factcheck"))
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def _parse_and_import(data: bytes, target: Path) -> None:
    import_report(parse_report(data, "bad.json"), target).close()


def test_malformed_and_foreign_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "annotator-report", "version": 1,')
    with pytest.raises(ReportError, match=r"broken.json is not valid JSON \(line 1"):
        read_report(broken)
    foreign = tmp_path / "foreign.json"
    foreign.write_text('{"hello": 1}')
    with pytest.raises(ReportError, match="is not an Annotator report"):
        read_report(foreign)
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "annotator-report", "version": 7}')
    with pytest.raises(ReportError, match="version 7 report, newer than"):
        read_report(newer)
    with pytest.raises(ReportError, match="no such file"):
        read_report(tmp_path / "missing.json")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ReportError, match="is not valid JSON"):
        read_report(binary)


def test_import_refuses_an_existing_project(workspace: Workspace, tmp_path: Path) -> None:
    data = report_json(build_report(workspace))
    with pytest.raises(ProjectError, match="already exists"):
        import_report(parse_report(data, "r.json"), workspace.path)


def test_schema_describes_the_format() -> None:
    schema = json_schema()
    assert schema["properties"]["format"]["const"] == "annotator-report"
    assert "documents" in schema["properties"]


def test_deeply_nested_json_is_refused(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ReportError, match="nested too deeply"):
        read_report(deep)


def test_text_must_be_canonical(workspace: Workspace) -> None:
    import hashlib

    data = _report(workspace)
    text = "Cafe\u0301 line\r\nnext"
    data["documents"][0].update(
        text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), blocks=[], claims=[]
    )
    with pytest.raises(ReportError, match="not canonical"):
        parse_report(json.dumps(data).encode(), "bad.json")


def test_original_bytes_travel_with_the_report(workspace: Workspace, tmp_path: Path) -> None:
    from annotator.formats.importers import import_file

    article = tmp_path / "page.html"
    article.write_bytes(
        b"<html><head><title>Budget</title></head><body><article><p>"
        + b"The city spent 40% more on roads this year than last. " * 6
        + b"</p></article></body></html>"
    )
    document = workspace.documents.add(import_file(article))
    first = report_json(build_report(workspace, "t"))
    with import_report(parse_report(first, "r"), tmp_path / "copy.factcheck") as copy:
        assert copy.documents.original(document.id) == (article.read_bytes(), "html")


def test_built_models_equal_constructed_ones() -> None:
    from annotator.formats.report import ReportClaimSource, ReportVerdict, built

    values = {
        "rating": "false",
        "label": "False",
        "rationale": "Wrong year.",
        "rated_by": "Ana",
        "rated_at": "2024-05-01",
    }
    made = built(ReportVerdict, **values)
    assert made == ReportVerdict.model_construct(**values) == ReportVerdict(**values)
    assert made.model_dump_json() == ReportVerdict(**values).model_dump_json()
    with pytest.raises(TypeError, match=r"missing \['excerpt'"):
        built(ReportClaimSource, id="s", url="https://example.org", title="", publisher="",
              stance="context", accessed="")  # fmt: skip
