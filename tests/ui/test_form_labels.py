"""Form labels are real buddies (Alt+letter focuses the field, no literal '&' is shown), and an
error message that wraps after a dialog is shown gets the lines it needs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from annotator.domain.model import ProjectInfo, Publisher
from annotator.domain.ratings import DEFAULT_SCALE
from annotator.ui.dialogs.project_settings import ProjectSettingsDialog
from annotator.ui.dialogs.source_dialog import SourceDialog
from annotator.ui.widgets.claim_editor import ClaimEditor

BAD_URL = "example.org/a/long/path/that/is/not/a/valid/url/because/it/has/no/scheme/at/all"


def labels_by_text(parent: QWidget) -> dict[str, QLabel]:
    return {label.text(): label for label in parent.findChildren(QLabel) if label.text()}


def mnemonic_labels(parent: QWidget) -> list[QLabel]:
    return [label for label in parent.findChildren(QLabel) if "&" in label.text()]


@pytest.fixture
def source_dialog(qtbot: QtBot) -> SourceDialog:
    dialog = SourceDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_published_label_is_a_buddy_of_the_first_date(
    qtbot: QtBot, source_dialog: SourceDialog
) -> None:
    label = labels_by_text(source_dialog)["Pu&blished:"]
    assert label.buddy() is source_dialog.published
    source_dialog.url.setFocus()
    qtbot.keyClick(source_dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert source_dialog.published.hasFocus()


def test_every_mnemonic_label_has_a_focusable_buddy(source_dialog: SourceDialog) -> None:
    # A label without a buddy draws its '&' literally; one whose buddy is a plain container
    # moves the focus nowhere useful.
    settings = ProjectSettingsDialog(
        None, ProjectInfo("T", DEFAULT_SCALE, Publisher("", "", "", ""), ""), set()
    )
    editor = ClaimEditor()
    try:
        for parent in (source_dialog, settings, editor):
            for label in mnemonic_labels(parent):
                buddy = label.buddy()
                assert buddy is not None, label.text()
                assert buddy.focusPolicy() != Qt.FocusPolicy.NoFocus, label.text()
    finally:
        settings.deleteLater()
        editor.deleteLater()


def test_link_and_title_labels_focus_the_line_edit() -> None:
    editor = ClaimEditor()
    settings = ProjectSettingsDialog(
        None, ProjectInfo("T", DEFAULT_SCALE, Publisher("", "", "", ""), ""), set()
    )
    try:
        assert labels_by_text(editor)["Lin&k:"].buddy() is editor.claimant_url
        assert labels_by_text(editor)["D&ate:"].buddy() is editor.claim_date
        assert labels_by_text(settings)["&Title:"].buddy() is settings.title_edit
        assert isinstance(labels_by_text(settings)["&Website:"].buddy(), QLineEdit)
    finally:
        editor.deleteLater()
        settings.deleteLater()


def test_url_error_typed_after_showing_wraps_unclipped(
    qtbot: QtBot, source_dialog: SourceDialog
) -> None:
    source_dialog.url.setFocus()
    qtbot.keyClicks(source_dialog.url, BAD_URL)
    message = source_dialog.url_message
    assert message.isVisible()
    needed = message.heightForWidth(message.width())
    assert needed > message.fontMetrics().lineSpacing() * 1.5  # it does wrap
    qtbot.waitUntil(lambda: message.height() >= message.heightForWidth(message.width()))


def test_editor_mnemonics_are_unique_and_leave_the_menus_alone(sample_window) -> None:  # type: ignore[no-untyped-def]
    import re

    def letter(text: str) -> str:
        found = re.search(r"&(\w)", text)
        return found.group(1).lower() if found else ""

    menus = {letter(a.text()) for a in sample_window.menuBar().actions()}
    assert menus >= {"f", "e", "c", "d", "h"}
    bench = sample_window.workbench
    letters = [letter(label.text()) for label in mnemonic_labels(bench.editor)]
    assert len(letters) == len(set(letters))
    assert not set(letters) & menus
