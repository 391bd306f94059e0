"""Article-level actions of the window (the Document menu): importing articles (threaded,
cancellable), pasting, dropping files, opening an article as a project, new versions and earlier
revisions, removing an article, and importing annotations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.domain.changes import Changes, Done, documents_edited
from annotator.domain.wording import counted
from annotator.formats import importers
from annotator.formats.article_types import ARTICLE_SUFFIXES
from annotator.formats.importers import ImportedDocument
from annotator.paths import is_project_file
from annotator.ui.plain import safe
from annotator.ui.runner import Attempt
from annotator.ui.tasks import Cancelled, Progress, TaskCancelled, busy, run_task

if TYPE_CHECKING:
    from annotator.services.documents import DocumentAdded
    from annotator.services.revisions import RevisionUpdate
    from annotator.ui.host import WindowHost

# The services and the dialogs that need them load with a project (DESIGN.md, "Start-up"):
# the few methods that use them import them; the importers' module loads no format library.


class DocumentActions(QObject):
    def __init__(self, host: WindowHost) -> None:
        super().__init__(host.dialog_parent())
        self.host = host

    # Importing

    def article_filter(self) -> str:
        patterns = " ".join(f"*{suffix}" for suffix in ARTICLE_SUFFIXES)
        return f"Articles ({patterns});;All files (*)"

    def read_article(self, path: Path) -> ImportedDocument | None:
        """Parse an article file in a worker thread with a cancellable progress dialog."""

        def work(progress: Progress, cancelled: Cancelled) -> ImportedDocument:
            return importers.import_file(path, progress=progress, cancelled=cancelled)

        try:
            with Attempt(self.host.dialog_parent()):
                return run_task(self.host.dialog_parent(), f"Importing {path.name}…", work)
        except TaskCancelled:
            self.host.show_status("Import cancelled.", 5000)
        return None

    def import_article(self) -> None:
        if self.host.session is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self.host.dialog_parent(),
            "Import article",
            self.host.folder(),
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
        if self.host.session is None:
            return
        mime = QGuiApplication.clipboard().mimeData()
        html = mime.html() if mime.hasHtml() else ""
        imported = self.host.runner.attempt(lambda: self._from_clipboard(html, mime.text()))
        if imported is not None:
            self._add(imported)

    def _from_clipboard(self, html: str, text: str) -> ImportedDocument:
        if html.strip():
            return importers.import_pasted_html(html)
        return importers.import_pasted_text(text)

    def _add(self, imported: ImportedDocument, title: str = "") -> None:
        session = self.host.session
        if session is None:
            return
        # The service keeps the same text from going in twice (it would split its claims
        # between two identical articles): it returns the article that has it.
        added = self.host.runner.attempt(
            lambda: session.apply(
                lambda w: document_added(w.documents.add_once(imported, title=title))
            )
        )
        if added is None:
            return
        self.host.show_document(added.document.id)
        if added.new:
            self.host.show_status(f"Imported “{added.document.title}”.", 6000)
        else:
            self.host.show_status(
                f"“{added.document.title}” is already in this project, with the same text; "
                "showing it. (A changed version goes in with Document › Update from file…)",
                10000,
            )

    def open_article_as_project(self, path: Path) -> bool:
        from annotator.services.documents import title_from_filename
        from annotator.services.launch import open_for_article, project_path_for_article

        imported = self.read_article(path)
        if imported is None:
            return False
        session = self.host.session
        if session is not None and _same_file(project_path_for_article(path), session.path):
            # Its project is the one open here: show the article (adding it if it is new)
            # instead of opening the project a second time, which the writer lock refuses.
            self._add(imported, imported.title or title_from_filename(path))
            return True
        workspace = self.host.runner.attempt(lambda: open_for_article(path, imported))
        if workspace is None:
            return False
        self.host.set_workspace(workspace)
        return True

    def drop_files(self, paths: list[Path]) -> None:
        for path in paths:
            if self.host.session is None or is_project_file(path):
                self.host.open_path(path)
            else:
                self.add_article(path)

    def update_from_file(self) -> None:
        session, info = self.host.session, self.host.shown_document()
        if session is None or info is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self.host.dialog_parent(),
            f"New version of “{info.title}”",
            self.host.folder(),
            self.article_filter(),
        )
        if path:
            self.apply_new_version(Path(path))

    def apply_new_version(self, path: Path) -> RevisionUpdate | None:
        """Store ``path`` as the shown article's new revision, after a dry run: an update
        cannot be undone, so one that looks like the wrong file (most claims lost, or little
        of the text kept: ``RevisionPreview.doubt``) asks first, with Cancel as the default."""
        session, info = self.host.session, self.host.shown_document()
        if session is None or info is None:
            return None
        imported = self.read_article(path)
        if imported is None:
            return None
        from annotator.ui.dialogs.revision_dialog import RevisionChangesDialog

        with busy():
            preview = self.host.runner.attempt(
                lambda: session.read.preview_revision(info.id, imported)
            )
        if preview is None:
            return None
        parent = self.host.dialog_parent()
        if preview.doubt is not None:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "Update from file",
                safe(
                    f"{preview.doubt} Is it the right file?\n\n"
                    "An update cannot be undone (earlier revisions stay viewable)."
                ),
                QMessageBox.StandardButton.NoButton,
                parent,
            )
            proceed = box.addButton("Update anyway", QMessageBox.ButtonRole.AcceptRole)
            cancel = box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(cancel)
            box.setEscapeButton(cancel)
            box.exec()
            if box.clickedButton() is not proceed:
                return None
        with busy():
            update = self.host.runner.attempt(
                lambda: session.apply(
                    lambda w: documents_edited(w.revisions.update(info.id, imported))
                )
            )
        if update is None:
            return None
        # Earlier edits referred to the old text's offsets; they cannot be undone across it.
        self.host.runner.forget_history()
        RevisionChangesDialog(update, parent).exec()
        return update

    def view_revisions(self) -> None:
        session, info = self.host.session, self.host.shown_document()
        if session is None or info is None:
            return
        from annotator.ui.dialogs.revision_dialog import RevisionViewerDialog

        read = session.read
        RevisionViewerDialog(
            info,
            read.revisions(info.id),
            lambda number: read.revision_text(info.id, number),
            read.info(),
            self.host.dialog_parent(),
        ).exec()

    def delete_document(self) -> None:
        session, info = self.host.session, self.host.shown_document()
        if session is None or info is None:
            return
        claims = len(session.read.claims(info.id))
        answer = QMessageBox.question(
            self.host.dialog_parent(),
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
        deleted = self.host.runner.attempt(
            lambda: session.apply(lambda w: documents_edited(w.documents.delete(info.id)))
        )
        if deleted is not None:
            self.host.runner.forget_history()

    def import_annotations(self) -> None:
        session = self.host.session
        if session is None:
            return
        from annotator.services.interchange import import_annotations

        parent = self.host.dialog_parent()
        path, _ = QFileDialog.getOpenFileName(
            parent,
            "Import annotations",
            self.host.folder(),
            "W3C Web Annotations (*.json *.jsonld);;All files (*)",
        )
        if not path:
            return
        summary = self.host.runner.attempt(
            lambda: session.apply(lambda w: documents_edited(import_annotations(w, Path(path))))
        )
        if summary is None:
            return
        self.host.runner.forget_history()
        lines = "\n".join(f"• {reason}" for reason in summary.flagged[:20])
        more = len(summary.flagged) - 20
        QMessageBox.information(
            parent,
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


def document_added(added: DocumentAdded) -> Done[DocumentAdded]:
    """The list of articles changed only if the article is new."""
    return Done(added, Changes(documents=added.new))
