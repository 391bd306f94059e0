"""The services the GUI and CLI share, on a real project file."""

from __future__ import annotations

import os

import pytest

from annotator.domain.model import Claimant, ClaimStatus, Publisher, Rating, Source, Stance
from annotator.domain.ratings import DEFAULT_SCALE
from annotator.errors import AnchorError, NotFoundError, ValidationError
from annotator.services import Workspace
from annotator.services.claims import ClaimEdit
from tests.conftest import SAMPLE_CLAIM


def _doc_id(workspace: Workspace) -> str:
    return workspace.documents.all()[0].id


def test_news_format_metadata(sample_workspace: Workspace) -> None:
    info = sample_workspace.documents.all()[0]
    assert (info.author, info.published, info.format) == ("Zahid Chaudhary", "2018-03-03", "news")
    text = sample_workspace.documents.get(info.id).text
    assert text.startswith("Islamabad\n")
    assert "date 2018" not in text


def test_claim_by_quote_and_by_offsets(sample_workspace: Workspace) -> None:
    doc = _doc_id(sample_workspace)
    claim = sample_workspace.claims.add_by_quote(doc, SAMPLE_CLAIM)
    text = sample_workspace.documents.get(doc).text
    assert text[claim.start : claim.end] == SAMPLE_CLAIM
    same = sample_workspace.claims.add(doc, claim.start, claim.end)
    assert same.anchor == claim.anchor
    with pytest.raises(AnchorError, match="not in the document"):
        sample_workspace.claims.add_by_quote(doc, "five Mi-35M")


def test_edit_every_field(sample_workspace: Workspace) -> None:
    claim = sample_workspace.claims.add_by_quote(_doc_id(sample_workspace), SAMPLE_CLAIM)
    edited = sample_workspace.claims.update(
        claim.id,
        ClaimEdit(
            summary="Russia gave Pakistan four Mi-35M helicopters",
            status=ClaimStatus.IN_REVIEW,
            tags=("defence", " Defence ", "russia"),
            notes="Check the 2015 deal",
            claimant=Claimant("Ministry", "spokesperson", "https://example.org/ministry"),
            claim_date="2018-03-02",
        ),
    )
    assert edited.tags == ("defence", "russia")
    assert edited.status is ClaimStatus.IN_REVIEW
    assert edited.claimant.role == "spokesperson"
    assert sample_workspace.claims.get(claim.id) == edited
    with pytest.raises(ValidationError, match="not a web address"):
        sample_workspace.claims.update(claim.id, ClaimEdit(claimant=Claimant("x", "", "ftp://x")))
    with pytest.raises(ValidationError, match="not a date"):
        sample_workspace.claims.update(claim.id, ClaimEdit(claim_date="yesterday"))


