"""Fast matching of large pattern alternations: literal anchors as a prefilter and as starts.

A lexicon has hundreds of patterns in eight languages; a letter triggers a handful. Scanning
one big case-insensitive alternation costs the regex engine every branch at every position.
Instead each pattern's *anchors* are computed once from its parse tree — literal strings of
which at least one must occur in any text the pattern matches (``\\bfalun\\s*g?ong`` →
``{"falun"}``; ``(?:ban|close)\\w*\\s+accounts?`` → ``{"account"}``) — and its *leading
anchors*, literals one of which stands a bounded distance from the start of every match
(``(?:the\\s+)?removal`` → ``"the"`` or ``"removal"`` at the start). For a letter, only
patterns whose anchors occur in the folded lower-cased text (found for all lexicons at once by
one Aho-Corasick pass) are kept; those with leading anchors are tried only at the starts
their anchor occurrences allow, the others are scanned for behind a look-ahead of the
characters they can start with. Results are identical to scanning the full alternation
(same group names, left to right, first branch wins, no overlaps).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = [
    "AnchorFiltered",
    "AnchoredAlternation",
    "anchors_of",
    "exact_anchors_of",
    "first_chars",
    "fold",
    "leading_anchors",
    "max_width",
    "min_width",
]

import re._constants as _c  # Python 3.11+: the regex parser scrutiny's anchors read
import re._parser as _p

_MIN_ANCHOR = 2
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_WORD_START = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u052f]")
"""Letters of alphabetic scripts (Latin, Greek, Cyrillic): branches starting with one only
match at the start of a word."""
_LEAD_SPREAD = 40
"""Most start positions a leading anchor may stand for (see :func:`leading_anchors`)."""


def _fold_table() -> dict[int, int]:
    """Characters that ``re.IGNORECASE`` equates although ``str.lower`` keeps them apart.

    ``re`` matches ``i`` with ``ı`` and ``s`` with ``ſ`` (and a few Greek and old Cyrillic
    forms); mapping each group to one character makes anchors found in lower-cased text
    agree with what the regex engine matches.
    """
    from re._casefix import _EXTRA_CASES  # Python 3.11+

    groups: list[set[int]] = []
    for key, others in _EXTRA_CASES.items():
        members = {ord(chr(c).lower()) for c in (key, *others) if len(chr(c).lower()) == 1}
        merged = [g for g in groups if g & members]
        for g in merged:
            members |= g
            groups.remove(g)
        groups.append(members)
    return {c: min(g) for g in groups for c in g if c != min(g)}


_FOLD = _fold_table()
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")


def _dotless(folded: str) -> str:
    """For presence only: "İ" lower-cases to "i" + a combining dot (two characters), while
    ``re.IGNORECASE`` matches it as "i"; dropping the dot lets anchors see the "i"."""
    return folded.replace("i\u0307", "i") if "\u0307" in folded else folded


def fold(lowered: str) -> str:
    """Lower-cased text with the characters ``re.IGNORECASE`` equates made equal (same length)."""
    return lowered.translate(_FOLD) if _FOLDABLE.search(lowered) else lowered


def _required(items: list[tuple[Any, Any]], exact: bool | None) -> set[str] | None:
    """Anchors of a sequence of parse items: one item's anchors, the most selective.

    ``exact`` None: every literal, folded lower-case (what ``re.IGNORECASE`` matches).
    True/False: only literals matched case-sensitively (inside ``(?-i:…)``), as written;
    the flag says whether this sequence is matched so.
    """
    best: set[str] | None = None
    run = ""

    def better(cand: set[str] | None) -> None:
        nonlocal best
        if cand is None or any(len(a) < _MIN_ANCHOR for a in cand):
            return
        if best is None or min(map(len, cand)) > min(map(len, best)):
            best = cand

    for op, av in items:
        if op is _c.LITERAL and exact is not False:
            run += chr(av) if exact else fold(chr(av).lower())
            continue
        better({run} if run else None)
        run = ""
        if op is _c.SUBPATTERN:
            _group, add, remove, sub = av
            inner = None if exact is None else (
                (exact or bool(remove & re.IGNORECASE)) and not add & re.IGNORECASE)
            better(_required(list(sub), inner))
        elif op is _c.BRANCH:
            alts: set[str] = set()
            for branch in av[1]:
                found = _required(list(branch), exact)
                if found is None:
                    alts = set()
                    break
                alts |= found
            better(alts or None)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            better(_required(list(av[2]), exact))
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
def exact_anchors_of(pattern: str) -> frozenset[str] | None:
    """Literals, as written, one of which occurs where ``pattern`` matches because it is
    matched case-sensitively (``(?-i:…Act)``: "Act" must be there, not "act")."""
    try:
        parsed = _p.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    found = _required(list(parsed), False)
    return frozenset(found) if found else None


@lru_cache(maxsize=4096)
def anchors_of(pattern: str) -> frozenset[str] | None:
    """Folded lower-case literals of which one must occur where ``pattern`` matches.

    None: unknown (no literal is required).
    """
    try:
        parsed = _p.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    found = _required(list(parsed), None)
    return frozenset(found) if found else None


_UNBOUNDED = 1 << 30


def _spaces_only(item: tuple[Any, Any]) -> bool:
    """Whether every character ``item`` can match is whitespace (``\\s``, ``[ \\t]``)."""
    op, av = item
    if op is _c.LITERAL:
        return chr(av).isspace()
    if op is _c.IN:
        return all((iop is _c.CATEGORY and iav in (_c.CATEGORY_SPACE, _c.CATEGORY_UNI_SPACE))
                   or (iop is _c.LITERAL and chr(iav).isspace())
                   for iop, iav in av)
    if op is _c.SUBPATTERN:
        inner = list(av[-1])
        return len(inner) == 1 and _spaces_only(inner[0])
    return False


def _width(items: list[tuple[Any, Any]], spaces: int | None) -> tuple[int, int]:
    """Fewest and most characters a sequence matches (most: ``_UNBOUNDED`` when unknown).

    ``spaces``: the longest whitespace run the scanned text can have (a cleaned view has
    runs of one; 0: runs of one plain space), which bounds repeats of whitespace (``\\s+``);
    None: no bound.
    """
    lo = hi = 0
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY):
            a, b = 1, 1
        elif op is _c.SUBPATTERN:
            a, b = _width(list(av[-1]), spaces)
        elif op is _c.ATOMIC_GROUP:
            a, b = _width(list(av), spaces)
        elif op is _c.BRANCH:
            widths = [_width(list(br), spaces) for br in av[1]]
            a, b = min(w[0] for w in widths), max(w[1] for w in widths)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            rlo, rhi, sub = av
            ia, ib = _width(list(sub), spaces)
            a = rlo * ia
            if spaces is not None and all(_spaces_only(x) for x in sub):
                b = min(max(spaces, 1), rhi * ib if rhi != _c.MAXREPEAT else _UNBOUNDED)
            else:
                b = _UNBOUNDED if rhi == _c.MAXREPEAT or ib >= _UNBOUNDED else rhi * ib
        else:
            return lo, _UNBOUNDED
        lo, hi = lo + a, min(_UNBOUNDED, hi + b)
    return lo, hi


def _one_space(op: Any, av: Any) -> bool:
    """Whether an item matches exactly one space in a text whose whitespace runs are single
    plain spaces (``\\s``, ``\\s+``, ``[ \\t]+``)."""
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        return lo == 1 and len(sub) == 1 and _one_space(*sub[0])
    if op is _c.SUBPATTERN:
        inner = list(av[-1])
        return len(inner) == 1 and _one_space(*inner[0])
    if op is _c.LITERAL:
        return bool(av == 32)
    if op is _c.IN:
        return _spaces_only((op, av)) and any(
            (iop is _c.CATEGORY and iav in (_c.CATEGORY_SPACE, _c.CATEGORY_UNI_SPACE))
            or (iop is _c.LITERAL and iav == 32) for iop, iav in av)
    return False


def _ways(op: Any, av: Any) -> list[list[tuple[Any, Any]]]:
    """The item sequences a group, a choice or an optional part can stand for (none: [])."""
    if op is _c.SUBPATTERN:
        return [list(av[-1])]
    if op is _c.BRANCH:
        return [list(b) for b in av[1]]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
        return [list(av[2]), []]
    return []


def _short_anchor(run: str) -> bool:
    """Whether a one-character literal is rare enough to stand as an anchor (CJK, «, §)."""
    return len(run) == 1 and (ord(run) >= 0x2000 or run in "§«»")


def _union(into: dict[str, tuple[int, int]], more: dict[str, tuple[int, int]]) -> None:
    for anchor, (a, b) in more.items():
        old = into.get(anchor)
        into[anchor] = (a, b) if old is None else (min(a, old[0]), max(b, old[1]))


def _leading(items: list[tuple[Any, Any]], lo: int, hi: int, spaces: int | None,
             depth: int = 0) -> dict[str, tuple[int, int]] | None:
    """The first required literal of a sequence and how far from the match start it stands.

    Returns ``{anchor: (fewest, most) characters before it}`` — one anchor per way the
    sequence can begin: per alternative of a choice, and for an optional part both the part's
    anchor and the one after it — or None when there is none within a bounded distance.
    """
    run = ""
    run_items: list[tuple[Any, Any]] = []
    found: dict[str, tuple[int, int]] | None
    for k, (op, av) in enumerate(items):
        if op is _c.LITERAL:
            run += fold(chr(av).lower())
            run_items.append((op, av))
            continue
        if spaces == 0 and _one_space(op, av):
            run += " "  # every whitespace run of the text is one plain space
            run_items.append((_c.LITERAL, 32))
            continue
        if run and len(run) < _MIN_ANCHOR and not _short_anchor(run) and depth < 6:
            # a run too short to anchor: continue it into each way the text can go on
            # ("s" "s?" "." → "s.", "ss."; "р" (?:оссии|ф) → "россии", "рф")
            ways = _ways(op, av)
            if ways:
                found = {}
                for way in ways:
                    sub = _leading([*run_items, *way, *items[k + 1:]], lo, hi, spaces,
                                   depth + 1)
                    if sub is None:
                        break
                    _union(found, sub)
                else:
                    return found
        if len(run) >= _MIN_ANCHOR or _short_anchor(run):
            return {run: (lo, hi)}
        lo, hi, run, run_items = lo + len(run), hi + len(run), "", []
        if op in _ZERO_WIDTH:
            continue
        found = None
        if op is _c.SUBPATTERN:
            found = _leading(list(av[-1]), lo, hi, spaces)
        elif op is _c.BRANCH:
            found = {}
            for branch in av[1]:
                sub = _leading(list(branch), lo, hi, spaces)
                if sub is None:
                    found = None
                    break
                _union(found, sub)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            found = _leading(list(av[2]), lo, hi, spaces)
            if found and av[0] == 0:
                # optional: the match begins with the part, or with what follows it
                after = _leading(items[k + 1:], lo, hi, spaces)
                if after is None:
                    return None
                _union(found, after)
        if found:
            return found
        w_lo, w_hi = _width([(op, av)], spaces)
        lo, hi = lo + w_lo, hi + w_hi
        if hi - lo > _LEAD_SPREAD:
            return None
    if len(run) >= _MIN_ANCHOR or _short_anchor(run):
        return {run: (lo, hi)}
    return None


@lru_cache(maxsize=8192)
def leading_anchors(pattern: str, spaces: int | None = None
                    ) -> tuple[tuple[str, int, int], ...] | None:
    """Literals one of which starts a bounded distance into every match of ``pattern``.

    Each is ``(folded lower-case literal, fewest, most characters before it)``; a match of
    the pattern starting at ``p`` holds one of them at ``p + fewest … p + most``. None: the
    pattern has no such literal (``(?:\\w+\\s+)?removal`` — the distance is unbounded).

    Args:
        pattern: the regular expression (``re.IGNORECASE``).
        spaces: the longest whitespace run in the texts scanned (1 for a cleaned view), which
            bounds ``\\s+``; 0 when every run is one plain space (then ``\\s+`` is part of
            an anchor: "on behalf"); None: unbounded.
    """
    try:
        parsed = _p.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    found = _leading(list(parsed), 0, 0, spaces)
    if not found or any(b - a > _LEAD_SPREAD for a, b in found.values()):
        return None
    return tuple(sorted((anchor, a, b) for anchor, (a, b) in found.items()))


@lru_cache(maxsize=256)
def max_width(pattern: str, spaces: int) -> int | None:
    """The most characters a match of ``pattern`` (``re.IGNORECASE``) spans in a text whose
    whitespace runs are at most ``spaces`` long; None when unbounded (``\\w+``)."""
    hi = _width(list(_p.parse(pattern, re.IGNORECASE)), max(spaces, 1))[1]
    return None if hi >= _UNBOUNDED else hi


@lru_cache(maxsize=4096)
def min_width(pattern: str) -> int:
    """The fewest characters a match of ``pattern`` spans (0 when unknown)."""
    try:
        return int(_p.parse(pattern, re.IGNORECASE).getwidth()[0])
    except re.error:
        return 0


class _AnchorIndex:
    """Every anchor of every alternation, found in a text in one Aho-Corasick pass.

    A letter is checked against about 1 700 anchors; one pass of an Aho-Corasick automaton
    (``ahocorasick_rs``, overlapping matches) over the folded lower-cased text tells which
    occur — exactly what ``anchor in text`` says for each — in about 0.1 ms instead of a
    substring search per anchor. The automaton is rebuilt when an alternation adds anchors
    (lexicons load lazily, so a few times per process).
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

    def present(self, folded: str) -> frozenset[str]:
        """The anchors that occur in ``folded`` (see :func:`fold`)."""
        if self._built != self.version:
            import ahocorasick_rs

            self._automaton = ahocorasick_rs.AhoCorasick(sorted(self.anchors))
            self._built = self.version
        if self._automaton is None:
            return frozenset()
        return frozenset(self._automaton.find_matches_as_strings(folded, overlapping=True))


