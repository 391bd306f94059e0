"""Report exporters: every output format is a function from the report model to bytes.

``EXPORT_FORMATS`` is the registry the CLI (``annotator export --format``) and the GUI's
File › Export… read. A format whose ``render`` is None needs Qt (PDF printing); the composition
root supplies that renderer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from annotator.formats.report import Report, report_json

Renderer = Callable[[Report], bytes]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    label: str
    suffix: str
    render: Renderer | None
    readable: bool = False
    """Whether the GUI shows a preview (HTML, Markdown)."""


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat("json", "Annotator report (JSON)", ".json", report_json),
}
