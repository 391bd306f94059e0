"""Has this been checked before? Ranking the claim library's entries for a claim or any text.

Two stages: FTS5's BM25 over each entry's claim and title picks the candidates, then the
re-ranker (``annotator.domain.matching``, weights in ``data/matcher.json``) orders them. The
prepared form of each entry is cached, so the window's repeated queries over the same library
cost only the new query's reading and the scoring.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from annotator.domain.claim_text import search_terms
from annotator.domain.library import LibraryEntry, Match
from annotator.domain.matching import Lexical, Prepared, Reranker, features
from annotator.services.library import ClaimLibrary

# How many BM25 candidates the re-ranker sees. Tuned on the CLEF-2020 dev queries: recall of
# the right claim in the top 50 is over 97%; more candidates cost time and gain nothing.
CANDIDATES = 50
_CACHE_LIMIT = 50_000


@cache
def default_reranker() -> Reranker:
    """The re-ranker shipped with Annotator (trained by tools/train_matcher.py)."""
    data = resources.files("annotator.services").joinpath("data/matcher.json").read_text("utf-8")
    return Reranker.from_dict(json.loads(data))


class Matcher:
    """Finds the library entries that check a text. ``rerank=False`` gives plain BM25 (the
    baseline the evaluation compares with)."""

    def __init__(
        self,
        library: ClaimLibrary,
        reranker: Reranker | None = None,
        *,
        rerank: bool = True,
        candidates: int = CANDIDATES,
    ) -> None:
        self._library = library
        self._reranker = reranker
        self._rerank = rerank
        self._limit = candidates
        self._prepared: dict[str, Prepared] = {}

    def match(self, text: str, top: int = 5) -> list[Match]:
        """The ``top`` entries most likely to check ``text`` (or a claim within it), best first."""
        if not self._rerank:
            hits = self._library.database.search(search_terms(text), top)
            entries = self._library.database.entries([hit[0] for hit in hits])
            best = hits[0][1] if hits else 1.0
            return [Match(entries[i], s, s / best) for i, s, _, _ in hits if i in entries]
        reranker = self._reranker or default_reranker()
        scored = []
        for entry, vector in self.candidates(text):
            value = reranker.score(vector)
            scored.append(Match(entry, value, reranker.similarity(value)))
        scored.sort(key=lambda m: (-m.score, m.entry.id))
        return scored[:top]

    def candidates(self, text: str) -> list[tuple[LibraryEntry, list[float]]]:
        """The lexical candidates for ``text`` in BM25 order, each with its feature vector."""
        hits = self._library.database.search(search_terms(text), self._limit)
        if not hits:
            return []
        entries = self._library.database.entries([hit[0] for hit in hits])
        query = Prepared.of(text)
        best = hits[0][1]
        result = []
        for rank, (entry_id, score, claim, title) in enumerate(hits, start=1):
            entry = entries.get(entry_id)
            if entry is None:
                continue
            lexical = Lexical(score, claim, title, rank, best)
            vector = features(
                query, self._prepare(entry.claim), self._prepare(entry.title), lexical
            )
            result.append((entry, vector))
        return result

    def _prepare(self, text: str) -> Prepared:
        """An entry's text read for matching, cached by the text itself (an entry updated
        in the library is read again)."""
        prepared = self._prepared.get(text)
        if prepared is None:
            if len(self._prepared) > _CACHE_LIMIT:
                self._prepared.clear()
            prepared = self._prepared[text] = Prepared.of(text)
        return prepared
