"""`--wait SECONDS`: a second CLI writer retries the one-writer lock instead of refusing at
once, and gets in when the first writer closes; without it the refusal is immediate."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from annotator.services import Workspace
from tests.conftest import SAMPLE_CLAIM

HOLDER = """
import sys
from pathlib import Path
from annotator.services import Workspace
with Workspace.open(Path(sys.argv[1])):
    print("holding", flush=True)
    sys.stdin.readline()
"""


def _annotator(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "annotator", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_second_writer_with_wait_gets_in_when_the_first_closes(
    sample_workspace: Workspace,
) -> None:
    path = sample_workspace.path
    [document] = sample_workspace.documents.all()
    claim = sample_workspace.claims.add_by_quote(document.id, SAMPLE_CLAIM)
    sample_workspace.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "holding\n"
        waiting = _annotator("set-verdict", path, claim.id, "false", "--wait", "120")
        refused = _annotator("set-verdict", path, claim.id, "true")
        _out, err = refused.communicate(timeout=120)
        assert refused.returncode == 1
        assert "already open for editing in another Annotator window or process" in err
        time.sleep(1)  # let the waiting writer retry a few times against the held lock
        assert waiting.poll() is None  # still waiting, not refused
    finally:
        holder.communicate("release\n", timeout=60)
    _out, err = waiting.communicate(timeout=120)
    assert (waiting.returncode, err) == (0, "")
    with Workspace.open(path, read_only=True) as reader:
        verdict = reader.claims.get(claim.id).verdict
        assert verdict is not None
        assert verdict.rating == "false"


def test_wait_gives_up_with_the_usual_message(workspace: Workspace) -> None:
    waiting = _annotator("set-project", workspace.path, "--title", "x", "--wait", "0.3")
    _out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 1
    assert err.startswith(f"error: {workspace.path} is already open for editing")
