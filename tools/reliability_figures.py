"""Turn the figures the reliability tests recorded (``ANNOTATOR_FIGURES``, one JSON object a
line) into the table of docs/RELIABILITY.md, between its ``figures`` markers.

    python tools/reliability_figures.py build/reliability-figures.jsonl docs/RELIABILITY.md
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

START = "<!-- figures:start -->"
END = "<!-- figures:end -->"


def table(lines: list[dict[str, object]]) -> str:
    rows = [
        f"Measured by `make torture` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "| experiment | figures |",
        "|---|---|",
    ]
    for entry in lines:
        name = entry.pop("experiment")
        figures = ", ".join(
            f"{key.replace('_', ' ')} {value}" for key, value in entry.items() if value != []
        )
        rows.append(f"| {name} | {figures} |")
    return "\n".join(rows)


def main(figures: Path, document: Path) -> int:
    lines = [json.loads(line) for line in figures.read_text().splitlines() if line.strip()]
    text = document.read_text(encoding="utf-8")
    before, _old, after = text.partition(START)[0], "", text.partition(END)[2]
    if START not in text or END not in text:
        print(f"{document} has no {START} ... {END} markers", file=sys.stderr)
        return 1
    document.write_text(f"{before}{START}\n{table(lines)}\n{END}{after}", encoding="utf-8")
    print(table(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
