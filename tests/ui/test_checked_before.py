"""The "Checked before" panel: a claim marked in a project finds a review of it worded
differently, imported from a fact-check feed; the review becomes a source in one undoable
step; verdicts given in the window reach the library; File › Import fact-check feed… fills it."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from annotator.domain.library import LibraryEntry
from annotator.domain.model import Stance
from annotator.paths import library_path
from annotator.services.library import ClaimLibrary
from annotator.storage import library_db
from annotator.ui.main_window import MainWindow
from annotator.ui.widgets.checked_before import CheckedBeforePanel
from tests.conftest import SAMPLE_CLAIM
from tests.ui.conftest import DialogRecorder

REVIEW_URL = "https://checks.example/pakistan-helicopters"


def write_feed(path: Path) -> Path:
    reviews = [
        {
            "@type": "ClaimReview",
            "url": REVIEW_URL,
            "claimReviewed": "Russia delivered 4 Mi-35M attack helicopters to Pakistan.",
            "headline": "Did Pakistan get Russian helicopters?",
            "datePublished": "2018-03-05",
            "author": {"name": "Checks Daily"},
            "reviewRating": {"alternateName": "Mostly true"},
        },
        {
            "@type": "ClaimReview",
            "url": "https://checks.example/flat",
            "claimReviewed": "The world is flat.",
            "author": {"name": "Checks Daily"},
            "reviewRating": {"alternateName": "False"},
        },
    ]
    path.write_text(json.dumps({"@graph": reviews}), "utf-8")
    return path


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    path = write_feed(tmp_path / "checks.json")
    with ClaimLibrary.open(library_path()) as library:
        library.import_feeds([path])
    return path


def mark_sample_claim(window: MainWindow) -> str:
    bench = window.workbench
    assert bench is not None
    assert bench.current_document is not None
    start = bench.current_document.text.index(SAMPLE_CLAIM)
    bench.article.select_offsets(start, start + len(SAMPLE_CLAIM))
    bench.create_claim_from_selection()
    claim = bench.selected_claim()
    assert claim is not None
    return claim.id


def shown(panel: CheckedBeforePanel) -> list[str]:
    return [m.entry.url for m in panel.matches()]


@pytest.mark.usefixtures("feed")
def test_a_marked_claim_shows_a_review_of_it_worded_differently(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    mark_sample_claim(sample_window)
    assert sample_window.workbench is not None
    panel = sample_window.workbench.checked.panel
    qtbot.waitUntil(lambda: bool(panel.matches()), timeout=5000)
    assert shown(panel)[0] == REVIEW_URL
    assert "https://checks.example/flat" not in shown(panel)
    [first, *_] = panel.matches()
    assert (first.entry.verdict, first.entry.outlet) == ("Mostly true", "Checks Daily")
    assert panel.open_button.isEnabled()
    assert panel.use_button.isEnabled()


@pytest.mark.usefixtures("feed")
def test_use_as_source_cites_the_review_with_its_stance_in_one_undo_step(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    claim_id = mark_sample_claim(sample_window)
    bench = sample_window.workbench
    assert bench is not None
    panel = bench.checked.panel
    qtbot.waitUntil(lambda: bool(panel.matches()), timeout=5000)
    steps = sample_window.undo_stack.count()
    panel.use_requested.emit(panel.current(), Stance.SUPPORTS)
    [link] = bench.read.claim(claim_id).sources
    assert (link.source.url, link.stance) == (REVIEW_URL, Stance.SUPPORTS)
    assert link.source.publisher == "Checks Daily"
    assert link.source.published == "2018-03-05"
    assert "Mostly true" in link.excerpt
    assert sample_window.undo_stack.count() == steps + 1
    sample_window.undo_stack.undo()
    assert bench.read.claim(claim_id).sources == ()
    assert bench.read.sources() == []


@pytest.mark.usefixtures("feed")
def test_opening_a_review_asks_first(
    qtbot: QtBot, sample_window: MainWindow, dialogs: DialogRecorder
) -> None:
    mark_sample_claim(sample_window)
    assert sample_window.workbench is not None
    panel = sample_window.workbench.checked.panel
    qtbot.waitUntil(lambda: bool(panel.matches()), timeout=5000)
    panel.open_button.click()  # the recorder answers Cancel: nothing opens
    assert dialogs.messages[-1][0] == "Open link?"
    assert REVIEW_URL in dialogs.messages[-1][1]


def library_entries() -> list[LibraryEntry]:
    with ClaimLibrary.open(library_path()) as library:
        return [e for s in library.sources() for e in library.entries_of(s.name)]


def test_a_verdict_given_in_the_window_is_in_the_library(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    claim_id = mark_sample_claim(sample_window)
    assert sample_window.workbench is not None
    sample_window.workbench.set_verdict("false")
    qtbot.waitUntil(lambda: len(library_entries()) == 1, timeout=5000)  # stored in a thread
    [entry] = library_entries()
    assert (entry.claim, entry.verdict, entry.claim_id) == (SAMPLE_CLAIM, "False", claim_id)
    sample_window.undo_stack.undo()  # the verdict goes, and with it the entry
    qtbot.waitUntil(lambda: library_entries() == [], timeout=5000)


def test_a_library_busy_in_another_process_never_holds_the_window(
    qtbot: QtBot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_db, "BUSY_TIMEOUT", 3.0)
    claim_id = mark_sample_claim(sample_window)
    assert sample_window.workbench is not None
    checked = sample_window.workbench.checked
    ClaimLibrary.open(library_path()).close()
    other = sqlite3.connect(library_path(), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a `library import` of a large feed, say
    try:
        started = time.perf_counter()
        with qtbot.waitSignal(checked.library.synced, timeout=5000):
            sample_window.workbench.set_verdict("false")
            assert time.perf_counter() - started < 1.0
            other.execute("ROLLBACK")
    finally:
        other.close()
    qtbot.waitUntil(lambda: [e.claim_id for e in library_entries()] == [claim_id], timeout=5000)


def test_import_fact_check_feed_fills_the_library_and_matches_again(
    qtbot: QtBot, sample_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mark_sample_claim(sample_window)
    assert sample_window.workbench is not None
    panel = sample_window.workbench.checked.panel
    qtbot.waitUntil(lambda: "Nothing like it" in panel.status.text(), timeout=5000)
    path = write_feed(tmp_path / "checks.json")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *_args: ([str(path)], "ClaimReview feeds")
    )
    sample_window.action_map["import-feed"].trigger()
    qtbot.waitUntil(lambda: bool(panel.matches()), timeout=5000)
    assert shown(panel)[0] == REVIEW_URL
    assert "2 reviews in the claim library" in sample_window.statusBar().currentMessage()


def test_a_claim_checked_in_an_earlier_project_opens_that_project_at_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, sample_path: Path
) -> None:
    from annotator.services import Workspace

    earlier = tmp_path / "earlier.factcheck"
    with Workspace.create(earlier, "Earlier") as workspace:
        document = workspace.documents.add_file(sample_path)
        old = workspace.claims.add_by_quote(document.id, SAMPLE_CLAIM)
        workspace.claims.set_verdict(old.id, "false")
    with ClaimLibrary.open(library_path()) as library:
        library.add_projects([earlier])
    window.open_sample()
    mark_sample_claim(window)
    assert window.workbench is not None
    panel = window.workbench.checked.panel
    qtbot.waitUntil(lambda: bool(panel.matches()), timeout=5000)
    [match] = panel.matches()
    assert (match.entry.project, match.entry.verdict) == (str(earlier.resolve()), "False")
    assert not panel.use_button.isEnabled()  # no web address to cite
    panel.open_button.click()
    assert window.session is not None
    assert window.session.path == earlier
    assert window.workbench is not None
    assert window.workbench.panel.selected_claim_id() == old.id


def test_a_damaged_library_is_said_in_the_panel_and_the_project_still_works(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    from tests.services.test_library import damaged

    damaged(library_path())
    claim_id = mark_sample_claim(sample_window)
    assert sample_window.workbench is not None
    panel = sample_window.workbench.checked.panel
    qtbot.waitUntil(lambda: "cannot be read" in panel.status.text(), timeout=5000)
    assert panel.status.text().startswith("The library cannot be searched: The claim library")
    assert sample_window.workbench.read.claim(claim_id).quote == SAMPLE_CLAIM


def test_an_earlier_project_with_a_review_address_still_opens_at_its_claim(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, sample_path: Path, dialogs: DialogRecorder
) -> None:
    from annotator.domain.model import Publisher
    from annotator.services import Workspace

    earlier = tmp_path / "earlier.factcheck"
    with Workspace.create(earlier, "Earlier") as workspace:
        workspace.project.set_publisher(
            Publisher("Checks Daily", review_url="https://checks.example/pakistan-article")
        )
        document = workspace.documents.add_file(sample_path)
        old = workspace.claims.add_by_quote(document.id, SAMPLE_CLAIM)
        workspace.claims.set_verdict(old.id, "false")
    with ClaimLibrary.open(library_path()) as library:
        library.add_projects([earlier])
    window.open_sample()
    mark_sample_claim(window)
    assert window.workbench is not None
    panel = window.workbench.checked.panel
    qtbot.waitUntil(lambda: bool(panel.matches()), timeout=5000)
    panel.open_button.click()
    assert not [m for m in dialogs.messages if m[0] == "Open link?"]
    assert window.session is not None
    assert window.session.path == earlier
    assert window.workbench is not None
    assert window.workbench.panel.selected_claim_id() == old.id
