"""Benchmark of re-anchoring: accuracy against known ground truth, and speed on a 1 MB article.

Builds articles from real text (the sample article, and debate transcripts from the
check-worthiness corpus), places claims on sentences and phrases, applies generated edits (words
reworded, inserted, deleted; sentences inserted, deleted; paragraphs moved) while tracking where
every claim's text ends up, then re-anchors and judges each result:

- correct: EXACT/MOVED on the claim's text, FUZZY on the reworded claim, ORPHANED when deleted;
- flagged: FUZZY/ORPHANED on a claim that did land somewhere knowable (a reviewer sees it);
- flagged-wrong: FUZZY on text that is not the claim (flagged, but pointing at the wrong words);
- WRONG: EXACT/MOVED on anything but the claim's text. This must be 0.

A claim whose first or last word was reworded is right only on the whole edited span, new word
included; the summary counts those separately.

Run: ``.venv/bin/python tools/bench_reanchor.py [--seed N]``. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.domain.model import Anchor, AnchorState  # noqa: E402
from annotator.domain.reanchor import Reanchored, reanchor  # noqa: E402
from annotator.domain.text import canonical_text, make_anchor  # noqa: E402
from annotator.domain.textdiff import position_map  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "pakistan-russia-2018-03-03.txt"
CORPUS = Path("/work/shared/corpora/checkworthy/training")
_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"[^\s][^\n]*?[.!?](?=\s|$)")

INTACT, REWORDED, DELETED = "intact", "reworded", "deleted"


@dataclass
class Claim:
    """A claim's span in the text as edited so far, and what the edits did to it."""

    start: int
    end: int
    status: str = INTACT
    touched: str = "far"  # far | near | inside | boundary | moved


@dataclass
class World:
    text: str
    claims: list[Claim]
    vocabulary: list[str]
    sentences: list[str]
    rng: random.Random

    def replace(self, a: int, b: int, s: str) -> None:
        """Apply one edit and carry every claim's span through it."""
        delta = len(s) - (b - a)
        for claim in self.claims:
            if claim.status == DELETED:
                continue
            cs, ce = claim.start, claim.end
            if b <= cs:
                claim.start, claim.end = cs + delta, ce + delta
            elif a >= ce:
                continue
            elif a <= cs and b >= ce:
                claim.status = DELETED
            elif cs <= a and b <= ce:
                claim.end = ce + delta
                claim.status = REWORDED
                claim.touched = "inside"
            else:
                raise AssertionError("generated an edit straddling a claim boundary")
        self.text = self.text[:a] + s + self.text[b:]

    def distance(self, a: int, b: int) -> int:
        """How far ``[a, b)`` is from the nearest live claim (0 when touching)."""
        best = len(self.text)
        for claim in self.claims:
            if claim.status == DELETED:
                continue
            if a < claim.end and b > claim.start:
                return 0
            best = min(best, claim.start - b if b <= claim.start else a - claim.end)
        return best


def load_corpus() -> list[str]:
    sentences: list[str] = []
    for path in sorted(CORPUS.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and len(parts[2].split()) >= 3:
                sentences.append(canonical_text(parts[2].strip()))
    return sentences


def build_article(sentences: list[str], rng: random.Random, size: int) -> tuple[str, set[str]]:
    """Consecutive corpus sentences in paragraphs of 2-7, and the set of sentences used."""
    paragraphs: list[str] = []
    used: set[str] = set()
    length, index = 0, rng.randrange(len(sentences))
    while length < size:
        count = rng.randint(2, 7)
        chosen = [sentences[(index + k) % len(sentences)] for k in range(count)]
        used.update(chosen)
        index += count
        paragraphs.append(" ".join(chosen))
        length += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs), used


def sentence_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]


