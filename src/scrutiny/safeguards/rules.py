"""Per-policy lookup tables, built once per (policy, reference) and reused for every demand.

The engine runs for many demands under one policy; building these plain dicts and frozensets
once keeps pydantic and enum conversions out of the hot path. Every value still comes from the
policy pack or the reference data (DESIGN.md §2): nothing here is a legal threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from scrutiny.demands.vocab import (
    AuthorityKind,
    DataCategory,
    DemandType,
    ProcessType,
    ReasonCategory,
)
from scrutiny.safeguards.types import Evidence, Source

if TYPE_CHECKING:
    from scrutiny.policy import AuthLevel, Policy, Reference

__all__ = ["LevelRequirement", "Rules", "rules_for"]

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class LevelRequirement:
    """Required authorisation for one data category or measure (from the policy)."""

    key: str
    required: AuthLevel
    floor: AuthLevel
    accepted_kinds: frozenset[AuthorityKind]
    sources: tuple[Source, ...]
    required_rank: int
    floor_rank: int


def _sources(refs: Any) -> tuple[Source, ...]:
    return tuple(Source(instrument=r.instrument, provision=r.provision, url=r.url,
                        note=r.note, verified=r.verified) for r in refs)


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything a check needs from the policy and reference data, as plain lookups."""

    policy: Policy
    reference: Reference
    policy_id: str
    policy_version: str
    home_country: str
    requirements: dict[str, LevelRequirement]
    levels: dict[tuple[AuthorityKind | None, ProcessType | None, bool], AuthLevel | None]
    level_ranks: dict[tuple[AuthorityKind | None, ProcessType | None, bool], int | None]
    level_info: dict[tuple[AuthorityKind | None, ProcessType | None, bool],
                     tuple[AuthLevel | None, int | None]]
    """``(level, rank)`` by (authority kind, process, judicial): one lookup per demand."""
    rank_names: dict[int, str]
    top_category_rank: int
    conduct_reasons: dict[ReasonCategory, tuple[str, ...]]
    criminal: dict[tuple[str, str], bool | None]
    expression: dict[ReasonCategory, str]
    expression_sources: dict[ReasonCategory, tuple[Source, ...]]
    qualifying_harms: tuple[str, ...]
    non_qualifying_harms: tuple[str, ...]
    emergency_categories: frozenset[DataCategory]
    emergency_follow_up_days: int
    emergency_verification_required: bool
    emergency_sources: tuple[Source, ...]
    max_accounts: int
    max_items: int
    max_time_range_days: int
    min_penalty_content: float
    min_penalty_traffic: float
    min_penalty_interception: float
    sensitive_categories: frozenset[DataCategory]
    proportionality_sources: tuple[Source, ...]
    deferral_review_days: int
    max_deferral_days_without_court: int
    band_size: int
    default_hours: dict[DemandType, int]
    blocking: frozenset[str]
    high_risk: frozenset[str]
    instrument_urls: dict[str, str | None]
    instrument_verified: dict[str, bool]
    catch_all: tuple[str, ...]
    all_records: tuple[str, ...]
    boilerplate: tuple[str, ...]
    unreviewable: tuple[str, ...]
    free_webmail: tuple[str, ...]
    harm_words: dict[str, tuple[str, ...]]
    judicial_rank: int
    court_powers: dict[tuple[str, str], tuple[Evidence, ...]]
    profiled_countries: frozenset[str | None]
    profile_offences: dict[tuple[str, str], tuple[Evidence, ...]]
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    """Answers of pure helpers under these tables, by (helper name, arguments): see
    :meth:`remember`."""

    def remember(self, key: tuple[Any, ...], value: _T) -> _T:
        """Keep ``value`` as the answer for ``key`` (a helper name and its arguments) and
        return it; a memo holding 65,536 answers keeps what it has (bounded memory).

        Only for pure functions of the key and these tables: a check reads
        ``rules.memo.get(key)`` first and computes and remembers on a miss.
        """
        memo = self.memo
        if len(memo) < 65536:
            memo[key] = value
        return value

    def court_required(self, country: str | None, power: str) -> tuple[Evidence, ...]:
        """Where a state's analysed law requires a court order for a power (empty: it does
        not, or there is no law profile)."""
        if country is None:
            return ()
        return self.court_powers.get((country, power), ())

    def profile_offence(self, country: str, conduct: str) -> tuple[Evidence, ...]:
        """The offence provisions of a state's analysed law for a conduct (empty: none)."""
        return self.profile_offences.get((country, conduct), ())

    def criminal_in(self, country: str, conduct: str) -> bool | None:
        """Whether a conduct is criminal in a state (reference offence map; ``None``: unknown)."""
        return self.criminal.get((country, conduct))

    def level_of(self, kind: AuthorityKind | None, process: ProcessType | None,
                 judicial: bool | None) -> AuthLevel | None:
        """The level a demand stands at (policy ``level_of``, precomputed)."""
        return self.levels[(kind, process, bool(judicial))]

    def resolve(self, sources: tuple[Source, ...]) -> tuple[Source, ...]:
        """Fill each source's URL (and verification flag) from the reference registry."""
        out = []
        for s in sources:
            url = s.url or self.instrument_urls.get(s.instrument)
            verified = s.verified and self.instrument_verified.get(s.instrument, True)
            out.append(replace(s, url=url, verified=verified))
        return tuple(out)


PROFILE_EVIDENCE = "law_profiles."
"""Prefix of the evidence fields that cite a law profile (reference data, never the demand:
such evidence carries no text spans of the demand)."""


def _profile_evidence(country: str, kind: str, source: Any, label: str) -> Evidence:
    start, end = source.span
    return Evidence(f"{PROFILE_EVIDENCE}{country}.{kind}", (
        f"{source.instrument} {source.provision} ({label}; characters {start}-{end}): "
        f"{source.text}"))


