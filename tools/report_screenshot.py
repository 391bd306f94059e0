"""Render the HTML report of the demo project in headless Chromium and save a screenshot
(for the README): `python tools/report_screenshot.py [OUT.png]`."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.services import Workspace  # noqa: E402
from annotator.services.exports import write_export  # noqa: E402
from tools.screenshot import build_demo  # noqa: E402

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot_html(html: Path, out: Path, size: str = "1200,1500") -> None:
    browser = chromium()
    if browser is None:
        raise SystemExit("error: chromium is needed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={size}",
             f"--screenshot={out}", html.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources/screenshots/html-report.png"
    with tempfile.TemporaryDirectory() as tmp:
        project = build_demo(Path(tmp))
        html = Path(tmp) / "report.html"
        with Workspace.open(project, read_only=True) as workspace:
            write_export(workspace, "html", html)
        out.parent.mkdir(parents=True, exist_ok=True)
        screenshot_html(html, out)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
