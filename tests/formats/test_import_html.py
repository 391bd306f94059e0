"""Saved web pages and pasted rich text: article extraction, metadata, and sanitising."""

from __future__ import annotations

import json
import re
import socket
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from annotator.domain.body import BlockKind, MarkKind
from annotator.errors import DocumentImportError
from annotator.formats.importers import import_file, import_pasted_html
from annotator.formats.importers.html import import_html_bytes
from tests.formats.test_import_invariants import FIXTURES, assert_well_formed, refusal

PAGES = FIXTURES / "pages"


def _f1(found: str, expected: str) -> float:
    got = Counter(w.lower() for w in re.findall(r"\w+", found))
    want = Counter(w.lower() for w in re.findall(r"\w+", expected))
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing must never fetch anything: any connection attempt fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the importer tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("page", ["001", "ars-1", "heise", "rtl-3"])
def test_real_pages_give_the_article_and_its_title(page: str) -> None:
    folder = PAGES / page
    doc = import_file(folder / "source.html")
    expected = lxml_html.fromstring((folder / "expected.html").read_text("utf-8")).text_content()
    meta = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
    assert_well_formed(doc)
    assert doc.format == "html"
    assert _f1(doc.text, expected) > 0.97
    assert doc.title == meta["title"]


def test_page_metadata_byline_language_and_links() -> None:
    doc = import_file(PAGES / "ars-1" / "source.html")
    assert doc.author == "Dan Goodin"
    assert doc.publisher == "Ars Technica"
    assert doc.lang == "en-us"
    links = [m for b in doc.blocks for m in b.marks if m.kind is MarkKind.LINK]
    assert links
    assert all(m.href.startswith(("http://", "https://", "mailto:")) for m in links)


def test_right_to_left_article_keeps_its_direction() -> None:
    doc = import_file(PAGES / "rtl-3" / "source.html")
    assert doc.direction == "rtl"
    assert doc.text.startswith("Lorem\nLorem ipsum dolor sit amet.")
    assert doc.blocks[0].kind is BlockKind.HEADING


_HOSTILE = b"""<!DOCTYPE html><html lang="en"><head><title>Hostile page</title>
<style>body { background: url(http://evil.example/track.png) }</style>
<script>alert('head')</script>
<link rel="stylesheet" href="http://evil.example/style.css">
</head><body onload="steal()">
<nav><a href="/home">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Hostile page</h1>
<p onclick="steal()">The first paragraph of the article, with a <a href="javascript:alert(1)">script
link</a>, a <a href="file:///etc/passwd">file link</a>, a <a href="data:text/html,x">data
link</a>, and a <a href="https://example.org/ok" onmouseover="steal()">proper link</a>.</p>
<img src="http://evil.example/pixel.gif" onerror="steal()"><img src="file:///etc/passwd">
<iframe src="http://evil.example/frame">iframe text</iframe>
<object data="http://evil.example/x.swf">object text</object>
<p style="background:url(javascript:alert(2))">A second paragraph, long enough to count as prose
in the article, with commas, clauses, and a <em>stressed</em> and <strong>strong</strong> word,
and <svg><script>alert(3)</script><text>svg text</text></svg> more text after that.</p>
<script>document.write('injected text')</script><noscript>noscript text</noscript>
<p>A third paragraph closes the article, and it is also long enough to be counted as prose.</p>
</article>
<div class="share-buttons"><a href="https://twitter.com/share">Tweet</a></div>
<footer>Copyright footer text</footer>
</body></html>"""


def test_hostile_markup_leaves_nothing_active_in_the_body_model() -> None:
    doc = import_html_bytes(_HOSTILE, "hostile.html")
    assert_well_formed(doc)
    text = doc.text
    for leftover in ("alert", "steal", "injected", "iframe text", "object text", "svg text",
                     "noscript", "evil.example", "url(", "Copyright", "Tweet", "Home"):  # fmt: skip
        assert leftover not in text
    hrefs = [m.href for b in doc.blocks for m in b.marks if m.kind is MarkKind.LINK]
    assert hrefs == ["https://example.org/ok"]
    assert "script link" in text
    assert "file link" in text
    kinds = {m.kind for b in doc.blocks for m in b.marks}
    assert {MarkKind.EMPHASIS, MarkKind.STRONG} <= kinds
    assert doc.title == "Hostile page"
    assert not any(b.kind is BlockKind.HEADING and b.text == "Hostile page" for b in doc.blocks)


