"""The snapshot commands of the command line: add a file as a snapshot of a source, capture a
source from the web, list snapshots, and extract one's bytes.

``cli.py`` hooks these in with ``add_parsers`` and ``HANDLERS``; the messages and exit statuses
follow its rules (``error: ...`` and exit 1 for bad input).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.domain.snapshot import Snapshot
from annotator.errors import ValidationError
from annotator.services import Workspace
from annotator.services.bundle import write_bundle
from annotator.services.capture import CaptureLimits, capture_source
from annotator.services.snapshots import NewSnapshot
from annotator.settings import load_settings

Handler = Callable[[argparse.Namespace, Any], int]


def add_parsers(sub: Any) -> None:  # argparse's subparsers action has no public type
    """Add the snapshot commands to the ``annotator`` subcommand parsers ``sub``."""
    p = sub.add_parser(
        "add-snapshot", help="keep a file (saved page, PDF, screenshot) as a snapshot of a source"
    )
    p.add_argument("project", type=Path, help="the project file")
    p.add_argument("source", metavar="SOURCE_ID", help="the source the file is a snapshot of")
    p.add_argument("file", type=Path, help="the file to keep (up to 1 GiB)")
    p.add_argument("--url", default="", help="where the file came from (default: the source's URL)")
    p.add_argument(
        "--captured-at",
        default="",
        metavar="ISO",
        help="when it was captured, ISO 8601 (default: now)",
    )
    p.add_argument(
        "--archived-url", default="", metavar="URL", help="a web archive's copy (Wayback, perma.cc)"
    )

    p = sub.add_parser("capture", help="fetch a source's URL now and keep it as a WARC snapshot")
    p.add_argument("project", type=Path, help="the project file")
    p.add_argument("source", metavar="SOURCE_ID", help="the source to capture")
    p.add_argument(
        "--from-archive",
        default="",
        metavar="URL",
        help="fetch this web archive copy of the source instead, and record it as archived URL",
    )
    p.add_argument(
        "--max-mb", type=int, metavar="MB", help="size limit (default: the setting, 50 MB)"
    )
    p.add_argument(
        "--timeout",
        type=float,
        metavar="S",
        help="time limit in seconds (default: the setting, 30)",
    )

    p = sub.add_parser("snapshots", help="list the snapshots of every source")
    p.add_argument("project", type=Path, help="the project file")
    p.add_argument("--source", metavar="SOURCE_ID", help="only this source's snapshots")
    p.add_argument("--json", action="store_true", help="a JSON list of objects")

    p = sub.add_parser("extract-snapshot", help="write a snapshot's bytes, exactly as kept")
    p.add_argument("project", type=Path, help="the project file")
    p.add_argument("snapshot", metavar="SNAPSHOT_ID", help="the snapshot to write out")
    p.add_argument("-o", "--output", type=Path, required=True, help="the file to write")


def _add_snapshot(args: argparse.Namespace, _pdf: Any) -> int:
    new = NewSnapshot(
        args.source, url=args.url, captured_at=args.captured_at, archived_url=args.archived_url
    )
    with Workspace.open(args.project) as workspace:
        snapshot = workspace.snapshots.add_file(new, args.file)
    print(snapshot.id)
    return 0


def _capture(args: argparse.Namespace, _pdf: Any) -> int:
    settings = load_settings()
    max_mb = args.max_mb if args.max_mb is not None else settings.capture_max_mb
    timeout = args.timeout if args.timeout is not None else settings.capture_timeout_s
    if max_mb <= 0 or timeout <= 0:
        raise ValidationError("--max-mb and --timeout must be more than 0.")
    limits = CaptureLimits(max_bytes=max_mb * 1_000_000, timeout=timeout)
    with Workspace.open(args.project) as workspace:
        snapshot = capture_source(workspace, args.source, limits, archive_url=args.from_archive)
    print(snapshot.id)
    return 0


def _snapshots(args: argparse.Namespace, _pdf: Any) -> int:
    with Workspace.open(args.project, read_only=True) as workspace:
        snapshots = workspace.snapshots.all(args.source)
    if args.json:
        print(json.dumps([snapshot_json(s) for s in snapshots], indent=2, ensure_ascii=False))
        return 0
    for s in snapshots:
        stored = "" if s.has_bytes else "  (bytes not in this project)"
        print(
            f"{s.id}  source {s.source_id}  {s.captured_at}  {s.media_type}  "
            f"{s.size:,} bytes  sha256 {s.sha256}{stored}"
        )
    return 0


def snapshot_json(snapshot: Snapshot) -> dict[str, object]:
    return {
        "id": snapshot.id,
        "source_id": snapshot.source_id,
        "sha256": snapshot.sha256,
        "size": snapshot.size,
        "media_type": snapshot.media_type,
        "captured_at": snapshot.captured_at,
        "url": snapshot.url,
        "archived_url": snapshot.archived_url,
        "method": snapshot.method.value,
        "filename": snapshot.filename,
    }


def _extract_snapshot(args: argparse.Namespace, _pdf: Any) -> int:
    with Workspace.open(args.project, read_only=True) as workspace:
        snapshot = workspace.snapshots.extract(args.snapshot, args.output)
    print(f"{args.output}: {snapshot.size:,} bytes, sha256 {snapshot.sha256}")
    return 0


HANDLERS: dict[str, Handler] = {
    "add-snapshot": _add_snapshot,
    "capture": _capture,
    "snapshots": _snapshots,
    "extract-snapshot": _extract_snapshot,
}


def add_export_options(parser: argparse.ArgumentParser) -> None:
    """The snapshot options of ``annotator export``."""
    parser.add_argument(
        "--no-snapshots",
        dest="snapshots",
        action="store_false",
        help="leave the snapshots' bytes out of a JSON report (their hashes, sizes and "
        "capture details stay)",
    )
    parser.add_argument(
        "--bundle",
        type=Path,
        metavar="DIR",
        help="write a folder instead: report.html, report.json and the snapshot files the "
        "HTML report links to (opens offline)",
    )


def export_bundle(args: argparse.Namespace) -> int:
    """``annotator export PROJECT --bundle DIR``."""
    if args.output is not None:
        raise ValidationError("Give either -o FILE or --bundle DIR, not both.")
    with Workspace.open(args.project, read_only=True) as workspace:
        files = write_bundle(workspace, args.bundle)
    print(f"{args.bundle}: {len(files)} files")
    return 0
