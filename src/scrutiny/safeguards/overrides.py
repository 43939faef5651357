"""Labelled exceptions (overrides) to the general rule of a check, each with its own sources.

An override is never a buried ``if``: a check that applies one names it in its finding
(``Finding.override``), the verdict lists it, and the catalogue documents it with its sources
(DESIGN.md §5).
"""

from __future__ import annotations

from dataclasses import dataclass

from scrutiny.safeguards.registry import cite
from scrutiny.safeguards.types import Source

__all__ = ["OVERRIDES", "Override"]


@dataclass(frozen=True, slots=True)
class Override:
    """One labelled exception: which check, what it changes, and the law that allows it."""

    id: str
    safeguard: str
    title: str
    sources: tuple[Source, ...]


OVERRIDES: dict[str, Override] = {o.id: o for o in (
    Override(
        "eev_certificate_omits_necessity", "necessity",
        "An e-Evidence certificate reaches the provider without the necessity statement, which "
        "goes to the enforcing authority: record unknown, never unmet.",
        (cite("EEV", "Art 9"), cite("EEV", "Art 5(5)(i)")),
    ),
    Override(
        "emergency_ex_post_validation", "independent_authorisation",
        "An emergency request may be issued without prior authorisation if it is validated "
        "promptly afterwards; the emergency itself is judged by emergency_validity.",
        (cite("SCA", "2702(b)(8), 2702(c)(4)"), cite("EEV", "Art 4(5)", verified=False)),
    ),
    Override(
        "preservation_exempt_dual_criminality", "dual_criminality",
        "Preservation is usually granted without dual criminality; disclosure that follows "
        "it is not.",
        (cite("BUD", "Art 29(3)"), cite("UNCC", "Art 42", verified=False)),
    ),
    Override(
        "treaty_data_protection", "data_protection",
        "A treaty channel that carries its own purpose limitation and data-protection terms "
        "supplies the safeguard when the demand itself says nothing.",
        (cite("SAP", "Art 14"), cite("BUD", "Art 28"), cite("UNCC", "Art 36", verified=False)),
    ),
    Override(
        "child_protection_prompt_response", "gender_and_children",
        "A demand to protect a child merits a prompt, well-founded response: a minor being "
        "involved is then not itself a concern.",
        (cite("ICCPR", "Art 24"), cite("UNCC", "Art 14-16", verified=False)),
    ),
)}
