"""Issue 11 in the window: no silent duplicate claims, the editor and the list agree after a
deletion, undo names what it undoes, and claims show their stable numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QTextCharFormat
from pytestqt.qtbot import QtBot

from annotator.ui.main_window import MainWindow
from annotator.ui.workbench import Workbench
from tests.conftest import SAMPLE_CLAIM


def _bench(window: MainWindow) -> Workbench:
    assert window.workbench is not None
    return window.workbench


def _mark(qtbot: QtBot, window: MainWindow, quote: str) -> None:
    bench = _bench(window)
    assert bench.current_document is not None
    start = bench.current_document.text.index(quote)
    bench.article.select_offsets(start, start + len(quote))
    qtbot.keyClick(bench.article, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_e_on_a_claim_s_own_text_selects_it_instead_of_making_a_duplicate(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = _bench(sample_window)
    _mark(qtbot, sample_window, SAMPLE_CLAIM)
    _mark(qtbot, sample_window, "Islamabad")
    first = next(c for c in bench.panel.model.claims() if c.quote == SAMPLE_CLAIM)
    bench.panel.select_claim(first.id)  # a click in the list selects its words
    _mark(qtbot, sample_window, SAMPLE_CLAIM)
    assert bench.panel.model.rowCount() == 2
    assert bench.selected_claim() == first
    assert sample_window.statusBar().currentMessage() == (
        "That text is already claim #1; it is selected, not made twice."
    )


def test_after_a_deletion_the_editor_shows_the_claim_the_list_highlights(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = _bench(sample_window)
    for quote in ("Islamabad", "Sergey Ryabkov", SAMPLE_CLAIM):
        _mark(qtbot, sample_window, quote)
    middle = next(c for c in bench.panel.model.claims() if c.quote == "Sergey Ryabkov")
    bench.panel.select_claim(middle.id)
    bench.panel.table.setFocus()
    qtbot.keyClick(bench.panel.table, Qt.Key.Key_Delete)
    highlighted = bench.selected_claim()
    assert highlighted is not None
    assert bench.editor.current_claim() == highlighted
    qtbot.keyClick(bench.panel.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    rated = bench.editor.current_claim()
    assert rated is not None
    assert rated.id == highlighted.id
    assert rated.rating_key is not None


def test_changing_only_the_rationale_is_undone_as_edit_rationale(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = _bench(sample_window)
    _mark(qtbot, sample_window, SAMPLE_CLAIM)
    qtbot.keyClick(bench.article, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert sample_window.undo_action.text() == "&Undo Set verdict"
    claim = bench.selected_claim()
    assert claim is not None
    bench.set_verdict(None)
    assert sample_window.undo_action.text() == "&Undo Clear verdict"
    qtbot.keyClick(bench.article, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    bench._on_editor_verdict_requested(claim.id, "false", "SIPRI lists 2017 deliveries")
    assert sample_window.undo_action.text() == "&Undo Edit rationale"
    qtbot.keyClick(sample_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    undone = bench.selected_claim()
    assert undone is not None
    assert undone.verdict is not None
    assert (undone.verdict.rating, undone.verdict.rationale) == ("false", "")


def test_the_list_and_the_editor_show_each_claim_s_stable_number(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = _bench(sample_window)
    _mark(qtbot, sample_window, SAMPLE_CLAIM)
    _mark(qtbot, sample_window, "Islamabad")  # earlier in the text, made later
    texts = [bench.panel.proxy.index(row, 0).data() for row in range(bench.panel.proxy.rowCount())]
    assert texts == ["#2  Islamabad", f"#1  {SAMPLE_CLAIM}"]
    assert bench.editor.quote.text() == "#2  “Islamabad”"


def test_after_ctrl_e_the_keyboard_goes_on_to_summary_rationale_and_sources(
    qtbot: QtBot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.ui.dialogs.source_dialog import SourceDialog

    bench = _bench(sample_window)
    _mark(qtbot, sample_window, SAMPLE_CLAIM)
    assert bench.editor.summary.hasFocus()
    qtbot.keyClicks(bench.editor.summary, "Four helicopters since 2015")
    assert bench.editor.summary.text() == "Four helicopters since 2015"
    qtbot.keyClick(bench.editor.summary, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(bench.editor.summary, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert bench.editor.verdict.rationale.hasFocus()
    qtbot.keyClick(bench.editor.verdict.rationale, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert bench.editor.summary.hasFocus()
    opened: list[object] = []
    monkeypatch.setattr(SourceDialog, "get_new", lambda parent: opened.append(parent))
    qtbot.keyClick(bench.editor.summary, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert opened == [bench.editor.sources]


def test_f1_says_which_rating_each_ctrl_digit_sets(sample_window: MainWindow) -> None:
    from annotator.ui.actions import shortcut_help

    bench = _bench(sample_window)
    rows = dict(shortcut_help(bench.info.scale))
    for number, rating in enumerate(bench.info.scale[:9], start=1):
        assert rows[f"Ctrl+{number}"] == f"Rate the selected claim “{rating.label}”"
    assert "Alt+S / Alt+T / Alt+O" in rows


def _format_at(bench: Workbench, offset: int) -> QTextCharFormat:
    block = bench.article.document().findBlock(offset)
    for fmt_range in block.layout().formats():
        if fmt_range.start <= offset - block.position() < fmt_range.start + fmt_range.length:
            return QTextCharFormat(fmt_range.format)  # a copy: the range's dies with the list
    return QTextCharFormat()


def test_an_unrated_highlight_does_not_look_like_a_text_selection(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = _bench(sample_window)
    _mark(qtbot, sample_window, SAMPLE_CLAIM)
    _mark(qtbot, sample_window, "Islamabad")  # the helicopters claim is no longer selected
    assert bench.current_document is not None
    start = bench.current_document.text.index(SAMPLE_CLAIM)
    fmt = _format_at(bench, start + 2)
    fill = fmt.background().color()
    selection = bench.article.palette().color(QPalette.ColorRole.Highlight)
    assert fill.hsvSaturation() > 150, "a colour, not a grey"
    assert abs(fill.hue() - selection.hue()) > 60, "not the selection's hue"
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline


def test_a_claim_is_drawn_the_same_way_after_ctrl_e_and_after_a_pick_in_the_list(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    bench = _bench(sample_window)
    _mark(qtbot, sample_window, SAMPLE_CLAIM)
    claim = bench.selected_claim()
    assert claim is not None
    after_ctrl_e = (bench.article.textCursor().selectedText(), _format_at(bench, claim.start + 2))
    bench.panel.select_claim(None)
    bench.panel.select_claim(claim.id)
    after_pick = (bench.article.textCursor().selectedText(), _format_at(bench, claim.start + 2))
    assert after_ctrl_e[0] == after_pick[0] == SAMPLE_CLAIM
    assert after_ctrl_e[1] == after_pick[1]
    assert after_pick[1].fontUnderline()


def test_the_first_verdict_without_a_checker_name_asks_for_it_once_for_the_app(
    qtbot: QtBot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    import annotator.services.claims as claims_service
    from annotator.settings import load_settings

    monkeypatch.setattr(claims_service, "account_name", lambda: "")
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> tuple[str, bool]:
        asked.append(str(args[1]))
        return "  Amina   K. ", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    bench = _bench(sample_window)
    _mark(qtbot, sample_window, SAMPLE_CLAIM)
    qtbot.keyClick(bench.article, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    _mark(qtbot, sample_window, "Islamabad")
    qtbot.keyClick(bench.article, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["Your name"]
    signed = [c.verdict.rated_by for c in bench.panel.model.claims() if c.verdict is not None]
    assert signed == ["Amina K.", "Amina K."]
    assert sample_window.settings.checker_name == "Amina K."
    assert load_settings().checker_name == "Amina K."


def test_headline_outlet_date_and_original_address_stand_above_the_article(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from annotator.domain.model import DocumentEdit
    from annotator.services import Workspace

    article = tmp_path / "talks.txt"
    article.write_text("Border talks resume\nThe talks resumed on Friday.\n", encoding="utf-8")
    workspace = Workspace.create(tmp_path / "p.factcheck", "P")
    workspace.documents.add_file(
        article,
        details=DocumentEdit(
            publisher="Example News", published="2026-12-03", url="https://news.example/talks"
        ),
    )
    assert window.set_workspace(workspace)
    bench = _bench(window)
    assert bench.title.text() == "Border talks resume"
    assert bench.byline.text() == "Example News · 2026-12-03 · https://news.example/talks"


def test_the_export_dialog_offers_the_last_format_and_folder_never_the_hidden_data_folder(
    sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from annotator.paths import data_dir
    from annotator.settings import load_settings
    from annotator.ui.dialogs.export_dialog import ExportDialog

    shown: list[str] = []
    defaults: list[Path] = []

    def run_dialog(dialog: ExportDialog) -> int:
        shown.append(dialog.selected_format().name)
        if len(shown) == 1:
            dialog.select_format("markdown")  # the user's choice, the first time
        return 1

    out = tmp_path / "reports"
    out.mkdir()

    def save_as(*args: object, **_kwargs: object) -> tuple[str, str]:
        defaults.append(Path(str(args[2])))
        return str(out / f"report{len(defaults)}.md"), ""

    monkeypatch.setattr(ExportDialog, "exec", run_dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    sample_window.files.export_report()
    sample_window.files.export_report()
    assert shown == ["json", "markdown"]
    assert data_dir().resolve() not in defaults[0].resolve().parents
    assert defaults[1].parent == out
    assert defaults[1].suffix == ".md"
    assert (out / "report2.md").read_text(encoding="utf-8").startswith("# ")
    assert (load_settings().export_format, load_settings().export_folder) == ("markdown", str(out))


def test_the_view_menu_zooms_the_article_and_the_zoom_is_kept_across_restarts(
    qtbot: QtBot, sample_window: MainWindow, dialogs: object
) -> None:
    from annotator.settings import load_settings

    bench = _bench(sample_window)
    actual = bench.article.font().pointSizeF()
    assert [a.objectName() for a in sample_window.menuBar().actions()[2].menu().actions()] == [
        "zoom-in",
        "zoom-out",
        "zoom-reset",
    ]
    sample_window.action_map["zoom-in"].trigger()
    sample_window.action_map["zoom-in"].trigger()
    assert bench.article.font().pointSizeF() == pytest.approx(actual * 1.2)
    assert bench.article.toPlainText().startswith("Islamabad"), "the article is still shown"
    assert load_settings().article_zoom == 2
    again = MainWindow(load_settings())
    qtbot.addWidget(again)
    sample_window.close_project()
    again.open_sample()
    assert again.workbench is not None
    assert again.workbench.article.font().pointSizeF() == pytest.approx(actual * 1.2)
    again.action_map["zoom-reset"].trigger()
    assert again.workbench.article.font().pointSizeF() == pytest.approx(actual)
    shortcuts = {a.objectName(): a.shortcut().toString() for a in again.action_map.values()}
    assert shortcuts["zoom-reset"] == "Ctrl+Shift+0"
    assert shortcuts["clear-verdict"] == "Ctrl+0"
