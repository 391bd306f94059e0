"""The HTML report opens in a real browser (headless Chromium) and renders its claims,
without any network request."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from annotator.services import Workspace
from annotator.services.exports import write_export
from tools.report_screenshot import CHROMIUM_FLAGS, chromium, screenshot_html
from tools.screenshot import build_demo

pytestmark = pytest.mark.skipif(chromium() is None, reason="chromium is not installed")


def test_html_report_renders_in_chromium(tmp_path: Path) -> None:
    project = build_demo(tmp_path)
    html = tmp_path / "report.html"
    with Workspace.open(project, read_only=True) as workspace:
        write_export(workspace, "html", html)
    browser = chromium()
    assert browser is not None
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", html.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    assert "four Mi-35M combat and cargo helicopters" in dom
    assert "Pakistan–Russia relations" in dom
    assert "<script" not in dom
    shot = tmp_path / "report.png"
    screenshot_html(html, shot, "1000,800")
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
