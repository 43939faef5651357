"""``dual_criminality``: across borders, the conduct is criminal in both states."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.demands.vocab import DemandType, ReasonCategory
from scrutiny.safeguards.checks._common import CONCERN, MET, NA, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.registry import Applies, Finding, cite, safeguard
from scrutiny.safeguards.rules import Rules
from scrutiny.safeguards.types import Evidence

__all__ = ["dual_criminality"]

_PRESERVE = frozenset({DemandType.PRESERVATION})



_Classified = tuple[str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...],
                    tuple[str, ...], tuple[Evidence, ...]]


def _classify(rules: Rules, country: str, reasons: tuple[ReasonCategory, ...]) -> _Classified:
    """Sort the conducts the reasons may concern by where they are criminal.

    Returns ``(protected, both, speech, lawful, unknown, profiled)``: ``protected`` is
    ``None`` when no conduct is mapped, the title of the first internationally protected
    conduct, or ``""``; then the titles criminal in both states (non-speech and speech),
    lawful in the company's state, not known in either; and the analysed laws' own offence
    provisions cited beside the map. A pure function of its arguments and the tables,
    memoised in ``rules.memo``.
    """
    key = ("dual_criminality", country, reasons)
    hit: _Classified | None = rules.memo.get(key)
    if hit is not None:
        return hit
    conducts: dict[str, None] = {}
    for reason in reasons:
        for c in rules.conduct_reasons[reason]:
            conducts[c] = None
    if not conducts:
        return rules.remember(key, (None, (), (), (), (), ()))
    ref = rules.reference
    home = rules.home_country
    profiled: list[Evidence] = []  # analysed laws' own offence provisions, cited beside the map
    profiled_states = home in rules.profiled_countries or country in rules.profiled_countries
    both: list[str] = []
    speech: list[str] = []
    lawful: list[str] = []
    unknown: list[str] = []
    for c in conducts:
        meta = ref.conducts[c]
        if meta.protected:
            return rules.remember(key, (meta.title, (), (), (), (), ()))
        here = rules.criminal_in(home, c)
        there = rules.criminal_in(country, c)
        if profiled_states:
            home_law = rules.profile_offence(home, c)
            their_law = rules.profile_offence(country, c)
            profiled.extend(home_law)
            profiled.extend(their_law)
            if here is None and home_law:  # the analysed law creates the offence
                here = True
            if there is None and their_law:
                there = True
        if here is False:
            lawful.append(meta.title)
        elif here is None or there is None:
            unknown.append(meta.title)
        elif meta.speech:
            speech.append(meta.title)
        else:
            both.append(meta.title)
    return rules.remember(key, ("", tuple(both), tuple(speech), tuple(lawful), tuple(unknown),
                                tuple(profiled)))



def _shape(f: Facts) -> Hashable:
    """Inputs: the border status, the requesting state, whether preservation is all that is
    demanded (the only use of the types), the reasons and the offence."""
    d = f.demand
    return (f.cross_border, d.requester.country, bool(f.types) and f.types <= _PRESERVE,
            tuple(d.reason_categories), d.offence.text if d.offence is not None else None)

@safeguard(
    "dual_criminality",
    title="Dual criminality for cross-border demands",
    applies=Applies(frozenset(), cross_border=True),
    sources=(
        cite("BUD", "Art 25(5), 29(3)-(4)"), cite("UNCC", "Art 35, 40, 42", verified=False),
        cite("EEV", "Art 12(1)(d), Annex IV"),
        cite("GNI-UNCC", "Statement on the UN Convention against Cybercrime"),
    ),
    questions=(
        "Please describe the conduct concerned and the elements of the offence.",
        "Please provide the text of the offence provision.",
    ),
    codes={
        "dual_criminality.domestic": "requester and company in the same state (not applicable)",
        "dual_criminality.criminal_in_both": "the conduct is criminal in both states (met)",
        "dual_criminality.lawful_in_requested_state": "the conduct is lawful in the company's "
        "state (unmet)",
        "dual_criminality.internationally_protected": "the conduct is internationally "
        "protected expression or activity (unmet)",
        "dual_criminality.speech_offence": "a speech offence matched only broadly (concern)",
        "dual_criminality.preservation_only": "preservation is exempt; a later disclosure is "
        "not (met, by override)",
        "dual_criminality.conduct_unknown": "the conduct is not described or not mapped "
        "(unknown)",
        "dual_criminality.border_unknown": "the requester's state is unknown (unknown)",
    },
    shape=_shape,
)
def dual_criminality(f: Facts) -> list[Finding]:
    """Across borders, the underlying conduct — not its label — must be criminal both in the
    requesting state and in the state whose provider is asked, so that providers are not used
    against conduct lawful there, typically speech (BUD 25(5), 29(3)-(4); UNCC 35, 40, 42).
    The reference offence map says, per state and conduct, whether it is criminal and whether
    the conduct is internationally protected. Lawful in the company's state, or protected, is
    ``unmet``; a speech offence matched in both is a ``concern``; unmapped conduct is
    ``unknown``. A reason maps to several candidate conducts: one criminal in both suffices;
    else a lawful one is ``unmet``. Where a state has a law profile (an analysed national
    law), its own offence provisions for the conduct are cited as further evidence, and fill
    a gap the map leaves (``None``) with "criminal". Override: preservation alone is exempt
    (BUD 29(3); UNCC 42).
    """
    out: list[Finding] = []
    d = f.demand
    if f.cross_border is False:
        out.append(Finding(NA, "dual_criminality.domestic",
                           "The requester is in the company's home state.",
                           (f.ev("requester.country", d.requester.country),)))
        return out
    country = d.requester.country
    if f.cross_border is None or country is None:
        out.append(Finding(UNKNOWN, "dual_criminality.border_unknown",
                           "The requester's state is not known.",
                           (f.ev("requester.country", country),),
                           ("Which state does the requesting authority belong to?",)))
        return out
    if f.types and f.types <= _PRESERVE:
        out.append(Finding(MET, "dual_criminality.preservation_only",
                           "Preservation alone does not require dual criminality; any later "
                           "disclosure will.", (f.ev("demand_types", sorted(f.types)),),
                           override="preservation_exempt_dual_criminality"))
        return out
    home = f.rules.home_country
    protected, both, speech, lawful, unknown, profiled = _classify(
        f.rules, country, tuple(d.reason_categories))
    if protected is None:
        out.append(Finding(UNKNOWN, "dual_criminality.conduct_unknown",
                           "The conduct is not described in terms the offence map covers.",
                           (f.ev("reason_categories", d.reason_categories),
                            f.ev("offence", d.offence.text if d.offence else None))))
        return out
    ev: tuple[Evidence, ...] = (f.ev("reason_categories", d.reason_categories),)
    if protected:
        out.append(Finding(UNMET, "dual_criminality.internationally_protected",
                           f"'{protected}' is internationally protected; it cannot ground "
                           "cross-border assistance.", ev))
        return out
    if profiled:
        ev = ev + profiled
    if both:
        out.append(Finding(MET, "dual_criminality.criminal_in_both",
                           f"The conduct ({'; '.join(both)}) is criminal in both {country} and "
                           f"{home}.", ev))
    elif speech:
        out.append(Finding(CONCERN, "dual_criminality.speech_offence",
                           f"'{'; '.join(speech)}' is a speech offence; check that the "
                           "conduct, not "
                           "just the label, is criminal in both states.", ev))
    elif lawful:
        out.append(Finding(UNMET, "dual_criminality.lawful_in_requested_state",
                           f"'{'; '.join(lawful)}' is not an offence in {home}, the company's "
                           "state.", ev))
    else:
        out.append(Finding(UNKNOWN, "dual_criminality.conduct_unknown",
                           "The offence map does not say whether " + "; ".join(unknown)
                           + f" is criminal in both {country} and {home}.",
                           (f.ev("requester.country", country),)))
    return out
