"""File › Restore from backup… (the project's backups, with what each would undo) and the
account of a salvage (what was kept and what was lost)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.wording import counted
from annotator.errors import AnnotatorError
from annotator.services.backups import BackupInfo
from annotator.services.recovery import BackupDifference, Counts, compare_with_backup
from annotator.services.salvage import SalvageReport

_PATH = Qt.ItemDataRole.UserRole


def shown_time(info: BackupInfo) -> str:
    """The backup's time in the user's time zone and locale."""
    moment = QDateTime.fromSecsSinceEpoch(int(info.time.timestamp())).toLocalTime()
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def describe(difference: BackupDifference) -> str:
    """The preview: what changed in the project since the backup (what a restore undoes)."""
    if difference.same:
        return "The project holds the same claims, verdicts and articles as this backup."
    lines = ["Since this backup (a restore undoes these):"]
    for name, counts in (
        ("claim", difference.claims),
        ("verdict", difference.verdicts),
        ("article", difference.documents),
    ):
        if counts:
            lines.append(f"• {_counts(name, counts)}")
    lines += [f"    {example}" for example in difference.examples]
    return "\n".join(lines)


def _counts(name: str, counts: Counts) -> str:
    parts = [
        f"{counted(number, name)} {what}"
        for number, what in (
            (counts.added, "added"),
            (counts.removed, "deleted"),
            (counts.changed, "changed"),
        )
        if number
    ]
    return ", ".join(parts)


class RestoreDialog(QDialog):
    """The project's backups, newest first; a damaged one is shown and cannot be restored."""

    def __init__(
        self,
        parent: QWidget | None,
        project: Path,
        backups: list[BackupInfo],
        problems: dict[Path, list[str]],
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.problems = problems
        self.setWindowTitle("Restore from backup")
        self.resize(720, 460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Backups of {project.name}, newest first. The project as it is now is backed up "
            "before it is replaced."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["Made", "Size", "Claims", "Verdicts", "State"])
        locale = QLocale()
        for info in backups:
            damaged = bool(problems.get(info.path))
            item = QTreeWidgetItem(
                [
                    shown_time(info),
                    locale.formattedDataSize(info.size),
                    locale.toString(info.claims),
                    locale.toString(info.verdicts),
                    "damaged" if damaged else "sound",
                ]
            )
            item.setData(0, _PATH, str(info.path))
            item.setToolTip(0, str(info.path))
            self.table.addTopLevelItem(item)
        for column in range(5):
            self.table.resizeColumnToContents(column)
        layout.addWidget(self.table, 2)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        layout.addWidget(self.preview, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton("&Restore", self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.currentItemChanged.connect(lambda _now, _before: self._show_selected())
        newest = self.table.topLevelItem(0)
        if newest is not None:
            self.table.setCurrentItem(newest)
        else:
            self.preview.setPlainText(
                "There is no backup of this project yet. Backups are made when a project is "
                "opened for editing, every few minutes while it changes, and when it is closed."
            )
        self._show_selected()

    def chosen(self) -> Path | None:
        item = self.table.currentItem()
        return Path(item.data(0, _PATH)) if item is not None else None

    def _show_selected(self) -> None:
        path = self.chosen()
        problems = self.problems.get(path, []) if path is not None else []
        self.restore_button.setEnabled(path is not None and not problems)
        if path is None:
            return
        if problems:
            self.preview.setPlainText(
                f"This backup is damaged ({problems[0]}), so it cannot be restored; choose "
                "another one."
            )
            return
        try:
            self.preview.setPlainText(describe(compare_with_backup(self.project, path)))
        except AnnotatorError as exc:
            self.preview.setPlainText(f"No comparison with the project as it is now: {exc}")


class SalvageDialog(QDialog):
    """What a salvage kept and what it lost; Open opens the new project."""

    def __init__(self, parent: QWidget | None, new: Path, report: SalvageReport) -> None:
        super().__init__(parent)
        self.setWindowTitle("Salvage")
        self.resize(680, 420)
        layout = QVBoxLayout(self)
        summary = QLabel(
            f"The new project {new.name} holds everything that could be read. "
            + ("Nothing was lost." if not report.lost else "Some of it could not be kept.")
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.account = QPlainTextEdit(self)
        self.account.setReadOnly(True)
        lines = ["Kept:", *(f"• {line}" for line in report.kept)]
        lines += ["", "Lost:", *(f"• {line}" for line in report.lost or ["nothing"])]
        self.account.setPlainText("\n".join(lines))
        layout.addWidget(self.account)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton("&Open the new project", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
