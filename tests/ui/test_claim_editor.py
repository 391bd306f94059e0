"""The claim editor emits exactly one intent per finished edit, nothing for unchanged values or
invalid input, and never while it is being filled from a snapshot."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.domain.model import (
    Anchor,
    Claim,
    Claimant,
    ClaimStatus,
    Source,
    SourceLink,
    Stance,
    Verdict,
)
from annotator.domain.ratings import DEFAULT_SCALE
from annotator.domain.reanchor import TextChange
from annotator.services.claims import ClaimEdit
from annotator.ui.dialogs.source_dialog import PickSourceDialog, SourceDialog
from annotator.ui.widgets.claim_editor import EMPTY_HINT, ClaimEditor, changes_note

WHO = Source("s1", "https://www.who.int/vaccines", "Vaccine myths", "WHO")
BLOG = Source("s2", "https://blog.example.org/post", "A blog post", "Example")
# The offscreen platform plugin cannot size real windows and says so when one is shown.

LOCAL = Source("s3", "file:///etc/passwd", "Local file")

CLAIM = Claim(
    id="c1",
    document_id="d1",
    anchor=Anchor(0, 20, "Vaccines cause harm.", "", ""),
    summary="Vaccines cause harm",
    status=ClaimStatus.DRAFT,
    tags=("health", "vaccines"),
    notes="check the study",
    claimant=Claimant("Jane Doe", "Commentator", "https://example.com/jane"),
    claim_date="2024-03-02",
    verdict=Verdict("false", "Studies say otherwise.", "Alex", "2024-05-01T10:00:00Z"),
    sources=(SourceLink(WHO, Stance.REFUTES, "safe"), SourceLink(BLOG, Stance.SUPPORTS)),
)


class Recorder:
    """Every signal the editor emits, in order, as (name, args)."""

    NAMES = (
        "edit_requested",
        "verdict_requested",
        "source_add_requested",
        "source_edit_requested",
        "source_remove_requested",
        "open_url_requested",
    )

    def __init__(self, editor: ClaimEditor) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        for name in self.NAMES:
            getattr(editor, name).connect(lambda *args, n=name: self.calls.append((n, args)))

    def edits(self) -> list[ClaimEdit]:
        return [args[1] for name, args in self.calls if name == "edit_requested"]


@pytest.fixture
def editor(qtbot: QtBot) -> ClaimEditor:
    widget = ClaimEditor()
    qtbot.addWidget(widget)
    widget.set_scale(DEFAULT_SCALE)
    widget.show_claim(CLAIM)
    widget.resize(420, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


@pytest.fixture
def recorder(editor: ClaimEditor) -> Recorder:
    return Recorder(editor)


def type_and_return(qtbot: QtBot, edit: Any, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_summary_emits_only_the_summary(
    qtbot: QtBot, editor: ClaimEditor, recorder: Recorder
) -> None:
    type_and_return(qtbot, editor.summary, "  Vaccines are harmful  ")
    assert recorder.calls == [("edit_requested", ("c1", ClaimEdit(summary="Vaccines are harmful")))]


def test_return_then_focus_out_asks_once(
    qtbot: QtBot, editor: ClaimEditor, recorder: Recorder
) -> None:
    type_and_return(qtbot, editor.summary, "New summary")
    editor.tags.setFocus()
    assert recorder.edits() == [ClaimEdit(summary="New summary")]


def test_unchanged_fields_emit_nothing(
    qtbot: QtBot, editor: ClaimEditor, recorder: Recorder
) -> None:
    type_and_return(qtbot, editor.summary, "Vaccines cause harm")
    type_and_return(qtbot, editor.claimant_name, "Jane Doe")
    type_and_return(qtbot, editor.tags, "health ,vaccines,")
    editor.notes.commit_now()
    assert recorder.calls == []


def test_claimant_name_keeps_the_other_claimant_fields(
    qtbot: QtBot, editor: ClaimEditor, recorder: Recorder
) -> None:
    type_and_return(qtbot, editor.claimant_name, "John Roe")
    type_and_return(qtbot, editor.claimant_role, "Senator")
    assert recorder.edits() == [
        ClaimEdit(claimant=Claimant("John Roe", "Commentator", "https://example.com/jane")),
        ClaimEdit(claimant=Claimant("John Roe", "Senator", "https://example.com/jane")),
    ]


def test_invalid_claimant_link_shows_the_message_and_emits_nothing(
    qtbot: QtBot, editor: ClaimEditor, recorder: Recorder
) -> None:
    type_and_return(qtbot, editor.claimant_url, "javascript:alert(1)")
    assert recorder.calls == []
    assert editor.url_message.isVisible()
    assert editor.url_message.text() == (
        "The claimant link 'javascript:alert(1)' is not a web address; "
        "give a full http:// or https:// URL."
    )
    type_and_return(qtbot, editor.claimant_url, "https://example.com/john")
    assert not editor.url_message.isVisible()
    assert recorder.edits() == [
        ClaimEdit(claimant=Claimant("Jane Doe", "Commentator", "https://example.com/john"))
    ]


def test_claimant_link_can_be_cleared(
    qtbot: QtBot, editor: ClaimEditor, recorder: Recorder
) -> None:
    editor.claimant_url.setFocus()
    editor.claimant_url.clear()
    qtbot.keyClick(editor.claimant_url, Qt.Key.Key_Return)
    assert recorder.edits() == [ClaimEdit(claimant=Claimant("Jane Doe", "Commentator", ""))]


def test_bad_date_shows_the_message_and_emits_nothing(
    qtbot: QtBot, editor: ClaimEditor, recorder: Recorder
) -> None:
    type_and_return(qtbot, editor.claim_date, "2024-13-45")
    assert recorder.calls == []
    assert editor.date_message.text() == (
        "The claim date '2024-13-45' is not a date; use the form YYYY-MM-DD."
    )
    type_and_return(qtbot, editor.claim_date, "2024-02-29")
    assert recorder.edits() == [ClaimEdit(claim_date="2024-02-29")]
    assert not editor.date_message.isVisible()


def test_status_combo_emits_on_change(editor: ClaimEditor, recorder: Recorder) -> None:
    editor.status.setCurrentIndex(editor.status.findData(ClaimStatus.DONE.value))
    assert recorder.calls == [("edit_requested", ("c1", ClaimEdit(status=ClaimStatus.DONE)))]


def test_tags_are_split_on_commas(qtbot: QtBot, editor: ClaimEditor, recorder: Recorder) -> None:
    type_and_return(qtbot, editor.tags, " health, ,  covid  19 ,")
    assert recorder.edits() == [ClaimEdit(tags=("health", "covid 19"))]


def test_notes_commit_on_ctrl_return(qtbot: QtBot, editor: ClaimEditor, recorder: Recorder) -> None:
    editor.notes.setFocus()
    editor.notes.selectAll()
    qtbot.keyClicks(editor.notes, "Called the ministry")
    qtbot.keyClick(editor.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert recorder.edits() == [ClaimEdit(notes="Called the ministry")]
    assert editor.notes.toPlainText() == "Called the ministry"  # Ctrl+Return adds no line


def test_notes_commit_after_a_pause_in_typing(
    qtbot: QtBot, editor: ClaimEditor, recorder: Recorder
) -> None:
    editor.notes.setFocus()
    editor.notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.notes, "!")
    assert recorder.calls == []
    with qtbot.waitSignal(editor.edit_requested, timeout=3000):
        pass
    assert recorder.edits() == [ClaimEdit(notes="check the study!")]


def test_notes_commit_on_focus_out(qtbot: QtBot, editor: ClaimEditor, recorder: Recorder) -> None:
    editor.notes.setFocus()
    editor.notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.notes, "?")
    editor.summary.setFocus()
    assert recorder.edits() == [ClaimEdit(notes="check the study?")]


def test_show_claim_emits_nothing(editor: ClaimEditor, recorder: Recorder) -> None:
    other = replace(
        CLAIM,
        id="c2",
        summary="Other",
        status=ClaimStatus.DONE,
        verdict=None,
        sources=(),
        tags=(),
    )
    editor.show_claim(other)
    editor.show_claim(replace(other, verdict=Verdict("true"), status=ClaimStatus.IN_REVIEW))
    editor.show_claim(None)
    editor.show_claim(CLAIM)
    assert recorder.calls == []
    assert editor.summary.text() == "Vaccines cause harm"
    assert editor.verdict.current_key() == "false"


def test_refresh_keeps_the_field_being_typed_in(
    qtbot: QtBot, editor: ClaimEditor, recorder: Recorder
) -> None:
    editor.summary.setFocus()
    editor.summary.selectAll()
    qtbot.keyClicks(editor.summary, "Half typed")
    editor.summary.setCursorPosition(4)
    editor.show_claim(replace(CLAIM, notes="changed elsewhere", claim_date="2020-01-01"))
    assert editor.summary.text() == "Half typed"
    assert editor.summary.hasFocus()
    assert editor.summary.cursorPosition() == 4
    assert editor.notes.toPlainText() == "changed elsewhere"
    assert editor.claim_date.text() == "2020-01-01"
    assert recorder.calls == []


def test_refresh_keeps_a_notes_draft_after_a_debounced_save(
    qtbot: QtBot, editor: ClaimEditor, recorder: Recorder
) -> None:
    editor.notes.setFocus()
    editor.notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.notes, " soon")
    editor.notes.commit_now()
    qtbot.keyClicks(editor.notes, " more")  # typed while the save was on its way
    editor.show_claim(replace(CLAIM, notes="check the study soon"))
    assert editor.notes.toPlainText() == "check the study soon more"
    assert editor.notes.textCursor().position() == len("check the study soon more")


def test_refresh_updates_a_focused_field_the_user_has_not_changed(editor: ClaimEditor) -> None:
    editor.summary.setFocus()
    editor.show_claim(replace(CLAIM, summary="Undone summary"))
    assert editor.summary.text() == "Undone summary"


def test_another_claim_replaces_even_the_focused_field(qtbot: QtBot, editor: ClaimEditor) -> None:
    editor.summary.setFocus()
    qtbot.keyClicks(editor.summary, " draft")
    editor.show_claim(replace(CLAIM, id="c2", summary="Second claim"))
    assert editor.summary.text() == "Second claim"


def test_empty_state(editor: ClaimEditor) -> None:
    editor.show_claim(None)
    assert editor.current_claim() is None
    assert editor.empty_page.isVisible()
    assert editor.empty_page.text() == EMPTY_HINT
    assert not editor.summary.isVisible()


def test_current_claim_is_the_snapshot_shown(editor: ClaimEditor) -> None:
    assert editor.current_claim() is CLAIM


def test_verdict_change_emits_verdict_requested(editor: ClaimEditor, recorder: Recorder) -> None:
    combo = editor.verdict.rating
    assert combo.count() == len(DEFAULT_SCALE) + 1
    combo.setCurrentIndex(combo.findData("mostly-false"))
    combo.setCurrentIndex(0)
    assert recorder.calls == [
        ("verdict_requested", ("c1", "mostly-false", "Studies say otherwise.")),
        ("verdict_requested", ("c1", None, "")),
    ]


def test_rationale_commit_emits_verdict_requested(
    qtbot: QtBot, editor: ClaimEditor, recorder: Recorder
) -> None:
    editor.verdict.rationale.setFocus()
    editor.verdict.rationale.selectAll()
    qtbot.keyClicks(editor.verdict.rationale, "Three trials found no harm.")
    qtbot.keyClick(editor.verdict.rationale, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    editor.summary.setFocus()  # a focus-out after the commit asks for nothing more
    assert recorder.calls == [("verdict_requested", ("c1", "false", "Three trials found no harm."))]


def test_rationale_is_disabled_without_a_verdict(editor: ClaimEditor) -> None:
    editor.show_claim(replace(CLAIM, verdict=None))
    assert editor.verdict.current_key() is None
    assert not editor.verdict.rationale.isEnabled()


def test_a_rating_missing_from_the_scale_is_still_shown(editor: ClaimEditor) -> None:
    editor.show_claim(replace(CLAIM, verdict=Verdict("retired")))
    assert editor.verdict.current_key() == "retired"
    assert "not in scale" in editor.verdict.rating.currentText()


def select_source(editor: ClaimEditor, row: int) -> None:
    editor.sources.list.setCurrentRow(row)


def test_add_source_emits_the_dialog_result(
    editor: ClaimEditor, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = Source("", "https://new.example.org", "New")
    monkeypatch.setattr(
        SourceDialog, "get_new", classmethod(lambda cls, parent: (new, Stance.SUPPORTS, "x"))
    )
    editor.sources.add_button.click()
    assert recorder.calls == [("source_add_requested", ("c1", new, Stance.SUPPORTS, "x"))]


def test_cancelled_dialogs_emit_nothing(
    editor: ClaimEditor, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SourceDialog, "get_new", classmethod(lambda cls, parent: None))
    monkeypatch.setattr(SourceDialog, "get_edit", classmethod(lambda cls, parent, link: None))
    editor.sources.add_button.click()
    select_source(editor, 0)
    editor.sources.edit_button.click()
    assert recorder.calls == []


def test_add_existing_offers_the_unlinked_project_sources(
    editor: ClaimEditor, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = Source("s9", "https://other.example", "Other")
    seen: dict[str, Any] = {}

    def fake_get(cls: Any, parent: Any, sources: list[Source], exclude_ids: set[str]) -> Any:
        seen.update(sources=sources, exclude=exclude_ids)
        return other, Stance.CONTEXT, ""

    monkeypatch.setattr(PickSourceDialog, "get", classmethod(fake_get))
    editor.set_project_sources([WHO])
    assert not editor.sources.add_existing_button.isEnabled()  # WHO is already linked
    editor.set_project_sources([WHO, other])
    editor.sources.add_existing_button.click()
    assert seen == {"sources": [WHO, other], "exclude": {"s1", "s2"}}
    assert recorder.calls == [("source_add_requested", ("c1", other, Stance.CONTEXT, ""))]


def test_edit_source_emits_old_link_and_new_values(
    editor: ClaimEditor, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = replace(BLOG, title="A better title")
    monkeypatch.setattr(
        SourceDialog,
        "get_edit",
        classmethod(lambda cls, parent, link: (edited, Stance.REFUTES, "quote")),
    )
    select_source(editor, 1)
    editor.sources.edit_button.click()
    assert recorder.calls == [
        ("source_edit_requested", ("c1", CLAIM.sources[1], edited, Stance.REFUTES, "quote"))
    ]


def test_edit_without_changes_emits_nothing(
    editor: ClaimEditor, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        SourceDialog,
        "get_edit",
        classmethod(lambda cls, parent, link: (link.source, link.stance, link.excerpt)),
    )
    select_source(editor, 0)
    editor.sources.edit_button.click()
    assert recorder.calls == []


def test_remove_and_open_use_the_selected_source(editor: ClaimEditor, recorder: Recorder) -> None:
    assert not editor.sources.remove_button.isEnabled()
    select_source(editor, 0)
    editor.sources.open_button.click()
    editor.sources.remove_button.click()
    assert recorder.calls == [
        ("open_url_requested", ("https://www.who.int/vaccines",)),
        ("source_remove_requested", ("c1", "s1")),
    ]


def test_open_is_refused_for_non_web_urls(editor: ClaimEditor, recorder: Recorder) -> None:
    editor.show_claim(replace(CLAIM, sources=(SourceLink(LOCAL),)))
    select_source(editor, 0)
    assert not editor.sources.open_button.isEnabled()
    editor.sources.open_action.trigger()
    assert recorder.calls == []


def test_refresh_keeps_the_selected_source(editor: ClaimEditor) -> None:
    select_source(editor, 1)
    editor.show_claim(replace(CLAIM, sources=(*CLAIM.sources, SourceLink(LOCAL))))
    link = editor.sources.selected_link()
    assert link is not None
    assert link.source.id == "s2"


def test_tab_order_follows_the_form(qtbot: QtBot, editor: ClaimEditor) -> None:
    editor.summary.setFocus()
    order = []
    for _ in range(9):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [
        editor.claimant_name,
        editor.claimant_role,
        editor.claimant_url,
        editor.claim_date,
        editor.status,
        editor.tags,
        editor.notes,
        editor.verdict.rating,
        editor.verdict.rationale,
    ]


def test_changes_note_names_each_edit_plainly_and_shortens_long_ones() -> None:
    long_text = "word " * 40
    note = changes_note(
        (
            TextChange("19", "21", "replace"),
            TextChange("", "By most accounts,", "insert"),
            TextChange(long_text, "", "delete"),
        )
    )
    lines = note.splitlines()
    assert lines[0] == "Changed here in the latest revision:"
    assert lines[1] == "“19” → “21”"
    assert lines[2] == "added “By most accounts,”"
    assert lines[3].startswith("removed “word word")
    assert lines[3].endswith(" word…”")  # cut after a whole word
    assert len(lines[3]) < 100
    assert changes_note(()) == ""
