"""Reason categories and the stated purpose, from the ``reasons`` lexicon.

Text wording counts first. When the letter states no reason, the wording of the targets'
URLs (``…/suicide.txt``, ``casino-….github.io``) gives the category, with lower confidence.
When neither says anything, the reason stays unknown (an empty list), never a guess.
"""

from __future__ import annotations

import re

from scrutiny.demands.vocab import ReasonCategory
from scrutiny.intake.document import View
from scrutiny.intake.extractors.base import Found
from scrutiny.intake.lexicon import load_lexicon

__all__ = ["extract_reasons", "stated_purpose"]

_SENTENCE_END = re.compile(r"[.!?。！？;；]\s|\n\s*\n")
_URLISH = re.compile(r"://|^www\.|\.(?:com|org|net|io|ru|cn|info|me)(?:/|$)|/", re.I)


def _in_url(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` is part of a URL or path (URL wording, not a reason)."""
    lo = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    hi = min((i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0),
             default=len(text))
    return bool(_URLISH.search(text[lo:hi]))


def extract_reasons(view: View, target_urls: list[tuple[str, tuple[int, int]]]
                    ) -> tuple[list[Found[ReasonCategory]], bool]:
    """Reason categories.

    Args:
        view: the cleaned view.
        target_urls: ``(url, original span)`` of URL targets.

    Returns:
        ``(categories, stated)``; ``stated`` is False when only URL wording gave them.
    """
    lexicon = load_lexicon("reasons")
    by_value: dict[str, list[tuple[int, int]]] = {}
    first: dict[str, int] = {}
    for hit in lexicon.finditer(view.text, view.lowered):
        if hit.lang == "url" or _in_url(view.text, hit.start, hit.end):
            continue
        by_value.setdefault(hit.value, []).append(view.to_original(hit.start, hit.end))
        first.setdefault(hit.value, hit.start)
    if by_value:
        ordered = sorted(by_value, key=lambda v: first[v])
        return [Found(ReasonCategory(v), tuple(by_value[v][:5]),
                      round(min(0.9, 0.6 + 0.1 * len(by_value[v])), 2), "reasons")
                for v in ordered], True
    url_values: dict[str, list[tuple[int, int]]] = {}
    url_entries = [e for e in lexicon.entries if e.lang == "url"]
    for url, span in target_urls:
        lower = url.lower()
        for entry in url_entries:
            if any(re.search(p, lower) for p in entry.patterns):
                url_values.setdefault(entry.value, []).append(span)
    return [Found(ReasonCategory(v), tuple(s[:3]), 0.5, "reasons.url")
            for v, s in url_values.items()], False


def stated_purpose(view: View, reasons: list[Found[ReasonCategory]],
                   original: str) -> Found[str] | None:
    """The sentence stating the reason, shortened to 240 characters.

    Args:
        view: the cleaned view.
        reasons: text-based reason findings (spans in the original).
        original: the original text.
    """
    if not reasons or reasons[0].extractor != "reasons":
        return None
    start, end = reasons[0].spans[0]
    s = max((m.end() for m in _SENTENCE_END.finditer(original, 0, start)), default=0)
    m = _SENTENCE_END.search(original, end)
    e = m.start() + 1 if m else len(original)
    cut_before = cut_after = False
    if e - s > 240:
        # a long sentence: keep the clause around the reason words, cut at word boundaries
        if start - s > 100:
            lo = start - 100
            comma = original.rfind(",", lo, start)
            space = original.find(" ", lo, start)
            s = comma + 1 if comma >= 0 else (space + 1 if space >= 0 else lo)
            cut_before = True
        if e - end > 140:
            space = original.rfind(" ", end, end + 140)
            e = space if space > end else end + 140
            cut_after = True
    sentence = " ".join(original[s:e].split()).strip(" ,;:")
    sentence = ("…" if cut_before else "") + sentence + ("…" if cut_after else "")
    return Found(sentence, ((s, e),), reasons[0].confidence, "reasons")
