"""The source dialogs validate as the user types and return (Source, Stance, excerpt)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from annotator.domain.model import Source, SourceLink, Stance
from annotator.ui.dialogs.source_dialog import PickSourceDialog, SourceDialog

REPORT = Source(
    "s1",
    "https://www.who.int/report",
    "Vaccine safety report",
    "WHO",
    "WHO staff",
    "2023-01-02",
    "2024-05-01",
    "report",
)
BLOG = Source("s2", "https://blog.example.org/post", "A blog post", "Example Blog")
PAPER = Source("s3", "https://journal.example/paper", "", "The Journal")


@pytest.fixture
def new_dialog(qtbot: QtBot) -> SourceDialog:
    dialog = SourceDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_ok_is_disabled_until_a_url_is_given(new_dialog: SourceDialog) -> None:
    assert not new_dialog.ok_button.isEnabled()
    assert not new_dialog.url_message.isVisible()  # nothing typed yet: no scolding
    new_dialog.url.setText("https://example.org/a")
    assert new_dialog.ok_button.isEnabled()


def test_a_bad_url_shows_the_message_and_disables_ok(new_dialog: SourceDialog) -> None:
    new_dialog.url.setText("www.example.org")
    assert not new_dialog.ok_button.isEnabled()
    assert new_dialog.url_message.isVisible()
    assert new_dialog.url_message.text() == (
        "The source URL 'www.example.org' is not a full web address; "
        "did you mean 'https://www.example.org'?"
    )
    new_dialog.url.setText("http://www.example.org")
    assert not new_dialog.url_message.isVisible()
    assert new_dialog.ok_button.isEnabled()


def test_a_bad_date_disables_ok(new_dialog: SourceDialog) -> None:
    new_dialog.url.setText("https://example.org")
    new_dialog.published.setText("yesterday")
    assert not new_dialog.ok_button.isEnabled()
    assert new_dialog.date_message.text() == (
        "The published date 'yesterday' is not a date; use the form YYYY-MM-DD."
    )


def test_new_source_result(new_dialog: SourceDialog) -> None:
    assert new_dialog.accessed.text() == QDate.currentDate().toString(Qt.DateFormat.ISODate)
    new_dialog.url.setText("  https://example.org/a  ")
    new_dialog.title_edit.setText(" Title ")
    new_dialog.publisher.setText("Pub")
    new_dialog.type.setCurrentIndex(new_dialog.type.findData("dataset"))
    new_dialog.link_fields.stance_button(Stance.REFUTES).click()
    new_dialog.link_fields.excerpt.setPlainText(" the key passage \n")
    source, stance, excerpt = new_dialog.result_link()
    assert source == Source(
        id="",
        url="https://example.org/a",
        title="Title",
        publisher="Pub",
        accessed=new_dialog.accessed.text(),
        type="dataset",
    )
    assert (stance, excerpt) == (Stance.REFUTES, "the key passage")


def test_edit_dialog_is_filled_and_keeps_the_id(qtbot: QtBot) -> None:
    link = SourceLink(REPORT, Stance.SUPPORTS, "excerpt")
    dialog = SourceDialog(None, link)
    qtbot.addWidget(dialog)
    assert dialog.ok_button.isEnabled()
    assert dialog.result_link() == (REPORT, Stance.SUPPORTS, "excerpt")
    dialog.title_edit.setText("Renamed")
    source, _, _ = dialog.result_link()
    assert source.id == "s1"
    assert source.title == "Renamed"


def test_an_unknown_source_type_is_kept(qtbot: QtBot) -> None:
    dialog = SourceDialog(None, SourceLink(Source("s", "https://x.org", type="thesis")))
    qtbot.addWidget(dialog)
    assert dialog.result_link()[0].type == "thesis"


def accept_with(setup: Any) -> Any:
    def fake_exec(self: QDialog) -> QDialog.DialogCode:
        setup(self)
        return QDialog.DialogCode.Accepted

    return fake_exec


def test_get_new_and_get_edit(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        SourceDialog, "exec", accept_with(lambda d: d.url.setText("https://a.example"))
    )
    result = SourceDialog.get_new(None)
    assert result is not None
    assert (result[0].id, result[0].url, result[1]) == ("", "https://a.example", Stance.CONTEXT)
    link = SourceLink(REPORT, Stance.REFUTES)
    edited = SourceDialog.get_edit(None, link)
    assert edited == (replace(REPORT, url="https://a.example"), Stance.REFUTES, "")


def test_cancel_returns_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SourceDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert SourceDialog.get_new(None) is None
    monkeypatch.setattr(PickSourceDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert PickSourceDialog.get(None, [REPORT], set()) is None


@pytest.fixture
def picker(qtbot: QtBot) -> PickSourceDialog:
    dialog = PickSourceDialog(None, [REPORT, BLOG, PAPER], {"s2"})
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def listed(dialog: PickSourceDialog) -> list[str]:
    return [
        dialog.list.item(row).data(Qt.ItemDataRole.UserRole).id
        for row in range(dialog.list.count())
    ]


def test_picker_leaves_out_linked_sources(picker: PickSourceDialog) -> None:
    assert listed(picker) == ["s1", "s3"]
    assert picker.ok_button.isEnabled()  # the first one is selected


def test_picker_filters_by_title_url_and_publisher(picker: PickSourceDialog) -> None:
    picker.filter.setText("journal")
    assert listed(picker) == ["s3"]
    picker.filter.setText("who vaccine")
    assert listed(picker) == ["s1"]
    picker.filter.setText("nothing like this")
    assert listed(picker) == []
    assert not picker.ok_button.isEnabled()
    assert picker.empty.isVisible()


def test_picker_result(picker: PickSourceDialog) -> None:
    picker.list.setCurrentRow(1)
    picker.link_fields.stance_button(Stance.SUPPORTS).click()
    picker.link_fields.excerpt.setPlainText("passage")
    assert picker.result_link() == (PAPER, Stance.SUPPORTS, "passage")


def test_picker_get(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PickSourceDialog, "exec", accept_with(lambda d: d.filter.setText("blog")))
    # Everything else is linked, so the filter finds the blog, which is then picked.
    assert PickSourceDialog.get(None, [REPORT, BLOG], {"s1"}) == (BLOG, Stance.CONTEXT, "")


def test_picker_with_nothing_left_explains_why(qtbot: QtBot) -> None:
    dialog = PickSourceDialog(None, [BLOG], {"s2"})
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert dialog.empty.text() == "Every source of this project is already linked to this claim."


def test_a_bare_address_is_completed_to_https_instead_of_refused(qtbot: QtBot) -> None:
    from annotator.domain.checks import check_url, web_address_guess
    from annotator.errors import ValidationError

    dialog = SourceDialog(None)
    qtbot.addWidget(dialog)
    dialog.url.setText("sipri.org/databases/armstransfers")
    dialog.url.editingFinished.emit()
    assert dialog.url.text() == "https://sipri.org/databases/armstransfers"
    assert dialog.url_message.text() == ""
    assert dialog.ok_button.isEnabled()
    assert web_address_guess("not an address") == ""
    assert web_address_guess("https://example.org") == ""
    assert web_address_guess("logo.png") == ""
    with pytest.raises(ValidationError) as error:
        check_url("www.sipri.org/x")
    assert str(error.value) == (
        "The source URL 'www.sipri.org/x' is not a full web address; did you mean "
        "'https://www.sipri.org/x'?"
    )