def place_claims(world: World, count: int) -> None:
    """Non-overlapping claims: whole sentences of 3+ words and 3-8 word phrases inside them
    (a checker does not claim a lone "..." or "Thank you.")."""
    spans = [s for s in sentence_spans(world.text) if len(_WORD.findall(world.text, *s)) >= 3]
    world.rng.shuffle(spans)
    taken: list[tuple[int, int]] = []
    for start, end in spans:
        if len(world.claims) >= count:
            break
        if world.rng.random() < 0.5:
            words = list(_WORD.finditer(world.text, start, end))
            if len(words) < 5:
                continue
            k = world.rng.randint(3, min(8, len(words) - 1))
            first = world.rng.randrange(0, len(words) - k + 1)
            start, end = words[first].start(), words[first + k - 1].end()
        if any(start < e and end > s for s, e in taken):
            continue
        taken.append((start, end))
        world.claims.append(Claim(start, end))
    world.claims.sort(key=lambda c: c.start)


def _random_word(world: World, lo: int, hi: int) -> re.Match[str] | None:
    """A whole word lying in ``[lo, hi)`` (never a piece of one: editors do not glue words)."""
    scan = _WORD.finditer(world.text, max(0, lo - 40), min(len(world.text), hi + 40))
    words = [m for m in scan if m.start() >= lo and m.end() <= hi]
    return world.rng.choice(words) if words else None


def edit_far(world: World, margin: int = 40) -> None:
    """An edit at least ``margin`` characters from every claim."""
    for _ in range(200):
        kind = world.rng.choice(["reword", "insert_word", "delete_word", "insert", "delete"])
        pos = world.rng.randrange(len(world.text))
        if kind in ("insert", "delete"):
            sentence = next((s for s in sentence_spans(world.text) if s[1] > pos), None)
            if sentence is None:
                continue
            a, b = sentence[0], min(len(world.text), sentence[1] + 1)
            if world.distance(a, b) < margin:
                continue
            if kind == "insert":
                world.replace(a, a, world.rng.choice(world.sentences) + " ")
            else:
                world.replace(a, b, "")
            return
        word = _random_word(world, pos, min(len(world.text), pos + 200))
        if word is None or world.distance(word.start(), word.end()) < margin:
            continue
        _edit_word(world, word, kind)
        return


def edit_near(world: World) -> None:
    """A word edit within a claim's 32-character context, or a sentence inserted right before
    or after the claim's sentence, but not touching the claim."""
    live = [c for c in world.claims if c.status == INTACT]
    for _ in range(50):
        claim = world.rng.choice(live)
        before = world.rng.random() < 0.5
        if world.rng.random() < 0.3:
            _insert_sentence_beside(world, claim, before)
            return
        lo, hi = (claim.start - 32, claim.start) if before else (claim.end, claim.end + 32)
        word = _random_word(world, max(0, lo), min(len(world.text), hi))
        if word is None or world.distance(word.start(), word.end()) == 0:
            continue
        _edit_word(world, word, world.rng.choice(["reword", "insert_word", "delete_word"]))
        claim.touched = "near" if claim.touched == "far" else claim.touched
        return


def _insert_sentence_beside(world: World, claim: Claim, before: bool) -> None:
    sentence = world.rng.choice(world.sentences)
    spans = [s for s in sentence_spans(world.text) if s[0] <= claim.start < s[1]]
    a, b = spans[0] if spans else (claim.start, claim.end)
    if before:
        world.replace(a, a, sentence + " ")
    else:
        world.replace(b, b, " " + sentence)
    claim.touched = "near" if claim.touched == "far" else claim.touched


def edit_inside(world: World) -> None:
    """Reword, insert or delete one word strictly inside an untouched claim of 3+ words."""
    live = [c for c in world.claims if c.status == INTACT]
    for _ in range(50):
        claim = world.rng.choice(live)
        words = list(_WORD.finditer(world.text, claim.start, claim.end))
        if len(words) < 3:
            continue
        word = world.rng.choice(words[1:-1])
        _edit_word(
            world, word, world.rng.choice(["reword", "reword", "insert_word", "delete_word"])
        )
        return


