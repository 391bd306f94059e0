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

import itertools
import re
from collections.abc import Callable, Sequence

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

STOPWORDS = _words(
    "a an the and or but if of to in on at by for with from as is are was were be been being "
    "has have had do does did it its this that these those there here he she they we you i "
    "his her their our your my me him them us not no so up out all any can will would should "
    "could may might must than then also just very what which who whom when where why how"
)
"""Words too common to be shown as a reason for a suggestion (they still count in a score)."""

# name -> (the reason shown to the checker, the test on the sentence's lower-cased tokens).
Tokens = Sequence[str]
CUES: dict[str, tuple[str, Callable[[Tokens, Tokens], bool]]] = {
    "number": ("a number", lambda low, _raw: any(t[0].isdigit() for t in low)),
    "quantity": ("a quantity", lambda low, _raw: any(t in _NUMBER_WORDS for t in low)),
    "percent": ("a percentage", lambda low, _raw: "%" in low or "percent" in low),
    "money": (
        "a sum of money",
        lambda low, _raw: any(t in "$€£¥" or t in ("dollars", "euros", "pounds") for t in low),
    ),
    "unit": ("a figure with a unit", lambda low, _raw: _number_with_unit(low)),
    "comparison": ("a comparison", lambda low, _raw: any(t in _COMPARISON for t in low)),
    "superlative": ("a superlative", lambda low, _raw: any(t in _SUPERLATIVE for t in low)),
    "attribution": (
        "attributed to a speaker",
        lambda low, _raw: any(t in _ATTRIBUTION for t in low),
    ),
    "causal": ("a cause or effect", lambda low, _raw: any(t in _CAUSAL for t in low)),
    "legal": ("a law, vote or agreement", lambda low, _raw: any(t in _LEGAL for t in low)),
    "date": ("a date", lambda low, _raw: _has_date(low)),
    "name": ("a name (person, place, organisation)", lambda _low, raw: _has_name(raw)),
}


def _number_with_unit(low: Tokens) -> bool:
    return any(
        (t[0].isdigit() or t in _NUMBER_WORDS) and nxt in _UNITS
        for t, nxt in itertools.pairwise(low)
    )


def _has_date(low: Tokens) -> bool:
    return any(t in _DATE_WORDS or _YEAR.fullmatch(t) for t in low) or any(
        t in _MONTHS and (nxt[0].isdigit()) for t, nxt in itertools.pairwise(low)
    )


def _has_name(raw: Tokens) -> bool:
    return any(t[0].isupper() and t not in _NOT_NAMES for t in raw[1:])


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
    return [name for name, (_reason, test) in CUES.items() if low and test(low, raw)]


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
    features.extend(f"cue:{name}" for name, (_r, test) in CUES.items() if low and test(low, raw))
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