def test_json_ld_and_meta_tags_give_metadata() -> None:
    page = (
        b"""<html lang="fr" dir="ltr"><head><title>Le titre | Le Site</title>
    <meta property="og:site_name" content="Le Site">
    <meta property="article:published_time" content="2021-03-04T05:06:07Z">
    <script type="application/ld+json">{"@context": "https://schema.org",
      "@type": "NewsArticle", "headline": "Le titre",
      "author": [{"@type": "Person", "name": "Marie Curie"}, {"name": "Pierre Curie"}]}</script>
    </head><body><article><p>"""
        + b"Une phrase assez longue, avec des virgules. " * 20
        + (b"</p></article></body></html>")
    )
    doc = import_html_bytes(page, "page.html")
    assert (doc.title, doc.author, doc.publisher) == (
        "Le titre",
        "Marie Curie, Pierre Curie",
        "Le Site",
    )
    assert doc.published == "2021-03-04T05:06:07+00:00"
    assert doc.lang == "fr"


def _page_with(head: str, before_article: str) -> bytes:
    prose = "The council voted, after a long debate, to close the old bridge for good. " * 12
    return (
        f"<html><head><title>Bridge</title>{head}</head><body>{before_article}"
        f"<article><p>{prose}</p></article></body></html>"
    ).encode()


def test_a_sign_in_box_classed_authorization_is_not_taken_for_the_byline() -> None:
    page = _page_with(
        "",
        '<div class="authorization">Sign In | Sign Up | My Account</div>'
        '<div class="author_fmt">By <a href="/brenda">Brenda Goodman</a></div>',
    )
    assert import_html_bytes(page, "page.html").author == "Brenda Goodman"


def test_the_byline_gives_the_name_not_the_job_title_beside_it() -> None:
    page = _page_with(
        "",
        '<div class="byline"><img class="byline__avatar" alt="Mark Di Stefano" src="a.jpg">'
        '<div class="byline__body"><a class="byline__author" href="/mark">Mark Di Stefano</a>'
        '<div class="byline__title">News Reporter</div></div></div>',
    )
    assert import_html_bytes(page, "page.html").author == "Mark Di Stefano"


def test_a_bare_author_property_meta_tag_gives_the_author() -> None:
    page = _page_with('<meta property="author" content="Mark Di Stefano">', "")
    assert import_html_bytes(page, "page.html").author == "Mark Di Stefano"


def test_title_drops_the_site_name_part_of_the_title_element() -> None:
    page = b"<html><head><title>Council votes to close the old bridge - Daily Courier</title>"
    page += b"</head><body><div><p>" + b"The council voted, after a long debate, to close it. " * 12
    page += b"</p></div></body></html>"
    assert import_html_bytes(page, "page.html").title == "Council votes to close the old bridge"


def test_declared_legacy_charset_is_honoured() -> None:
    body = "<p>Der Bürgermeister sagte, die Straße bleibe geöffnet – vorerst.</p>" * 15
    page = f'<html><head><meta charset="windows-1252"><title>Straße</title></head><body>{body}'
    doc = import_html_bytes(page.encode("cp1252"), "seite.html")
    assert "Der Bürgermeister sagte, die Straße bleibe geöffnet – vorerst." in doc.text


def test_lists_quotes_code_and_tables_become_their_own_blocks() -> None:
    page = b"""<html><body><article>
    <p>An introduction that is long enough, with a comma, to be taken as the article text.</p>
    <ul><li>first item</li><li>second <b>bold</b> item<ol><li>nested</li></ol></li></ul>
    <blockquote><p>A quoted sentence.</p></blockquote>
    <pre><code>def f():
        return 1</code></pre>
    <table><tr><th>Country</th><th>Capital</th></tr><tr><td>France</td><td>Paris</td></tr></table>
    <p>Line one<br>line two</p></article></body></html>"""
    doc = import_html_bytes(page, "page.html")
    assert_well_formed(doc)
    summary = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert (BlockKind.LIST_ITEM, 1, "first item") in summary
    assert (BlockKind.LIST_ITEM, 2, "nested") in summary
    assert (BlockKind.QUOTE, 0, "A quoted sentence.") in summary
    assert (BlockKind.CODE, 0, "def f():") in summary
    assert (BlockKind.CODE, 0, "        return 1") in summary
    assert (BlockKind.TABLE_ROW, 0, "Country | Capital") in summary
    assert (BlockKind.TABLE_ROW, 0, "France | Paris") in summary
    assert (BlockKind.PARAGRAPH, 0, "line two") in summary


