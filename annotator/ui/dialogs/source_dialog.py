"""Dialogs that attach evidence to a claim: a new or edited source, or one the project has.

Both return ``(Source, Stance, excerpt)``; a new source has the id ``''``. They validate as the
user types (the URL with the services' own rule) and keep OK disabled while anything is wrong.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.checks import web_address_guess
from annotator.domain.model import Source, SourceLink, Stance
from annotator.ui.plain import safe
from annotator.ui.widgets.editor_fields import (
    FieldMessage,
    FormGrid,
    date_error,
    dialog_buttons,
    fit_height,
    form_label,
    ok_button,
    quiet_label,
    url_error,
    with_message,
)
from annotator.ui.widgets.source_delegates import SOURCE_ROLE, SourceDelegate
from annotator.ui.widgets.verdict_chip import STANCE_HINTS, STANCE_LABELS

SOURCE_TYPES: tuple[tuple[str, str], ...] = (
    ("webpage", "Web page"),
    ("article", "Article"),
    ("report", "Report"),
    ("dataset", "Dataset"),
    ("post", "Social post"),
    ("motion_picture", "Video"),
)

LinkResult = tuple[Source, Stance, str]


class StanceExcerptFields(QWidget):
    """The part of a link that belongs to the claim: stance radio buttons and an excerpt."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for stance in Stance:
            button = QRadioButton(STANCE_LABELS[stance])
            button.setToolTip(STANCE_HINTS[stance])
            button.setProperty("stance", stance.value)
            self._group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.excerpt = QPlainTextEdit()
        self.excerpt.setTabChangesFocus(True)
        self.excerpt.setPlaceholderText("The passage of the source that matters (optional)")
        self.excerpt.setAccessibleName("Excerpt")
        self.excerpt.setFixedHeight(5 * self.fontMetrics().lineSpacing())
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Stance:", row)
        form.addRow("E&xcerpt:", self.excerpt)
        self.set_stance(Stance.CONTEXT)

    def stance(self) -> Stance:
        checked = self._group.checkedButton()
        return Stance(checked.property("stance")) if checked else Stance.CONTEXT

    def set_stance(self, stance: Stance) -> None:
        for button in self._group.buttons():
            button.setChecked(button.property("stance") == stance.value)

    def stance_button(self, stance: Stance) -> QRadioButton:
        button = next(b for b in self._group.buttons() if b.property("stance") == stance.value)
        assert isinstance(button, QRadioButton)
        return button


class SourceDialog(QDialog):
    """Add a new source to a claim, or edit a linked source and its stance and excerpt."""

    def __init__(self, parent: QWidget | None = None, link: SourceLink | None = None) -> None:
        super().__init__(parent)
        self._source_id = link.source.id if link else ""
        self.setWindowTitle("Edit Source" if link else "Add Source")
        self.setMinimumWidth(480)
        self._init_fields()
        self._init_layout(editing=link is not None)
        self._connect_signals()
        self._load(link)
        self._validate()

    def _init_fields(self) -> None:
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://…")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Headline or page title")
        self.publisher = QLineEdit()
        self.publisher.setPlaceholderText("Outlet, organisation or site")
        self.author = QLineEdit()
        self.published = QLineEdit()
        self.accessed = QLineEdit()
        for date_edit in (self.published, self.accessed):
            date_edit.setPlaceholderText("YYYY-MM-DD")
        self.type = QComboBox()
        for value, label in SOURCE_TYPES:
            self.type.addItem(label, value)
        self.link_fields = StanceExcerptFields()
        self.url_message = FieldMessage()
        self.date_message = FieldMessage()
        names = {
            self.url: "Source URL",
            self.title_edit: "Title",
            self.publisher: "Publisher",
            self.author: "Author",
            self.published: "Published date",
            self.accessed: "Accessed date",
            self.type: "Source type",
        }
        for widget, name in names.items():
            widget.setAccessibleName(name)

    def _init_layout(self, editing: bool) -> None:
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.published, 1)
        row.addWidget(form_label("Acc&essed:", self.accessed))
        row.addWidget(self.accessed, 1)
        form = FormGrid()
        form.add_row("&URL:", with_message(self.url, self.url_message), buddy=self.url)
        form.add_row("&Title:", self.title_edit)
        form.add_row("&Publisher:", self.publisher)
        form.add_row("&Author:", self.author)
        form.add_row("Pu&blished:", dates, buddy=self.published)
        form.add_field(self.date_message)
        form.add_row("T&ype:", self.type)
        self.buttons = dialog_buttons(self, "Save" if editing else "Add Source")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if editing:
            layout.addWidget(quiet_label("Changes to the source apply to every claim citing it."))
        layout.addSpacing(4)
        layout.addWidget(self.link_fields)
        layout.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return ok_button(self.buttons)

    def _connect_signals(self) -> None:
        self.url.editingFinished.connect(self._on_url_editing_finished)
        for edit in (self.url, self.published, self.accessed):
            edit.textChanged.connect(self._validate)

    def _load(self, link: SourceLink | None) -> None:
        if link is None:
            self.accessed.setText(QDate.currentDate().toString(Qt.DateFormat.ISODate))
            return
        source = link.source
        self.url.setText(source.url)
        self.title_edit.setText(source.title)
        self.publisher.setText(source.publisher)
        self.author.setText(source.author)
        self.published.setText(source.published)
        self.accessed.setText(source.accessed)
        if self.type.findData(source.type) < 0:
            self.type.addItem(source.type, source.type)  # keep a type from another tool
        self.type.setCurrentIndex(self.type.findData(source.type))
        self.link_fields.set_stance(link.stance)
        self.link_fields.excerpt.setPlainText(link.excerpt)

    def _on_url_editing_finished(self) -> None:
        """A bare address ("sipri.org/…") is completed to the https:// one it stands for,
        instead of being refused."""
        if guess := web_address_guess(self.url.text()):
            self.url.setText(guess)

    def _validate(self) -> None:
        # An empty URL gets no red message (the user has not typed yet), only a disabled OK.
        url = self.url.text()
        self.url_message.show_error(url_error(url, "source URL") if url.strip() else "")
        date = date_error(self.published.text(), "published date") or date_error(
            self.accessed.text(), "accessed date"
        )
        self.date_message.show_error(date)
        valid = bool(url.strip()) and not self.url_message.text() and not date
        self.ok_button.setEnabled(valid)
        fit_height(self)

    def result_link(self) -> LinkResult:
        source = Source(
            id=self._source_id,
            url=self.url.text().strip(),
            title=self.title_edit.text().strip(),
            publisher=self.publisher.text().strip(),
            author=self.author.text().strip(),
            published=self.published.text().strip(),
            accessed=self.accessed.text().strip(),
            type=str(self.type.currentData()),
        )
        return source, self.link_fields.stance(), self.link_fields.excerpt.toPlainText().strip()

    @classmethod
    def get_new(cls, parent: QWidget | None) -> LinkResult | None:
        dialog = cls(parent)
        return dialog.result_link() if dialog.exec() == QDialog.DialogCode.Accepted else None

    @classmethod
    def get_edit(cls, parent: QWidget | None, link: SourceLink) -> LinkResult | None:
        dialog = cls(parent, link)
        return dialog.result_link() if dialog.exec() == QDialog.DialogCode.Accepted else None


