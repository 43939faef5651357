"""Provision similarity: TF-IDF cosine of the words plus rapidfuzz token-set ratio of titles."""

from __future__ import annotations

import math
import re
from collections import Counter

from rapidfuzz import fuzz

__all__ = ["Vectoriser", "title_similarity", "tokens"]

_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset(
    "the of and or to a an in for by any on this that such as be with is are which its it "
    "shall may under other from at not have has been where who whose these those".split())


def tokens(text: str) -> list[str]:
    """Lower-case content words."""
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


class Vectoriser:
    """TF-IDF vectors over a fixed collection of texts."""

    def __init__(self, texts: list[str]) -> None:
        docs = [Counter(tokens(t)) for t in texts]
        df: Counter[str] = Counter()
        for d in docs:
            df.update(d.keys())
        n = max(1, len(docs))
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}

    def vector(self, text: str) -> dict[str, float]:
        """The normalised TF-IDF vector of ``text``."""
        counts = Counter(tokens(text))
        vec = {w: (1 + math.log(c)) * self.idf.get(w, 1.0) for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}

    @staticmethod
    def cosine(a: dict[str, float], b: dict[str, float]) -> float:
        """Cosine of two normalised vectors."""
        if len(a) > len(b):
            a, b = b, a
        return sum(v * b.get(w, 0.0) for w, v in a.items())


def title_similarity(a: str, b: str) -> float:
    """0-1 similarity of two titles: mean of rapidfuzz token-set and token-sort ratios (the
    set ratio alone scores any title contained in a longer one as identical)."""
    if not a or not b:
        return 0.0
    a, b = a.lower(), b.lower()
    return (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 200.0