def test_pasted_html_is_sanitised_and_kept_whole() -> None:
    pasted = (
        "<html><head><title>ignored</title><style>p{color:red}</style></head><body>"
        "<!--StartFragment--><h2>Minister's claim</h2><p>The minister said <i>unemployment</i>"
        ' <a href="https://stats.example/">fell by half</a><script>alert(1)</script>.</p>'
        '<p dir="rtl">שלום עולם</p><!--EndFragment--></body></html>'
    )
    doc = import_pasted_html(pasted)
    assert_well_formed(doc)
    assert doc.text == "Minister's claim\nThe minister said unemployment fell by half.\nשלום עולם"
    assert doc.title == "Minister's claim"
    assert doc.origin == "clipboard"
    assert doc.blocks[2].direction == "rtl"
    link = doc.blocks[1].marks[-1]
    assert (link.kind, link.href) == (MarkKind.LINK, "https://stats.example/")
    assert import_pasted_html("<p>x</p>", title="Given").title == "Given"


def test_pasted_html_without_text_is_refused() -> None:
    with pytest.raises(DocumentImportError) as error:
        import_pasted_html("<img src='x.png'><script>alert(1)</script>")
    assert str(error.value) == "The clipboard holds no text to import."


def test_page_without_text_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"<html><body><script>var x = 1;</script></body></html>")
    assert refusal(path) == (
        f"{path} has no article text to check; save the page again once it has fully loaded."
    )


def test_binary_file_named_html_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "picture.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert refusal(path) == f"{path} looks like a binary file, not text; give an article file."


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.htm"
    path.write_bytes(b"   \n")
    assert refusal(path) == (
        f"{path} holds no readable HTML; open it in a browser and save it again."
    )


@pytest.mark.parametrize(
    "json_ld",
    [b"[" * 50_000, b"[" * 990 + b"]" * 990, b'{"@graph": ' * 490 + b"{}" + b"}" * 490],
    ids=["unparseable", "deep-list", "deep-graph"],
)
def test_deeply_nested_json_ld_is_ignored(tmp_path: Path, json_ld: bytes) -> None:
    path = tmp_path / "deep.html"
    path.write_bytes(
        b"<html><head><title>Council votes to close the old bridge</title>"
        b'<script type="application/ld+json">'
        + json_ld
        + b"</script></head><body><article><p>"
        + b"The council voted, after a long debate, to close it. " * 12
        + b"</p></article></body></html>"
    )
    doc = import_file(path)
    assert doc.title == "Council votes to close the old bridge"
    assert "The council voted" in doc.text


CANONICAL = "https://news.example.com/2018/03/bridge"


@pytest.mark.parametrize(
    "head",
    [
        f'<link rel="canonical" href="{CANONICAL}">',
        f'<link rel="Canonical alternate" href=" {CANONICAL} ">',
        f'<meta property="og:url" content="{CANONICAL}">',
        f'<link rel="canonical" href="/relative"><meta property="og:url" content="{CANONICAL}">',
        f'<base href="https://cdn.example.net/"><link rel="canonical" href="{CANONICAL}">',
    ],
)
def test_a_saved_page_keeps_its_own_web_address_as_origin(tmp_path: Path, head: str) -> None:
    path = tmp_path / "bridge.html"
    path.write_bytes(_page_with(head, ""))
    doc = import_file(path)
    assert doc.origin == CANONICAL
    assert doc.original == path.read_bytes(), "the page as saved stays in the provenance"


@pytest.mark.parametrize(
    "canonical",
    [
        "",
        "javascript:alert(1)",
        "file:///home/me/bridge.html",
        "https://user:secret@news.example.com/bridge",
        "https://news.example.com/a b",
        "https://news.example.com/" + "x" * 3000,
        "https:///no-host",
    ],
)
def test_without_a_usable_address_of_its_own_the_file_is_the_origin(
    tmp_path: Path, canonical: str
) -> None:
    path = tmp_path / "bridge.html"
    path.write_bytes(_page_with(f'<link rel="canonical" href="{canonical}">', ""))
    assert import_file(path).origin == str(path.resolve())


