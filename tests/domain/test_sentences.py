"""Sentence splitting: exact code-point spans, and the boundaries a reader would draw."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.domain.sentences import split_sentences
from annotator.paths import sample_article


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        (
            "Mr. Smith met Dr. Jones. They talked.",
            ["Mr. Smith met Dr. Jones.", "They talked."],
        ),
        ("John F. Kennedy spoke. He left.", ["John F. Kennedy spoke.", "He left."]),
        ("On Jan. 5 he left. Then Feb. came.", ["On Jan. 5 he left.", "Then Feb. came."]),
        ("It grew 3.5% to $1.2 billion. Good.", ["It grew 3.5% to $1.2 billion.", "Good."]),
        ("The U.S. Navy sailed. It won.", ["The U.S. Navy sailed.", "It won."]),
        ("It was in the U.S. The talks ended.", ["It was in the U.S.", "The talks ended."]),
        ("See example.com for more.", ["See example.com for more."]),
        ('"Really?" she asked. "Yes."', ['"Really?" she asked.', '"Yes."']),
        ("“We agree,” he said. “Fine.” Then", ["“We agree,” he said.", "“Fine.”", "Then"]),
        ("Wait... What? Well…  Yes", ["Wait...", "What?", "Well…", "Yes"]),
        ("It grew 5% . . . and jobs rose.", ["It grew 5% . . . and jobs rose."]),
        ("He paused . . . Then he left.", ["He paused . . .", "Then he left."]),
        (
            "They sat. Russia won. On Sat. The talks ended.",
            ["They sat.", "Russia won.", "On Sat.", "The talks ended."],
        ),
        ("The answer was no. Russia refused.", ["The answer was no.", "Russia refused."]),
        ("The No. 1 team won. It was great.", ["The No. 1 team won.", "It was great."]),
        ("Is it (really)? Yes.", ["Is it (really)?", "Yes."]),
        ("a title\nA paragraph. Another", ["a title", "A paragraph.", "Another"]),
        ("هل هذا صحيح؟ نعم هو كذلك.", ["هل هذا صحيح؟", "نعم هو كذلك."]),
        ("یہ ایک جملہ ہے۔ یہ دوسرا ہے۔", ["یہ ایک جملہ ہے۔", "یہ دوسرا ہے۔"]),
        ("你好。我很好！谢谢", ["你好。", "我很好！", "谢谢"]),
        ("", []),
        ("  \n \n", []),
    ],
)
def test_sentences_end_where_a_reader_would_end_them(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_are_code_points_into_the_text() -> None:
    text = "Emoji 😀 first. Then 𝔘𝔫𝔦 second.\nاردو متن ہے۔ Last"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Emoji 😀 first.",
        "Then 𝔘𝔫𝔦 second.",
        "اردو متن ہے۔",
        "Last",
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_the_sample_article_splits_its_last_paragraph_in_two() -> None:
    text = sample_article().read_text(encoding="utf-8")
    found = texts(text)
    assert any(s.startswith("Pakistan and Russia in Nov 2014") for s in found)
    assert any(s.startswith("Russia has provided four Mi-35M") for s in found)
    assert any(s.startswith("“We are forming a military") for s in found)


@given(st.text(alphabet=st.sampled_from(list("ab A.?!…؟۔。\n \"”'3")), max_size=80))
def test_sentences_are_ordered_trimmed_exact_spans_covering_every_word(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.text
        assert "\n" not in sentence.text
        assert sentence.start >= previous_end
        assert text[previous_end : sentence.start].strip() == ""
        previous_end = sentence.end
    assert text[previous_end:].strip() == ""
