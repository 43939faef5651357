"""Summary concern labels: the reviewer vocabulary of the GNI-style corpus labels.

A review's verdict codes map onto the short list of concerns a human-rights reviewer raises
(``no_legal_basis``, ``vague_legal_basis``, ``no_independent_authorisation``,
``legitimate_aim_doubtful``, ``overbroad_scope``, ``global_instead_of_local``,
``no_deadline_justification``). Reports and evaluations use these labels; the engine's own
output stays the per-safeguard verdicts.
"""

from __future__ import annotations

from scrutiny.safeguards.types import Review, Status

__all__ = ["CONCERN_CODES", "concern_labels"]

CONCERN_CODES: dict[str, frozenset[str]] = {
    "no_legal_basis": frozenset({"legality.no_basis_cited", "legality.informal_without_basis"}),
    "vague_legal_basis": frozenset({"legality.vague_basis", "legality.basis_without_provision",
                                    "legality.secret_law"}),
    "no_independent_authorisation": frozenset({"independent_authorisation.insufficient",
                                               "independent_authorisation.below_required",
                                               "independent_authorisation.validation_overdue",
                                               "independent_authorisation.unshown",
                                               "independent_authorisation"
                                               ".domestic_law_requires_court"}),
    "legitimate_aim_doubtful": frozenset({"legitimate_aim.protected_reason",
                                          "legitimate_aim.contested_reason",
                                          "protected_expression.protected_category"}),
    "overbroad_scope": frozenset({"proportionality.many_accounts", "proportionality.many_items",
                                  "proportionality.account_level_action",
                                  "proportionality.bulk_collection", "data_minimisation.dragnet",
                                  "data_minimisation.all_records",
                                  "intermediary_intent.general_monitoring"}),
    "global_instead_of_local": frozenset({"territorial_scope.global_on_local_law",
                                          "territorial_scope.removal_requested"}),
    "no_deadline_justification": frozenset({"necessity.deadline_unexplained"}),
}
"""Concern label → the verdict codes that raise it (on a non-met verdict)."""


def concern_labels(review: Review) -> list[str]:
    """The concern labels a review raises, in :data:`CONCERN_CODES` order."""
    raised: set[str] = set()
    for v in review.verdicts:
        if v.status in (Status.MET, Status.NOT_APPLICABLE):
            continue
        raised.update(v.codes)
        if v.safeguard == "independent_authorisation" and not any(
                e.field == "judicial_authorisation.present" and e.value is True
                for e in v.evidence):
            # An issuer whose level cannot be told, with no judicial authorisation shown.
            raised.add("independent_authorisation.unshown")
    return [label for label, codes in CONCERN_CODES.items() if codes & raised]
