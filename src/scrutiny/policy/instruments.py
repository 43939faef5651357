"""The registry of legal-source keys (``reference/instruments.yaml``)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from scrutiny.policy.sources import Frozen

__all__ = ["Instrument", "InstrumentKind", "InstrumentsFile"]

InstrumentKind = Literal[
    "treaty", "un_resolution", "un_document", "eu_regulation", "statute", "soft_law",
    "industry_standard", "statement", "guidance",
]


class Instrument(Frozen):
    """One instrument a source key stands for.

    Attributes:
        title: official title.
        short: the short name analysts use.
        kind: treaty, statute, soft-law principles, …
        url: the official (or most authoritative public) text.
        jurisdiction: ISO 3166-1 alpha-2 for national law, ``EU``/``INT`` otherwise.
        date: adoption or opening date, when known.
        verified: ``False`` when title, URL or pinpoints have not been checked against the
            authentic text (SAFEGUARDS.md §6).
        note: anything an analyst should know.
    """

    title: str
    short: str
    kind: InstrumentKind
    url: str | None
    jurisdiction: str = "INT"
    date: dt.date | None = None
    verified: bool = True
    note: str | None = None


class InstrumentsFile(Frozen):
    """``instruments.yaml``: ``as_of`` and the keyed registry."""

    as_of: dt.date
    instruments: dict[str, Instrument] = Field(min_length=1)
