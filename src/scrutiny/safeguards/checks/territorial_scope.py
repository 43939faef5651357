"""``territorial_scope``: measures stay within the issuer's territory and lawful reach."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from functools import lru_cache

from scrutiny.demands.vocab import Action, DemandType, TerritorialScope, TreatyChannel
from scrutiny.policy import TreatyKey
from scrutiny.safeguards.checks._common import CONCERN, MET, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.registry import Applies, Finding, cite, safeguard
from scrutiny.safeguards.types import Narrowing

__all__ = ["territorial_scope"]

_ASK_SCOPE = ("Which territory must the measure cover, and on what legal basis beyond your "
              "own?",)
_TREATY = {
    TreatyChannel.BUDAPEST_ART29: TreatyKey.BUD, TreatyChannel.BUDAPEST_ART31: TreatyKey.BUD,
    TreatyChannel.SAP_ART6: TreatyKey.SAP, TreatyChannel.SAP_ART7: TreatyKey.SAP,
    TreatyChannel.SAP_ART8: TreatyKey.SAP, TreatyChannel.SAP_ART9: TreatyKey.SAP,
    TreatyChannel.UNCC_ART40: TreatyKey.UNCC, TreatyChannel.UNCC_ART42: TreatyKey.UNCC,
}


@lru_cache(maxsize=512)
def _in_country(country: str | None) -> Narrowing | None:
    """The narrowing to an in-country restriction (``None`` when the country is unknown)."""
    if country is None:
        return None
    return Narrowing(territory=country, reasons=(
        f"Restrict access in {country} only instead of removing worldwide.",))



def _shape(f: Facts) -> Hashable:
    """Inputs: the restriction and its scope, the actions (in order), the requesting state,
    the data sought, the border status, the treaty route and, where the check asks whether
    the state was a party to that treaty, the answer (and the as-of date it names when not)."""
    d = f.demand
    channel = d.treaty_channel
    country = d.requester.country
    party: tuple[bool | None, dt.date | None] | None = None
    if (f.seeks_data and f.cross_border and channel in _TREATY and country is not None
            and f.as_of is not None):
        answer = f.rules.reference.party_to(country, _TREATY[channel], f.as_of)
        party = (answer, f.as_of if answer is False else None)
    return (f.restricts, d.territorial_scope, tuple(d.actions), country, f.seeks_data,
            f.cross_border, channel, f.as_of is None, party)

@safeguard(
    "territorial_scope",
    title="Territorial scope and lawful addressee",
    applies=Applies(frozenset({DemandType.CONTENT_RESTRICTION, DemandType.ACCOUNT_ACTION,
                               DemandType.DISCLOSURE}), cross_border=True),
    sources=(
        cite("DSA", "Art 9(2)(b), 9(5)"), cite("GNI-IG", "Interpret jurisdiction narrowly"),
        cite("SCP", "Numbers (state involvement; global or local action)"),
        cite("EEV", "Art 3, 17"), cite("CLOUD", "18 U.S.C. 2713, 2703(h)"),
        cite("BUD", "Art 32"), cite("UNCC", "Art 5", verified=False),
    ),
    questions=(
        "Which territory must the measure cover, and on what legal basis beyond your own?",
        "Which treaty or legal route lets you address this company directly?",
    ),
    codes={
        "territorial_scope.local": "the restriction is limited to the issuer's territory, or "
        "the addressee is within reach (met)",
        "territorial_scope.global_on_local_law": "worldwide effect sought on local law (unmet; "
        "narrow to an in-country restriction)",
        "territorial_scope.removal_requested": "removal (global effect) asked without a stated "
        "scope (concern; narrow to an in-country restriction)",
        "territorial_scope.local_alternative": "an in-country restriction is asked for or "
        "accepted as the alternative to removal: restrict locally (met)",
        "territorial_scope.scope_unstated": "the area the measure covers is not stated "
        "(unknown)",
        "territorial_scope.no_treaty_route": "a foreign authority addresses the company "
        "directly without a treaty route (concern)",
        "territorial_scope.treaty_not_in_force": "the treaty route named is not in force for "
        "the requesting state on the as-of date (unmet)",
        "territorial_scope.treaty_status_unknown": "the treaty status cannot be told "
        "(unknown)",
    },
    shape=_shape,
)
def territorial_scope(f: Facts) -> list[Finding]:
    """Restrictions must stay within the issuer's territory and what is strictly necessary;
    data demands must go to an entity the authority may lawfully address, through a route in
    force for the requesting state; conflicts of law trigger objection procedures (DSA 9(2)(b);
    GNI-IG; EEV 17; CLOUD 2703(h); BUD 32). A worldwide measure on local law is ``unmet`` and
    removal (or account suspension) without a stated scope and without an in-country
    alternative a ``concern`` — both narrowed to an in-country restriction;
    a treaty route not in force on the as-of date (reference data) is ``unmet``.
    """
    out: list[Finding] = []
    d = f.demand
    country = d.requester.country
    noted = False
    if f.restricts:
        scope = d.territorial_scope
        actions = f.actions
        ev = (f.ev("territorial_scope", scope), f.ev("actions", d.actions))
        local_offered = Action.RESTRICT_IN_COUNTRY in actions
        if local_offered and Action.SUSPEND_ACCOUNT not in actions:
            noted = True
            out.append(Finding(MET, "territorial_scope.local_alternative",
                               f"The demand accepts a restriction in {country or 'its state'}; "
                               "restrict there only rather than removing worldwide.", ev))
        elif scope is TerritorialScope.GLOBAL:
            noted = True
            out.append(Finding(UNMET, "territorial_scope.global_on_local_law",
                               "A worldwide measure is sought on the basis of one state's law.", ev,
                               _ASK_SCOPE, narrowing=_in_country(country)))
        elif scope is None and Action.SUSPEND_ACCOUNT in actions:
            noted = True
            out.append(Finding(CONCERN, "territorial_scope.removal_requested",
                               "Suspending an account takes effect worldwide; the issuer's law "
                               "reaches only its own territory.", ev, _ASK_SCOPE,
                               narrowing=_in_country(country)))
        elif scope is None and Action.REMOVE in actions:
            noted = True
            out.append(Finding(CONCERN, "territorial_scope.removal_requested",
                               "Removal takes effect worldwide; the issuer's law reaches only its "
                               "own territory.", ev, _ASK_SCOPE, narrowing=_in_country(country)))
        elif scope is None and Action.REMOVE not in actions:
            noted = True
            out.append(Finding(UNKNOWN, "territorial_scope.scope_unstated",
                               "The area the measure must cover is not stated.", ev, _ASK_SCOPE))
    if f.seeks_data and f.cross_border:
        channel = d.treaty_channel
        if channel is None or channel is TreatyChannel.NONE:
            noted = True
            out.append(Finding(CONCERN, "territorial_scope.no_treaty_route",
                               "A foreign authority addresses the company directly, without a "
                               "treaty or mutual legal assistance route.",
                               (f.ev("treaty_channel", channel),
                                f.ev("requester.country", country)),
                               ("Which treaty or legal route lets you address this company "
                                "directly?",)))
        elif channel in _TREATY and country is not None:
            treaty = _TREATY[channel]
            party = (f.rules.reference.party_to(country, treaty, f.as_of)
                     if f.as_of is not None else None)
            if party is False:
                noted = True
                out.append(Finding(UNMET, "territorial_scope.treaty_not_in_force",
                                   f"{country} was not a party to {treaty.value} on "
                                   f"{f.as_of.isoformat() if f.as_of else '?'}.",
                                   (f.ev("treaty_channel", channel),)))
            elif party is None:
                noted = True
                out.append(Finding(UNKNOWN, "territorial_scope.treaty_status_unknown",
                                   f"Whether {country} was a party to {treaty.value} on the "
                                   "as-of date is not recorded.",
                                   (f.ev("treaty_channel", channel),),
                                   ("Under which treaty and in force since when is this request "
                                    "made?",)))
    if not noted:
        out.append(Finding(MET, "territorial_scope.local",
                           "The measure stays within the issuer's territory and reaches the "
                           "company by a lawful route.", (f.ev("territorial_scope",
                                                               d.territorial_scope),)))
    return out
