"""Screenshots of File › Restore from backup… and of a salvage's account, for the docs,
rendered offscreen (`QWidget.grab()`) from a project made and damaged here.

Usage: python tools/recovery_screenshots.py [OUT_DIR]   (default: docs/screenshots)
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from annotator.domain.model import Source, Stance  # noqa: E402
from annotator.paths import sample_article  # noqa: E402
from annotator.services import Workspace  # noqa: E402
from annotator.services.backups import list_backups, make_backup  # noqa: E402
from annotator.services.recovery import backup_problems  # noqa: E402
from annotator.services.salvage import salvage  # noqa: E402
from annotator.ui.dialogs.restore import RestoreDialog, SalvageDialog  # noqa: E402

QUOTES = (
    "four Mi-35M combat and cargo helicopters",
    "The 12th meeting of the Pakistan-Russia Consultative Group on Strategic Stability",
)


def save(widget: QWidget, path: Path, size: QSize) -> None:
    widget.resize(size)
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))
    widget.close()


def make_project(folder: Path) -> Path:
    """A project with two backups (the older one damaged) and edits since the newer one."""
    path = folder / "Helicopter deal.factcheck"
    with Workspace.create(path, "Helicopter deal") as workspace:
        document = workspace.documents.add_file(sample_article())
        first = workspace.claims.add_by_quote(document.id, QUOTES[0])
        damaged = make_backup(workspace.database).path
        workspace.claims.set_verdict(first.id, "false", "The deal was signed in 2015.")
        second = workspace.claims.add_by_quote(document.id, QUOTES[1])
        make_backup(workspace.database)
        workspace.claims.delete(second.id)  # the mistake a restore undoes
        workspace.claims.set_verdict(first.id, "mostly-true", "Delivered in 2017.")
        source = Source("", "https://example.org/deal", title="Defence ministry statement")
        workspace.sources.cite(first.id, source, Stance.SUPPORTS)
    connection = sqlite3.connect(damaged)
    connection.execute("DELETE FROM alembic_version")
    connection.commit()
    connection.close()
    return path


def damage(path: Path) -> None:
    """The article's text and structure both damaged, and the cited source lost."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute("UPDATE documents SET text = replace(text, 'Pakistan', 'Pak1stan')")
    connection.execute("UPDATE documents SET body = replace(body, 'Pakistan', 'Pak1stan')")
    connection.execute("DELETE FROM sources")
    connection.commit()
    connection.close()


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as temp:
        os.environ["ANNOTATOR_HOME"] = str(Path(temp) / "home")
        project = make_project(Path(temp))
        backups = list_backups(project)
        problems = {info.path: backup_problems(info.path) for info in backups}
        dialog = RestoreDialog(None, project, backups, problems)
        save(dialog, out / "restore-from-backup.png", QSize(760, 480))
        damage(project)
        new = Path(temp) / "Helicopter deal salvaged.factcheck"
        report = salvage(project, new)
        save(SalvageDialog(None, new, report), out / "salvage.png", QSize(760, 420))
    print(f"Wrote {out / 'restore-from-backup.png'} and {out / 'salvage.png'}")


if __name__ == "__main__":
    main()
