"""The results of ``make bench BENCH_ARGS="--json FILE"`` as Markdown tables (for
docs/PERFORMANCE.md): ``python -m tools.bench.table FILE [BEFORE_FILE]``; with a second file,
its ratio is shown beside each scenario as "before"."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _amount(value: float, unit: str) -> str:
    return f"{value:,.0f} MB" if unit == "MB" else f"{value * 1000:,.1f} ms"


def table(rows: list[dict[str, Any]], before: dict[str, float]) -> str:
    head = "| # | scenario | ours | baseline | ratio | goal | holds |"
    rule = "|---|---|---|---|---|---|---|"
    if before:
        head = head.replace("| ratio |", "| ratio before | ratio |")
        rule += "---|"
    lines = [head, rule]
    for r in rows:
        was = (
            f" {before[r['id']]:.2f} |"
            if before and r["id"] in before
            else (" – |" if before else "")
        )
        lines.append(
            f"| {r['id']} | {r['scenario']} | {_amount(r['ours'], r['unit'])} | "
            f"{_amount(r['baseline'], r['unit'])} |{was} {r['ratio']:.2f} | {r['goal']} | "
            f"{'yes' if r['holds'] else '**no**'} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    data = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    before: dict[str, float] = {}
    if len(argv) > 1:
        old = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        before = {r["id"]: r["ratio"] for r in old["scenarios"] + old.get("growth", [])}
    print(table(data["scenarios"], before))
    if data.get("growth"):
        print()
        print(table(data["growth"], before))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
