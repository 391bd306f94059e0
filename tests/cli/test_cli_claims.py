"""The claim and article commands for scripting users: listing, editing and deleting claims
by number or short id, refusing an ambiguous quote, article details, the app-wide checker name,
export choices, and help text on every option."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.cli import build_parser, main
from annotator.services import Workspace

TEXT = (
    "Budget row deepens\n"
    "The minister said spending rose. Critics said spending rose too fast. "
    "Spending rose, the figures show.\n"
)


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "p.factcheck"
    article = tmp_path / "budget-row.txt"
    article.write_text(TEXT, encoding="utf-8")
    cli(capsys, "new", path)
    _, out, _ = cli(capsys, "add-document", path, article)
    return path, out.strip()


def _add(capsys: pytest.CaptureFixture[str], path: Path, document: str, *args: str) -> str:
    code, out, err = cli(capsys, "add-claim", path, "--document", document, *args)
    assert code == 0, err
    return out.strip()


def _without_help(parser: argparse.ArgumentParser, name: str) -> list[str]:
    """Every option and argument of ``parser`` (and of its sub-commands, at any depth) that
    has no help text; a group of sub-commands needs help on each of them."""
    missing = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if isinstance(action, argparse._SubParsersAction):
            described = {choice.dest for choice in action._choices_actions if choice.help}
            missing += [f"{name} {sub}" for sub in action.choices if sub not in described]
            for sub, command in action.choices.items():
                missing += _without_help(command, f"{name} {sub}".strip())
        elif not action.help:
            missing.append(f"{name} {action.dest}")
    return missing


def test_every_option_of_every_command_has_help() -> None:
    assert _without_help(build_parser(), "") == []


def test_an_ambiguous_quote_is_refused_with_its_places_until_an_occurrence_is_given(
    capsys: pytest.CaptureFixture[str], project: tuple[Path, str]
) -> None:
    path, document = project
    code, out, err = cli(
        capsys, "add-claim", path, "--document", document, "--quote", "spending rose"
    )
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        "error: The quote 'spending rose' occurs 2 times in the document; say which one with "
        "--occurrence N:",
        "  --occurrence 1: …row deepens The minister said [spending rose]. Critics said "
        "spending rose…",
        "  --occurrence 2: …spending rose. Critics said [spending rose] too fast. Spending rose, "
        "the…",
    ]
    with Workspace.open(path) as workspace:
        assert workspace.claims.all() == []
    claim = _add(capsys, path, document, "--quote", "spending rose", "--occurrence", "2")
    with Workspace.open(path) as workspace:
        placed = workspace.claims.get(claim)
        assert TEXT.index("spending rose too") == placed.start


def test_claims_are_listed_with_number_id_status_verdict_and_quote(
    capsys: pytest.CaptureFixture[str], project: tuple[Path, str]
) -> None:
    path, document = project
    second = _add(capsys, path, document, "--quote", "Critics said")
    first = _add(capsys, path, document, "--quote", "The minister said", "--status", "done")
    assert cli(capsys, "set-verdict", path, "#2", "false")[0] == 0
    code, out, _ = cli(capsys, "claims", path)
    assert code == 0
    assert out.splitlines() == [
        f"   #2  {first}  Done       False             The minister said",
        f"   #1  {second}  Draft      Unrated           Critics said",
    ]
    _, out, _ = cli(capsys, "claims", path, "--document", document[:6], "--json")
    listed = json.loads(out)
    assert [(c["number"], c["id"], c["status"], c["verdict"]) for c in listed] == [
        (2, first, "done", "false"),
        (1, second, "draft", None),
    ]
    assert listed[0]["quote"] == "The minister said"
    _, out, _ = cli(capsys, "claims", path, "--search", "critic")
    assert out.splitlines() == [f"   #1  {second}  Draft      Unrated           Critics said"]


def test_claims_are_named_by_number_or_a_unique_id_start(
    capsys: pytest.CaptureFixture[str], project: tuple[Path, str]
) -> None:
    path, document = project
    claim = _add(capsys, path, document, "--quote", "Critics said")
    for reference in ("#1", "1", claim[:8], claim):
        code, out, err = cli(capsys, "edit-claim", path, reference, "--notes", reference)
        assert code == 0, err
        assert claim in out
    with Workspace.open(path) as workspace:
        assert workspace.claims.get(claim).notes == claim
    code, _, err = cli(capsys, "edit-claim", path, "#7", "--notes", "x")
    assert (code, err) == (
        1,
        "error: There is no claim #7 in this project; `annotator claims PROJECT` lists the "
        "claims with their numbers.\n",
    )


def test_a_shared_id_start_is_refused_with_the_candidates(
    capsys: pytest.CaptureFixture[str], project: tuple[Path, str]
) -> None:
    path, document = project
    with Workspace.open(path) as workspace:
        model = workspace.claims.add_by_quote(document, "Critics said")
        workspace.claims.delete(model.id)
        for suffix in ("1", "2"):
            workspace.claims.restore(replace(model, id=f"abcd{suffix}", number=0))
    shared = "abcd"
    code, _, err = cli(capsys, "delete-claim", path, shared)
    assert code == 1
    assert err == (
        "error: 'abcd' is the start of several claim ids (abcd1, abcd2); give more characters.\n"
    )
    assert cli(capsys, "delete-claim", path, "abcd2")[0] == 0


def test_edit_claim_changes_the_fields_given_and_keeps_the_rest(
    capsys: pytest.CaptureFixture[str], project: tuple[Path, str]
) -> None:
    path, document = project
    claim = _add(capsys, path, document, "--quote", "Critics said", "--tag", "old")
    code, _, err = cli(
        capsys,
        "edit-claim",
        path,
        "#1",
        "--summary",
        "Critics object",
        "--claimant",
        "A. Critic",
        "--claimant-role",
        "Economist",
        "--date",
        "2026-12-01",
        "--tag",
        "budget",
        "--tag",
        "spending",
        "--status",
        "in-review",
    )
    assert code == 0, err
    with Workspace.open(path) as workspace:
        edited = workspace.claims.get(claim)
    assert edited.summary == "Critics object"
    assert (edited.claimant.name, edited.claimant.role) == ("A. Critic", "Economist")
    assert edited.claim_date == "2026-12-01"
    assert edited.tags == ("budget", "spending")
    assert edited.status.value == "in-review"
    cli(capsys, "edit-claim", path, "1", "--no-tags")
    with Workspace.open(path) as workspace:
        assert workspace.claims.get(claim).tags == ()
        assert workspace.claims.get(claim).summary == "Critics object"
    code, _, err = cli(capsys, "edit-claim", path, "1")
    assert code == 1
    assert err.startswith("error: Nothing to change: give at least one of --summary")
    code, _, err = cli(capsys, "edit-claim", path, "1", "--date", "yesterday")
    assert (code, err) == (
        1,
        "error: The claim date 'yesterday' is not a date; use the form YYYY-MM-DD.\n",
    )


def test_delete_claim_frees_no_number(
    capsys: pytest.CaptureFixture[str], project: tuple[Path, str]
) -> None:
    path, document = project
    claim = _add(capsys, path, document, "--quote", "Critics said")
    code, out, _ = cli(capsys, "delete-claim", path, "#1")
    assert (code, out) == (0, f"deleted claim #1 ({claim}): Critics said\n")
    _add(capsys, path, document, "--quote", "The minister said")
    _, out, _ = cli(capsys, "claims", path, "--json")
    assert [c["number"] for c in json.loads(out)] == [2]


def test_a_text_file_is_titled_by_its_headline_else_by_its_file_name(
    capsys: pytest.CaptureFixture[str], project: tuple[Path, str], tmp_path: Path
) -> None:
    path, document = project
    no_headline = tmp_path / "council_minutes-2026.txt"
    no_headline.write_text(
        "The council met on Tuesday and agreed the budget after a long debate. It will "
        "meet again in March.\nMore text follows.\n",
        encoding="utf-8",
    )
    _, other, _ = cli(capsys, "add-document", path, no_headline)
    with Workspace.open(path) as workspace:
        assert workspace.documents.get(document).title == "Budget row deepens"
        assert workspace.documents.get(other.strip()).title == "council minutes 2026"


def test_article_details_are_set_when_adding_and_edited_later(
    capsys: pytest.CaptureFixture[str], project: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = project
    article = tmp_path / "a.txt"
    article.write_text("Headline here\nBody text.\n", encoding="utf-8")
    code, out, err = cli(
        capsys,
        "add-document",
        path,
        article,
        "--url",
        "https://news.example.org/a",
        "--outlet",
        "Example News",
        "--date",
        "2026-12-03",
    )
    assert code == 0, err
    document = out.strip()
    code, out, err = cli(
        capsys, "edit-document", path, document[:8], "--title", "Real headline", "--author", "Ann"
    )
    assert code == 0, err
    assert out.splitlines() == [
        "title:  Real headline",
        "outlet: Example News",
        "author: Ann",
        "date:   2026-12-03",
        "origin: https://news.example.org/a",
    ]
    code, _, err = cli(capsys, "edit-document", path, document, "--url", "sipri.org/x")
    assert (code, err) == (
        1,
        "error: The article's original URL 'sipri.org/x' is not a full web address; did you "
        "mean 'https://sipri.org/x'?\n",
    )
    code, _, err = cli(capsys, "edit-document", path, document, "--title", " ")
    assert (code, err) == (1, "error: The article's title cannot be empty.\n")


def test_the_checker_name_is_set_once_for_the_app_and_a_project_may_override_it(
    capsys: pytest.CaptureFixture[str], project: tuple[Path, str]
) -> None:
    path, document = project
    assert cli(capsys, "set-checker", path.parent / "unused")[0] == 0  # a name, not a path
    assert cli(capsys, "set-checker", "  Amina   K. ")[1] == "Amina K.\n"
    assert cli(capsys, "set-checker")[1] == "Amina K.\n"
    _add(capsys, path, document, "--quote", "Critics said")
    cli(capsys, "set-verdict", path, "1", "false")
    with Workspace.open(path) as workspace:
        verdict = workspace.claims.get(workspace.claims.all()[0].id).verdict
        assert verdict is not None
        assert verdict.rated_by == "Amina K."
    cli(capsys, "set-project", path, "--checker", "Desk B")
    cli(capsys, "set-verdict", path, "1", "true")
    with Workspace.open(path) as workspace:
        verdict = workspace.claims.all()[0].verdict
        assert verdict is not None
        assert verdict.rated_by == "Desk B"


def test_export_can_leave_out_drafts_and_articles_without_claims(
    capsys: pytest.CaptureFixture[str], project: tuple[Path, str], tmp_path: Path
) -> None:
    path, document = project
    empty = tmp_path / "empty.txt"
    empty.write_text("Nothing to see\nQuiet day.\n", encoding="utf-8")
    cli(capsys, "add-document", path, empty)
    _add(capsys, path, document, "--quote", "Critics said")
    _add(capsys, path, document, "--quote", "The minister said", "--status", "done")
    _, out, _ = cli(capsys, "export", path, "--format", "csv", "--no-drafts")
    rows = out.splitlines()[1:]
    assert [row.split(",")[0] for row in rows] == ["2"]
    _, out, _ = cli(capsys, "export", path, "--format", "markdown", "--only-with-claims")
    assert "Nothing to see" not in out
    assert "## Budget row deepens" in out
    _, out, _ = cli(capsys, "export", path, "--format", "markdown")
    assert "## Nothing to see" in out
