"""New versions of an article: claims re-anchored, old revisions kept, changes listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.domain.model import AnchorState
from annotator.errors import ValidationError
from annotator.formats.importers import import_pasted_text
from annotator.formats.report import report_json
from annotator.services import Workspace
from annotator.services.reports import build_report, import_report, parse_report

V1 = (
    "The mayor said 40% of roads were rebuilt in 2023.\n"
    "Unemployment fell to 3.1% last year, the ministry reported.\n"
    "A new bridge opened on Monday."
)
V2 = (
    "Update: this article was corrected on 2 May.\n"
    "The mayor said 40% of roads were rebuilt in 2023.\n"
    "Unemployment fell to 3.4% last year, the ministry reported.\n"
    "The council met on Tuesday."
)


@pytest.fixture
def versioned(workspace: Workspace) -> tuple[Workspace, str, dict[str, str]]:
    document = workspace.documents.add(import_pasted_text(V1, "City news"))
    ids = {
        quote: workspace.claims.add_by_quote(document.id, quote).id
        for quote in (
            "40% of roads were rebuilt in 2023",
            "Unemployment fell to 3.1% last year",
            "A new bridge opened on Monday",
        )
    }
    return workspace, document.id, ids


def test_update_reanchors_and_flags(versioned: tuple[Workspace, str, dict[str, str]]) -> None:
    workspace, document_id, ids = versioned
    update = workspace.revisions.update(document_id, import_pasted_text(V2))
    assert update.document.revision == 2
    text = workspace.documents.get(document_id).text
    assert text == V2
    moved = workspace.claims.get(ids["40% of roads were rebuilt in 2023"])
    assert moved.anchor_state is AnchorState.MOVED
    assert text[moved.start : moved.end] == moved.quote
    edited = workspace.claims.get(ids["Unemployment fell to 3.1% last year"])
    assert edited.anchor_state is AnchorState.FUZZY
    assert text[edited.start : edited.end] == edited.quote == "Unemployment fell to 3.4% last year"
    gone = workspace.claims.get(ids["A new bridge opened on Monday"])
    assert gone.anchor_state is AnchorState.ORPHANED
    assert gone.quote == "A new bridge opened on Monday"
    assert workspace.project.statistics().needs_review == 2
    outcome = next(o for o in update.outcomes if o.claim.id == edited.id)
    assert any("3.1" in c.old and "3.4" in c.new for c in outcome.changes)
    assert [c.old for c in workspace.revisions.changes_for_claim(edited.id) if c.old]


def test_earlier_revisions_stay_viewable(versioned: tuple[Workspace, str, dict[str, str]]) -> None:
    workspace, document_id, _ = versioned
    workspace.revisions.update(document_id, import_pasted_text(V2))
    revisions = workspace.revisions.revisions(document_id)
    assert [(r.number, r.current) for r in revisions] == [(1, False), (2, True)]
    assert workspace.revisions.revision_text(document_id, 1).text == V1
    with pytest.raises(ValidationError, match="same text as the current one"):
        workspace.revisions.update(document_id, import_pasted_text(V2))


def test_report_with_orphaned_claims_round_trips(
    versioned: tuple[Workspace, str, dict[str, str]], tmp_path: Path
) -> None:
    workspace, document_id, _ = versioned
    workspace.revisions.update(document_id, import_pasted_text(V2))
    first = report_json(build_report(workspace, "t"))
    states = {c["anchor_state"] for c in json.loads(first)["documents"][0]["claims"]}
    assert states == {"moved", "fuzzy", "orphaned"}
    with import_report(parse_report(first, "r"), tmp_path / "copy.factcheck") as copy:
        assert report_json(build_report(copy, "t")) == first
        assert [(r.number, r.current) for r in copy.revisions.revisions(document_id)] == [
            (1, False),
            (2, True),
        ]
        assert copy.revisions.revision_text(document_id, 1).text == V1


def test_cli_update_document(
    tmp_path: Path, versioned: tuple[Workspace, str, dict[str, str]]
) -> None:
    import subprocess
    import sys

    workspace, document_id, _ = versioned
    path = workspace.path
    workspace.close()
    new_version = tmp_path / "v2.txt"
    new_version.write_text(V2, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator",
            "update-document",
            str(path),
            document_id,
            str(new_version),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("revision 2: 0 exact, 1 moved, 1 fuzzy, 1 orphaned")
    assert "'3.1%" in result.stdout or "3.1%" in result.stdout
    again = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator",
            "update-document",
            str(path),
            document_id,
            str(new_version),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 1
    assert "nothing to update" in again.stderr


UNRELATED = (
    "Recipe: bake the bread for forty minutes at two hundred degrees.\n"
    "Let it cool on a rack before slicing, and keep it wrapped in a cloth."
)


def test_preview_counts_without_storing_anything(
    versioned: tuple[Workspace, str, dict[str, str]],
) -> None:
    workspace, document_id, _ids = versioned
    before = {claim.id: claim for claim in workspace.claims.all(document_id)}
    preview = workspace.revisions.preview(document_id, import_pasted_text(V2))
    assert {state: preview.count(state) for state in AnchorState} == {
        AnchorState.EXACT: 0,
        AnchorState.MOVED: 1,
        AnchorState.FUZZY: 1,
        AnchorState.ORPHANED: 1,
    }
    assert preview.doubt is None  # one claim of three lost, most of the text kept
    assert workspace.documents.get(document_id).text == V1
    assert [r.number for r in workspace.revisions.revisions(document_id)] == [1]
    assert {claim.id: claim for claim in workspace.claims.all(document_id)} == before


def test_preview_doubts_a_version_that_loses_most_claims(
    versioned: tuple[Workspace, str, dict[str, str]],
) -> None:
    workspace, document_id, _ = versioned
    preview = workspace.revisions.preview(document_id, import_pasted_text(UNRELATED))
    assert preview.count(AnchorState.ORPHANED) == 3
    assert preview.doubt is not None
    assert "leaves 3 of 3 claims without a place in the text" in preview.doubt
    assert "shares little" in preview.doubt


def test_preview_doubts_unrelated_text_even_without_claims(workspace: Workspace) -> None:
    document = workspace.documents.add(import_pasted_text(V1, "City news"))
    preview = workspace.revisions.preview(document.id, import_pasted_text(UNRELATED))
    assert preview.doubt is not None
    assert "claims" not in preview.doubt
    assert "shares little" in preview.doubt
    assert workspace.revisions.preview(document.id, import_pasted_text(V2)).doubt is None


def test_preview_does_not_count_claims_that_already_had_no_place(
    versioned: tuple[Workspace, str, dict[str, str]],
) -> None:
    workspace, document_id, _ids = versioned
    workspace.revisions.update(document_id, import_pasted_text(V2))  # the bridge claim is lost
    v3 = V2.replace("Update: this article was corrected on 2 May.\n", "")
    preview = workspace.revisions.preview(document_id, import_pasted_text(v3))
    assert preview.count(AnchorState.ORPHANED) == 1
    assert preview.doubt is None


def test_review_flags_survive_a_further_update(
    versioned: tuple[Workspace, str, dict[str, str]],
) -> None:
    workspace, document_id, ids = versioned
    workspace.revisions.update(document_id, import_pasted_text(V2))
    edited = ids["Unemployment fell to 3.1% last year"]
    assert workspace.claims.get(edited).anchor_state is AnchorState.FUZZY
    # Revision 3 touches neither flagged claim, and even brings the bridge sentence back.
    v3 = V2.replace("corrected on 2 May", "corrected on 3 May") + "\nA new bridge opened on Monday."
    update = workspace.revisions.update(document_id, import_pasted_text(v3))
    still = workspace.claims.get(edited)
    assert still.anchor_state is AnchorState.FUZZY  # not EXACT: nobody has checked it yet
    assert still.quote == "Unemployment fell to 3.4% last year"
    back = workspace.claims.get(ids["A new bridge opened on Monday"])
    assert back.anchor_state is AnchorState.FUZZY  # placed again, still to be confirmed
    assert v3[back.start : back.end] == back.quote
    kept = workspace.claims.get(ids["40% of roads were rebuilt in 2023"])
    assert kept.anchor_state is AnchorState.EXACT  # never flagged: trusted as before
    outcome = next(o for o in update.outcomes if o.claim.id == edited)
    assert outcome.still_flagged
    assert workspace.project.statistics().needs_review == 2
    # Confirming the claim (moving it onto its text) clears the flag for good.
    workspace.claims.move(edited, still.start, still.end)
    workspace.revisions.update(document_id, import_pasted_text(v3 + "\nMore later."))
    assert workspace.claims.get(edited).anchor_state is AnchorState.EXACT


def test_an_orphaned_claim_stays_orphaned(
    versioned: tuple[Workspace, str, dict[str, str]],
) -> None:
    workspace, document_id, ids = versioned
    workspace.revisions.update(document_id, import_pasted_text(V2))
    workspace.revisions.update(document_id, import_pasted_text(V2 + "\nMore later."))
    gone = workspace.claims.get(ids["A new bridge opened on Monday"])
    assert gone.anchor_state is AnchorState.ORPHANED


def test_cli_refuses_a_likely_wrong_file_without_force(
    tmp_path: Path, versioned: tuple[Workspace, str, dict[str, str]]
) -> None:
    import subprocess
    import sys

    workspace, document_id, _ = versioned
    path = workspace.path
    workspace.close()
    wrong = tmp_path / "recipe.txt"
    wrong.write_text(UNRELATED, encoding="utf-8")
    command = [sys.executable, "-m", "annotator", "update-document", str(path), document_id]
    refused = subprocess.run([*command, str(wrong)], capture_output=True, text=True, check=False)
    assert refused.returncode == 1
    assert "leaves 3 of 3 claims without a place in the text" in refused.stderr
    assert "--force" in refused.stderr
    with Workspace.open(path) as reopened:
        assert reopened.documents.get(document_id).text == V1
    forced = subprocess.run(
        [*command, str(wrong), "--force"], capture_output=True, text=True, check=False
    )
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout.startswith("revision 2: 0 exact, 0 moved, 0 fuzzy, 3 orphaned")
