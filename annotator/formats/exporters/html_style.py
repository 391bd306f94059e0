"""The style sheets of the HTML report: one for browsers (screen and ``@media print``), generated
per rating scale, and the small subset of CSS that Qt's rich text understands for PDF printing.

Only system fonts and inline colours: the report must open offline and request nothing.
"""

from __future__ import annotations

from annotator.domain.ratings import UNRATED_COLOR
from annotator.formats.exporters.report_parts import ink_on, tint
from annotator.formats.report import Report

HIGHLIGHT_TINT = 0.35
OVERLAP_TINT = 0.6

_BASE_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 2rem 1.25rem 4rem;
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Naskh Arabic",
  "Noto Nastaliq Urdu", sans-serif; color: #1f2328; background: #fff; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 .5rem; border-bottom: 2px solid #d0d7de;
  padding-bottom: .25rem; }
h3, h4, h5, h6 { margin: 1.4rem 0 .4rem; }
a { color: #0a58ca; }
.meta { color: #57606a; margin: 0 0 1rem; font-size: .95rem; }
.summary svg { width: 100%; max-width: 40rem; height: auto; display: block; }
.article { border: 1px solid #d0d7de; border-radius: 8px; padding: .5rem 1.25rem;
  background: #fcfcfd; }
.article pre { white-space: pre-wrap; background: #f6f8fa; padding: .5rem; border-radius: 4px; }
.article .figure { margin: .75rem 1.5rem; padding: .4rem .75rem; background: #eef2f6;
  border-radius: 4px; color: #4b5563; font-size: .88rem; text-align: center; }
.figure .image { font-style: italic; }
.figure .credit { color: #6b7280; }
.page { color: #57606a; margin-inline-start: .5rem; }
.article blockquote { margin: .5rem 0; padding-inline-start: 1rem;
  border-inline-start: 3px solid #d0d7de; }
.article .row { white-space: pre-wrap; font-family: ui-monospace, monospace; }
mark { color: inherit; border-radius: 2px; padding: 0 .05em;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
mark.ov { text-decoration: underline 2px; text-underline-offset: 3px; }
sup.n { font-size: .7em; font-weight: 700; margin: 0 .1em; }
sup.n a { text-decoration: none; }
.claim { border: 1px solid #d0d7de; border-left: 6px solid var(--c, #9e9e9e);
  border-radius: 8px; padding: .75rem 1rem; margin: 1rem 0; break-inside: avoid; }
.claim header { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
.claim .num { font-weight: 700; }
.badge { display: inline-block; padding: .05rem .55rem; border-radius: 999px; font-weight: 600;
  font-size: .9rem; }
.status, .state { color: #57606a; font-size: .85rem; }
.claim blockquote { margin: .6rem 0; padding: .4rem .8rem; background: #f6f8fa;
  border-inline-start: 3px solid #d0d7de; white-space: pre-wrap; }
.claim .summary-text { font-weight: 600; }
.rationale p { margin: .3rem 0; }
.sources { padding-inline-start: 1.2rem; margin: .3rem 0; }
.stance { font-size: .8rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; }
.stance-supports { color: #1a7f37; } .stance-refutes { color: #cf222e; }
.stance-context { color: #57606a; }
.excerpt { color: #57606a; font-style: italic; }
.tags span { display: inline-block; background: #eaeef2; border-radius: 4px; padding: 0 .4rem;
  margin-right: .3rem; font-size: .85rem; }
footer { margin-top: 3rem; color: #57606a; font-size: .85rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; }
  .document { break-before: page; }
  .article { border: none; padding: 0; background: none; }
  .claim, .summary { break-inside: avoid; }
  .sources a[href]::after { content: " <" attr(href) ">"; font-size: .8em; color: #57606a;
    word-break: break-all; }
  sup.n a { color: inherit; }
}
"""


def screen_css(report: Report) -> str:
    """The browser style sheet with a highlight and a badge class per rating."""
    rules = [_BASE_CSS.strip()]
    colors = [(r.key, r.color) for r in report.project.rating_scale]
    colors.append(("unrated", UNRATED_COLOR))
    for key, color in colors:
        # Keys match [a-z0-9][a-z0-9_-]* and colours #rrggbb (checked by the report model),
        # so they are safe to write into CSS as they are.
        rules.append(
            f"mark.r-{key} {{ background: {tint(color, HIGHLIGHT_TINT)}; }}\n"
            f"mark.r-{key}.ov {{ background: {tint(color, OVERLAP_TINT)}; }}\n"
            f".b-{key} {{ background: {color}; color: {ink_on(color)}; }}\n"
            f".claim.c-{key} {{ --c: {color}; }}"
        )
    return "\n".join(rules) + "\n"


# Qt's rich text honours margins in pixels only (it drops margins given in points).
PRINT_CSS = """
body { font-family: sans-serif; font-size: 10pt; color: #1f2328; }
h1 { font-size: 18pt; margin-bottom: 3px; }
h2 { font-size: 14pt; margin-top: 18px; margin-bottom: 6px; }
h3 { font-size: 12pt; margin-top: 20px; margin-bottom: 6px; }
h4, h5, h6 { font-size: 10.5pt; margin-top: 10px; margin-bottom: 4px; }
p, li, pre, blockquote { margin-top: 0px; margin-bottom: 6px; }
pre { font-family: monospace; font-size: 9pt; }
blockquote { margin-left: 16px; }
.meta { color: #57606a; }
.muted { color: #57606a; }
.supports { color: #1a7f37; font-weight: bold; }
.refutes { color: #cf222e; font-weight: bold; }
.context { color: #57606a; font-weight: bold; }
.figure { color: #4b5563; background-color: #eef2f6; font-size: 9pt; margin-left: 16px;
  margin-right: 16px; }
.credit { color: #6b7280; }
"""
