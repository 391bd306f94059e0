"""Make the README's screenshot: the main window on the sample article with several rated
claims, in a real window under Xvfb (`make screenshot`).

Usage: python tools/screenshot.py [OUT.png] [--size WxH]...
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.domain.model import Claimant, ClaimStatus, Source, Stance  # noqa: E402
from annotator.paths import sample_article  # noqa: E402
from annotator.services import Workspace  # noqa: E402
from annotator.services.claims import ClaimEdit  # noqa: E402
from annotator.services.launch import SAMPLE_DOCUMENT_TITLE  # noqa: E402
from tests import xvfb  # noqa: E402

CLAIMS = [
    (
        "both the countries are on path of solidifying their relations both in economic and "
        "defence fields",
        "mostly-true",
        "Pakistan and Russia are strengthening economic and defence ties",
        "Joint drills since 2016 and a 2014 defence pact support it; trade stays small.",
    ),
    (
        "The 12th meeting of the Pakistan-Russia Consultative Group on Strategic Stability",
        "true",
        "The consultative group met for the 12th time",
        "Matches the foreign ministry's press release of 2 March 2018.",
    ),
    (
        "Pakistan and Russia in Nov 2014 signed a defence cooperation agreement",
        "true",
        "A defence cooperation agreement was signed in November 2014",
        "Signed in Rawalpindi on 20 November 2014.",
    ),
    (
        "four Mi-35M combat and cargo helicopters",
        "mixed",
        "Russia has provided four Mi-35M helicopters to Pakistan",
        "Four were ordered in 2015; deliveries were reported in 2017–2018.",
    ),
    (
        "the indifference of US-led Nato forces present in the conflict-ridden country",
        "misleading",
        "US-led Nato forces are indifferent to IS in Afghanistan",
        "An opinion attributed to both sides, not a checkable fact.",
    ),
    ("codenamed ‘Friendship’", None, "", ""),
]


def build_demo(folder: Path) -> Path:
    project = folder / "Pakistan–Russia relations.factcheck"
    with Workspace.create(project, "Pakistan–Russia relations") as workspace:
        document = workspace.documents.add_file(sample_article(), title=SAMPLE_DOCUMENT_TITLE)
        for quote, rating, summary, rationale in CLAIMS:
            claim = workspace.claims.add_by_quote(
                document.id,
                quote,
                edit=ClaimEdit(
                    summary=summary,
                    status=ClaimStatus.DONE if rating else ClaimStatus.DRAFT,
                    claimant=Claimant("Pakistan Ministry of Foreign Affairs", "statement"),
                    tags=("defence",),
                ),
            )
            if rating:
                workspace.claims.set_verdict(claim.id, rating, rationale, "A. Checker")
        helicopter = workspace.claims.all(document.id)[-2]
        for url, title, stance in (
            (
                "https://example.org/mi35-deal-2015",
                "Russia to sell Mi-35 helicopters",
                Stance.SUPPORTS,
            ),
            ("https://example.org/delivery-2017", "First Mi-35Ms delivered", Stance.CONTEXT),
        ):
            source = workspace.sources.add(Source("", url, title, "Defence News"))
            workspace.sources.link(helicopter.id, source.id, stance)
    return project


def shoot(project: Path, out: Path, width: int, height: int, home: Path) -> None:
    with xvfb.virtual_display(width + 40, height + 40) as display:
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "ANNOTATOR_HOME": str(home),
        }
        app = subprocess.Popen([sys.executable, "-m", "annotator", str(project)], env=env)
        try:
            window = xvfb.wait_for_window(display, project.name)
            xvfb.xdotool(display, "windowsize", window, str(width), str(height))
            xvfb.xdotool(display, "windowmove", window, "0", "0")
            xvfb.xdotool(display, "windowfocus", window)
            time.sleep(0.8)
            xvfb.xdotool(display, "key", "alt+Down", "alt+Down", "alt+Down", "alt+Down")
            time.sleep(1.0)
            subprocess.run(["import", "-window", window, str(out)], env=env, check=True, timeout=30)
        finally:
            app.terminate()
            app.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "out", nargs="?", type=Path, default=ROOT / "resources/screenshots/main-window.png"
    )
    parser.add_argument("--size", action="append", default=[], help="WxH (default 1360x820)")
    args = parser.parse_args()
    if not xvfb.available():
        print(
            "error: Xvfb and xdotool are needed (apt-get install xvfb xdotool imagemagick)",
            file=sys.stderr,
        )
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        project = build_demo(Path(tmp))
        sizes = args.size or ["1360x820"]
        for size in sizes:
            width, height = (int(v) for v in size.split("x"))
            out = args.out if len(sizes) == 1 else args.out.with_name(f"{args.out.stem}-{size}.png")
            out.parent.mkdir(parents=True, exist_ok=True)
            shoot(project, out, width, height, Path(tmp) / "home")
            print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
