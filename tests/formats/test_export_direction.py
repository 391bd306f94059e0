"""Right-to-left text in the reports: blocks carry their direction, names inside English
sentences are isolated, in the browser report (dir/bdi) and in Qt's print variant (dir/FSI)."""

from __future__ import annotations

from annotator.formats.exporters.html_print import render_print_html
from annotator.formats.exporters.html_report import render_html
from annotator.formats.report import (
    Report,
    ReportBlock,
    ReportClaimant,
    ReportClaimSource,
    ReportVerdict,
)
from tests.fixtures.report_fixture import make_report

ARABIC = "قال وزير المالية إن النمو بلغ 5% في عام 2023."
ENGLISH = "The English sentence."
FSI, PDI = "&#x2068;", "&#x2069;"


def _rtl_report(*, with_blocks: bool) -> Report:
    text = f"{ARABIC}\n{ENGLISH}\n2023"
    start = text.index("النمو")
    report = make_report(text, [(start, start + len("النمو بلغ 5%"))])
    document = report.documents[0]
    claim = document.claims[0].model_copy(
        update={
            "summary": "هل بلغ النمو 5%؟",
            "claimant": ReportClaimant(name="وزير المالية", role="وزير"),
            "claim_date": "2023-12-01",
            "tags": ["اقتصاد"],
            "verdict": ReportVerdict(
                rating="false", label="False", rationale="الرقم الصحيح 3%.\nSee the table."
            ),
            "sources": [
                ReportClaimSource(
                    id="s1",
                    url="https://example.org/stats",
                    title="مكتب الإحصاء",
                    publisher="الحكومة",
                    stance="refutes",
                    excerpt="النمو 3% فقط.",
                )
            ],
        }
    )
    blocks = (
        [
            ReportBlock(kind="paragraph", text=ARABIC, direction="rtl"),
            ReportBlock(kind="paragraph", text=ENGLISH, direction="ltr"),
            ReportBlock(kind="paragraph", text="2023"),
        ]
        if with_blocks
        else []
    )
    document = document.model_copy(update={"claims": [claim], "blocks": blocks, "direction": "rtl"})
    return report.model_copy(update={"documents": [document]})


def test_browser_report_isolates_user_text() -> None:
    html = render_html(_rtl_report(with_blocks=True)).decode()
    assert '<div class="article" dir="rtl">' in html
    assert f'<p dir="rtl">{ARABIC[:10]}' in html
    assert f'<p dir="ltr">{ENGLISH}</p>' in html
    assert "<p>2023</p>" in html  # nothing strong: it follows the article
    assert '<blockquote dir="auto">النمو بلغ 5%</blockquote>' in html
    assert '<p class="summary-text" dir="auto">هل بلغ النمو 5%؟</p>' in html
    assert '<p dir="auto">الرقم الصحيح 3%.</p><p dir="auto">See the table.</p>' in html
    assert (
        "Claimed by <bdi>وزير المالية</bdi>, <bdi>وزير</bdi> (<bdi>1 December 2023</bdi>)" in html
    )
    assert (
        '<bdi><a href="https://example.org/stats" rel="nofollow noreferrer">مكتب الإحصاء</a>'
        in html
    )
    assert "— <bdi>الحكومة</bdi>" in html
    assert '<span class="excerpt">“<bdi>النمو 3% فقط.</bdi>”</span>' in html
    assert '<span dir="auto">اقتصاد</span>' in html


def test_blocks_stored_without_a_direction_get_their_texts() -> None:
    """Projects imported before every importer set directions have blocks without one, or no
    blocks at all (plain text)."""
    html = render_html(_rtl_report(with_blocks=False)).decode()
    assert f'<p dir="rtl">{ARABIC[:10]}' in html
    assert f'<p dir="ltr">{ENGLISH}</p>' in html
    printed = render_print_html(_rtl_report(with_blocks=False))
    assert f'<p dir="rtl">{ARABIC[:10]}' in printed


def test_print_report_states_directions_qt_understands() -> None:
    html = render_print_html(_rtl_report(with_blocks=True))
    assert 'dir="auto"' not in html  # Qt knows neither
    assert "<bdi>" not in html
    assert '<p dir="rtl">“النمو بلغ 5%”</p>' in html
    assert '<p dir="rtl"><b>هل بلغ النمو 5%؟</b></p>' in html
    assert '<p dir="rtl">الرقم الصحيح 3%.</p><p dir="ltr">See the table.</p>' in html
    assert f"Claimed by {FSI}وزير المالية{PDI}, {FSI}وزير{PDI}" in html
    assert f"<i>“{FSI}النمو 3% فقط.{PDI}”</i>" in html
    assert f"Tags: {FSI}اقتصاد{PDI}" in html


def test_print_report_spaces_paragraphs_in_pixels() -> None:
    """Qt's CSS drops margins in points; the article's paragraphs need a gap between them."""
    import re

    html = render_print_html(_rtl_report(with_blocks=True))
    assert "p, li, pre, blockquote { margin-top: 0px; margin-bottom: 6px; }" in html
    assert "margin-top: 20px;" in html
    assert not re.search(r"margin[-\w]*:\s*[\d.]+pt", html)  # no margin Qt would drop