class PickSourceDialog(QDialog):
    """Link a source the project already has: a filterable list, then stance and excerpt."""

    def __init__(
        self, parent: QWidget | None, sources: list[Source], exclude_ids: set[str]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Existing Source")
        self.setMinimumSize(480, 460)
        self._sources = [s for s in sources if s.id not in exclude_ids]
        self._init_widgets()
        self._init_layout()
        self._connect_signals()
        self._fill_list()
        self._on_selection_changed()

    def _init_widgets(self) -> None:
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by title, URL or publisher")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter sources")
        self.list = QListWidget()
        self.list.setAccessibleName("Project sources")
        self.list.setItemDelegate(SourceDelegate(self.list))
        self.empty = quiet_label(
            "Every source of this project is already linked to this claim."
            if not self._sources
            else "No source matches the filter."
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.link_fields = StanceExcerptFields()
        self.buttons = dialog_buttons(self, "Add Source")

    def _init_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.link_fields)
        layout.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return ok_button(self.buttons)

    def _connect_signals(self) -> None:
        self.filter.textChanged.connect(self._fill_list)
        self.list.itemSelectionChanged.connect(self._on_selection_changed)
        self.list.itemDoubleClicked.connect(self.accept)

    def _fill_list(self) -> None:
        words = self.filter.text().casefold().split()
        self.list.clear()
        for source in self._sources:
            haystack = f"{source.title} {source.url} {source.publisher}".casefold()
            if all(word in haystack for word in words):
                item = QListWidgetItem(source.title or source.url)
                item.setData(SOURCE_ROLE, source)
                item.setToolTip(safe(source.url))
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.empty.setVisible(self.list.count() == 0)

    def _on_selection_changed(self) -> None:
        self.ok_button.setEnabled(self.selected_source() is not None)

    def selected_source(self) -> Source | None:
        item = self.list.currentItem()
        source = item.data(SOURCE_ROLE) if item and item.isSelected() else None
        return source if isinstance(source, Source) else None

    def result_link(self) -> LinkResult | None:
        source = self.selected_source()
        if source is None:
            return None
        return source, self.link_fields.stance(), self.link_fields.excerpt.toPlainText().strip()

    @classmethod
    def get(
        cls, parent: QWidget | None, sources: list[Source], exclude_ids: set[str]
    ) -> LinkResult | None:
        dialog = cls(parent, sources, exclude_ids)
        return dialog.result_link() if dialog.exec() == QDialog.DialogCode.Accepted else None
