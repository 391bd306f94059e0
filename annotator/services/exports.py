"""Exporting a project in any registered format, to bytes or atomically to a file.

Every export to a file, from the command line or the window, goes through ``write_export`` or
``write_export_data``, which refuse to write over the project file or its SQLite and lock
sidecars, or over any other Annotator project and its sidecars: an export there would destroy
the project, even one open for editing elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from annotator.atomic import write_atomic
from annotator.domain.model import ExportOptions
from annotator.errors import ReportError
from annotator.formats.exporters import EXPORT_FORMATS
from annotator.formats.report import Report
from annotator.services.reports import build_report
from annotator.services.workspace import Workspace
from annotator.storage.projectfile import SIDECAR_SUFFIXES, is_project, project_owning


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


def selected(report: Report, options: ExportOptions) -> Report:
    """The report without what ``options`` leave out: draft claims, then articles left
    without claims. Numbers stay the claims' own, so "claim 12" is claim 12 in every export."""
    if options == ExportOptions():
        return report
    documents = []
    for document in report.documents:
        claims = [c for c in document.claims if options.include_drafts or c.status != "draft"]
        if claims or not options.only_with_claims:
            documents.append(
                document.model_copy(update={"claims": claims})
                if len(claims) != len(document.claims)
                else document
            )
    return report.model_copy(update={"documents": documents})


def export_bytes(
    workspace: Workspace,
    format_name: str,
    *,
    pdf_renderer: Callable[[Report], bytes] | None = None,
    options: ExportOptions | None = None,
) -> bytes:
    report = selected(build_report(workspace), options or ExportOptions())
    return render_report(report, format_name, pdf_renderer=pdf_renderer)


def write_export(
    workspace: Workspace,
    format_name: str,
    path: Path,
    *,
    pdf_renderer: Callable[[Report], bytes] | None = None,
    options: ExportOptions | None = None,
) -> None:
    """Render first, then write atomically: a failed export leaves no partial file."""
    check_export_target(workspace.path, path)  # before rendering, which may take a while
    data = export_bytes(workspace, format_name, pdf_renderer=pdf_renderer, options=options)
    write_export_data(workspace, path, data)


def write_export_data(workspace: Workspace, path: Path, data: bytes) -> None:
    """Write an already rendered export of ``workspace`` to ``path``, atomically, unless
    ``path`` is the project file or one of its sidecars."""
    check_export_target(workspace.path, path)
    write_atomic(path, data)


# SQLite's journals and the one-writer lock (storage/lock.py).
_SIDECAR_SUFFIXES = SIDECAR_SUFFIXES


def check_export_target(project: Path, target: Path) -> None:
    """Refuse ``target`` if it is the project file or one of its sidecars, however it is
    spelled: a relative path, a symbolic link, a hard link, or another case of the name on a
    case-insensitive file system; and if it is another existing project."""
    real_target = Path(os.path.realpath(target))
    real_project = Path(os.path.realpath(project))
    ignore_case = _ignores_case(real_project)
    for suffix in ("", *_SIDECAR_SUFFIXES):
        protected = real_project.with_name(real_project.name + suffix)
        if _same_file(real_target, protected, ignore_case=ignore_case):
            what = "the project file itself" if not suffix else f"the project's {suffix} file"
            raise ReportError(
                f"Cannot export to {target}: that is {what}, and writing there would destroy "
                f"the project {project.name}; choose another file name."
            )
    _refuse_other_projects(target, real_target)


def _refuse_other_projects(target: Path, real_target: Path) -> None:
    """Another project, or one of its side files, is never replaced by an export: its holder
    would go on saving edits into a deleted file."""
    if is_project(real_target):
        raise ReportError(
            f"Cannot export to {target}: it is an Annotator project, and writing there would "
            "destroy it; choose another file name."
        )
    owner = project_owning(real_target)
    if owner is not None:
        raise ReportError(
            f"Cannot export to {target}: it belongs to the project {owner.name} (its "
            f"{real_target.name[len(owner.name) :]} file), and writing there could destroy that "
            "project; choose another file name."
        )


def _same_file(target: Path, protected: Path, *, ignore_case: bool) -> bool:
    if target == protected:
        return True
    try:
        return target.samefile(protected)  # hard links, another case on macOS/Windows
    except OSError:
        pass  # one of them does not exist (yet): compare the names
    if not ignore_case or target.name.casefold() != protected.name.casefold():
        return False
    try:
        return target.parent.samefile(protected.parent)
    except OSError:
        return False


def _ignores_case(project: Path) -> bool:
    """Whether the project's folder ignores the case of names: the project's name in another
    case leads to the project file."""
    swapped = project.with_name(project.name.swapcase())
    if swapped == project:
        return False
    try:
        return project.samefile(swapped)
    except OSError:
        return False