class _Scanned:
    """What the index found in one text: the anchors present, and their positions on demand."""

    __slots__ = ("_positions", "_present", "folded", "lowered", "spaces", "version")

    def __init__(self, lowered: str) -> None:
        self.lowered = lowered
        self.folded = fold(lowered)
        # the longest whitespace run, when it is one (a cleaned view): bounds ``\s+``; 0:
        # every run is one plain space
        self.spaces: int | None = (None if _SPACE_PAIR.search(lowered)
                                   else 1 if _OTHER_SPACE.search(lowered) else 0)
        self.version = _INDEX.version
        self._present: frozenset[str] | None = None
        self._positions: dict[str, list[int]] = {}

    @property
    def present(self) -> frozenset[str]:
        """Every registered anchor that occurs (one Aho-Corasick pass, on first use)."""
        if self._present is None:
            self._present = _INDEX.present(_dotless(self.folded))
        return self._present

    def present_among(self, anchors: frozenset[str]) -> frozenset[str]:
        """Which of ``anchors`` occur: a few are looked up directly (a text scanned by one
        small alternation needs no pass over all anchors), many through :attr:`present`."""
        if self._present is None and len(anchors) <= _FEW_ANCHORS:
            folded = _dotless(self.folded)
            return frozenset(a for a in anchors if a in folded)
        return self.present

    def positions(self, anchor: str) -> list[int]:
        """Start offsets of every occurrence of ``anchor`` (overlapping ones included)."""
        found = self._positions.get(anchor)
        if found is None:
            found = []
            find, i = self.folded.find, self.folded.find(anchor)
            while i >= 0:
                found.append(i)
                i = find(anchor, i + 1)
            self._positions[anchor] = found
        return found

    def word_starts(self, anchor: str) -> list[int]:
        """Occurrences of ``anchor`` not preceded by a word character (``(?<!\\w)``)."""
        key = "\0" + anchor
        found = self._positions.get(key)
        if found is None:
            text = self.folded
            found = [i for i in self.positions(anchor)
                     if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")]
            self._positions[key] = found
        return found


_SPACE_PAIR = re.compile(r"\s\s")
_OTHER_SPACE = re.compile(r"[^\S ]")
_FEW_ANCHORS = 48
_INDEX = _AnchorIndex()
_LAST: list[_Scanned] = []
_KEEP = 4
"""Texts whose anchors are kept: a letter is scanned as its view, its original text and a
few slices, in turn; a single entry would be recomputed at each switch."""


def _scanned(lowered: str) -> _Scanned:
    """The anchors found in ``lowered`` (shared by all alternations; last texts kept)."""
    for entry in _LAST:
        if entry.lowered is lowered and entry.version == _INDEX.version:
            return entry
    entry = _Scanned(lowered)
    _LAST.insert(0, entry)
    del _LAST[_KEEP:]
    return entry


def _presence(lowered: str) -> frozenset[str]:
    """The anchors present in ``lowered``."""
    return _scanned(lowered).present


@dataclass(frozen=True, slots=True)
class _Plan:
    """How to scan for one subset of branches.

    ``full`` is the alternation of the subset. When ``lead`` is set, every match of one of
    its branches starts a bounded distance before one of its anchors (``anchor → ((branch,
    fewest, most, at a word start), …)``), so those branches are only tried there, one by one
    in priority
    order (``single``: each branch alone behind the subset's kind of guard); ``rest`` (the
    other branches, behind the subset's guard) is scanned through the text.
    """

    full: re.Pattern[str]
    lead: dict[str, tuple[tuple[int, int, int, bool], ...]] | None
    rest: re.Pattern[str] | None
    single: dict[int, re.Pattern[str]]
    lead_keys: frozenset[str] = frozenset()


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
        self.leads = {spaces: [leading_anchors(p, spaces) for _, p in branches]
                      for spaces in (None, 1, 0)}
        self._empty = {i for i, (_, p) in enumerate(branches) if min_width(p) == 0}
        self._always = [i for i, a in enumerate(self.anchors) if a is None]
        exact_of = [exact_anchors_of(p) for _, p in branches]
        self._exact = {i: e for i, e in enumerate(exact_of) if e is not None}
        by_anchor: dict[str, list[int]] = {}
        for i, anchors in enumerate(self.anchors):
            for a in anchors or ():
                by_anchor.setdefault(a, []).append(i)
        # longest first: a long anchor present is rarer and settles its branches sooner
        self._by_anchor = sorted(by_anchor.items(), key=lambda kv: -len(kv[0]))
        self._all_anchors = frozenset(by_anchor) | {
            a for leads in self.leads.values() for lead in leads for a, _, _ in lead or ()}
        _INDEX.add(set(self._all_anchors))
        self._anchor_list = [a for a, _ in self._by_anchor]
        self._anchor_branches = dict(self._by_anchor)
        self._anchor_keys = frozenset(self._anchor_branches)
        self._compile = lru_cache(maxsize=256)(self._build)
        self._plan = lru_cache(maxsize=256)(self._make_plan)

    def _guard(self, subset: tuple[int, ...]) -> str | None:
        words: set[str] = set()
        others: set[str] = set()
        for i in subset:
            first = self.firsts[i]
            if first is None:
                return None
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
        return "|".join(guards)

    def _build(self, subset: tuple[int, ...], guarded: bool = True) -> re.Pattern[str]:
        body = "|".join(f"(?P<{self.branches[i][0]}>{self.branches[i][1]})" for i in subset)
        guard = self._guard(subset) if guarded else None
        if guard is None:
            return re.compile(body, self.flags)
        return re.compile(f"(?:{guard})(?:{body})", self.flags)

    def _make_plan(self, subset: tuple[int, ...], spaces: int | None) -> _Plan:
        full = self._compile(subset)
        if self._empty.intersection(subset):
            return _Plan(full, None, None, {})
        guarded = self._guard(subset) is not None
        lead: dict[str, list[tuple[int, int, int, bool]]] = {}
        rest = []
        for i in subset:
            branch_lead = self.leads[spaces][i]
            if branch_lead is None:
                rest.append(i)
                continue
            for anchor, lo, hi in branch_lead:
                # a guarded match starting with a letter starts a word: the anchor does too
                word = guarded and lo == hi == 0 and _WORD_START.match(anchor) is not None
                lead.setdefault(anchor, []).append((i, lo, hi, word))
        if not lead:
            return _Plan(full, None, None, {})
        # A branch whose first characters are known is guarded the same way alone, or with
        # other such branches, as in the whole guarded subset (the guard depends only on the
        # character a match starts with); in an unguarded subset none is guarded.
        single = {i: self._build((i,), guarded) for i in subset if i not in rest}
        return _Plan(full, {k: tuple(v) for k, v in lead.items()},
                     self._build(tuple(rest), guarded) if rest else None, single,
                     frozenset(lead))

    def pattern_for(self, lowered: str) -> re.Pattern[str] | None:
        """The compiled alternation of the branches whose anchors occur in ``lowered``."""
        subset = self._subset(_presence(lowered))
        return self._compile(subset) if subset else None

    def _subset(self, present: frozenset[str]) -> tuple[int, ...]:
        chosen = set(self._always)
        by_anchor = self._anchor_branches
        chosen.update(*[by_anchor[a] for a in present & self._anchor_keys])
        return tuple(sorted(chosen))

    def finditer(self, text: str, lowered: str | None = None) -> Iterator[re.Match[str]]:
        """Matches in ``text``, exactly as the full alternation's ``finditer`` gives them.

        Branches with a leading anchor are tried only where one of their anchors puts a
        start (one ``match`` call per candidate position); the other branches are scanned
        for; the earliest wins, and scanning resumes after it, as ``finditer`` does.
        """
        lowered = lowered if lowered is not None else text.lower()
        scanned = _scanned(lowered)
        present = scanned.present_among(self._all_anchors)
        subset = self._subset(present)
        if self._exact:  # a case-sensitive literal ("Act") must occur as written
            exact = self._exact
            subset = tuple(i for i in subset
                           if i not in exact or any(a in text for a in exact[i]))
        if not subset:
            return
        plan = self._plan(subset, scanned.spaces)
        if plan.lead is None or len(lowered) != len(text):
            yield from plan.full.finditer(text)
            return
        starts: dict[int, list[int]] = {}
        lead = plan.lead
        for anchor in present & plan.lead_keys:
            for i, lo, hi, word in lead[anchor]:
                if word:
                    for at in scanned.word_starts(anchor):
                        starts.setdefault(at, []).append(i)
                elif lo == hi:
                    for at in scanned.positions(anchor):
                        if at >= lo:
                            starts.setdefault(at - lo, []).append(i)
                else:
                    for at in scanned.positions(anchor):
                        for start in range(max(0, at - hi), at - lo + 1):
                            starts.setdefault(start, []).append(i)
        yield from _merge(text, plan, sorted(starts.items()))


def _merge(text: str, plan: _Plan, candidates: list[tuple[int, list[int]]]
           ) -> Iterator[re.Match[str]]:
    """``plan.full.finditer(text)``, given where each lead branch's matches can start.

    At a candidate start the branches that can begin there are tried in priority order
    (the first to match is what the alternation gives); ``plan.rest`` finds the next start
    of any other branch, where the full alternation decides. The alternation never matches
    the empty string (checked when planning), so scanning resumes at each match's end.
    """
    rest, single, full = plan.rest, plan.single, plan.full
    pos = 0
    ci = 0
    n = len(candidates)
    nxt = rest.search(text) if rest is not None else None
    while True:
        if nxt is not None and nxt.start() < pos:
            nxt = rest.search(text, pos)  # type: ignore[union-attr]
        limit = nxt.start() if nxt is not None else len(text) + 1
        found = None
        while ci < n and candidates[ci][0] < limit:
            at, branches = candidates[ci]
            ci += 1
            if at >= pos:
                if len(branches) > 1:
                    branches = sorted(set(branches))
                for i in branches:
                    found = single[i].match(text, at)
                    if found is not None:
                        break
                if found is not None:
                    break
        if found is None:
            if nxt is None:
                return
            found = full.match(text, nxt.start())
            if found is None:  # cannot happen: a branch of rest matches there
                return
        yield found
        pos = found.end()


class AnchorFiltered:
    """A plain alternation, compiled for each text with only the alternatives that can match.

    Unlike :class:`AnchoredAlternation` nothing is added to the patterns (no guard): the
    result of ``search``/``finditer`` is exactly that of the whole alternation. Meant for
    short texts (signature lines) or rare searches, where scanning many alternatives at every
    position costs more than checking their anchors.

    Args:
        patterns: the alternatives, in priority order.
        flags: regex flags (``re.IGNORECASE`` is assumed by the anchors).
    """

    def __init__(self, patterns: list[str], flags: int = re.IGNORECASE) -> None:
        self.patterns = patterns
        self.flags = flags
        self.anchors = [anchors_of(p) for p in patterns]
        self._compile = lru_cache(maxsize=128)(self._build)

    def _build(self, subset: tuple[int, ...]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{self.patterns[i]})" for i in subset), self.flags)

    def pattern_for(self, text: str) -> re.Pattern[str] | None:
        """The alternation of the alternatives whose anchors occur in ``text`` (None: none)."""
        folded = _dotless(fold(text.lower()))
        subset = tuple(i for i, anchors in enumerate(self.anchors)
                       if anchors is None or any(a in folded for a in anchors))
        return self._compile(subset) if subset else None

    def search(self, text: str) -> re.Match[str] | None:
        """``re.search`` of the whole alternation in ``text``."""
        pattern = self.pattern_for(text)
        return pattern.search(text) if pattern is not None else None
