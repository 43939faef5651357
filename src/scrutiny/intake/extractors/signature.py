"""The signature block: who signed the letter, with what title.

The block is the few short lines after the letter's last closing formula ("Best regards",
"С уважением", "此致", "Atentamente" — the ``closing`` cues). In it, a line holding an official
title (``titles`` lexicon) is the signer's title, and a line shaped like a person's name (two to
four capitalised words or initials, "И.И. Иванов", "John A. Smith") with no organisation word is
the signer's name. A block with either, with a redaction marker in place of the name, or a
statement that the letter is signed electronically, means the letter is signed. Nothing is
read from a letter without a closing formula or an electronic-signature statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from scrutiny.intake.anchored import AnchorFiltered
from scrutiny.intake.extractors.base import Found
from scrutiny.intake.lexicon import load_lexicon

__all__ = ["Signature", "extract_signature"]

_MAX_LINES = 8
_MAX_LINE = 120
_WORD = r"(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zß-öø-ÿа-яё'’\-]+|(?:[A-ZА-ЯЁ]\.\s?){1,2})"
_NAME = re.compile(rf"{_WORD}(?:\s+{_WORD}){{1,3}}")
_ORG = re.compile(
    r"\b(?:department|ministry|service|police|office|bureau|agency|unit|division|court|"
    r"government|federal|national|republic|authority|commission|center|centre|directorate|"
    r"security|cyber|public|state|city|regional|association|institute|company|corporation|"
    r"council|organi[sz]ation|society|committee|network|industry|group|team|guardia|polic[ií]a|ministerio|servicio|"
    r"dirección|brigada|unidad|tribunal|juzgado|fiscalía|ministère|service|direction|"
    r"gendarmerie|bundes\w*|landes\w*|polizei\w*|behörde|amt|bakanlığı|başkanlığı|müdürlüğü|"
    r"ministério|polícia|delegacia)\b"
    r"|(?:служб|министерств|управлени|департамент|отдел|федеральн|комитет|прокуратур|суд\b|"
    r"роскомнадзор|ведомств)",
    re.IGNORECASE)
_REDACTED = re.compile(r"^\s*\[[^\]\n]{1,30}\]\s*$")
_E_SIGNED = AnchorFiltered([
    r"\bsigned\s+(?:electronically|digitally|with\s+an?\s+(?:electronic|digital|qualified))",
    r"\b(?:electronic|digital|qualified)\s+signature\b",
    r"подписан\w*\s+(?:\w+\s+){0,3}(?:электронн\w*\s+)?(?:цифров\w*\s+)?подпись\w*",
    r"\bfirmad[oa]\s+(?:electrónicamente|digitalmente)", r"\bsigné\s+électroniquement",
    r"\belektronisch\s+signiert", r"\belektronik\s+imza",
    r"\bassinad[oa]\s+(?:eletronicamente|digitalmente)",
    r"电子签名|电子签章",
])
"""Statements that a letter is signed electronically (searched with only the alternatives
whose words occur)."""


@cache
def _titles() -> AnchorFiltered:
    """The ``titles`` lexicon as one alternation, tried on a line with only the patterns
    whose anchors occur in it."""
    lexicon = load_lexicon("titles")
    return AnchorFiltered([p for e in lexicon.entries for p in e.patterns], re.IGNORECASE)


_E_KEYS = ("sign", "подпис", "firmad", "imza", "assinad", "电子签")
"""Substrings one of which any electronic-signature statement holds (a cheap pre-check before
the full pattern)."""


@dataclass(frozen=True, slots=True)
class Signature:
    """What the signature block says (spans in the original text)."""

    signed: Found[bool] | None
    name: Found[str] | None
    title: Found[str] | None


def _lines(text: str, start: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = text.find("\n", start)
    while pos != -1 and len(out) < _MAX_LINES:
        nxt = text.find("\n", pos + 1)
        end = len(text) if nxt == -1 else nxt
        s, e = pos + 1, end
        line = text[s:e]
        if line.startswith("--- attachment:"):
            break
        if line.strip():
            if len(line.strip()) > _MAX_LINE:
                break
            lead = len(line) - len(line.lstrip())
            out.append((s + lead, s + len(line.rstrip())))
        pos = nxt
    return out


def extract_signature(text: str, closings: list[tuple[int, int]]) -> Signature:
    """Read the signature block after the last closing formula.

    Args:
        text: the original text.
        closings: spans (original offsets) of closing formulas, in order.
    """
    name = title = signed = None
    if closings:
        _, end = closings[-1]
        titles = _titles()
        for s, e in _lines(text, end):
            line = text[s:e]
            if _REDACTED.match(line):
                signed = signed or Found(True, ((s, e),), 0.6, "signature")
                continue
            if title is None and titles.search(line):
                title = Found(" ".join(line.split()), ((s, e),), 0.7, "signature")
                continue
            if name is None and _NAME.fullmatch(line.strip()) and not _ORG.search(line):
                name = Found(" ".join(line.split()), ((s, e),), 0.6, "signature")
    if signed is None and (name is not None or title is not None):
        first = name or title
        assert first is not None
        signed = Found(True, first.spans, 0.7, "signature")
    if signed is None and any(k in text.lower() for k in _E_KEYS):
        m = _E_SIGNED.search(text)
        if m is not None:
            signed = Found(True, ((m.start(), m.end()),), 0.8, "signature")
    return Signature(signed, name, title)
