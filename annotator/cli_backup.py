"""The ``annotator`` commands that keep a project safe: ``backups`` (list), ``backup`` (now),
``restore`` (from a backup, the current file backed up first) and ``salvage`` (a new project
from whatever a damaged one still holds). Hooked into ``cli.py`` by ``add_parsers``."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.domain.wording import counted
from annotator.errors import ProjectError
from annotator.services import Workspace
from annotator.services.backups import BackupInfo, list_backups, make_backup, restore_backup
from annotator.services.salvage import salvage

Handler = Callable[[argparse.Namespace, Any], int]


def add_parsers(sub: Any) -> None:
    """Add the commands to the ``annotator`` parser (their handlers are ``HANDLERS``)."""
    p = sub.add_parser("backups", help="list a project's backups, newest first")
    p.add_argument("project", type=Path, help="the project file (.factcheck)")
    p.add_argument("--json", action="store_true", help="as a JSON list of objects")

    p = sub.add_parser("backup", help="back the project up now (works while it is open)")
    p.add_argument("project", type=Path, help="the project file (.factcheck)")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        help="write the backup to this new file instead of the project's backup folder",
    )

    p = sub.add_parser(
        "restore",
        help="replace a project with one of its backups (the current file is backed up first)",
    )
    p.add_argument("project", type=Path, help="the project file (.factcheck)")
    p.add_argument("backup", type=Path, help="a backup file, as `annotator backups` lists")
    p.add_argument(
        "--wait",
        type=float,
        default=0,
        metavar="SECONDS",
        help="if the project is open for editing, retry for up to SECONDS",
    )

    p = sub.add_parser(
        "salvage", help="build a new project from everything still readable in a damaged one"
    )
    p.add_argument("damaged", type=Path, help="the damaged project file (left as it is)")
    p.add_argument("new", type=Path, help="the new project file to create")


def _describe(info: BackupInfo) -> str:
    when = info.time.strftime("%Y-%m-%d %H:%M:%S UTC")
    return (
        f"{when}  {info.size / 1024:>8,.0f} KB  {counted(info.claims, 'claim')}, "
        f"{counted(info.verdicts, 'verdict')}  {info.path}"
    )


def _backups(args: argparse.Namespace, _pdf: Any) -> int:
    found = list_backups(args.project)
    if args.json:
        print(json.dumps([b.to_json() for b in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        print(f"No backups of {args.project} yet; `annotator backup {args.project}` makes one.")
    for info in found:
        print(_describe(info))
    return 0


def _backup(args: argparse.Namespace, _pdf: Any) -> int:
    target: Path | None = args.output
    if target is not None and (target.exists() or target.is_symlink()):
        raise ProjectError(f"{target} already exists; choose a new file name for the backup.")
    with Workspace.open(args.project, read_only=True) as workspace:
        info = make_backup(workspace.database, target)
    print(_describe(info))
    return 0


def _restore(args: argparse.Namespace, _pdf: Any) -> int:
    done = restore_backup(args.project, args.backup, wait=args.wait)
    if done.previous is not None:
        print(f"The project as it was is kept in {done.previous}")
    print(f"Restored {args.project} from: {_describe(done.restored)}")
    return 0


def _salvage(args: argparse.Namespace, _pdf: Any) -> int:
    report = salvage(args.damaged, args.new)
    for line in report.kept:
        print(f"kept: {line}")
    for line in report.lost:
        print(f"lost: {line}")
    print(f"{args.new}: salvaged from {args.damaged}; check the items flagged for review.")
    return 0


HANDLERS: dict[str, Handler] = {
    "backups": _backups,
    "backup": _backup,
    "restore": _restore,
    "salvage": _salvage,
}
