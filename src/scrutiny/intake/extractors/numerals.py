"""Chinese numerals (第三百条 → 300)."""

from __future__ import annotations

__all__ = ["chinese_to_int"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_to_int(text: str) -> int | None:
    """Convert a Chinese numeral below 10 000 (or ASCII digits) to an int.

    Args:
        text: e.g. ``三百``, ``十五``, ``一百二十三``, ``三百零三``, ``15``.

    Returns:
        The number, or ``None`` if ``text`` is not a numeral.
    """
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            return None
    if digit is not None:
        total += digit
    return total
