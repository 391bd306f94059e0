"""CSV export: Excel-friendly bytes, one row per claim, and a lossless round trip."""

from __future__ import annotations

import csv
import io

from annotator.formats.exporters.csv_report import COLUMNS, defuse, render_csv, source_line
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
        assert row["document_id"] == document.id
        assert row["claim_id"] == claim.id
        assert (int(row["start"]), int(row["end"])) == (claim.start, claim.end)
        assert row["quote"] == defuse(claim.quote)
        assert row["summary"] == defuse(claim.summary)
        assert row["status"] == claim.status
        assert row["tags"] == "; ".join(claim.tags)
        assert row["verdict"] == (claim.verdict.rating if claim.verdict else "")
        assert row["verdict_label"] == (claim.verdict.label if claim.verdict else "")
        assert row["rationale"] == (claim.verdict.rationale if claim.verdict else "")
        assert row["claimant_url"] == claim.claimant.url
        assert row["claim_date"] == claim.claim_date
        assert row["sources"] == "\n".join(source_line(s) for s in claim.sources)
        assert row["anchor_state"] == claim.anchor_state
        assert document.text[int(row["start"]) : int(row["end"])] == claim.quote


def test_three_sources_and_multiline_rationale_survive() -> None:
    row = next(r for r in _rows() if r["verdict"] == "half-true")
    assert row["sources"].splitlines() == [
        'refutes: SIPRI Arms Transfers Database "Mi-35M" <deliveries> — SIPRI '
        "<https://www.sipri.org/databases/armstransfers?q=a&b=<c>> “Deliveries: 2017-2018”",
        "supports: Russia, Pakistan to set up military cooperation commission — TASS "
        "<https://tass.com/defense/1000000>",
        "context: Pakistan-Russia Consultative Group on Strategic Stability — Ministry of "
        "Foreign Affairs of Pakistan <https://mofa.gov.pk/press-releases/2018-03-02>",
    ]
    assert "\n" in row["rationale"]
    assert row["claimant"] == "Zahid Chaudhary, Reporter"
    assert row["claimant_url"] == "https://example.com/zahid"
    assert row["claim_date"] == "2018-03-03"
    assert row["document_id"] == "doc-article"


def test_a_source_line_leaves_out_empty_fields_and_keeps_to_one_line() -> None:
    source = fixture_report().documents[0].claims[2].sources[0]
    bare = source.model_copy(update={"title": "", "publisher": "", "excerpt": ""})
    assert source_line(bare) == f"refutes: <{source.url}>"
    multiline = source.model_copy(update={"excerpt": "first line\r\n  second\tline"})
    assert source_line(multiline).endswith("“first line second line”")


def test_formula_cells_are_defused() -> None:
    row = next(r for r in _rows() if r["verdict"] == "satire")
    assert row["summary"].startswith("'=HYPERLINK(")
    assert defuse("-5% growth") == "'-5% growth"
    assert defuse("plain") == "plain"
