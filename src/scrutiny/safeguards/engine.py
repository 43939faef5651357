"""``review()``: run every safeguard check on one demand and roll the verdicts up.

Pure: no clock, database or network. The result is reproducible from (demand, policy,
reference, as_of) and records the policy id/version, the as-of date and the engine version.
Checks fail closed (DESIGN.md §4): an exception inside a check becomes ``unknown`` with code
``<id>.check_error``, never ``met``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scrutiny.demands.model import Demand
from scrutiny.safeguards import checks as _checks  # noqa: F401  (registers every check)
from scrutiny.safeguards.facts import Facts, build_facts
from scrutiny.safeguards.overrides import OVERRIDES
from scrutiny.safeguards.registry import REGISTRY, Check, Finding
from scrutiny.safeguards.rollup import decide, merge_narrowings
from scrutiny.safeguards.rules import Rules, rules_for
from scrutiny.safeguards.types import Evidence, Review, Source, Status, Verdict

if TYPE_CHECKING:
    from scrutiny.policy import Policy, Reference

__all__ = ["ENGINE_VERSION", "review", "run_check"]

ENGINE_VERSION = "1.0.0"
"""Version of the check logic; bump it whenever a check or the roll-up changes behaviour."""

_SEVERITY = {Status.NOT_APPLICABLE: 0, Status.MET: 1, Status.CONCERN: 2, Status.UNKNOWN: 3,
             Status.UNMET: 4}


@dataclass(frozen=True, slots=True)
class _Prepared:
    check: Check
    sources: tuple[Source, ...]
    not_applicable: Verdict
    override_sources: dict[str, tuple[Source, ...]]


_PREPARED: dict[int, tuple[Rules, tuple[_Prepared, ...]]] = {}


def _prepare(rules: Rules) -> tuple[_Prepared, ...]:
    hit = _PREPARED.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1]
    out = []
    for check in REGISTRY.values():
        sources = rules.resolve(check.sources)
        na = Verdict(check.id, Status.NOT_APPLICABLE, codes=(f"{check.id}.not_applicable",),
                     reasons=(f"Does not apply to this kind of demand (applies to: "
                              f"{check.applies.label}).",), sources=sources)
        overrides = {o.id: rules.resolve(o.sources) for o in OVERRIDES.values()
                     if o.safeguard == check.id}
        out.append(_Prepared(check, sources, na, overrides))
    prepared = tuple(out)
    if len(_PREPARED) > 16:
        _PREPARED.clear()
    _PREPARED[id(rules)] = (rules, prepared)
    return prepared


def _combine(p: _Prepared, findings: tuple[Finding, ...]) -> Verdict:
    check = p.check
    if len(findings) == 1:
        fd = findings[0]
        status = fd.status
        questions: tuple[str, ...] = ()
        if status is Status.UNKNOWN or status is Status.CONCERN:
            questions = fd.questions if fd.questions is not None else check.questions
        sources = p.sources
        overrides: tuple[str, ...] = ()
        if fd.override is not None:
            overrides = (fd.override,)
            sources = sources + p.override_sources[fd.override]
        return Verdict(check.id, status, (fd.code,), (fd.reason,), fd.evidence, sources,
                       questions, overrides, fd.narrowing)
    status = max((fd.status for fd in findings), key=_SEVERITY.__getitem__)
    codes: dict[str, None] = {}
    reasons: dict[str, None] = {}
    qs: dict[str, None] = {}
    evidence: list[Evidence] = []
    ovs: dict[str, None] = {}
    narrowings = []
    for fd in findings:
        codes[fd.code] = None
        reasons[fd.reason] = None
        evidence.extend(fd.evidence)
        if fd.status is Status.UNKNOWN or fd.status is Status.CONCERN:
            for q in (fd.questions if fd.questions is not None else check.questions):
                qs[q] = None
        if fd.override is not None:
            ovs[fd.override] = None
        if fd.narrowing is not None and fd.status is not Status.MET:
            narrowings.append(fd.narrowing)
    sources = p.sources
    for o in ovs:
        sources = sources + p.override_sources[o]
    narrowing = None
    if narrowings and all(fd.narrowing is not None for fd in findings
                          if fd.status in (Status.UNMET, Status.CONCERN, Status.UNKNOWN)):
        narrowing = merge_narrowings(narrowings)
    return Verdict(check.id, status, tuple(codes), tuple(reasons), tuple(evidence), sources,
                   tuple(qs), tuple(ovs), narrowing)


def run_check(p: _Prepared, f: Facts) -> Verdict:
    """Run one prepared check on the facts, failing closed."""
    check = p.check
    if not check.applies.matches(f.types, f.cross_border, f.emergency):
        return p.not_applicable
    try:
        findings = tuple(check.function(f))
        if not findings:
            raise ValueError("the check returned no finding")
        for fd in findings:
            if fd.override is not None and fd.override not in p.override_sources:
                raise ValueError(f"unknown override {fd.override!r}")
        return _combine(p, findings)
    except Exception as exc:  # fail closed: a broken check routes the demand to a person
        return Verdict(
            check.id, Status.UNKNOWN, (f"{check.id}.check_error",),
            (f"The check could not be completed ({type(exc).__name__}: {exc}); a person must "
             "review this safeguard.",),
            (), p.sources, check.questions)


def review(
    demand: Demand,
    policy: Policy | None = None,
    reference: Reference | None = None,
    as_of: dt.date | None = None,
) -> Review:
    """Review one demand against every safeguard and recommend what to do.

    Args:
        demand: the validated demand.
        policy: the policy pack (``None``: the configured or shipped baseline).
        reference: reference data (``None``: the shipped data).
        as_of: the date whose rules apply; ``None`` uses the demand's own date. The engine
            never reads the clock: an edge that wants "today" passes it in.

    Returns:
        The review; equal inputs give an equal review.
    """
    if policy is None or reference is None:
        from scrutiny.policy import load_policy, load_reference

        policy = policy if policy is not None else load_policy()
        reference = reference if reference is not None else load_reference()
    rules = rules_for(policy, reference)
    when = as_of if as_of is not None else demand.date
    f = build_facts(demand, rules, when)
    verdicts = tuple([run_check(p, f) for p in _prepare(rules)])
    decision = decide(verdicts, f)
    extras: dict[str, object] = {}
    reasons = decision.reasons
    recommendation = decision.recommendation
    if decision.escalations:
        extras["escalations"] = list(decision.escalations)
    if f.cross_border_derived:
        extras["cross_border_derived"] = f.cross_border
    if when is None:
        extras["warnings"] = ["no as-of date: the demand has no date and none was given"]
    elif not policy.in_force(when):
        extras["warnings"] = [f"policy {policy.id!r} is not in force on {when.isoformat()}"]
        reasons = (*reasons, f"The policy {policy.id} does not cover {when.isoformat()}; "
                   "a person must confirm which rules apply.")
        if recommendation.strictness < 2:
            from scrutiny.safeguards.types import Recommendation

            recommendation = Recommendation.CLARIFY
    return Review(
        verdicts=verdicts,
        recommendation=recommendation,
        reasons=reasons,
        questions=decision.questions,
        narrowing=decision.narrowing,
        policy_id=rules.policy_id,
        as_of=when.isoformat() if when is not None else "",
        engine_version=ENGINE_VERSION,
        risk=decision.risk,
        extras=extras,
        policy_version=rules.policy_version,
    )
