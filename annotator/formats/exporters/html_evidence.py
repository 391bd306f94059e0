"""The HTML report's evidence: each source with the snapshots kept of it (when it was captured,
what it is, its SHA-256), linking to the snapshot files of a bundle (``--bundle``) relatively,
and to the web archive's copy when the checker gave one.

Only reports of projects with snapshots get this section (and its style rules), so reports of
other projects stay as they were.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from urllib.parse import quote

from annotator.domain.snapshot import media_kind
from annotator.domain.web import is_web_url
from annotator.formats.report import Report, ReportSnapshot, ReportSource

EVIDENCE_CSS = """
.evidence .source { margin: 1rem 0; }
.snapshots { padding-inline-start: 1.2rem; margin: .3rem 0; font-size: .9rem; }
.snapshots code { font-size: .8rem; overflow-wrap: anywhere; }
.kept { font-size: .8rem; color: #57606a; }
"""


def has_snapshots(report: Report) -> bool:
    return any(source.snapshots for source in report.sources)


def snapshot_note(report: Report, source_id: str) -> str:
    """After a cited source in a claim card: a link to its snapshots, if it has any."""
    source = next((s for s in report.sources if s.id == source_id), None)
    if source is None or not source.snapshots:
        return ""
    count = len(source.snapshots)
    words = "1 snapshot" if count == 1 else f"{count} snapshots"
    return f' <a class="kept" href="#source-{escape(source.id)}">{words} kept</a>'


def evidence_section(report: Report, files: Mapping[str, str]) -> str:
    """Every source with snapshots; ``files`` maps a snapshot id to its file's relative path."""
    sources = [s for s in report.sources if s.snapshots]
    if not sources:
        return ""
    parts = ['<section class="evidence">', "<h2>Evidence kept</h2>"]
    for source in sources:
        parts.append(_source(source, files))
    parts.append("</section>")
    return "\n".join(parts)


def _source(source: ReportSource, files: Mapping[str, str]) -> str:
    title = escape(source.title or source.url)
    heading = f'<a href="{escape(source.url)}">{title}</a>' if is_web_url(source.url) else title
    items = "\n".join(f"<li>{_snapshot(x, files.get(x.id, ''))}</li>" for x in source.snapshots)
    return (
        f'<article class="source" id="source-{escape(source.id)}">\n'
        f'<h3 dir="auto">{heading}</h3>\n<ul class="snapshots">\n{items}\n</ul>\n</article>'
    )


def _snapshot(snapshot: ReportSnapshot, file: str) -> str:
    kind = media_kind(snapshot.media_type)
    parts = [
        f"Captured {escape(snapshot.captured_at)}",
        f"{escape(kind)} ({escape(snapshot.media_type)}, {snapshot.size:,} bytes)",
        f"SHA-256 <code>{escape(snapshot.sha256)}</code>",
    ]
    if file:
        parts.append(f'<a href="{escape(quote(file))}">open the kept copy</a>')
    if is_web_url(snapshot.archived_url):
        parts.append(f'<a href="{escape(snapshot.archived_url)}">archived copy</a>')
    return " · ".join(parts)
