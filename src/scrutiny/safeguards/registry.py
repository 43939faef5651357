"""The registry of safeguard checks: one pure function per safeguard, with its legal sources.

A check is declared with :func:`safeguard`::

    @safeguard("legality", title="…", applies=ALL, sources=(cite("ICCPR", "Art 17(1)"), …),
               questions=("…",), codes={"legality.no_basis_cited": "…"})
    def legality(f: Facts) -> list[Finding]:
        \"\"\"The legal test, in words a lawyer can check.\"\"\"

The function returns a list of findings (status, stable code, plain-language reason, evidence); the
engine turns them into one :class:`~scrutiny.safeguards.types.Verdict` whose status is the
worst finding's. Sources are structured (instrument key of the reference registry, pinpoint)
and required: declaring a check without them is an error at import time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from scrutiny.demands.vocab import DemandType
from scrutiny.safeguards.types import Evidence, Narrowing, Source, Status

if TYPE_CHECKING:
    from scrutiny.safeguards.facts import Facts

__all__ = [
    "ALL",
    "REGISTRY",
    "Applies",
    "Check",
    "CheckFunction",
    "Finding",
    "ShapeFunction",
    "cite",
    "safeguard",
]

D = DemandType.DISCLOSURE
P = DemandType.PRESERVATION
R = DemandType.CONTENT_RESTRICTION
A = DemandType.ACCOUNT_ACTION
I = DemandType.INTERCEPTION  # noqa: E741
E = DemandType.EMERGENCY_DISCLOSURE

_LETTER = {D: "D", P: "P", R: "R", A: "A", I: "I", E: "E"}


@dataclass(frozen=True, slots=True)
class Applies:
    """Which demands a check applies to (SAFEGUARDS.md §0 "Applies" codes).

    Attributes:
        types: demand types the check applies to; ``None`` means all.
        cross_border: the check (also) applies to every cross-border demand (``X``).
        note: wording for the catalogue when the rule is conditional.
    """

    types: frozenset[DemandType] | None = None
    cross_border: bool = False
    emergency: bool = False
    note: str = ""

    def matches(self, types: frozenset[DemandType], cross_border: bool | None,
                emergency: bool = False) -> bool:
        """Whether a demand of these types (border status, emergency claim) is in scope.

        An empty set of types means "not stated": the check runs (fail closed); so does an
        unknown border status for a cross-border check.
        """
        if self.types is None or not types:
            return True
        if self.cross_border and cross_border is not False:
            return True
        if self.emergency and emergency:
            return True
        return not self.types.isdisjoint(types)

    @property
    def label(self) -> str:
        """Catalogue wording, e.g. ``D, I, E`` or ``all``."""
        if self.types is None:
            text = "all"
        else:
            text = ", ".join(_LETTER[t] for t in DemandType if t in self.types)
            if self.cross_border:
                text = f"{text}, X" if text else "X"
            if self.emergency:
                text = f"{text}, any demand claiming an emergency"
        return f"{text}; {self.note}" if self.note else text


ALL = Applies()


def cite(instrument: str, provision: str, *, verified: bool = True,
         note: str | None = None) -> Source:
    """A structured legal source; the URL is filled from the reference registry at review."""
    return Source(instrument=instrument, provision=provision, note=note, verified=verified)


class Finding(NamedTuple):
    """One observation of a check (an immutable named tuple: checks build many).

    Attributes:
        status: what this observation means for the safeguard.
        code: stable code ``<safeguard>.<reason>`` (documented in the catalogue).
        reason: plain-language explanation.
        evidence: the fields, values and text spans it rests on.
        questions: what to ask; ``None`` uses the check's own questions for unknown/concern.
        override: id of a labelled exception applied (see ``overrides.py``).
        narrowing: a narrower scope that would resolve the problem, when there is one.
    """

    status: Status
    code: str
    reason: str
    evidence: tuple[Evidence, ...] = ()
    questions: tuple[str, ...] | None = None
    override: str | None = None
    narrowing: Narrowing | None = None


CheckFunction = Callable[["Facts"], Sequence[Finding]]

ShapeFunction = Callable[["Facts"], Hashable]
"""A check's *shape*: every input its verdict depends on, as a hashable key.

Optional, for cheap-to-key checks whose inputs take few values (flags, vocabularies): two
demands of equal shape must get equal verdicts from the check under one policy and
reference, text spans aside — the shape holds every value the check reads from the demand
and the facts. The engine then reuses the verdict of an earlier demand of the same shape,
with the evidence's text spans taken from this demand's provenance (evidence built with
:meth:`Facts.ev` carries exactly its field's spans; a check whose *decision* reads spans, as
legality reads the passage around a citation, must key them). A shape of ``None`` means
"compute this demand's verdict afresh" (e.g. for inputs too varied to be worth keeping); a
shape that raises only costs the reuse. ``tests/safeguards/test_shapes.py`` reviews
thousands of varied demands with and without reuse and requires identical reviews; change a
check's shape whenever you change what it reads.
"""


@dataclass(frozen=True, slots=True)
class Check:
    """A registered safeguard check.

    Attributes:
        id: stable safeguard id (SAFEGUARDS.md §1 heading).
        title: short human title.
        test: the legal test the check applies (its docstring).
        applies: demand types in scope.
        sources: structured legal sources (at least one).
        questions: what to ask when information is missing or doubtful ("Ask:" lines).
        codes: every code the check may emit, with its meaning.
        function: the pure check.
        shape: the check's inputs as a hashable key (:data:`ShapeFunction`), or ``None``:
            the verdict is computed afresh for every demand.
    """

    id: str
    title: str
    test: str
    applies: Applies
    sources: tuple[Source, ...]
    questions: tuple[str, ...]
    codes: Mapping[str, str]
    function: CheckFunction
    shape: ShapeFunction | None = None


REGISTRY: dict[str, Check] = {}
"""All checks by id, in catalogue order (SAFEGUARDS.md §1)."""


def safeguard(
    id: str,
    *,
    title: str,
    applies: Applies,
    sources: tuple[Source, ...],
    questions: tuple[str, ...],
    codes: Mapping[str, str],
    shape: ShapeFunction | None = None,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under a stable id.

    ``shape`` (optional) names every input of the check as a hashable key, so that the
    engine can reuse the verdict of a demand of the same shape (:data:`ShapeFunction`).

    Raises:
        ValueError: duplicate id, no sources, no docstring, or codes not prefixed by the id.
    """

    def register(function: CheckFunction) -> CheckFunction:
        if id in REGISTRY:
            raise ValueError(f"safeguard {id!r} registered twice")
        if not sources:
            raise ValueError(f"safeguard {id!r} declares no legal sources")
        doc = (function.__doc__ or "").strip()
        if not doc:
            raise ValueError(f"safeguard {id!r} has no docstring stating its legal test")
        bad = [c for c in codes if not c.startswith(f"{id}.")]
        if bad:
            raise ValueError(f"safeguard {id!r}: codes {bad} must start with '{id}.'")
        REGISTRY[id] = Check(id=id, title=title, test=" ".join(doc.split()), applies=applies,
                             sources=sources, questions=questions, codes=dict(codes),
                             function=function, shape=shape)
        return function

    return register


def codes_of(checks: Iterable[Check]) -> dict[str, str]:
    """Every documented code of these checks (with the engine's own per-check codes)."""
    out: dict[str, str] = {}
    for check in checks:
        out.update(check.codes)
        out[f"{check.id}.check_error"] = "the check failed on this input; a person must review"
        out[f"{check.id}.not_applicable"] = "the check does not apply to this demand type"
    return out
