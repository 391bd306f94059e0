"""D5: a JSON integer longer than Python converts (4,300 digits) is refused as damage by both
report importers, with a one-line message, instead of escaping as a ValueError traceback."""

from __future__ import annotations

import json

import pytest

from annotator.errors import ReportError
from annotator.formats.exporters.webannotation import render_webannotation
from annotator.formats.report import report_json
from annotator.formats.webanno_import import parse_annotations
from annotator.services.reports import parse_report
from tests.fixtures.report_fixture import fixture_report

HUGE = "9" * 5000


def _with_huge_number(data: bytes, key: str) -> bytes:
    text = data.decode("utf-8")
    needle = f'"{key}": '
    at = text.index(needle) + len(needle)
    end = at
    while text[end].isdigit():
        end += 1
    assert end > at, f"{key} is not followed by a number"
    return (text[:at] + HUGE + text[end:]).encode("utf-8")


def test_a_huge_integer_in_a_report_is_refused_as_damage() -> None:
    data = _with_huge_number(report_json(fixture_report()), "start")
    with pytest.raises(ReportError) as error:
        parse_report(data, "big.json")
    assert str(error.value) == (
        "big.json is not a valid report: it holds a number 5,000 digits long "
        "(at most 100 are accepted); it is damaged."
    )


def test_a_huge_integer_in_web_annotations_is_refused_as_damage() -> None:
    data = _with_huge_number(render_webannotation(fixture_report()), "start")
    with pytest.raises(ReportError) as error:
        parse_annotations(data, "big.jsonld")
    assert str(error.value) == (
        "big.jsonld is not a Web Annotation file: it holds a number 5,000 digits long "
        "(at most 100 are accepted)."
    )


def test_a_huge_negative_integer_or_float_is_refused_too() -> None:
    for number in ("-" + HUGE, HUGE + ".5", "1" + "0" * 300 + "e5"):
        data = json.dumps({"format": "x"}).replace('"x"', number).encode()
        with pytest.raises(ReportError, match="digits long"):
            parse_report(data, "n.json")
        with pytest.raises(ReportError, match="digits long"):
            parse_annotations(data, "n.json")
