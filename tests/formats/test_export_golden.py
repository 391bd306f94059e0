"""Every registered export format renders the fixture projects exactly as its golden file."""

from __future__ import annotations

import pytest

from annotator.formats.exporters import EXPORT_FORMATS
from annotator.formats.exporters.html_print import render_print_html
from annotator.formats.report import Report
from tests.fixtures.golden import assert_golden
from tests.fixtures.report_fixture import default_scale_report, fixture_report

RENDERED = [name for name, fmt in EXPORT_FORMATS.items() if fmt.render is not None]
FIXTURES = {"fixture": fixture_report, "default": default_scale_report}


def test_registry_keeps_json_first_and_pdf_for_qt() -> None:
    assert next(iter(EXPORT_FORMATS)) == "json"
    assert set(EXPORT_FORMATS) == {
        "json",
        "html",
        "pdf",
        "markdown",
        "csv",
        "claimreview",
        "webannotation",
    }
    pdf = EXPORT_FORMATS["pdf"]
    assert pdf.render is None
    assert pdf.needs_qt
    assert all(fmt.suffix.startswith(".") for fmt in EXPORT_FORMATS.values())


@pytest.mark.parametrize("fixture", sorted(FIXTURES))
@pytest.mark.parametrize("name", RENDERED)
def test_export_matches_golden(name: str, fixture: str) -> None:
    fmt = EXPORT_FORMATS[name]
    assert fmt.render is not None
    report: Report = FIXTURES[fixture]()
    output = fmt.render(report)
    assert_golden(f"{fixture}{fmt.suffix}", output)
    assert fmt.render(report) == output, "exports are deterministic"


@pytest.mark.parametrize("fixture", sorted(FIXTURES))
def test_print_html_matches_golden(fixture: str) -> None:
    """The PDF is this HTML laid out by Qt; its bytes carry dates, so the HTML is the golden."""
    html = render_print_html(FIXTURES[fixture]())
    assert_golden(f"{fixture}.print.html", html.encode("utf-8"))
