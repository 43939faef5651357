"""Jurisdiction law profiles: what an analysed national law says about powers and offences.

A profile records, with provenance (instrument, provision id, span, analysed-at), which
procedural powers the law grants and whether each needs a court order or other independent
authorisation, and which offences it creates and whether each requires intent. The review
engine and reference data can attach profiles to dual-criminality and process-level checks::

    from scrutiny.instruments.profiles import load_profile
    profile = load_profile(path)
    profile.power("interception").authorisation   # "judicial" | "executive" | "none"
    profile.offences_for("defamation")             # offences classified under a conduct
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from scrutiny.instruments.analysis import Analysis
from scrutiny.instruments.context import Context
from scrutiny.instruments.detectors.powers import power_units
from scrutiny.instruments.offences import offence_units
from scrutiny.instruments.rules import RULES_DIR, load_rules
from scrutiny.policy.yamlload import load_yaml_model

__all__ = ["LawProfile", "OffenceEntry", "PowerEntry", "build_profile", "dump_profile",
           "load_profile"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Provenance(_Strict):
    """Where a profile entry comes from."""

    instrument: str
    provision: str
    span: tuple[int, int]
    text: str


class PowerEntry(_Strict):
    """A procedural power of the law."""

    power: str
    label: str
    authorisation: Literal["judicial", "executive", "none"]
    court_order_required: bool
    subject_to_safeguards_provision: bool
    source: Provenance


class OffenceEntry(_Strict):
    """An offence the law creates."""

    title: str
    conducts: list[str]
    requires_intent: bool
    intent_words: str | None
    source: Provenance


class LawProfile(_Strict):
    """A jurisdiction's analysed law."""

    jurisdiction: str
    instrument: str
    instrument_title: str
    instrument_sha256: str
    analysed_at: datetime
    analyser: str
    powers: list[PowerEntry]
    offences: list[OffenceEntry]

    def power(self, name: str) -> PowerEntry | None:
        """The first power of a type (``interception``, ``search``, ``production`` …)."""
        return next((p for p in self.powers if p.power == name), None)

    def offences_for(self, conduct: str) -> list[OffenceEntry]:
        """Offences classified under a conduct key (``defamation``, ``illegal_access`` …)."""
        return [o for o in self.offences if conduct in o.conducts]


class _Conducts(_Strict):
    conducts: dict[str, list[str]]


def _conducts() -> dict[str, list[str]]:
    return load_yaml_model(RULES_DIR / "conducts.yaml", _Conducts).conducts


def build_profile(analysis: Analysis, jurisdiction: str, analysed_at: datetime) -> LawProfile:
    """Build the profile of an analysed law.

    Args:
        analysis: the analysis of the law.
        jurisdiction: ISO 3166-1 alpha-2 code.
        analysed_at: when the analysis ran (given by the caller: the core reads no clock).
    """
    import re

    doc = analysis.document
    ctx = Context(doc, load_rules())
    powers = []
    seen: set[tuple[str, str]] = set()
    for pu in power_units(ctx):
        key = (pu.kind, pu.unit.node.id)
        if key in seen:
            continue
        seen.add(key)
        powers.append(PowerEntry(
            power=pu.kind, label=pu.label, authorisation=pu.authorisation,
            court_order_required=pu.authorisation == "judicial",
            subject_to_safeguards_provision=pu.linked,
            source=Provenance(instrument=doc.name, provision=pu.unit.node.id,
                              span=pu.sentence, text=" ".join(doc.slice(pu.sentence).split())),
        ))
    table = {k: re.compile("|".join(v), re.IGNORECASE) for k, v in _conducts().items()}
    offences = []
    for ou in offence_units(ctx):
        if ou.derivative or ou.regulatory:
            continue
        node, top = ou.unit.node, ou.unit.top
        title = node.title or top.title or node.id
        probe = title if (node.title or top.title) else ou.unit.text[:400]
        conducts = [k for k, rx in table.items() if rx.search(probe)]
        sentence = ctx.sentence_at(ou.unit.span, ou.establishing[0])
        offences.append(OffenceEntry(
            title=title, conducts=conducts, requires_intent=ou.intent is not None,
            intent_words=doc.slice(ou.intent) if ou.intent else None,
            source=Provenance(instrument=doc.name, provision=node.id, span=sentence,
                              text=" ".join(doc.slice(sentence).split())[:300]),
        ))
    return LawProfile(
        jurisdiction=jurisdiction.upper(), instrument=doc.name, instrument_title=doc.title,
        instrument_sha256=hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
        analysed_at=analysed_at, analyser="scrutiny.instruments", powers=powers,
        offences=offences)


def dump_profile(profile: LawProfile) -> str:
    """The profile as YAML (loadable with :func:`load_profile`)."""
    data = profile.model_dump(mode="json")
    header = (f"# Law profile of {profile.jurisdiction}: {profile.instrument_title}\n"
              "# Generated by `scrutiny analyze --profile`; every entry names its provision "
              "and span.\n")
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def load_profile(path: Path) -> LawProfile:
    """Load a profile strictly (unknown keys, bad values are errors naming the file)."""
    return load_yaml_model(Path(path), LawProfile)
