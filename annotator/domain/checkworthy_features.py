"""The features the check-worthiness model sees in a sentence, in pure Python.

Training (``tools/train_checkworthy.py``, scikit-learn) and scoring at run time
(``domain/checkworthy.py``, no scikit-learn) call the same ``sentence_features``, so a
sentence gets the same features in both. A feature is a string:

- ``w:token`` and ``b:token_token``: lower-cased words and word pairs, with numbers reduced to
  their shape (``<num>``, ``<year>``, ``<dec>``) so "3 million" and "40 million" look alike;
- ``cue:NAME``: a hand-written cue (a number, a comparison, an attribution...) from ``CUES``,
  each with the wording shown to the checker as the reason for a suggestion;
- ``len:BUCKET``: how long the sentence is (short ones are rarely worth checking);
- ``spk:...``: who speaks, when the input says so (CLEF transcripts; an article has no speaker).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["CUES", "STOPWORDS", "cue_features", "sentence_features", "tokens"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"[$€£¥%]|\d+(?:[.,:]\d+)*|\w+(?:['’\-]\w+)*")
_YEAR = re.compile(r"(?:1[89]|20)\d\d(?:s)?")
_NUMBER_WORDS = _words(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions "
    "billion billions trillion trillions dozen dozens half quarter twice double doubled triple "
    "tripled percent"
)
_UNITS = _words(
    "percent million billion trillion thousand hundred dollars dollar euros pounds jobs people "
    "years months days times points votes troops soldiers miles acres tons barrels workers"
)
_COMPARISON = _words(
    "than more less fewer higher lower bigger smaller larger greater increase increased "
    "increases increasing decrease decreased decreases rise rose risen rising fall fell fallen "
    "grew grow grown growth doubled tripled halved cut cuts compared versus outnumber exceeds"
)
_SUPERLATIVE = _words(
    "most least best worst biggest largest highest lowest greatest smallest fastest slowest "
    "first only ever never record richest poorest strongest weakest oldest youngest"
)
_ATTRIBUTION = _words(
    "said says say stated states told according claimed claims claim announced reported "
    "added noted insisted argued tweeted wrote declared confirmed statement testified admitted"
)
_CAUSAL = _words(
    "because caused cause causes due result resulted results led leads therefore consequence "
    "thanks responsible blamed"
)
_LEGAL = _words(
    "law laws illegal legal legislation bill act court supreme constitution constitutional "
    "treaty agreement accord deal signed voted vote votes tax taxes regulation regulations "
    "ban banned sanctions ruling convicted sentenced crime crimes unconstitutional passed "
    "veto vetoed amendment"
)
_MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_DATE_WORDS = _words("yesterday today monday tuesday wednesday thursday friday saturday sunday")
_NOT_NAMES = _words(
    "I I'm I've I'll I'd OK Okay Mr Mrs Ms Dr God Yes No And But So The A An We You He She "
    "They It This That"
)

Tokens = Sequence[str]
STOPWORDS = _words(
    "a an the and or but if of to in on at by for with from as is are was were be been being "
    "has have had do does did it its this that these those there here he she they we you i "
    "his her their our your my me him them us not no so up out all any can will would should "
    "could may might must than then also just very what which who whom when where why how"
)
"""Words too common to be shown as a reason for a suggestion (they still count in a score)."""

CUES: dict[str, str] = {
    "number": "a number",
    "quantity": "a quantity",
    "percent": "a percentage",
    "money": "a sum of money",
    "unit": "a figure with a unit",
    "comparison": "a comparison",
    "superlative": "a superlative",
    "attribution": "attributed to a speaker",
    "causal": "a cause or effect",
    "legal": "a law, vote or agreement",
    "date": "a date",
    "name": "a name (person, place, organisation)",
}
"""Each hand-written cue, with the reason shown to the checker when it raises a score."""


def _cue_words() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for cue, words in (
        ("quantity", _NUMBER_WORDS),
        ("percent", _words("% percent")),
        ("money", _words("$ € £ ¥ dollars euros pounds")),
        ("comparison", _COMPARISON),
        ("superlative", _SUPERLATIVE),
        ("attribution", _ATTRIBUTION),
        ("causal", _CAUSAL),
        ("legal", _LEGAL),
        ("date", _DATE_WORDS),
    ):
        for word in words:
            table.setdefault(word, []).append(cue)
    return {word: tuple(cues) for word, cues in table.items()}


_CUE_WORDS = _cue_words()


def _cues(low: Tokens, raw: Tokens) -> set[str]:
    """The cues that fire on a sentence's tokens (lower-cased and as written), in one pass."""
    found: set[str] = set()
    previous = ""
    for index, token in enumerate(low):
        found.update(_CUE_WORDS.get(token, ()))
        if token[0].isdigit():
            found.add("number")
            if _YEAR.fullmatch(token):
                found.add("date")
            if previous in _MONTHS:
                found.add("date")
        if token in _UNITS and previous and (previous[0].isdigit() or previous in _NUMBER_WORDS):
            found.add("unit")
        if index and raw[index][0].isupper() and raw[index] not in _NOT_NAMES:
            found.add("name")
        previous = token
    return found


def tokens(sentence: str) -> list[str]:
    """The sentence's words, numbers and currency/percent signs, in their original case."""
    return _TOKEN.findall(sentence)


def _shape(token: str) -> str:
    if token[0].isdigit():
        if _YEAR.fullmatch(token):
            return "<year>"
        return "<dec>" if "." in token or "," in token else "<num>"
    return token


def cue_features(sentence: str) -> list[str]:
    """The names of the hand-written cues that fire on ``sentence`` (keys of ``CUES``)."""
    raw = tokens(sentence)
    low = [t.lower() for t in raw]
    found = _cues(low, raw)
    return [name for name in CUES if name in found]


def _length_bucket(count: int) -> str:
    for limit in (3, 7, 15, 30):
        if count <= limit:
            return f"len:{limit}"
    return "len:long"


def sentence_features(sentence: str, speaker: str = "") -> list[str]:
    """Every feature of ``sentence`` (see the module docstring); ``speaker`` is optional."""
    raw = tokens(sentence)
    low = [t.lower() for t in raw]
    shaped = [_shape(t) for t in low]
    features = [f"w:{t}" for t in shaped]
    features.extend(f"b:{a}_{b}" for a, b in zip(["<s>", *shaped], shaped, strict=False))
    features.extend(f"cue:{name}" for name in _cues(low, raw))
    features.append(_length_bucket(len(raw)))
    if speaker:
        features.append(f"spk:{speaker_kind(speaker)}")
    return features


def speaker_kind(speaker: str) -> str:
    """A speaker reduced to what carries over to a new transcript: the audience, the person
    asking, or someone else (names do not carry over)."""
    name = speaker.strip().upper()
    if name in ("SYSTEM", "AUDIENCE", "AUDIENCE MEMBERS", "AUDIENCE MEMBER", "CROWD"):
        return "audience"
    if name in ("QUESTION", "MODERATOR", "REPORTER", "Q"):
        return "question"
    return "person"
