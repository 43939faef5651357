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

:func:`protect_grids` (used by the public report since issue 6) keeps totals exact where
it can: instead of rule 2, a total is published exact and the smallest exact part next to a
range becomes a *complementary range* (the range the exact total and the other published
parts imply), repeated until no relation — a row, a column, the totals row and column, or a
population shared by several tables — can narrow any published range; a total becomes a
range only where no complement is available. It falls back to :func:`band_grids` if that
does not settle.

Result (tested with an attacker that propagates every published relation to a fixed
point): subtracting published parts from published totals never narrows any published
figure, so a banded count is only ever known to lie in its band. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from scrutiny.reports.figures import Count, total

__all__ = ["Grid", "PublishedGrid", "band_grids", "exact_grids", "protect_grids"]

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
    row_totals: list[Count] | None = None
    col_totals: list[Count] | None = None
    grand: Count | None = None

    def row_total(self, i: int) -> Count:
        """Published total of row ``i`` (else the interval sum of its cells)."""
        if self.row_totals is not None:
            return self.row_totals[i]
        return total(self.cells[i])

    def col_total(self, j: int) -> Count:
        """Published total of column ``j`` (else the interval sum of its cells)."""
        if self.col_totals is not None:
            return self.col_totals[j]
        return total(row[j] for row in self.cells)

    def grand_total(self) -> Count:
        """Published grand total (else the interval sum of every cell)."""
        if self.grand is not None:
            return self.grand
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


# --- exact totals with complementary ranges (issue 6) ------------------------------------------

Node = Hashable
Partition = tuple[Node, tuple[Node, ...]]


def _nodes(grids: Sequence[Grid]) -> tuple[dict[Node, int], list[Partition],
                                             list[tuple[list[list[Node]], list[Node],
                                                        list[Node], Node]]]:
    """Every published figure as a node (shared populations are one node) and relations."""
    value: dict[Node, int] = {}
    parts: list[Partition] = []
    layout = []
    for gi, g in enumerate(grids):
        leaves = [[(g.cell_pops[i][j] if g.cell_pops and g.cell_pops[i][j] is not None
                    else ("leaf", gi, i, j)) for j in range(len(g.cols))]
                  for i in range(len(g.rows))]
        rows = [(g.row_pops[i] if g.row_pops and g.row_pops[i] is not None
                 else ("row", gi, i)) for i in range(len(g.rows))]
        cols = [(g.col_pops[j] if g.col_pops and g.col_pops[j] is not None
                 else ("col", gi, j)) for j in range(len(g.cols))]
        grand: Node = g.all_pop if g.all_pop is not None else ("all", gi)
        for i, row in enumerate(g.cells):
            for j, v in enumerate(row):
                if v < 0:
                    raise ValueError(f"grid {g.id}: negative count at {g.rows[i]}/{g.cols[j]}")
                value[leaves[i][j]] = v
            value[rows[i]] = sum(row)
            parts.append((rows[i], tuple(leaves[i])))
        for j, node in enumerate(cols):
            value[node] = sum(row[j] for row in g.cells)
            parts.append((node, tuple(leaves[i][j] for i in range(len(g.rows)))))
        value[grand] = sum(sum(row) for row in g.cells)
        parts.append((grand, tuple(x for row in leaves for x in row)))
        parts.append((grand, tuple(rows)))  # the totals row and column add up too
        parts.append((grand, tuple(cols)))
        layout.append((leaves, rows, cols, grand))
    return value, parts, layout


def _narrows(pub: dict[Node, Count], parent: Node, children: tuple[Node, ...]) -> bool:
    if not children:
        return False
    p = pub[parent]
    lo = sum(pub[c].lo for c in children)
    hi = sum(pub[c].hi for c in children)
    if lo > p.lo or hi < p.hi:
        return True
    widest = max((pub[c].hi - pub[c].lo for c in children), default=0)
    return hi - p.lo < widest or p.hi - lo < widest


