"""Report exporters: every output format is a function from the report model to bytes.

``EXPORT_FORMATS`` is the registry the CLI (``annotator export --format``) and the GUI's
File › Export… read, in menu order with the native JSON first. A format whose ``render`` is
None needs Qt (PDF printing, ``needs_qt``); the composition root supplies that renderer
(``annotator.ui.printing.render_pdf``), which keeps this package free of Qt.

A format may also say what its output lacks for its readers (``warnings``; ClaimReview without
the publisher's review URL, which Google requires): ``export_warnings`` gives those sentences
for the CLI to print on stderr and the window to show; the export itself still succeeds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from annotator.formats.exporters.claimreview import claimreview_warnings, render_claimreview
from annotator.formats.exporters.csv_report import render_csv
from annotator.formats.exporters.html_report import render_html
from annotator.formats.exporters.markdown_report import render_markdown
from annotator.formats.exporters.webannotation import render_webannotation
from annotator.formats.report import Report, report_json

Renderer = Callable[[Report], bytes]
WarningCheck = Callable[[Report], list[str]]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    label: str
    suffix: str
    render: Renderer | None
    readable: bool = False
    """Whether the GUI shows a preview (HTML, Markdown)."""
    needs_qt: bool = False
    """Whether ``render`` must come from the Qt side (it is None here)."""
    warnings: WarningCheck | None = None
    """What an export of a report in this format lacks, one sentence each (see
    :func:`export_warnings`)."""


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat("json", "Annotator report (JSON)", ".json", report_json),
    "html": ExportFormat("html", "Report (HTML)", ".html", render_html, readable=True),
    "pdf": ExportFormat("pdf", "Report (PDF)", ".pdf", None, needs_qt=True),
    "markdown": ExportFormat(
        "markdown", "Report (Markdown)", ".md", render_markdown, readable=True
    ),
    "csv": ExportFormat("csv", "Claims table (CSV)", ".csv", render_csv),
    "claimreview": ExportFormat(
        "claimreview",
        "schema.org ClaimReview (JSON-LD)",
        ".claimreview.json",
        render_claimreview,
        warnings=claimreview_warnings,
    ),
    "webannotation": ExportFormat(
        "webannotation",
        "W3C Web Annotations (JSON-LD)",
        ".annotations.jsonld",
        render_webannotation,
    ),
}


def export_warnings(report: Report, format_name: str) -> list[str]:
    """What exporting ``report`` as ``format_name`` leaves out that the format's readers need,
    one sentence each, none for an unknown format or one without checks. For the CLI to print
    (``warning: ...`` on stderr) and the window to show after a successful export."""
    fmt = EXPORT_FORMATS.get(format_name)
    if fmt is None or fmt.warnings is None:
        return []
    return fmt.warnings(report)
