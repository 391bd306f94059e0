"""Qt's PDF printing as the export formats' ``pdf_renderer``, loaded only when a PDF is asked
for (it needs the report model, and with it pydantic): the app and the command line both plug
this one in."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.formats.report import Report


def render_pdf(report: Report) -> bytes:
    from annotator.ui.printing import render_pdf as render

    return render(report)
