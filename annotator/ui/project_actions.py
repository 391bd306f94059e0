"""Project-level actions of the window: new project, open, save a copy, export a report, and the
project settings; and where their file dialogs start."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog

from annotator.domain.wording import counted
from annotator.formats.article_types import ARTICLE_SUFFIXES
from annotator.paths import PROJECT_SUFFIX, data_dir, library_path
from annotator.ui.error_handler import show_error
from annotator.ui.runner import Attempt
from annotator.ui.tasks import Cancelled, Progress, TaskCancelled, run_task

if TYPE_CHECKING:
    from annotator.ui.host import WindowHost

PROJECT_FILTER = f"Annotator projects (*{PROJECT_SUFFIX})"


class ProjectActions(QObject):
    library_changed = Signal()  # a fact-check feed was imported into the claim library

    def __init__(self, host: WindowHost) -> None:
        super().__init__(host.dialog_parent())
        self.host = host

    def choose_and_open(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in (PROJECT_SUFFIX, *ARTICLE_SUFFIXES))
        filters = ";;".join(
            (f"Projects and articles ({patterns})", PROJECT_FILTER, "All files (*)")
        )
        path, _ = QFileDialog.getOpenFileName(
            self.host.dialog_parent(), "Open", self.folder(), filters
        )
        if path:
            self.host.open_path(Path(path))

    def new_project(self) -> None:
        from annotator.services import Workspace
        from annotator.services.workspace import remove_project_file

        parent = self.host.dialog_parent()
        chosen, _ = QFileDialog.getSaveFileName(
            parent,
            "New project",
            str(Path(self.folder()) / f"Untitled{PROJECT_SUFFIX}"),
            PROJECT_FILTER,
        )
        if not chosen:
            return
        path = with_project_suffix(Path(chosen))
        session = self.host.session
        if session is not None and session.path.resolve() == path.resolve():
            show_error(parent, f"{path} is the project open now; choose another name.")
            return
        with Attempt(parent) as attempt:
            # The file dialog already asked whether to replace an existing file.
            remove_project_file(path)
            workspace = Workspace.create(path, path.stem)
        if not attempt.failed:
            self.host.set_workspace(workspace)

    def save_copy(self) -> None:
        session = self.host.session
        if session is None:
            return
        suggestion = session.path.with_name(f"{session.path.stem} copy{PROJECT_SUFFIX}")
        parent = self.host.dialog_parent()
        target, _ = QFileDialog.getSaveFileName(
            parent, "Save a copy", str(suggestion), PROJECT_FILTER
        )
        if not target:
            return
        path = with_project_suffix(Path(target))
        with Attempt(parent) as attempt:
            session.save_copy(path)
        if not attempt.failed:
            self.host.show_status(f"Saved a copy as {path}", 6000)

    def folder(self) -> str:
        """Where file dialogs start: the open project's folder, else the last project's, else
        the user's documents folder; never the app's own hidden data folder (where the sample
        project lives), which no one would look in for their files."""
        hidden = data_dir().resolve()
        candidates = [self.host.session.path] if self.host.session is not None else []
        candidates += [Path(p) for p in self.host.settings.recent_projects]
        for project in candidates:
            folder = project.parent
            if folder.resolve() != hidden and folder.is_dir():
                return str(folder)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return documents if documents and Path(documents).is_dir() else str(Path.home())

    # Exporting

    def export_report(self) -> None:
        if self.host.session is None:
            return
        # The exporters and the report model (pydantic) load with the first export.
        from annotator.ui.exporting import export_report

        export_report(self.host, self.host.session)

    # The claim library

    def import_feed(self) -> None:
        """File › Import fact-check feed…: ClaimReview JSON-LD into the library of claims
        checked before (read and stored in a worker thread, on its own connection)."""
        parent = self.host.dialog_parent()
        chosen, _ = QFileDialog.getOpenFileNames(
            parent,
            "Import fact-check feed",
            self.folder(),
            "ClaimReview feeds (*.json *.jsonld *.jsonl);;All files (*)",
        )
        if not chosen:
            return
        paths = [Path(p) for p in chosen]

        def work(_progress: Progress, _cancelled: Cancelled) -> int:
            from annotator.services.library import ClaimLibrary

            with ClaimLibrary.open(library_path()) as library:
                return sum(s.added + s.updated for s in library.import_feeds(paths))

        try:
            with Attempt(parent) as attempt:
                count = run_task(parent, "Importing the fact-check feed…", work)
        except TaskCancelled:
            self.host.show_status("Import cancelled.", 5000)
            return
        if not attempt.failed:
            self.host.show_status(f"{counted(count, 'review')} in the claim library.", 6000)
            self.library_changed.emit()

    # Settings

    def edit_project_settings(self) -> None:
        session = self.host.session
        if session is None:
            return
        from annotator.ui.commands import ProjectSettingsCommand
        from annotator.ui.dialogs.project_settings import ProjectSettingsDialog

        info = session.read.info()
        used = {c.rating_key for c in session.read.claims() if c.rating_key}
        edited = ProjectSettingsDialog.get(self.host.dialog_parent(), info, used)
        if edited is not None and edited != info:
            self.host.runner.run(ProjectSettingsCommand(session, info, edited))


def with_project_suffix(path: Path) -> Path:
    """``path`` ending in .factcheck, so that the file opens with Annotator and shows in its
    Open dialog (a name typed without it gets it)."""
    return (
        path
        if path.suffix.lower() == PROJECT_SUFFIX
        else path.with_name(path.name + PROJECT_SUFFIX)
    )
