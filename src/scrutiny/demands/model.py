"""The Demand: one government demand as structured data (SAFEGUARDS.md §3).

Unknown stays ``None`` (or an empty list where the field is a set): the model never
guesses. Extracted values point back to the letter through ``provenance``: a map from a
field path (``requester.authority``, ``targets[2]``, ``legal_bases[0]``) to the spans of
``raw_text`` the value was read from.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeFloat,
    NonNegativeInt,
    model_validator,
)

from scrutiny.demands.vocab import (
    ISO_639_1,
    ISO_3166_ALPHA2,
    Action,
    AuthorityKind,
    Channel,
    DataCategory,
    DemandType,
    ProcessType,
    ReasonCategory,
    SensitiveCategory,
    TargetKind,
    TargetProfile,
    TechnicalAssistance,
    TerritorialScope,
    TreatyChannel,
)

__all__ = [
    "Deadline",
    "Demand",
    "JudicialAuthorisation",
    "LegalBasis",
    "Offence",
    "Requester",
    "Span",
    "Target",
    "TimeRange",
]


def _country(value: str) -> str:
    code = value.strip().upper()
    if code not in ISO_3166_ALPHA2:
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code (e.g. 'RU', 'DE')")
    return code


def _language(value: str) -> str:
    code = value.strip().lower()
    if code not in ISO_639_1:
        raise ValueError(f"{value!r} is not an ISO 639-1 language code (e.g. 'en', 'ru')")
    return code


CountryCode = Annotated[str, AfterValidator(_country)]
LanguageCode = Annotated[str, AfterValidator(_language)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, use_enum_values=False)


class Span(_Strict):
    """A half-open range ``[start, end)`` of character offsets in ``Demand.raw_text``."""

    start: NonNegativeInt
    end: NonNegativeInt
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    extractor: str | None = Field(default=None, description="Name of the extractor that read it.")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError("span end must not be before its start")
        return self


class Requester(_Strict):
    """Who sends the demand."""

    country: CountryCode | None = None
    authority: str | None = Field(default=None, description="Name of the authority.")
    authority_kind: AuthorityKind | None = None
    official_name: str | None = None
    official_title: str | None = None
    official_contact: str | None = Field(default=None, description="Verifiable contact.")
    signed: bool | None = None
    verified: bool | None = Field(
        default=None, description="Independent verification (call-back, portal) result."
    )
    validating_authority: str | None = Field(
        default=None, description="Authority that validated the demand, if any (EEV Art. 4)."
    )


class LegalBasis(_Strict):
    """A provision invoked as the source of the power or of the illegality."""

    text: str = Field(description="The citation as written in the demand.")
    instrument: str | None = Field(
        default=None, description="Normalised instrument, e.g. 'RU Federal Law 149-FZ'."
    )
    provision: str | None = Field(default=None, description="Pinpoint, e.g. 'art 15.1'.")
    public: bool | None = Field(default=None, description="Whether the provision is published.")


class JudicialAuthorisation(_Strict):
    """Prior authorisation (or validation) by a judge or other independent body."""

    present: bool | None = None
    court_decision: str | None = Field(
        default=None, description="Reference of the court decision, as given."
    )
    authorised_by: AuthorityKind | None = Field(
        default=None, description="Kind of body that authorised it (court, prosecutor…)."
    )
    independent: bool | None = Field(
        default=None, description="Whether the authoriser is independent of the investigation."
    )
    validation_due: dt.date | None = Field(
        default=None, description="For urgent demands validated afterwards: by when."
    )


class Target(_Strict):
    """One identifier the demand is about."""

    kind: TargetKind
    value: str
    redacted: bool = Field(
        default=False, description="The identifier was redacted (e.g. '[private]')."
    )


class TimeRange(_Strict):
    """Period of the data sought."""

    start: dt.date | None = None
    end: dt.date | None = None
    text: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> TimeRange:
        if self.start and self.end and self.end < self.start:
            raise ValueError("time_range.end must not be before time_range.start")
        return self


class Offence(_Strict):
    """The offence the demand relates to."""

    text: str | None = None
    max_penalty: str | None = Field(default=None, description="As written, e.g. '5 years'.")
    max_penalty_years: NonNegativeFloat | None = Field(
        default=None, description="Maximum custodial penalty in years, where known."
    )
    conduct: str | None = Field(default=None, description="Description of the conduct.")


class Deadline(_Strict):
    """Response deadline."""

    text: str | None = None
    hours: NonNegativeFloat | None = None


class Demand(_Strict):
    """One government demand. Unknown stays ``None``; empty lists mean "none stated"."""

    id: str | None = Field(default=None, description="Identifier within Scrutiny.")
    reference: str | None = Field(default=None, description="The authority's case number.")
    requester: Requester = Field(default_factory=Requester)
    addressee: str | None = Field(default=None, description="Legal entity addressed.")

    date: dt.date | None = Field(default=None, description="Date of the demand.")
    received_at: dt.datetime | None = None
    channel: Channel | None = None
    languages: list[LanguageCode] = Field(default_factory=list)
    translation_provided: bool | None = None
    in_writing: bool | None = None

    demand_types: list[DemandType] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)

    legal_bases: list[LegalBasis] = Field(default_factory=list)
    process_type: ProcessType | None = None
    judicial_authorisation: JudicialAuthorisation = Field(default_factory=JudicialAuthorisation)

    targets: list[Target] = Field(default_factory=list)
    data_categories: list[DataCategory] = Field(default_factory=list)
    data_fields: list[str] = Field(
        default_factory=list, description="Enumerated fields sought, where listed."
    )
    time_range: TimeRange | None = None

    reason_categories: list[ReasonCategory] = Field(default_factory=list)
    stated_purpose: str | None = None
    offence: Offence | None = None
    facts_summary: str | None = None
    necessity_statement: str | None = None
    proceeding_reference: str | None = None

    deadline: Deadline | None = None
    threat_of_sanction: bool | None = None
    sanction_text: str | None = None
    staff_threatened: bool | None = Field(
        default=None, description="Local employees named or threatened with liability."
    )
    monitoring_required: bool | None = Field(
        default=None, description="Demand requires general monitoring ('similar content')."
    )

    emergency_claimed: bool | None = None
    emergency_justification: str | None = None
    followup_process_committed: bool | None = None

    confidentiality_requested: bool | None = None
    confidentiality_until: dt.date | None = None
    confidentiality_basis: str | None = None
    reporting_prohibited: bool | None = Field(
        default=None, description="Demand forbids even aggregate reporting."
    )

    territorial_scope: TerritorialScope | None = None
    cross_border: bool | None = None
    treaty_channel: TreatyChannel | None = None

    redress_info: str | None = None
    prior_preservation: str | None = None
    recipient_agency: str | None = None
    purpose_limitation: bool | None = None
    onward_transfer: bool | None = None

    technical_assistance: list[TechnicalAssistance] = Field(default_factory=list)
    user_is_minor: bool | None = None
    sensitive_categories: list[SensitiveCategory] = Field(default_factory=list)
    target_profiles: list[TargetProfile] = Field(default_factory=list)

    raw_text: str | None = None
    provenance: dict[str, list[Span]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _spans_within_text(self) -> Demand:
        if self.provenance:
            limit = len(self.raw_text) if self.raw_text is not None else None
            for field, spans in self.provenance.items():
                for span in spans:
                    if limit is None:
                        raise ValueError(f"provenance[{field!r}] given without raw_text")
                    if span.end > limit:
                        raise ValueError(
                            f"provenance[{field!r}] span {span.start}-{span.end} is beyond "
                            f"raw_text (length {limit})"
                        )
        return self

    def dump(self) -> dict[str, Any]:
        """JSON-ready dict, omitting nothing (unknown fields stay ``null``)."""
        return self.model_dump(mode="json")
