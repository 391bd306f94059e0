"""What the window's action helpers (``ProjectActions``, ``DocumentActions``) may ask of the
window: a narrow interface, so they do not reach into ``MainWindow`` (nor import it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from annotator.domain.model import DocumentInfo
from annotator.settings import Settings
from annotator.ui.runner import CommandRunner

if TYPE_CHECKING:
    from annotator.formats.report import Report
    from annotator.services import Workspace
    from annotator.ui.session import ProjectSession


class WindowHost(Protocol):
    settings: Settings
    runner: CommandRunner  # runs undoable edits; shows refused ones (``attempt``)
    pdf_renderer: Callable[[Report], bytes] | None
    session: ProjectSession | None  # the open project, if any

    def dialog_parent(self) -> QWidget: ...

    def show_status(self, text: str, timeout_ms: int) -> None: ...

    def shown_document(self) -> DocumentInfo | None:
        """The article on screen: the one the Document menu acts on."""
        ...

    def show_document(self, document_id: str) -> None: ...

    def open_path(self, path: Path) -> bool: ...

    def set_workspace(self, workspace: Workspace) -> bool: ...

    def folder(self) -> str:
        """Where file dialogs start."""
        ...
