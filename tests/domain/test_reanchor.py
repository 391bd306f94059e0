"""Re-anchoring claims in a new revision of an article: every state, offsets in code points,
the text diff underneath, and the edits shown to the checker."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from annotator.domain.model import Anchor, AnchorState
from annotator.domain.reanchor import Reanchored, TextChange, changes_around, reanchor
from annotator.domain.text import canonical_text, make_anchor
from annotator.domain.textdiff import position_map, split_chunks

ARTICLE = (
    "Islamabad\n\n"
    "Recent exchanges between Pakistan and Russia show that both countries are solidifying "
    "their relations in economic and defence fields.\n\n"
    "The talks were marked by a commonality of approach and convergence on a range of "
    "contemporary issues, the statement added.\n\n"
    "Both sides agreed on the need to further capitalise on the bilateral relations by "
    "exploring mutually beneficial avenues for bilateral cooperation.\n\n"
    "Russia has provided four Mi-35M combat and cargo helicopters to Pakistan.\n"
)
TALKS = (
    "The talks were marked by a commonality of approach and convergence on a range of "
    "contemporary issues, the statement added."
)
AGREED = (
    "Both sides agreed on the need to further capitalise on the bilateral relations by "
    "exploring mutually beneficial avenues for bilateral cooperation."
)
HELICOPTERS = "four Mi-35M combat and cargo helicopters"


def anchor_of(text: str, quote: str, occurrence: int = 1) -> Anchor:
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return make_anchor(text, start, start + len(quote))


def span(result: Reanchored) -> tuple[int, int] | None:
    return (result.anchor.start, result.anchor.end) if result.anchor else None


def one(old: str, new: str, anchor: Anchor) -> Reanchored:
    (result,) = reanchor(old, new, [anchor])
    return result


def test_unchanged_text_keeps_every_claim_exact() -> None:
    anchors = [anchor_of(ARTICLE, q) for q in (TALKS, AGREED, HELICOPTERS)]
    results = reanchor(ARTICLE, ARTICLE, anchors)
    assert [r.state for r in results] == [AnchorState.EXACT] * 3
    assert [r.anchor for r in results] == anchors
    assert [r.score for r in results] == [1.0] * 3


def test_insertion_before_moves_the_claim_by_its_length() -> None:
    lead = "Updated on Monday with the ministry's statement.\n\n"
    new = lead + ARTICLE
    old_anchor = anchor_of(ARTICLE, HELICOPTERS)
    result = one(ARTICLE, new, old_anchor)
    assert result.state is AnchorState.MOVED
    assert span(result) == (old_anchor.start + len(lead), old_anchor.end + len(lead))
    assert result.anchor is not None
    assert result.anchor.quote == HELICOPTERS
    assert result.anchor.prefix == new[result.anchor.start - 32 : result.anchor.start]


def test_edit_after_the_claim_leaves_it_exact() -> None:
    new = ARTICLE.replace("to Pakistan.", "to Pakistan in 2017.")
    result = one(ARTICLE, new, anchor_of(ARTICLE, TALKS))
    assert result.state is AnchorState.EXACT
    assert span(result) == (ARTICLE.index(TALKS), ARTICLE.index(TALKS) + len(TALKS))


def test_duplicate_quote_follows_the_occurrence_that_was_claimed() -> None:
    old = "The minister said taxes will rise. The opposition said taxes will rise."
    new = "Later, the opposition said taxes will rise. The minister said taxes will rise."
    claimed = anchor_of(old, "taxes will rise", occurrence=2)
    result = one(old, new, claimed)
    assert result.state in (AnchorState.EXACT, AnchorState.MOVED)
    expected = new.index("taxes will rise")  # the opposition's, now first
    assert span(result) == (expected, expected + len("taxes will rise"))


def test_duplicate_quote_survives_when_the_other_copy_is_deleted() -> None:
    old = "He said no. Then he said no. Then he left."
    new = "He said no. Then he left."
    first, second = anchor_of(old, "said no"), anchor_of(old, "said no", occurrence=2)
    kept, gone = reanchor(old, new, [first, second])
    assert kept.state is AnchorState.EXACT
    assert span(kept) == (3, 10)
    assert gone.state is AnchorState.ORPHANED
    assert gone.anchor is None


def test_rewording_inside_the_claim_is_fuzzy_on_the_edited_sentence() -> None:
    new = ARTICLE.replace("further capitalise on", "further build on")
    result = one(ARTICLE, new, anchor_of(ARTICLE, AGREED))
    edited = AGREED.replace("capitalise", "build")
    start = new.index(edited)
    assert result.state is AnchorState.FUZZY
    assert result.state.needs_review
    assert span(result) == (start, start + len(edited))
    assert 0.5 < result.score < 1.0


def test_rewording_with_a_sentence_added_after_keeps_the_span_to_the_claim() -> None:
    new = ARTICLE.replace(
        "bilateral cooperation.", "mutual cooperation. Officials declined to give details."
    )
    result = one(ARTICLE, new, anchor_of(ARTICLE, AGREED))
    edited = AGREED.replace("bilateral cooperation.", "mutual cooperation.")
    start = new.index(edited)
    assert result.state is AnchorState.FUZZY
    assert span(result) == (start, start + len(edited))


def test_rewording_snaps_the_span_to_word_boundaries() -> None:
    old = "Officials said the deal was signed in Moscow last week after long talks."
    new = "Officials said the agreement was finally signed in Moscow after long talks."
    claim = anchor_of(old, "the deal was signed in Moscow last week")
    result = one(old, new, claim)
    assert result.state is AnchorState.FUZZY
    assert result.anchor is not None
    assert result.anchor.quote == "the agreement was finally signed in Moscow"


def test_deleted_sentence_is_orphaned_not_matched_to_a_neighbour() -> None:
    new = ARTICLE.replace(TALKS + "\n\n", "")
    talks, agreed = reanchor(ARTICLE, new, [anchor_of(ARTICLE, TALKS), anchor_of(ARTICLE, AGREED)])
    assert talks == Reanchored(None, AnchorState.ORPHANED, 0.0)
    assert agreed.state is AnchorState.MOVED
    assert span(agreed) == (new.index(AGREED), new.index(AGREED) + len(AGREED))


def test_deleted_sentence_among_similar_sentences_is_orphaned() -> None:
    old = (
        "The ministry said exports rose by 5% in March. "
        "The ministry said imports rose by 3% in March. "
        "The ministry said tariffs rose by 2% in March."
    )
    new = (
        "The ministry said exports rose by 5% in March. "
        "The ministry said tariffs rose by 2% in March."
    )
    result = one(old, new, anchor_of(old, "The ministry said imports rose by 3% in March."))
    assert result.state is AnchorState.ORPHANED


def test_text_replaced_entirely_orphans_every_claim() -> None:
    new = (
        "Heavy rain closed schools across the province on Tuesday, and the weather office "
        "expects more storms before the weekend.\n"
    )
    anchors = [anchor_of(ARTICLE, q) for q in (TALKS, AGREED, HELICOPTERS)]
    results = reanchor(ARTICLE, new, anchors)
    assert [r.state for r in results] == [AnchorState.ORPHANED] * 3
    assert all(r.anchor is None for r in results)


def test_empty_new_text_orphans_every_claim() -> None:
    anchors = [anchor_of(ARTICLE, TALKS), anchor_of(ARTICLE, HELICOPTERS)]
    assert reanchor(ARTICLE, "", anchors) == [Reanchored(None, AnchorState.ORPHANED, 0.0)] * 2
    assert reanchor(ARTICLE, ARTICLE, []) == []


def test_astral_and_rtl_text_before_the_claim_shift_it_in_code_points() -> None:
    lead = "🇵🇰🤝🇷🇺 𝐔𝐩𝐝𝐚𝐭𝐞 ۔ پاکستان اور روس کے تعلقات مضبوط ہو رہے ہیں۔ العلاقات الثنائية 🚀\n\n"
    new = lead + ARTICLE
    old_anchor = anchor_of(ARTICLE, HELICOPTERS)
    result = one(ARTICLE, new, old_anchor)
    assert result.state is AnchorState.MOVED
    assert span(result) == (old_anchor.start + len(lead), old_anchor.end + len(lead))
    assert result.anchor is not None
    assert new[result.anchor.start : result.anchor.end] == HELICOPTERS


def test_rtl_claim_reworded_is_fuzzy_on_the_whole_urdu_sentence() -> None:
    sentence = "پاکستان اور روس نے دفاعی تعاون کے معاہدے پر دستخط کیے۔"
    old = "🇵🇰 خبر: " + sentence + " مزید تفصیلات بعد میں۔"
    new = "🇵🇰🇷🇺 تازہ خبر: " + sentence.replace("دفاعی", "فوجی") + " مزید تفصیلات بعد میں۔"
    result = one(old, new, anchor_of(old, sentence))
    edited = sentence.replace("دفاعی", "فوجی")
    assert result.state is AnchorState.FUZZY
    assert span(result) == (new.index(edited), new.index(edited) + len(edited))


def test_paragraph_moved_carries_its_claim() -> None:
    paragraphs = ARTICLE.rstrip("\n").split("\n\n")
    new = "\n\n".join([paragraphs[0], paragraphs[3], paragraphs[4], paragraphs[1], paragraphs[2]])
    result = one(ARTICLE, new, anchor_of(ARTICLE, TALKS))
    assert result.state is AnchorState.MOVED
    assert span(result) == (new.index(TALKS), new.index(TALKS) + len(TALKS))


def test_paragraph_moved_and_edited_is_found_for_review() -> None:
    paragraphs = ARTICLE.rstrip("\n").split("\n\n")
    edited = TALKS.replace("commonality", "similarity")
    new = "\n\n".join([paragraphs[0], paragraphs[3], paragraphs[4], paragraphs[1], edited])
    result = one(ARTICLE, new, anchor_of(ARTICLE, TALKS))
    assert result.state is AnchorState.FUZZY
    assert span(result) == (new.index(edited), new.index(edited) + len(edited))


def _debate() -> list[str]:
    """Sixty paragraphs of common words only, told apart by their round number, as in a long
    transcript: no word of a claim is rare."""
    return [
        f"In round {i} the speaker said that we are going to do it. Then, in round {i} and "
        f"only then, he said we are going to win it all, in round {i}, to the people there."
        for i in range(60)
    ]


def test_a_long_claim_of_common_words_edited_and_moved_is_found_by_its_rarer_words() -> None:
    paragraphs = _debate()
    # Its longest words (speaker, people, there) are in every paragraph; "want" and "wall" not.
    quote = "and then the speaker said that the people there want a wall"
    paragraphs[10] += f" It was {quote}, she said."
    old = "\n\n".join(paragraphs)
    edited = quote.replace("said that", "claimed")
    moved = paragraphs.pop(10).replace(quote, edited)
    paragraphs.insert(45, moved)
    new = "\n\n".join(paragraphs)
    result = one(old, new, anchor_of(old, quote))
    assert result.state is AnchorState.FUZZY
    assert span(result) == (new.index(edited), new.index(edited) + len(edited))


def _claim_in_round_12(old: str) -> Anchor:
    quote = "we are going to win it all"
    start = old.index(quote, old.index("in round 12 and"))
    return make_anchor(old, start, start + len(quote))


def test_a_short_claim_edited_in_a_moved_paragraph_is_found_between_its_old_context() -> None:
    paragraphs = _debate()
    old = "\n\n".join(paragraphs)
    edited = "we are surely going to win it all"
    paragraphs.insert(40, paragraphs.pop(12).replace("we are going to win it all", edited))
    new = "\n\n".join(paragraphs)
    result = one(old, new, _claim_in_round_12(old))
    assert result.state is AnchorState.FUZZY
    found = new.index(edited, new.index("in round 12 and"))
    assert span(result) == (found, found + len(edited))


def test_a_short_claim_whose_context_now_occurs_twice_stays_orphaned() -> None:
    paragraphs = _debate()
    old = "\n\n".join(paragraphs)
    edited = paragraphs.pop(12).replace("we are going to win it all", "we are surely going to win")
    paragraphs[40:40] = [edited]
    paragraphs.append(edited)  # two copies now: neither can be told to be the claim's
    new = "\n\n".join(paragraphs)
    assert one(old, new, _claim_in_round_12(old)).state is AnchorState.ORPHANED


def test_short_quote_in_rewritten_surroundings_is_not_trusted() -> None:
    old = "Officials said the plan would cost 5% of output over ten years."
    new = "Critics insisted that any such scheme might cost 5% of revenue, or more."
    result = one(old, new, anchor_of(old, "5%"))
    assert result.state.needs_review


def test_stale_anchor_is_found_by_its_quote() -> None:
    true_start = ARTICLE.index(HELICOPTERS)
    stale = Anchor(true_start + 7, true_start + 7 + len(HELICOPTERS), HELICOPTERS, "", "")
    result = one(ARTICLE, "Note.\n" + ARTICLE, stale)
    assert result.anchor is not None
    assert result.anchor.start == true_start + len("Note.\n")
    assert result.anchor.quote == HELICOPTERS


def test_changes_around_reports_the_word_edited_inside_the_claim() -> None:
    new = ARTICLE.replace("further capitalise on", "further build on")
    old_anchor = anchor_of(ARTICLE, AGREED)
    new_anchor = reanchor(ARTICLE, new, [old_anchor])[0].anchor
    changes = changes_around(ARTICLE, new, old_anchor, new_anchor)
    assert changes == [TextChange("capitalise", "build", "replace")]


def test_changes_around_reports_insertions_and_deletions_nearby_only() -> None:
    new = (
        ARTICLE.replace("the statement added.", "the statement added on Friday.")
        .replace(" mutually beneficial", "")
        .replace("Islamabad", "Islamabad, Pakistan")
    )
    old_anchor = anchor_of(ARTICLE, TALKS)
    new_anchor = reanchor(ARTICLE, new, [old_anchor])[0].anchor
    changes = changes_around(ARTICLE, new, old_anchor, new_anchor, context=40)
    assert changes == [TextChange("", " on Friday", "insert")]
    # However wide the context, the edits to other paragraphs ("Islamabad, Pakistan", the
    # deleted "mutually beneficial") are not the claim's: only its own paragraph is listed.
    wide = changes_around(ARTICLE, new, old_anchor, new_anchor, context=300)
    assert wide == [TextChange("", " on Friday", "insert")]


def test_changes_around_an_orphaned_claim_shows_the_deletion() -> None:
    new = ARTICLE.replace(TALKS + "\n\n", "")
    changes = changes_around(ARTICLE, new, anchor_of(ARTICLE, TALKS), None, context=20)
    # The paragraph, without the line ends after it (the window stops at the line end).
    assert changes == [TextChange(TALKS, "", "delete")]


def test_changes_around_merges_edits_separated_by_a_space() -> None:
    old = "Prices rose sharply in March."
    new = "Prices fell slowly in March."
    changes = changes_around(old, new, anchor_of(old, "rose sharply"), None)
    assert changes == [TextChange("rose sharply", "fell slowly", "replace")]


def test_position_map_maps_offsets_across_an_insertion() -> None:
    old, new = "alpha beta gamma", "alpha new beta gamma"
    pmap = position_map(old, new)
    assert pmap.to_new(old.index("beta")) == new.index("beta")
    assert pmap.to_new_end(len("alpha")) == len("alpha")
    assert pmap.run_containing(old.index("gamma"), len(old)) is not None
    assert pmap.to_old(new.index("gamma")) == old.index("gamma")


@pytest.mark.parametrize("text", ["", "one", "Mr. Smith went. He did!\n\nAnd then?\n", "a.b. c"])
def test_chunks_join_back_to_the_text(text: str) -> None:
    assert "".join(split_chunks(text)) == text


def _synthetic_article(rng: random.Random, sentences: int) -> str:
    words = [f"w{n}" for n in range(3000)] + ["the", "of", "and", "to", "in", "said"] * 50
    lines = []
    for n in range(sentences):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 25)))
        lines.append(sentence.capitalize() + (".\n\n" if n % 5 == 4 else ". "))
    return "".join(lines)


@pytest.mark.slow
def test_a_thousand_claims_on_a_megabyte_share_one_diff() -> None:
    """What keeps this fast: the two texts are diffed once for all the claims, not once per
    claim (the time itself is measured by ``make bench``)."""
    rng = random.Random(7)
    old = _synthetic_article(rng, 10_000)
    assert len(old) > 900_000
    starts = sorted(rng.sample(range(len(old) - 200), 1000))
    anchors = [make_anchor(old, s, s + 60) for s in starts if old[s : s + 60].strip()]
    new = old
    for _ in range(200):  # scattered small edits, some through claims
        at = rng.randrange(len(new))
        new = new[:at] + " inserted words " + new[at + rng.randint(0, 5) :]
    position_map.cache_clear()
    results = reanchor(old, new, anchors)
    assert position_map.cache_info().misses == 1
    assert len(results) == len(anchors)
    placed = 0
    for result, anchor in zip(results, anchors, strict=True):
        if result.state in (AnchorState.EXACT, AnchorState.MOVED):
            assert result.anchor is not None
            assert result.anchor.quote == anchor.quote
            placed += 1
    assert placed >= 0.7 * len(anchors)


def test_quote_that_now_ends_inside_a_longer_word_is_not_exact() -> None:
    old = "If they don't comply, you're encouraging chaos in our system."
    new = "If they don't comply, you're encouraging chaos inciting in our system."
    result = one(old, new, anchor_of(old, "you're encouraging chaos in"))
    assert result.state is AnchorState.FUZZY
    assert result.anchor is not None
    assert result.anchor.quote == "you're encouraging chaos inciting in"


def test_repeated_sentence_with_both_sides_edited_is_flagged() -> None:
    old = "Intro here. They don't want that. They don't want that. They left early."
    new = "Intro. They want that. They don't want that. They left quite early."
    claimed = anchor_of(old, "They don't want that.")
    result = one(old, new, claimed)
    assert result.state is AnchorState.FUZZY
    assert span(result) == (7, 22)  # "They want that.": the claimed, first copy, edited


def test_changes_around_names_whole_numbers_and_words() -> None:
    old = "Unemployment fell to 3.1% last year, the ministry reported."
    new = "Unemployment fell to 3.4% last year, the ministry said."
    changes = changes_around(old, new, anchor_of(old, "Unemployment fell to 3.1% last year"), None)
    assert changes == [
        TextChange("3.1%", "3.4%", "replace"),
        TextChange("reported.", "said.", "replace"),
    ]


BLAST = "Officials said that twelve people were injured in the blast on Monday, police said."
BLAST_CLAIM = "twelve people were injured in the blast"
SAMPLE = Path(__file__).resolve().parents[2] / "resources/samples/pakistan-russia-2018-03-03.txt"


@pytest.mark.parametrize(
    ("old_words", "new_words", "expected"),
    [
        ("twelve", "fifteen", "fifteen people were injured in the blast"),
        ("twelve", "12", "12 people were injured in the blast"),
        ("blast", "explosion", "twelve people were injured in the explosion"),
        ("were injured", "died", "twelve people died in the blast"),
        ("that twelve", "fifteen", "fifteen people were injured in the blast"),
    ],
)
def test_edited_first_or_last_word_stays_in_the_claim(
    old_words: str, new_words: str, expected: str
) -> None:
    new = BLAST.replace(old_words, new_words, 1)
    result = one(BLAST, new, anchor_of(BLAST, BLAST_CLAIM))
    assert result.state is AnchorState.FUZZY
    assert span(result) == (new.index(expected), new.index(expected) + len(expected))


def test_edited_number_at_the_start_of_a_claim_in_the_sample_article() -> None:
    old = canonical_text(SAMPLE.read_text(encoding="utf-8"))
    new = old.replace("provided four Mi-35M", "provided five Mi-35M")
    result = one(old, new, anchor_of(old, HELICOPTERS))
    assert result.state is AnchorState.FUZZY
    assert result.anchor is not None
    assert result.anchor.quote == "five Mi-35M combat and cargo helicopters"


@pytest.mark.parametrize(
    ("old_words", "new_words"),
    [
        ("said that", "said on Friday that"),
        ("that twelve", "that some twelve"),
        ("blast on", "blast that shook the town on"),
    ],
)
def test_insertion_just_outside_the_claim_does_not_grow_it(old_words: str, new_words: str) -> None:
    new = BLAST.replace(old_words, new_words, 1)
    result = one(BLAST, new, anchor_of(BLAST, BLAST_CLAIM))
    assert result.state in (AnchorState.EXACT, AnchorState.MOVED)
    assert span(result) == (new.index(BLAST_CLAIM), new.index(BLAST_CLAIM) + len(BLAST_CLAIM))


@pytest.mark.parametrize(
    ("old_words", "new_words", "expected"),
    [
        ("twelve", "The toll is rising. Fifteen", "Fifteen people were injured in the blast"),
        ("blast", "explosion. It happened", "twelve people were injured in the explosion"),
        ("blast", "explosion, which happened", "twelve people were injured in the explosion"),
    ],
)
def test_replacement_of_a_boundary_word_brings_only_that_word(
    old_words: str, new_words: str, expected: str
) -> None:
    new = BLAST.replace(old_words, new_words, 1)
    result = one(BLAST, new, anchor_of(BLAST, BLAST_CLAIM))
    assert result.state is AnchorState.FUZZY
    assert span(result) == (new.index(expected), new.index(expected) + len(expected))


def test_deleted_first_word_leaves_the_rest_of_the_claim() -> None:
    new = BLAST.replace("twelve ", "", 1)
    result = one(BLAST, new, anchor_of(BLAST, BLAST_CLAIM))
    assert result.state is AnchorState.FUZZY
    assert result.anchor is not None
    assert result.anchor.quote == "people were injured in the blast"


def test_first_word_matched_to_a_deleted_copy_still_starts_the_claim() -> None:
    # The diff pairs the surviving "That" with the deleted sentence's and reports "is what the
    # revolution is about. That is" -> "Honduras": the claim still starts at its own "That".
    old = "Yes. That is what the revolution is about. That is what this campaign is about."
    new = "Yes. That Honduras what this campaign is about."
    result = one(old, new, anchor_of(old, "That is what this campaign is"))
    assert result.state is AnchorState.FUZZY
    assert result.anchor is not None
    assert result.anchor.quote == "That Honduras what this campaign is"


# What is listed around a claim: its own paragraph, whole words, nothing that merely moved.

LONG_PARAGRAPH = (
    "Officials gathered in the capital on a cold morning to open a conference that was "
    "expected to run for three days and to draw delegations from eleven countries, most of "
    "them neighbours, some of them rivals, all of them wary of the agenda set by the hosts. "
    "The minister said exports grew by 12% in the first quarter of the year. "
    "Observers were not convinced."
)
EXPORTS = "exports grew by 12% in the first quarter"


def _words_of(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def test_changes_around_lists_whole_words_only() -> None:
    # The first sentence, rewritten, starts more than 200 characters before the claim: a window
    # cut at a fixed distance used to cut its words in the middle ("hich both the sides").
    new = LONG_PARAGRAPH.replace(
        LONG_PARAGRAPH[: LONG_PARAGRAPH.index("The minister")],
        "Delegates assembled downtown during a frosty dawn, launching a summit anticipated "
        "lasting seventy-two hours, attracting envoys representing numerous nations, chiefly "
        "adjacent states. ",
    )
    old_anchor = anchor_of(LONG_PARAGRAPH, EXPORTS)
    new_anchor = reanchor(LONG_PARAGRAPH, new, [old_anchor])[0].anchor
    changes = changes_around(LONG_PARAGRAPH, new, old_anchor, new_anchor)
    assert changes
    for change in changes:
        assert _words_of(change.old) <= _words_of(LONG_PARAGRAPH), change
        assert _words_of(change.new) <= _words_of(new), change


def test_changes_around_an_inserted_letter_names_the_whole_word() -> None:
    old = "Prices rose in March. The rate was set by the board."
    new = "Prices rose in March. The rate was reset by the board."
    changes = changes_around(old, new, anchor_of(old, "Prices rose in March."), None)
    assert changes == [TextChange("set", "reset", "replace")]


def test_changes_around_lists_only_the_claims_paragraph() -> None:
    # The edit to the next paragraph is within 200 characters of the claim, but it is not
    # the claim's: listing it under the claim misleads the checker.
    new = ARTICLE.replace("the statement added.", "the statement said.").replace(
        "Both sides agreed", "Both countries agreed"
    )
    old_anchor = anchor_of(ARTICLE, "convergence on a range of contemporary issues")
    new_anchor = reanchor(ARTICLE, new, [old_anchor])[0].anchor
    changes = changes_around(ARTICLE, new, old_anchor, new_anchor)
    assert changes == [TextChange("added.", "said.", "replace")]


def test_changes_around_a_claim_in_a_moved_paragraph_lists_nothing() -> None:
    new = ARTICLE.replace(TALKS + "\n\n", "") + "\n" + TALKS + "\n"
    old_anchor = anchor_of(ARTICLE, "commonality of approach")
    result = reanchor(ARTICLE, new, [old_anchor])[0]
    assert result.state is AnchorState.MOVED
    assert changes_around(ARTICLE, new, old_anchor, result.anchor) == []


def test_changes_around_a_long_paragraph_is_capped_near_the_claim() -> None:
    filler = " ".join(f"word{n}" for n in range(400))
    old = f"{filler} The minister said {EXPORTS}. {filler}"
    new = old.replace("word300 ", "word three hundred ").replace(
        "minister said", "minister claimed"
    )
    old_anchor = anchor_of(old, EXPORTS)
    new_anchor = reanchor(old, new, [old_anchor])[0].anchor
    changes = changes_around(old, new, old_anchor, new_anchor, context=100)
    assert changes == [TextChange("said", "claimed", "replace")]
