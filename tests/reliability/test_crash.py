"""D10: kill -9 during edits, with and without a reader process running. Every acknowledged
edit is in the project file alone (copied without its journal) and in the project, which
passes ``check``. 200 kills here; ``make torture`` runs 2,000."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from annotator.services import Workspace
from tests.reliability.crash_rounds import run_rounds
from tests.reliability.figures import record

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="forks writers (Linux)"
)


def _run(path: Path, rounds: int, *, with_reader: bool, name: str) -> None:
    Workspace.create(path).close()
    figures = run_rounds(path, rounds, with_reader=with_reader)
    record(name, figures)
    assert figures.kills == rounds
    assert figures.acknowledged >= rounds // 2  # every other round waits for an edit
    assert figures.problems == []
    assert figures.lost_in_project == 0
    assert figures.damaged_copies == 0
    assert figures.lost_in_copy == 0


@pytest.mark.parametrize("with_reader", [False, True], ids=["alone", "with-a-reader"])
def test_every_acknowledged_edit_survives_kill_9_in_the_file_alone(
    project_path: Path, with_reader: bool
) -> None:
    _run(
        project_path,
        100,
        with_reader=with_reader,
        name=f"kill -9, {'reader' if with_reader else 'no reader'}",
    )


@pytest.mark.torture
@pytest.mark.parametrize("with_reader", [False, True], ids=["alone", "with-a-reader"])
def test_torture_kill_9(project_path: Path, with_reader: bool) -> None:
    _run(
        project_path,
        1000,
        with_reader=with_reader,
        name=f"kill -9 torture, {'reader' if with_reader else 'no reader'}",
    )
