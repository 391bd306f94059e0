"""Every undo command: do -> undo -> redo, comparing the project's state each time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from annotator.domain.changes import claim_edited, claim_removed
from annotator.domain.model import ClaimStatus, Publisher, Rating, Source, Stance
from annotator.services import Workspace
from annotator.services.claims import ClaimEdit
from annotator.services.reports import build_report
from annotator.services.snapshots import NewSnapshot
from annotator.ui.commands import (
    AddClaimCommand,
    AddSourceLinkCommand,
    DeleteClaimCommand,
    EditClaimCommand,
    EditSourceLinkCommand,
    MoveClaimCommand,
    ProjectSettingsCommand,
    RemoveSourceLinkCommand,
    ServiceCommand,
    SetVerdictCommand,
)
from annotator.ui.session import ProjectSession
from tests.conftest import SAMPLE_CLAIM


def state(workspace: Workspace) -> str:
    return build_report(workspace, "fixed").model_dump_json()


@pytest.fixture(autouse=True)
def _ticking_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every timestamp differs, so a command that does not restore times exactly fails."""
    ticks = iter(range(10**6))

    def now() -> str:
        return f"2030-01-01T00:00:00.{next(ticks):06d}Z"

    for module in ("claims", "common", "documents", "revisions"):
        monkeypatch.setattr(f"annotator.services.{module}.utc_now", now)


@pytest.fixture
def session(qtbot: QtBot, sample_workspace: Workspace) -> ProjectSession:
    session = ProjectSession(sample_workspace)
    document = sample_workspace.documents.all()[0].id
    claim = sample_workspace.claims.add_by_quote(document, SAMPLE_CLAIM)
    source = sample_workspace.sources.add(Source("", "https://example.org/a", "A"))
    sample_workspace.sources.link(claim.id, source.id, Stance.SUPPORTS, "x")
    sample_workspace.claims.set_verdict(claim.id, "true", "why")
    return session


def _claim(session: ProjectSession):  # type: ignore[no-untyped-def]
    return session.workspace.claims.all()[0]


CommandFactory = Callable[[ProjectSession], ServiceCommand]