def edit_boundary(world: World) -> None:
    """Reword the first or last word of an untouched claim of 3+ words: the new word belongs to
    the claim ("twelve people were hurt" -> "fifteen people were hurt")."""
    live = [c for c in world.claims if c.status == INTACT]
    for _ in range(50):
        claim = world.rng.choice(live)
        words = list(_WORD.finditer(world.text, claim.start, claim.end))
        if len(words) < 3:
            continue
        _edit_word(world, world.rng.choice([words[0], words[-1]]), "reword")
        claim.touched = "boundary"
        return


def delete_claim_sentence(world: World) -> None:
    """Delete the whole sentence holding a claim (and any claim sharing it), unless the same
    sentence stands right beside it: then which copy went is unknowable."""
    live = [c for c in world.claims if c.status == INTACT]
    for _ in range(50):
        claim = world.rng.choice(live)
        span = next(((a, b) for a, b in sentence_spans(world.text) if a <= claim.start < b), None)
        if span is None or claim.end > span[1]:
            continue
        a, b = span[0], min(len(world.text), span[1] + 1)
        doomed = world.text[a:b]
        if world.text[b : b + len(doomed)] == doomed or world.text[a - len(doomed) : a] == doomed:
            continue
        world.replace(a, b, "")
        return


def move_paragraph(world: World, inside: int | None = None) -> None:
    """Cut a paragraph (a random one, or the one holding offset ``inside``) and paste it
    elsewhere; its claims must follow it (MOVED)."""
    breaks = [m.start() for m in re.finditer(r"\n\n", world.text)]
    if len(breaks) < 4:
        return
    k = world.rng.randrange(len(breaks) - 1)
    if inside is not None:
        k = next((i for i in range(len(breaks) - 1) if breaks[i] < inside < breaks[i + 1]), -1)
        if k < 0:
            return
    a, b = breaks[k] + 2, breaks[k + 1] + 2
    block = world.text[a:b]
    moved = [c for c in world.claims if c.status != DELETED and a <= c.start and c.end <= b]
    offsets = [(c, c.start - a, c.status) for c in moved]
    for claim in moved:
        claim.status = DELETED  # out of the way while the cut is applied
    world.replace(a, b, "")
    target = world.rng.choice([0, *[m.start() + 2 for m in re.finditer(r"\n\n", world.text)]])
    world.replace(target, target, block)
    for claim, offset, status in offsets:
        length = claim.end - claim.start
        claim.start, claim.end, claim.status = target + offset, target + offset + length, status
        edit = claim.touched.split("+")[0]
        claim.touched = f"{edit}+moved" if edit in ("inside", "boundary") else "moved"


def edit_and_move(world: World) -> None:
    """Edit one word inside a claim, then move the claim's whole paragraph elsewhere: the
    claim is nowhere near where the diff puts it, and no longer its old self either."""
    before = {id(c): c.touched for c in world.claims}
    edit_inside(world)
    edited = next((c for c in world.claims if c.touched != before[id(c)]), None)
    if edited is not None:
        move_paragraph(world, inside=edited.start)


def _edit_word(world: World, word: re.Match[str], kind: str) -> None:
    if kind == "reword":
        replacement = word.group()
        while replacement == word.group():
            replacement = world.rng.choice(world.vocabulary)
        world.replace(word.start(), word.end(), replacement)
    elif kind == "insert_word":
        world.replace(word.end(), word.end(), " " + world.rng.choice(world.vocabulary))
    else:  # delete the word and the space before it
        spaced = word.start() > 0 and world.text[word.start() - 1] == " "
        world.replace(word.start() - 1 if spaced else word.start(), word.end(), "")


