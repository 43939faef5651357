"""Banding never reveals a count below the band size, even by differencing across tables."""

from __future__ import annotations

from collections import Counter
from itertools import product
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny.reports.disclosure import (
    Grid,
    PublishedGrid,
    band_grids,
    exact_grids,
    protect_grids,
)
from scrutiny.reports.figures import Count, total

DIMS = {"country": ["DE", "RU", "TR"], "type": ["d", "p", "r"], "outcome": ["y", "n", "w"],
        "process": ["court", "admin"]}

records = st.lists(
    st.tuples(*(st.sampled_from(v) for v in DIMS.values())), max_size=60)


def grids_from(recs: list[tuple[str, ...]]) -> list[Grid]:
    names = list(DIMS)
    out = []
    for a, b in [("country", "type"), ("country", "outcome"), ("type", "outcome"),
                 ("country", "process"), ("process", "type")]:
        ia, ib = names.index(a), names.index(b)
        counts = Counter((r[ia], r[ib]) for r in recs)
        out.append(Grid(
            id=f"{a}_{b}", rows=tuple(DIMS[a]), cols=tuple(DIMS[b]),
            cells=tuple(tuple(counts[(x, y)] for y in DIMS[b]) for x in DIMS[a]),
            row_pops=tuple((a, x) for x in DIMS[a]), col_pops=tuple((b, y) for y in DIMS[b]),
            all_pop="all"))
    return out


def attack(published: list[PublishedGrid]) -> dict[tuple[int, int, int], Count]:
    """Propagate every published relation (population = sum of each breakdown) to a fixpoint."""
    leaf: dict[tuple[int, int, int], Count] = {}
    parts: dict[object, list[list[tuple[int, int, int]]]] = {}
    for gi, pg in enumerate(published):
        g = pg.grid
        for i, j in product(range(len(g.rows)), range(len(g.cols))):
            leaf[(gi, i, j)] = pg.cells[i][j]
        for i, key in enumerate(g.row_pops):
            parts.setdefault(key or ("row", gi, i), []).append(
                [(gi, i, j) for j in range(len(g.cols))])
        for j, key in enumerate(g.col_pops):
            parts.setdefault(key or ("col", gi, j), []).append(
                [(gi, i, j) for i in range(len(g.rows))])
        parts.setdefault(g.all_pop or ("all", gi), []).append(
            [(gi, i, j) for i in range(len(g.rows)) for j in range(len(g.cols))])
        for i, row in enumerate(g.cell_pops):
            for j, key in enumerate(row):
                if key is not None:
                    parts.setdefault(key, []).append([(gi, i, j)])
    known: dict[object, Count] = {}  # published totals (exact since issue 6)
    for gi, pg in enumerate(published):
        g = pg.grid
        for i, key in enumerate(g.row_pops):
            known[key or ("row", gi, i)] = pg.row_total(i)
        for j, key in enumerate(g.col_pops):
            known[key or ("col", gi, j)] = pg.col_total(j)
        known[g.all_pop or ("all", gi)] = pg.grand_total()
    changed = True
    while changed:
        changed = False
        for pop, partitions in parts.items():
            lo, hi = (known[pop].lo, known[pop].hi) if pop in known else (0, 10**9)
            for p in partitions:
                s = total(leaf[x] for x in p)
                lo, hi = max(lo, s.lo), min(hi, s.hi)
            for p in partitions:
                for x in p:
                    others = total(leaf[y] for y in p if y != x)
                    new = Count(max(leaf[x].lo, lo - others.hi), min(leaf[x].hi, hi - others.lo))
                    if new != leaf[x]:
                        leaf[x] = new
                        changed = True
    return leaf


PUBLISHERS = pytest.mark.parametrize("publish", [band_grids, protect_grids])


@PUBLISHERS
@settings(max_examples=150, deadline=None)
@given(recs=records, band=st.integers(min_value=2, max_value=12))
def test_differencing_never_narrows_a_band(publish: Any, recs: list[tuple[str, ...]],
                                           band: int) -> None:
    grids = grids_from(recs)
    published = publish(grids, band)
    learned = attack(published)
    for gi, pg in enumerate(published):
        g = pg.grid
        for i, j in product(range(len(g.rows)), range(len(g.cols))):
            true = g.cells[i][j]
            shown = pg.cells[i][j]
            assert shown.contains(true)
            if 0 < true < band or (true == 0 and band == 2):
                assert not shown.is_exact and shown.lo <= 1 and shown.hi >= band - 1
            assert learned[(gi, i, j)] == shown, (g.id, g.rows[i], g.cols[j])


