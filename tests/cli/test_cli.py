"""The `annotator` command end to end: the sample-article flow of the README, and every bad
input gives one `error:` line and exit status 1 (usage errors: 2), never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from annotator.cli import main
from annotator.services import Workspace
from tests.conftest import SAMPLE_CLAIM


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_readme_flow_on_the_sample(tmp_path: Path, sample_path: Path) -> None:
    project = tmp_path / "sample.factcheck"
    assert run("new", project, "--title", "Sample").returncode == 0
    added = run("add-document", project, sample_path)
    assert added.returncode == 0, added.stderr
    document = added.stdout.strip()
    claim = run(
        "add-claim", project, "--document", document, "--quote", SAMPLE_CLAIM
    ).stdout.strip()
    assert (
        run("set-verdict", project, claim, "mostly-true", "--rationale", "2015 deal").returncode
        == 0
    )
    source = run("add-source", project, claim, "https://example.org/deal", "--stance", "supports")
    assert source.returncode == 0
    exported = run("export", project)
    assert exported.returncode == 0
    report = json.loads(exported.stdout)
    schema = json.loads(run("schema").stdout)
    jsonschema.validate(report, schema)
    [doc] = report["documents"]
    [item] = doc["claims"]
    assert doc["text"][item["start"] : item["end"]] == item["quote"] == SAMPLE_CLAIM
    assert item["verdict"]["rating"] == "mostly-true"
    assert item["sources"][0]["url"] == "https://example.org/deal"


def test_import_and_export_round_trip(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_path: Path
) -> None:
    project = tmp_path / "a.factcheck"
    cli(capsys, "new", project)
    _, out, _ = cli(capsys, "add-document", project, sample_path)
    _, claim, _ = cli(
        capsys, "add-claim", project, "--document", out.strip(), "--quote", "Islamabad"
    )
    cli(capsys, "set-verdict", project, claim.strip(), "true")
    assert cli(capsys, "export", project, "-o", tmp_path / "a.json")[0] == 0
    code, out, _ = cli(capsys, "import", tmp_path / "a.json", tmp_path / "b.factcheck")
    assert code == 0
    assert "1 document, 1 claim imported" in out
    cli(capsys, "export", tmp_path / "b.factcheck", "-o", tmp_path / "b.json")
    first = json.loads((tmp_path / "a.json").read_text())
    second = json.loads((tmp_path / "b.json").read_text())
    first.pop("exported_at"), second.pop("exported_at")
    assert first == second
    code, out, _ = cli(capsys, "info", tmp_path / "b.factcheck", "--json")
    assert json.loads(out)["verdicts"]["true"] == 1
    assert cli(capsys, "check", tmp_path / "b.factcheck")[0] == 0


@pytest.fixture
def project_with_doc(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_path: Path
) -> tuple[Path, str]:
    project = tmp_path / "p.factcheck"
    cli(capsys, "new", project)
    _, out, _ = cli(capsys, "add-document", project, sample_path)
    return project, out.strip()


def test_bad_inputs_give_one_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, project_with_doc: tuple[Path, str]
) -> None:
    project, document = project_with_doc
    (tmp_path / "text.factcheck").write_text("not a project")
    (tmp_path / "bad.json").write_text("{oops")
    cases = [
        (("info", tmp_path / "missing.factcheck"), "No project at"),
        (("info", tmp_path / "text.factcheck"), "is not an Annotator project"),
        (
            ("add-claim", project, "--document", document, "--quote", "no such words"),
            "is not in the document",
        ),
        (
            ("add-claim", project, "--document", "nope", "--quote", "x"),
            "no document with an id starting 'nope'",
        ),
        (("set-verdict", project, "missing-claim", "true"), "no claim with an id starting"),
        (("import", tmp_path / "bad.json", tmp_path / "n.factcheck"), "is not valid JSON"),
        (("import", tmp_path / "none.json", tmp_path / "n.factcheck"), "no such file"),
        (("add-document", project, tmp_path / "none.txt"), "no such file"),
        (("new", project), "already exists"),
    ]
    for args, message in cases:
        code, _, err = cli(capsys, *args)
        assert code == 1, args
        assert err.startswith("error: "), err
        assert message in err, (args, err)
        assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "n.factcheck").exists()


def test_unknown_rating_names_the_scale(
    capsys: pytest.CaptureFixture[str], project_with_doc: tuple[Path, str]
) -> None:
    project, document = project_with_doc
    _, claim, _ = cli(capsys, "add-claim", project, "--document", document, "--quote", "Islamabad")
    code, _, err = cli(capsys, "set-verdict", project, claim.strip(), "pants-on-fire")
    assert code == 1
    assert "'pants-on-fire' is not a rating of this project's scale; use one of: true," in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["add-claim"])
    assert exit_info.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_damaged_project_fails_check(
    capsys: pytest.CaptureFixture[str], project_with_doc: tuple[Path, str]
) -> None:
    project, document = project_with_doc
    cli(capsys, "add-claim", project, "--document", document, "--quote", SAMPLE_CLAIM)
    import sqlite3

    with sqlite3.connect(project) as connection:
        connection.execute("UPDATE claims SET quote = 'tampered'")
    code, _, err = cli(capsys, "check", project)
    assert code == 1
    assert "its quote no longer matches" in err
    assert "is damaged (1 problem)" in err


def test_version_and_schema() -> None:
    assert run("--version").stdout.strip().startswith("annotator ")
    schema = json.loads(run("schema").stdout)
    assert schema["title"] == "Report"


def test_every_export_format_and_annotations_back(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    project_with_doc: tuple[Path, str],
    sample_path: Path,
) -> None:
    project, document = project_with_doc
    _, claim, _ = cli(capsys, "add-claim", project, "--document", document, "--quote", SAMPLE_CLAIM)
    cli(capsys, "set-verdict", project, claim.strip(), "mixed", "--rationale", "Partly")
    for name in ("json", "claimreview", "webannotation", "html", "markdown", "csv", "pdf"):
        out = tmp_path / f"report.{name}"
        code, _, err = cli(capsys, "export", project, "--format", name, "-o", out)
        if name == "pdf":  # the CLI in-process has no Qt printer; the real command does
            assert code == 1
            assert "needs the Qt libraries" in err
            continue
        assert code == 0, err
        assert out.stat().st_size > 0
    # A DISPLAY that is set but unreachable (ssh, a stopped X server) does not matter.
    no_screen = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    no_screen["DISPLAY"] = ":77"
    pdf = run("export", project, "--format", "pdf", "-o", tmp_path / "report.pdf", env=no_screen)
    assert pdf.returncode == 0, pdf.stderr
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    other = tmp_path / "other.factcheck"
    cli(capsys, "new", other)
    cli(capsys, "add-document", other, sample_path)
    code, out, _ = cli(capsys, "import-annotations", other, tmp_path / "report.webannotation")
    assert code == 0
    assert out.startswith("1 claim placed, 0 annotations not placed")
    _, out, _ = cli(capsys, "export", other)
    [item] = json.loads(out)["documents"][0]["claims"]
    assert item["quote"] == SAMPLE_CLAIM
    assert item["verdict"]["rating"] == "mixed"
    (tmp_path / "bad.jsonld").write_text("[1, 2")
    code, _, err = cli(capsys, "import-annotations", other, tmp_path / "bad.jsonld")
    assert code == 1
    assert err.startswith("error: ")
    assert "bad.jsonld" in err


def test_command_names_match_the_cli() -> None:
    from annotator.__main__ import COMMAND_NAMES
    from annotator.cli import COMMANDS

    assert COMMAND_NAMES == COMMANDS


def test_a_folder_named_like_a_command_does_not_open_the_app(tmp_path: Path) -> None:
    (tmp_path / "export").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "export", str(tmp_path / "none.factcheck")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: No project at")


def test_non_utf8_arguments_are_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = b"r\xff.factcheck".decode("utf-8", "surrogateescape")
    assert main(["new", str(tmp_path / bad)]) == 2
    assert "is not valid UTF-8 text" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--quote", "Islamabad", "--end", "3"], "--end goes with --start"),
        (["--start", "0", "--end", "3", "--occurrence", "2"], "--occurrence goes with --quote"),
        (["--start", "0"], "--start needs --end"),
        (["--quote", "Islamabad", "--occurrence", "0"], "--occurrence counts from 1"),
    ],
)
def test_add_claim_option_mixes_are_usage_errors(
    capsys: pytest.CaptureFixture[str],
    project_with_doc: tuple[Path, str],
    extra: list[str],
    message: str,
) -> None:
    project, document = project_with_doc
    with pytest.raises(SystemExit) as exit_info:
        main(["add-claim", str(project), "--document", document, *extra])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_negative_offsets_are_refused(
    capsys: pytest.CaptureFixture[str], project_with_doc: tuple[Path, str]
) -> None:
    project, document = project_with_doc
    code, _, err = cli(
        capsys, "add-claim", project, "--document", document, "--start", "-5", "--end", "3"
    )
    assert code == 1
    assert "outside the document" in err


def test_add_source_stores_nothing_when_it_fails(
    capsys: pytest.CaptureFixture[str], project_with_doc: tuple[Path, str]
) -> None:
    project, document = project_with_doc
    _, claim, _ = cli(capsys, "add-claim", project, "--document", document, "--quote", "Islamabad")
    code, _, err = cli(
        capsys,
        "add-source",
        project,
        claim.strip(),
        "https://example.org/b",
        "--excerpt",
        "x" * 20_001,
    )
    assert code == 1
    assert "excerpt" in err
    _, out, _ = cli(capsys, "info", project, "--json")
    assert json.loads(out)["sources"] == 0
    assert cli(capsys, "add-source", project, claim.strip(), "https://example.org/b")[0] == 0
    code, _, err = cli(capsys, "add-source", project, claim.strip(), "https://example.org/b")
    assert code == 1
    assert "already cites" in err


def test_a_pdf_is_not_written_to_a_terminal(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    project_with_doc: tuple[Path, str],
) -> None:
    project, _ = project_with_doc
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = cli(capsys, "export", project, "--format", "pdf")
    assert code == 1
    assert out == ""
    assert "give -o FILE.pdf" in err


def test_the_app_without_a_display_says_so_instead_of_aborting(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["ANNOTATOR_HOME"] = str(tmp_path)
    done = run("--sample", env=env)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "annotator: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is "
        "set); run it in a desktop session, or use the commands (annotator --help)."
    )


def test_set_project_changes_only_what_is_given_and_refuses_bad_addresses_whole(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project = tmp_path / "p.factcheck"
    cli(capsys, "new", project, "--title", "Checks")
    code, out, _ = cli(
        capsys, "set-project", project, "--checker", "Ana Lima", "--review-url",
        "https://checks.example/reviews/", "--publisher-name", "Daily Checks",
    )  # fmt: skip
    assert code == 0
    assert "checker:        Ana Lima" in out
    assert "publisher name: Daily Checks" in out
    assert "publisher url:  (not set)" in out
    code, _, err = cli(
        capsys, "set-project", project, "--title", "Renamed", "--publisher-url", "ftp://x"
    )
    assert code == 1
    assert "is not a web address" in err
    code, out, _ = cli(capsys, "set-project", project)  # nothing given: only shows them
    assert code == 0
    assert "title:          Checks" in out  # the refused call changed nothing
    assert "review url:     https://checks.example/reviews/" in out


def test_claimreview_export_warns_on_stderr_what_is_missing(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    project_with_doc: tuple[Path, str],
) -> None:
    project, document = project_with_doc
    _, claim, _ = cli(capsys, "add-claim", project, "--document", document, "--quote", SAMPLE_CLAIM)
    cli(capsys, "set-verdict", project, claim.strip(), "true")
    code, out, err = cli(capsys, "export", project, "--format", "claimreview")
    assert code == 0
    assert json.loads(out)[0]["@type"] == "ClaimReview"
    assert err.startswith("warning: ")
    assert "set-project" in err
    cli(
        capsys, "set-project", project, "--publisher-name", "Daily Checks",
        "--review-url", "https://checks.example/reviews/",
    )  # fmt: skip
    code, _, err = cli(capsys, "export", project, "--format", "claimreview")
    assert (code, err) == (0, "")


def test_adding_the_same_article_twice_names_the_document_it_already_is(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    sample_path: Path,
    project_with_doc: tuple[Path, str],
) -> None:
    project, document_id = project_with_doc
    copy = tmp_path / "copy of the article.txt"
    copy.write_bytes(sample_path.read_bytes())
    code, out, err = cli(capsys, "add-document", project, copy, "--title", "Another title")
    assert code == 0
    assert out.strip() == document_id
    assert "this project already has its text" in err
    assert "nothing was added" in err
    with Workspace.open(project, read_only=True) as workspace:
        assert [d.id for d in workspace.documents.all()] == [document_id]
