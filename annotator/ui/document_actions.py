"""Article-level actions of the window (the Document menu): importing articles (threaded,
cancellable), pasting, dropping files, opening an article as a project, new versions and earlier
revisions, removing an article, and importing annotations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from annotator.domain.model import DocumentInfo
from annotator.domain.wording import counted
from annotator.errors import AnnotatorError
from annotator.formats.article_types import ARTICLE_SUFFIXES
from annotator.paths import is_project_file
from annotator.ui.error_handler import show_error
from annotator.ui.plain import safe
from annotator.ui.tasks import Cancelled, Progress, TaskCancelled, busy, run_task

if TYPE_CHECKING:
    from annotator.formats.importers import ImportedDocument
    from annotator.services.revisions import RevisionUpdate
    from annotator.ui.main_window import MainWindow

# Importers, exporters and services are imported where they are used: this module loads with
# the window, before any project is open, and they are not needed to show it.


class DocumentActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._menu: QMenu | None = None

    def fill_menu(self, menu: QMenu) -> None:
        from annotator.ui.actions import ActionId

        self._menu = menu
        menu.addAction(self.window.action_map[ActionId.IMPORT_ARTICLE])
        menu.addAction(self.window.action_map[ActionId.PASTE_ARTICLE])
        menu.addAction(self.window.action_map[ActionId.IMPORT_ANNOTATIONS])
        menu.addSeparator()
        self.update_action = menu.addAction("&Update from file…")
        self.update_action.setStatusTip(
            "Store a newer version of this article and re-anchor its claims"
        )
        self.update_action.triggered.connect(self.update_from_file)
        self.revisions_action = menu.addAction("View &revisions…")
        self.revisions_action.triggered.connect(self.view_revisions)
        menu.addSeparator()
        self.delete_action = menu.addAction("&Remove this article from the project…")
        self.delete_action.triggered.connect(self.delete_document)

    def set_enabled(self, enabled: bool) -> None:
        if self._menu is not None:
            has_document = enabled and self._shown() is not None
            for action in (self.delete_action, self.update_action, self.revisions_action):
                action.setEnabled(has_document)

    def _shown(self) -> DocumentInfo | None:
        """The article on screen: the one the Document menu acts on."""
        workbench = self.window.workbench
        document = workbench.current_document if workbench is not None else None
        return document.info if document is not None else None

    # Importing

    def article_filter(self) -> str:
        patterns = " ".join(f"*{suffix}" for suffix in ARTICLE_SUFFIXES)
        return f"Articles ({patterns});;All files (*)"

    def read_article(self, path: Path) -> ImportedDocument | None:
        """Parse an article file in a worker thread with a cancellable progress dialog."""
        from annotator.formats.importers import import_file

        def work(progress: Progress, cancelled: Cancelled) -> ImportedDocument:
            return import_file(path, progress=progress, cancelled=cancelled)

        try:
            return run_task(self.window, f"Importing {path.name}…", work)
        except TaskCancelled:
            self.window.statusBar().showMessage("Import cancelled.", 5000)
            return None
        except AnnotatorError as exc:
            show_error(self.window, str(exc))
            return None

    def import_article(self) -> None:
        if self.window.session is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            "Import article",
            self.window.files.folder(),
            self.article_filter(),
        )
        if path:
            self.add_article(Path(path))

    def add_article(self, path: Path) -> None:
        from annotator.services.documents import title_from_filename

        imported = self.read_article(path)
        if imported is not None:
            self._add(imported, imported.title or title_from_filename(path))

    def paste_article(self) -> None:
        if self.window.session is None:
            return
        mime = QGuiApplication.clipboard().mimeData()
        try:
            imported = self._from_clipboard(mime.html() if mime.hasHtml() else "", mime.text())
        except AnnotatorError as exc:
            show_error(self.window, str(exc))
            return
        self._add(imported)

    def _from_clipboard(self, html: str, text: str) -> ImportedDocument:
        from annotator.formats.importers import import_pasted_html, import_pasted_text

        return import_pasted_html(html) if html.strip() else import_pasted_text(text)

    def _add(self, imported: ImportedDocument, title: str = "") -> None:
        from annotator.services.documents import text_sha256

        session = self.window.session
        if session is None:
            return
        known = session.workspace.documents.find_by_sha256(text_sha256(imported.text))
        if known is not None:
            # The same text twice would split its claims between two identical articles.
            if self.window.workbench is not None:
                self.window.workbench.show_document(known.id)
            self.window.statusBar().showMessage(
                f"“{known.title}” is already in this project, with the same text; "
                "showing it. (A changed version goes in with Document › Update from file…)",
                10000,
            )
            return
        try:
            info = session.add_document(imported, title=title)
        except AnnotatorError as exc:
            show_error(self.window, str(exc))
            return
        if self.window.workbench is not None:
            self.window.workbench.show_document(info.id)
        self.window.statusBar().showMessage(f"Imported “{info.title}”.", 6000)

    def open_article_as_project(self, path: Path) -> bool:
        from annotator.services.documents import title_from_filename
        from annotator.services.launch import open_for_article, project_path_for_article

        imported = self.read_article(path)
        if imported is None:
            return False
        session = self.window.session
        if session is not None and _same_file(project_path_for_article(path), session.path):
            # Its project is the one open here: show the article (adding it if it is new)
            # instead of opening the project a second time, which the writer lock refuses.
            self._add(imported, imported.title or title_from_filename(path))
            return True
        try:
            workspace = open_for_article(path, imported)
        except AnnotatorError as exc:
            show_error(self.window, str(exc))
            return False
        self.window.set_workspace(workspace)
        return True

    def drop_files(self, paths: list[Path]) -> None:
        for path in paths:
            if self.window.session is None or is_project_file(path):
                self.window.open_path(path)
            else:
                self.add_article(path)

    def update_from_file(self) -> None:
        session, info = self.window.session, self._shown()
        if session is None or info is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            f"New version of “{info.title}”",
            self.window.files.folder(),
            self.article_filter(),
        )
        if path:
            self.apply_new_version(Path(path))

    def apply_new_version(self, path: Path) -> RevisionUpdate | None:
        """Store ``path`` as the shown article's new revision, after a dry run: an update
        cannot be undone, so one that looks like the wrong file (most claims lost, or little
        of the text kept: ``RevisionPreview.doubt``) asks first, with Cancel as the default."""
        session, info = self.window.session, self._shown()
        if session is None or info is None:
            return None
        imported = self.read_article(path)
        if imported is None:
            return None
        from annotator.ui.dialogs.revision_dialog import RevisionChangesDialog

        try:
            with busy():
                preview = session.workspace.revisions.preview(info.id, imported)
        except AnnotatorError as exc:
            show_error(self.window, str(exc))
            return None
        if preview.doubt is not None:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "Update from file",
                safe(
                    f"{preview.doubt} Is it the right file?\n\n"
                    "An update cannot be undone (earlier revisions stay viewable)."
                ),
                QMessageBox.StandardButton.NoButton,
                self.window,
            )
            proceed = box.addButton("Update anyway", QMessageBox.ButtonRole.AcceptRole)
            cancel = box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(cancel)
            box.setEscapeButton(cancel)
            box.exec()
            if box.clickedButton() is not proceed:
                return None
        try:
            with busy():
                update = session.update_document(info.id, imported)
        except AnnotatorError as exc:
            show_error(self.window, str(exc))
            return None
        # Earlier edits referred to the old text's offsets; they cannot be undone across it.
        self.window.undo_stack.clear()
        RevisionChangesDialog(update, self.window).exec()
        return update

    def view_revisions(self) -> None:
        session, info = self.window.session, self._shown()
        if session is None or info is None:
            return
        from annotator.ui.dialogs.revision_dialog import RevisionViewerDialog

        revisions = session.workspace.revisions
        RevisionViewerDialog(
            info,
            revisions.revisions(info.id),
            lambda number: revisions.revision_text(info.id, number),
            session.project_info(),
            self.window,
        ).exec()

    def delete_document(self) -> None:
        session, info = self.window.session, self._shown()
        if session is None or info is None:
            return
        claims = len(session.workspace.claims.all(info.id))
        answer = QMessageBox.question(
            self.window,
            "Remove article",
            safe(
                f"Remove “{info.title}” and its {counted(claims, 'claim')} from the project?\n\n"
                "This cannot be undone; the sources stay in the project."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            session.delete_document(info.id)
        except AnnotatorError as exc:
            show_error(self.window, str(exc))
            return
        self.window.undo_stack.clear()

    def import_annotations(self) -> None:
        session = self.window.session
        if session is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            "Import annotations",
            self.window.files.folder(),
            "W3C Web Annotations (*.json *.jsonld);;All files (*)",
        )
        if not path:
            return
        try:
            summary = session.import_annotations(Path(path))
        except AnnotatorError as exc:
            show_error(self.window, str(exc))
            return
        self.window.undo_stack.clear()
        lines = "\n".join(f"• {reason}" for reason in summary.flagged[:20])
        more = len(summary.flagged) - 20
        QMessageBox.information(
            self.window,
            "Annotations imported",
            safe(
                f"{counted(summary.placed, 'claim')} placed; "
                f"{counted(summary.skipped, 'annotation')} could not be placed."
                + (f"\n\nTo review:\n{lines}" if lines else "")
                + (f"\n… and {more} more" if more > 0 else "")
            ),
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and a.samefile(b)
    except OSError:
        return False
