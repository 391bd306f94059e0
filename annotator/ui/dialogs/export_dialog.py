"""File › Export report…: pick a format, preview the readable ones, then save."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.formats.exporters import EXPORT_FORMATS, ExportFormat
from annotator.ui.tasks import busy

_DATA_PREVIEW_LINES = 200
DESCRIPTIONS = {
    "json": "the whole project, lossless; `annotator import` reads it back.",
    "claimreview": "schema.org ClaimReview JSON-LD, one review per rated claim, for websites "
    "and fact-check aggregators.",
    "webannotation": "a W3C Web Annotation collection, one annotation per claim, for annotation "
    "tools.",
    "pdf": "the readable report as a PDF, for printing and sharing.",
    "csv": "one row per claim, for spreadsheets.",
}


class _SafeBrowser(QTextBrowser):
    """A preview that loads nothing and follows no link."""

    def loadResource(self, _type: int, _name: QUrl | str) -> object:
        return None


class ExportDialog(QDialog):
    def __init__(self, render_preview: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export report")
        self.resize(900, 620)
        self._render_preview = render_preview
        self._cache: dict[str, str] = {}
        self.formats = QListWidget(self)
        self.formats.setAccessibleName("Format")
        for fmt in EXPORT_FORMATS.values():
            item = QListWidgetItem(fmt.label)
            item.setToolTip(f"{fmt.label} ({fmt.suffix})")
            item.setData(256, fmt.name)
            self.formats.addItem(item)
        self.formats.setFixedWidth(self.formats.sizeHintForColumn(0) + 24)
        self.browser = _SafeBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Save…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        right = QVBoxLayout()
        right.addWidget(self.note)
        right.addWidget(self.browser, 1)
        body = QHBoxLayout()
        body.addWidget(self.formats)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.formats.currentRowChanged.connect(self._on_formats_row_changed)
        self.formats.setCurrentRow(0)

    def selected_format(self) -> ExportFormat:
        item = self.formats.currentItem()
        return EXPORT_FORMATS[str(item.data(256))]

    def select_format(self, name: str) -> None:
        for row in range(self.formats.count()):
            if self.formats.item(row).data(256) == name:
                self.formats.setCurrentRow(row)

    def _preview(self, name: str) -> str:
        if name not in self._cache:
            with busy():
                self._cache[name] = self._render_preview(name)
        return self._cache[name]

    def _on_formats_row_changed(self, _row: int) -> None:
        fmt = self.selected_format()
        if fmt.name == "pdf":  # the PDF prints the same page the HTML preview shows
            self.note.setText(f"{fmt.label}: {DESCRIPTIONS.get(fmt.name, '')}")
            self.browser.setHtml(self._preview("html"))
            return
        if not fmt.readable:
            # Data for other programs: its beginning, as text, shows what they will read.
            self.note.setText(f"{fmt.label}: {DESCRIPTIONS.get(fmt.name, '')}")
            lines = self._preview(fmt.name).splitlines()
            shown = "\n".join(lines[:_DATA_PREVIEW_LINES])
            if len(lines) > _DATA_PREVIEW_LINES:
                shown += f"\n… and {len(lines) - _DATA_PREVIEW_LINES:,} more lines in the file"
            self.browser.setPlainText(shown)
            return
        preview = self._preview(fmt.name)
        if fmt.name == "markdown":
            self.note.setText("Preview of the Markdown report, as rendered.")
            self.browser.setMarkdown(preview)
        else:
            self.note.setText(f"Preview of the {fmt.label}.")
            self.browser.setHtml(preview)
