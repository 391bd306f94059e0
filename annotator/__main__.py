"""The entry point: ``annotator COMMAND ...`` runs the command line; ``annotator`` alone,
``annotator PATH`` or ``annotator --sample`` opens the app. This module is the composition root
that hands Qt's PDF printing to the command line, so the CLI itself never imports Qt."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from annotator.ui.pdf import render_pdf

# The command names, here so that telling a command from a path loads nothing (the window
# opens before the database and format layers load); a test keeps them equal to the CLI's.
COMMAND_NAMES = frozenset(
    {
        "new", "set-project", "add-document", "update-document", "add-claim", "set-verdict",
        "add-source", "export", "import", "import-annotations", "info", "check", "schema",
        "suggest", "score-sentences",
        "library", "match",
        "add-snapshot", "capture", "snapshots", "extract-snapshot",
        "backups", "backup", "restore", "salvage",
        "claims", "edit-claim", "delete-claim", "edit-document", "set-checker",
    }
)  # fmt: skip


def _is_gui(args: Sequence[str]) -> bool:
    """No argument, --sample, or a path (an existing file, or a name with an extension, so a
    mistyped command is reported as one instead of opening a window)."""
    if not args:
        return True
    first = args[0]
    if first == "--sample":
        return True
    if first.startswith("-") or first in COMMAND_NAMES:
        return False
    return _exists(Path(first)) or Path(first).suffix != "" or "/" in first


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name too long for the system: the app or command says so later
        return False


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        # Answered here, before the command line's parser loads the database layer.
        from annotator import __version__

        print(f"annotator {__version__}")
        return 0
    if _is_gui(args):
        from annotator.app import run_app

        return run_app(args)
    from annotator.cli import main as cli_main

    return cli_main(args, pdf_renderer=render_pdf)


if __name__ == "__main__":
    sys.exit(main())
