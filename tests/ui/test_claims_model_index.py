"""The claims model's indexes (search text, row lookup, rating and tag counts) follow every
change, so filtering and counting never go stale."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

from pytestqt.qtbot import QtBot

from annotator.domain.model import Anchor, Claim, ProjectInfo, Verdict
from annotator.domain.ratings import DEFAULT_SCALE
from annotator.ui.models.claims_model import ClaimsFilterProxy, ClaimsTableModel
from annotator.ui.widgets.claims_panel import ClaimsPanel

INFO = ProjectInfo("P", DEFAULT_SCALE)
KEYS = [r.key for r in DEFAULT_SCALE]


def _claim(n: int, rng: random.Random) -> Claim:
    start = rng.randrange(0, 500)
    rating = rng.choice([*KEYS, None])
    return Claim(
        f"c{n}",
        "d",
        Anchor(start, start + rng.randrange(1, 40), f"Quote {n} Exports", "", ""),
        summary=rng.choice(["", f"Summary {n} GRÜN"]),
        tags=tuple(rng.sample(["economy", "Health", "crime"], k=rng.randrange(0, 3))),
        verdict=Verdict(rating) if rating else None,
    )


def _check(model: ClaimsTableModel, claims: dict[str, Claim]) -> None:
    assert [model.claim_at(r).id for r in range(model.rowCount())] == [
        c.id for c in sorted(claims.values(), key=lambda c: (c.start, c.end, c.id))
    ]
    for claim_id in claims:
        row = model.row_of(claim_id)
        assert row is not None
        assert model.claim_at(row).id == claim_id
    assert model.row_of("missing") is None
    expected = Counter(c.rating_key or "" for c in claims.values())
    assert model.rating_counts() == {k: v for k, v in expected.items() if v}
    tags = {t for c in claims.values() for t in c.tags}
    assert model.tags() == sorted(tags, key=str.casefold)


def test_indexes_follow_inserts_edits_moves_and_removals(qtbot: QtBot) -> None:
    rng = random.Random(7)
    model = ClaimsTableModel()
    claims = {c.id: c for c in (_claim(n, rng) for n in range(40))}
    model.set_claims(list(claims.values()), INFO)
    _check(model, claims)
    for step in range(300):
        action = rng.random()
        if action < 0.4 or not claims:
            claim = _claim(1000 + step, rng)
        elif action < 0.8:
            old = rng.choice(list(claims.values()))
            claim = replace(_claim(step, rng), id=old.id)  # edited, maybe moved
        else:
            gone = rng.choice(list(claims))
            model.remove(gone)
            del claims[gone]
            _check(model, claims)
            continue
        model.upsert(claim)
        claims[claim.id] = claim
        _check(model, claims)


def test_the_filter_searches_the_current_text_of_each_claim(qtbot: QtBot) -> None:
    rng = random.Random(3)
    model = ClaimsTableModel()
    proxy = ClaimsFilterProxy()
    proxy.setSourceModel(model)
    claims = [_claim(n, rng) for n in range(20)]
    model.set_claims(claims, INFO)
    proxy.set_text("EXPORTS  quote 5")  # every word, anywhere: claims 5 and 15
    assert proxy.rowCount() == 2
    model.upsert(replace(claims[5], summary="Now about imports GRÜN"))
    proxy.set_text("grün imports")  # casefolded, in any order
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Now about imports GRÜN"]
    proxy.set_text("")
    assert proxy.rowCount() == len(claims)


def test_the_panel_bar_and_tag_box_follow_changes(qtbot: QtBot) -> None:
    rng = random.Random(5)
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    claims = [_claim(n, rng) for n in range(10)]
    panel.set_claims(claims, INFO)
    new = replace(claims[0], id="fresh", tags=("brand-new",), verdict=Verdict(KEYS[0]))
    panel.upsert(new)
    segments = {s.key: s.count for s in panel.bar.segments()}
    expected = Counter(c.rating_key or "" for c in [*claims, new])
    assert segments == {k: expected.get(k, 0) for k in segments}
    tags = [panel.tag_filter.itemData(i) for i in range(1, panel.tag_filter.count())]
    assert "brand-new" in tags
    panel.remove("fresh")
    tags = [panel.tag_filter.itemData(i) for i in range(1, panel.tag_filter.count())]
    assert "brand-new" not in tags
    assert {s.key: s.count for s in panel.bar.segments()}[KEYS[0]] == expected[KEYS[0]] - 1


def test_rows_added_or_changed_while_filtered_are_decided_too(qtbot: QtBot) -> None:
    rng = random.Random(11)
    model = ClaimsTableModel()
    proxy = ClaimsFilterProxy()
    proxy.setSourceModel(model)
    claims = [_claim(n, rng) for n in range(200)]
    model.set_claims(claims, INFO)
    proxy.set_rating(KEYS[0])
    proxy.set_text("grün")
    expected = {c.id for c in claims if c.rating_key == KEYS[0] and "GRÜN" in c.summary}
    shown = {
        model.claim_at(proxy.mapToSource(proxy.index(r, 0)).row()).id
        for r in range(proxy.rowCount())
    }
    assert shown == expected
    match = replace(claims[0], id="new-match", summary="grün", verdict=Verdict(KEYS[0]))
    miss = replace(claims[0], id="new-miss", summary="grün", verdict=None)
    model.upsert(match)
    model.upsert(miss)
    changed = next(c for c in claims if c.id in expected)
    model.upsert(replace(changed, summary="blue"))
    shown = {
        model.claim_at(proxy.mapToSource(proxy.index(r, 0)).row()).id
        for r in range(proxy.rowCount())
    }
    assert shown == (expected - {changed.id}) | {"new-match"}
