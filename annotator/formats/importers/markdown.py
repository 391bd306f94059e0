"""Markdown articles (CommonMark plus tables and strikethrough), with YAML front matter.

Front matter (``---`` ... ``---`` at the very top) is metadata, not text: its ``title``,
``author`` and ``date`` fill the document's fields. The rest is rendered by markdown-it-py and
goes through the same sanitiser and block builder as web pages, so raw HTML inside Markdown is
as harmless as a web page's and the two formats give the same body model for the same text.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml
from markdown_it import MarkdownIt

from annotator.domain.body import BlockKind
from annotator.errors import DocumentImportError
from annotator.formats.importers.base import ImportedDocument
from annotator.formats.importers.builder import clean_inline, with_directions
from annotator.formats.importers.html_blocks import html_to_blocks
from annotator.formats.importers.html_meta import iso_date
from annotator.formats.importers.text import decode_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
# Front matter is a few lines; a huge block is not front matter and would only cost time.
_MAX_FRONT_MATTER = 64 * 1024


def import_markdown_bytes(data: bytes, name: str, origin: str = "") -> ImportedDocument:
    """Import a Markdown article from its bytes."""
    text = decode_text(data, name).replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    meta, body = split_front_matter(text, name)
    renderer = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    blocks, direction = with_directions(html_to_blocks(renderer.render(body)))
    if not blocks:
        raise DocumentImportError(f"{name} has no text to check.")
    title = _field(meta, "title")
    if not title:
        title = next((b.text for b in blocks if b.kind is BlockKind.HEADING), "")
    published = meta.get("date") or meta.get("published")
    return ImportedDocument(
        blocks=blocks,
        format="markdown",
        original=data,
        origin=origin,
        title=title,
        author=_author(meta),
        publisher=_field(meta, "publisher"),
        published=_date(published),
        lang=_field(meta, "lang") or _field(meta, "language"),
        direction=direction,
    )


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """The YAML front matter as a mapping (empty without one) and the Markdown after it."""
    match = _FRONT_MATTER.match(text)
    if match is None or match.end() > _MAX_FRONT_MATTER:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise DocumentImportError(
            f"{name}: the front matter at the top is not valid YAML{where}; fix it or remove it."
        ) from None
    except (RecursionError, MemoryError):
        raise DocumentImportError(
            f"{name}: the front matter at the top is nested too deeply to read; "
            "simplify it or remove it."
        ) from None
    return (data if isinstance(data, dict) else {}), text[match.end() :]


def _field(meta: dict[str, Any], key: str) -> str:
    value = meta.get(key)
    return clean_inline(str(value)).strip() if isinstance(value, str | int | float) else ""


def _author(meta: dict[str, Any]) -> str:
    value = meta.get("author") or meta.get("authors")
    if isinstance(value, list):
        names = [clean_inline(str(v)).strip() for v in value if isinstance(v, str | int)]
        return ", ".join(n for n in names if n)
    if isinstance(value, dict):
        return _field(value, "name")
    return _field(meta, "author")


def _date(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return iso_date(value)
    return ""
