"""Check-worthiness scoring: the features, the shipped model read without scikit-learn, and
the reasons given for a score."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest

from annotator.domain.checkworthy import CheckworthyModel, default_model
from annotator.domain.checkworthy_features import cue_features, sentence_features


@pytest.mark.parametrize(
    ("sentence", "cues"),
    [
        ("Unemployment rose 3.5% last year.", {"number", "percent", "comparison"}),
        ("It cost $2 billion.", {"number", "money", "quantity", "unit"}),
        ("We created 40 million jobs, more than ever.", {"unit", "comparison", "superlative"}),
        ("The senator said so.", {"attribution"}),
        ("Prices fell because of the ban.", {"causal", "legal", "comparison"}),
        ("In Nov 2014 the two signed an accord.", {"date", "legal", "number"}),
        ("Then Pakistan and Russia met.", {"name"}),
        ("I think so too.", set()),
    ],
)
def test_hand_cues_fire_on_what_they_name(sentence: str, cues: set[str]) -> None:
    assert cues <= set(cue_features(sentence))
    if not cues:
        assert cue_features(sentence) == []


def test_numbers_are_reduced_to_their_shape() -> None:
    features = sentence_features("In 2016 there were 3 million, up 4.5 percent", "TRUMP")
    assert {"w:<year>", "w:<num>", "w:<dec>", "b:<num>_million", "spk:person"} <= set(features)
    assert "w:2016" not in features
    assert "spk:audience" in sentence_features("(APPLAUSE)", "SYSTEM")


def test_a_model_scores_with_its_weights_and_explains_with_the_raising_features() -> None:
    model = CheckworthyModel(
        {"cue:number": 2.0, "cue:name": -1.0, "w:jobs": 1.0, "w:the": 0.5}, bias=-1.0
    )
    explained = model.explain("The plant cost 900 jobs in Ohio")
    assert explained.score == pytest.approx(1 / (1 + 2.718281828459045**-1.5))
    assert explained.reasons == ("a number", 'words like "jobs"')
    assert model.score("nothing here") == pytest.approx(1 / (1 + 2.718281828459045))


def test_the_shipped_model_ranks_figures_above_chatter_and_round_trips() -> None:
    model = default_model()
    assert len(model.weights) > 1000
    figure = model.explain("Unemployment rose 3.5% last year, the highest in a decade.")
    chatter = model.explain("Thank you very much.")
    assert figure.score > 0.5 > chatter.score
    assert "a percentage" in figure.reasons
    assert chatter.reasons == ()
    again = CheckworthyModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.weights == model.weights
    assert again.bias == model.bias


def test_an_unknown_model_format_is_refused() -> None:
    with pytest.raises(ValueError, match="format"):
        CheckworthyModel.from_json({"format": 99, "weights": {}, "bias": 0.0, "info": ""})


def test_the_shipped_model_is_small_and_scoring_needs_no_scikit_learn() -> None:
    from importlib import resources

    data = resources.files("annotator").joinpath("resources/models/checkworthy.json.gz")
    assert len(data.read_bytes()) < 3_000_000
    assert json.loads(gzip.decompress(data.read_bytes()))["format"] == 1
    code = (
        "import sys; from annotator.domain.checkworthy import default_model; "
        "default_model().score('It rose 5%.'); "
        "print(sorted(m for m in ('sklearn', 'numpy', 'scipy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
