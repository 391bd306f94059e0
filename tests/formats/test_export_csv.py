"""CSV export: Excel-friendly bytes, one row per claim, and a lossless round trip."""

from __future__ import annotations

import csv
import io

from annotator.formats.exporters.csv_report import COLUMNS, defuse, render_csv
from tests.fixtures.report_fixture import fixture_report


def _rows() -> list[dict[str, str]]:
    data = render_csv(fixture_report())
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel"
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_rfc4180_line_ends_and_header() -> None:
    data = render_csv(fixture_report()).decode("utf-8-sig")
    assert data.startswith(",".join(COLUMNS) + "\r\n")
    assert data.endswith("\r\n")
    assert data.count("\r\n") == 1 + 6, "header and six claims (embedded newlines stay \\n)"


def test_round_trips_through_the_csv_reader() -> None:
    report = fixture_report()
    rows = _rows()
    claims = [(d, c) for d in report.documents for c in d.claims]
    assert len(rows) == len(claims)
    for row, (document, claim) in zip(rows, claims, strict=True):
        assert row["document"] == document.title
        assert row["claim_id"] == claim.id
        assert (int(row["start"]), int(row["end"])) == (claim.start, claim.end)
        assert row["quote"] == defuse(claim.quote)
        assert row["summary"] == defuse(claim.summary)
        assert row["status"] == claim.status
        assert row["tags"] == "; ".join(claim.tags)
        assert row["verdict"] == (claim.verdict.rating if claim.verdict else "")
        assert row["verdict_label"] == (claim.verdict.label if claim.verdict else "")
        assert row["rationale"] == (claim.verdict.rationale if claim.verdict else "")
        assert row["sources"] == "; ".join(f"{s.url} ({s.stance})" for s in claim.sources)
        assert row["anchor_state"] == claim.anchor_state
        assert document.text[int(row["start"]) : int(row["end"])] == claim.quote


def test_three_sources_and_multiline_rationale_survive() -> None:
    row = next(r for r in _rows() if r["verdict"] == "half-true")
    assert row["sources"].count("; ") == 2
    assert "(refutes)" in row["sources"]
    assert "\n" in row["rationale"]
    assert row["claimant"] == "Zahid Chaudhary, Reporter"


def test_formula_cells_are_defused() -> None:
    row = next(r for r in _rows() if r["verdict"] == "satire")
    assert row["summary"].startswith("'=HYPERLINK(")
    assert defuse("-5% growth") == "'-5% growth"
    assert defuse("plain") == "plain"
