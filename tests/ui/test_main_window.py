"""The window as a user drives it: keyboard shortcuts, find, claims, verdicts, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.domain.changes import claim_edited
from annotator.domain.model import Source, Stance
from annotator.services import Workspace
from annotator.settings import Settings
from annotator.ui.dialogs.revision_dialog import RevisionChangesDialog
from annotator.ui.main_window import MainWindow
from tests.conftest import SAMPLE_CLAIM
from tests.ui.conftest import DialogRecorder


def _workbench(window: MainWindow):  # type: ignore[no-untyped-def]
    assert window.workbench is not None
    return window.workbench


def find(qtbot: QtBot, window: MainWindow, text: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bench = _workbench(window)
    assert bench.find_bar.isVisible()
    assert bench.find_bar.line.hasFocus()
    qtbot.keyClicks(bench.find_bar.line, text)
    qtbot.keyClick(bench.find_bar.line, Qt.Key.Key_Return)
    qtbot.keyClick(bench.find_bar.line, Qt.Key.Key_Escape)


def test_sample_opens_with_title(sample_window: MainWindow) -> None:
    assert "Sample" in sample_window.windowTitle()
    bench = _workbench(sample_window)
    assert bench.current_document is not None
    assert bench.article.toPlainText().startswith("Islamabad")


def test_find_then_mark_then_rate(qtbot: QtBot, sample_window: MainWindow) -> None:
    bench = _workbench(sample_window)
    find(qtbot, sample_window, SAMPLE_CLAIM)
    assert not bench.find_bar.isVisible()
    assert bench.article.hasFocus()
    assert bench.article.textCursor().selectedText() == SAMPLE_CLAIM
    qtbot.keyClick(bench.article, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    claim = bench.selected_claim()
    assert claim is not None
    assert claim.quote == SAMPLE_CLAIM
    assert bench.editor.current_claim() == claim
    qtbot.keyClick(bench.article, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    rated = bench.selected_claim()
    assert rated is not None
    assert rated.rating_key == "false"
    assert sample_window.undo_action.text() == "&Undo Set verdict"
    qtbot.keyClick(bench.article, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert bench.selected_claim().rating_key is None  # type: ignore[union-attr]


def test_find_with_shift_enter_goes_back(qtbot: QtBot, sample_window: MainWindow) -> None:
    bench = _workbench(sample_window)
    qtbot.keyClick(sample_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bench.find_bar.line, "Russia")
    first = bench.article.textCursor().selectionStart()
    qtbot.keyClick(bench.find_bar.line, Qt.Key.Key_Return)
    second = bench.article.textCursor().selectionStart()
    assert second > first
    qtbot.keyClick(bench.find_bar.line, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bench.article.textCursor().selectionStart() == first


def test_ctrl_e_without_selection_explains(qtbot: QtBot, sample_window: MainWindow) -> None:
    bench = _workbench(sample_window)
    bench.article.setTextCursor(QTextCursor(bench.article.document()))
    qtbot.keyClick(bench.article, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert "Select the words of the claim" in sample_window.statusBar().currentMessage()
    assert bench.panel.model.rowCount() == 0


def _mark(qtbot: QtBot, window: MainWindow, quote: str) -> None:
    bench = _workbench(window)
    text = bench.current_document.text  # type: ignore[union-attr]
    start = text.index(quote)
    bench.article.select_offsets(start, start + len(quote))
    qtbot.keyClick(bench.article, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)


def test_next_previous_and_delete_with_undo(qtbot: QtBot, sample_window: MainWindow) -> None:
    bench = _workbench(sample_window)
    for quote in ("Islamabad", SAMPLE_CLAIM, "Sergey Ryabkov"):
        _mark(qtbot, sample_window, quote)
    # Article order: Islamabad, Sergey Ryabkov, then the helicopters; the last mark is selected.
    qtbot.keyClick(bench.article, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert bench.selected_claim().quote == "Islamabad"  # type: ignore[union-attr]
    qtbot.keyClick(bench.article, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(bench.article, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert bench.selected_claim().quote == SAMPLE_CLAIM  # type: ignore[union-attr]
    claim = bench.selected_claim()
    assert claim is not None
    session = sample_window.session
    assert session is not None
    source = session.workspace.sources.add(Source("", "https://example.org/deal", "Deal"))
    session.apply(
        lambda w: claim_edited(w.sources.link(claim.id, source.id, Stance.SUPPORTS, "excerpt"))
    )
    session.apply(lambda w: claim_edited(w.claims.set_verdict(claim.id, "true", "because")))
    before = session.workspace.claims.get(claim.id)
    bench.panel.table.setFocus()
    qtbot.keyClick(bench.panel.table, Qt.Key.Key_Delete)
    assert bench.panel.model.rowCount() == 2
    assert "Claim deleted" in sample_window.statusBar().currentMessage()
    qtbot.keyClick(sample_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert bench.panel.model.rowCount() == 3
    assert session.workspace.claims.get(claim.id) == before
    qtbot.keyClick(
        sample_window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert bench.panel.model.rowCount() == 2


def test_highlight_covers_exactly_the_quote(qtbot: QtBot, sample_window: MainWindow) -> None:
    bench = _workbench(sample_window)
    _mark(qtbot, sample_window, SAMPLE_CLAIM)
    document = bench.article.document()
    text = bench.current_document.text  # type: ignore[union-attr]
    start = text.index(SAMPLE_CLAIM)
    block = document.findBlock(start)
    formats = block.layout().formats()
    covered = {
        block.position() + f.start + i
        for f in formats
        if f.format.background().style() != Qt.BrushStyle.NoBrush
        for i in range(f.length)
    }
    assert covered == set(range(start, start + len(SAMPLE_CLAIM)))


def test_view_text_equals_stored_text(sample_window: MainWindow) -> None:
    bench = _workbench(sample_window)
    raw = bench.article.document().toRawText().replace("\u2029", "\n")
    assert raw == bench.current_document.text  # type: ignore[union-attr]


def test_clicking_a_highlight_selects_the_claim(qtbot: QtBot, sample_window: MainWindow) -> None:
    bench = _workbench(sample_window)
    _mark(qtbot, sample_window, SAMPLE_CLAIM)
    bench.panel.select_claim(None)
    bench.article.setTextCursor(QTextCursor(bench.article.document()))
    text = bench.current_document.text  # type: ignore[union-attr]
    cursor = QTextCursor(bench.article.document())
    cursor.setPosition(text.index(SAMPLE_CLAIM) + 5)
    point = bench.article.cursorRect(cursor).center()
    qtbot.mouseClick(bench.article.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert bench.selected_claim() is not None
    assert bench.selected_claim().quote == SAMPLE_CLAIM  # type: ignore[union-attr]


def test_second_window_on_the_same_project_is_refused(
    qtbot: QtBot, sample_window: MainWindow, dialogs: DialogRecorder
) -> None:
    other = MainWindow(Settings())
    qtbot.addWidget(other)
    path = sample_window.session.path  # type: ignore[union-attr]
    assert not other.open_path(path)
    assert "already open for editing" in dialogs.messages[-1][1]
    other.close()


def test_missing_recent_project_is_explained(
    window: MainWindow, dialogs: DialogRecorder, tmp_path: Path
) -> None:
    assert not window.open_path(tmp_path / "gone.factcheck")
    assert "does not exist" in dialogs.messages[-1][1]


def test_settings_remember_last_project_and_geometry(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    path = sample_window.session.path  # type: ignore[union-attr]
    sample_window.resize(780, 520)  # inside the offscreen screen (800x600)
    sample_window.close()
    from annotator.settings import load_settings

    settings = load_settings()
    assert settings.last_project == str(path.resolve())
    assert settings.window_geometry
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.width() == 780
    again.close()


def test_shortcut_list_names_every_shortcut_the_window_has(sample_window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence

    from annotator.ui.actions import shortcut_help

    listed = " ".join(keys for keys, _ in shortcut_help())
    for action in [*sample_window.action_map.values(), sample_window.undo_action]:
        for key in action.shortcuts():
            shown = key.toString(QKeySequence.SequenceFormat.PortableText)
            if shown.startswith("Ctrl+") and shown[5:].isdigit():
                shown = "Ctrl+0" if shown == "Ctrl+0" else "Ctrl+1"  # listed as Ctrl+1 … Ctrl+9
            assert shown in listed, f"{action.text()} ({shown}) is not in the shortcut list"
    assert "Ctrl+Shift+Z" in listed
    assert "Ctrl+Y" in listed  # redo's own keys (the platform may add more)


def test_typing_is_kept_when_the_selected_claim_changes(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = _workbench(sample_window)
    for quote in ("Islamabad", SAMPLE_CLAIM):
        _mark(qtbot, sample_window, quote)
    bench.panel.select_claim(bench.panel.model.claims()[0].id)
    first = bench.selected_claim()
    assert first is not None
    bench.editor.summary.setFocus()
    qtbot.keyClicks(bench.editor.summary, "typed for the first claim")
    bench.editor.notes.setPlainText("notes typed, not yet saved")
    qtbot.keyClick(bench.editor.summary, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert bench.selected_claim().id != first.id  # type: ignore[union-attr]
    session = sample_window.session
    assert session is not None
    saved = session.workspace.claims.get(first.id)
    assert saved.summary == "typed for the first claim"
    assert saved.notes == "notes typed, not yet saved"
    assert bench.editor.summary.text() == ""  # the second claim's own (empty) summary


def test_hover_shows_verdict_and_summary(qtbot: QtBot, sample_window: MainWindow) -> None:
    from annotator.domain.model import ClaimEdit

    bench = _workbench(sample_window)
    _mark(qtbot, sample_window, SAMPLE_CLAIM)
    claim = bench.selected_claim()
    assert claim is not None
    session = sample_window.session
    assert session is not None
    edit = ClaimEdit(summary="Russia gave <four> helicopters")
    session.apply(lambda w: claim_edited(w.claims.update(claim.id, edit)))
    session.apply(lambda w: claim_edited(w.claims.set_verdict(claim.id, "mixed", "")))
    text = bench.current_document.text  # type: ignore[union-attr]
    cursor = QTextCursor(bench.article.document())
    cursor.setPosition(text.index(SAMPLE_CLAIM) + 3)
    tip = bench.article.tooltip_at(bench.article.cursorRect(cursor).center())
    assert tip == "<b>Mixed</b> — Russia gave &lt;four&gt; helicopters"
    assert (
        bench.article.tooltip_at(
            bench.article.cursorRect(QTextCursor(bench.article.document())).center()
        )
        == ""
    )


def test_selecting_a_claim_scrolls_the_article_to_it(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = _workbench(sample_window)
    _mark(qtbot, sample_window, SAMPLE_CLAIM)
    _mark(qtbot, sample_window, "Islamabad")
    sample_window.resize(900, 500)
    qtbot.wait(10)
    bar = bench.article.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(0)
    qtbot.keyClick(bench.article, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert bench.selected_claim().quote == SAMPLE_CLAIM  # type: ignore[union-attr]
    assert bar.value() > 0


def _project_with(path: Path, *texts: str) -> Workspace:
    from annotator.formats.importers import import_pasted_text

    workspace = Workspace.create(path, path.stem)
    for text in texts:
        workspace.documents.add(import_pasted_text(text))
    return workspace


def test_document_menu_acts_on_the_article_on_screen_after_switching_projects(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _project_with(tmp_path / "one.factcheck", "Alpha article text.", "Beta article.")
    window.set_workspace(first)
    bench = _workbench(window)
    second_id = first.documents.all()[1].id
    bench.show_document(second_id)
    other = _project_with(tmp_path / "two.factcheck", "Gamma, the only article.")
    window.set_workspace(other)
    assert window.action_map["update-document"].isEnabled()
    assert window.action_map["delete-document"].isEnabled()
    monkeypatch.setattr(RevisionChangesDialog, "exec", lambda _self: 0)
    newer = tmp_path / "gamma-v2.txt"
    newer.write_text("Gamma, the only article, revised.", encoding="utf-8")
    assert window.documents.apply_new_version(newer) is not None
    assert [d.revision for d in other.documents.all()] == [2]
    window.close_project()
    assert not window.action_map["update-document"].isEnabled()


def test_removing_an_article_asks_with_no_as_the_default(
    window: MainWindow, dialogs: DialogRecorder, tmp_path: Path
) -> None:
    workspace = _project_with(tmp_path / "p.factcheck", "Alpha article text.")
    [document] = workspace.documents.all()
    workspace.claims.add_by_quote(document.id, "Alpha")
    window.set_workspace(workspace)
    dialogs.answer = QMessageBox.StandardButton.No
    window.documents.delete_document()
    assert "and its 1 claim from the project" in dialogs.messages[-1][1]
    assert dialogs.defaults[-1] == QMessageBox.StandardButton.No
    assert [d.id for d in workspace.documents.all()] == [document.id]


def test_quitting_right_after_typing_saves_the_typing_and_writes_nothing_after_close(
    qtbot: QtBot, sample_window: MainWindow, dialogs: DialogRecorder
) -> None:
    _mark(qtbot, sample_window, "Islamabad")
    bench = _workbench(sample_window)
    claim = bench.selected_claim()
    assert claim is not None
    session = sample_window.session
    assert session is not None
    path = session.path
    stored_at_close: list[str] = []
    close = session.close

    def close_and_look() -> None:
        stored_at_close.append(session.workspace.claims.get(claim.id).summary)
        close()

    session.close = close_and_look  # type: ignore[method-assign]
    bench.editor.summary.setFocus()
    qtbot.keyClicks(bench.editor.summary, "typed just before quitting")
    sample_window.close()
    QApplication.processEvents()
    # Stored while the project was still open (with its writer lock), not on a late focus-out.
    assert stored_at_close == ["typed just before quitting"]
    assert dialogs.messages == []
    reopened = Workspace.open(path, read_only=True)
    try:
        assert reopened.claims.get(claim.id).summary == "typed just before quitting"
    finally:
        reopened.close()


def test_a_project_reopens_on_the_article_and_claim_it_was_left_on(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from annotator.settings import load_settings

    path = tmp_path / "left.factcheck"
    workspace = _project_with(path, "Alpha article text.", "Beta article, second.")
    second = workspace.documents.all()[1]
    claim = workspace.claims.add_by_quote(second.id, "second")
    window.set_workspace(workspace)
    bench = _workbench(window)
    bench.show_document(second.id)
    bench.panel.select_claim(claim.id)
    window.close()

    again = MainWindow(load_settings())
    qtbot.addWidget(again)
    assert again.open_path(path)
    reopened = _workbench(again)
    assert reopened.current_document is not None
    assert reopened.current_document.id == second.id
    assert reopened.panel.selected_claim_id() == claim.id
    again.close()


def test_undo_shows_the_article_and_claim_it_changed(window: MainWindow, tmp_path: Path) -> None:
    workspace = _project_with(tmp_path / "two.factcheck", "Alpha article text.", "Beta article.")
    first, second = workspace.documents.all()
    claim = workspace.claims.add_by_quote(first.id, "Alpha")
    window.set_workspace(workspace)
    bench = _workbench(window)
    bench.show_document(first.id)
    bench.panel.select_claim(claim.id)
    bench.set_verdict("true")
    bench.show_document(second.id)
    messages: list[str] = []
    bench.status_message.connect(messages.append)
    window.undo_stack.undo()
    shown = bench.current_document
    assert shown is not None
    assert shown.id == first.id
    assert bench.panel.selected_claim_id() == claim.id
    assert messages[-1] == "Undone: set verdict."


def test_a_project_whose_content_cannot_be_read_is_closed_again_and_explained(
    window: MainWindow, dialogs: DialogRecorder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.errors import ProjectError
    from annotator.services.documents import DocumentService

    path = tmp_path / "damaged.factcheck"
    _project_with(path, "Alpha article text.").close()

    def damaged(_self: DocumentService) -> list[object]:
        raise ProjectError(f"{path} is damaged (database disk image is malformed).")

    monkeypatch.setattr(DocumentService, "all", damaged)
    assert not window.open_path(path)
    assert "is damaged" in dialogs.messages[-1][1]
    assert window.session is None
    assert window.workbench is None
    monkeypatch.undo()
    Workspace.open(path).close()  # the writer lock was released
    assert window.open_path(path)  # and opening it again works once it can be read


def test_redo_has_each_key_once_and_works_from_the_keyboard(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    keys = [key.toString() for key in sample_window.redo_action.shortcuts()]
    assert len(keys) == len(set(keys))  # a key given twice is "ambiguous" and does nothing
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= set(keys)
    _mark(qtbot, sample_window, "Islamabad")
    bench = _workbench(sample_window)
    count = len(bench.panel.model.claims())
    qtbot.keyClick(sample_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(bench.panel.model.claims()) == count - 1
    qtbot.keyClick(sample_window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(bench.panel.model.claims()) == count


def test_tab_leaves_the_claims_list_instead_of_walking_its_cells(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    for quote in ("Islamabad", SAMPLE_CLAIM):
        _mark(qtbot, sample_window, quote)
    bench = _workbench(sample_window)
    bench.panel.select_claim(bench.panel.model.claims()[0].id)
    selected = bench.panel.selected_claim_id()
    bench.panel.table.setFocus()
    qtbot.keyClick(bench.panel.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not bench.panel.table
    assert bench.panel.selected_claim_id() == selected


def test_typing_in_a_free_text_field_is_saved_after_a_pause_as_one_undo_step(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    from annotator.ui.widgets.editor_fields import COMMIT_DELAY_MS

    _mark(qtbot, sample_window, "Islamabad")
    bench = _workbench(sample_window)
    claim = bench.selected_claim()
    assert claim is not None
    session = sample_window.session
    assert session is not None
    steps = sample_window.undo_stack.count()
    bench.editor.summary.setFocus()
    qtbot.keyClicks(bench.editor.summary, "Talks held")
    qtbot.wait(COMMIT_DELAY_MS + 300)  # still in the field: a crash now must not lose it
    assert session.workspace.claims.get(claim.id).summary == "Talks held"
    qtbot.keyClicks(bench.editor.summary, " in Islamabad")
    qtbot.wait(COMMIT_DELAY_MS + 300)
    assert session.workspace.claims.get(claim.id).summary == "Talks held in Islamabad"
    assert bench.editor.summary.hasFocus()
    assert sample_window.undo_stack.count() == steps + 1


def test_typing_is_kept_when_the_article_shown_changes(window: MainWindow, tmp_path: Path) -> None:
    workspace = _project_with(tmp_path / "two.factcheck", "Alpha article text.", "Beta article.")
    first, second = workspace.documents.all()
    claim = workspace.claims.add_by_quote(first.id, "Alpha")
    window.set_workspace(workspace)
    bench = _workbench(window)
    bench.show_document(first.id)
    bench.panel.select_claim(claim.id)
    bench.editor.summary.setText("typed, not yet saved")  # as if typed: the field not left
    bench.show_document(second.id)  # e.g. an undo that shows another article
    assert workspace.claims.get(claim.id).summary == "typed, not yet saved"


def test_the_status_line_follows_removing_an_article_and_importing_annotations(
    window: MainWindow, dialogs: DialogRecorder, tmp_path: Path
) -> None:
    workspace = _project_with(tmp_path / "p.factcheck", "Alpha article text.", "Beta article.")
    first, second = workspace.documents.all()
    for quote in ("Alpha", "article"):
        workspace.claims.add_by_quote(first.id, quote)
    window.set_workspace(workspace)
    _workbench(window).show_document(first.id)
    assert window.status_label.text().startswith("2 claims")
    dialogs.answer = QMessageBox.StandardButton.Yes
    window.documents.delete_document()
    assert window.status_label.text().startswith("0 claims")
    shown = _workbench(window).current_document
    assert shown is not None
    assert shown.id == second.id


def test_opening_an_article_whose_project_is_open_here_shows_it(
    window: MainWindow, dialogs: DialogRecorder, tmp_path: Path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text("A short story about a council vote on a bridge.", encoding="utf-8")
    assert window.open_path(story)
    assert window.open_path(story)  # again, while its project is open in this window
    assert dialogs.messages == []
    session = window.session
    assert session is not None
    assert session.path == tmp_path / "story.factcheck"
    assert len(session.workspace.documents.all()) == 1
    other = tmp_path / "story-v2.txt"
    other.write_text("Another text entirely.", encoding="utf-8")
    assert window.open_path(other)  # a different article: its own project
    assert window.session is not None
    assert window.session.path == tmp_path / "story-v2.factcheck"


def test_save_a_copy_adds_the_project_suffix_and_dialogs_avoid_the_hidden_data_folder(
    sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from annotator.paths import data_dir

    session = sample_window.session
    assert session is not None
    assert session.path.parent == data_dir()  # the sample lives in the app's own folder
    assert Path(sample_window.files.folder()).resolve() != data_dir().resolve()
    typed = tmp_path / "copyA"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(typed), ""))
    sample_window.files.save_copy()
    copy = tmp_path / "copyA.factcheck"
    assert copy.is_file()
    assert not typed.exists()
    Workspace.open(copy, read_only=True).close()


def test_the_claim_count_follows_a_deletion(qtbot: QtBot, sample_window: MainWindow) -> None:
    for quote in ("Islamabad", SAMPLE_CLAIM):
        _mark(qtbot, sample_window, quote)
    bench = _workbench(sample_window)
    assert bench.panel.count_label.text() == "2 claims"
    bench.panel.select_claim(bench.panel.model.claims()[0].id)
    bench.delete_claim()
    assert bench.panel.count_label.text() == "1 claim"


def test_importing_the_same_article_twice_shows_the_one_there(
    window: MainWindow, dialogs: DialogRecorder, tmp_path: Path
) -> None:
    workspace = _project_with(tmp_path / "p.factcheck", "Alpha article text.")
    window.set_workspace(workspace)
    article = tmp_path / "beta.txt"
    article.write_text("Beta article, imported twice.", encoding="utf-8")
    window.documents.add_article(article)
    window.documents.add_article(article)
    titles = [d.title for d in workspace.documents.all()]
    assert len(titles) == 2
    assert "is already in this project" in window.statusBar().currentMessage()
    shown = _workbench(window).current_document
    assert shown is not None
    assert shown.text == "Beta article, imported twice."


def test_project_settings_edit_is_one_undoable_step(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from dataclasses import replace

    from annotator.ui.dialogs.project_settings import ProjectSettingsDialog

    workspace = _project_with(tmp_path / "p.factcheck", "Alpha article text.")
    window.set_workspace(workspace)
    before = workspace.project.info()
    edited = replace(before, title="Renamed project", checker="A. Checker")
    monkeypatch.setattr(ProjectSettingsDialog, "get", lambda *_a, **_k: edited)
    window.action_map["project-settings"].trigger()
    assert workspace.project.info() == edited
    assert "Renamed project" in window.windowTitle()
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert workspace.project.info() == before
