"""HTML report: self-contained, escaped, highlights that survive overlaps, sane on large input."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from annotator.formats.exporters.html_print import render_print_html
from annotator.formats.exporters.html_report import render_html
from annotator.formats.exporters.markdown_report import render_markdown
from annotator.formats.report import Report
from tests.fixtures.report_fixture import default_scale_report, fixture_report, make_report

HOSTILE = '<script>alert("x")</script><img src="http://evil.example/x.png" onerror=alert(1)>'


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Collector:
    parser = _Collector()
    parser.feed(html)
    parser.close()
    return parser


def _hostile_report() -> Report:
    text = f"Intro {HOSTILE} outro. javascript link here."
    return make_report(text, [(6, 6 + len(HOSTILE)), (0, 5)], summary=HOSTILE, source_url=HOSTILE)


def test_self_contained_no_scripts_links_or_remote_resources() -> None:
    for report in (fixture_report(), default_scale_report(), _hostile_report()):
        html = render_html(report).decode("utf-8")
        assert "<script" not in html
        assert 'src="http' not in html
        assert "<link" not in html
        assert "@import" not in html
        assert "url(" not in html
        for tag, attrs in _parse(html).tags:
            assert tag not in ("script", "link", "img", "iframe", "object", "embed")
            assert not any(name.startswith("on") for name in attrs)
            href = attrs.get("href")
            if href is not None:
                assert href.startswith(("https://", "http://", "#")), href


def test_hostile_quote_is_shown_as_text() -> None:
    html = render_html(_hostile_report()).decode("utf-8")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    text = "".join(_parse(html).text)
    assert HOSTILE in text, "the quote is displayed literally"


def test_javascript_links_in_the_article_are_not_links() -> None:
    html = render_html(fixture_report()).decode("utf-8")
    assert "javascript:" not in html
    assert 'href="https://example.com/talks?a=1&amp;b=2"' in html


def test_every_claim_is_highlighted_with_its_stable_number_and_has_a_card() -> None:
    report = fixture_report()
    html = render_html(report).decode("utf-8")
    claims = [c for d in report.documents for c in d.claims]
    assert [c.number for c in claims] == [6, 2, 1, 3, 5, 8], "numbers in order of creation"
    for claim in claims:
        assert f'<a href="#claim-{claim.id}">{claim.number}</a>' in html
        assert f'<span class="num">{claim.number}.</span>' in html
        assert f'id="claim-{claim.id}"' in html
    assert html.count('<article class="claim') == len(claims)
    assert "<svg" in html
    assert "Claims per verdict" in html
    assert "@media print" in html


def test_a_report_made_before_numbering_numbers_its_claims_in_order() -> None:
    report = default_scale_report()
    html = render_html(report).decode("utf-8")
    claims = [c for d in report.documents for c in d.claims]
    assert all(c.number is None for c in claims)
    for number, claim in enumerate(claims, 1):
        assert f'<a href="#claim-{claim.id}">{number}</a>' in html


def _highlighted_text(html: str) -> list[str]:
    return re.findall(r"<mark[^>]*>(.*?)</mark>", html)


def test_overlapping_claims_split_into_well_formed_segments() -> None:
    text = "alpha beta gamma delta epsilon"
    spans = [(0, 16), (6, 22), (11, 30), (6, 10)]
    html = render_html(make_report(text, spans)).decode("utf-8")
    article = html.split('<div class="article"', 1)[1].split("</div>", 1)[0]
    plain = re.sub(r"<sup.*?</sup>", "", article)
    plain = re.sub(r"<[^>]+>", "", plain.split(">", 1)[1])
    assert plain.strip() == text, "the text reads the same with highlights"
    # Every <mark> closes before another opens: no mis-nesting.
    assert re.sub(r"<mark[^>]*>[^<]*</mark>", "", article).count("<mark") == 0
    assert 'class="r-unrated ov"' in article, "overlaps are marked"


def test_claim_spanning_blocks_is_highlighted_in_each_block() -> None:
    html = render_html(make_report("first line\nsecond line", [(6, 17)])).decode("utf-8")
    assert _highlighted_text(html) == ["line", "second"]


def test_print_variant_uses_only_what_qt_renders() -> None:
    html = render_print_html(fixture_report())
    assert "<svg" not in html
    assert "<mark" not in html
    assert "<script" not in html
    assert 'bgcolor="#1b5e20"' in html, "the chart is drawn with coloured cells"
    assert "background-color:" in html


def test_public_reports_show_readable_dates_and_status_labels() -> None:
    report = fixture_report()
    outputs = {
        "html": render_html(report).decode("utf-8"),
        "print": render_print_html(report),
        "markdown": render_markdown(report).decode("utf-8"),
    }
    for name, text in outputs.items():
        assert "2024-05-02T10:00:00Z" not in text, name
        assert "Exported 2 May 2024" in text, name
        assert "in-review" not in text, name
        assert "In review" in text, name
        assert "1 May 2024" in text, name
        assert "2024-05-01" not in text, name
    assert "(<bdi>3 March 2018</bdi>)" in outputs["html"]


def test_the_summary_gives_each_count_once() -> None:
    html = render_html(fixture_report()).decode("utf-8")
    summary = html[html.index('<section class="summary">') : html.index("</section>")]
    assert summary.count(">Unrated<") == 1
    assert "<table" not in summary


def test_the_pdf_starts_the_first_article_on_the_summary_page() -> None:
    printed = render_print_html(fixture_report())
    assert printed.count("page-break-before: always") == len(fixture_report().documents) - 1
    first_title = "Pakistan, Russia on path to closer ties &lt;2018&gt;</h2>"
    heading = printed[: printed.index(first_title)]
    assert "page-break" not in heading[heading.rindex("<h2") :]
