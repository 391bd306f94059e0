"""`make bench` (``python -m tools.bench``): every scenario beside its baseline, then growth.

make bench                                  # everything, growth table included
make bench BENCH_ARGS="--quick"             # skip growth and the older export/re-anchoring
make bench BENCH_ARGS="--json build/bench.json"   # also write the results as JSON
make bench JSON=build/bench.json            # the same
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from tools.bench import data, domain, processes, ui
from tools.bench.measure import ROOT, Result, print_table, write_json


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="skip the growth table and the export/re-anchoring scripts",
    )
    parser.add_argument(
        "--rounds", type=int, default=5, help="repetitions of each measure (the median is reported)"
    )
    parser.add_argument(
        "--only", default="", help="comma-separated scenario ids to run (P1,P2,...); default all"
    )
    return parser.parse_args(argv)  # fmt: skip


class Fixtures:
    """The generated reports and the projects imported from them, made once per run."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.reports: dict[str, Path] = {}
        self.projects: dict[str, Path] = {}

    def report(self, name: str) -> Path:
        if name not in self.reports:
            sizes = [data.SIZES["M"]] * 2 if name == "X" else [data.SIZES[name]]
            self.reports[name] = data.write_report(self.work / f"bench-{name}.json", sizes)
        return self.reports[name]

    def project(self, name: str) -> Path:
        if name not in self.projects:
            target = self.work / f"bench-{name}.factcheck"
            processes.import_project(self.report(name), target)
            self.projects[name] = target
        return self.projects[name]


def main(argv: list[str]) -> int:
    args = _parse(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()}

    def wanted(scenario: str) -> bool:
        return not only or scenario in only

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    rounds = args.rounds
    started = time.perf_counter()
    results: list[Result] = []
    growth: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as tmp:
        fx = Fixtures(Path(tmp))
        claims_x = 2 * data.SIZES["M"][1]
        if wanted("P5"):
            result, made = processes.p5(fx.report("X"), fx.work, rounds, "M", claims_x)
            fx.projects["X"] = made
            results.append(result)
        if wanted("P1"):
            results.append(ui.p1(app, fx.project("M"), rounds))
        small_p2: list[float] = []
        if wanted("P2"):
            small_p2 = ui.create_claims(app, fx.project("S"), 30)
            big = ui.create_claims(app, fx.project("M"), 30)
            results.append(ui.p2(app, small_p2, big, "M", data.SIZES["M"][1]))
        if wanted("P3"):
            from annotator.services import Workspace

            with Workspace.open(fx.project("X"), read_only=True) as workspace:
                claims, info = workspace.claims.all(), workspace.project.info()
            results.append(ui.p3(app, claims, info, max(2, rounds // 2)))
        if wanted("P4"):
            results.append(processes.p4(fx.project("X"), fx.work, rounds, "M", claims_x))
        if wanted("P6"):
            results.append(processes.p6(fx.project("M")))
        if wanted("P7"):
            results.extend(processes.p7(fx.project("M"), rounds))
        if wanted("P8"):
            results.extend(processes.p8(fx.project("S"), rounds + 2))
        if wanted("P9"):
            results.append(processes.p9(fx.project("M"), max(2, rounds // 2)))
        if wanted("P10"):
            results.append(ui.p10(app, fx.project("M")))
        if wanted("E1"):
            results.extend(ui.highlighting(app, ui.first_text(fx.project("M"))))
        if wanted("E3"):
            results.append(domain.reanchor_megabyte())
        print_table(f"Speed goals (median of {rounds}; {time.perf_counter() - started:.0f} s)",
                    results)  # fmt: skip
        if not args.quick:
            growth = _growth(app, fx, wanted, small_p2, max(2, rounds // 2))
            print_table("Growth: 500 claims / 100 kB and 50,000 claims / 10 MB", growth)
    if args.json:
        write_json(args.json, results, growth)
        print(f"\nwrote {args.json}")
    if not args.quick:
        _older_scripts()
    return 0


def _growth(
    app: QApplication,
    fx: Fixtures,
    wanted: Callable[[str], bool],
    small_p2: list[float],
    rounds: int,
) -> list[Result]:
    rows: list[Result] = []
    for tag in ("S", "L"):
        claims = data.SIZES[tag][1]
        if wanted("P5"):
            result, made = processes.p5(fx.report(tag), fx.work, rounds, tag, claims)
            fx.projects[tag] = made
            rows.append(result)
        if wanted("P4"):
            rows.append(processes.p4(fx.project(tag), fx.work, rounds, tag, claims))
        if wanted("P1"):
            rows.append(ui.p1(app, fx.project(tag), rounds, tag))
        if wanted("P2") and tag == "L":
            base = small_p2 or ui.create_claims(app, fx.project("S"), 30)
            rows.append(ui.p2(app, base, ui.create_claims(app, fx.project(tag), 30), tag, claims))
    return rows


def _older_scripts() -> None:
    for script in (
        "bench_export.py",
        "bench_reanchor.py",
        "bench_suggest.py",
        "bench_snapshots.py",
        "bench_library.py",
    ):
        if (ROOT / "tools" / script).exists():
            print()
            sys.stdout.flush()
            subprocess.run([sys.executable, str(ROOT / "tools" / script)], check=False)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
