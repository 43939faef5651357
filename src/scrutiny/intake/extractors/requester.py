"""The requesting authority, its kind and the letter's country.

The authority comes from the registry matcher (``scrutiny.intake.authorities``, engineer
D's area): the match whose role is ``sender`` (letterhead, signature, self-identification).
When no registered body is found as sender, the country still comes from evidence in the
letter, in this order of weight: an authority the letter mentions, official web domains
(``rkn.gov.ru``, ``.gob.es``), national citation styles (``149-ФЗ``, ``U.S.C.``, ``sayılı
Kanun``), phone country codes in contact details, and the country's name. The letter's
language alone is never taken as evidence of a country (Russian is written in Belarus,
Kazakhstan…, Spanish in twenty states); when the evidence is absent or split, the country
stays unknown.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict

from scrutiny.demands.vocab import ISO_3166_ALPHA2, AuthorityKind
from scrutiny.intake.extractors.base import Found
from scrutiny.intake.extractors.targets import is_government_host
from scrutiny.intake.lexicon import DATA_DIR

__all__ = ["Requested", "country_evidence", "find_requester"]


class CountryNames(BaseModel):
    """The schema of ``countries.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    description: str
    source: str
    names: dict[str, list[str]]


@cache
def _names() -> list[tuple[str, re.Pattern[str]]]:
    from scrutiny.policy.yamlload import load_yaml_model

    data = load_yaml_model(DATA_DIR / "countries.yaml", CountryNames)
    return [(cc, re.compile("|".join(f"(?:{p})" for p in pats)))
            for cc, pats in data.names.items()]


@dataclass(frozen=True, slots=True)
class Requested:
    """What the letter says about who sends it."""

    authority: Found[str] | None
    kind: Found[AuthorityKind] | None
    country: Found[str] | None


_HOST = re.compile(r"(?:https?://|www\.|@)([\w.-]+\.[a-z]{2,})", re.I)
_CC_MAP = {"uk": "GB"}


def country_evidence(text: str, citation_countries: list[str],
                     phone_countries: list[str],
                     mentioned: list[str]) -> Found[str] | None:
    """The letter's country from indirect evidence, or ``None`` when it is absent or split.

    Args:
        text: the original text.
        citation_countries: countries of national citation styles found.
        phone_countries: countries of phone numbers in contact details.
        mentioned: countries of registry authorities mentioned (not as sender).
    """
    score: Counter[str] = Counter()
    spans: dict[str, list[tuple[int, int]]] = {}
    for cc in mentioned:
        score[cc] += 3
    for m in _HOST.finditer(text):
        host = m.group(1).lower()
        if is_government_host(host):
            tld = host.rsplit(".", 1)[-1]
            cc = _CC_MAP.get(tld, tld.upper())
            if cc == "GOV" or cc == "MIL":
                cc = "US"
            if cc in ISO_3166_ALPHA2:
                score[cc] += 3
                spans.setdefault(cc, []).append(m.span(1))
    for cc in citation_countries:
        score[cc] += 2
    for cc in phone_countries:
        score[cc] += 2
    for cc, pattern in _names():
        hits = list(pattern.finditer(text))
        if hits:
            score[cc] += min(2, len(hits))
            spans.setdefault(cc, []).extend(h.span() for h in hits[:3])
    if not score:
        return None
    ranked = score.most_common(2)
    best, points = ranked[0]
    if points < 2 or (len(ranked) > 1 and ranked[1][1] * 1.5 > points):
        return None
    conf = round(min(0.85, 0.4 + 0.05 * points), 2)
    return Found(best, tuple(spans.get(best, ())), conf, "country_evidence")


def find_requester(text: str) -> tuple[Found[str] | None, Found[AuthorityKind] | None,
                                       str | None, list[str]]:
    """The sending authority from the registry.

    Args:
        text: the original text.

    Returns:
        ``(authority name, kind, country of the sender, countries of other authorities
        mentioned)``; the first three are ``None`` when no registered body signs the letter.
    """
    from scrutiny.intake.authorities import find_authorities

    matches = find_authorities(text)
    sender = next((m for m in matches if getattr(m, "role", "sender") == "sender"), None)
    mentioned = [m.authority.country for m in matches if m is not sender]
    if sender is None:
        return None, None, None, mentioned
    spans = tuple(getattr(sender, "occurrences", ()) or ((sender.start, sender.end),))
    # for a family of bodies (courts, regional police) the name as written in the letter
    label = getattr(sender, "name", None) or sender.authority.name_en
    name = Found(str(label), spans, float(sender.confidence), "authorities",
                 {"id": sender.authority.id})
    kind = Found(sender.authority.kind, spans, float(sender.confidence), "authorities")
    return name, kind, sender.authority.country, mentioned


