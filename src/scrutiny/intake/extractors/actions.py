"""Requested actions and demand types, from the ``actions`` lexicon.

A match that overlaps a threat of sanction ("access will be limited", "будут приняты меры
по ограничению доступа") is the state's own measure, not a request to the company, and is
dropped. Demand types follow from the actions: removal or restriction → content
restriction, account suspension → account action, disclosure → disclosure (emergency
disclosure when an emergency is claimed), preservation → preservation, interception wording
→ interception.
"""

from __future__ import annotations

from scrutiny.demands.vocab import Action, DemandType
from scrutiny.intake.document import View
from scrutiny.intake.extractors.base import Found
from scrutiny.intake.lexicon import Hit, load_lexicon

__all__ = ["action_hits", "demand_types", "extract_actions"]

_ORDER = [Action.REMOVE, Action.RESTRICT_IN_COUNTRY, Action.SUSPEND_ACCOUNT,
          Action.DISCLOSE_USER_DATA, Action.PRESERVE]


def action_hits(view: View, threats: list[Hit]) -> list[Hit]:
    """Action lexicon hits in the view, without those that are the state's own measure.

    Args:
        view: the cleaned view.
        threats: sanction hits in the view (their spans exclude action hits).
    """
    return [hit for hit in load_lexicon("actions").finditer(view.text, view.lowered)
            if not any(t.start < hit.end and hit.start < t.end for t in threats)]


def extract_actions(view: View, threats: list[Hit],
                    hits: list[Hit] | None = None) -> tuple[list[Found[Action]], bool]:
    """Actions the letter asks for.

    Args:
        view: the cleaned view.
        threats: sanction hits in the view (their spans exclude action hits).
        hits: :func:`action_hits` if already computed.

    Returns:
        ``(actions, interception_asked)``.
    """
    found: dict[str, list[Hit]] = {}
    for hit in hits if hits is not None else action_hits(view, threats):
        found.setdefault(hit.value, []).append(hit)
    out = []
    for action in _ORDER:
        hits = found.get(action.value)
        if hits:
            spans = tuple(view.to_original(h.start, h.end) for h in hits[:5])
            conf = min(0.95, max(h.confidence for h in hits) + 0.05 * (len(hits) - 1))
            out.append(Found(action, spans, round(conf, 2), "actions"))
    return out, "interception" in found


def demand_types(actions: list[Action], interception: bool,
                 emergency: bool) -> list[DemandType]:
    """Demand types implied by the actions.

    Args:
        actions: the actions found.
        interception: whether interception was asked for.
        emergency: whether an emergency is claimed.
    """
    types: list[DemandType] = []
    if Action.DISCLOSE_USER_DATA in actions:
        types.append(DemandType.EMERGENCY_DISCLOSURE if emergency else DemandType.DISCLOSURE)
    if Action.PRESERVE in actions:
        types.append(DemandType.PRESERVATION)
    if Action.REMOVE in actions or Action.RESTRICT_IN_COUNTRY in actions:
        types.append(DemandType.CONTENT_RESTRICTION)
    if Action.SUSPEND_ACCOUNT in actions:
        types.append(DemandType.ACCOUNT_ACTION)
    if interception:
        types.append(DemandType.INTERCEPTION)
    return types