def test_verdicts_are_signed_by_the_checker_else_by_the_account_s_full_name(
    sample_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pwd

    from annotator.services import claims as claims_module

    real = list(pwd.getpwuid(os.getuid()))

    def account(login: str, gecos: str) -> pwd.struct_passwd:
        fields = list(real)
        fields[0], fields[4] = login, gecos
        return pwd.struct_passwd(fields)

    monkeypatch.setattr(pwd, "getpwuid", lambda _uid: account("alima", "Ana Lima,Room 4,,"))
    assert claims_module.account_name() == "Ana Lima"
    claim = sample_workspace.claims.add_by_quote(_doc_id(sample_workspace), SAMPLE_CLAIM)
    rated = sample_workspace.claims.set_verdict(claim.id, "false")
    assert rated.verdict is not None
    assert rated.verdict.rated_by == "Ana Lima"
    sample_workspace.project.set_checker("A. Checker")
    rated = sample_workspace.claims.set_verdict(claim.id, "true")
    assert rated.verdict is not None
    assert rated.verdict.rated_by == "A. Checker"
    # A login name alone ("root", or no full name at all) is not published as a signature.
    monkeypatch.setattr(pwd, "getpwuid", lambda _uid: account("root", "root"))
    assert claims_module.account_name() == ""
    monkeypatch.setattr(pwd, "getpwuid", lambda _uid: account("alima", ""))
    assert claims_module.account_name() == ""


def test_verdicts(sample_workspace: Workspace) -> None:
    claim = sample_workspace.claims.add_by_quote(_doc_id(sample_workspace), SAMPLE_CLAIM)
    rated = sample_workspace.claims.set_verdict(
        claim.id, "mostly-true", "Deal signed in 2015", "Ana"
    )
    assert rated.verdict is not None
    assert (rated.verdict.rating, rated.verdict.rated_by) == ("mostly-true", "Ana")
    with pytest.raises(NotFoundError, match="'bogus' is not a rating"):
        sample_workspace.claims.set_verdict(claim.id, "bogus")
    assert sample_workspace.claims.clear_verdict(claim.id).verdict is None


def test_sources_and_links(sample_workspace: Workspace) -> None:
    claim = sample_workspace.claims.add_by_quote(_doc_id(sample_workspace), SAMPLE_CLAIM)
    a = sample_workspace.sources.add(Source("", "https://example.org/a", "A"))
    b = sample_workspace.sources.add(Source("", "https://example.org/b", "B"))
    assert a.accessed  # defaults to today
    sample_workspace.sources.link(claim.id, a.id, Stance.SUPPORTS, "quote")
    linked = sample_workspace.sources.link(claim.id, b.id, Stance.REFUTES, position=0)
    assert [link.source.id for link in linked.sources] == [b.id, a.id]
    with pytest.raises(ValidationError, match="already cites"):
        sample_workspace.sources.link(claim.id, a.id)
    updated = sample_workspace.sources.update_link(claim.id, a.id, Stance.CONTEXT, "new")
    assert updated.sources[1].stance is Stance.CONTEXT
    claim_after, removed = sample_workspace.sources.unlink(claim.id, b.id)
    assert [link.source.id for link in claim_after.sources] == [a.id]
    assert removed.position == 0
    with pytest.raises(ValidationError, match="not a web address"):
        sample_workspace.sources.add(Source("", "javascript:alert(1)"))


def test_delete_and_restore_claim_with_sources_and_verdict(sample_workspace: Workspace) -> None:
    claim = sample_workspace.claims.add_by_quote(_doc_id(sample_workspace), SAMPLE_CLAIM)
    source = sample_workspace.sources.add(Source("", "https://example.org/a", "A"))
    sample_workspace.sources.link(claim.id, source.id, Stance.SUPPORTS, "x")
    full = sample_workspace.claims.set_verdict(claim.id, "false", "no")
    deleted = sample_workspace.claims.delete(claim.id)
    assert sample_workspace.claims.all() == []
    assert sample_workspace.sources.all() == [source]  # sources stay in the project
    assert sample_workspace.claims.restore(deleted) == full


def test_deleting_a_document_cascades(sample_workspace: Workspace) -> None:
    doc = _doc_id(sample_workspace)
    claim = sample_workspace.claims.add_by_quote(doc, SAMPLE_CLAIM)
    source = sample_workspace.sources.add(Source("", "https://example.org/a"))
    sample_workspace.sources.link(claim.id, source.id)
    sample_workspace.documents.delete(doc)
    assert sample_workspace.claims.all() == []
    assert sample_workspace.project.statistics().claims == 0
    with pytest.raises(NotFoundError, match="no claim with id"):
        sample_workspace.claims.get(claim.id)


def test_rating_scale_is_per_project(sample_workspace: Workspace) -> None:
    claim = sample_workspace.claims.add_by_quote(_doc_id(sample_workspace), SAMPLE_CLAIM)
    sample_workspace.claims.set_verdict(claim.id, "false")
    scale = (Rating("correct", "Correct", "#00aa00", 1), *DEFAULT_SCALE)
    info = sample_workspace.project.set_scale(scale)
    assert info.scale[0].key == "correct"
    with pytest.raises(ValidationError, match="still the verdict of some claims"):
        sample_workspace.project.set_scale((Rating("correct", "Correct", "#00aa00"),))
    with pytest.raises(ValidationError, match="appears twice"):
        sample_workspace.project.set_scale((scale[0], scale[0]))
    with pytest.raises(ValidationError, match="#RRGGBB"):
        sample_workspace.project.set_scale((Rating("x", "X", "red"),))


def test_project_settings_and_statistics(sample_workspace: Workspace) -> None:
    sample_workspace.project.set_title("Defence deals")
    info = sample_workspace.project.set_publisher(
        Publisher("Fact Desk", "https://factdesk.example", "", "https://factdesk.example/reviews")
    )
    assert info.title == "Defence deals"
    assert info.publisher.name == "Fact Desk"
    doc = _doc_id(sample_workspace)
    first = sample_workspace.claims.add_by_quote(doc, SAMPLE_CLAIM)
    sample_workspace.claims.add_by_quote(doc, "Islamabad")
    sample_workspace.claims.set_verdict(first.id, "true")
    stats = sample_workspace.project.statistics()
    assert (stats.documents, stats.claims, stats.unrated) == (1, 2, 1)
    assert dict(stats.by_rating)["true"] == 1
    with pytest.raises(ValidationError, match="cannot be empty"):
        sample_workspace.project.set_title("   ")


def test_untitled_files_are_named_after_the_file(workspace: Workspace) -> None:
    from pathlib import Path

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "import" / "tables.docx"
    info = workspace.documents.add_file(fixture)
    assert info.title == "tables"


def test_project_update_stores_every_setting_given_or_none(workspace: Workspace) -> None:
    from annotator.domain.model import Publisher

    before = workspace.project.info()
    with pytest.raises(ValidationError, match="not a web address"):
        workspace.project.update(
            title="New title", checker="A. Checker", publisher=Publisher("Org", "not a url")
        )
    assert workspace.project.info() == before
    after = workspace.project.update(checker="A. Checker", publisher=Publisher("Org"))
    assert (after.title, after.checker, after.publisher.name) == (before.title, "A. Checker", "Org")
