"""``annotator library`` and ``annotator match`` end to end: import, stats, remove, matching
one text or a file of queries (a TREC run), and one `error:` line for bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.services.library import ClaimLibrary
from tests.cli.test_cli import run
from tests.conftest import SAMPLE_CLAIM

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claimreview"
SNOPES = FIXTURES / "real_snopes_yovanovitch_net_worth.json"
FLAT = FIXTURES / "schemaorg_google_example_world_is_flat.json"


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite"


def test_import_stats_and_remove(capsys: pytest.CaptureFixture[str], library: Path) -> None:
    code, out, _ = cli(capsys, "library", "import", SNOPES, FLAT, "--library", library)
    assert code == 0
    assert out.splitlines() == [
        "real_snopes_yovanovitch_net_worth.json: 1 review added, 0 updated",
        "schemaorg_google_example_world_is_flat.json: 1 review added, 0 updated",
    ]
    assert cli(capsys, "library", "import", SNOPES, "--library", library)[1] == (
        "real_snopes_yovanovitch_net_worth.json: 0 reviews added, 1 updated\n"
    )
    code, out, _ = cli(capsys, "library", "stats", "--json", "--library", library)
    stats = json.loads(out)
    assert stats["entries"] == 2
    assert stats["sources"] == {
        "real_snopes_yovanovitch_net_worth.json": 1,
        "schemaorg_google_example_world_is_flat.json": 1,
    }
    code, out, _ = cli(capsys, "library", "remove", FLAT.name, "--library", library)
    assert (code, out) == (0, f"{FLAT.name}: 1 entry removed\n")
    assert (
        json.loads(cli(capsys, "library", "stats", "--json", "--library", library)[1])["entries"]
        == 1
    )


def test_the_library_is_in_the_data_folder_unless_told(
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = Path(os.environ["ANNOTATOR_HOME"])
    assert cli(capsys, "library", "import", FLAT)[0] == 0
    stats = json.loads(cli(capsys, "library", "stats", "--json")[1])
    assert stats["library"] == str(home / "data" / "library.sqlite")


def test_match_prints_the_review_and_json_has_every_field(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    cli(capsys, "library", "import", SNOPES, FLAT, "--library", library)
    text = "Yovanovitch is worth 17 million dollars"
    code, out, _ = cli(capsys, "match", text, "--library", library, "--top", "1")
    assert code == 0
    assert "Unproven  Snopes" in out
    assert "https://www.snopes.com/fact-check/marie-yovanovitch-net-worth/" in out
    [found] = json.loads(cli(capsys, "match", text, "--json", "--library", library)[1])
    assert found["verdict"] == "Unproven"
    assert found["outlet"] == "Snopes"
    assert found["source"] == SNOPES.name
    assert 0 < found["similarity"] <= 1


def test_queries_give_a_trec_run_naming_the_identifier_or_the_url(
    capsys: pytest.CaptureFixture[str], library: Path, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(
        json.dumps(
            [
                {
                    "@type": "ClaimReview",
                    "identifier": "vclaim-7",
                    "claimReviewed": "Yovanovitch owns a castle in Scotland.",
                    "url": "https://checks.example/castle",
                }
            ]
        ),
        "utf-8",
    )
    cli(capsys, "library", "import", SNOPES, feed, "--library", library)
    queries = tmp_path / "queries.tsv"
    queries.write_text("q1\tMarie Yovanovitch net worth 17 million\n\nq2\tNothing in common here\n")
    code, out, _ = cli(capsys, "match", "--queries", queries, "--library", library, "--top", "5")
    assert code == 0
    lines = [line.split(" ") for line in out.splitlines()]
    assert [line[0] for line in lines] == ["q1", "q1"]
    assert all(line[1] == "Q0" and line[5] == "annotator" for line in lines)
    assert [line[2] for line in lines] == [
        "https://www.snopes.com/fact-check/marie-yovanovitch-net-worth/",
        "vclaim-7",
    ]
    assert [line[3] for line in lines] == ["1", "2"]
    assert float(lines[0][4]) > float(lines[1][4])


def test_adding_a_project_puts_its_verdicts_in_the_library(
    capsys: pytest.CaptureFixture[str], library: Path, tmp_path: Path, sample_path: Path
) -> None:
    project = tmp_path / "p.factcheck"
    cli(capsys, "new", project)
    document = cli(capsys, "add-document", project, sample_path)[1].strip()
    claim = cli(capsys, "add-claim", project, "--document", document, "--quote", SAMPLE_CLAIM)[1]
    cli(capsys, "set-verdict", project, claim.strip(), "false")
    code, out, _ = cli(capsys, "library", "add", project, "--library", library)
    assert (code, out) == (0, f"{project.resolve()}: 1 claim with a verdict\n")
    [found] = json.loads(
        cli(capsys, "match", "four combat helicopters", "--json", "--library", library)[1]
    )
    assert (found["claim"], found["verdict"], found["claim_id"]) == (
        SAMPLE_CLAIM,
        "False",
        claim.strip(),
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("library", "import", "{missing}"), "does not exist; check the file name."),
        (("library", "import", "{notjson}"), "notes.json is not JSON (line 1, column 1"),
        (("library", "remove", "nothing"), "The library has no source named 'nothing'"),
        (("match", "--queries", "{badqueries}"), "line 1: expected `id<TAB>text`"),
        (("match", "x", "--top", "0"), "--top counts from 1."),
        (("library", "stats", "--library", "{notjson}"), "is not a claim library"),
        (("match", "x", "--library", "{missing}"), "There is no claim library at"),
        (("library", "stats", "--library", "{missing}"), "library import FEED"),
    ],
)
def test_bad_input_gives_one_error_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    (tmp_path / "notes.json").write_text("my notes")
    (tmp_path / "queries.tsv").write_text("no tab here\n")
    files = {
        "missing": tmp_path / "missing.json",
        "notjson": tmp_path / "notes.json",
        "badqueries": tmp_path / "queries.tsv",
    }
    ClaimLibrary.open(tmp_path / "library.sqlite").close()  # an empty library
    filled = [a.format(**files) for a in args]
    if "--library" not in filled:
        filled += ["--library", str(tmp_path / "library.sqlite")]
    code, out, err = cli(capsys, *filled)
    assert code == 1
    assert out == ""
    assert err.startswith("error: ")
    assert message in err
    assert err.count("\n") == 1


def test_the_commands_run_as_a_program(tmp_path: Path) -> None:
    library = tmp_path / "library.sqlite"
    assert run("library", "import", FLAT, "--library", library).returncode == 0
    result = run("match", "Is the world flat?", "--library", library, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["claim"] == "The world is flat"


def test_a_damaged_library_is_one_error_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    from tests.services.test_library import damaged

    damaged(library)
    code, out, err = cli(capsys, "match", "Checked claim number 1", "--library", library)
    assert (code, out) == (1, "")
    assert err.startswith("error: The claim library ")
    assert "cannot be read: no such table: entries_fts" in err
