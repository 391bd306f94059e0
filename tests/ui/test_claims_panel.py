"""The claims table model and its filters: qtmodeltester, filters and counts, the verdict bar."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from annotator.domain.model import Anchor, Claim, ClaimStatus, ProjectInfo, Verdict
from annotator.domain.ratings import DEFAULT_SCALE
from annotator.ui.models.claims_model import UNRATED, ClaimsFilterProxy, ClaimsTableModel
from annotator.ui.widgets.claims_panel import ClaimsPanel

INFO = ProjectInfo("P", DEFAULT_SCALE)


def claim(
    n: int,
    rating: str | None = None,
    status: ClaimStatus = ClaimStatus.DRAFT,
    tags: tuple[str, ...] = (),
) -> Claim:
    return Claim(
        id=f"c{n}",
        document_id="d",
        anchor=Anchor(n * 10, n * 10 + 5, f"quote {n}", "", ""),
        status=status,
        tags=tags,
        verdict=Verdict(rating) if rating else None,
    )


CLAIMS = [
    claim(3, "true", tags=("roads",)),
    claim(1, "false", ClaimStatus.DONE),
    claim(2, None, tags=("roads", "budget")),
]


def test_table_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = ClaimsTableModel()
    model.set_claims(CLAIMS, INFO)
    qtmodeltester.check(model, force_py=True)
    # The tester stays connected and checks every change signal from here on.
    model.upsert(claim(0, "mixed"))
    model.upsert(replace(CLAIMS[0], anchor=replace(CLAIMS[0].anchor, start=1, end=2)))
    model.remove("c2")
    model.set_project_info(INFO)
    assert model.rowCount() == 3


def test_filter_proxy_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = ClaimsTableModel()
    model.set_claims(CLAIMS, INFO)
    proxy = ClaimsFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_tag("roads")
    qtmodeltester.check(proxy, force_py=True)
    model.upsert(claim(5, "mixed", tags=("roads",)))
    model.remove("c2")
    proxy.set_text("quote")
    assert proxy.rowCount() == 2


def test_rows_follow_article_order_and_single_claim_updates(qtbot: QtBot) -> None:
    model = ClaimsTableModel()
    model.set_claims(CLAIMS, INFO)
    assert [model.claim_at(r).id for r in range(3)] == ["c1", "c2", "c3"]
    with qtbot.waitSignal(model.dataChanged):
        model.upsert(replace(CLAIMS[0], summary="Now summarised"))
    assert model.index(2, 0).data() == "Now summarised"
    model.upsert(claim(0))
    assert model.claim_at(0).id == "c0"
    assert model.headerData(3, Qt.Orientation.Vertical) == "4"


def test_filters_and_counts(qtbot: QtBot) -> None:
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    panel.set_claims(CLAIMS, INFO)
    assert panel.count_label.text() == "3 claims"
    panel.search.setText("quote 2")
    assert panel.proxy.rowCount() == 1
    assert panel.count_label.text() == "1 of 3 claims"
    panel.search.clear()
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("done"))
    assert panel.proxy.rowCount() == 1
    panel.status_filter.setCurrentIndex(0)
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("roads"))
    assert panel.proxy.rowCount() == 2
    panel.clear_filters()
    panel.verdict_filter.setCurrentIndex(panel.verdict_filter.findData(UNRATED))
    assert [
        panel.model.claim_at(panel.proxy.mapToSource(panel.proxy.index(r, 0)).row()).id
        for r in range(panel.proxy.rowCount())
    ] == ["c2"]


def test_verdict_bar_click_filters(qtbot: QtBot) -> None:
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    panel.resize(400, 300)
    panel.set_claims(CLAIMS, INFO)
    segments = panel.bar.segments()
    assert {s.key: s.count for s in segments if s.count} == {"true": 1, "false": 1, "": 1}
    with qtbot.waitSignal(panel.bar.segment_clicked):
        panel.bar.segment_clicked.emit("false")
    assert panel.proxy.rowCount() == 1
    assert panel.count_label.text() == "1 of 3 claims"
    panel.bar.segment_clicked.emit("false")  # a second click clears the filter
    assert panel.proxy.rowCount() == 3


def test_selecting_a_filtered_out_claim_clears_filters(qtbot: QtBot) -> None:
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    panel.set_claims(CLAIMS, INFO)
    panel.search.setText("quote 1")
    with qtbot.waitSignal(panel.claim_selected) as selected:
        panel.select_claim("c3")
    assert selected.args == ["c3"]
    assert panel.search.text() == ""


def test_empty_list_shows_how_to_start(qtbot: QtBot) -> None:
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    panel.set_claims([], INFO)
    assert panel.table_stack.currentWidget() is panel.empty_hint
    assert "press Ctrl+E" in panel.empty_hint.text()
    panel.upsert(CLAIMS[0])
    assert panel.table_stack.currentWidget() is panel.table
