"""Paragraph labels: recognise ``1.``, ``(1)``, ``a)``, ``(a)``, ``(i)``, ``(aa)``, ``(2A)``.

A label has a *kind* (numeral system and punctuation, e.g. ``arabic()`` or ``alpha)``) and a
value. Whether ``(i)`` is the ninth letter or the first roman numeral depends on what came
before; :func:`candidates` returns every reading and :func:`is_successor` lets the parser
pick the one that continues a list.
"""

from __future__ import annotations

import re

__all__ = ["LABEL_AT_START", "candidates", "is_first", "is_successor", "roman_to_int"]

LABEL_AT_START = re.compile(
    r"\((?P<p>\d{1,3}[A-Z]{0,2}|[a-z]{1,2}|[ivxlc]{1,6}|[A-Z])\)[ \t]+"
    r"|(?P<d>\d{1,3}[A-Z]?|[a-z]|[ivxlc]{1,6}|[A-Z])(?P<s>[.)])[ \t]+"
)
"""A label at the start of a line, followed by a space."""

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_to_int(value: str) -> int | None:
    """The value of a lower-case roman numeral, or None if it is not a well-formed one."""
    if not value or any(ch not in _ROMAN for ch in value):
        return None
    total = 0
    for i, ch in enumerate(value):
        v = _ROMAN[ch]
        if i + 1 < len(value) and _ROMAN[value[i + 1]] > v:
            total -= v
        else:
            total += v
    return total if _int_to_roman(total) == value else None


def _int_to_roman(n: int) -> str:
    out = []
    for v, s in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
                 (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def candidates(value: str, punct: str) -> list[str]:
    """Possible kinds of a label, most likely first.

    Args:
        value: the label without punctuation (``1``, ``a``, ``ii``, ``aa``, ``2A``).
        punct: ``()`` for ``(x)``, ``.`` or ``)`` for ``x.``/``x)``.
    """
    kinds: list[str] = []
    if value[0].isdigit():
        kinds.append("arabic" + punct)
    elif value.isupper():
        kinds.append("upper" + punct)
    else:
        if roman_to_int(value) is not None:
            kinds.append("roman" + punct)
        if len(value) == 1 or (len(value) == 2 and value[1] != value[0]):
            kinds.append("alpha" + punct)  # "ja": a letter inserted after (j)
        if len(value) == 2 and value[0] == value[1]:
            kinds.append("alpha2" + punct)
    return kinds


def is_first(kind: str, value: str) -> bool:
    """Whether ``value`` opens a list of this kind."""
    base = kind.rstrip(".)(")
    return {"arabic": value == "1", "alpha": value == "a", "roman": value == "i",
            "alpha2": value == "aa", "upper": value == "A"}.get(base, False)


def _split_arabic(value: str) -> tuple[int, str]:
    m = re.fullmatch(r"(\d+)([A-Z]*)", value)
    return (int(m.group(1)), m.group(2)) if m else (0, "")


def is_successor(kind: str, previous: str, value: str) -> bool:
    """Whether ``value`` directly follows ``previous`` in a list of this kind.

    Inserted labels count as successors: ``(2)`` → ``(2A)`` → ``(3)``, ``(j)`` → ``(ja)`` →
    ``(k)``.
    """
    base = kind.rstrip(".)(")
    if base == "arabic":
        pn, ps = _split_arabic(previous)
        vn, vs = _split_arabic(value)
        if vn == pn + 1 and not vs:
            return True
        return vn == pn and bool(vs) and (not ps or ord(vs[-1]) == ord(ps[-1]) + 1)
    if base == "roman":
        p, v = roman_to_int(previous), roman_to_int(value)
        return p is not None and v is not None and v == p + 1
    if base == "alpha":
        p0 = previous[0]
        if len(value) == 1:
            return ord(value) == ord(p0) + 1
        return value[0] == p0 and (len(previous) == 1 or ord(value[1]) == ord(previous[1]) + 1)
    if base == "alpha2":
        return len(value) == 2 and ord(value[0]) == ord(previous[0]) + 1
    if base == "upper":
        return len(value) == 1 and ord(value) == ord(previous[0]) + 1
    return False
