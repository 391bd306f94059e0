"""Results, timing helpers and the report of `make bench`: a table and a JSON file."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    """One scenario: our time beside the baseline's (medians, seconds) and the goal."""

    id: str
    scenario: str
    ours: float
    baseline: float
    goal: str
    holds: bool
    ratio: float = 0.0
    unit: str = "ms"
    detail: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.ratio:
            self.ratio = self.ours / self.baseline if self.baseline else float("inf")


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a measured process: this checkout's code, offscreen Qt."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra)
    return env


def run_process(command: list[str], **extra: str) -> tuple[float, str]:
    """Seconds a process takes from start to exit, and its standard output; fails loudly."""
    start = time.perf_counter()
    done = subprocess.run(command, env=child_env(**extra), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return seconds, done.stdout


def annotator(*args: str) -> list[str]:
    return [sys.executable, "-m", "annotator", *args]


def alternate(
    rounds: int, ours: Callable[[], float], baseline: Callable[[], float]
) -> tuple[list[float], list[float]]:
    """Run ours and the baseline in turns, so that a noisy moment hits both alike."""
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        theirs.append(baseline())
        mine.append(ours())
    return mine, theirs


def _fmt(seconds: float, unit: str) -> str:
    if unit == "MB":
        return f"{seconds:,.0f} MB"
    return f"{seconds * 1000:,.1f} ms"


def print_table(title: str, results: list[Result]) -> None:
    print(f"\n{title}")
    print(f"{'#':<5}{'scenario':<58}{'ours':>12}{'baseline':>12}{'ratio':>8}  goal / holds")
    for r in results:
        print(
            f"{r.id:<5}{r.scenario[:57]:<58}{_fmt(r.ours, r.unit):>12}"
            f"{_fmt(r.baseline, r.unit):>12}{r.ratio:>8.2f}  {r.goal}  "
            f"{'yes' if r.holds else 'NO'}"
        )
    sys.stdout.flush()


def write_json(path: Path, results: list[Result], growth: list[Result]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "scenarios": [asdict(r) for r in results],
        "growth": [asdict(r) for r in growth],
    }
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
