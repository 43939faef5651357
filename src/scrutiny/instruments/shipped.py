"""The instruments shipped with Scrutiny (``scrutiny/data/instruments/``) and their names."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from scrutiny.errors import InputError
from scrutiny.policy.yamlload import DATA_DIR, load_yaml_model

__all__ = ["INSTRUMENTS_DIR", "ShippedInstrument", "resolve_shipped", "shipped_instruments"]

INSTRUMENTS_DIR = DATA_DIR / "instruments"


class ShippedInstrument(BaseModel):
    """One entry of ``index.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    file: str
    aliases: list[str] = []
    key: str | None = None
    kind: str
    jurisdiction: str | None = None
    sha256: str

    @property
    def path(self) -> Path:
        """Where the text is."""
        return INSTRUMENTS_DIR / self.file


class _Index(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    instruments: list[ShippedInstrument]


@lru_cache(maxsize=1)
def shipped_instruments() -> tuple[ShippedInstrument, ...]:
    """Every shipped instrument, as listed in ``index.yaml``."""
    return tuple(load_yaml_model(INSTRUMENTS_DIR / "index.yaml", _Index).instruments)


def resolve_shipped(name: str) -> ShippedInstrument:
    """The shipped instrument called ``name`` (its name, an alias or its file name).

    Raises:
        InputError: no shipped instrument has that name (the message lists them).
    """
    wanted = name.strip().lower().removesuffix(".txt")
    for inst in shipped_instruments():
        if wanted == inst.name or wanted in inst.aliases:
            return inst
    names = ", ".join(i.name for i in shipped_instruments())
    raise InputError(f"no shipped instrument called {name!r}", location="--instrument",
                     hint=f"choose one of: {names}; or give a file path")
