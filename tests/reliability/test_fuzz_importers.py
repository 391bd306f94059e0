"""Property-based fuzzing of the two report importers (``parse_report`` and
``parse_annotations``) with hypothesis: our own exports mutated in their JSON structure (values
replaced by any JSON, keys deleted, numbers thousands of digits long) and in their bytes
(overwritten, cut). Every input is either read whole or refused with one ``ReportError`` line
naming the file; anything else (a traceback) fails. 2,000 cases each here; ``make torture``
runs 20,000."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import ReportError
from annotator.formats.exporters.webannotation import render_webannotation
from annotator.formats.report import report_json
from annotator.formats.webanno_import import parse_annotations
from annotator.services.reports import parse_report
from tests.fixtures.report_fixture import fixture_report
from tests.reliability.figures import record

HUGE = "HUGE-NUMBER-PLACEHOLDER"
NAME = "fuzzed.json"

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.just(HUGE),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@cache
def _native() -> bytes:
    return report_json(fixture_report())


@cache
def _annotations() -> bytes:
    return render_webannotation(fixture_report())


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_paths(value, (*prefix, index)))
    return found


@st.composite
def mutated_json(draw: st.DrawFn, base: bytes) -> bytes:
    document = copy.deepcopy(json.loads(base))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(document)))
        if not path:
            document = draw(json_values)
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(json_values)
        if not isinstance(document, dict | list):
            break
    text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    return text.replace(f'"{HUGE}"', "9" * draw(st.integers(4000, 6000))).encode("utf-8")


@st.composite
def mutated_bytes(draw: st.DrawFn, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        if draw(st.booleans()):
            data[at : at + draw(st.integers(0, 8))] = draw(st.binary(max_size=8))
        else:
            data = data[:at]
    return bytes(data)


def _fuzz(parse: Callable[[bytes, str], Any], base: Callable[[], bytes], cases: int) -> None:
    outcomes = {"read": 0, "refused": 0}

    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @given(st.one_of(mutated_json(base()), mutated_bytes(base())))
    def check(data: bytes) -> None:
        try:
            parse(data, NAME)
        except ReportError as error:
            message = str(error)
            assert NAME in message
            assert "\n" not in message
            outcomes["refused"] += 1
        else:
            outcomes["read"] += 1

    check()
    record(f"fuzz {parse.__name__}", {"cases": sum(outcomes.values()), **outcomes})
    assert sum(outcomes.values()) >= cases * 0.9  # hypothesis ran (nearly) every case


@pytest.mark.parametrize("parse", [parse_report, parse_annotations], ids=["native", "webanno"])
def test_report_importers_read_or_refuse_every_mutant(parse: Callable[[bytes, str], Any]) -> None:
    _fuzz(parse, _native if parse is parse_report else _annotations, 2_000)


@pytest.mark.torture
@pytest.mark.parametrize("parse", [parse_report, parse_annotations], ids=["native", "webanno"])
def test_torture_report_importers(parse: Callable[[bytes, str], Any]) -> None:
    _fuzz(parse, _native if parse is parse_report else _annotations, 20_000)
