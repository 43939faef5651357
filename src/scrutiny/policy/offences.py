"""The offence map for dual criminality (``reference/offences.yaml``).

Conducts (not labels) are compared across states: each conduct has metadata (is it a speech
offence? is the expression internationally protected?), and each jurisdiction records for
each conduct whether it is criminal (``true``/``false``/``null`` = not known), the provision
and a source. ``reason_conducts`` maps a demand's reason category to the conducts it may
concern.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from scrutiny.demands.vocab import ISO_3166_ALPHA2, ReasonCategory
from scrutiny.policy.sources import Frozen, SourceRef

__all__ = ["Conduct", "JurisdictionOffences", "OffenceEntry", "OffencesFile"]


class Conduct(Frozen):
    """A conduct category and how international law regards it.

    Attributes:
        title: short description of the conduct.
        speech: whether the offence penalises expression.
        protected: whether criminalising the conduct conflicts with international standards
            (the expression is protected under ICCPR 19 / GC34).
        international_standard: one line on the standard, with pinpoints.
        sources: the instruments that define or assess the conduct.
    """

    title: str
    speech: bool
    protected: bool
    international_standard: str
    sources: tuple[SourceRef, ...] = Field(min_length=1)


class OffenceEntry(Frozen):
    """Whether one state criminalises one conduct.

    ``criminal`` is ``None`` when not known; ``provision`` names the article when criminal.
    """

    criminal: bool | None
    provision: str | None = None
    url: str | None = None
    since: dt.date | None = None
    verified: bool = False
    note: str | None = None

    @model_validator(mode="after")
    def _provision(self) -> OffenceEntry:
        if self.criminal is True and not self.provision:
            raise ValueError("criminal: true needs the provision")
        return self


class JurisdictionOffences(Frozen):
    """One state's entries, with the default source for its codes."""

    source: str
    note: str | None = None
    offences: dict[str, OffenceEntry]


class OffencesFile(Frozen):
    """``offences.yaml``."""

    as_of: dt.date
    conducts: dict[str, Conduct] = Field(min_length=1)
    reason_conducts: dict[ReasonCategory, tuple[str, ...]]
    profile_conducts: dict[str, str] = Field(default_factory=dict)
    jurisdictions: dict[str, JurisdictionOffences]

    @model_validator(mode="after")
    def _refs(self) -> OffencesFile:
        known = set(self.conducts)
        for reason, ids in self.reason_conducts.items():
            bad = sorted(set(ids) - known)
            if bad:
                raise ValueError(f"reason_conducts.{reason.value}: unknown conduct(s) "
                                 f"{', '.join(bad)}")
        for key, conduct in self.profile_conducts.items():
            if conduct not in known:
                raise ValueError(f"profile_conducts.{key}: unknown conduct {conduct!r}")
        for code, j in self.jurisdictions.items():
            if code not in ISO_3166_ALPHA2:
                raise ValueError(f"jurisdictions.{code}: not an ISO 3166-1 alpha-2 code")
            bad = sorted(set(j.offences) - known)
            if bad:
                raise ValueError(f"jurisdictions.{code}.offences: unknown conduct(s) "
                                 f"{', '.join(bad)}")
        return self
