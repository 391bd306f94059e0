"""The hypothesis settings profiles of the fuzz tests: ``suite`` (the default, in ``make test``)
and ``torture`` (``make torture`` passes ``--hypothesis-profile=torture``: ten times the cases).

The suite is derandomised and keeps no example database, so ``make test`` tries the same cases
on every machine and a failure reproduces; the torture run explores new cases each time and
remembers failures in ``.hypothesis/``. No deadline: the machines running the suite are shared,
and a slow case is not a wrong one (the bombs test work by mechanism, not time).
"""

from __future__ import annotations

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


def examples(suite: int = SUITE_EXAMPLES) -> int:
    """How many cases a fuzz test runs under the loaded profile, for one that runs ``suite``
    cases in ``make test``."""
    return max(1, suite * settings.default.max_examples // SUITE_EXAMPLES)
