"""Reading a claim's text for matching: social-media noise removed, words, numbers, years and
names, so that a candidate whose numbers, dates or names disagree with the query can be told
apart from one that only shares its words (a claim about 4 helicopters is not one about 40).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
_MEDIA_LINK = re.compile(
    r"pic\.twitter\.com/|youtu\.?be|instagram\.com/|tiktok\.com/|\.(?:jpe?g|png|gif|mp4)\b",
    re.IGNORECASE,
)
_MEDIA_WORDS = frozenset({
    "photo", "photos", "photograph", "photographs", "picture", "pictures", "image", "images",
    "video", "videos", "footage", "clip", "meme", "memes", "pic", "pics",
})  # fmt: skip
_HASHTAG = re.compile(r"[#@](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
_WORD = re.compile(r"\w+")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*|\b[A-Z]{2,}\b")
_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(%|percent|per cent)"
    r"|\s*(thousand|million|billion|trillion|k|m|bn)\b)?",
    re.IGNORECASE,
)
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_SCALES["trillion"] = 1e12
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS = {word: float(value) for value, word in enumerate(_UNITS.split())} | {
    "thirty": 30.0, "forty": 40.0, "fifty": 50.0, "sixty": 60.0, "seventy": 70.0,
    "eighty": 80.0, "ninety": 90.0, "hundred": 100.0, "dozen": 12.0,
}  # fmt: skip
# "one" is as often a pronoun as a number ("the one who..."): it never counts as disagreeing.
_AMBIGUOUS_NUMBERS = {"one", "zero"}
_YEARS = range(1900, 2101)

_STOPWORDS = """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves rt via amp s t"""
STOPWORDS = frozenset(_STOPWORDS.split())


@dataclass(frozen=True, slots=True)
class ClaimText:
    """A text prepared for matching."""

    clean: str  # without links, with hashtags and handles split into words
    words: tuple[str, ...]  # lower-case content words, in order (stop words left out)
    numbers: frozenset[float]  # quantities, years excluded
    years: frozenset[int]
    names: frozenset[str]  # lower-case capitalised words (people, places, organisations)
    counts: frozenset[tuple[float, str]]  # (number, stem of a word after it): 4 helicopters
    media: bool  # it shows or speaks of a picture or a video (a photo link, "footage")

    def count_conflict(self, other: ClaimText) -> bool:
        """Whether this text counts something the other counts too, but with other numbers
        only ("4 helicopters" against "40 helicopters")."""
        return _conflict(self.counts, other.counts)

    @classmethod
    def of(cls, text: str) -> ClaimText:
        clean = clean_text(text)
        lower = clean.lower()
        numbers, years = quantities(clean)
        words = _WORD.findall(lower)
        return cls(
            clean=clean,
            words=tuple(w for w in words if w not in STOPWORDS),
            numbers=numbers,
            years=years,
            names=frozenset(
                n.lower() for n in _CAPITALISED.findall(clean) if n.lower() not in STOPWORDS
            ),
            counts=counted_things(lower),
            media=bool(_MEDIA_LINK.search(text) or _MEDIA_WORDS.intersection(words)),
        )

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(stem(word) for word in self.words)


def clean_text(text: str) -> str:
    """Links removed, HTML entities decoded, ``#HashTags`` and ``@handles`` split into words."""
    text = _URL.sub(" ", html.unescape(text))
    text = _HASHTAG.sub(lambda m: _CAMEL.sub(" ", m.group(1)).replace("_", " "), text)
    return " ".join(text.split())


def stem(word: str) -> str:
    """A light English stemmer: enough to make plurals and tenses meet (claims, claimed)."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


def search_terms(text: str, limit: int = 64) -> list[str]:
    """The distinct content words of a text, in order, for a full-text query."""
    seen: dict[str, None] = {}
    for word in ClaimText.of(text).words:
        seen.setdefault(word, None)
    return list(seen)[:limit]


def quantities(text: str) -> tuple[frozenset[float], frozenset[int]]:
    """The numbers a text states (``1,000``, ``17 million``, ``70%``, ``forty``) and, apart,
    the years (1900-2100 written as four digits)."""
    numbers: set[float] = set()
    years: set[int] = set()
    for match in _NUMBER.finditer(text):
        whole, fraction, _percent, scale = match.groups()
        digits = whole.replace(",", "")
        value = float(f"{digits}.{fraction}" if fraction else digits)
        if scale:
            value *= _SCALES[scale.lower()]
        if not fraction and not scale and len(digits) == 4 and int(digits) in _YEARS:
            years.add(int(digits))
        else:
            numbers.add(value)
    for word in _WORD.findall(text.lower()):
        if word in _NUMBER_WORDS and word not in _AMBIGUOUS_NUMBERS:
            numbers.add(_NUMBER_WORDS[word])
    return frozenset(numbers), frozenset(years)


def counted_things(text: str) -> frozenset[tuple[float, str]]:
    """What a text counts: each number (digits or a number word) with the stems of the next
    two content words after it ("4 new helicopters": (4, "new"), (4, "helicopter"))."""
    words = _COUNT_TOKEN.findall(text.lower())
    counts: set[tuple[float, str]] = set()
    for position, word in enumerate(words):
        value = _word_value(word)
        if value is None:
            continue
        following = [
            w
            for w in words[position + 1 : position + 5]
            if w not in STOPWORDS and w not in _SCALES and w not in _UNIT_WORDS
        ][:2]
        counts.update((value, stem(w)) for w in following if _word_value(w) is None)
    return frozenset(counts)


_UNIT_WORDS = frozenset({"percent", "per", "cent"})
# A word with a letter in it is one token ("mi-35m" is a name, not 35 of something).
_COUNT_TOKEN = re.compile(r"[\w-]*[^\W\d_][\w-]*|\d+(?:[,.]\d+)*")


def _word_value(word: str) -> float | None:
    if word[0].isdigit():
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    if word in _NUMBER_WORDS and word not in _AMBIGUOUS_NUMBERS:
        return _NUMBER_WORDS[word]
    return None


def _conflict(mine: frozenset[tuple[float, str]], theirs: frozenset[tuple[float, str]]) -> bool:
    their_values: dict[str, set[float]] = {}
    for value, thing in theirs:
        their_values.setdefault(thing, set()).add(value)
    my_values: dict[str, set[float]] = {}
    for value, thing in mine:
        my_values.setdefault(thing, set()).add(value)
    return any(
        thing in their_values and not values & their_values[thing]
        for thing, values in my_values.items()
    )
