"""One test in a real window under Xvfb, driven by keystrokes through xdotool as a person
would: find the claim, mark it, rate it fifth, quit; then the CLI sees the result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.services import Workspace
from annotator.settings import Settings, save_settings
from tests import xvfb

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(not xvfb.available(), reason="Xvfb and xdotool are not installed"),
]


def test_find_mark_rate_quit_in_a_real_window(tmp_path: Path, sample_path: Path) -> None:
    project = tmp_path / "sample.factcheck"
    with Workspace.create(project, "Sample") as workspace:
        workspace.documents.add_file(sample_path)
        fifth = workspace.project.info().scale[4].key
    # The checker's name is set for the app (else the first verdict asks for it).
    save_settings(Settings(checker_name="Ana Lima"), tmp_path / "home" / "config" / "settings.json")
    with xvfb.virtual_display() as display:
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "ANNOTATOR_HOME": str(tmp_path / "home"),
        }
        app = subprocess.Popen(
            [sys.executable, "-m", "annotator", str(project)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            # The title names the project once it is open (the window shows a moment before).
            window = xvfb.wait_for_window(display, "sample.factcheck")
            xvfb.xdotool(display, "windowfocus", window)
            time.sleep(0.5)
            steps: list[list[str]] = [
                ["key", "ctrl+f"],
                ["type", "--delay", "40", "four Mi-35M"],
                ["key", "Return"],
                ["key", "Escape"],
                ["key", "ctrl+e"],
                ["key", "ctrl+5"],
                ["key", "ctrl+q"],
            ]
            for step in steps:
                xvfb.xdotool(display, *step)
                time.sleep(0.3)
            output, _ = app.communicate(timeout=30)
        finally:
            if app.poll() is None:
                app.kill()
                app.wait()
    assert app.returncode == 0, output
    exported = subprocess.run(
        [sys.executable, "-m", "annotator", "export", str(project)],
        capture_output=True,
        text=True,
        check=True,
    )
    [claim] = json.loads(exported.stdout)["documents"][0]["claims"]
    assert claim["quote"] == "four Mi-35M"
    assert claim["verdict"]["rating"] == fifth
    assert claim["verdict"]["rated_by"] == "Ana Lima"