COMMANDS: dict[str, CommandFactory] = {
    "add claim": lambda s: AddClaimCommand(s, _claim(s).document_id, 0, 9),
    "delete claim": lambda s: DeleteClaimCommand(s, _claim(s).id),
    "move claim": lambda s: MoveClaimCommand(s, _claim(s), 0, 9),
    "edit summary": lambda s: EditClaimCommand(s, _claim(s), ClaimEdit(summary="New summary")),
    "edit several fields": lambda s: EditClaimCommand(
        s, _claim(s), ClaimEdit(status=ClaimStatus.DONE, tags=("a", "b"), notes="n")
    ),
    "set verdict": lambda s: SetVerdictCommand(s, _claim(s), "false", "new rationale"),
    "clear verdict": lambda s: SetVerdictCommand(s, _claim(s), None, ""),
    "add new source": lambda s: AddSourceLinkCommand(
        s, _claim(s).id, Source("", "https://example.org/new", "New"), Stance.REFUTES, "e"
    ),
    "edit source link": lambda s: EditSourceLinkCommand(
        s,
        _claim(s).id,
        _claim(s).sources[0],
        replace(_claim(s).sources[0].source, title="Renamed"),
        Stance.CONTEXT,
        "new excerpt",
    ),
    "remove source link": lambda s: RemoveSourceLinkCommand(
        s, _claim(s).id, _claim(s).sources[0].source.id
    ),
    "rating scale": lambda s: ProjectSettingsCommand(
        s,
        s.read.info(),
        replace(
            s.read.info(),
            title="Renamed project",
            publisher=Publisher("Desk", "https://desk.example"),
            scale=(*s.read.info().scale, Rating("satire", "Satire", "#123456")),
        ),
    ),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_do_undo_redo(name: str, session: ProjectSession) -> None:
    stack = QUndoStack()
    before = state(session.workspace)
    command = COMMANDS[name](session).execute()
    stack.push(command)
    after = state(session.workspace)
    assert after != before
    stack.undo()
    assert state(session.workspace) == before
    stack.redo()
    assert state(session.workspace) == after
    stack.undo()
    assert state(session.workspace) == before


def test_undo_text_names_the_action(session: ProjectSession) -> None:
    stack = QUndoStack()
    stack.push(COMMANDS["set verdict"](session).execute())
    assert stack.undoText() == "Set verdict"
    stack.push(COMMANDS["edit summary"](session).execute())
    assert stack.undoText() == "Edit summary"


def test_signals_announce_each_change(qtbot: QtBot, session: ProjectSession) -> None:
    claim = _claim(session)
    with qtbot.waitSignal(session.claim_changed) as changed:
        session.apply(lambda w: claim_edited(w.claims.set_verdict(claim.id, "mixed", "")))
    assert changed.args[0].rating_key == "mixed"
    with qtbot.waitSignal(session.claim_removed) as removed:
        session.apply(lambda w: claim_removed(w.claims.delete(claim.id)))
    assert removed.args == [claim.id, claim.document_id]


def test_successive_notes_edits_merge_into_one_undo_step(session: ProjectSession) -> None:
    stack = QUndoStack()
    before = state(session.workspace)
    for text in ("draft", "draft two", "draft three"):
        stack.push(EditClaimCommand(session, _claim(session), ClaimEdit(notes=text)).execute())
    assert stack.count() == 1
    assert _claim(session).notes == "draft three"
    stack.undo()
    assert state(session.workspace) == before
    stack.push(EditClaimCommand(session, _claim(session), ClaimEdit(notes="x")).execute())
    stack.push(EditClaimCommand(session, _claim(session), ClaimEdit(summary="y")).execute())
    assert stack.count() == 2


def test_a_refused_step_leaves_nothing_half_done(session: ProjectSession) -> None:
    from annotator.errors import ValidationError

    before = state(session.workspace)
    claim = _claim(session)
    cited = claim.sources[0].source
    # The new source would be created, then linking it fails: the source must not remain.
    command = AddSourceLinkCommand(
        session,
        claim.id,
        Source("", "https://example.org/new", "New"),
        Stance.REFUTES,
        "x" * 20_001,
    )
    with pytest.raises(ValidationError, match="excerpt"):
        command.execute()
    assert state(session.workspace) == before
    assert [s.id for s in session.workspace.sources.all()] == [cited.id]


def _disk_full_on_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every commit fails the way a full disk makes it fail, after the statements ran."""
    import sqlite3

    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session

    def full(_self: Session) -> None:
        raise OperationalError("COMMIT", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(Session, "commit", full)


def test_a_failed_commit_announces_nothing(
    qtbot: QtBot, session: ProjectSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.errors import ProjectError

    claim = _claim(session)
    seen: list[object] = []
    session.claim_changed.connect(seen.append)
    _disk_full_on_commit(monkeypatch)
    command = SetVerdictCommand(session, claim, "false", "changed")
    with pytest.raises(ProjectError, match="disk is full"):
        command.execute()
    assert seen == []  # the window was never told of a verdict the file does not hold
    monkeypatch.undo()
    assert session.workspace.claims.get(claim.id).verdict.rating == "true"  # type: ignore[union-attr]


def test_a_failed_undo_leaves_the_stack_and_the_file_agreeing(
    qtbot: QtBot, session: ProjectSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    stack = QUndoStack()
    claim = _claim(session)
    command = SetVerdictCommand(session, claim, "false", "changed").execute()
    stack.push(command)
    failures: list[str] = []
    session.replay_failed.connect(failures.append)
    _disk_full_on_commit(monkeypatch)
    stack.undo()
    monkeypatch.undo()
    [failure] = failures
    assert failure.startswith("Undo failed: ")
    assert "disk is full" in failure
    # The verdict is still "false" in the file, and no undo step claims otherwise.
    assert session.workspace.claims.get(claim.id).verdict.rating == "false"  # type: ignore[union-attr]
    assert stack.count() == 0
    assert not stack.canRedo()


def test_adding_a_source_whose_address_is_already_in_the_project_cites_that_source(
    session: ProjectSession,
) -> None:
    document = session.workspace.documents.all()[0].id
    other = session.workspace.claims.add_by_quote(document, "Islamabad")
    known = session.workspace.sources.all()[0]
    command = AddSourceLinkCommand(
        session, other.id, Source("", known.url, "Typed again"), Stance.REFUTES, ""
    ).execute()
    assert command.reused
    assert [s.id for s in session.workspace.sources.all()] == [known.id]  # no duplicate
    [link] = session.workspace.claims.get(other.id).sources
    assert (link.source.id, link.stance) == (known.id, Stance.REFUTES)
    command.undo()
    assert session.workspace.claims.get(other.id).sources == ()
    assert [s.id for s in session.workspace.sources.all()] == [known.id]  # still there


def test_one_settings_edit_refreshes_the_views_once(session: ProjectSession) -> None:
    old = session.read.info()
    new = replace(
        old,
        title="Renamed",
        checker="A. Checker",
        publisher=Publisher("Daily Checks", "https://checks.example"),
        scale=(*old.scale, Rating("satire", "Satire", "#795548")),
    )
    seen: list[object] = []
    session.project_changed.connect(seen.append)
    ProjectSettingsCommand(session, old, new).execute()
    assert seen == [session.read.info()]  # four changes, one announcement of the result


def test_undoing_remove_source_keeps_where_its_excerpt_was_picked(
    session: ProjectSession,
) -> None:
    workspace = session.workspace
    claim, source = _claim(session), _claim(session).sources[0].source
    page = b"<html><body><p>The budget grew by 4 percent.</p></body></html>"
    snapshot = workspace.snapshots.add_bytes(NewSnapshot(source.id, filename="p.html"), page)
    start = workspace.snapshots.text(snapshot.id).index("grew")
    workspace.snapshots.pick_excerpt(claim.id, source.id, snapshot.id, start, start + 7)
    picked, before = workspace.snapshots.excerpt_origins(), state(workspace)
    stack = QUndoStack()
    stack.push(RemoveSourceLinkCommand(session, claim.id, source.id).execute())
    assert workspace.snapshots.excerpt_origins() == {}
    stack.undo()
    assert workspace.snapshots.excerpt_origins() == picked
    assert state(workspace) == before


def test_undoing_delete_claim_keeps_where_its_excerpt_was_picked(
    session: ProjectSession,
) -> None:
    workspace = session.workspace
    claim, source = _claim(session), _claim(session).sources[0].source
    page = b"<html><body><p>The budget grew by 4 percent.</p></body></html>"
    snapshot = workspace.snapshots.add_bytes(NewSnapshot(source.id, filename="p.html"), page)
    start = workspace.snapshots.text(snapshot.id).index("grew")
    workspace.snapshots.pick_excerpt(claim.id, source.id, snapshot.id, start, start + 7)
    picked, before = workspace.snapshots.excerpt_origins(), state(workspace)
    stack = QUndoStack()
    stack.push(DeleteClaimCommand(session, claim.id).execute())
    stack.undo()
    assert workspace.snapshots.excerpt_origins() == picked
    assert state(workspace) == before
    stack.redo()
    stack.undo()
    assert state(workspace) == before
