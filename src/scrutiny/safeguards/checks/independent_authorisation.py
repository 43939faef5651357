"""``independent_authorisation``: prior authorisation at the level the data requires."""

from __future__ import annotations

from scrutiny.demands.vocab import AuthorityKind, DataCategory, DemandType
from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.registry import Applies, Finding, cite, safeguard
from scrutiny.safeguards.rules import Rules
from scrutiny.safeguards.types import Evidence, Narrowing

__all__ = ["independent_authorisation"]

_MEASURE = {
    DemandType.PRESERVATION: "preservation",
    DemandType.CONTENT_RESTRICTION: "content_restriction",
    DemandType.ACCOUNT_ACTION: "account_action",
    DemandType.INTERCEPTION: "interception",
}
_ASK_ORDER = ("Which court or judge authorised this demand? Please attach the order.",)
_CATEGORY_KEY = {c: c.value for c in DataCategory}
_DATA = frozenset({DemandType.DISCLOSURE, DemandType.EMERGENCY_DISCLOSURE})
_DATA_KEYS = frozenset(c.value for c in DataCategory)
# Requirement key → the procedural power of a law profile (docs/instruments.md) it uses.
_POWER = {
    "subscriber": "production", "identification": "production", "traffic": "production",
    "content": "production", "rt_traffic": "realtime", "rt_content": "interception",
    "interception": "interception", "preservation": "preservation",
    "content_restriction": "restriction", "account_action": "restriction",
}


def _domestic(f: Facts, keys: list[str], rank: int, ev_level: tuple[Evidence, ...],
              ) -> list[Finding]:
    """Unmet where the requesting state's own analysed law requires a court order."""
    r = f.rules
    country = f.demand.requester.country
    if rank >= r.judicial_rank or country not in r.profiled_countries:
        return []
    out: list[Finding] = []
    for power in dict.fromkeys(_POWER[k] for k in keys):
        where = r.court_required(country, power)
        if where:
            provisions = "; ".join(e.value.split(" (", 1)[0] for e in where)
            out.append(Finding(
                UNMET, "independent_authorisation.domestic_law_requires_court",
                f"{country}'s own law requires a court order for this {power} power "
                f"({provisions}); the demand shows none.", ev_level + where, _ASK_ORDER))
    return out



_Graded = tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str, str], ...],
                Narrowing | None]


def _grade(r: Rules, keys: tuple[str, ...], rank: int, kind: AuthorityKind | None,
           independent: bool) -> _Graded:
    """Grade the level against each category's or measure's requirement.

    Returns the keys met, those met because the policy accepts the authority kind, the keys
    short of their requirement as ``(key, "concern" | "unmet", required level)``, and the
    narrowing to the authorised data categories when only data categories fall short. A pure
    function of its arguments and the policy tables, memoised in ``r.memo``.
    """
    memo_key = ("independent_authorisation", keys, rank, kind, independent)
    hit: _Graded | None = r.memo.get(memo_key)
    if hit is not None:
        return hit
    reqs = r.requirements
    met: list[str] = []
    designated: list[str] = []
    short: list[tuple[str, str, str]] = []
    for key in dict.fromkeys(keys):
        req = reqs[key]
        if rank >= req.required_rank:
            met.append(key)
        elif rank > 0 and kind is not None and kind in req.accepted_kinds and independent:
            met.append(key)
            designated.append(key)
        elif rank >= req.floor_rank:
            short.append((key, "concern", r.rank_names[req.required_rank]))
        else:
            short.append((key, "unmet", r.rank_names[req.required_rank]))
    data_values = _DATA_KEYS
    released = tuple(k for k in met if k in data_values)
    narrowing = None
    if short and released and all(k in data_values for k, _, _ in short):
        narrowing = Narrowing(data_categories=released, reasons=(
            f"Release only {', '.join(released)}: the other categories need a higher "
            "authorisation than the demand has.",))
    return r.remember(memo_key, (tuple(met), tuple(designated), tuple(short), narrowing))


