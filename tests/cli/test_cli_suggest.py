"""`annotator suggest` and `annotator score-sentences`: output formats, and bad input gives one
`error:` line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import build_parser, main
from annotator.services import Workspace


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sample_project(sample_workspace: Workspace) -> tuple[Path, str]:
    [document] = sample_workspace.documents.all()
    path = sample_workspace.path
    sample_workspace.close()
    return path, document.id


def test_suggest_prints_json_with_offsets_scores_and_reasons(
    capsys: pytest.CaptureFixture[str], sample_project: tuple[Path, str]
) -> None:
    path, document = sample_project
    code, out, err = cli(capsys, "suggest", path, "--document", document, "--top", "4", "--json")
    assert code == 0, err
    items = json.loads(out)
    assert len(items) == 4
    assert set(items[0]) == {"start", "end", "text", "score", "reasons"}
    assert "Nov 2014" in items[0]["text"]
    assert items[0]["reasons"]
    assert items[0]["score"] >= items[-1]["score"]


def test_suggest_defaults_to_ten_per_thousand_words(
    capsys: pytest.CaptureFixture[str], sample_project: tuple[Path, str]
) -> None:
    path, document = sample_project
    code, out, _err = cli(capsys, "suggest", path, "--document", document)
    assert code == 0
    scored = [line for line in out.splitlines() if not line.startswith(" ")]
    assert len(scored) == 3  # the sample has about 330 words
    assert "because: " in out


def test_suggest_leaves_out_claimed_sentences(
    capsys: pytest.CaptureFixture[str], sample_project: tuple[Path, str]
) -> None:
    path, document = sample_project
    assert cli(capsys, "add-claim", path, "--document", document, "--quote", "Nov 2014")[0] == 0
    _code, out, _err = cli(capsys, "suggest", path, "--document", document, "--json")
    assert not any("Nov 2014" in item["text"] for item in json.loads(out))


def test_suggest_refuses_bad_input(
    capsys: pytest.CaptureFixture[str], sample_project: tuple[Path, str]
) -> None:
    path, _document = sample_project
    code, _out, err = cli(capsys, "suggest", path, "--document", "nope")
    assert (code, err) == (1, "error: There is no document with id 'nope' in this project.\n")
    with pytest.raises(SystemExit) as exit_info:
        main(["suggest", str(path), "--document", "x", "--top", "0"])
    assert exit_info.value.code == 2
    assert "0 is not a positive number" in capsys.readouterr().err


def test_score_sentences_gives_one_score_a_line_in_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = tmp_path / "sentences.txt"
    file.write_text("Thank you.\n\nUnemployment rose 3.5% last year.\n", encoding="utf-8")
    code, out, err = cli(capsys, "score-sentences", file)
    assert code == 0, err
    scores = [float(line) for line in out.splitlines()]
    assert len(scores) == 3
    assert scores[2] > scores[0]


def test_score_sentences_splits_lines_only_at_line_ends(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = tmp_path / "sentences.txt"
    file.write_bytes("It rose 5%.\u2028And fell.\r\nIt\x85grew 3%.\x0cAgain.\n".encode())
    code, out, err = cli(capsys, "score-sentences", file)
    assert code == 0, err
    assert len(out.splitlines()) == 2  # one score for each of the two lines


def test_score_sentences_reads_clef_tsv_and_explains_in_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = tmp_path / "debate.tsv"
    file.write_text(
        "1\tHOLT\tGood evening.\t0\n2\tTRUMP\tWe lost 70,000 factories.\t1\n", encoding="utf-8"
    )
    code, out, _err = cli(capsys, "score-sentences", file, "--json")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in records] == [1, 2]
    assert records[1]["score"] > records[0]["score"]
    assert "a number" in records[1]["reasons"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "1\tA\tFine.\t0\nnot a clef line\n",
            "Line 2 of {file} is not line<TAB>speaker<TAB>sentence[<TAB>label]",
        ),
        ("1\tA\tFine.\tyes\n", "Line 1 of {file} has the label 'yes'; a label is 0 or 1."),
        (
            "1\tA\tFine.\t0\n\u00b3\tA\tCubed.\t0\n",
            "Line 2 of {file} is not line<TAB>speaker<TAB>sentence[<TAB>label]",
        ),
    ],
)
def test_score_sentences_names_the_bad_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
) -> None:
    file = tmp_path / "bad.tsv"
    file.write_text(content, encoding="utf-8")
    code, _out, err = cli(capsys, "score-sentences", file)
    assert code == 1
    assert err.startswith("error: " + message.format(file=file))


def test_score_sentences_refuses_missing_and_non_utf8_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _out, err = cli(capsys, "score-sentences", tmp_path / "none.txt")
    assert (code, err) == (1, f"error: There is no file {tmp_path / 'none.txt'}.\n")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 prices rose.".encode("latin-1"))
    code, _out, err = cli(capsys, "score-sentences", latin)
    assert code == 1
    assert "is not UTF-8 text (byte 3); save it as UTF-8" in err


def test_every_option_of_the_new_commands_has_help() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in ("suggest", "score-sentences"):
        command = sub.choices[name]  # type: ignore[attr-defined]
        for action in command._actions:
            if action.dest != "help":
                assert action.help, f"{name} {action.dest}"
