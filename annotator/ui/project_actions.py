"""File-level actions of the window: new project, open, save a copy (the file dialogs), and
where they start."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from annotator.errors import AnnotatorError
from annotator.formats.article_types import ARTICLE_SUFFIXES
from annotator.paths import PROJECT_SUFFIX
from annotator.ui.error_handler import show_error

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

PROJECT_FILTER = f"Annotator projects (*{PROJECT_SUFFIX})"


class ProjectActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def choose_and_open(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in (PROJECT_SUFFIX, *ARTICLE_SUFFIXES))
        filters = ";;".join(
            (f"Projects and articles ({patterns})", PROJECT_FILTER, "All files (*)")
        )
        path, _ = QFileDialog.getOpenFileName(self.window, "Open", self.folder(), filters)
        if path:
            self.window.open_path(Path(path))

    def new_project(self) -> None:
        from annotator.services import Workspace
        from annotator.services.workspace import remove_project_file

        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            "New project",
            str(Path(self.folder()) / f"Untitled{PROJECT_SUFFIX}"),
            PROJECT_FILTER,
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != PROJECT_SUFFIX:
            path = path.with_name(path.name + PROJECT_SUFFIX)
        session = self.window.session
        if session is not None and session.path.resolve() == path.resolve():
            show_error(self.window, f"{path} is the project open now; choose another name.")
            return
        try:
            # The file dialog already asked whether to replace an existing file.
            remove_project_file(path)
            workspace = Workspace.create(path, path.stem)
        except AnnotatorError as exc:
            show_error(self.window, str(exc))
            return
        self.window.set_workspace(workspace)

    def save_copy(self) -> None:
        session = self.window.session
        if session is None:
            return
        suggestion = session.path.with_name(f"{session.path.stem} copy{PROJECT_SUFFIX}")
        target, _ = QFileDialog.getSaveFileName(
            self.window, "Save a copy", str(suggestion), PROJECT_FILTER
        )
        if not target:
            return
        try:
            session.workspace.save_as(Path(target))
        except AnnotatorError as exc:
            show_error(self.window, str(exc))
            return
        self.window.statusBar().showMessage(f"Saved a copy as {target}", 6000)

    def folder(self) -> str:
        """Where file dialogs start: the open project's folder, else the last one's."""
        if self.window.session is not None:
            return str(self.window.session.path.parent)
        last = self.window.settings.last_project
        return str(Path(last).parent) if last else str(Path.home())
