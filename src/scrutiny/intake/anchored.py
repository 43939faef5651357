"""Fast matching of large pattern alternations: literal anchors as a prefilter.

A lexicon has hundreds of patterns in eight languages; a letter triggers a handful. Scanning
one big case-insensitive alternation costs the regex engine every branch at every position.
Instead each pattern's *anchors* are computed once from its parse tree — literal strings of
which at least one must occur in any text the pattern matches (``\\bfalun\\s*g?ong`` →
``{"falun"}``; ``(?:ban|close)\\w*\\s+accounts?`` → ``{"account"}``). For a letter, only
patterns whose anchors occur in the lower-cased text (found for all lexicons at once by one
Aho-Corasick pass) are compiled into an alternation (cached per subset), which is then
scanned once, behind a one-character look-ahead of the characters the included patterns can
start with (computed the same way). Results are identical to
scanning the full alternation (same group names, left to right, first branch wins).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

__all__ = ["AnchoredAlternation", "anchors_of", "first_chars"]

import re._constants as _c  # Python 3.11+: the regex parser scrutiny's anchors read
import re._parser as _p

_MIN_ANCHOR = 2
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_WORD_START = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u052f]")
"""Letters of alphabetic scripts (Latin, Greek, Cyrillic): branches starting with one only
match at the start of a word."""


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


def _first(items: list[tuple[object, object]]) -> tuple[set[str] | None, bool]:
    """First characters of the sequence's matches (None: any), and whether it can be empty."""
    out: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL:
            out.add(chr(av))  # type: ignore[arg-type]
            return out, False
        if op is _c.IN:
            for iop, iav in av:  # type: ignore[attr-defined]
                if iop is _c.LITERAL:
                    out.add(chr(iav))
                elif iop is _c.RANGE and iav[1] - iav[0] < 300:
                    out.update(chr(x) for x in range(iav[0], iav[1] + 1))
                elif iop is _c.CATEGORY and iav is _c.CATEGORY_DIGIT:
                    out.update("0123456789")
                else:
                    return None, False
            return out, False
        if op is _c.SUBPATTERN:
            sub, nullable = _first(list(av[-1]))  # type: ignore[index]
        elif op is _c.BRANCH:
            sub, nullable = set(), False
            for branch in av[1]:  # type: ignore[index]
                f, n = _first(list(branch))
                if f is None:
                    return None, False
                sub |= f
                nullable |= n
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            sub, nullable = _first(list(av[2]))  # type: ignore[index]
            nullable = nullable or av[0] == 0  # type: ignore[index]
        else:
            return None, False
        if sub is None:
            return None, False
        out |= sub
        if not nullable:
            return out, False
    return out, True


@lru_cache(maxsize=4096)
def first_chars(pattern: str) -> frozenset[str] | None:
    """Characters (both cases) a match of ``pattern`` can start with; None when unknown."""
    try:
        parsed = _p.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    chars, nullable = _first(list(parsed))
    if chars is None or nullable:
        return None
    return frozenset({c.lower() for c in chars} | {c.upper() for c in chars})


@lru_cache(maxsize=4096)
def anchors_of(pattern: str) -> frozenset[str] | None:
    """Lower-case literals of which one must occur where ``pattern`` matches (None: unknown)."""
    try:
        parsed = _p.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    found = _required(list(parsed))
    return frozenset(found) if found else None


class _AnchorIndex:
    """Every anchor of every alternation, found in a text in one Aho-Corasick pass.

    A letter is checked against about 1 500 anchors; one pass of an Aho-Corasick automaton
    (``ahocorasick_rs``, overlapping matches) over the lower-cased text tells which occur —
    exactly what ``anchor in text`` says for each — in about 0.1 ms instead of a substring
    search per anchor. The automaton is rebuilt when an alternation adds anchors (lexicons
    load lazily, so a few times per process).
    """

    def __init__(self) -> None:
        self.anchors: set[str] = set()
        self.version = 0
        self._built = -1
        self._automaton: Any = None

    def add(self, anchors: set[str]) -> None:
        """Register anchors of a new alternation."""
        if not anchors <= self.anchors:
            self.anchors |= anchors
            self.version += 1

    def present(self, lowered: str) -> frozenset[str]:
        """The anchors that occur in ``lowered``."""
        if self._built != self.version:
            import ahocorasick_rs

            self._automaton = ahocorasick_rs.AhoCorasick(sorted(self.anchors))
            self._built = self.version
        if self._automaton is None:
            return frozenset()
        return frozenset(self._automaton.find_matches_as_strings(lowered, overlapping=True))


_INDEX = _AnchorIndex()
_LAST: list[tuple[str, int, frozenset[str]]] = []
_KEEP = 4
"""Texts whose anchors are kept: a letter is scanned as its view, its original text and a
few slices, in turn; a single entry would be recomputed at each switch."""


def _presence(lowered: str) -> frozenset[str]:
    """The anchors present in ``lowered`` (shared by all alternations; last texts kept)."""
    for text, version, found in _LAST:
        if text is lowered and version == _INDEX.version:
            return found
    found = _INDEX.present(lowered)
    _LAST.insert(0, (lowered, _INDEX.version, found))
    del _LAST[_KEEP:]
    return found


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
        self.firsts = [first_chars(p) for _, p in branches]
        self._always = [i for i, a in enumerate(self.anchors) if a is None]
        by_anchor: dict[str, list[int]] = {}
        for i, anchors in enumerate(self.anchors):
            for a in anchors or ():
                by_anchor.setdefault(a, []).append(i)
        # longest first: a long anchor present is rarer and settles its branches sooner
        self._by_anchor = sorted(by_anchor.items(), key=lambda kv: -len(kv[0]))
        _INDEX.add(set(by_anchor))
        self._anchor_list = [a for a, _ in self._by_anchor]
        self._compile = lru_cache(maxsize=256)(self._build)

    def _build(self, subset: tuple[int, ...]) -> re.Pattern[str]:
        body = "|".join(f"(?P<{self.branches[i][0]}>{self.branches[i][1]})" for i in subset)
        words: set[str] = set()
        others: set[str] = set()
        for i in subset:
            first = self.firsts[i]
            if first is None:
                return re.compile(body, self.flags)
            for c in first:
                (words if _WORD_START.match(c) else others).add(c)
        # A look-ahead lets the engine skip positions no branch can start at. Letters of
        # alphabetic scripts must also start a word (a lexicon entry is never the middle of
        # a word); other characters (CJK, digits, punctuation) may start anywhere.
        guards = []
        if words:
            guards.append(rf"(?<!\w)(?=[{''.join(re.escape(c) for c in sorted(words))}])")
        if others:
            guards.append(f"(?=[{''.join(re.escape(c) for c in sorted(others))}])")
        return re.compile(f"(?:{'|'.join(guards)})(?:{body})", self.flags)

    def pattern_for(self, lowered: str) -> re.Pattern[str] | None:
        """The compiled alternation of the branches whose anchors occur in ``lowered``."""
        present = _presence(lowered)
        chosen = set(self._always)
        chosen.update(*[idx for a, idx in self._by_anchor if a in present])
        return self._compile(tuple(sorted(chosen))) if chosen else None

    def finditer(self, text: str, lowered: str | None = None) -> Iterator[re.Match[str]]:
        """Matches in ``text``, as the full alternation would give them."""
        lowered = lowered if lowered is not None else text.lower()
        pattern = self.pattern_for(lowered)
        if pattern is None:
            return
        yield from pattern.finditer(text)