def judge(claim: Claim, result: Reanchored, old: Anchor, new_text: str) -> str:
    found = (result.anchor.start, result.anchor.end) if result.anchor else None
    right = found == (claim.start, claim.end)
    if result.state in (AnchorState.EXACT, AnchorState.MOVED):
        if claim.status == INTACT and right and new_text[claim.start : claim.end] == old.quote:
            return "correct"
        return "ambiguous" if result.anchor and _twin(old, result.anchor) else "WRONG"
    if result.state is AnchorState.ORPHANED:
        return "correct" if claim.status == DELETED else "flagged"
    if claim.status == REWORDED and right:
        return "correct"
    if claim.status == INTACT and right:
        return "flagged"
    return "flagged-wrong"


def _twin(old: Anchor, new: Anchor) -> bool:
    """Whether a claim landed on an identical copy of its quote with one side of its old context
    intact, elsewhere than the generator meant: the edits then read just as well another way
    ("X. X. Y" -> "X. Y" deletes either X), and no tool can tell which."""
    return new.quote == old.quote and (new.prefix == old.prefix or new.suffix == old.suffix)


def run_case(name: str, world: World, plan: dict[str, int], show: int = 0) -> Counter[str]:
    old_text = world.text
    anchors = [make_anchor(old_text, c.start, c.end) for c in world.claims]
    actions = [k for k, n in plan.items() for _ in range(n)]
    world.rng.shuffle(actions)
    steps = {"far": edit_far, "near": edit_near, "inside": edit_inside, "boundary": edit_boundary}
    steps |= {"delete_claim": delete_claim_sentence, "move": move_paragraph}
    steps |= {"edit_and_move": edit_and_move}
    for action in actions:
        steps[action](world)
    position_map.cache_clear()
    began = time.perf_counter()
    results = reanchor(old_text, world.text, anchors)
    elapsed = time.perf_counter() - began
    tally: Counter[str] = Counter()
    for claim, anchor, result in zip(world.claims, anchors, results, strict=True):
        verdict = judge(claim, result, anchor, world.text)
        group = f"{claim.status}/{claim.touched}" if claim.status != DELETED else DELETED
        tally[f"{group}:{verdict}"] += 1
        tally[f"{group}:{result.state.value}"] += 0  # keep the group listed
        if verdict != "correct" and show:
            show -= 1
            _explain(claim, anchor.quote, result, world.text)
    size, claims, edits = len(old_text), len(world.claims), sum(plan.values())
    _report(
        f"{name}: {size:,} chars, {claims} claims, {edits} edits; reanchor (diff included) "
        f"{elapsed:.3f} s",
        tally,
    )
    return tally


def _explain(claim: Claim, quote: str, result: Reanchored, new_text: str) -> None:
    got = result.anchor.quote if result.anchor else None
    truth = new_text[claim.start : claim.end] if claim.status != DELETED else None
    print(f"    [{claim.status}/{claim.touched}] {result.state.value} {result.score:.2f}")
    print(f"      old:   {quote!r}\n      truth: {truth!r}\n      got:   {got!r}")


def _report(title: str, tally: Counter[str]) -> None:
    print(f"\n== {title}")
    groups = sorted({key.split(":")[0] for key in tally})
    for group in groups:
        counts = {
            v: tally[f"{group}:{v}"] for v in ("correct", "flagged", "flagged-wrong", "WRONG")
        }
        total = sum(counts.values())
        if not total:
            continue
        cells = "  ".join(f"{v} {n:4d} ({100 * n / total:5.1f}%)" for v, n in counts.items())
        print(f"  {group:16s} n={total:4d}  {cells}")


