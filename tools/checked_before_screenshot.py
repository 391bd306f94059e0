"""Make docs/screenshots/checked-before.png: the window on the sample article with the
helicopter claim selected and "Checked before" showing a review of it from an imported
fact-check feed (worded differently), plus the project's own earlier verdict. Offscreen
(``QWidget.grab()``), no display needed.

Usage: python tools/checked_before_screenshot.py [OUT.png]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.paths import sample_article  # noqa: E402
from annotator.services import Workspace  # noqa: E402
from annotator.services.claims import ClaimEdit  # noqa: E402
from annotator.services.library import ClaimLibrary  # noqa: E402
from annotator.settings import Settings  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402

DEFAULT_OUT = ROOT / "docs" / "screenshots" / "checked-before.png"
CLAIM = "four Mi-35M combat and cargo helicopters"
REVIEWS = [
    {
        "@type": "ClaimReview",
        "url": "https://checks.example/2018/03/pakistan-mi35m-helicopters",
        "claimReviewed": "Russia delivered 4 Mi-35M attack helicopters to Pakistan.",
        "headline": "Did Russia deliver Mi-35M helicopters to Pakistan?",
        "datePublished": "2018-03-05",
        "author": {"@type": "Organization", "name": "Checks Daily"},
        "reviewRating": {"@type": "Rating", "alternateName": "Mostly true"},
    },
    {
        "@type": "ClaimReview",
        "url": "https://verify.example/pakistan-40-helicopters",
        "claimReviewed": "Pakistan bought 40 Russian helicopters in 2018.",
        "datePublished": "2018-06-11",
        "author": {"@type": "Organization", "name": "Verify Desk"},
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                         "alternateName": "False"},
    },
    {
        "@type": "ClaimReview",
        "url": "https://checks.example/flat",
        "claimReviewed": "The world is flat.",
        "author": {"@type": "Organization", "name": "Checks Daily"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    },
]  # fmt: skip


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else DEFAULT_OUT
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ANNOTATOR_HOME"] = folder
        feed = Path(folder) / "checks-daily.json"
        feed.write_text(json.dumps({"@graph": REVIEWS}), "utf-8")
        earlier = Path(folder) / "Helicopter deals.factcheck"
        with Workspace.create(earlier, "Helicopter deals") as workspace:
            document = workspace.documents.add_file(sample_article())
            old = workspace.claims.add_by_quote(
                document.id,
                CLAIM,
                edit=ClaimEdit(summary="Pakistan got four Mi-35M helicopters from Russia"),
            )
            workspace.claims.set_verdict(old.id, "mixed")
        with ClaimLibrary.open() as library:
            library.import_feeds([feed])
            library.add_projects([earlier])
        project = Path(folder) / "Pakistan–Russia relations.factcheck"
        with Workspace.create(project, "Pakistan–Russia relations") as workspace:
            document = workspace.documents.add_file(sample_article())
            claim = workspace.claims.add_by_quote(
                document.id,
                CLAIM,
                edit=ClaimEdit(summary="Russia has provided four Mi-35M helicopters to Pakistan"),
            )
        window = MainWindow(Settings())
        window.resize(1400, 860)
        window.open_path(project)
        window.show()
        bench = window.workbench
        assert bench is not None
        bench.panel.select_claim(claim.id)
        deadline = time.monotonic() + 20
        while not bench.checked.panel.matches() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out))
        window.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
