"""Fuzzing the two JSON importers: the native report and W3C Web Annotations.

Inputs are the golden reports and annotation files and the W3C conformance samples, damaged in
their structure and their bytes (``mutate.py``), and JSON made from nothing. Every case either
imports or is refused with a one-line AnnotatorError naming the file; a refused import leaves no
project file behind (report) or the project unchanged (annotations). The figures go to
docs/RELIABILITY.md (``make torture``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from annotator.services import Workspace
from annotator.services.integrity import check_project
from annotator.services.interchange import import_annotations
from annotator.services.reports import build_report, import_report, parse_report
from tests.fixtures.report_fixture import fixture_report
from tests.reliability.figures import record
from tests.reliability.fuzzing import (
    FuzzFigures,
    fast_commits,
    project_files,
    run_case,
    unchanged_unless_accepted,
)
from tests.reliability.mutate import damaged_json, json_from_scratch
from tests.reliability.profiles import SIZES, fuzz_settings

pytestmark = pytest.mark.fuzz

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
W3C = Path(__file__).resolve().parent.parent / "fixtures" / "webanno"

REPORT_SEEDS = [
    json.loads((GOLDEN / name).read_bytes()) for name in ("fixture.json", "default.json")
]


def _json_files(paths: list[Path]) -> list[Any]:
    """The files that are JSON (a few W3C samples of wrong annotations are not)."""
    found = []
    for path in paths:
        try:
            found.append(json.loads(path.read_bytes()))
        except ValueError:
            continue
    return found


ANNOTATION_SEEDS = _json_files(
    [
        GOLDEN / "fixture.annotations.jsonld",
        GOLDEN / "default.annotations.jsonld",
        *sorted(W3C.glob("*/*.json")),
    ]
)

reports = st.one_of(
    damaged_json(REPORT_SEEDS),
    damaged_json(REPORT_SEEDS),
    damaged_json(REPORT_SEEDS),
    json_from_scratch({"format": "annotator-report", "version": 1}),
)
annotation_files = st.one_of(
    damaged_json(ANNOTATION_SEEDS),
    damaged_json(ANNOTATION_SEEDS),
    damaged_json(ANNOTATION_SEEDS),
    json_from_scratch({"type": "Annotation", "target": "urn:sha256:" + "0" * 64}),
)


@pytest.mark.parametrize("size", SIZES)
def test_damaged_reports_are_read_or_refused_naming_the_file(size: str) -> None:
    figures = FuzzFigures()

    @fuzz_settings(size, 500)
    @given(reports)
    def case(data: bytes) -> None:
        run_case(figures, "damaged.json", lambda: parse_report(data, "damaged.json"))

    case()
    record(f"fuzz ({size}): native report, read", figures.finish())
    assert figures.refused > 0
    assert figures.accepted > 0


@pytest.mark.parametrize("size", SIZES)
def test_a_refused_report_import_leaves_no_project_behind(size: str, tmp_path: Path) -> None:
    """The whole import (read, validate, make the project) of damaged reports that pass
    validation: the project is made whole and passes ``check``, or not at all. Making a
    project costs a tenth of a second, so this runs fewer cases than the parse test."""
    figures = FuzzFigures()
    folder = tmp_path / "imports"
    folder.mkdir()

    @fuzz_settings(size, 20, torture=400)
    @given(damaged_json(REPORT_SEEDS, gentle=True))
    def case(data: bytes) -> None:
        report = run_case(FuzzFigures(), "damaged.json", lambda: parse_report(data, "damaged.json"))
        assume(report is not None)
        target = folder / "imported.factcheck"
        workspace = run_case(figures, str(target), lambda: import_report(report, target))
        if workspace is None:
            assert project_files(folder) == []
            return
        with workspace:
            build_report(workspace)
        assert check_project(target) == []
        target.unlink()
        assert project_files(folder) == []

    case()
    record(f"fuzz ({size}): native report, import into a new project", figures.finish())


@pytest.fixture
def annotated(tmp_path: Path) -> Iterator[Workspace]:
    """The golden fixture's project without its claims: its annotation file places on it."""
    report = fixture_report()
    bare = report.model_copy(
        update={"documents": [d.model_copy(update={"claims": []}) for d in report.documents]}
    )
    workspace = import_report(bare, tmp_path / "annotated.factcheck")
    fast_commits(workspace)
    with workspace:
        yield workspace


@pytest.mark.parametrize("size", SIZES)
def test_damaged_web_annotations_are_imported_or_change_nothing(
    size: str, annotated: Workspace, tmp_path: Path
) -> None:
    figures = FuzzFigures()
    path = tmp_path / "damaged.jsonld"

    @fuzz_settings(size, 500)
    @given(annotation_files)
    def case(data: bytes) -> None:
        path.write_bytes(data)
        with unchanged_unless_accepted(annotated, figures):
            run_case(figures, path.name, lambda: import_annotations(annotated, path))

    case()
    record(f"fuzz ({size}): Web Annotation import", figures.finish())
    assert figures.refused > 0
    assert figures.accepted > 0
    assert build_report(annotated).documents  # still exports whole after the imports
