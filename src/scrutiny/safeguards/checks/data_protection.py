"""``data_protection``: produced data serves only the stated proceeding, with safeguards."""

from __future__ import annotations

from collections.abc import Hashable

from scrutiny.demands.vocab import AuthorityKind, DemandType, TreatyChannel
from scrutiny.safeguards.checks._common import CONCERN, MET, NA, UNKNOWN, UNMET
from scrutiny.safeguards.facts import Facts
from scrutiny.safeguards.registry import Applies, Finding, cite, safeguard

__all__ = ["data_protection"]

_SAFEGUARDED = frozenset({TreatyChannel.SAP_ART6, TreatyChannel.SAP_ART7,
                          TreatyChannel.SAP_ART8, TreatyChannel.SAP_ART9, TreatyChannel.MLAT,
                          TreatyChannel.BUDAPEST_ART31, TreatyChannel.CLOUD_ACT_AGREEMENT,
                          TreatyChannel.EEVIDENCE, TreatyChannel.UNCC_ART40})



def _shape(f: Facts) -> Hashable:
    """Inputs: the demand types, data sought, purpose limitation, onward transfer, the
    authority kind, the treaty route and the recipient."""
    d = f.demand
    return (f.types, f.seeks_data, d.purpose_limitation, d.onward_transfer,
            d.requester.authority_kind, d.treaty_channel, d.recipient_agency)

@safeguard(
    "data_protection",
    title="Data protection of what is produced",
    applies=Applies(frozenset({DemandType.DISCLOSURE, DemandType.EMERGENCY_DISCLOSURE}),
                    cross_border=True),
    sources=(
        cite("UNCC", "Art 36", verified=False), cite("SAP", "Art 14"), cite("BUD", "Art 28"),
        cite("EEV", "Art 13(4)"), cite("NP", "P12"), cite("CLOUD", "18 U.S.C. 2523(b)(4)"),
        cite("OHCHR-18", "¶28-31", verified=False),
    ),
    questions=(
        "Who will receive the data, for which purposes, for how long, and shared with whom?",
    ),
    codes={
        "data_protection.no_data_produced": "no data is produced (not applicable)",
        "data_protection.purpose_limited": "use limited to the proceeding (met)",
        "data_protection.treaty_safeguards": "the treaty route carries purpose limitation "
        "and data-protection terms (met, by override)",
        "data_protection.unrelated_use": "use beyond the stated proceeding (unmet)",
        "data_protection.onward_transfer": "onward sharing contemplated (concern)",
        "data_protection.intelligence_recipient": "an intelligence body receives the data "
        "(concern)",
        "data_protection.no_information": "nothing said about use, retention or sharing "
        "(unknown)",
    },
    shape=_shape,
)
def data_protection(f: Facts) -> list[Finding]:
    """Produced data may serve only the stated proceeding, must be secured, kept no longer
    than needed and not passed on without authorisation; transfers across borders need
    safeguards (UNCC 36; SAP 14; BUD 28; EEV 13(4); N&P P12). Use beyond the proceeding is
    ``unmet``; onward sharing or an intelligence recipient a ``concern``; nothing said
    ``unknown``. Override: a treaty route with its own data-protection terms supplies them.
    """
    out: list[Finding] = []
    d = f.demand
    if not f.seeks_data and DemandType.EMERGENCY_DISCLOSURE not in f.types and f.types:
        out.append(Finding(NA, "data_protection.no_data_produced",
                           "The demand does not ask for data to be handed over.",
                           (f.ev("demand_types", sorted(f.types)),)))
        return out
    if d.purpose_limitation is False:
        out.append(Finding(UNMET, "data_protection.unrelated_use",
                           "The data may be used beyond the stated proceeding.",
                           (f.ev("purpose_limitation", False),)))
        return out
    problem = False
    if d.onward_transfer is True:
        problem = True
        out.append(Finding(CONCERN, "data_protection.onward_transfer",
                           "Onward sharing of the data is contemplated.",
                           (f.ev("onward_transfer", True),)))
    if d.requester.authority_kind is AuthorityKind.INTELLIGENCE:
        problem = True
        out.append(Finding(CONCERN, "data_protection.intelligence_recipient",
                           "An intelligence body receives the data.",
                           (f.ev("requester.authority_kind", d.requester.authority_kind),)))
    if problem:
        return out
    if d.purpose_limitation is True:
        out.append(Finding(MET, "data_protection.purpose_limited",
                           "Use of the data is limited to the stated proceeding.",
                           (f.ev("purpose_limitation", True),)))
    elif d.treaty_channel in _SAFEGUARDED:
        out.append(Finding(MET, "data_protection.treaty_safeguards",
                           "The treaty route used carries purpose limitation and data-protection "
                           "terms.", (f.ev("treaty_channel", d.treaty_channel),),
                           override="treaty_data_protection"))
    else:
        out.append(Finding(UNKNOWN, "data_protection.no_information",
                           "Nothing is said about who receives the data, for what use, for how "
                           "long, or with whom it is shared.", (f.ev("purpose_limitation", None),
                                                                f.ev("recipient_agency",
                                                                     d.recipient_agency))))
    return out
