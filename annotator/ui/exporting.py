"""File › Export report…: build the report, preview it, choose a file, render it in a worker
thread and write it; the exporters and the report model (pydantic) load with this module, on
the first export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.formats.exporters import EXPORT_FORMATS, ExportFormat, export_warnings
from annotator.formats.exporters.html_print import render_print_html
from annotator.formats.report import Report
from annotator.services.exports import check_export_target, render_report
from annotator.settings import save_settings
from annotator.ui.dialogs.export_dialog import ExportDialog
from annotator.ui.host import WindowHost
from annotator.ui.plain import safe
from annotator.ui.runner import Attempt
from annotator.ui.session import ProjectSession
from annotator.ui.tasks import Cancelled, Progress, TaskCancelled, busy, run_task


def export_report(host: WindowHost, session: ProjectSession) -> None:
    with busy():
        report = session.read.report()
    renderer = host.pdf_renderer
    parent = host.dialog_parent()

    def preview(name: str) -> str:
        # Qt rich text lacks inline SVG and most CSS: preview HTML through the variant
        # made for Qt (the one the PDF prints), which shows the same content.
        if name == "html":
            return render_print_html(report)
        return render_report(report, name, pdf_renderer=renderer).decode("utf-8-sig")

    dialog = ExportDialog(preview, parent)
    settings = host.settings
    if settings.export_format in EXPORT_FORMATS:
        dialog.select_format(settings.export_format)  # the last export's format again
    if not dialog.exec():
        return
    fmt = dialog.selected_format()
    default = _export_folder(host) / (session.path.stem + fmt.suffix)
    target, _ = QFileDialog.getSaveFileName(
        parent, f"Export {fmt.label}", str(default), f"{fmt.label} (*{fmt.suffix})"
    )
    if target:
        settings.export_format, settings.export_folder = fmt.name, str(Path(target).parent)
        save_settings(settings)
        _render_and_write(host, session, report, fmt, Path(target))


def _export_folder(host: WindowHost) -> Path:
    """Where an export goes first: the last export's folder, else the folder file dialogs
    start in (the project's, never the app's hidden data folder, else Documents)."""
    last = Path(host.settings.export_folder) if host.settings.export_folder else None
    return last if last is not None and last.is_dir() else Path(host.folder())


def _render_and_write(
    host: WindowHost, session: ProjectSession, report: Report, fmt: ExportFormat, target: Path
) -> None:
    """Render in a worker thread (cancellable), write atomically, and say what the format
    could not hold."""
    renderer, parent = host.pdf_renderer, host.dialog_parent()

    def work(_progress: Progress, _cancelled: Cancelled) -> bytes:
        return render_report(report, fmt.name, pdf_renderer=renderer)

    with Attempt(parent) as attempt:
        # Checked before the rendering, and again (with the write) after it.
        check_export_target(session.path, target)
        try:
            data = run_task(parent, f"Exporting {fmt.label}…", work)
        except TaskCancelled:
            return
        session.write_export(target, data)
    if attempt.failed:
        return
    host.show_status(f"Exported {fmt.label} to {target}", 8000)
    if gaps := export_warnings(report, fmt.name):
        QMessageBox.warning(
            parent,
            "Exported, with gaps",
            safe(
                f"The {fmt.label} was saved to {target}, but:\n\n"
                + "\n".join(f"• {gap}" for gap in gaps)
            ),
        )
