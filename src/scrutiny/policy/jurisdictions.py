"""States and their treaty status over time (``reference/jurisdictions.yaml``).

``party_to`` answers from dates only. It returns ``None`` — "cannot say" — when the status
is not recorded, when a needed date is unknown, or when ``as_of`` lies after the date a
"not (yet) a party" status was checked (a state may have joined since).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, model_validator

from scrutiny.demands.vocab import ISO_3166_ALPHA2
from scrutiny.policy.sources import Frozen

__all__ = [
    "DataSource",
    "Jurisdiction",
    "JurisdictionsFile",
    "StatusWord",
    "TreatyInfo",
    "TreatyKey",
    "TreatyStatus",
]


class TreatyKey(StrEnum):
    """Treaties whose status is tracked per state (keys of ``instruments.yaml``)."""

    BUD = "BUD"    # Convention on Cybercrime, ETS 185
    SAP = "SAP"    # Second Additional Protocol, CETS 224
    UNCC = "UNCC"  # UN Convention against Cybercrime


class TreatyInfo(Frozen):
    """A tracked treaty: when it opened and when it entered into force (if it has).

    ``in_force: null`` is only known to hold up to ``checked``; later dates are unknown.
    """

    opened: dt.date
    in_force: dt.date | None = None
    checked: dt.date
    chart_url: str
    entry_after_months: int | None = Field(default=None, ge=1, le=12)
    entry_rule_source: str | None = None
    note: str | None = None

    def entry_for_state(self, deposit: dt.date) -> dt.date | None:
        """Date the treaty enters into force for a state depositing on ``deposit``.

        Rule of the Budapest Convention (Arts 36(4), 37(2)): the first day of the month
        following the expiration of ``entry_after_months`` months after the deposit, and
        never before the treaty itself is in force. ``None`` when the rule is not recorded.
        """
        if self.entry_after_months is None or self.in_force is None:
            return None
        month = deposit.month - 1 + self.entry_after_months
        year, month = deposit.year + month // 12, month % 12 + 1
        # the period expires at the end of the same day N months later; the next month's
        # first day follows (for a deposit on the 1st the period ends on the 1st).
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return max(dt.date(year, month, 1), self.in_force)

    def in_force_on(self, as_of: dt.date) -> bool | None:
        """Whether the treaty itself was in force on ``as_of`` (``None``: can't say)."""
        if self.in_force is not None:
            return as_of >= self.in_force
        return False if as_of <= self.checked else None


StatusWord = Literal["party", "ratified", "signed", "none"]


class TreatyStatus(Frozen):
    """One state's status under one treaty.

    Attributes:
        status: the state's position on ``checked`` (``None``: not known).
        checked: the date the status was read from the depositary (or a cited report).
        signed: date of signature (``None``: not signed, not known, or acceded directly).
        ratified: date the instrument of ratification, acceptance, approval or accession was
            deposited.
        in_force: date the treaty entered into force for the state.
        accession: whether the state joined by accession.
        denounced: date a denunciation took effect.
        verified: ``True`` when what is recorded (status and any dates) was read from the
            depositary or an official record; ``False`` when it comes from secondary reports.
        source: where the status and dates come from.
    """

    status: StatusWord | None
    checked: dt.date
    signed: dt.date | None = None
    ratified: dt.date | None = None
    in_force: dt.date | None = None
    in_force_derived: bool = False
    accession: bool = False
    denounced: dt.date | None = None
    verified: bool = False
    source: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _order(self) -> TreatyStatus:
        if self.signed and self.ratified and self.ratified < self.signed:
            raise ValueError("ratified is before signed")
        if self.ratified and self.in_force and self.in_force < self.ratified:
            raise ValueError("in_force is before ratified")
        if self.status in ("signed", "none") and self.in_force is not None:
            raise ValueError(f"status {self.status!r} contradicts in_force")
        return self

    def party_on(self, as_of: dt.date) -> bool | None:
        """Whether the treaty was in force for the state on ``as_of`` (``None``: can't say)."""
        if self.denounced is not None and as_of >= self.denounced:
            return False
        first = self.signed or self.ratified or self.in_force
        if first is not None and as_of < first:
            return False
        if self.in_force is not None:
            return as_of >= self.in_force
        if self.status == "party":
            return True if as_of >= self.checked else None
        if self.ratified is not None:
            return None  # ratified, date of entry into force not recorded
        if self.status in ("signed", "none"):
            return False if as_of <= self.checked else None
        return None

    def status_on(self, as_of: dt.date) -> StatusWord | None:
        """The state's position on ``as_of``; ``None`` when it cannot be told.

        ``party``: bound and in force for it; ``ratified``: consent to be bound deposited, in
        force not (yet) known; ``signed``: signed, ratification not recorded (a ratification
        after ``checked`` would not be known); ``none``: neither.
        """
        if self.party_on(as_of):
            return "party"
        if self.ratified is not None and as_of >= self.ratified:
            return "ratified"
        if self.signed is not None and as_of >= self.signed:
            return "signed"
        first = self.signed or self.ratified or self.in_force
        if first is not None and as_of < first:
            return "none"
        if self.status == "none" and as_of <= self.checked:
            return "none"
        return None


class DataSource(Frozen):
    """A document treaty statuses were read from (``sources`` in jurisdictions.yaml)."""

    title: str
    url: str


class Jurisdiction(Frozen):
    """A state: name, EU and Council of Europe membership, and treaty status.

    A treaty missing from ``treaties`` means "not recorded" (unknown).
    """

    name: str
    eu_member_since: dt.date | None = None
    eu_member_until: dt.date | None = None
    coe_member: bool = False
    treaties: dict[TreatyKey, TreatyStatus] = Field(default_factory=dict)
    note: str | None = None

    def eu_member(self, as_of: dt.date) -> bool:
        """Whether the state was an EU member state on ``as_of``."""
        if self.eu_member_since is None or as_of < self.eu_member_since:
            return False
        return self.eu_member_until is None or as_of <= self.eu_member_until


class JurisdictionsFile(Frozen):
    """``jurisdictions.yaml``."""

    as_of: dt.date
    treaties: dict[TreatyKey, TreatyInfo]
    sources: dict[str, DataSource] = Field(default_factory=dict)
    jurisdictions: dict[str, Jurisdiction] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _derive_entry(cls, data: Any) -> Any:
        """Fill in ``in_force`` from the ratification date where the treaty's rule allows."""
        if not isinstance(data, dict):
            return data
        treaties = data.get("treaties")
        states = data.get("jurisdictions")
        if not isinstance(treaties, dict) or not isinstance(states, dict):
            return data
        infos: dict[str, TreatyInfo] = {}
        for key, raw in treaties.items():
            try:
                infos[str(key)] = TreatyInfo.model_validate(raw)
            except ValueError:
                return data  # reported by normal validation
        out = dict(data)
        out["jurisdictions"] = {}
        for code, state in states.items():
            if isinstance(state, dict) and isinstance(state.get("treaties"), dict):
                state = dict(state)
                new_treaties = {}
                for key, st in state["treaties"].items():
                    info = infos.get(str(key))
                    if (isinstance(st, dict) and info is not None and st.get("in_force") is None
                            and isinstance(st.get("ratified"), dt.date)
                            and st.get("denounced") is None):
                        entry = info.entry_for_state(st["ratified"])
                        if entry is not None:
                            st = {**st, "in_force": entry, "in_force_derived": True}
                    new_treaties[key] = st
                state["treaties"] = new_treaties
            out["jurisdictions"][code] = state
        return out

    @model_validator(mode="after")
    def _codes(self) -> JurisdictionsFile:
        bad = sorted(c for c in self.jurisdictions if c not in ISO_3166_ALPHA2)
        if bad:
            raise ValueError(f"not ISO 3166-1 alpha-2 codes: {', '.join(bad)}")
        for code, j in self.jurisdictions.items():
            for key, st in j.treaties.items():
                if st.source is not None and st.source not in self.sources:
                    raise ValueError(f"{code}.{key.value}.source: unknown source id "
                                     f"{st.source!r}; add it under 'sources'")
                opened = self.treaties[key].opened if key in self.treaties else None
                first = st.signed or st.ratified
                if opened and first and first < opened:
                    raise ValueError(f"{code}.{key.value}: dated before the treaty opened "
                                     f"({opened.isoformat()})")
        return self
