"""Workflow parameters taken from the policy pack (policy is data: no numbers in code).

:class:`WorkflowParams` is a small, pure snapshot of what the case workflow needs from a
:class:`scrutiny.policy.Policy`: which safeguards make a decision high-risk (four eyes), how
many days an emergency disclosure has to be followed by formal legal process, when deferred
user notices come up for review, and the response time assumed when a demand states none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from scrutiny.demands.vocab import DemandType

if TYPE_CHECKING:
    from scrutiny.policy import Policy

__all__ = ["WorkflowParams", "load_params"]


@dataclass(frozen=True, slots=True)
class WorkflowParams:
    """What the workflow reads from the policy.

    Attributes:
        policy_id: the pack the values come from.
        policy_version: its version.
        high_risk_safeguards: an ``unmet`` verdict on any of these needs a second person.
        follow_up_days: days after an emergency disclosure by which formal process is due.
        emergency_response_hours: response time for an emergency demand stating none.
        deferral_review_days: days after which a deferred user notice is reviewed again.
        response_hours: response time per demand type when the demand states none.
    """

    policy_id: str
    policy_version: str
    high_risk_safeguards: frozenset[str]
    follow_up_days: int
    emergency_response_hours: int
    deferral_review_days: int
    response_hours: MappingProxyType[DemandType, int] = field(
        default_factory=lambda: MappingProxyType({})
    )

    @classmethod
    def from_policy(cls, policy: Policy) -> WorkflowParams:
        """Read the parameters from a loaded policy pack."""
        return cls(
            policy_id=policy.id,
            policy_version=policy.version,
            high_risk_safeguards=frozenset(policy.high_risk_safeguards),
            follow_up_days=int(policy.emergency.follow_up_days.value),
            emergency_response_hours=int(policy.emergency.response_hours.value),
            deferral_review_days=int(policy.notification.deferral_review_days.value),
            response_hours=MappingProxyType(
                {t: int(policy.deadline_hours(t)) for t in DemandType}
            ),
        )

    def default_hours(self, demand_types: list[DemandType], emergency: bool) -> int | None:
        """Response hours for a demand stating no deadline: the shortest of its types.

        An emergency uses the emergency response time; a demand of no known type uses the
        longest default (it still gets a deadline, never none).
        """
        if emergency:
            return self.emergency_response_hours
        hours = [self.response_hours[t] for t in demand_types if t in self.response_hours]
        if hours:
            return min(hours)
        return max(self.response_hours.values()) if self.response_hours else None


def load_params(policy_path: str | None = None) -> WorkflowParams:
    """The parameters of the configured policy pack (``Settings.policy`` or the baseline)."""
    from pathlib import Path

    from scrutiny.policy import load_policy

    return WorkflowParams.from_policy(load_policy(Path(policy_path) if policy_path else None))
