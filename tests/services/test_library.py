"""The claim library: importing feeds (whole or not at all, updated not duplicated on
re-import), adding projects' verdicts and keeping them current, removing sources, and refusing
files that are not a library or come from a newer Annotator."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from annotator.domain.model import ClaimEdit
from annotator.errors import FeedError, LibraryError
from annotator.services import Workspace
from annotator.services.library import ClaimLibrary
from annotator.storage import library_db
from annotator.storage.library_db import SCHEMA_VERSION
from tests.conftest import SAMPLE_CLAIM

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claimreview"


def write_feed(path: Path, reviews: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(reviews), "utf-8")
    return path


def review(number: int, verdict: str = "False", **fields: Any) -> dict[str, Any]:
    return {
        "@type": "ClaimReview",
        "url": f"https://checks.example/{number}",
        "claimReviewed": f"Claim number {number} was made.",
        "reviewRating": {"alternateName": verdict},
        **fields,
    }


@pytest.fixture
def library(tmp_path: Path) -> Any:
    with ClaimLibrary.open(tmp_path / "library.sqlite") as opened:
        yield opened


def test_the_eight_real_feeds_import_one_entry_each(library: ClaimLibrary) -> None:
    summaries = library.import_feeds(sorted(FIXTURES.glob("*.json")))
    assert [s.added for s in summaries] == [1] * 8
    assert library.count() == 8
    assert {s.name: s.entries for s in library.sources()} == {
        path.name: 1 for path in FIXTURES.glob("*.json")
    }


def test_reimporting_a_feed_updates_its_entries_and_adds_none(
    library: ClaimLibrary, tmp_path: Path
) -> None:
    feed = write_feed(tmp_path / "feed.json", [review(1), review(2)])
    library.import_feeds([feed])
    write_feed(feed, [review(1, verdict="True"), review(2), review(3)])
    [summary] = library.import_feeds([feed])
    assert (summary.added, summary.updated) == (1, 2)
    entries = {e.url: e for e in library.entries_of("feed.json")}
    assert len(entries) == library.count() == 3
    assert entries["https://checks.example/1"].verdict == "True"


def test_an_updated_claim_is_found_by_its_new_words_only(
    library: ClaimLibrary, tmp_path: Path
) -> None:
    feed = write_feed(tmp_path / "feed.json", [review(1, identifier="r1", claimReviewed="Cats")])
    library.import_feeds([feed])
    write_feed(feed, [review(1, identifier="r1", claimReviewed="Dogs bark at night")])
    library.import_feeds([feed])
    assert library.database.search(["cats"], 5) == []
    assert len(library.database.search(["dogs"], 5)) == 1


def test_a_bad_feed_among_good_ones_imports_nothing(library: ClaimLibrary, tmp_path: Path) -> None:
    good = write_feed(tmp_path / "good.json", [review(1)])
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    with pytest.raises(FeedError, match=r"bad\.json is not JSON"):
        library.import_feeds([good, bad])
    assert library.count() == 0
    assert library.sources() == []


def test_a_failure_while_storing_rolls_the_whole_import_back(
    library: ClaimLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write_feed(tmp_path / "first.json", [review(1)])
    second = write_feed(tmp_path / "second.json", [review(2)])
    calls = 0
    upsert = library.database.upsert

    def fail_second(*args: Any) -> int:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return upsert(*args)

    monkeypatch.setattr(library.database, "upsert", fail_second)
    with pytest.raises(LibraryError, match=r"Cannot write to the claim library .*disk I/O error"):
        library.import_feeds([first, second])
    assert library.count() == 0


def test_two_feeds_with_one_file_name_are_refused(library: ClaimLibrary, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = write_feed(tmp_path / "a" / "feed.json", [review(1)])
    other = write_feed(tmp_path / "b" / "feed.json", [review(2)])
    with pytest.raises(LibraryError, match="same file name"):
        library.import_feeds([one, other])


def test_removing_a_feed_removes_its_entries_from_search(
    library: ClaimLibrary, tmp_path: Path
) -> None:
    library.import_feeds([write_feed(tmp_path / "feed.json", [review(1), review(2)])])
    library.import_feeds([FIXTURES / "schemaorg_google_example_world_is_flat.json"])
    assert library.remove("feed.json") == 2
    assert library.count() == 1
    assert library.database.search(["claim", "number"], 5) == []


def test_removing_an_unknown_source_names_the_known_ones(library: ClaimLibrary) -> None:
    library.import_feeds([FIXTURES / "schemaorg_google_example_world_is_flat.json"])
    with pytest.raises(LibraryError) as caught:
        library.remove("nothing.json")
    assert str(caught.value) == (
        "The library has no source named 'nothing.json' (its sources: "
        "schemaorg_google_example_world_is_flat.json); `annotator library stats` lists them."
    )


def rated_project(workspace: Workspace) -> str:
    [document] = workspace.documents.all()
    claim = workspace.claims.add_by_quote(
        document.id, SAMPLE_CLAIM, edit=ClaimEdit(summary="Russia sold Pakistan helicopters")
    )
    workspace.claims.set_verdict(claim.id, "mostly-true")
    workspace.claims.add_by_quote(document.id, "Pakistan")  # unrated: not in the library
    return claim.id


def test_a_projects_rated_claims_are_added_with_label_outlet_and_place(
    library: ClaimLibrary, sample_workspace: Workspace
) -> None:
    claim_id = rated_project(sample_workspace)
    path = sample_workspace.path
    sample_workspace.close()
    [summary] = library.add_projects([path])
    assert summary.added == 1
    [entry] = library.entries_of(str(path.resolve()))
    assert (entry.claim, entry.title) == (SAMPLE_CLAIM, "Russia sold Pakistan helicopters")
    assert (entry.verdict, entry.outlet, entry.claim_id) == (
        "Mostly true",
        "Test project",
        claim_id,
    )
    assert entry.project == str(path.resolve())


def test_adding_a_project_again_drops_claims_no_longer_rated(
    library: ClaimLibrary, sample_workspace: Workspace
) -> None:
    claim_id = rated_project(sample_workspace)
    path = sample_workspace.path
    library.add_projects([path])
    sample_workspace.claims.clear_verdict(claim_id)
    sample_workspace.close()
    [summary] = library.add_projects([path])
    assert (summary.added, summary.updated) == (0, 0)
    assert library.count() == 0


def test_sync_follows_verdicts_as_they_are_edited(
    library: ClaimLibrary, sample_workspace: Workspace
) -> None:
    claim_id = rated_project(sample_workspace)
    path, info = sample_workspace.path, sample_workspace.project.info()
    rated = sample_workspace.claims.set_verdict(claim_id, "false")
    library.sync_claims(path, info, [rated])
    assert [e.verdict for e in library.entries_of(str(path.resolve()))] == ["False"]
    unrated = sample_workspace.claims.clear_verdict(claim_id)
    library.sync_claims(path, info, [unrated])
    assert library.count() == 0
    library.sync_claims(path, info, [rated])
    library.sync_claims(path, info, [], removed=[claim_id])
    assert library.count() == 0


def test_a_file_that_is_not_sqlite_is_not_taken_for_a_library(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", "utf-8")
    with pytest.raises(LibraryError, match="is not a claim library"):
        ClaimLibrary.open(notes)
    assert notes.read_text("utf-8") == "my notes"


def test_a_project_is_not_taken_for_a_library(workspace: Workspace) -> None:
    workspace.close()
    with pytest.raises(LibraryError, match="an SQLite file but not a claim library"):
        ClaimLibrary.open(workspace.path)


def test_a_library_from_a_newer_annotator_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    ClaimLibrary.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="written by a newer version of Annotator"):
        ClaimLibrary.open(path)
    assert path.read_bytes() == before


def test_the_default_library_lives_in_the_data_folder_or_where_the_environment_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = Path(os.environ["ANNOTATOR_HOME"])
    with ClaimLibrary.open() as default:
        assert default.path == home / "data" / "library.sqlite"
    monkeypatch.setenv("ANNOTATOR_LIBRARY", str(tmp_path / "elsewhere.sqlite"))
    with ClaimLibrary.open() as chosen:
        assert chosen.path == tmp_path / "elsewhere.sqlite"


def damaged(path: Path) -> Path:
    """A library whose header is sound but whose search index is gone (a damaged file)."""
    with ClaimLibrary.open(path) as library:
        library.import_feeds([write_feed(path.with_name("feed.json"), [review(1)])])
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE entries_fts")
    db.close()
    return path


def test_a_damaged_library_is_a_library_error_when_searched_or_counted(tmp_path: Path) -> None:
    from annotator.services.matching import Matcher

    with ClaimLibrary.open(damaged(tmp_path / "library.sqlite")) as library:
        with pytest.raises(LibraryError, match=r"library\.sqlite cannot be read: no such table"):
            Matcher(library).match("Checked claim number 1")
        with sqlite3.connect(library.path) as db:
            db.execute("DROP TABLE sources")
        db.close()
        with pytest.raises(LibraryError, match="cannot be read"):
            library.sources()


def test_a_write_that_sqlite_already_rolled_back_reports_its_own_error(
    library: ClaimLibrary, tmp_path: Path
) -> None:
    # SQLite ends the transaction itself on some errors (a full disk); a trigger's
    # RAISE(ROLLBACK) does the same here.
    with sqlite3.connect(library.path) as db:
        db.execute(
            "CREATE TRIGGER full BEFORE INSERT ON entries "
            "BEGIN SELECT RAISE(ROLLBACK, 'database or disk is full'); END"
        )
    db.close()
    with pytest.raises(LibraryError, match=r"Cannot write .*database or disk is full"):
        library.import_feeds([write_feed(tmp_path / "feed.json", [review(1)])])
    assert library.count() == 0


def test_a_library_another_process_is_writing_to_is_said_to_be_busy(
    library: ClaimLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_db, "BUSY_TIMEOUT", 0.1)
    feed = write_feed(tmp_path / "feed.json", [review(1)])
    other = sqlite3.connect(library.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with ClaimLibrary.open(library.path) as second, pytest.raises(LibraryError) as caught:
            second.import_feeds([feed])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "is busy: another Annotator is writing to it" in str(caught.value)
    assert "database is locked" not in str(caught.value)


def test_two_openers_of_a_new_library_never_both_create_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window and a command may both find a new library file empty: the one that checks
    second, under the write lock, finds the other's schema and uses it."""
    path = tmp_path / "library.sqlite"
    real_is_empty = library_db._is_empty
    raced = []

    def other_process_wins(db: sqlite3.Connection) -> bool:
        if not raced:
            raced.append(True)
            ClaimLibrary.open(path).close()  # another opener fills the file meanwhile
            return True  # what this opener saw just before
        return real_is_empty(db)

    monkeypatch.setattr(library_db, "_is_empty", other_process_wins)
    with ClaimLibrary.open(path) as library:
        library.import_feeds([write_feed(tmp_path / "feed.json", [review(1)])])
    assert raced == [True]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
