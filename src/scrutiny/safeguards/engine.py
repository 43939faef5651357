"""``review()``: run every safeguard check on one demand and roll the verdicts up.

Pure: no clock, database or network. The result is reproducible from (demand, policy,
reference, as_of) and records the policy id/version, the as-of date and the engine version.
Checks fail closed (DESIGN.md §4): an exception inside a check becomes ``unknown`` with code
``<id>.check_error``, never ``met``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrutiny.demands.model import Demand
from scrutiny.safeguards import checks as _checks  # noqa: F401  (registers every check)
from scrutiny.safeguards.facts import Facts, build_facts
from scrutiny.safeguards.overrides import OVERRIDES
from scrutiny.safeguards.registry import REGISTRY, Check, Finding, ShapeFunction
from scrutiny.safeguards.rollup import decide, merge_narrowings
from scrutiny.safeguards.rules import PROFILE_EVIDENCE, Rules, rules_for
from scrutiny.safeguards.types import Evidence, Narrowing, Review, Source, Status, Verdict

if TYPE_CHECKING:
    from scrutiny.policy import Policy, Reference

__all__ = ["ENGINE_VERSION", "review", "run_check"]

ENGINE_VERSION = "1.2.1"
"""Version of the check logic; bump it whenever a check or the roll-up changes behaviour."""

_SEVERITY = {Status.NOT_APPLICABLE: 0, Status.MET: 1, Status.CONCERN: 2, Status.UNKNOWN: 3,
             Status.UNMET: 4}


_new_tuple = tuple.__new__
_UNKNOWN = Status.UNKNOWN
_CONCERN = Status.CONCERN
_MET = Status.MET
_NOT_APPLICABLE = Status.NOT_APPLICABLE


@dataclass(frozen=True, slots=True)
class _Prepared:
    id: str
    check: Check
    sources: tuple[Source, ...]
    not_applicable: Verdict
    override_sources: dict[str, tuple[Source, ...]]
    function: Callable[[Facts], Sequence[Finding]]
    questions: tuple[str, ...]
    shape: ShapeFunction | None
    check_error: str
    """The code of this check's fail-closed verdict (``<id>.check_error``)."""
    memo: dict[Hashable, Verdict]
    """Verdicts by shape under this (policy, reference), their evidence without text spans:
    see ``registry.ShapeFunction``."""
    cited: set[str]
    """Every demand field the evidence of a kept verdict cites (a demand whose provenance
    records none of them takes a kept verdict as it is)."""


SHAPE_CACHE = True
"""Reuse a check's verdict for a demand of the same shape (tests switch it off to compare)."""

_SHAPES_KEPT = 2048
"""Shapes remembered per check (the first ones seen, usually the commonest). A full memo
keeps what it has rather than churning: bounded memory, and nothing more for the garbage
collector to trace once it is full."""


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
        out.append(_Prepared(check.id, check, sources, na, overrides, check.function,
                             check.questions, check.shape, f"{check.id}.check_error", {},
                             set()))
    prepared = tuple(out)
    if len(_PREPARED) > 16:
        _PREPARED.clear()
    _PREPARED[id(rules)] = (rules, prepared)
    return prepared


def _combine(p: _Prepared, findings: Sequence[Finding]) -> Verdict:
    check = p.check
    if len(findings) == 1:
        fd = findings[0]
        status = fd.status
        questions: tuple[str, ...] = ()
        if status is _UNKNOWN or status is _CONCERN:
            questions = fd.questions if fd.questions is not None else check.questions
        if fd.override is None:
            return _new_tuple(Verdict, (p.id, status, (fd.code,), (fd.reason,), fd.evidence,
                                        p.sources, questions, (), fd.narrowing))
        return Verdict(check.id, status, (fd.code,), (fd.reason,), fd.evidence,
                       p.sources + p.override_sources[fd.override], questions,
                       (fd.override,), fd.narrowing)
    if not findings:
        raise ValueError("the check returned no finding")
    # One pass: the worst status (the first of equal severity), codes, reasons and questions
    # without repeats, the evidence in order, the overrides, and the problems' narrowings.
    severity = _SEVERITY
    default_questions = check.questions
    worst = -1
    status = _MET
    codes: dict[str, None] = {}
    reasons: dict[str, None] = {}
    evidence: list[Evidence] = []
    asked: dict[str, None] = {}
    overrides: dict[str, None] = {}
    narrowings: list[Narrowing] = []
    resolvable = True  # every problem comes with a narrowing
    for fd in findings:
        st = fd[0]
        rank = severity[st]
        if rank > worst:
            worst = rank
            status = st
        codes[fd[1]] = None
        reasons[fd[2]] = None
        evidence.extend(fd[3])
        if st is _UNKNOWN or st is _CONCERN:
            for q in (fd[4] if fd[4] is not None else default_questions):
                asked[q] = None
        if fd[5] is not None:
            overrides[fd[5]] = None
        if st is not _MET and st is not _NOT_APPLICABLE:
            if fd[6] is None:
                resolvable = False
            else:
                narrowings.append(fd[6])
    narrowing = merge_narrowings(narrowings) if narrowings and resolvable else None
    sources = p.sources
    for o in overrides:
        sources = sources + p.override_sources[o]
    return _new_tuple(Verdict, (p.id, status, tuple(codes), tuple(reasons), tuple(evidence),
                                sources, tuple(asked), tuple(overrides), narrowing))


def run_check(p: _Prepared, f: Facts) -> Verdict:
    """Run one prepared check on the facts, failing closed."""
    if not p.check.applies.matches(f.types, f.cross_border, f.emergency):
        return p.not_applicable
    return _run(p, f)


