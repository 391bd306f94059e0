"""The hypothesis settings profiles of the fuzz tests: ``suite`` (in ``make test``) and
``torture`` (ten times the cases, in ``make torture``). Each fuzz test runs at both sizes
(``SIZES``); the torture size carries the ``torture`` mark, which ``make test`` deselects.

The suite is derandomised and keeps no example database, so ``make test`` tries the same cases
on every machine and a failure reproduces; the torture run explores new cases each time and
remembers failures in ``.hypothesis/``. No deadline: the machines running the suite are shared,
and a slow case is not a wrong one (the bombs test work by mechanism, not time).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

SUITE_EXAMPLES = 2_000
TORTURE_EXAMPLES = 20_000

_QUIET = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
    HealthCheck.large_base_example,
]

settings.register_profile(
    "suite",
    max_examples=SUITE_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_QUIET,
    print_blob=True,
)
settings.register_profile(
    "torture",
    max_examples=TORTURE_EXAMPLES,
    deadline=None,
    suppress_health_check=_QUIET,
    print_blob=True,
)
settings.load_profile("suite")

SIZES = [
    pytest.param("suite", id="suite"),
    pytest.param("torture", id="torture", marks=pytest.mark.torture),
]
"""Parametrise a fuzz test with these to run it in ``make test`` and, larger, ``make torture``."""


def fuzz_settings(size: str, suite: int, torture: int = TORTURE_EXAMPLES) -> settings:
    """The settings of a fuzz test run at ``size``: ``suite`` cases in ``make test`` (chosen
    for its cost per case, docs/RELIABILITY.md), ``torture`` in ``make torture``."""
    return settings(settings.get_profile(size), max_examples=suite if size == "suite" else torture)
