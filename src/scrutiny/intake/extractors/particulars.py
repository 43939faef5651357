"""Particulars of a demand: its reference numbers and the offence it concerns.

``reference`` (the authority's number for the letter: "Ref. No.", "Исх. №", "案号",
"Expediente") and ``proceeding_reference`` (the case it is made in: "criminal case No.",
"уголовное дело №", "Diligencias Previas") come from the ``references`` lexicon; the identifier
is the token with a digit that ends the match. A number that is part of a law's citation
("№ 149-ФЗ от 27.07.2006") is not a reference. The ``offence`` comes from the ``offences``
lexicon: the offence named (to the end of its clause) and the largest upper bound of
imprisonment stated ("punishable by up to 5 years" → 5); a lower bound alone gives none.
"""

from __future__ import annotations

import re
from functools import cache

from scrutiny.demands.model import Offence
from scrutiny.intake.document import View
from scrutiny.intake.extractors.base import Found
from scrutiny.intake.extractors.numerals import chinese_to_int
from scrutiny.intake.lexicon import Hit, Lexicon, load_lexicon, number_pattern, number_words

__all__ = ["extract_offence", "extract_references", "penalty_years"]

_LABEL_END = re.compile(r"[\s:：]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@cache
def _numbers() -> re.Pattern[str]:
    return re.compile(number_pattern(), re.IGNORECASE)


@cache
def _split() -> tuple[Lexicon, Lexicon]:
    """The ``offences`` lexicon as two scans: offences named, penalties (which may stand
    inside an offence phrase: "the offence of fraud, punishable by up to 5 years")."""
    full = load_lexicon("offences")
    named = [e for e in full.entries if e.value == "offence"]
    other = [e for e in full.entries if e.value != "offence"]
    return (Lexicon("offences", full.data.model_copy(update={"entries": named})),
            Lexicon("offences", full.data.model_copy(update={"entries": other})))


def penalty_years(text: str) -> float | None:
    """The largest number in a penalty phrase ("de 2 a 5 años" → 5; "七年以下" → 7)."""
    values: list[float] = []
    words = number_words()
    for m in _numbers().finditer(text):
        tok = m.group().lower()
        if tok in words:
            values.append(float(words[tok]))
        elif tok[0].isdigit():
            values.append(float(tok.replace(",", ".")))
        else:
            n = chinese_to_int(tok)
            if n is not None:
                values.append(float(n))
    return max(values) if values else None


def extract_references(view: View, cited: list[tuple[int, int]]
                       ) -> tuple[Found[str] | None, Found[str] | None]:
    """``(reference, proceeding_reference)``, the first of each.

    Args:
        view: the cleaned view.
        cited: spans (view offsets) of legal citations: a number inside one is a law's.
    """
    first: dict[str, Found[str]] = {}
    for hit in load_lexicon("references").finditer(view.text, view.lowered):
        if hit.value in first or any(s < hit.end and hit.start < e for s, e in cited):
            continue
        ident = _LABEL_END.split(hit.text)[-1].rstrip(".,)(/-")
        if not any(c.isdigit() for c in ident):
            continue
        start = hit.start + hit.text.rfind(ident)
        if ident.startswith("〔"):  # 京公网安〔2020〕123号: the issuer's abbreviation before it
            while start > 0 and hit.start - start < 8 and _HAN.match(view.text, start - 1):
                start -= 1
            ident = view.text[start:hit.start] + ident
        span = view.to_original(start, start + len(ident))
        first[hit.value] = Found(ident, (span,), hit.confidence, "references")
    return first.get("reference"), first.get("proceeding")


_CLAUSE_END = re.compile(r"[;；。]|,\s(?:which|that|and|и|который|которое|que|qui|und|ve|e)\s"
                         r"|\s(?:punishable|наказ\w*|castigad\w*|puni\w*|strafbar|cezalandır\w*|"
                         r"punid\w*)", re.IGNORECASE)


def _clause(text: str) -> str:
    text = _CLAUSE_END.split(text)[0]
    text = " ".join(text.split()).rstrip(" ,.")
    if len(text) > 160:
        text = text[:160].rsplit(" ", 1)[0]
    return text


def extract_offence(view: View) -> Found[Offence] | None:
    """The offence named and the maximum penalty stated, if any.

    Args:
        view: the cleaned view.
    """
    named_lex, penalty_lex = _split()
    hits = named_lex.find(view.text, view.lowered) + penalty_lex.find(view.text, view.lowered)
    if not hits:
        return None
    named = [h for h in hits if h.value == "offence"]
    maxima: list[tuple[float, Hit]] = []
    for h in hits:
        if h.value == "penalty_max":
            years = penalty_years(h.text)
            if years is not None:
                maxima.append((years, h))
    life = [h for h in hits if h.value == "penalty_life"]
    offence = Offence()
    used: list[Hit] = []
    if named:
        offence.text = _clause(named[0].text)[:300] or None
        used.append(named[0])
    if life:
        offence.max_penalty = " ".join(life[0].text.split())
        used.append(life[0])
    elif maxima:
        years, h = max(maxima, key=lambda p: p[0])
        offence.max_penalty = " ".join(h.text.split())
        offence.max_penalty_years = years
        used.append(h)
    if not used:
        return None
    spans = tuple(view.to_original(h.start, h.end) for h in used)
    return Found(offence, spans, 0.75, "offences")