def _settle(pub: dict[Node, Count], value: dict[Node, int], parent: Node,
            children: tuple[Node, ...]) -> None:
    """Make one relation reveal nothing beyond the published ranges (widening only)."""
    p = pub[parent]
    lo = sum(pub[c].lo for c in children)
    hi = sum(pub[c].hi for c in children)
    if lo > p.lo or hi < p.hi:  # the parts would narrow the total: widen the parts
        _widen(pub, list(children), max(0, lo - p.lo), max(0, p.hi - hi))  # type: ignore[arg-type]
        lo = sum(pub[c].lo for c in children)
        hi = sum(pub[c].hi for c in children)
    widest = max((pub[c].hi - pub[c].lo for c in children), default=0)
    if hi - p.lo >= widest and p.hi - lo >= widest:
        return
    if p.is_exact:
        # complementary range: the smallest exact part that can take the others' slack, set
        # to what the exact total and the other published parts imply (published data only)
        best: Node | None = None
        for c in children:
            cc = pub[c]
            if cc.is_exact and cc.lo > 0:
                o_hi = hi - cc.hi
                o_lo = lo - cc.lo
                if p.lo - o_hi >= 0 and (best is None or cc.lo < pub[best].lo):
                    best = c
                    bounds = (p.lo - o_hi, p.lo - o_lo)
        if best is not None:
            pub[best] = Count(min(pub[best].lo, bounds[0]), max(pub[best].hi, bounds[1]))
            return
    pub[parent] = Count(min(p.lo, lo), max(p.hi, hi))


def protect_grids(grids: Sequence[Grid], threshold: int) -> list[PublishedGrid]:
    """Publish ``grids`` with exact totals wherever complementary ranges allow.

    Every figure — cell or total, a population shared by several tables being one figure —
    starts exact, or as ``1–(T−1)`` when its count is from 1 to ``T−1``. Then, until nothing
    changes, each relation "total = sum of its parts" is made to reveal nothing: when an
    exact total and the published parts would pin down a range, the smallest exact part
    becomes the range that the total and the other parts imply (a complementary range,
    computed from published figures only), so the total stays exact; when the total is
    itself a range, it widens to the sum of its parts. If that does not settle, or leaves any
    relation able to narrow a range, :func:`band_grids` (totals as interval sums) is used.

    Args:
        grids: the exact grids of one report (population keys link them).
        threshold: ``T``; ``T <= 1`` publishes everything exactly.

    Returns:
        One published grid per input grid, in order, with explicit totals.
    """
    if threshold <= 1:
        return exact_grids(grids)
    value, parts, layout = _nodes(grids)
    low = 1 if threshold > 2 else 0
    pub: dict[Node, Count] = {
        n: Count.exact(v) if v >= threshold or (v == 0 and low) else Count(low, threshold - 1)
        for n, v in value.items()}
    # Figures only ever widen, and a widened figure is a range: after a first pass over every
    # relation, a relation can only become revealing when one of its figures is a range, so
    # later passes check just those (in the original order; the result is the same).
    touching: dict[Node, list[int]] = {}
    for k, (pa, ch) in enumerate(parts):
        for node in (pa, *ch):
            touching.setdefault(node, []).append(k)

    def candidates() -> list[int]:
        return sorted({k for node, c in pub.items() if not c.is_exact
                       for k in touching.get(node, ())})

    for attempt in range(200):
        check = range(len(parts)) if attempt == 0 else candidates()
        dirty = [parts[k] for k in check if _narrows(pub, *parts[k])]
        if not dirty:
            break
        for pa, ch in dirty:
            _settle(pub, value, pa, ch)
    else:
        return band_grids(grids, threshold)
    if any(_narrows(pub, pa, ch) for pa, ch in parts):  # pragma: no cover - safety net
        return band_grids(grids, threshold)
    out: list[PublishedGrid] = []
    for g, (leaves, rows, cols, grand) in zip(grids, layout, strict=True):
        out.append(PublishedGrid(
            g, [[pub[x] for x in row] for row in leaves],
            row_totals=[pub[r] for r in rows], col_totals=[pub[c] for c in cols],
            grand=pub[grand]))
    return out
