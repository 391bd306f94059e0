"""Figures the reliability tests measured, collected for docs/RELIABILITY.md.

When ``ANNOTATOR_FIGURES`` names a file, each ``record`` call appends one JSON line to it;
``tools/reliability_figures.py`` turns them into the table in docs/RELIABILITY.md.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any


def record(experiment: str, figures: Any) -> None:
    target = os.environ.get("ANNOTATOR_FIGURES")
    if not target:
        return
    values = dataclasses.asdict(figures) if dataclasses.is_dataclass(figures) else dict(figures)
    with Path(target).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"experiment": experiment, **values}) + "\n")