@settings(max_examples=100, deadline=None)
@PUBLISHERS
@given(recs=records, band=st.integers(min_value=2, max_value=12))
def test_every_breakdown_of_a_population_gives_the_same_total(
        publish: Any, recs: list[tuple[str, ...]], band: int) -> None:
    published = publish(grids_from(recs), band)
    seen: dict[object, set[Count]] = {}
    for pg in published:
        g = pg.grid
        for i, key in enumerate(g.row_pops):
            seen.setdefault(key, set()).add(pg.row_total(i))
        for j, key in enumerate(g.col_pops):
            seen.setdefault(key, set()).add(pg.col_total(j))
        seen.setdefault(g.all_pop, set()).add(pg.grand_total())
    for key, figures in seen.items():
        assert len(figures) == 1, (key, figures)
    assert next(iter(seen["all"])).contains(len(recs))


def test_large_counts_stay_exact_and_small_ones_are_banded() -> None:
    g = Grid(id="g", rows=("DE", "RU"), cols=("d", "p"), cells=((300, 400), (500, 3)),
             row_pops=(("c", "DE"), ("c", "RU")))
    (pg,) = band_grids([g], 250)
    assert pg.cells[0] == [Count.exact(300), Count.exact(400)]
    assert pg.cells[1][1] == Count(1, 249)  # 1-249 since issue 6: zero is published as 0
    assert pg.row_total(1) == Count(501, 749)
    assert pg.grand_total() == Count(1201, 1449)
    assert exact_grids([g])[0].grand_total() == Count.exact(1203)


def test_totals_stay_exact_with_a_complementary_range() -> None:
    g = Grid(id="g", rows=("DE", "RU"), cols=("d", "p"), cells=((300, 400), (500, 3)),
             row_pops=(("c", "DE"), ("c", "RU")), col_pops=(("t", "d"), ("t", "p")),
             all_pop="all")
    (pg,) = protect_grids([g], 10)
    assert pg.cells[1][1] == Count(1, 9)
    assert pg.grand_total() == Count.exact(1203)  # the total is not widened
    assert pg.row_total(0) == Count.exact(700) and pg.row_total(1) == Count.exact(503)
    # the complement ranges are what the exact totals and the other parts imply
    assert pg.cells[1][0] == Count(494, 502) and pg.cells[0][1] == Count(394, 402)
    assert not pg.cells[0][0].is_exact  # and the rectangle closes: 300 is a range too
    learned = attack([pg])
    assert learned[(0, 1, 1)] == Count(1, 9)


def _protect_checking_every_relation(grids: list[Grid], threshold: int) -> list[PublishedGrid]:
    """protect_grids as first written: every relation checked on every pass (the reference
    for the optimisation that re-checks only relations touching a range)."""
    from scrutiny.reports import disclosure as d

    value, parts, layout = d._nodes(grids)
    low = 1 if threshold > 2 else 0
    pub = {n: Count.exact(v) if v >= threshold or (v == 0 and low) else Count(low, threshold - 1)
           for n, v in value.items()}
    for _ in range(200):
        dirty = [(pa, ch) for pa, ch in parts if d._narrows(pub, pa, ch)]
        if not dirty:
            break
        for pa, ch in dirty:
            d._settle(pub, value, pa, ch)
    else:
        return band_grids(grids, threshold)
    return [PublishedGrid(g, [[pub[x] for x in row] for row in leaves],
                          row_totals=[pub[r] for r in rows], col_totals=[pub[c] for c in cols],
                          grand=pub[grand])
            for g, (leaves, rows, cols, grand) in zip(grids, layout, strict=True)]


@settings(max_examples=60, deadline=None)
@given(recs=records, threshold=st.integers(2, 6))
def test_protect_grids_equals_checking_every_relation(recs: list[tuple[str, ...]],
                                                      threshold: int) -> None:
    grids = grids_from(recs)
    fast = protect_grids(grids, threshold)
    slow = _protect_checking_every_relation(grids, threshold)
    for a, b in zip(fast, slow, strict=True):
        assert a.cells == b.cells
        assert [a.row_total(i) for i in range(len(a.grid.rows))] == [
            b.row_total(i) for i in range(len(b.grid.rows))]
        assert [a.col_total(j) for j in range(len(a.grid.cols))] == [
            b.col_total(j) for j in range(len(b.grid.cols))]
        assert a.grand_total() == b.grand_total()
