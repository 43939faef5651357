"""Legal bases: citations in national styles, normalised to {instrument, provision}.

Driven by the citation grammar in ``data/intake/citations.yaml``: instrument patterns
(with labels such as ``RU Federal Law {number}-FZ``), provision patterns (``art``, ``s``,
``rule``), the connector and subdivision words allowed between a provision and the
instrument it belongs to, anaphora ("the said Law") and official titles matched fuzzily.
A citation inside a signer's job title ("Adviser on the implementation of Article 15.1…")
is not a legal basis and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from scrutiny.intake.anchored import AnchoredAlternation
from scrutiny.intake.document import View
from scrutiny.intake.extractors.base import Found
from scrutiny.intake.extractors.numerals import chinese_to_int
from scrutiny.intake.lexicon import DATA_DIR, Hit

__all__ = [
    "Citation",
    "CitationGrammar",
    "extract_legal_bases",
    "find_instruments",
    "load_grammar",
]

_NUM = r"\d+(?:\.\d+)*[A-Za-z]?(?:[-/]\d+[A-Za-z]?)*(?:\s?\([a-z0-9]{1,4}\))*"
_NUMLIST = _NUM + r"(?:\s*(?:,|and|и|y|et|und|e|ve|or)\s*" + _NUM + r")*"
_SPLIT_NUMS = re.compile(r"\s*(?:,|\band\b|\bи\b|\by\b|\bet\b|\bund\b|\be\b|\bve\b|\bor\b)\s*")
_GROUP = re.compile(r"\(\?P<(\w+)>")
_GROUP_NAME = re.compile(r"\(\?P<(\w+)>")


class ProvisionKind(BaseModel):
    """A kind of provision reference (``art``, ``s``) and its patterns."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str
    patterns: list[str]


class InstrumentEntry(BaseModel):
    """One instrument of the grammar."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str
    country: str | None = None
    context: bool | str = Field(default=False, description="true: only in letters of "
                                "`country`; 'any': label uses the letter's country.")
    patterns: list[str] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)


class CitationGrammar(BaseModel):
    """The schema of ``citations.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    description: str
    source: str
    provisions: list[ProvisionKind]
    connectors: list[str]
    subdivisions: list[str]
    anaphora: list[str]
    instruments: list[InstrumentEntry]


@dataclass(frozen=True, slots=True)
class _Inst:
    label: str | None  # None: anaphora, resolved later
    country: str | None
    start: int
    end: int
    confidence: float


@dataclass(frozen=True, slots=True)
class _Prov:
    kind: str
    numbers: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Citation:
    """A legal basis found in the text (offsets in the cleaned view)."""

    instrument: str
    provision: str | None
    country: str | None
    start: int
    end: int
    parts: tuple[tuple[int, int], ...]
    confidence: float


class _Compiled:
    def __init__(self, grammar: CitationGrammar, country: str | None) -> None:
        self.grammar = grammar
        self.entries: list[InstrumentEntry] = []
        self.entry_groups: list[list[tuple[str, str]]] = []
        alternatives: list[tuple[str, str]] = []
        for entry in grammar.instruments:
            if entry.context is True and (country is None or entry.country != country):
                continue
            i = len(self.entries)
            self.entries.append(entry)
            self.entry_groups.append([(f"g{i}_{k}_{g}", g) for k, p in enumerate(entry.patterns)
                                      for g in _GROUP_NAME.findall(p)])
            body = "|".join("(?:" + _rename(p, f"g{i}_{k}_") + ")"
                            for k, p in enumerate(entry.patterns))
            alternatives.append((f"e{i}", body))
        self.instruments = AnchoredAlternation(alternatives, re.IGNORECASE)
        prov_alts = []
        self.prov_kinds: list[str] = []
        self.prov_groups: list[set[str]] = []
        for kind in grammar.provisions:
            for pattern in kind.patterns:
                j = len(self.prov_kinds)
                self.prov_kinds.append(kind.label)
                self.prov_groups.append(set(_GROUP_NAME.findall(pattern)))
                body = _rename(pattern.replace("{NUMLIST}", _NUMLIST), f"p{j}_")
                prov_alts.append((f"k{j}", body))
        self.provisions = AnchoredAlternation(prov_alts, re.IGNORECASE)
        self.anaphora = AnchoredAlternation(
            [(f"a{k}", a) for k, a in enumerate(grammar.anaphora)], re.IGNORECASE)
        self.quoted = AnchoredAlternation([("q", _QUOTED_PATTERN)], re.IGNORECASE)
        glue = "|".join(f"(?:{s})" for s in grammar.subdivisions)
        conn = "|".join(f"(?:{c})" for c in grammar.connectors)
        self.gap_words = re.compile(rf"(?:{glue})|\b(?:{conn})\b|(?:{conn})", re.I)
        self.titles = [(t, e) for e in grammar.instruments for t in e.titles]


