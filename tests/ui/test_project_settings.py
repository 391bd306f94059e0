"""The project settings dialog: OK only while everything is valid, ratings in use are kept, and
the edited settings come back as a ProjectInfo."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QDialog
from pytestqt.qtbot import QtBot

from annotator.domain.model import ProjectInfo, Publisher, Rating
from annotator.domain.ratings import DEFAULT_SCALE
from annotator.ui.dialogs.project_settings import ProjectSettingsDialog
from annotator.ui.dialogs.rating_scale_editor import COLOR, KEY, LABEL, NUMBER, USED_KEY_TIP

CUSTOM = Rating("satire", "Satire", "#795548")
INFO = ProjectInfo(
    title="Debate checks",
    scale=(*DEFAULT_SCALE, CUSTOM),
    publisher=Publisher("Check Org", "https://check.example", "", ""),
    checker="Alex",
)
USED = {"false", "satire"}


@pytest.fixture
def dialog(qtbot: QtBot) -> ProjectSettingsDialog:
    widget = ProjectSettingsDialog(None, INFO, USED)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def row_of(dialog: ProjectSettingsDialog, key: str) -> int:
    return [row[0] for row in dialog.scale_editor.rows()].index(key)


def set_cell(dialog: ProjectSettingsDialog, row: int, column: int, text: str) -> None:
    item = dialog.scale_editor.table.item(row, column)
    assert item is not None
    item.setText(text)


def test_unchanged_settings_round_trip(dialog: ProjectSettingsDialog) -> None:
    assert dialog.ok_button.isEnabled()
    assert dialog.result_info() == INFO


def test_edited_fields_come_back(dialog: ProjectSettingsDialog) -> None:
    dialog.title_edit.setText("  New title ")
    dialog.checker.setText("Sam")
    dialog.review_url.setText("https://check.example/reviews/")
    set_cell(dialog, row_of(dialog, "mixed"), LABEL, "Half true")
    info = dialog.result_info()
    assert info.title == "New title"
    assert info.checker == "Sam"
    assert info.publisher == replace(INFO.publisher, review_url="https://check.example/reviews/")
    assert info.rating("mixed") == Rating("mixed", "Half true", "#f9a825", 3)


def test_duplicate_key_disables_ok(dialog: ProjectSettingsDialog) -> None:
    set_cell(dialog, row_of(dialog, "mixed"), KEY, "true")
    assert not dialog.ok_button.isEnabled()
    assert dialog.scale_editor.message.text() == "Rating key 'true' appears twice in the scale."
    set_cell(dialog, 2, KEY, "mixed")
    assert dialog.ok_button.isEnabled()
    assert not dialog.scale_editor.message.isVisible()


def test_bad_colour_disables_ok(dialog: ProjectSettingsDialog) -> None:
    set_cell(dialog, row_of(dialog, "mixed"), COLOR, "yellow")
    assert not dialog.ok_button.isEnabled()
    assert dialog.scale_editor.message.text() == (
        "Rating 'mixed' has colour 'yellow'; use the form #RRGGBB."
    )


def test_bad_number_and_empty_label_disable_ok(dialog: ProjectSettingsDialog) -> None:
    set_cell(dialog, 0, NUMBER, "five")
    assert not dialog.ok_button.isEnabled()
    assert "leave it empty or give a number" in dialog.scale_editor.message.text()
    set_cell(dialog, 0, NUMBER, "")
    set_cell(dialog, 0, LABEL, " ")
    assert dialog.scale_editor.message.text() == "Rating 'true' needs a label."


def test_empty_title_and_bad_publisher_url_disable_ok(dialog: ProjectSettingsDialog) -> None:
    dialog.title_edit.setText(" ")
    assert not dialog.ok_button.isEnabled()
    assert dialog.title_message.text() == "The project needs a title."
    dialog.title_edit.setText("T")
    dialog.publisher_logo.setText("logo.png")
    assert not dialog.ok_button.isEnabled()
    message, _ = dialog.url_messages[dialog.publisher_logo]
    assert message.text() == (
        "The publisher logo URL 'logo.png' is not a web address; "
        "give a full http:// or https:// URL."
    )


def test_used_keys_cannot_be_renamed_or_removed(dialog: ProjectSettingsDialog) -> None:
    editor = dialog.scale_editor
    row = row_of(dialog, "false")
    key_item = editor.table.item(row, KEY)
    assert key_item is not None
    assert not key_item.flags() & Qt.ItemFlag.ItemIsEditable
    assert key_item.toolTip() == USED_KEY_TIP
    editor.table.selectRow(row)
    assert not editor.remove_button.isEnabled()
    assert editor.remove_button.toolTip() == USED_KEY_TIP
    editor.remove_button.click()
    assert "false" in [r[0] for r in editor.rows()]


def test_unused_rating_can_be_removed(dialog: ProjectSettingsDialog) -> None:
    editor = dialog.scale_editor
    editor.table.selectRow(row_of(dialog, "misleading"))
    assert editor.remove_button.isEnabled()
    editor.remove_button.click()
    keys = [r.key for r in dialog.result_info().scale]
    assert "misleading" not in keys
    assert len(keys) == len(INFO.scale) - 1


def test_add_and_move(dialog: ProjectSettingsDialog) -> None:
    editor = dialog.scale_editor
    editor.add_button.click()
    assert editor.rows()[-1] == ("rating-1", "New rating", "#607d8b", "")
    assert editor.selected_row() == len(INFO.scale)
    editor.up_button.click()
    assert [r[0] for r in editor.rows()][-2:] == ["rating-1", "satire"]
    editor.table.selectRow(0)
    assert not editor.up_button.isEnabled()
    editor.down_button.click()
    assert [r[0] for r in editor.rows()][:2] == ["mostly-true", "true"]
    assert dialog.ok_button.isEnabled()


def test_reset_keeps_ratings_in_use(dialog: ProjectSettingsDialog) -> None:
    set_cell(dialog, 0, LABEL, "Correct")
    dialog.scale_editor.reset_button.click()
    assert dialog.result_info().scale == (*DEFAULT_SCALE, CUSTOM)


def test_colour_picker_sets_the_colour(
    dialog: ProjectSettingsDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args: QColor("#123456"))
    row = row_of(dialog, "mixed")
    dialog.scale_editor.table.selectRow(row)
    dialog.scale_editor.color_button.click()
    assert dialog.result_info().scale[row].color == "#123456"


def test_cancelled_colour_picker_changes_nothing(
    dialog: ProjectSettingsDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args: QColor())
    dialog.scale_editor.table.selectRow(0)
    dialog.scale_editor.color_button.click()
    assert dialog.result_info() == INFO


def test_get(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_exec(self: ProjectSettingsDialog) -> QDialog.DialogCode:
        self.checker.setText("Robin")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ProjectSettingsDialog, "exec", fake_exec)
    assert ProjectSettingsDialog.get(None, INFO, USED) == replace(INFO, checker="Robin")
    monkeypatch.setattr(ProjectSettingsDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert ProjectSettingsDialog.get(None, INFO, USED) is None


def test_a_blank_checker_shows_who_will_sign_the_verdicts(qtbot: QtBot) -> None:
    from annotator.services.claims import account_name

    dialog = ProjectSettingsDialog(None, replace(INFO, checker=""), USED)
    qtbot.addWidget(dialog)
    assert dialog.checker.text() == ""
    name = account_name()
    expected = f"left blank: “{name}”" if name else "Your name, as shown on verdicts"
    assert expected in dialog.checker.placeholderText()
