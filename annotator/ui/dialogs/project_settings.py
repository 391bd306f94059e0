"""Project settings: title, the checker's name, the publisher used by ClaimReview exports, and
the rating scale.

The dialog only returns the edited ProjectInfo; File › Project settings (document_actions) makes
the whole difference one undoable command. OK stays disabled while anything is invalid.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import ProjectInfo, Publisher
from annotator.errors import ValidationError
from annotator.services.claims import account_name
from annotator.ui.dialogs.rating_scale_editor import RatingScaleEditor
from annotator.ui.widgets.editor_fields import (
    FieldMessage,
    FormGrid,
    dialog_buttons,
    fit_height,
    named_line_edit,
    ok_button,
    url_error,
    with_message,
)


class ProjectSettingsDialog(QDialog):
    """Edits a ProjectInfo; ratings in ``used_rating_keys`` cannot be removed or renamed."""

    def __init__(
        self, parent: QWidget | None, info: ProjectInfo, used_rating_keys: set[str]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Project Settings")
        self.setMinimumSize(600, 680)
        self._info = info
        self.scale_editor = RatingScaleEditor(info.scale, used_rating_keys)
        self._init_fields()
        self._init_layout()
        self._connect_signals()
        self._validate()

    def _init_fields(self) -> None:
        info, publisher = self._info, self._info.publisher
        self.title_edit = _line_edit(info.title, "Project title", "e.g. Election debate, May 2024")
        fallback = account_name()
        self.checker = _line_edit(
            info.checker,
            "Checker name",
            f"Your name on verdicts (left blank: “{fallback}”)"
            if fallback
            else "Your name, as shown on verdicts",
        )
        self.checker.setToolTip("Recorded as “rated by” on the verdicts you give from now on.")
        self.publisher_name = _line_edit(publisher.name, "Publisher name", "Organisation name")
        self.publisher_url = _line_edit(publisher.url, "Publisher website", "https://…")
        self.publisher_logo = _line_edit(publisher.logo, "Publisher logo URL", "https://…/logo.png")
        self.review_url = _line_edit(
            publisher.review_url, "Review base URL", "https://example.org/fact-checks/"
        )
        self.review_url.setToolTip("Where published reviews live; ClaimReview exports link there.")
        self.title_message = FieldMessage()
        self.url_messages = {
            self.publisher_url: (FieldMessage(), "publisher URL"),
            self.publisher_logo: (FieldMessage(), "publisher logo URL"),
            self.review_url: (FieldMessage(), "review URL"),
        }
        self.buttons = dialog_buttons(self, "OK")

    def _init_layout(self) -> None:
        project = FormGrid()
        title_row = with_message(self.title_edit, self.title_message)
        added = [project.add_row("&Title:", title_row, buddy=self.title_edit)]
        added.append(project.add_row("C&hecker:", self.checker))
        publisher = FormGrid()
        added.append(publisher.add_row("&Name:", self.publisher_name))
        labels = {self.publisher_url: "&Website:", self.publisher_logo: "&Logo URL:"}
        for edit, (message, _what) in self.url_messages.items():
            text = labels.get(edit, "&Review URL:")
            added.append(publisher.add_row(text, with_message(edit, message), buddy=edit))
        # One label column for both groups, so their fields line up.
        widest = max(label.sizeHint().width() for label in added)
        for grid in (project, publisher):
            grid.setColumnMinimumWidth(0, widest)
        scale = QVBoxLayout()
        scale.addWidget(self.scale_editor)
        layout = QVBoxLayout(self)
        for title, content, stretch in (
            ("Project", project, 0),
            ("Publisher (for ClaimReview export)", publisher, 0),
            ("Rating Scale", scale, 1),
        ):
            box = QGroupBox(title)
            box.setLayout(content)
            layout.addWidget(box, stretch)
        layout.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return ok_button(self.buttons)

    def _connect_signals(self) -> None:
        self.title_edit.textChanged.connect(self._validate)
        for edit in self.url_messages:
            edit.textChanged.connect(self._validate)
        self.scale_editor.changed.connect(self._validate)

    def _validate(self) -> None:
        title_error = "" if self.title_edit.text().strip() else "The project needs a title."
        self.title_message.show_error(title_error)
        valid = not title_error and not self.scale_editor.error()
        for edit, (message, what) in self.url_messages.items():
            error = url_error(edit.text(), what)
            message.show_error(error)
            valid = valid and not error
        self.ok_button.setEnabled(valid)
        fit_height(self)

    def result_info(self) -> ProjectInfo:
        """The edited settings; raises ValidationError if the scale is invalid."""
        if self.scale_editor.error():
            raise ValidationError(self.scale_editor.error())
        publisher = Publisher(
            name=self.publisher_name.text().strip(),
            url=self.publisher_url.text().strip(),
            logo=self.publisher_logo.text().strip(),
            review_url=self.review_url.text().strip(),
        )
        return ProjectInfo(
            title=self.title_edit.text().strip(),
            scale=self.scale_editor.scale(),
            publisher=publisher,
            checker=self.checker.text().strip(),
        )

    @classmethod
    def get(
        cls, parent: QWidget | None, info: ProjectInfo, used_rating_keys: set[str]
    ) -> ProjectInfo | None:
        dialog = cls(parent, info, used_rating_keys)
        return dialog.result_info() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _line_edit(text: str, name: str, placeholder: str) -> QLineEdit:
    return named_line_edit(name, placeholder, text)