def summarize(tallies: list[Counter[str]]) -> None:
    total = _sum(tallies)
    _report("all cases together", total)
    elsewhere = {
        v: sum(total[f"intact/{where}:{v}"] for where in ("far", "near", "moved"))
        for v in _VERDICTS
    }
    n = sum(elsewhere.values())
    wrong = sum(n for key, n in total.items() if key.endswith(":WRONG"))
    flagged_wrong = sum(n for key, n in total.items() if key.endswith(":flagged-wrong"))
    ambiguous = sum(n for key, n in total.items() if key.endswith(":ambiguous"))
    right = elsewhere["correct"]
    print(
        f"  claims untouched by the edits (far, near, moved paragraph): {n}, landed right "
        f"{right} ({100 * right / max(1, n):.2f}%)"
    )
    print(f"  WRONG (EXACT/MOVED on the wrong text): {wrong}")
    print(f"  flagged-but-wrong (FUZZY on the wrong text): {flagged_wrong}")
    print(
        f"  ambiguous (EXACT/MOVED on an identical copy, one side of context intact): {ambiguous}"
    )
    boundary = {v: total[f"reworded/boundary:{v}"] for v in _VERDICTS}
    n = sum(boundary.values())
    right = boundary["correct"]
    print(
        f"  claims whose first or last word was reworded: {n}, FUZZY on the full edited span "
        f"{right} ({100 * right / max(1, n):.2f}%)"
    )


_VERDICTS = ("correct", "flagged", "flagged-wrong", "WRONG", "ambiguous")
# name, article size, claims, edits
_SCENARIOS = (
    ("corpus 300 kB, edits elsewhere only", 300_000, 1000, {"far": 400, "near": 300, "move": 10}),
    (
        "corpus 300 kB, mixed edits incl. inside claims",
        300_000,
        1000,
        {"far": 300, "near": 150, "inside": 150, "delete_claim": 100, "move": 5},
    ),
    (
        "corpus 150 kB, dense edits",
        150_000,
        600,
        {"far": 1200, "near": 600, "inside": 150, "delete_claim": 80, "move": 20},
    ),
    (
        "corpus 300 kB, edited paragraphs moved",
        300_000,
        1000,
        {"far": 200, "edit_and_move": 100},
    ),
    (
        "timing: ~1 MB, 1,000 claims",
        1_000_000,
        1000,
        {"far": 200, "near": 100, "inside": 50, "delete_claim": 30, "move": 3},
    ),
    (
        "corpus 300 kB, a claim's first or last word reworded",
        300_000,
        1000,
        {"far": 200, "near": 100, "boundary": 300, "move": 5},
    ),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20260301)
    parser.add_argument("--show", type=int, default=0, help="print this many non-correct cases")
    args = parser.parse_args()
    began = time.perf_counter()
    rng = random.Random(args.seed)
    corpus = load_corpus()
    vocabulary = sorted({w for s in corpus for w in _WORD.findall(s) if w.isalpha() and len(w) > 2})

    def world(text: str, used: set[str]) -> World:
        # Inserted sentences are new text: a copy of a sentence already in the article would
        # make a deleted claim indistinguishable from a moved one.
        fresh = [s for s in corpus if s not in used]
        return World(text, [], vocabulary, fresh, random.Random(rng.random()))

    sample = canonical_text(SAMPLE.read_text(encoding="utf-8"))
    trials: list[Counter[str]] = []
    for _ in range(40):
        w = world(sample, set())
        place_claims(w, 8)
        with contextlib.redirect_stdout(io.StringIO()):
            plan = {"far": 3, "near": 2, "inside": 1, "delete_claim": 1}
            trials.append(run_case("", w, plan, 0))
    _report(f"sample article ({len(sample):,} chars), 40 trials of 8 claims, 7 edits", _sum(trials))
    tallies = [_sum(trials)]
    for name, size, claims, plan in _SCENARIOS:
        w = world(*build_article(corpus, rng, size))
        place_claims(w, claims)
        tallies.append(run_case(name, w, plan, args.show))
    summarize(tallies)
    print(f"\n(benchmark ran in {time.perf_counter() - began:.1f} s, seed {args.seed})")


def _sum(tallies: list[Counter[str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for tally in tallies:
        total.update(tally)
    return total


if __name__ == "__main__":
    main()
