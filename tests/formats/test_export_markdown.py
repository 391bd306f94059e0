"""Markdown report: quoted text keeps its characters when rendered, links are http(s) only."""

from __future__ import annotations

import re
from html import unescape

from markdown_it import MarkdownIt

from annotator.formats.exporters.markdown_report import escape_markdown, md_link, render_markdown
from tests.fixtures.report_fixture import fixture_report, make_report

NASTY = "# not a heading *not emphasis* _x_ [link](http://x) <b>tag</b> | pipe ~~s~~ &amp; `code`"


def _render(markdown: str) -> str:
    html: str = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)
    return html


def _text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_escaped_text_renders_as_itself() -> None:
    for text in (
        NASTY,
        "- not a list",
        "1. not a list",
        "> not a quote",
        "+ plus",
        "===",
        "a\\b",
        "![img](http://x)",
    ):
        rendered = _render(escape_markdown(text))
        assert "<em>" not in rendered
        assert "<a " not in rendered
        assert "<h1>" not in rendered
        assert "<ul>" not in rendered
        assert "<ol>" not in rendered
        assert "<img" not in rendered
        assert "<blockquote>" not in rendered
        assert "<code>" not in rendered
        assert _text_of(rendered).strip() == text


def test_links_only_for_web_addresses() -> None:
    assert md_link("javascript:alert(1)", "x") == "x"
    assert md_link("https://a.example/p q>(1)", "t") == "[t](<https://a.example/p%20q%3E%281%29>)"


def test_report_renders_quotes_and_stays_readable() -> None:
    report = fixture_report()
    markdown = render_markdown(report).decode("utf-8")
    rendered = _render(markdown)
    text = _text_of(rendered)
    for document in report.documents:
        for claim in document.claims:
            assert claim.quote in text
    assert "<script>" not in rendered
    assert "<table>" in rendered, "the summary is a table"
    # Plain-text readers see the quotes almost untouched.
    assert "> Trade grew by 300% in a single year." in markdown


def test_hostile_quote_in_markdown() -> None:
    text = f"Before. {NASTY} After."
    quote_start = text.index("#")
    report = make_report(text, [(quote_start, quote_start + len(NASTY))])
    rendered = _render(render_markdown(report).decode("utf-8"))
    assert "<b>" not in rendered
    assert "<em>not" not in rendered
    assert NASTY in _text_of(rendered)
