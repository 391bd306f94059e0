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
    QUndoStack,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QToolBar,
)
from shiboken6 import isValid

from annotator.domain.model import DocumentInfo
from annotator.domain.wording import counted
from annotator.errors import AnnotatorError
from annotator.paths import is_project_file
from annotator.settings import Settings, save_settings
from annotator.ui.actions import ActionId, build_actions
from annotator.ui.dialogs.help import show_about, show_shortcuts
from annotator.ui.document_actions import DocumentActions
from annotator.ui.error_handler import show_error
from annotator.ui.project_actions import ProjectActions
from annotator.ui.start_page import StartPage
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
        self.undo_stack = QUndoStack(self)
        self.action_map = build_actions(self)
        self.documents = DocumentActions(self)
        self.files = ProjectActions(self)
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
        a = self.action_map
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
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        for action_id in (ActionId.NEW_PROJECT, ActionId.OPEN_PROJECT, ActionId.OPEN_SAMPLE):
            file_menu.addAction(a[action_id])
        self.recent_menu = file_menu.addMenu("Open &recent")
        file_menu.addSeparator()
        for action_id in (ActionId.SAVE_AS, ActionId.EXPORT):
            file_menu.addAction(a[action_id])
        file_menu.addSeparator()
        file_menu.addAction(a[ActionId.PROJECT_SETTINGS])
        file_menu.addSeparator()
        file_menu.addAction(a[ActionId.QUIT])
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        edit_menu.addAction(a[ActionId.FIND])
        claim_menu = menu.addMenu("&Claim")
        claim_menu.addAction(a[ActionId.CREATE_CLAIM])
        self.verdict_menu = claim_menu.addMenu("Set &verdict")
        claim_menu.addAction(a[ActionId.CLEAR_VERDICT])
        claim_menu.addSeparator()
        claim_menu.addAction(a[ActionId.NEXT_CLAIM])
        claim_menu.addAction(a[ActionId.PREVIOUS_CLAIM])
        claim_menu.addSeparator()
        claim_menu.addAction(a[ActionId.MOVE_CLAIM])
        claim_menu.addAction(a[ActionId.DELETE_CLAIM])
        document_menu = menu.addMenu("&Document")
        self.documents.fill_menu(document_menu)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(a[ActionId.SHORTCUTS])
        help_menu.addAction(a[ActionId.ABOUT])
        self._fill_recent_menu()

    def _init_toolbar(self) -> None:
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        a = self.action_map
        toolbar.addAction(a[ActionId.OPEN_PROJECT])
        toolbar.addAction(a[ActionId.IMPORT_ARTICLE])
        toolbar.addSeparator()
        toolbar.addAction(a[ActionId.CREATE_CLAIM])
        toolbar.addAction(a[ActionId.FIND])
        toolbar.addSeparator()
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        toolbar.addSeparator()
        toolbar.addAction(a[ActionId.EXPORT])
        self.addToolBar(toolbar)

    def _connect_signals(self) -> None:
        a = self.action_map
        a[ActionId.NEW_PROJECT].triggered.connect(self.files.new_project)
        a[ActionId.OPEN_PROJECT].triggered.connect(self.files.choose_and_open)
        a[ActionId.OPEN_SAMPLE].triggered.connect(self.open_sample)
        a[ActionId.SAVE_AS].triggered.connect(self.files.save_copy)
        a[ActionId.EXPORT].triggered.connect(self.files.export_report)
        a[ActionId.PROJECT_SETTINGS].triggered.connect(self.files.edit_project_settings)
        a[ActionId.QUIT].triggered.connect(self.close)
        a[ActionId.FIND].triggered.connect(lambda: self._with_workbench(lambda w: w.open_find()))
        a[ActionId.CREATE_CLAIM].triggered.connect(
            lambda: self._with_workbench(lambda w: w.create_claim_from_selection())
        )
        a[ActionId.MOVE_CLAIM].triggered.connect(
            lambda: self._with_workbench(lambda w: w.move_claim_to_selection())
        )
        a[ActionId.DELETE_CLAIM].triggered.connect(
            lambda: self._with_workbench(lambda w: w.delete_claim())
        )
        a[ActionId.NEXT_CLAIM].triggered.connect(
            lambda: self._with_workbench(lambda w: w.select_relative(1))
        )
        a[ActionId.PREVIOUS_CLAIM].triggered.connect(
            lambda: self._with_workbench(lambda w: w.select_relative(-1))
        )
        a[ActionId.CLEAR_VERDICT].triggered.connect(
            lambda: self._with_workbench(lambda w: w.set_verdict(None))
        )
        a[ActionId.IMPORT_ARTICLE].triggered.connect(self.documents.import_article)
        a[ActionId.PASTE_ARTICLE].triggered.connect(self.documents.paste_article)
        a[ActionId.IMPORT_ANNOTATIONS].triggered.connect(self.documents.import_annotations)
        a[ActionId.SHORTCUTS].triggered.connect(lambda: show_shortcuts(self))
        a[ActionId.ABOUT].triggered.connect(lambda: show_about(self))
        self.start_page.new_requested.connect(self.files.new_project)
        self.start_page.open_requested.connect(self.files.choose_and_open)
        self.start_page.sample_requested.connect(self.open_sample)
        self.start_page.recent_requested.connect(lambda path: self.open_path(Path(path)))
        self.undo_stack.cleanChanged.connect(self._on_undo_clean_changed)

    def _with_workbench(self, call: Callable[[Workbench], object]) -> None:
        if self.workbench is not None:
            call(self.workbench)

    # Project lifecycle

    def set_workspace(self, workspace: Workspace) -> bool:
        """Show a freshly opened project (closing the one shown before). A project whose
        content cannot be read is closed again, its lock released, and the reason shown."""
        from annotator.ui.session import ProjectSession
        from annotator.ui.workbench import Workbench

        self.close_project()
        document_id, claim_id = self.settings.place_of(workspace.path)
        session = ProjectSession(workspace, self)
        try:
            # No parent yet: a workbench that fails half-built must not linger in the window.
            workbench = Workbench(session, self.undo_stack, None, document_id=document_id)
        except AnnotatorError as exc:
            workspace.close()
            session.deleteLater()
            show_error(self, str(exc))
            return False
        self.session, self.workbench = session, workbench
        self.workbench.status_message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.workbench.document_shown.connect(self._on_workbench_document_shown)
        self.session.project_changed.connect(lambda _info: self._update_state())
        self.session.claim_changed.connect(lambda _claim: self._update_status())
        self.session.claim_removed.connect(lambda _a, _b: self._update_status())
        self.session.documents_changed.connect(self._update_status)
        self.stack.addWidget(self.workbench)
        self.stack.setCurrentWidget(self.workbench)
        self._restore_splitters()
        self.settings.remember_project(workspace.path)
        save_settings(self.settings)
        self._fill_recent_menu()
        self._update_state()
        if claim_id:
            self.workbench.panel.select_claim(claim_id)  # where the checker left off
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
        from annotator.services import Workspace

        try:
            workspace = Workspace.open(path)
        except AnnotatorError as exc:
            show_error(self, str(exc))
            return False
        return self.set_workspace(workspace)

    def open_sample(self) -> None:
        from annotator.services.launch import open_sample

        try:
            workspace = open_sample()
        except AnnotatorError as exc:
            show_error(self, str(exc))
            return
        self.set_workspace(workspace)

    # State

    def _on_undo_clean_changed(self, _clean: bool) -> None:
        # The stack is also cleared while Qt tears the window down, after its menus are gone.
        if isValid(self.documents.update_action):
            self._update_state()

    def _update_state(self) -> None:
        has_project = self.session is not None
        for action_id in (
            ActionId.SAVE_AS,
            ActionId.EXPORT,
            ActionId.PROJECT_SETTINGS,
            ActionId.FIND,
            ActionId.CREATE_CLAIM,
            ActionId.DELETE_CLAIM,
            ActionId.MOVE_CLAIM,
            ActionId.NEXT_CLAIM,
            ActionId.PREVIOUS_CLAIM,
            ActionId.CLEAR_VERDICT,
            ActionId.IMPORT_ARTICLE,
            ActionId.PASTE_ARTICLE,
            ActionId.IMPORT_ANNOTATIONS,
        ):
            self.action_map[action_id].setEnabled(has_project)
        self.documents.set_enabled(has_project)
        if self.session is None:
            self.setWindowTitle("Annotator")
            self.verdict_menu.clear()
            self.status_label.setText("")
            return
        info = self.session.project_info()
        self.setWindowTitle(f"{info.title} — {self.session.path.name} — Annotator")
        self.setWindowFilePath(str(self.session.path))
        self._fill_verdict_menu()
        self._update_status()

    def _update_status(self) -> None:
        if self.session is None:
            return
        stats = self.session.workspace.project.statistics()
        rated = stats.claims - stats.unrated
        self.status_label.setText(
            f"{counted(stats.claims, 'claim')}, {rated:,} rated · saved in {self.session.path.name}"
        )

    def _fill_verdict_menu(self) -> None:
        assert self.session is not None
        self.verdict_menu.clear()
        from annotator.ui.widgets.verdict_chip import color_swatch_icon

        for number, rating in enumerate(self.session.project_info().scale[:9], start=1):
            action = QAction(color_swatch_icon(rating.color), rating.label, self.verdict_menu)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(
                lambda _=False, n=number: self._with_workbench(lambda w: w.set_verdict_number(n))
            )
            self.verdict_menu.addAction(action)
            self.addAction(action)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_projects:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(Path(p)))
        self.recent_menu.setEnabled(bool(self.settings.recent_projects))

    def _on_workbench_document_shown(self, _info: DocumentInfo | None) -> None:
        self.documents.set_enabled(self.session is not None)

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
