"""Substring matching of wording markers in free-text fields.

The marker lists themselves (catch-all grounds, dragnet wording, boilerplate, unreviewable
decisions, free webmail domains, harm words) are policy data with sources: the pack's
``lexicons.yaml`` (see docs/policy.md), read into :class:`~scrutiny.safeguards.rules.Rules`
(``rules.catch_all``, ``rules.all_records``…). Matching is case-insensitive on substrings.
"""

from __future__ import annotations

__all__ = ["contains_any"]


_MEMO: dict[tuple[int, str], tuple[tuple[str, ...], str | None]] = {}
_MEMO_LIMIT = 65536
_MEMO_MAX_TEXT = 1024


def contains_any(text: str | None, markers: tuple[str, ...]) -> str | None:
    """The first marker found in ``text`` (case-insensitive), or ``None``.

    Memoised per (marker list, text): the same citations and phrases recur across demands.
    The entry keeps the list itself, so a list of another policy that reuses a freed list's
    id never reads a stale answer.
    """
    if not text:
        return None
    short = len(text) <= _MEMO_MAX_TEXT
    if short:
        key = (id(markers), text)
        hit = _MEMO.get(key)
        if hit is not None and hit[0] is markers:
            return hit[1]
    low = text.lower()
    found = None
    for m in markers:
        if m in low:
            found = m
            break
    if short:
        if len(_MEMO) >= _MEMO_LIMIT:
            _MEMO.clear()
        _MEMO[key] = (markers, found)
    return found
