"""Exporting a project in any registered format, to bytes or atomically to a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from annotator.errors import ReportError
from annotator.formats.atomic import write_atomic
from annotator.formats.exporters import EXPORT_FORMATS
from annotator.formats.report import Report
from annotator.services.reports import build_report
from annotator.services.workspace import Workspace


def render_report(
    report: Report, format_name: str, *, pdf_renderer: Callable[[Report], bytes] | None = None
) -> bytes:
    fmt = EXPORT_FORMATS.get(format_name)
    if fmt is None:
        names = ", ".join(EXPORT_FORMATS)
        raise ReportError(f"There is no export format {format_name!r}; use one of {names}.")
    render = fmt.render or pdf_renderer
    if render is None:
        raise ReportError(f"The {fmt.label} export needs the Qt libraries, which are missing.")
    return render(report)


def export_bytes(
    workspace: Workspace,
    format_name: str,
    *,
    pdf_renderer: Callable[[Report], bytes] | None = None,
) -> bytes:
    return render_report(build_report(workspace), format_name, pdf_renderer=pdf_renderer)


def write_export(
    workspace: Workspace,
    format_name: str,
    path: Path,
    *,
    pdf_renderer: Callable[[Report], bytes] | None = None,
) -> None:
    """Render first, then write atomically: a failed export leaves no partial file."""
    write_atomic(path, export_bytes(workspace, format_name, pdf_renderer=pdf_renderer))
