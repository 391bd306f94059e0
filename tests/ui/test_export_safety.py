"""File › Export report… refuses the open project's own file, and the URL fields refuse
credentials, with the same messages as the command line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from annotator.formats.exporters import EXPORT_FORMATS
from annotator.ui.dialogs.export_dialog import ExportDialog
from annotator.ui.main_window import MainWindow
from annotator.ui.widgets.editor_fields import url_error
from tests.ui.conftest import DialogRecorder


def _export_to(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, target: Path, name: str = "json"
) -> None:
    monkeypatch.setattr(ExportDialog, "exec", lambda _self: 1)
    monkeypatch.setattr(ExportDialog, "selected_format", lambda _self: EXPORT_FORMATS[name])
    # As if the user chose the file and confirmed "replace" in the file dialog.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    window.files.export_report()


def test_exporting_onto_the_open_project_is_refused(
    open_project: MainWindow, dialogs: DialogRecorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_project.session
    assert session is not None
    project = session.workspace.path
    before = project.read_bytes()
    _export_to(open_project, monkeypatch, project)
    assert dialogs.messages == [
        (
            "Annotator",
            f"Cannot export to {project}: that is the project file itself, and writing there "
            "would destroy the project w.factcheck; choose another file name.",
        )
    ]
    assert project.read_bytes()[:16] == before[:16] == b"SQLite format 3\x00"
    with sqlite3.connect(project) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    wal = project.with_name(project.name + "-wal")
    _export_to(open_project, monkeypatch, wal)
    assert "that is the project's -wal file" in dialogs.messages[-1][1]


def test_exporting_beside_the_project_still_works(
    open_project: MainWindow, dialogs: DialogRecorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_project.session
    assert session is not None
    target = session.workspace.path.with_suffix(".json")
    _export_to(open_project, monkeypatch, target)
    assert dialogs.messages == []
    assert b'"format": "annotator-report"' in target.read_bytes()


def test_url_fields_refuse_credentials_without_repeating_them() -> None:
    message = url_error("https://user:secret@example.com/private?token=abc", "source URL")
    assert message == (
        "The source URL 'https://example.com/private?token=abc' carries a user name or "
        "password (the part before '@'), which every report would publish; remove the "
        "credentials from the URL."
    )
    assert url_error("https://example.com/private?token=abc", "source URL") == ""


def test_a_claimreview_export_without_a_publisher_says_what_google_will_miss(
    sample_window: MainWindow,
    dialogs: DialogRecorder,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    session = sample_window.session
    assert session is not None
    document = session.workspace.documents.all()[0].id
    claim = session.workspace.claims.add_by_quote(document, "Islamabad")
    session.workspace.claims.set_verdict(claim.id, "true")
    target = tmp_path / "reviews.json"
    _export_to(sample_window, monkeypatch, target, "claimreview")
    assert target.exists()
    title, text = dialogs.messages[-1]
    assert title == "Exported, with gaps"
    assert text.startswith(f"The schema.org ClaimReview (JSON-LD) was saved to {target}, but:")
    assert "File › Project settings" in text