@safeguard(
    "independent_authorisation",
    title="Independent (judicial) authorisation at the required level",
    applies=Applies(None, note="the level required per data category and measure is the "
                    "policy's (process_levels.yaml)"),
    sources=(
        cite("NP", "P6"), cite("UNCC", "Art 24(2)", verified=False), cite("BUD", "Art 15(2)"),
        cite("SAP", "Art 7(2)(b), 13"), cite("EEV", "Art 4"), cite("SCA", "2703(a)-(d)"),
        cite("WIRETAP", "18 U.S.C. 2518"), cite("PENREG", "18 U.S.C. 3123"),
        cite("CLOUD", "18 U.S.C. 2523(b)(4)"), cite("MANILA", "Principle 2"),
        cite("OHCHR-14", "¶37-38", verified=False), cite("OHCHR-18", "¶39", verified=False),
        cite("GNI-UNCC", "Statement on the UN Convention against Cybercrime"),
        cite("GNI-IG", "Require established domestic legal process",
             note="removal and account action on an administrative order alone is not "
             "established legal process"),
        cite("DSA", "Art 9(1)", note="orders of administrative authorities: accepted only "
             "where a pack lists the authority kind in accepted_authority_kinds"),
        cite("ICCPR", "Art 17(1)", note="no arbitrary or unlawful interference: the "
             "requesting state's own procedure, e.g. a court order its law requires, binds it"),
        cite("BUD", "Art 15(1)", note="powers subject to the conditions and safeguards of "
             "domestic law"),
        cite("NP", "P1", note="legality"),
    ),
    questions=(
        "Which court or judge authorised this demand? Please attach the order.",
        "If the demand is urgent, when is judicial validation due?",
    ),
    codes={
        "independent_authorisation.sufficient": "authorised at or above the required level "
        "(met)",
        "independent_authorisation.below_required": "authorised below the required level but "
        "at or above the policy's floor (concern)",
        "independent_authorisation.insufficient": "authorised below the policy's floor, e.g. "
        "executive-only for traffic or content (unmet)",
        "independent_authorisation.designated_authority": "an authority kind the policy "
        "accepts as independent (accepted_authority_kinds, e.g. a vetted regulator), not "
        "shown to lack independence (met)",
        "independent_authorisation.issuer_unknown": "the issuer's kind or process cannot be "
        "told (unknown)",
        "independent_authorisation.measure_unknown": "the data or measure sought is not stated "
        "(unknown)",
        "independent_authorisation.domestic_law_requires_court": "the requesting state's own "
        "law (its law profile) requires a court order for the power used and the demand shows "
        "none (unmet; evidence cites the profile's provision and span)",
        "independent_authorisation.validation_pending": "emergency: ex-post validation due and "
        "not yet passed (concern, by override)",
        "independent_authorisation.validation_overdue": "emergency: validation deadline passed "
        "(unmet)",
        "independent_authorisation.validation_unknown": "emergency: no validation date given "
        "(unknown, by override)",
    },
)
def independent_authorisation(f: Facts) -> list[Finding]:
    """Intrusive demands need prior authorisation (or prompt validation) by a judge or body
    independent of the investigators, at a level rising with the sensitivity of the data
    (SAFEGUARDS.md §2; N&P P6; BUD 15(2); EEV 4). The level the demand stands at and the level
    each data category or measure requires come from the policy: at or above ``required`` is
    ``met``; between ``floor`` and ``required`` a ``concern``; below the floor ``unmet``.
    Removal, blocking and account action need a judge (Manila P2; N&P P6): a prosecutor's
    order is a ``concern``; an administrative order (regulator, police, ministry) without
    judicial or independent validation is ``unmet`` — unless the policy accepts that authority
    kind (``accepted_authority_kinds``, for regulators a company has vetted as independent,
    DSA 9), which then meets it unless the demand shows it is not independent. Categories
    that are authorised can still be released (narrowing).
    Where the reference data holds a law profile of the requesting state (an analysed
    national law) and every provision of that law granting the power used (production,
    real-time collection, interception, preservation, restriction) requires a court order,
    a demand without one is ``unmet`` whatever the policy level (ICCPR 17(1); BUD 15(1)).
    Override: an emergency request may be validated after the fact (SCA 2702(b)(8); EEV 4(5)).
    """
    out: list[Finding] = []
    d = f.demand
    r = f.rules
    keys: list[str] = []
    if not f.types.isdisjoint(_DATA) or (f.seeks_data and DemandType.INTERCEPTION
                                         not in f.types):
        if d.data_categories:
            keys.extend(_CATEGORY_KEY[c] for c in d.data_categories)
        elif f.level_rank is not None and f.level_rank >= r.top_category_rank:
            # Unknown categories: only a level meeting every category's requirement passes.
            keys.extend(_CATEGORY_KEY.values())
        else:
            out.append(Finding(UNKNOWN, "independent_authorisation.measure_unknown",
                               "The data categories sought are not stated, so the required "
                               "level cannot be told.", (f.ev("data_categories", ()),),
                               ("Which categories of data are sought?",)))
    for t in d.demand_types:  # the demand's order: a set's order would vary between runs
        key = _MEASURE.get(t)
        if key is not None:
            keys.append(key)
    if not keys:
        if not f.types:
            out.append(Finding(UNKNOWN, "independent_authorisation.measure_unknown",
                               "The kind of demand is not stated, so the required level cannot be "
                               "told.", (f.ev("demand_types", ()),),
                               ("What measure is demanded (disclosure, preservation, removal…)?",)))
        return out
    rank = f.level_rank
    kind = d.requester.authority_kind
    ja = d.judicial_authorisation
    ev_level = (f.ev("requester.authority_kind", kind), f.ev("process_type", d.process_type),
                f.ev("judicial_authorisation.present", ja.present))
    if rank is None:
        out.append(Finding(UNKNOWN, "independent_authorisation.issuer_unknown",
                           "The kind of issuing body or process cannot be told, so its "
                           "independence "
                           "cannot be checked.", ev_level, _ASK_ORDER))
        return out
    level_name = r.rank_names[rank]
    domestic = [] if f.emergency else _domestic(f, keys, rank, ev_level)
    met, designated, short, narrowing = _grade(r, tuple(keys), rank, kind,
                                               ja.independent is not False)
    if not short:
        if domestic:
            return domestic
        if designated:
            out.append(Finding(MET, "independent_authorisation.designated_authority",
                               f"The policy accepts a '{kind}' as independent for "
                               f"{', '.join(designated)} (accepted_authority_kinds); the "
                               "legality check must still confirm the law designates it.",
                               ev_level))
        else:
            out.append(Finding(MET, "independent_authorisation.sufficient",
                               f"The demand stands at the '{level_name}' level, enough for "
                               f"{', '.join(met)}.", ev_level))
        return out
    if f.emergency:
        due = ja.validation_due
        if due is None:
            out.append(Finding(UNKNOWN, "independent_authorisation.validation_unknown",
                               "An emergency request may be validated afterwards, but no "
                               "validation "
                               "date is given.", (f.ev("judicial_authorisation.validation_due"),),
                               ("If the demand is urgent, when is judicial validation due?",),
                               override="emergency_ex_post_validation"))
        elif f.as_of is None:
            out.append(Finding(UNKNOWN, "independent_authorisation.validation_unknown",
                               "No as-of date is known, so it cannot be told whether validation "
                               "is overdue.", (f.ev("judicial_authorisation.validation_due", due),),
                               ("Has the demand been validated by a judge, and when?",),
                               override="emergency_ex_post_validation"))
        elif f.as_of > due:
            out.append(Finding(UNMET, "independent_authorisation.validation_overdue",
                               f"Judicial validation was due by {due.isoformat()} and is not "
                               "shown.",
                               (f.ev("judicial_authorisation.validation_due", due),)))
        else:
            out.append(Finding(CONCERN, "independent_authorisation.validation_pending",
                               f"Issued without prior authorisation; validation is due by "
                               f"{due.isoformat()}.", (f.ev("judicial_authorisation.validation_due",
                                                            due),),
                               override="emergency_ex_post_validation"))
        return out
    out.extend(domestic)
    for key, status, required in short:
        if status == "unmet":
            out.append(Finding(UNMET, "independent_authorisation.insufficient",
                               f"{key} needs '{required}' authorisation; the demand stands only at "
                               f"'{level_name}'.", ev_level, _ASK_ORDER, narrowing=narrowing))
        else:
            out.append(Finding(CONCERN, "independent_authorisation.below_required",
                               f"{key} should have '{required}' authorisation; the demand "
                               "stands at "
                               f"'{level_name}'.", ev_level, narrowing=narrowing))
    return out
