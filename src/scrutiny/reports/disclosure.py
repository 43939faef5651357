"""Disclosure control for the public audience: banding small counts without leaks.

The threat: a reader who takes a published total and subtracts the published parts
("differencing"), in one table or across tables that break the same population down in
different ways (a country's demands by type, by outcome, by legal process…).

The rules, applied to every count grid of the public report:

1. **Small cells are ranges.** A count from 1 to ``T−1`` (``T``: policy
   ``reporting.small_count_threshold``) is published as the range ``1–(T−1)``; zero is
   published as 0 (a row or column appears only when some record falls in it).
2. **Totals are derived.** No total is counted separately: every total is the interval sum
   of the published cells it adds up, so "total minus the other parts" returns exactly the
   published band of the remaining part, never less.
3. **Every breakdown of a population agrees.** When one population (e.g. "demands from
   RU") is broken down in several grids, each breakdown must give the same total range; a
   breakdown whose range is narrower than another's is widened (its cells, in their declared
   order, become ranges that reach the common range). The widening amounts are computed
   from published figures only, so the widened cells reveal nothing beyond that range.
   This is repeated until every population has one range in all its breakdowns.

Result (tested with an attacker that propagates every published relation to a fixed
point): subtracting published parts from published totals never narrows any published
figure, so a banded count is only ever known to lie in its band. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from scrutiny.reports.figures import Count, total

__all__ = ["Grid", "PublishedGrid", "band_grids", "exact_grids"]

PopKey = Hashable
"""Identity of a population (the set of records a total counts), shared across grids."""

_MAX_ROUNDS = 10_000


@dataclass(frozen=True)
class Grid:
    """A two-way table of exact counts to publish.

    Attributes:
        id: grid id (unique within the report).
        rows: row labels.
        cols: column labels.
        cells: ``cells[i][j]`` — the exact count of records in row i and column j.
        row_pops: population key of each row's total, or ``None`` when the row total is
            not a population shared with other grids.
        col_pops: population key of each column's total, or ``None``.
        all_pop: population key of the grand total, or ``None``.
        cell_pops: population key of each cell (row-major), or ``None`` — links a cell to
            the same population broken down in another grid.
    """

    id: str
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    cells: tuple[tuple[int, ...], ...]
    row_pops: tuple[PopKey | None, ...] = ()
    col_pops: tuple[PopKey | None, ...] = ()
    all_pop: PopKey | None = None
    cell_pops: tuple[tuple[PopKey | None, ...], ...] = ()

    def __post_init__(self) -> None:
        if len(self.cells) != len(self.rows):
            raise ValueError(f"grid {self.id}: {len(self.cells)} cell rows, {len(self.rows)} rows")
        for row in self.cells:
            if len(row) != len(self.cols):
                raise ValueError(f"grid {self.id}: a row has {len(row)} cells, "
                                 f"{len(self.cols)} columns")
        if self.row_pops and len(self.row_pops) != len(self.rows):
            raise ValueError(f"grid {self.id}: row_pops does not match rows")
        if self.col_pops and len(self.col_pops) != len(self.cols):
            raise ValueError(f"grid {self.id}: col_pops does not match cols")


@dataclass
class PublishedGrid:
    """A grid as published: a :class:`Count` per cell; totals derived from the cells.

    Attributes:
        grid: the source grid (labels, population keys).
        cells: ``cells[i][j]`` — the published figure.
    """

    grid: Grid
    cells: list[list[Count]] = field(default_factory=list)

    def row_total(self, i: int) -> Count:
        """Published total of row ``i`` (interval sum of its cells)."""
        return total(self.cells[i])

    def col_total(self, j: int) -> Count:
        """Published total of column ``j`` (interval sum of its cells)."""
        return total(row[j] for row in self.cells)

    def grand_total(self) -> Count:
        """Published grand total (interval sum of every cell)."""
        return total(c for row in self.cells for c in row)


Leaf = tuple[int, int, int]  # (grid index, row, column)


def exact_grids(grids: Sequence[Grid]) -> list[PublishedGrid]:
    """Publish every cell exactly (the internal audience)."""
    return [PublishedGrid(g, [[Count.exact(v) for v in row] for row in g.cells]) for g in grids]


def _partitions(grids: Sequence[Grid]) -> dict[PopKey, list[list[Leaf]]]:
    pops: dict[PopKey, list[list[Leaf]]] = {}
    for gi, g in enumerate(grids):
        for i, key in enumerate(g.row_pops):
            if key is not None:
                pops.setdefault(key, []).append([(gi, i, j) for j in range(len(g.cols))])
        for j, key in enumerate(g.col_pops):
            if key is not None:
                pops.setdefault(key, []).append([(gi, i, j) for i in range(len(g.rows))])
        if g.all_pop is not None:
            pops.setdefault(g.all_pop, []).append(
                [(gi, i, j) for i in range(len(g.rows)) for j in range(len(g.cols))])
        for i, row in enumerate(g.cell_pops):
            for j, key in enumerate(row):
                if key is not None:
                    pops.setdefault(key, []).append([(gi, i, j)])
    return pops


def band_grids(grids: Sequence[Grid], band_size: int) -> list[PublishedGrid]:
    """Publish ``grids`` for the public: range small cells and close every leak (module doc).

    Args:
        grids: the exact grids of one report (population keys link them).
        band_size: the small-count threshold ``T``; cells from 1 to ``T−1`` are published as
            ``1–(T−1)``, zero as 0. ``T <= 1`` publishes everything exactly.

    Returns:
        One published grid per input grid, in order.
    """
    if band_size <= 1:
        return exact_grids(grids)
    pub: dict[Leaf, Count] = {}
    low = 1 if band_size > 2 else 0  # "1–1" would be exact: with T = 2, zero is a range too
    for gi, g in enumerate(grids):
        for i, row in enumerate(g.cells):
            for j, v in enumerate(row):
                if v < 0:
                    raise ValueError(f"grid {g.id}: negative count at {g.rows[i]}/{g.cols[j]}")
                pub[(gi, i, j)] = (Count.exact(v) if v >= band_size or (v == 0 and low)
                                   else Count(low, band_size - 1))
    pops = [parts for parts in _partitions(grids).values() if len(parts) > 1]
    for _ in range(_MAX_ROUNDS):
        changed = False
        for parts in pops:
            sums = [total(pub[leaf] for leaf in part) for part in parts]
            lo = min(s.lo for s in sums)
            hi = max(s.hi for s in sums)
            for part, s in zip(parts, sums, strict=True):
                if (s.lo == lo and s.hi == hi) or not part:
                    continue
                changed = True
                _widen(pub, part, s.lo - lo, hi - s.hi)
        if not changed:
            break
    else:  # pragma: no cover - a safety net; every tested configuration converges quickly
        top = max((c.hi for c in pub.values()), default=0)
        pub = {leaf: Count(0, max(top, band_size - 1)) for leaf in pub}
    out: list[PublishedGrid] = []
    for gi, g in enumerate(grids):
        out.append(PublishedGrid(g, [[pub[(gi, i, j)] for j in range(len(g.cols))]
                                     for i in range(len(g.rows))]))
    return out


def _widen(pub: dict[Leaf, Count], part: list[Leaf], down: int, up: int) -> None:
    """Widen the cells of ``part`` (declared order) by ``down`` below and ``up`` above."""
    if up:
        first = part[0]
        pub[first] = Count(pub[first].lo, pub[first].hi + up)
    for leaf in part:
        if down <= 0:
            break
        c = pub[leaf]
        take = min(c.lo, down)
        if take:
            pub[leaf] = Count(c.lo - take, c.hi)
            down -= take
