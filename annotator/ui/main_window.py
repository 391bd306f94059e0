"""The main window: menus, toolbar, the start page or the workbench, and the project's
lifecycle (new, open, close, remember). It composes widgets; it does not contain them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolBar,
    QWidget,
)
from shiboken6 import isValid

from annotator.domain.model import Claim, DocumentInfo
from annotator.domain.wording import counted
from annotator.errors import AnnotatorError
from annotator.paths import is_project_file
from annotator.settings import Settings, save_settings
from annotator.ui.actions import ACTIONS, Menu, build_actions, enabled, in_menu, on_toolbar
from annotator.ui.claim_tally import ClaimTally
from annotator.ui.document_actions import DocumentActions
from annotator.ui.error_handler import show_error
from annotator.ui.project_actions import ProjectActions
from annotator.ui.recovery import RecoveryActions
from annotator.ui.runner import CommandRunner
from annotator.ui.start_page import StartPage
from annotator.ui.widgets.verdict_chip import color_swatch_icon
from annotator.ui.window_state import to_base64

if TYPE_CHECKING:
    from annotator.formats.report import Report
    from annotator.services import Workspace
    from annotator.ui.session import ProjectSession
    from annotator.ui.workbench import Workbench

# The database layers (SQLAlchemy, Alembic) and the workbench load when a project opens, not
# before the window first shows: they cost about half a second of start-up (DESIGN.md).


class MainWindow(QMainWindow):
    def __init__(
        self, settings: Settings, *, pdf_renderer: Callable[[Report], bytes] | None = None
    ) -> None:
        super().__init__()
        self.settings = settings
        self.pdf_renderer = pdf_renderer
        self.session: ProjectSession | None = None
        self.workbench: Workbench | None = None
        self._tally = ClaimTally({})
        self.runner = CommandRunner(self)
        self.undo_stack = self.runner.undo_stack
        self.documents = DocumentActions(self)
        self.files = ProjectActions(self)
        self.recovery = RecoveryActions(self)
        self.action_map = build_actions(self, self)
        self.setAcceptDrops(True)
        self.setMinimumSize(QSize(760, 480))
        self._init_central()
        self._init_menus()
        self._init_toolbar()
        self._connect_signals()
        self._restore_geometry()
        self._update_state()

    # Construction

    def _init_central(self) -> None:
        self.stack = QStackedWidget(self)
        self.start_page = StartPage(self)
        self.start_page.set_recent(self.settings.recent_projects)
        self.stack.addWidget(self.start_page)
        self.setCentralWidget(self.stack)
        self.status_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_label)

    def _init_menus(self) -> None:
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        # The platform's redo keys plus both common ones, each once: the same key given twice
        # makes Qt call the shortcut ambiguous, and then it does nothing.
        keys = [
            QKeySequence("Ctrl+Shift+Z"),
            QKeySequence("Ctrl+Y"),
            *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo),
        ]
        redo.setShortcuts(list({key.toString(): key for key in keys}.values()))
        self.undo_action, self.redo_action = undo, redo
        self.recent_menu = QMenu("Open &recent", self)
        self.verdict_menu = QMenu("Set &verdict", self)
        # What the declarations cannot say: the undo stack's actions, and the two submenus
        # whose items follow the settings and the project.
        before = {"find": [undo, redo, None]}
        after = {"open-sample": [self.recent_menu], "create-claim": [self.verdict_menu]}
        for menu in Menu:
            self._fill_menu(self.menuBar().addMenu(menu.value), menu, before, after)
        self._fill_recent_menu()

    def _fill_menu(
        self,
        qmenu: QMenu,
        menu: Menu,
        before: dict[str, list[QAction | None]],
        after: dict[str, list[QMenu]],
    ) -> None:
        section: int | None = None
        for place, spec in in_menu(menu):
            if section is not None and place != section:
                qmenu.addSeparator()
            section = place
            for extra in before.get(spec.id, []):
                qmenu.addAction(extra) if extra is not None else qmenu.addSeparator()
            qmenu.addAction(self.action_map[spec.id])
            for submenu in after.get(spec.id, []):
                qmenu.addMenu(submenu)

    def _init_toolbar(self) -> None:
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        placed = [(s, self.action_map[a.id]) for s, a in on_toolbar()]
        placed += [(2, self.undo_action), (2, self.redo_action)]
        section: int | None = None
        for place, action in sorted(placed, key=lambda item: item[0]):
            if section is not None and place != section:
                toolbar.addSeparator()
            section = place
            toolbar.addAction(action)
        self.addToolBar(toolbar)

    def _connect_signals(self) -> None:
        self.start_page.new_requested.connect(self.files.new_project)
        self.start_page.open_requested.connect(self.files.choose_and_open)
        self.start_page.sample_requested.connect(self.open_sample)
        self.start_page.recent_requested.connect(lambda path: self.open_path(Path(path)))
        self.undo_stack.cleanChanged.connect(self._on_undo_clean_changed)

    # What the action helpers and handlers ask of the window (WindowHost, ActionHost)

    def dialog_parent(self) -> QWidget:
        return self

    def quit(self) -> None:
        self.close()

    def show_status(self, text: str, timeout_ms: int) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def shown_document(self) -> DocumentInfo | None:
        document = self.workbench.current_document if self.workbench is not None else None
        return document.info if document is not None else None

    def show_document(self, document_id: str) -> None:
        if self.workbench is not None:
            self.workbench.show_document(document_id)

    def folder(self) -> str:
        return self.files.folder()

    # Project lifecycle

    def set_workspace(self, workspace: Workspace) -> bool:
        """Show a freshly opened project (closing the one shown before). A project whose
        content cannot be read is closed again, its lock released, and the reason shown."""
        from annotator.ui.session import ProjectSession
        from annotator.ui.workbench import Workbench

        self.close_project()
        document_id, claim_id = self.settings.place_of(workspace.path)
        workspace.claims.app_checker = self.settings.checker_name  # the window's settings rule
        session = ProjectSession(workspace, self)
        # No parent yet: a workbench that fails half-built must not linger in the window.
        workbench = self.runner.attempt(
            lambda: Workbench(session, self.runner, None, document_id=document_id)
        )
        if workbench is None:
            workspace.close()
            session.deleteLater()
            return False
        self.session, self.workbench = session, workbench
        self.workbench.status_message.connect(lambda text: self.show_status(text, 6000))
        self.workbench.document_shown.connect(lambda _info: self._update_enabled())
        self.workbench.claim_selected.connect(lambda _claim: self._update_enabled())
        self.workbench.checked.open_project_requested.connect(self._open_at_claim)
        self.files.library_changed.connect(self.workbench.checked.refresh)
        self.workbench.checker_named.connect(self._on_workbench_checker_named)
        self.workbench.article.set_zoom(self.settings.article_zoom)
        self.workbench.article.zoom_changed.connect(self._on_article_zoom_changed)
        self.session.project_changed.connect(lambda _info: self._update_state())
        # The counts follow each change; only a change to articles wholesale counts again.
        self._tally = ClaimTally(session.read.rated())
        self.session.claim_changed.connect(self._on_claim_changed)
        self.session.claim_removed.connect(self._on_claim_removed)
        self.session.documents_changed.connect(self._on_documents_changed)
        self.stack.addWidget(self.workbench)
        self.stack.setCurrentWidget(self.workbench)
        self._restore_splitters()
        self.settings.remember_project(workspace.path)
        save_settings(self.settings)
        self._fill_recent_menu()
        self._update_state()
        if claim_id:
            self.workbench.select_claim(claim_id)  # where the checker left off
        self.workbench.article.setFocus()
        return True

    def close_project(self) -> None:
        if self.session is None:
            return
        if self.workbench is not None:
            # Typing still in a field belongs to this project: store it while it is open.
            self.workbench.editor.commit_pending()
            self.settings.remember_place(self.session.path, *self.workbench.place())
        self._save_splitters()
        self.undo_stack.clear()
        if self.workbench is not None:
            self.stack.removeWidget(self.workbench)
            self.workbench.deleteLater()
        self.session.close()
        self.session.deleteLater()
        self.session = None
        self.workbench = None
        self.start_page.set_recent(self.settings.recent_projects)
        self.stack.setCurrentWidget(self.start_page)
        self._update_state()

    def open_path(self, path: Path) -> bool:
        """Open a project, or make a project from an article file."""
        if not path.exists():
            show_error(self, f"{path} does not exist; it may have been moved or deleted.")
            self.settings.forget_project(path)
            self._fill_recent_menu()
            self.start_page.set_recent(self.settings.recent_projects)
            return False
        if not is_project_file(path):
            return self.documents.open_article_as_project(path)
        if self.session is not None and self.session.path.resolve() == path.resolve():
            return True
        # Read-only when the file cannot be written; a damaged one offers restore or salvage.
        workspace = self.recovery.open_workspace(path)
        return workspace is not None and self.set_workspace(workspace)

    def _open_at_claim(self, path: str, claim_id: str) -> None:
        """Open an earlier project (from "Checked before") at one of its claims."""
        if self.open_path(Path(path)) and self.workbench is not None:
            try:
                document_id = self.workbench.read.claim(claim_id).document_id
            except AnnotatorError:
                return  # the claim was deleted since: the project is open, nothing selected
            self.workbench.show_document(document_id)
            self.workbench.panel.select_claim(claim_id)

    def open_sample(self) -> None:
        from annotator.services.launch import open_sample

        workspace = self.runner.attempt(open_sample)
        if workspace is not None:
            self.set_workspace(workspace)

    # State

    def _on_undo_clean_changed(self, _clean: bool) -> None:
        # The stack is also cleared while Qt tears the window down, after its menus are gone.
        if isValid(self.verdict_menu):
            self._update_state()

    def _on_article_zoom_changed(self, steps: int) -> None:
        self.settings.article_zoom = steps
        save_settings(self.settings)

    def _on_workbench_checker_named(self, name: str) -> None:
        """The checker's name, given once for the app: kept in the settings and used for
        signing from now on (a project's own checker still wins)."""
        self.settings.checker_name = name
        save_settings(self.settings)
        if self.session is not None:
            self.session.workspace.claims.app_checker = name

    def _update_enabled(self) -> None:
        """Each action is enabled when what it needs (its declaration says) is there."""
        project = self.session is not None
        document = self.shown_document() is not None
        claim = self.workbench is not None and self.workbench.selected_claim() is not None
        writable = self.session is None or not self.session.read_only
        for spec in ACTIONS:
            self.action_map[spec.id].setEnabled(
                enabled(spec, project=project, document=document, claim=claim, writable=writable)
            )
        self.verdict_menu.setEnabled(writable)

    def _update_state(self) -> None:
        self._update_enabled()
        if self.session is None:
            self.setWindowTitle("Annotator")
            self.verdict_menu.clear()
            self.status_label.setText("")
            return
        info = self.session.read.info()
        read_only = " (read-only)" if self.session.read_only else ""
        self.setWindowTitle(f"{info.title} — {self.session.path.name}{read_only} — Annotator")
        self.setWindowFilePath(str(self.session.path))
        self._fill_verdict_menu()
        self._update_status()

    def _update_status(self) -> None:
        if self.session is None:
            return
        tally = self._tally
        self.status_label.setText(
            f"{counted(tally.claims, 'claim')}, {tally.rated:,} rated · "
            f"saved in {self.session.path.name}"
        )

    def _on_claim_changed(self, claim: Claim) -> None:
        self._tally.changed(claim)
        self._update_status()

    def _on_claim_removed(self, claim_id: str, _document_id: str) -> None:
        self._tally.removed(claim_id)
        self._update_status()

    def _on_documents_changed(self) -> None:
        if self.session is not None:
            self._tally = ClaimTally(self.session.read.rated())
        self._update_status()

    def _fill_verdict_menu(self) -> None:
        assert self.session is not None
        self.verdict_menu.clear()
        for number, rating in enumerate(self.session.read.info().scale[:9], start=1):
            action = QAction(color_swatch_icon(rating.color), rating.label, self.verdict_menu)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, n=number: self._set_verdict_number(n))
            self.verdict_menu.addAction(action)
            self.addAction(action)

    def _set_verdict_number(self, number: int) -> None:
        if self.workbench is not None:
            self.workbench.set_verdict_number(number)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_projects:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(Path(p)))
        self.recent_menu.setEnabled(bool(self.settings.recent_projects))

    # Window state

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        else:
            self.resize(1280, 800)
        if self.settings.window_state:
            self.restoreState(QByteArray.fromBase64(self.settings.window_state.encode()))

    def _restore_splitters(self) -> None:
        if self.workbench is not None:
            self.workbench.restore_layout(
                self.settings.main_splitter, self.settings.panel_splitter, self.width()
            )

    def _save_splitters(self) -> None:
        if self.workbench is not None:
            self.settings.main_splitter, self.settings.panel_splitter = (
                self.workbench.layout_state()
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.window_geometry = to_base64(self.saveGeometry())
        self.settings.window_state = to_base64(self.saveState())
        self.close_project()  # stores pending typing and the splitters, releases the lock
        save_settings(self.settings)
        event.accept()

    # Drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        self.documents.drop_files(paths)