def _profiles(reference: Reference) -> tuple[dict[tuple[str, str], tuple[Evidence, ...]],
                                               dict[tuple[str, str], tuple[Evidence, ...]]]:
    """Court-order powers and offences from the reference's law profiles, with provenance.

    A power counts as needing a court order only when every provision of that kind in the
    profile requires one (a law with an executive route too does not).
    """
    courts: dict[tuple[str, str], tuple[Evidence, ...]] = {}
    offences: dict[tuple[str, str], list[Evidence]] = {}
    for country in reference.law_profile_countries():
        profile = reference.law_profile(country)
        if profile is None:
            continue
        by_kind: dict[str, list[Any]] = {}
        for power in profile.powers:
            by_kind.setdefault(power.power, []).append(power)
        for kind, entries in by_kind.items():
            if all(e.court_order_required for e in entries):
                courts[(country, kind)] = tuple(
                    _profile_evidence(country, "powers", e.source, e.label) for e in entries)
        for offence in profile.offences:
            for key in offence.conducts:
                conduct = reference.profile_conduct(key)
                if conduct is not None:
                    offences.setdefault((country, conduct), []).append(_profile_evidence(
                        country, "offences", offence.source, offence.title))
    return courts, {k: tuple(v) for k, v in offences.items()}


def _build(policy: Policy, reference: Reference) -> Rules:
    from scrutiny.policy import AuthLevel
    from scrutiny.policy.model import Requirement

    requirements = {}
    for req in Requirement:
        rule = policy.level_rule(req)
        requirements[req.value] = LevelRequirement(
            key=req.value, required=rule.required, floor=rule.floor,
            accepted_kinds=frozenset(rule.accepted_authority_kinds),
            sources=_sources(rule.sources), required_rank=rule.required.rank,
            floor_rank=rule.floor.rank)
    levels: dict[tuple[AuthorityKind | None, ProcessType | None, bool], AuthLevel | None] = {}
    for kind in (None, *AuthorityKind):
        for process in (None, *ProcessType):
            for judicial in (False, True):
                levels[(kind, process, judicial)] = policy.level_of(kind, process, judicial)
    em = policy.emergency
    pr = policy.proportionality
    instruments = reference.instruments
    lex = policy.lexicons
    court_powers, profile_offences = _profiles(reference)
    return Rules(
        policy=policy,
        reference=reference,
        policy_id=policy.id,
        policy_version=policy.version,
        home_country=policy.home_country,
        requirements=requirements,
        levels=levels,
        level_ranks={k: (v.rank if v is not None else None) for k, v in levels.items()},
        level_info={k: (v, v.rank if v is not None else None) for k, v in levels.items()},
        rank_names={lv.rank: lv.value for lv in AuthLevel},
        top_category_rank=max(requirements[c.value].required_rank for c in DataCategory),
        conduct_reasons={r: tuple(reference.conducts_for_reason(r)) for r in ReasonCategory},
        criminal={(country, conduct): reference.criminal(country, conduct)
                  for country in reference.offence_countries() for conduct in reference.conducts},
        expression={r: policy.expression_class(r) for r in ReasonCategory},
        expression_sources={r: _sources(policy.expression_rule(r).sources)
                            for r in ReasonCategory},
        qualifying_harms=tuple(h.lower() for h in em.qualifying_harms.value),
        non_qualifying_harms=tuple(h.lower() for h in em.non_qualifying_harms.value),
        emergency_categories=frozenset(em.allowed_data_categories.value),
        emergency_follow_up_days=em.follow_up_days.value,
        emergency_verification_required=em.verification_required.value,
        emergency_sources=_sources(em.qualifying_harms.sources),
        max_accounts=pr.max_accounts_before_concern.value,
        max_items=pr.max_items_before_concern.value,
        max_time_range_days=pr.max_time_range_days.value,
        min_penalty_content=pr.min_penalty_years_for_content.value,
        min_penalty_traffic=pr.min_penalty_years_for_traffic.value,
        min_penalty_interception=pr.min_penalty_years_for_interception.value,
        sensitive_categories=frozenset(pr.sensitive_data_categories.value),
        proportionality_sources=_sources(pr.max_time_range_days.sources),
        deferral_review_days=policy.notification.deferral_review_days.value,
        max_deferral_days_without_court=(
            policy.notification.max_deferral_days_without_court.value),
        band_size=policy.reporting.band_size.value,
        default_hours={t: policy.deadline_hours(t) for t in DemandType},
        blocking=policy.blocking_safeguards,
        high_risk=policy.high_risk_safeguards,
        instrument_urls={k: getattr(v, "url", None) for k, v in instruments.items()},
        instrument_verified={k: bool(getattr(v, "verified", True))
                             for k, v in instruments.items()},
        catch_all=lex.catch_all.value,
        all_records=lex.all_records.value,
        boilerplate=lex.boilerplate.value,
        unreviewable=lex.unreviewable.value,
        free_webmail=lex.free_webmail.value,
        harm_words=dict(lex.harm_words.value),
        judicial_rank=AuthLevel.JUDICIAL.rank,
        court_powers=court_powers,
        profiled_countries=frozenset(reference.law_profile_countries()),
        profile_offences=profile_offences,
    )


_CACHE: dict[tuple[int, int], tuple[Policy, Reference, Rules]] = {}


def rules_for(policy: Policy, reference: Reference) -> Rules:
    """The tables for this policy and reference (built on first use, then cached)."""
    key = (id(policy), id(reference))
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is policy and hit[1] is reference:
        return hit[2]
    rules = _build(policy, reference)
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[key] = (policy, reference, rules)
    return rules
