"""Claim › Suggest claims in the window: ghost suggestions on the sample article, accepted with
Enter or a click (one undo step), dismissed with Backspace (undoable, remembered), stepped
through with F8, counted by the spin box, scored off the UI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from pytestqt.qtbot import QtBot

from annotator.ui import suggesting
from annotator.ui.main_window import MainWindow
from annotator.ui.workbench import Workbench

NOV_2014 = "Pakistan and Russia in Nov 2014 signed a defence cooperation agreement"


def bench_of(window: MainWindow) -> Workbench:
    assert window.workbench is not None
    return window.workbench


def suggest(qtbot: QtBot, window: MainWindow) -> Workbench:
    bench = bench_of(window)
    bench.article.setFocus()
    qtbot.keyClick(bench.article, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    return bench


def ghost_texts(bench: Workbench) -> list[str]:
    return [s.text for s in bench.article.suggestions.suggestions]


def test_ctrl_g_shows_the_best_sentences_as_ghosts_unlike_claims(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = suggest(qtbot, sample_window)
    assert bench.suggestion_bar.isVisible()
    assert bench.suggestion_bar.count.value() == 3  # 10 per 1,000 words of ~330
    ghosts = ghost_texts(bench)
    assert len(ghosts) == 3
    assert any(text.startswith(NOV_2014) for text in ghosts)
    text = bench.current_document.text  # type: ignore[union-attr]
    for suggestion in bench.article.suggestions.suggestions:
        assert text[suggestion.start : suggestion.end] == suggestion.text
    for selection in bench.article.extraSelections():
        fmt = selection.format
        assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    # The cursor starts on the best one, current and under the cursor.
    assert bench.article.suggestion_at_cursor() is not None
    assert bench.article.suggestion_at_cursor().text.startswith(NOV_2014)  # type: ignore[union-attr]
    qtbot.keyClick(bench.article, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert not bench.suggestion_bar.isVisible()
    assert bench.article.extraSelections() == []


def test_enter_marks_the_suggestion_as_a_claim_in_one_undo_step(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = suggest(qtbot, sample_window)
    target = bench.article.suggestion_at_cursor()
    assert target is not None
    qtbot.keyClick(bench.article, Qt.Key.Key_Return)
    claims = bench.session.read.claims(bench.current_document.id)  # type: ignore[union-attr]
    assert [c.quote for c in claims] == [target.text]
    assert target.text not in ghost_texts(bench)  # now a claim, no longer a suggestion
    assert len(ghost_texts(bench)) == 3  # the next best takes its place
    assert bench.selected_claim() is not None
    assert sample_window.undo_stack.undoText() == "Add claim"
    sample_window.undo_stack.undo()
    assert bench.session.read.claims() == []
    assert target.text in ghost_texts(bench)


def test_backspace_dismisses_undoably_and_the_project_remembers(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = suggest(qtbot, sample_window)
    document_id = bench.current_document.id  # type: ignore[union-attr]
    target = bench.article.suggestion_at_cursor()
    assert target is not None
    qtbot.keyClick(bench.article, Qt.Key.Key_Backspace)
    assert target.text not in ghost_texts(bench)
    assert bench.session.read.dismissed(document_id) == {target.text}
    assert bench.session.read.claims() == []
    # The cursor went on to the next suggestion.
    assert bench.article.suggestion_at_cursor() is not None
    assert sample_window.undo_stack.undoText() == "Dismiss suggestion"
    sample_window.undo_stack.undo()
    assert bench.session.read.dismissed(document_id) == frozenset()
    assert target.text in ghost_texts(bench)


def test_a_click_on_a_ghost_marks_it(qtbot: QtBot, sample_window: MainWindow) -> None:
    bench = suggest(qtbot, sample_window)
    target = bench.article.suggestions.suggestions[0]
    bench.article.scroll_to(target.start, target.end)
    cursor = QTextCursor(bench.article.document())
    cursor.setPosition(bench.article._to_qt(target.start) + 3)
    point = bench.article.cursorRect(cursor).center()
    qtbot.mouseClick(bench.article.viewport(), Qt.MouseButton.LeftButton, pos=point)
    claims = bench.session.read.claims()
    assert [c.quote for c in claims] == [target.text]


def test_f8_steps_through_the_ghosts_in_article_order_and_the_spin_box_counts(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = suggest(qtbot, sample_window)
    starts = [s.start for s in bench.article.suggestions.suggestions]
    bench.article.select_offsets(0, 0)
    seen = []
    for _ in range(len(starts)):
        qtbot.keyClick(bench.article, Qt.Key.Key_F8)
        seen.append(bench.article.suggestion_at_cursor().start)  # type: ignore[union-attr]
    assert seen == starts
    qtbot.keyClick(bench.article, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert bench.article.suggestion_at_cursor().start == starts[-2]  # type: ignore[union-attr]
    bench.suggestion_bar.count.setValue(6)
    assert len(ghost_texts(bench)) == 6
    assert bench.suggestion_bar.status.text().startswith("6 shown of")


def test_f8_without_suggestions_shown_switches_them_on(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = bench_of(sample_window)
    bench.article.setFocus()
    qtbot.keyClick(bench.article, Qt.Key.Key_F8)
    assert bench.suggester.active
    assert bench.article.suggestion_at_cursor() is not None


def test_enter_off_a_suggestion_does_nothing(qtbot: QtBot, sample_window: MainWindow) -> None:
    bench = suggest(qtbot, sample_window)
    bench.article.select_offsets(0, 0)  # the title line is not a suggestion
    assert bench.article.suggestion_at_cursor() is None
    qtbot.keyClick(bench.article, Qt.Key.Key_Return)
    qtbot.keyClick(bench.article, Qt.Key.Key_Backspace)
    assert bench.session.read.claims() == []
    assert len(ghost_texts(bench)) == 3


def test_a_long_article_is_scored_off_the_ui_thread(
    qtbot: QtBot, open_project: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = suggesting.candidates

    def recording(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(suggesting, "candidates", recording)
    sentence = "Unemployment rose 3.5% last year in Ohio, the highest since 2010. "
    text = "\n".join(sentence * 8 for _ in range(2000))  # about 1 MB
    assert open_project.session is not None
    from annotator.formats.importers import import_pasted_text

    open_project.session.workspace.documents.add(import_pasted_text(text, "Long"))
    bench = bench_of(open_project)
    bench.refresh_documents()
    suggest(qtbot, open_project)
    assert threads
    assert threads[0] is not threading.main_thread()
    assert len(ghost_texts(bench)) == bench.suggestion_bar.count.value() > 100


def test_a_dismissal_holds_after_reopening_the_project(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = suggest(qtbot, sample_window)
    target = bench.article.suggestion_at_cursor()
    assert target is not None
    qtbot.keyClick(bench.article, Qt.Key.Key_Backspace)
    assert sample_window.session is not None
    path = sample_window.session.path
    sample_window.close_project()
    assert sample_window.open_path(path)  # reopened: a new session and workbench
    bench = suggest(qtbot, sample_window)
    assert bench.suggester.active
    assert target.text not in ghost_texts(bench)
    assert len(ghost_texts(bench)) == 3


def test_a_new_revision_is_suggested_afresh_keeping_the_number_and_the_dismissals(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    from annotator.domain.changes import documents_edited
    from annotator.formats.importers import import_pasted_text

    bench = suggest(qtbot, sample_window)
    document = bench.current_document
    assert document is not None
    target = bench.article.suggestion_at_cursor()
    assert target is not None
    qtbot.keyClick(bench.article, Qt.Key.Key_Backspace)
    bench.suggestion_bar.count.setValue(7)
    added = "Exports fell 12% in 2016, the lowest level in a decade, the ministry said."
    revised = import_pasted_text(document.text + "\n" + added, document.title)
    session = bench.session
    session.apply(lambda w: documents_edited(w.revisions.update(document.id, revised)))
    assert bench.current_document.text.endswith(added)  # type: ignore[union-attr]
    assert bench.suggestion_bar.count.value() == 7
    assert len(ghost_texts(bench)) == 7
    assert added in ghost_texts(bench)
    assert target.text not in ghost_texts(bench)
    text = bench.current_document.text  # type: ignore[union-attr]
    for suggestion in bench.article.suggestions.suggestions:
        assert text[suggestion.start : suggestion.end] == suggestion.text
