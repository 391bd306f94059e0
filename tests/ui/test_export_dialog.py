"""File › Export report…: every format shows something to judge it by before saving."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from annotator.formats.exporters import EXPORT_FORMATS
from annotator.formats.exporters.html_print import render_print_html
from annotator.services import Workspace
from annotator.services.exports import render_report
from annotator.services.reports import build_report
from annotator.ui.dialogs.export_dialog import ExportDialog
from tests.conftest import SAMPLE_CLAIM


def test_each_format_previews_its_content(qtbot: QtBot, sample_workspace: Workspace) -> None:
    document = sample_workspace.documents.all()[0].id
    claim = sample_workspace.claims.add_by_quote(document, SAMPLE_CLAIM)
    sample_workspace.claims.set_verdict(claim.id, "true", "Confirmed by the ministry")
    report = build_report(sample_workspace)
    rendered: list[str] = []

    def preview(name: str) -> str:
        rendered.append(name)
        if name == "html":
            return render_print_html(report)
        return render_report(report, name).decode("utf-8-sig")

    dialog = ExportDialog(preview)
    qtbot.addWidget(dialog)
    shown = {}
    for name in EXPORT_FORMATS:
        dialog.select_format(name)
        shown[name] = dialog.browser.toPlainText()
    for name, text in shown.items():
        assert text.strip(), f"{name} shows nothing"
    assert SAMPLE_CLAIM in shown["html"]
    assert shown["pdf"] == shown["html"]  # the PDF prints the page the HTML preview shows
    assert SAMPLE_CLAIM in shown["markdown"]
    assert shown["json"].startswith("{")
    assert shown["csv"].splitlines()[0].startswith("number,document")
    assert "ClaimReview" in shown["claimreview"]
    assert "Annotation" in shown["webannotation"]
    assert "pdf" not in rendered  # previewing never renders a PDF
    assert rendered.count("html") == 1  # each preview is made once
