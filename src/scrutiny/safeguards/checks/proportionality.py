"""``proportionality``: the intrusion matches the gravity of the aim."""

from __future__ import annotations

from datetime import date

from scrutiny.demands.vocab import Action, DataCategory, TargetKind, TechnicalAssistance
from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN, UNMET
from scrutiny.safeguards.facts import ACCOUNT_KINDS, Facts
from scrutiny.safeguards.registry import ALL, Finding, cite, safeguard
from scrutiny.safeguards.types import Narrowing

__all__ = ["proportionality"]

_ITEM_KINDS = frozenset({TargetKind.URL, TargetKind.REPOSITORY})
_CONTENT = frozenset({DataCategory.CONTENT, DataCategory.RT_CONTENT})
_TRAFFIC = frozenset({DataCategory.TRAFFIC, DataCategory.RT_TRAFFIC})
_SENSITIVE = _CONTENT | _TRAFFIC
_REAL_TIME = frozenset({DataCategory.RT_CONTENT, DataCategory.RT_TRAFFIC})


@safeguard(
    "proportionality",
    title="Proportionality to the gravity of the offence",
    applies=ALL,
    sources=(
        cite("GC34", "¶34-35, 43"), cite("NP", "P5"), cite("UNCC", "Art 24(1), 24(3)",
                                                           verified=False),
        cite("BUD", "Art 15(1), 15(3)"), cite("EEV", "Art 5(2), 5(4)"), cite("DSA", "Art 9(2)(b)"),
        cite("MANILA", "Principle 4"), cite("OHCHR-14", "¶25-27", verified=False),
    ),
    questions=(
        "What is the maximum penalty for the offence?",
        "Can the period, the accounts or the fields be narrowed?",
        "Would an item-level or local measure do?",
    ),
    codes={
        "proportionality.matches_gravity": "the intrusion matches the offence's gravity (met)",
        "proportionality.minor_offence_sensitive_data": "content, traffic or real-time data for "
        "an offence below the policy's penalty threshold (unmet for content/interception, "
        "concern for traffic)",
        "proportionality.penalty_unknown": "sensitive data sought but the maximum penalty is "
        "not stated (unknown)",
        "proportionality.many_accounts": "more accounts than the policy's threshold (concern)",
        "proportionality.many_items": "more items than the policy's threshold (concern)",
        "proportionality.long_period": "period longer than the policy's threshold (concern)",
        "proportionality.account_level_action": "account suspension where item-level action "
        "may suffice (concern)",
        "proportionality.bulk_collection": "bulk or indiscriminate collection (unmet)",
        "proportionality.scope_unknown": "neither targets nor data sought are stated "
        "(unknown)",
    },
)
def proportionality(f: Facts) -> list[Finding]:
    """The more sensitive the data (content, location, real time) or severe the action
    (global removal, account suspension, service block), the graver the offence and the
    stronger the authorisation must be; third parties count (GC34 ¶34-35, 43; N&P P5).
    Thresholds — accounts, items, days of data, minimum penalty for content, traffic and
    interception — come from the policy pack. Bulk collection, or content or interception for
    an offence below the penalty threshold, is ``unmet``; exceeding a scope threshold is a
    ``concern`` with a narrowing; severity or scope missing is ``unknown``.
    """
    out: list[Finding] = []
    d = f.demand
    r = f.rules
    cats = f.categories
    problem = False
    if not d.targets and not cats and not f.actions:
        out.append(Finding(UNKNOWN, "proportionality.scope_unknown",
                           "Neither the targets nor the data or action sought are stated.",
                           (f.ev("targets", []), f.ev("data_categories", []))))
        return out
    if f.seeks_data and not cats and not d.data_fields:
        problem = True
        out.append(Finding(UNKNOWN, "proportionality.scope_unknown",
                           "Data is sought but the categories of data are not stated.",
                           (f.ev("data_categories", []),),
                           ("Which categories of data are sought, and why each?",)))
    if d.technical_assistance and TechnicalAssistance.BULK_INTERCEPTION in d.technical_assistance:
        problem = True
        out.append(Finding(UNMET, "proportionality.bulk_collection",
                           "Bulk interception is indiscriminate and cannot be proportionate.",
                           (f.ev("technical_assistance", d.technical_assistance),)))
    sensitive = cats & _SENSITIVE if cats else cats
    if sensitive:
        years = d.offence.max_penalty_years if d.offence is not None else None
        if years is None:
            problem = True
            out.append(Finding(UNKNOWN, "proportionality.penalty_unknown",
                               "Sensitive data is sought but the offence's maximum penalty is not "
                               "stated.", (f.ev("offence.max_penalty_years", None),
                                           f.ev("data_categories", sorted(sensitive))),
                               ("What is the maximum penalty for the offence?",)))
        else:
            threshold = (r.min_penalty_interception if cats & _REAL_TIME else
                         r.min_penalty_content if cats & _CONTENT else r.min_penalty_traffic)
            if years < threshold:
                problem = True
                severe = bool(cats & _CONTENT) or bool(cats & _REAL_TIME)
                lighter = tuple(c.value for c in d.data_categories if c not in sensitive)
                narrowing = Narrowing(data_categories=lighter, reasons=(
                    "Release only the less sensitive categories: the offence is too minor for "
                    "content, traffic or real-time data.",)) if lighter else None
                out.append(Finding(
                    UNMET if severe else CONCERN, "proportionality.minor_offence_sensitive_data",
                    f"The offence carries at most {years:g} years, below the {threshold:g} "
                    "years the policy requires for this data.",
                    (f.ev("offence.max_penalty_years", years),
                     f.ev("data_categories", sorted(sensitive))),
                    narrowing=narrowing))
    accounts = [t for t in d.targets if t.kind in ACCOUNT_KINDS]
    if len(accounts) > r.max_accounts:
        problem = True
        out.append(Finding(CONCERN, "proportionality.many_accounts",
                           f"{len(accounts)} accounts are targeted, more than the policy's "
                           f"{r.max_accounts}.", (f.ev("targets", len(accounts)),)))
    if len(d.targets) > r.max_items:
        problem = True
        out.append(Finding(CONCERN, "proportionality.many_items",
                           f"{len(d.targets)} items are targeted, more than the policy's "
                           f"{r.max_items}.", (f.ev("targets", len(d.targets)),)))
    tr = d.time_range
    if tr is not None and tr.start is not None and tr.end is not None:
        days = (tr.end - tr.start).days
        if days > r.max_time_range_days:
            problem = True
            start = tr.end.toordinal() - r.max_time_range_days
            out.append(Finding(CONCERN, "proportionality.long_period",
                               f"The period covers {days} days, more than the policy's "
                               f"{r.max_time_range_days}.", (f.ev("time_range", tr.text or
                                                                  f"{tr.start}..{tr.end}"),),
                               narrowing=Narrowing(
                                   time_range=(date.fromordinal(start).isoformat(),
                                               tr.end.isoformat()),
                                   reasons=(f"Limit the period to the last {r.max_time_range_days} "
                                            "days.",))))
    if Action.SUSPEND_ACCOUNT in f.actions and any(t.kind in _ITEM_KINDS for t in d.targets):
        problem = True
        out.append(Finding(CONCERN, "proportionality.account_level_action",
                           "Whole accounts are to be suspended although specific items are "
                           "identified; item-level action may suffice.",
                           (f.ev("actions", sorted(f.actions)),)))
    if not problem:
        out.append(Finding(MET, "proportionality.matches_gravity",
                           "The scope and sensitivity of the measure are within the policy's "
                           "thresholds for this offence.", (f.ev("data_categories", sorted(cats)),
                                                            f.ev("targets", len(d.targets)))))
    return out
