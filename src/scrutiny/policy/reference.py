"""Reference data as one object: instruments, jurisdictions, offences (``data/reference/``),
and the law profiles of analysed national laws (``data/reference/law_profiles/<CC>.yaml``).

Loaded strictly and cached; :func:`load_reference` with a folder loads another copy (tests,
or a company's own reviewed reference data).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import PrivateAttr

from scrutiny.demands.vocab import ReasonCategory
from scrutiny.errors import PolicyError
from scrutiny.policy.instruments import Instrument, InstrumentsFile
from scrutiny.policy.jurisdictions import Jurisdiction, JurisdictionsFile, StatusWord, TreatyKey
from scrutiny.policy.offences import Conduct, OffenceEntry, OffencesFile
from scrutiny.policy.sources import Frozen
from scrutiny.policy.yamlload import DATA_DIR, load_yaml_model

if TYPE_CHECKING:
    from scrutiny.instruments.profiles import LawProfile

__all__ = ["REFERENCE_DIR", "REFERENCE_FILES", "Reference", "load_reference"]

REFERENCE_DIR = DATA_DIR / "reference"
"""Folder of the shipped reference data."""

REFERENCE_FILES = ("instruments.yaml", "jurisdictions.yaml", "offences.yaml")
"""The files this module owns (``authorities.yaml`` beside them belongs to intake)."""

LAW_PROFILES = "law_profiles"
"""Sub-folder of the reference data holding jurisdiction law profiles (``<CC>.yaml``)."""


class Reference(Frozen):
    """Instruments, jurisdictions and offences, with the questions the engine asks of them."""

    instruments_file: InstrumentsFile
    jurisdictions_file: JurisdictionsFile
    offences_file: OffencesFile
    _folder: Path | None = PrivateAttr(default=None)
    _profiles: dict[str, LawProfile | None] = PrivateAttr(default_factory=dict)

    # --- instruments ------------------------------------------------------------------

    @property
    def instruments(self) -> dict[str, Instrument]:
        """Source key → instrument (title, url, kind, verified)."""
        return self.instruments_file.instruments

    def instrument(self, key: str) -> Instrument:
        """The instrument for a source key; :class:`PolicyError` if the key is unknown."""
        try:
            return self.instruments[key]
        except KeyError:
            raise PolicyError(f"unknown instrument key {key!r}", location="instruments.yaml",
                              hint="add it to reference/instruments.yaml") from None

    # --- jurisdictions ----------------------------------------------------------------

    @property
    def jurisdictions(self) -> dict[str, Jurisdiction]:
        """ISO 3166-1 alpha-2 → jurisdiction."""
        return self.jurisdictions_file.jurisdictions

    def party_to(self, country: str, treaty: TreatyKey | str, as_of: dt.date) -> bool | None:
        """Whether ``treaty`` was in force for ``country`` on ``as_of``.

        ``None`` when it cannot be said: the state or its status is not recorded, a needed
        date is missing, or ``as_of`` is after the date a "not a party" status was checked.
        """
        key = treaty if type(treaty) is TreatyKey else TreatyKey(str(treaty))
        info = self.jurisdictions_file.treaties[key]
        if as_of < info.opened:
            return False
        treaty_in_force = info.in_force_on(as_of)
        if treaty_in_force is False:
            return False
        j = self.jurisdictions.get(country.upper())
        if j is None or key not in j.treaties:
            return None
        party = j.treaties[key].party_on(as_of)
        if party and treaty_in_force is None:
            return None
        return party

    def treaty_status(self, country: str, treaty: TreatyKey | str,
                      as_of: dt.date) -> StatusWord | None:
        """``party``, ``ratified``, ``signed``, ``none`` on ``as_of``; ``None`` if unknown."""
        key = TreatyKey(str(treaty))
        j = self.jurisdictions.get(country.upper())
        if j is None or key not in j.treaties:
            return None
        if as_of < self.jurisdictions_file.treaties[key].opened:
            return "none"
        word = j.treaties[key].status_on(as_of)
        if word == "party" and self.party_to(country, key, as_of) is not True:
            return "ratified"  # the state is bound, but the treaty is not (known to be) in force
        return word

    # --- offences ---------------------------------------------------------------------

    @property
    def conducts(self) -> dict[str, Conduct]:
        """Conduct id → metadata (speech offence? internationally protected?)."""
        return self.offences_file.conducts

    def offence(self, country: str, conduct: str) -> OffenceEntry | None:
        """The entry for a state and conduct, or ``None`` if not recorded."""
        if conduct not in self.conducts:
            raise KeyError(f"unknown conduct {conduct!r}")
        j = self.offences_file.jurisdictions.get(country.upper())
        return None if j is None else j.offences.get(conduct)

    def criminal(self, country: str, conduct: str, as_of: dt.date | None = None) -> bool | None:
        """Whether ``conduct`` is criminal in ``country`` (``None``: not known).

        With ``as_of``, an entry whose provision applies only ``since`` a later date answers
        ``None``: the map does not record the law before that date.
        """
        entry = self.offence(country, conduct)
        if entry is None:
            return None
        if as_of is not None and entry.since is not None and as_of < entry.since:
            return None
        return entry.criminal

    def conducts_for_reason(self, reason: ReasonCategory | str) -> list[str]:
        """Conduct ids a demand with this reason category may concern (may be empty)."""
        return list(self.offences_file.reason_conducts.get(ReasonCategory(str(reason)), ()))

    def offence_countries(self) -> list[str]:
        """States the offence map covers."""
        return sorted(self.offences_file.jurisdictions)

    def profile_conduct(self, key: str) -> str | None:
        """The offence-map conduct a law profile's conduct key stands for (``None``: none)."""
        return self.offences_file.profile_conducts.get(key)

    # --- law profiles -----------------------------------------------------------------

    def law_profile_countries(self) -> list[str]:
        """States with a law profile in ``law_profiles/`` (empty without a folder)."""
        if self._folder is None:
            return []
        folder = self._folder / LAW_PROFILES
        if not folder.is_dir():
            return []
        return sorted(p.stem.upper() for p in folder.glob("*.yaml")
                      if len(p.stem) == 2 and p.stem.isalpha())

    def law_profile(self, country: str) -> LawProfile | None:
        """The law profile of a state's analysed law, or ``None`` if there is none.

        Profiles are produced by ``scrutiny analyze --profile`` (docs/instruments.md) and
        carry their provenance (instrument, provision ids, spans, analysed-at). Loaded
        strictly on first use and kept with this reference object.

        Raises:
            PolicyError: the profile file does not load (naming the file and key), or
                declares another jurisdiction than its file name.
        """
        code = country.upper()
        if code in self._profiles:
            return self._profiles[code]
        profile = None
        if self._folder is not None:
            path = self._folder / LAW_PROFILES / f"{code}.yaml"
            if path.is_file():
                from scrutiny.instruments.profiles import load_profile

                profile = load_profile(path)
                if profile.jurisdiction.upper() != code:
                    raise PolicyError(
                        f"jurisdiction: {profile.jurisdiction!r} does not match the file name",
                        location=str(path), hint=f"name the file {profile.jurisdiction}.yaml")
        self._profiles[code] = profile
        return profile


def _load(folder: Path) -> Reference:
    ref = Reference(
        instruments_file=load_yaml_model(folder / "instruments.yaml", InstrumentsFile),
        jurisdictions_file=load_yaml_model(folder / "jurisdictions.yaml", JurisdictionsFile),
        offences_file=load_yaml_model(folder / "offences.yaml", OffencesFile),
    )
    ref._folder = folder
    return ref


@lru_cache(maxsize=4)
def _cached(folder: Path) -> Reference:
    return _load(folder)


def load_reference(path: Path | str | None = None) -> Reference:
    """Load reference data (``None``: the shipped ``data/reference``); cached per folder.

    Raises:
        PolicyError: a file is missing or does not validate (naming file and key).
    """
    folder = Path(path).resolve() if path is not None else REFERENCE_DIR
    return _cached(folder)