def _rename(pattern: str, prefix: str) -> str:
    """Prefix every named group of ``pattern`` (group names must be unique in one regex)."""
    return _GROUP.sub(lambda m: f"(?P<{prefix}{m.group(1)}>", pattern)


@cache
def load_grammar() -> CitationGrammar:
    """Load ``data/intake/citations.yaml`` (cached; strict)."""
    from scrutiny.policy.yamlload import load_yaml_model

    return load_yaml_model(DATA_DIR / "citations.yaml", CitationGrammar)


@cache
def _compiled(country: str | None) -> _Compiled:
    return _Compiled(load_grammar(), country)


def _label(entry: InstrumentEntry, groups: dict[str, str], country: str | None) -> str:
    values = {k: " ".join(v.split()) for k, v in groups.items() if v}
    if "name" in values:
        values["name"] = re.sub(r"^(?:The|the)\s+", "", values["name"])
    values["country"] = country or ""
    try:
        text = entry.label.format(**values)
    except (KeyError, IndexError):
        text = re.sub(r"\s*\(?\{\w+\}\)?", "", entry.label)
    return " ".join(text.split())


def find_instruments(text: str, country: str | None = None,
                     lowered: str | None = None) -> list[_Inst]:
    """Instrument mentions in ``text`` (a cleaned view), left to right.

    Args:
        text: cleaned text.
        country: the letter's country, enabling that country's generic names.
    """
    comp = _compiled(country)
    lowered = lowered if lowered is not None else text.lower()
    found: list[_Inst] = []
    for m in comp.instruments.finditer(text, lowered):
        name = m.lastgroup  # the entry's group: it encloses the others, so it closes last
        if name is None or not name.startswith("e"):
            continue
        i = int(name[1:])
        entry = comp.entries[i]
        groups = {}
        for full, short in comp.entry_groups[i]:
            value = m.group(full)
            if value:
                groups[short] = value
        eff_country = entry.country or (country if entry.context == "any" else None)
        conf = 0.7 if entry.context else 0.9
        found.append(_Inst(_label(entry, groups, country), eff_country, m.start(), m.end(), conf))
    for m in comp.anaphora.finditer(text, lowered):
        noun = _NOUN.search(m.group())
        found.append(_Inst(None, _NOUNS.get(noun.group().lower()[:5]) if noun else None,
                           m.start(), m.end(), 0.7))
    found.extend(_titled(text, comp, found, country, lowered))
    found.sort(key=lambda x: (x.start, -x.end))
    return found


_NOUN = re.compile(r"(?:Law|Act|Code|Regulation|Ordinance|закон|кодекс|Ley|Loi|Gesetz|Lei|Kanun)",
                   re.IGNORECASE)
_NOUNS = {"law": "Law", "act": "Act", "code": "Code", "regul": "Regulation",
          "ordin": "Ordinance", "закон": "Law", "кодек": "Code", "ley": "Law", "loi": "Law",
          "gesetz": "Law", "lei": "Law", "kanun": "Law"}
"""An anaphor's noun ("the said Act") and the word an instrument label then contains."""

_QUOTED_PATTERN = (
    r"(?:(?:Federal|Федеральн\w*)\s+)?(?:закон\w*|Law|Act|Code|кодекс\w*|Ley|Loi|Gesetz\w*|Lei|Kanun\w*)\s*(?:(?:от|of|dated)\s+"
    r"[^«\"“]{0,30}?)?\s*(?:No\.?\s*\S+\s*)?[«\"“„](?P<title>[^»\"”“]{8,200})[»\"”“]"
)


def _titled(text: str, comp: _Compiled, existing: list[_Inst],
            country: str | None, lowered: str) -> list[_Inst]:
    if not comp.titles:
        return []
    from rapidfuzz import fuzz, process, utils

    out: list[_Inst] = []
    choices = [t for t, _ in comp.titles]
    for m in comp.quoted.finditer(text, lowered):
        s = m.start("title")
        if any(x.start <= s < x.end for x in existing):
            continue
        best = process.extractOne(m.group("title"), choices, scorer=fuzz.token_sort_ratio,
                                  processor=utils.default_process, score_cutoff=80)
        if best is None:
            continue
        entry = comp.titles[best[2]][1]
        out.append(_Inst(_label(entry, {}, country), entry.country, m.start(), m.end(),
                         round(0.6 + 0.3 * (best[1] - 80) / 20, 2)))
    return out


