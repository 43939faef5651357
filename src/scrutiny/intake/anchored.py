"""Fast matching of large pattern alternations: literal anchors as a prefilter.

A lexicon has hundreds of patterns in eight languages; a letter triggers a handful. Scanning
one big case-insensitive alternation costs the regex engine every branch at every position.
Instead each pattern's *anchors* are computed once from its parse tree — literal strings of
which at least one must occur in any text the pattern matches (``\\bfalun\\s*g?ong`` →
``{"falun"}``; ``(?:ban|close)\\w*\\s+accounts?`` → ``{"account"}``). For a letter, only
patterns whose anchors occur in the lower-cased text are compiled into an alternation (cached
per subset), which is then scanned once. Results are identical to scanning the full
alternation (same group names, same left-to-right, first-branch-wins order).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

__all__ = ["AnchoredAlternation", "anchors_of"]

import re._constants as _c  # Python 3.11+: the regex parser scrutiny's anchors read
import re._parser as _p

_MIN_ANCHOR = 2


def _required(items: list[tuple[object, object]]) -> set[str] | None:
    """Anchors of a sequence of parse items: one item's anchors, the most selective."""
    best: set[str] | None = None
    run = ""

    def better(cand: set[str] | None) -> None:
        nonlocal best
        if cand is None or any(len(a) < _MIN_ANCHOR for a in cand):
            return
        if best is None or min(map(len, cand)) > min(map(len, best)):
            best = cand

    for op, av in items:
        if op is _c.LITERAL:
            run += chr(av).lower()  # type: ignore[arg-type]
            continue
        better({run} if run else None)
        run = ""
        if op is _c.SUBPATTERN:
            better(_required(list(av[-1])))  # type: ignore[index]
        elif op is _c.BRANCH:
            alts: set[str] = set()
            for branch in av[1]:  # type: ignore[index]
                sub = _required(list(branch))
                if sub is None:
                    alts = set()
                    break
                alts |= sub
            better(alts or None)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            lo = av[0]  # type: ignore[index]
            if lo and lo >= 1:
                better(_required(list(av[2])))  # type: ignore[index]
    better({run} if run else None)
    return best


@lru_cache(maxsize=4096)
def anchors_of(pattern: str) -> frozenset[str] | None:
    """Lower-case literals of which one must occur where ``pattern`` matches (None: unknown)."""
    try:
        parsed = _p.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    found = _required(list(parsed))
    return frozenset(found) if found else None


class AnchoredAlternation:
    """An alternation of named patterns, scanned through an anchor prefilter.

    Args:
        branches: ``(group name, pattern)`` pairs, in priority order.
        flags: regex flags (``re.IGNORECASE`` is assumed by the anchors).
    """

    def __init__(self, branches: list[tuple[str, str]], flags: int = re.IGNORECASE) -> None:
        self.branches = branches
        self.flags = flags
        self.anchors = [anchors_of(p) for _, p in branches]
        self._compile = lru_cache(maxsize=256)(self._build)

    def _build(self, subset: tuple[int, ...]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?P<{self.branches[i][0]}>{self.branches[i][1]})"
                                   for i in subset), self.flags)

    def pattern_for(self, lowered: str) -> re.Pattern[str] | None:
        """The compiled alternation of the branches whose anchors occur in ``lowered``."""
        subset = tuple(i for i, a in enumerate(self.anchors)
                       if a is None or any(x in lowered for x in a))
        return self._compile(subset) if subset else None

    def finditer(self, text: str, lowered: str | None = None) -> Iterator[re.Match[str]]:
        """Matches in ``text``, as the full alternation would give them."""
        pattern = self.pattern_for(lowered if lowered is not None else text.lower())
        if pattern is not None:
            yield from pattern.finditer(text)
