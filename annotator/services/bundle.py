"""A report bundle: a folder holding the HTML report, the native report without the snapshots'
bytes, and every snapshot as a file the HTML report links to relatively, so the folder opens
offline, anywhere it is copied.

The folder is written beside its final place and renamed into it when complete: a failed
bundle leaves nothing half-written.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePath

from annotator.domain.snapshot import Snapshot
from annotator.errors import ReportError
from annotator.formats.exporters.html_report import render_html
from annotator.formats.media import extension_for
from annotator.formats.report import report_json
from annotator.services.reports import build_report
from annotator.services.workspace import Workspace

SNAPSHOT_FOLDER = "snapshots"
_SAFE_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,10}$")


def write_bundle(workspace: Workspace, folder: Path) -> list[Path]:
    """Write the bundle to ``folder`` (which must not exist, or be empty); returns its files."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ReportError(f"{folder} already exists and is not an empty folder; give a new name.")
    if not folder.parent.is_dir():
        raise ReportError(f"Cannot write {folder}: the folder {folder.parent} does not exist.")
    partial = folder.with_name(f".{folder.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        files = _write(workspace, partial)
        if folder.exists():
            folder.rmdir()
        partial.replace(folder)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise ReportError(f"Cannot write {folder}: {exc.strerror or exc}.") from None
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return [folder / name for name in files]


def _write(workspace: Workspace, target: Path) -> list[str]:
    report = build_report(workspace, snapshots=False)
    (target / SNAPSHOT_FOLDER).mkdir(parents=True)
    files: dict[str, str] = {}
    for snapshot in workspace.snapshots.all():
        if not snapshot.has_bytes:
            continue
        name = f"{SNAPSHOT_FOLDER}/{snapshot_file_name(snapshot)}"
        with (target / name).open("wb") as handle:
            for chunk in workspace.snapshots.verified_bytes(snapshot.id):
                handle.write(chunk)
        files[snapshot.id] = name
    (target / "report.html").write_bytes(render_html(report, files))
    (target / "report.json").write_bytes(report_json(report))
    return ["report.html", "report.json", *files.values()]


def snapshot_file_name(snapshot: Snapshot) -> str:
    """A file name for a snapshot that is safe on every system: its id, and the extension of
    the file it came from (or of its media type)."""
    suffix = PurePath(snapshot.filename).suffix
    if not _SAFE_SUFFIX.match(suffix):
        suffix = extension_for(snapshot.media_type)
    return f"{snapshot.id}{suffix.lower()}"