def _verdicts(prepared: tuple[_Prepared, ...], applicable: tuple[bool, ...],
              f: Facts) -> list[Verdict]:
    """Every check's verdict in catalogue order; a check with a declared shape reuses the
    verdict of an earlier demand of the same shape, with this demand's text spans (one loop:
    no call per reuse)."""
    out: list[Verdict] = []
    append = out.append
    shaped = SHAPE_CACHE
    prov = f.provenance
    for p, ok in zip(prepared, applicable, strict=True):
        if not ok:
            append(p.not_applicable)
            continue
        shape = p.shape
        if shape is None or not shaped:
            append(_run(p, f))
            continue
        memo = p.memo
        try:
            key = shape(f)
            hit = memo.get(key) if key is not None else None
        except Exception:  # a shape that cannot be read or hashed: run the check itself
            append(_run(p, f))
            continue
        if hit is None:
            verdict = _run(p, f)
            if key is not None and len(memo) < _SHAPES_KEPT and verdict[2][0] != p.check_error:
                kept = _template(verdict, f, p.cited)  # a failure is never reused; a full
                if kept is not None:                   # memo keeps what it has
                    memo[key] = kept
            append(verdict)
        elif prov and not prov.keys().isdisjoint(p.cited):
            append(_with_spans(hit, p.cited, f))
        else:
            append(hit)
    return out


def _template(verdict: Verdict, f: Facts, cited: set[str]) -> Verdict | None:
    """The verdict as kept for reuse: its evidence without text spans (a later demand's own
    provenance supplies them), adding the demand fields it cites to ``cited`` (law-profile
    evidence is reference data and never takes spans). ``None`` when some evidence carries
    spans other than its field's provenance: not reusable that way."""
    evidence = verdict[4]
    fields = [e[0] for e in evidence if not e[0].startswith(PROFILE_EVIDENCE)]
    if any([e[2] for e in evidence]):
        spans = f.spans
        if any([e[2] != (spans(e[0]) if e[0] in fields else ()) for e in evidence]):
            return None
        evidence = tuple([_new_tuple(Evidence, (e[0], e[1], ())) for e in evidence])
    cited.update(fields)
    # Kept verdicts share equal texts and evidence: a smaller memo stays in the CPU caches.
    shared = _SHARED
    if len(shared) < _SHARED_KEPT:
        with contextlib.suppress(TypeError):  # an unhashable evidence value: kept as it is
            evidence = tuple([shared.setdefault(e, e) for e in evidence])
        return _new_tuple(Verdict, (verdict[0], verdict[1], verdict[2],
                                    tuple([shared.setdefault(r, r) for r in verdict[3]]),
                                    evidence, verdict[5], verdict[6], verdict[7], verdict[8]))
    return verdict._replace(evidence=evidence)


_SHARED: dict[Any, Any] = {}
_SHARED_KEPT = 65536
"""Texts and evidence items shared by kept verdicts (bounded; a full table shares no more)."""


def _with_spans(verdict: Verdict, cited: set[str], f: Facts) -> Verdict:
    """A kept verdict with this demand's text spans on the demand fields its evidence cites
    (the kept verdict itself when this demand records spans for none of them)."""
    prov = f.provenance
    evidence = verdict[4]
    changed: list[Evidence] | None = None
    for i, e in enumerate(evidence):
        field = e[0]
        if field in cited and prov.get(field):
            if changed is None:
                changed = list(evidence)
            changed[i] = _new_tuple(Evidence, (field, e[1], f.spans(field)))
    if changed is None:
        return verdict
    return _new_tuple(Verdict, (verdict[0], verdict[1], verdict[2], verdict[3], tuple(changed),
                                verdict[5], verdict[6], verdict[7], verdict[8]))


def _run(p: _Prepared, f: Facts) -> Verdict:
    try:
        findings = p.function(f)
        if len(findings) == 1:  # the common case, inlined (no second call, no loops)
            fd = findings[0]
            status = fd[0]
            if fd[5] is None:
                questions: tuple[str, ...] = ()
                if status is _UNKNOWN or status is _CONCERN:
                    questions = fd[4] if fd[4] is not None else p.questions
                return _new_tuple(Verdict, (p.id, status, (fd[1],), (fd[2],), fd[3],
                                            p.sources, questions, (), fd[6]))
        return _combine(p, findings)  # an unknown override id: KeyError, check_error
    except Exception as exc:  # fail closed: a broken check routes the demand to a person
        return Verdict(
            p.id, Status.UNKNOWN, (p.check_error,),
            (f"The check could not be completed ({type(exc).__name__}: {exc}); a person must "
             "review this safeguard.",),
            (), p.sources, p.check.questions)


_APPLIES: dict[tuple[int, frozenset[object], bool | None, bool], tuple[bool, ...]] = {}


def _applicable(prepared: tuple[_Prepared, ...], f: Facts) -> tuple[bool, ...]:
    """Which checks apply to a demand of this shape (memoised: few distinct shapes occur)."""
    key = (id(prepared), f.types, f.cross_border, f.emergency)
    hit = _APPLIES.get(key)
    if hit is None:
        hit = tuple(p.check.applies.matches(f.types, f.cross_border, f.emergency)
                    for p in prepared)
        if len(_APPLIES) > 4096:
            _APPLIES.clear()
        _APPLIES[key] = hit
    return hit


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
    prepared = _prepare(rules)
    verdicts = tuple(_verdicts(prepared, _applicable(prepared, f), f))
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
    return Review.make(verdicts, recommendation, reasons, decision.questions,
                       decision.narrowing, rules.policy_id,
                       when.isoformat() if when is not None else "", ENGINE_VERSION,
                       decision.risk, extras, rules.policy_version)
