"""Turning bytes into text: byte-order marks, UTF-8, UTF-16 and legacy code pages.

Letters arrive in UTF-8, but also in Windows-1251 (Russian), GB18030/GBK (Chinese), UTF-16
(Word exports) and others. Detection order: byte-order mark, strict UTF-8, UTF-16 without a
mark (recognised by its pattern of zero bytes), then ``charset-normalizer``. Binary junk is
refused rather than decoded into noise.
"""

from __future__ import annotations

import codecs
import re

from scrutiny.errors import UnsupportedInput

__all__ = ["control_ratio", "decode_bytes", "looks_binary"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_DROP_BAD = {c: None for c in [*range(0x20), *range(0x7F, 0xA0), 0xFFFD]
             if chr(c) not in _ALLOWED_CONTROLS}
"""Control characters (C0 but tab and line breaks, DEL, C1) and U+FFFD."""
_BAD = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_DROP_BAD)) + "]")
"""The same characters as a regex class: counted by a fast scan (``translate`` with a table
costs a dictionary look-up per character)."""
MAX_CONTROL_RATIO = 0.05
"""Share of control characters (or U+FFFD) above which decoded text is called binary junk."""


def control_ratio(text: str) -> float:
    """Share of characters that are control characters or replacement characters.

    Args:
        text: decoded text.

    Returns:
        A number in [0, 1]; 0 for empty text.
    """
    if not text:
        return 0.0
    sample = text[:65536]
    return len(_BAD.findall(sample)) / len(sample)


def looks_binary(text: str) -> bool:
    """Whether decoded text is mostly not text (executables, images, random bytes)."""
    return control_ratio(text) > MAX_CONTROL_RATIO


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0)
    odd_zero = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_zero > 0.3 * half and even_zero < 0.05 * half:
        return "utf-16-le"
    if even_zero > 0.3 * half and odd_zero < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, location: str, declared: str | None = None) -> tuple[str, str]:
    """Decode a letter's bytes.

    Args:
        data: the raw bytes.
        location: the file name, for error messages.
        declared: a charset declared by the container (e-mail part, HTML meta), tried first.

    Returns:
        ``(text, encoding)``.

    Raises:
        UnsupportedInput: the bytes are binary junk, not text in any known encoding.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(name, errors="replace")
            return _checked(text, location), name
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            declared = None
    if declared:
        try:
            return _checked(data.decode(declared), location), declared.lower()
        except (UnicodeDecodeError, LookupError):
            pass
    controls_in_utf8 = False
    try:
        text = data.decode("utf-8")
        if not looks_binary(text):
            return text, "utf-8"
        controls_in_utf8 = True
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data.decode(utf16, errors="replace"), location), utf16
    if controls_in_utf8 and len(data) % 2 == 0:
        for name in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            letters = sum(ch.isalpha() or ch.isspace() for ch in text[:4096])
            if not looks_binary(text) and letters > 0.8 * min(len(text), 4096):
                return text, name
    if b"\x00" in data[:8192]:
        raise _binary(location)
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise _binary(location)
    encoding = best.encoding
    return _checked(data.decode(encoding, errors="replace"), location), encoding


def _binary(location: str) -> UnsupportedInput:
    return UnsupportedInput(
        "this looks like binary data, not a letter",
        location=location,
        hint="give a .txt, .md, .eml, .pdf or .html file",
    )


def _checked(text: str, location: str) -> str:
    if looks_binary(text):
        raise _binary(location)
    return text
