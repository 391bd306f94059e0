"""The check-worthiness tools: the CLEF measures, training that is reproducible and gives the
shipped model, and the evaluation table."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from annotator.domain.checkworthy import MODEL_RESOURCE, CheckworthyModel
from tools import eval_suggest, train_checkworthy
from tools.ranking_metrics import (
    average_precision,
    mean_measures,
    measures,
    precision_at,
    r_precision,
    ranked_labels,
)

ROOT = Path(__file__).resolve().parents[2]


def test_measures_follow_the_clef_scorer() -> None:
    ranked = [1, 0, 1, 0, 0]
    assert average_precision(ranked) == pytest.approx((1 / 1 + 2 / 3) / 2)
    assert r_precision(ranked) == 0.5
    assert precision_at(ranked, 5) == 0.4
    assert precision_at(ranked, 10) == 0.2  # a short file counts the missing ranks as misses
    assert average_precision([0, 0]) == 0.0
    assert ranked_labels([0.1, 0.9, 0.5], [0, 1, 0]) == [1, 0, 0]
    assert ranked_labels([0.5, 0.5], [0, 1]) == [0, 1]  # ties keep the file's order
    both = mean_measures([measures([1, 0]), measures([0, 1])])
    assert both["MAP"] == pytest.approx(0.75)
    assert list(both)[:2] == ["MAP", "R-P"]


def write_transcript(folder: Path, name: str, seed: int) -> None:
    lines = []
    for i in range(40):
        if i % 5 == 0:
            lines.append(f"{i + 1}\tSPEAKER\tWe lost {seed + i} million jobs last year.\t1")
        else:
            lines.append(f"{i + 1}\tSPEAKER\tThank you, it is great to be here {i}.\t0")
    (folder / f"{name}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "clef"
    folder.mkdir()
    for index in range(3):
        write_transcript(folder, f"debate{index}", index)
    return folder


def test_training_is_reproducible_and_learns(corpus: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    assert train_checkworthy.main([str(corpus), "-o", str(first)]) == 0
    assert train_checkworthy.main([str(corpus), "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    model = CheckworthyModel.from_json(json.loads(gzip.decompress(first.read_bytes())))
    assert model.score("They lost 9 million jobs.") > model.score("Thank you, great to be here.")


def test_evaluation_prints_every_system(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_suggest.main(["--training", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "Leave-one-file-out cross-validation over 3 training files" in out
    rows = {line.split("|")[1].strip(): line for line in out.splitlines() if line.startswith("| ")}
    assert set(rows) == {"system", "random", "rules", "TF-IDF + LR", "suggest"}
    assert "| 1.0000 |" in rows["suggest"]  # the pattern is easy: a perfect ranking
    assert eval_suggest.main(["--training", str(corpus), "--files", str(corpus)]) == 0
    assert "ranked on 3 in" in capsys.readouterr().out


@pytest.mark.slow
def test_the_shipped_model_is_what_the_training_script_makes(tmp_path: Path) -> None:
    training = train_checkworthy.DEFAULT_TRAINING
    if not training.is_dir():
        pytest.skip(f"the CLEF training corpus is not at {training}")
    output = tmp_path / "model.json.gz"
    train_checkworthy.main([str(training), "-o", str(output)])
    made = json.loads(gzip.decompress(output.read_bytes()))
    shipped_path = ROOT / "annotator" / MODEL_RESOURCE[1]
    shipped = json.loads(gzip.decompress(shipped_path.read_bytes()))
    assert made["info"] == shipped["info"]
    assert made["bias"] == pytest.approx(shipped["bias"], abs=2e-3)
    for key in made["weights"].keys() | shipped["weights"].keys():
        assert made["weights"].get(key, 0.0) == pytest.approx(
            shipped["weights"].get(key, 0.0), abs=2e-3
        ), key
