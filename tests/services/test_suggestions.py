"""Claim suggestions of a document: ranked, minus claimed and dismissed sentences; dismissals
last across reopening and new revisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.domain.checkworthy import CheckworthyModel
from annotator.domain.suggestions import candidates, default_count, pick, rank_suggestions
from annotator.errors import NotFoundError, ValidationError
from annotator.formats.importers import import_pasted_text
from annotator.services import Workspace

ARTICLE = (
    "City news\n"
    "The mayor spoke on Monday. Unemployment rose 3.5% last year, the highest in a decade. "
    "Thank you all for coming.\n"
    "The council signed a $2 billion agreement with the state in Nov 2014. It was sunny."
)
FIGURE = "Unemployment rose 3.5% last year, the highest in a decade."
DEAL = "The council signed a $2 billion agreement with the state in Nov 2014."


def test_top_suggestions_of_the_sample_include_its_dates_figures_and_agreements(
    sample_workspace: Workspace,
) -> None:
    [document] = sample_workspace.documents.all()
    # The sample has only nine sentences long enough to suggest, so its top 10 would be all of
    # them whatever the ranking: the top half must hold the dates, figures and agreements.
    assert len(sample_workspace.suggestions.suggest(document.id, 999)) == 9
    top = sample_workspace.suggestions.suggest(document.id, 5)
    text = sample_workspace.documents.get(document.id).text
    for suggestion in top:
        assert text[suggestion.start : suggestion.end] == suggestion.text
    found = [s.text for s in top]
    for words in ("in Nov 2014 signed a defence", "in Oct 2015 inked", "four Mi-35M combat"):
        assert any(words in sentence for sentence in found), words
    scores = [s.score for s in top]
    assert scores == sorted(scores, reverse=True)


def test_suggestions_rank_figures_first_and_skip_short_sentences(workspace: Workspace) -> None:
    document = workspace.documents.add(import_pasted_text(ARTICLE, "City news"))
    found = workspace.suggestions.suggest(document.id, 10)
    assert {s.text for s in found[:2]} == {FIGURE, DEAL}
    assert "City news" not in [s.text for s in found]  # fewer than three words
    assert "a percentage" in next(s for s in found if s.text == FIGURE).reasons


def test_sentences_covered_by_a_claim_are_not_suggested(workspace: Workspace) -> None:
    document = workspace.documents.add(import_pasted_text(ARTICLE, "City news"))
    workspace.claims.add_by_quote(document.id, "3.5% last year")
    found = [s.text for s in workspace.suggestions.suggest(document.id, 10)]
    assert FIGURE not in found
    assert DEAL in found


def test_a_dismissal_survives_reopening_and_a_new_revision(
    workspace: Workspace, project_path: Path
) -> None:
    document = workspace.documents.add(import_pasted_text(ARTICLE, "City news"))
    workspace.suggestions.dismiss(document.id, DEAL)
    workspace.close()
    with Workspace.open(project_path) as reopened:
        assert DEAL not in [s.text for s in reopened.suggestions.suggest(document.id, 10)]
        revised = "Breaking: new figures out today.\n" + ARTICLE.replace(DEAL, DEAL + " Rain.")
        reopened.revisions.update(document.id, import_pasted_text(revised))
        found = [s.text for s in reopened.suggestions.suggest(document.id, 10)]
        assert DEAL not in found
        assert FIGURE in found
        reopened.suggestions.undismiss(document.id, DEAL)
        assert DEAL in [s.text for s in reopened.suggestions.suggest(document.id, 10)]


def test_dismissing_twice_keeps_one_dismissal(workspace: Workspace) -> None:
    document = workspace.documents.add(import_pasted_text(ARTICLE, "City news"))
    workspace.suggestions.dismiss(document.id, DEAL)
    workspace.suggestions.dismiss(document.id, "  " + DEAL.replace(" ", "\n", 1))
    assert workspace.suggestions.dismissed(document.id) == {DEAL}


def test_deleting_a_document_deletes_its_dismissals(workspace: Workspace) -> None:
    document = workspace.documents.add(import_pasted_text(ARTICLE, "City news"))
    workspace.suggestions.dismiss(document.id, DEAL)
    workspace.documents.delete(document.id)
    assert workspace.suggestions.dismissed(document.id) == frozenset()


def test_bad_requests_say_what_is_wrong(workspace: Workspace) -> None:
    document = workspace.documents.add(import_pasted_text(ARTICLE, "City news"))
    with pytest.raises(ValidationError, match="at least one suggestion, not 0"):
        workspace.suggestions.suggest(document.id, 0)
    with pytest.raises(NotFoundError, match="no document with id 'nope'"):
        workspace.suggestions.suggest("nope")
    with pytest.raises(ValidationError, match="no sentence to dismiss"):
        workspace.suggestions.dismiss(document.id, "  ")


def test_the_default_count_is_ten_per_thousand_words() -> None:
    assert default_count("word " * 1000) == 10
    assert default_count("word " * 2549) == 25
    assert default_count("short") == 1
    model = CheckworthyModel({"cue:number": 1.0}, bias=0.0)
    text = " ".join(f"Sentence {i} has words." for i in range(500))  # 2,000 words
    assert len(rank_suggestions(text, model)) == 20
    assert len(rank_suggestions(text, model, top=3)) == 3


def test_ranking_reports_progress_and_can_be_cancelled() -> None:
    from annotator.errors import Cancelled

    model = CheckworthyModel({"cue:number": 1.0}, bias=0.0)
    text = " ".join(f"Sentence {i} has words." for i in range(1200))
    seen: list[tuple[int, int]] = []
    candidates(text, model, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(500, 1200), (1000, 1200), (1200, 1200)]
    calls: list[int] = []

    def cancel_after_first_chunk() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled):
        candidates(text, model, cancelled=cancel_after_first_chunk)


def test_picking_skips_sentences_any_claim_overlaps() -> None:
    model = CheckworthyModel({"w:<num>": 1.0}, bias=0.0)
    text = "One 1 here. Two 2 here. Three 3 here. Four 4 here."
    ranked = candidates(text, model)
    starts = {s.text: s.start for s in ranked}
    covered = [(starts["Two 2 here."] + 4, starts["Two 2 here."] + 5), (0, 2), (1, 3)]
    picked = [s.text for s in pick(ranked, covered, {"Four 4 here."}, 10)]
    assert picked == ["Three 3 here."]
    assert len(pick(ranked, [], set(), 2)) == 2
