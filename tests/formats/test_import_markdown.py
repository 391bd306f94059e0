"""Markdown articles: structure, inline formats and YAML front matter."""

from __future__ import annotations

from pathlib import Path

from annotator.domain.body import BlockKind, MarkKind
from annotator.formats.importers import import_file
from annotator.formats.importers.markdown import import_markdown_bytes
from tests.formats.test_import_invariants import FIXTURES, assert_well_formed, refusal

_ARTICLE = """---
title: "Fact check: the bridge"
author: Jane Doe
date: 2024-05-06
tags: [roads]
---

# The bridge

The *mayor* said the bridge was **safe**, see [the report](https://example.org/report)
and `inspection.pdf`. A [relative link](/docs/) keeps only its words.

> It will stand
> for a hundred years.

- first point
- second point
  1. nested and ordered

```python
def check():
    return False
```

| Year | Cost |
|------|------|
| 2023 | 5 M  |

<script>alert("x")</script><p onclick="x()">Raw HTML paragraph.</p>
"""


def test_markdown_structure_and_marks() -> None:
    doc = import_markdown_bytes(_ARTICLE.encode(), "bridge.md")
    assert_well_formed(doc)
    summary = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert summary[0] == (BlockKind.HEADING, 1, "The bridge")
    paragraph = doc.blocks[1]
    assert paragraph.text == (
        "The mayor said the bridge was safe, see the report and inspection.pdf. "
        "A relative link keeps only its words."
    )
    marks = {(m.kind, paragraph.text[m.start : m.end], m.href) for m in paragraph.marks}
    assert marks == {
        (MarkKind.EMPHASIS, "mayor", ""),
        (MarkKind.STRONG, "safe", ""),
        (MarkKind.LINK, "the report", "https://example.org/report"),
        (MarkKind.CODE, "inspection.pdf", ""),
    }
    assert (BlockKind.QUOTE, 0, "It will stand for a hundred years.") in summary
    assert (BlockKind.LIST_ITEM, 1, "first point") in summary
    assert (BlockKind.LIST_ITEM, 2, "nested and ordered") in summary
    assert next(b for b in doc.blocks if b.text == "nested and ordered").ordered
    assert (BlockKind.CODE, 0, "def check():") in summary
    assert (BlockKind.CODE, 0, "    return False") in summary
    assert (BlockKind.TABLE_ROW, 0, "Year | Cost") in summary
    assert (BlockKind.TABLE_ROW, 0, "2023 | 5 M") in summary
    assert summary[-1] == (BlockKind.PARAGRAPH, 0, "Raw HTML paragraph.")
    assert "alert" not in doc.text


def test_front_matter_becomes_metadata_not_text() -> None:
    doc = import_markdown_bytes(_ARTICLE.encode(), "bridge.md")
    assert (doc.title, doc.author, doc.published) == (
        "Fact check: the bridge",
        "Jane Doe",
        "2024-05-06",
    )
    assert "roads" not in doc.text
    assert "---" not in doc.text
    assert doc.format == "markdown"


def test_real_jekyll_post() -> None:
    doc = import_file(FIXTURES / "2019-08-19-jekyll-4-0-0-released.markdown")
    assert_well_formed(doc)
    assert doc.title == "Jekyll 4.0.0 Released"
    assert doc.author == "mattr-"
    assert doc.published == "2019-08-20T10:00:00-05:00"
    assert doc.blocks[0].text.startswith("Hi! 👋 I bring some good news!")
    assert any(b.kind is BlockKind.LIST_ITEM for b in doc.blocks)


def test_without_front_matter_the_first_heading_is_the_title() -> None:
    doc = import_markdown_bytes(b"Intro line\n\n## Section title\n\nText.", "notes.md")
    assert doc.title == "Section title"
    assert doc.text == "Intro line\nSection title\nText."


def test_broken_front_matter_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: ok\nauthor: [unclosed\n---\n\nText\n", encoding="utf-8")
    assert refusal(path) == (
        f"{path}: the front matter at the top is not valid YAML (line 4); fix it or remove it."
    )


def test_empty_markdown_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.markdown"
    path.write_text("---\ntitle: Nothing\n---\n\n<!-- a comment -->\n", encoding="utf-8")
    assert refusal(path) == f"{path} has no text to check."


def test_deeply_nested_front_matter_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text("---\ntitle: " + "[" * 3_000 + "\n---\n\nText\n", encoding="utf-8")
    assert refusal(path) == (
        f"{path}: the front matter at the top is nested too deeply to read; "
        "simplify it or remove it."
    )


def test_an_image_becomes_a_placeholder_with_its_alt_text() -> None:
    source = b"# T\n\nBefore.\n\n![A chart of trade](https://img.example/c.png)\n\nAfter.\n"
    imported = import_markdown_bytes(source, "a.md")
    assert [(b.kind, b.text, b.alt) for b in imported.blocks[1:]] == [
        (BlockKind.PARAGRAPH, "Before.", ""),
        (BlockKind.FIGURE, "A chart of trade", "A chart of trade"),
        (BlockKind.PARAGRAPH, "After.", ""),
    ]
    assert "img.example" not in str(imported.blocks)
