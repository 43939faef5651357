"""Substring matching of wording markers in free-text fields.

The marker lists themselves (catch-all grounds, dragnet wording, boilerplate, unreviewable
decisions, free webmail domains, harm words) are policy data with sources: the pack's
``lexicons.yaml`` (see docs/policy.md), read into :class:`~scrutiny.safeguards.rules.Rules`
(``rules.catch_all``, ``rules.all_records``…). Matching is case-insensitive on substrings.
"""

from __future__ import annotations

__all__ = ["contains_any"]


_MEMO: dict[tuple[int, str], tuple[tuple[str, ...], int]] = {}
"""(id of a marker list, text) -> (the list, index of the first marker found or -1)."""
_MEMO_LIMIT = 16384
_MEMO_MAX_TEXT = 1024
_SPLIT_MIN = 160
"""Texts at least this long with line breaks are matched line by line (memoised per line)."""
_SPLITTABLE: dict[int, tuple[tuple[str, ...], bool]] = {}


def _first(text: str, markers: tuple[str, ...]) -> int:
    """Index of the first marker (in list order) in ``text``, lower-cased; -1 when none."""
    low = text.lower()
    for i, m in enumerate(markers):
        if m in low:
            return i
    return -1


def _first_memo(text: str, markers: tuple[str, ...]) -> int:
    """:func:`_first`, memoised per (marker list, text) for texts up to 1,024 characters.

    The entry keeps the list itself, so a list of another policy that reuses a freed list's
    id never reads a stale answer.
    """
    if len(text) > _MEMO_MAX_TEXT:
        return _first(text, markers)
    key = (id(markers), text)
    hit = _MEMO.get(key)
    if hit is not None and hit[0] is markers:
        return hit[1]
    found = _first(text, markers)
    if len(_MEMO) < _MEMO_LIMIT or key in _MEMO:  # full: keep what it has (no churn)
        _MEMO[key] = (markers, found)
    return found


def _splittable(markers: tuple[str, ...]) -> bool:
    """Whether no marker spans a line break (then a text matches where one of its lines does)."""
    hit = _SPLITTABLE.get(id(markers))
    if hit is None or hit[0] is not markers:
        hit = (markers, not any("\n" in m for m in markers))
        if len(_SPLITTABLE) > 64:
            _SPLITTABLE.clear()
        _SPLITTABLE[id(markers)] = hit
    return hit[1]


def contains_any(text: str | None, markers: tuple[str, ...]) -> str | None:
    """The first marker of ``markers`` found in ``text`` (case-insensitive), or ``None``.

    Memoised per (marker list, text): the same citations and phrases recur across demands.
    A longer text with line breaks (a passage of a letter) is matched line by line, each line
    memoised: letters repeat their lines even when the passages around a citation differ.
    Lower-casing works character by character up to a line break, and no marker holds one,
    so the answer is the same: the earliest-listed marker found in any line.
    """
    if not text:
        return None
    if len(text) >= _SPLIT_MIN and "\n" in text and _splittable(markers):
        best = -1
        for line in text.split("\n"):
            i = _first_memo(line, markers)
            if i >= 0 and (best < 0 or i < best):
                best = i
                if i == 0:
                    break
        return markers[best] if best >= 0 else None
    i = _first_memo(text, markers)
    return markers[i] if i >= 0 else None
