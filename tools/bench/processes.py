"""The scenarios measured as whole processes (P4 export, P5 import, P7 start-up, P8 the CLI's
fixed cost, P9 memory) and P6, one durable edit, measured in this process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tools.bench.measure import Result, alternate, annotator, child_env, median, run_process

PROBE = [sys.executable, "-m", "tools.bench.probe"]


def import_project(report: Path, project: Path) -> float:
    project.unlink(missing_ok=True)
    return run_process(annotator("import", str(report), str(project)))[0]


def p5(report: Path, work: Path, rounds: int, tag: str, claims: int) -> tuple[Result, Path]:
    """`annotator import` of a report vs json.load + executemany; leaves the project made."""
    project = work / f"{report.stem}.factcheck"

    def ours() -> float:
        return import_project(report, project)

    def baseline() -> float:
        out = work / "baseline.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{out}{suffix}").unlink(missing_ok=True)
        return run_process([*PROBE, "import-baseline", str(report), str(out)])[0]

    mine, theirs = alternate(rounds, ours, baseline)
    ratio = median(mine) / median(theirs)
    result = Result(
        "P5" if tag == "M" else f"P5-{tag}",
        f"annotator import of a report, {claims:,} claims",
        median(mine),
        median(theirs),
        "≤ 2×",
        ratio <= 2,
    )
    return result, project


def p4(project: Path, work: Path, rounds: int, tag: str, claims: int) -> Result:
    out = work / "export.json"

    def ours() -> float:
        return run_process(annotator("export", str(project), "--format", "json", "-o", str(out)))[0]

    def baseline() -> float:
        return run_process([*PROBE, "export-baseline", str(project), str(work / "base.json")])[0]

    mine, theirs = alternate(rounds, ours, baseline)
    return Result(
        "P4" if tag == "M" else f"P4-{tag}",
        f"annotator export --format json, {claims:,} claims",
        median(mine),
        median(theirs),
        "≤ 1.5×",
        median(mine) <= 1.5 * median(theirs),
    )


def _raw_update(path: Path, checkpoint: bool) -> Callable[[], float]:
    """A bare sqlite3 UPDATE + commit, WAL and synchronous=FULL like a project; with
    ``checkpoint``, also checkpointed after every commit as a project is."""
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    if checkpoint:
        raw.execute("PRAGMA wal_autocheckpoint=1")
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    raw.execute("INSERT INTO t VALUES (1, '')")

    def bare() -> float:
        start = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("UPDATE t SET v = ? WHERE id = 1", (str(time.time()),))
        raw.execute("COMMIT")
        return time.perf_counter() - start

    return bare


def p6(project: Path, rounds: int = 60) -> Result:
    """set_verdict on a claim of a large project, vs a bare UPDATE + commit (and, in the
    detail, vs one that also checkpoints every commit into the file, as a project does)."""
    from annotator.services import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        bare = _raw_update(Path(tmp) / "raw.db", checkpoint=False)
        bare_checkpointed = _raw_update(Path(tmp) / "raw-checkpointed.db", checkpoint=True)
        with Workspace.open(project) as workspace:
            claim_ids = [c.id for c in workspace.claims.all()[:rounds]]
            ratings = [r.key for r in workspace.project.info().scale]
            calls = iter(range(10**9))

            def service() -> float:
                n = next(calls)
                start = time.perf_counter()
                workspace.claims.set_verdict(
                    claim_ids[n % len(claim_ids)], ratings[n % len(ratings)], "why"
                )
                return time.perf_counter() - start

            mine, theirs = alternate(rounds, service, bare)
            _, checkpointed = alternate(rounds, service, bare_checkpointed)
    return Result(
        "P6",
        "one edit (set a verdict) to durable commit",
        median(mine),
        median(theirs),
        "≤ 2×",
        median(mine) <= 2 * median(theirs),
        detail={
            "baseline_checkpointed_ms": median(checkpointed) * 1000,
            "ratio_vs_checkpointed": median(mine) / median(checkpointed),
        },
    )


def _milestones(command: list[str], **env: str) -> dict[str, float]:
    """Seconds from process start to each milestone the process prints (``NAME T``)."""
    start = time.monotonic()
    done = subprocess.run(
        command, env=child_env(**env), capture_output=True, text=True, timeout=300
    )
    found = {}
    for line in done.stdout.splitlines():
        name, _, value = line.partition(" ")
        try:
            found[name] = float(value) - start
        except ValueError:
            continue
    if not found:
        raise RuntimeError(f"{' '.join(command)} printed no milestone:\n{done.stderr[-2000:]}")
    return found


def p7(project: Path, rounds: int) -> list[Result]:
    """Process start until the window with the project is painted, vs a bare window: the first
    frame (the article follows progressively), the first frame showing the article, and the
    article fully highlighted."""
    windows: list[float] = []
    articles: list[float] = []
    fulls: list[float] = []
    bares: list[float] = []
    for _ in range(rounds):
        bares.append(_milestones([*PROBE, "first-paint"])["painted"])
        with tempfile.TemporaryDirectory() as home:
            seen = _milestones(
                annotator(str(project)), ANNOTATOR_PAINT_PROBE="1", ANNOTATOR_HOME=home
            )
        windows.append(seen["window"])
        articles.append(seen["article"])
        fulls.append(seen["highlighted"])
    base = median(bares)
    return [
        Result("P7", "process start to the first painted frame, project M reopened",
               median(windows), base, "≤ 2×", median(windows) <= 2 * base,
               detail={"first_article_frame_ms": median(articles) * 1000,
                       "article_ratio": median(articles) / base}),
        Result("P7b", "process start until the article is fully highlighted",
               median(fulls), base, "≤ 4×", median(fulls) <= 4 * base),
    ]  # fmt: skip


def p8(small_project: Path, rounds: int) -> list[Result]:
    version, bare = alternate(
        rounds,
        lambda: run_process(annotator("--version"))[0],
        lambda: run_process([sys.executable, "-c", "pass"])[0],
    )
    info, floor = alternate(
        rounds,
        lambda: run_process(annotator("info", str(small_project)))[0],
        lambda: run_process([sys.executable, "-c", "import sqlalchemy.orm, pydantic"])[0],
    )
    return [
        Result("P8", "annotator --version (vs python -c pass)", median(version), median(bare),
               "≤ 3×", median(version) <= 3 * median(bare)),
        Result("P8b", "annotator info, small project (vs importing sqlalchemy.orm, pydantic)",
               median(info), median(floor), "≤ 1.3×", median(info) <= 1.3 * median(floor)),
    ]  # fmt: skip


def p9(project: Path, rounds: int) -> Result:
    def rss(which: str) -> float:
        out = run_process([*PROBE, "memory", which, str(project)])[1]
        return float(out.split()[-1])

    ours, bare = alternate(rounds, lambda: rss("ours"), lambda: rss("bare"))
    return Result(
        "P9",
        "resident memory with the project open (vs bare QTextEdit)",
        median(ours),
        median(bare),
        "≤ 1.5×",
        median(ours) <= 1.5 * median(bare),
        unit="MB",
    )