def test_a_web_address_given_by_the_caller_wins_over_the_page() -> None:
    page = _page_with(f'<link rel="canonical" href="{CANONICAL}">', "")
    given = "https://mirror.example.org/bridge"
    assert import_html_bytes(page, "page.html", given).origin == given
    assert import_html_bytes(page, "page.html", "").origin == CANONICAL


@pytest.mark.parametrize(
    ("head", "body", "published"),
    [
        (
            '<meta property="article:published" itemprop="datePublished" '
            'content="2017-01-13T00:00:04-05:00">',
            "",
            "2017-01-13T00:00:04-05:00",
        ),
        ('<meta itemprop="datePublished" content="2019-04-28">', "", "2019-04-28"),
        ("", '<time datetime="2013-09-29" itemprop="datePublished">29 Sept</time>', "2013-09-29"),
        ("", '<span itemprop="author datePublished" content="2020-02-02"></span>', "2020-02-02"),
        ("", '<time itemprop="datePublished">2021-05-06</time>', "2021-05-06"),
        (
            "",
            '<time pubdate datetime="2011-11-11T11:11:11Z">then</time>',
            "2011-11-11T11:11:11+00:00",
        ),
        (
            "",
            '<div itemscope itemtype="https://schema.org/Comment">'
            '<time itemprop="datePublished" datetime="2024-01-01">comment</time></div>'
            '<div itemscope itemtype="https://schema.org/NewsArticle">'
            '<time itemprop="datePublished" datetime="2016-06-16">article</time></div>',
            "2016-06-16",
        ),
        ("", '<time itemprop="datePublished">last week</time>', ""),
    ],
)
def test_published_date_from_article_meta_and_microdata(
    head: str, body: str, published: str
) -> None:
    assert import_html_bytes(_page_with(head, body), "page.html").published == published


def test_exports_cite_a_saved_page_by_its_web_address(tmp_path: Path, workspace: Any) -> None:
    from annotator.formats.exporters.claimreview import render_claimreview
    from annotator.formats.exporters.webannotation import render_webannotation
    from annotator.services.reports import build_report

    path = tmp_path / "Leak-Folder" / "bridge.html"
    path.parent.mkdir()
    path.write_bytes(_page_with(f'<meta property="og:url" content="{CANONICAL}">', ""))
    document = workspace.documents.add_file(path)
    claim = workspace.claims.add(document.id, 4, 11)
    workspace.claims.set_verdict(claim.id, workspace.project.info().scale[0].key)
    report = build_report(workspace)
    [review] = json.loads(render_claimreview(report))
    assert review["itemReviewed"]["appearance"]["url"] == CANONICAL
    [item] = json.loads(render_webannotation(report))["first"]["items"]
    assert item["target"]["source"] == CANONICAL


def test_images_become_placeholders_with_alt_caption_and_credit_and_load_nothing() -> None:
    page = b"""<html><head><title>T</title></head><body><article>
    <h1>Border talks resume</h1>
    <p>The talks resumed on Friday after a pause of two years, officials said.</p>
    <figure><picture><source srcset="https://img.example/a.webp">
    <img src="https://img.example/a.jpg" alt="Two delegations at a table"></picture>
    <figcaption>Delegates in Islamabad on Friday.
    <span class="credit">Photo: Example Wire</span></figcaption></figure>
    <p>Both sides agreed to meet again in March, the statement said.</p>
    <figure><img src="https://img.example/b.jpg">
    <figcaption>A map of the region (Illustration: Jane Doe)</figcaption></figure>
    <p>An icon <img src="https://img.example/i.png" alt="warning"> inside a line stays out.</p>
    </article></body></html>"""
    doc = import_html_bytes(page, "talks.html")
    assert_well_formed(doc)
    figures = [b for b in doc.blocks if b.kind is BlockKind.FIGURE]
    assert [(f.alt, f.caption, f.credit, f.text) for f in figures] == [
        (
            "Two delegations at a table",
            "Delegates in Islamabad on Friday.",
            "Photo: Example Wire",
            "Delegates in Islamabad on Friday. (Photo: Example Wire)",
        ),
        (
            "",
            "A map of the region",
            "Illustration: Jane Doe",
            "A map of the region (Illustration: Jane Doe)",
        ),
    ]
    assert "img.example" not in json.dumps([b.to_dict() for b in doc.blocks])
    assert "An icon inside a line stays out." in doc.text