def _provisions(text: str, comp: _Compiled, lowered: str) -> list[_Prov]:
    out: list[_Prov] = []
    for m in comp.provisions.finditer(text, lowered):
        key = m.lastgroup
        if key is None or not key.startswith("k"):
            continue
        j = int(key[1:])
        kind = comp.prov_kinds[j]
        names = comp.prov_groups[j]
        raw = m.group(f"p{j}_num") if "num" in names else None
        cn = m.group(f"p{j}_cnnum") if "cnnum" in names else None
        if cn is not None:
            value = chinese_to_int(cn)
            numbers: tuple[str, ...] = (str(value),) if value is not None else ()
        elif raw is not None:
            numbers = tuple(n.replace(" ", "") for n in _SPLIT_NUMS.split(raw) if n)
        else:
            numbers = ()
        if numbers:
            out.append(_Prov(kind, numbers, m.start(), m.end()))
    return out


_AFTER_GAP = re.compile(
    r"^[\s,:'’»》」\"”)]*(?:[''’]?(?:un|ün|nın|nin|ın|in|nun|nün|n)\b)?\s*,?\s*$",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.;!?。；！？]\s+[A-ZА-ЯЁ]|[;；。]")


def _gap_ok(gap: str, comp: _Compiled) -> bool:
    if len(gap) > 80 or _SENTENCE_BREAK.search(gap):
        return False
    rest = comp.gap_words.sub(" ", gap)
    return not re.search(r"[^\s,.()'’‘\"“”«»《》:\-–]", rest)


def extract_legal_bases(view: View, country: str | None,
                        roles: list[Hit] | None = None) -> list[Found[Citation]]:
    """Legal bases cited in a letter.

    Args:
        view: the cleaned view of the letter.
        country: the letter's country (enables generic names such as "Criminal Code").
        roles: ``role`` cue hits (job titles) in the view; citations right after one are
            dropped.

    Returns:
        One :class:`Found` per distinct (instrument, provision); an instrument cited with a
        provision somewhere is not repeated bare. Spans are in the original text.
    """
    text = view.text
    comp = _compiled(country)
    insts = find_instruments(text, country, view.lowered)
    # resolve anaphora to the previous named instrument
    resolved: list[_Inst] = []
    for inst in insts:
        if inst.label is None:
            noun = inst.country  # for an anaphor: the noun its antecedent's label contains
            near = [p for p in reversed(resolved) if p.end <= inst.start
                    and inst.start - p.end < 600]
            prev = next((p for p in near if noun and p.label and noun in p.label),
                        near[0] if near else None)
            if prev is None:
                continue
            inst = _Inst(prev.label, prev.country, inst.start, inst.end, 0.7)
        if resolved and inst.start < resolved[-1].end:
            continue  # overlaps a longer, earlier mention
        resolved.append(inst)
    provs = _provisions(text, comp, view.lowered)
    role_ends = [h.end for h in roles or []]

    def in_role(pos: int) -> bool:
        return any(0 <= pos - end <= 3 for end in role_ends)

    citations: list[Citation] = []
    linked: set[int] = set()
    for prov in provs:
        target: _Inst | None = None
        for inst in resolved:
            if inst.start >= prov.end and _gap_ok(text[prov.end:inst.start], comp):
                target = inst
                break
            if inst.start >= prov.end:
                break
        if target is None:
            before = [i for i in resolved if i.end <= prov.start]
            if before:
                last = before[-1]
                gap = text[last.end:prov.start]
                if len(gap) <= 12 and _AFTER_GAP.match(gap):
                    target = last
        if target is None or target.label is None:
            continue
        linked.add(id(target))
        if in_role(prov.start) or in_role(target.start):
            continue
        for number in prov.numbers:
            start, end = min(prov.start, target.start), max(prov.end, target.end)
            citations.append(Citation(target.label, f"{prov.kind} {number}", target.country,
                                      start, end, ((prov.start, prov.end),
                                                   (target.start, target.end)),
                                      target.confidence))
    with_provision = {c.instrument for c in citations}
    for inst in resolved:
        if (inst.label is None or inst.label in with_provision or id(inst) in linked
                or in_role(inst.start)):
            continue
        citations.append(Citation(inst.label, None, inst.country, inst.start, inst.end,
                                  ((inst.start, inst.end),), inst.confidence * 0.9))
    out: dict[tuple[str, str | None], Found[Citation]] = {}
    for c in citations:
        key = (c.instrument, c.provision)
        spans = tuple(view.to_original(s, e) for s, e in c.parts)
        if key in out:
            old = out[key]
            out[key] = Found(old.value, old.spans + spans, old.confidence, old.extractor)
            continue
        out[key] = Found(c, spans, c.confidence, "citations")
    return list(out.values())
